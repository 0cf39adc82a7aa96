#include "bot/matcher.hpp"

#include <algorithm>
#include <unordered_set>

namespace kefu::bot {
namespace {

// How many prefix matches Suggest looks at before choosing the shortest: bounds its cost on a
// prefix shared by thousands of questions ("怎么").
constexpr std::size_t kPrefixScanLimit = 256;

// Rank first ignores the commonest terms' power to create candidates (MaxScore pruning); the
// result is exact when the k-th candidate scores at least this. Top candidates of real
// questions usually do (see docs/kb.md); lower bounds prune more but fall back more often.
constexpr double kPruneBound = 0.3;

}  // namespace

struct Matcher::Scored {
  float score;
  std::uint32_t question;
};

std::vector<Candidate> Matcher::Rank(const KbIndex& index, std::string_view question, Millis now,
                                     std::size_t k) {
  if (k == 0 || index.live_questions_ == 0) return {};
  const Analysis analysis = index.analyzer().Analyze(question);
  // Pruning is exact when it can prove itself (see RankTerms); otherwise rank again without it.
  std::vector<Candidate> out = RankTerms(index, analysis, now, k, kPruneBound);
  if (out.size() < k || out.back().confidence < kPruneBound) {
    out = RankTerms(index, analysis, now, k, 0);
  }
  return out;
}

std::vector<Candidate> Matcher::RankTerms(const KbIndex& index, const Analysis& analysis,
                                          Millis now, std::size_t k, double prune_bound) {
  std::vector<Candidate> out;
  struct QueryTerm {
    const std::vector<std::uint32_t>* posting;
    float contribution;  // field weight × IDF
  };
  std::vector<QueryTerm> terms;
  double query_norm = 0;
  for (const Feature& feature : analysis.features) {
    auto it = index.term_ids_.find(feature.term);
    if (it == index.term_ids_.end() || index.postings_[it->second].empty()) {
      // Unseen in the knowledge base: as rare as a term can be.
      query_norm += feature.weight * index.Idf(0);
      continue;
    }
    const auto& posting = index.postings_[it->second];
    const auto contribution = static_cast<float>(feature.weight * index.Idf(posting.size()));
    query_norm += contribution;
    terms.push_back(QueryTerm{&posting, contribution});
  }
  const double share = index.analyzer().options().query_share;

  // Similarity: shared / (s·query + (1−s)·question), weighted Dice at s = ½. Symmetric, so a
  // knowledge-base question is penalised for what the visitor did not say as much as the
  // visitor is for what the question does not cover — these are one-line questions, not
  // documents.
  //
  // MaxScore-style pruning: the commonest terms (的, 我, 怎么 — long posting lists) whose
  // contributions add up to less than prune_bound·s·query can only lift a question to below
  // prune_bound on their own, so they add to questions that a rarer term already found and
  // create no new candidates. The result is exact whenever the k-th entry scores at least
  // prune_bound, which Rank checks.
  std::sort(terms.begin(), terms.end(),
            [](const QueryTerm& a, const QueryTerm& b) { return a.contribution < b.contribution; });
  std::size_t common = 0;
  for (double sum = 0; common < terms.size(); ++common) {
    sum += terms[common].contribution;
    if (sum >= prune_bound * share * query_norm) break;
  }
  std::vector<float> shared(index.questions_.size(), 0.0f);
  std::vector<std::uint32_t> touched;
  for (std::size_t t = terms.size(); t-- > common;) {
    for (const std::uint32_t slot : *terms[t].posting) {
      if (shared[slot] == 0.0f) touched.push_back(slot);
      shared[slot] += terms[t].contribution;
    }
  }
  for (std::size_t t = 0; t < common; ++t) {
    for (const std::uint32_t slot : *terms[t].posting) {
      if (shared[slot] != 0.0f) shared[slot] += terms[t].contribution;
    }
  }
  std::vector<Scored> scored;
  scored.reserve(touched.size());
  // Inactive entries are skipped when picking, not here: this loop touches only dense arrays.
  const auto query_part = static_cast<float>(share * query_norm);
  const auto question_share = static_cast<float>(1 - share);
  for (const std::uint32_t slot : touched) {
    const float denominator = query_part + question_share * index.norms_[slot];
    const float score = denominator > 0 ? shared[slot] / denominator : 0.0f;
    scored.push_back(Scored{std::min(score, 1.0f), slot});
  }
  auto better = [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.question < b.question;
  };
  // Stored norms may lag the IDF by up to a tenth of the knowledge base's edits (KbIndex), so
  // the head is rescored with exact norms: returned confidences are exact (1 for the same
  // question) and only the order far below the head can be slightly off.
  auto exact = [&](Scored& item) {
    const auto& q = index.questions_[item.question];
    double norm = 0;
    for (const auto& [term, weight] : q.terms) norm += weight * index.TermIdf(term);
    const double denominator = share * query_norm + (1 - share) * norm;
    const double score = denominator > 0 ? shared[item.question] / denominator : 0.0;
    item.score = static_cast<float>(std::min(score, 1.0));
  };
  // Entries have a few questions each: 4k + 16 questions almost always hold k distinct entries;
  // sort everything only when they do not.
  std::size_t head = std::min(scored.size(), 4 * k + 16);
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(head),
                    scored.end(), better);
  for (std::size_t i = 0; i < head; ++i) exact(scored[i]);
  std::sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(head), better);
  std::unordered_set<std::uint32_t> seen;
  for (std::size_t i = 0; i < scored.size() && out.size() < k; ++i) {
    if (i == head) {
      for (std::size_t j = head; j < scored.size(); ++j) exact(scored[j]);
      std::sort(scored.begin() + static_cast<std::ptrdiff_t>(head), scored.end(), better);
      head = scored.size();
    }
    const auto& q = index.questions_[scored[i].question];
    const KbEntry& entry = index.entries_[q.entry].entry;
    if (!entry.ActiveAt(now) || !seen.insert(q.entry).second) continue;
    out.push_back(Candidate{&entry, index.QuestionText(scored[i].question), scored[i].score});
  }
  return out;
}

MatchResult Matcher::Match(const KbIndex& index, std::string_view question, Millis now,
                           const MatchThresholds& thresholds) {
  MatchResult result;
  auto candidates = Rank(index, question, now, 3);
  if (candidates.empty() || candidates.front().confidence < thresholds.clarify) return result;
  if (candidates.front().confidence >= thresholds.answer) {
    result.band = MatchBand::kAnswer;
    candidates.resize(1);
  } else {
    result.band = MatchBand::kClarify;
    std::erase_if(candidates,
                  [&](const Candidate& c) { return c.confidence < thresholds.clarify; });
  }
  result.candidates = std::move(candidates);
  return result;
}

std::vector<Suggestion> Matcher::Suggest(const KbIndex& index, std::string_view prefix, Millis now,
                                         std::size_t k) {
  std::vector<Suggestion> out;
  const std::string key = index.analyzer().normalizer().NormalizeForMatching(prefix);
  if (key.empty() || k == 0) return out;
  std::vector<std::pair<std::size_t, std::uint32_t>> matches;  // length, question slot
  for (auto it = index.prefixes_.lower_bound(std::make_pair(key, std::uint32_t{0}));
       it != index.prefixes_.end() && it->first.starts_with(key) &&
       matches.size() < kPrefixScanLimit;
       ++it) {
    matches.emplace_back(it->first.size(), it->second);
  }
  std::sort(matches.begin(), matches.end());
  std::unordered_set<const KbEntry*> seen;
  for (const auto& [length, slot] : matches) {
    if (out.size() == k) return out;
    const auto& q = index.questions_[slot];
    const KbEntry& entry = index.entries_[q.entry].entry;
    if (!entry.ActiveAt(now) || !seen.insert(&entry).second) continue;
    out.push_back(Suggestion{&entry, index.QuestionText(slot)});
  }
  for (Candidate& candidate : Rank(index, prefix, now, k + out.size())) {
    if (out.size() == k) break;
    if (!seen.insert(candidate.entry).second) continue;
    out.push_back(Suggestion{candidate.entry, std::move(candidate.matched_question)});
  }
  return out;
}

}  // namespace kefu::bot
