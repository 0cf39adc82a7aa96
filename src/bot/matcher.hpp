// Matcher: ranks a tenant's knowledge-base entries for a visitor's question, classifies the
// best into answer / clarify ("您可能想问") / unknown, and suggests questions while the visitor
// types (关键字联想).
// Thread-safe: stateless; concurrent calls are fine as long as the KbIndex is not mutated.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/kb_index.hpp"
#include "common/clock.hpp"

namespace kefu::bot {

struct Candidate {
  const KbEntry* entry = nullptr;  // valid until the index is next mutated
  std::string matched_question;    // the entry's question (standard or similar) that matched
  double confidence = 0;           // in [0, 1]; 1 for the same question after normalisation
};

// Per-tenant thresholds on Candidate::confidence.
struct MatchThresholds {
  double answer = 0.75;   // at or above: answer with the top entry
  double clarify = 0.45;  // at or above (and below `answer`): offer the top 3 to choose from
};

enum class MatchBand {
  kAnswer,   // the top candidate answers
  kClarify,  // "您可能想问": up to three candidates
  kUnknown,  // nothing close enough: a miss
};

struct MatchResult {
  MatchBand band = MatchBand::kUnknown;
  std::vector<Candidate> candidates;  // kAnswer: 1, kClarify: 1–3, kUnknown: none
};

struct Suggestion {
  const KbEntry* entry = nullptr;  // valid until the index is next mutated
  std::string question;            // the question to show (as the knowledge base writes it)
};

class Matcher {
 public:
  // The `k` best entries active at `now`, best first, each once (scored by its best question).
  // Entries sharing no feature with the question are not returned, so fewer than k may come
  // back.
  static std::vector<Candidate> Rank(const KbIndex& index, std::string_view question, Millis now,
                                     std::size_t k);

  // Rank, then the band for `thresholds` (which must satisfy clarify <= answer).
  static MatchResult Match(const KbIndex& index, std::string_view question, Millis now,
                           const MatchThresholds& thresholds);

  // Up to `k` questions for a search box: first the questions that start with `prefix` (after
  // normalisation; shortest first), then the best-ranked other entries. Works from the first
  // character; an empty prefix gives nothing. Each entry appears once.
  static std::vector<Suggestion> Suggest(const KbIndex& index, std::string_view prefix, Millis now,
                                         std::size_t k);

 private:
  struct Scored;
  // Rank over analysed features; terms too common to lift a question to prune_bound alone
  // create no candidates (0: no pruning).
  static std::vector<Candidate> RankTerms(const KbIndex& index, const Analysis& analysis,
                                          Millis now, std::size_t k, double prune_bound);
};

}  // namespace kefu::bot
