#include "bot/kb_index.hpp"

#include <algorithm>
#include <cmath>

namespace kefu::bot {

KbIndex::KbIndex(std::shared_ptr<const Analyzer> analyzer) : analyzer_(std::move(analyzer)) {}

float KbIndex::Idf(std::size_t df) const {
  // BM25's IDF: positive for every term, near zero for one in every question.
  const double n = static_cast<double>(live_questions_);
  const double d = static_cast<double>(df);
  return static_cast<float>(std::log(1.0 + (n - d + 0.5) / (d + 0.5)));
}

const std::string& KbIndex::QuestionText(Slot question_slot) const {
  const Question& question = questions_[question_slot];
  const KbEntry& entry = entries_[question.entry].entry;
  return question.text_index == 0 ? entry.question : entry.similar[question.text_index - 1];
}

void KbIndex::AddQuestions(Slot entry_slot) {
  EntrySlot& slot = entries_[entry_slot];
  std::vector<std::string_view> texts{slot.entry.question};
  for (const auto& similar : slot.entry.similar) texts.push_back(similar);
  std::set<std::string> seen;
  for (std::uint32_t text_index = 0; text_index < texts.size(); ++text_index) {
    Analysis analysis = analyzer_->Analyze(texts[text_index]);
    // Blank questions never match; duplicates only cost memory.
    if (analysis.features.empty() || !seen.insert(analysis.normalized).second) continue;
    Slot question_slot;
    if (!free_questions_.empty()) {
      question_slot = free_questions_.back();
      free_questions_.pop_back();
    } else {
      question_slot = static_cast<Slot>(questions_.size());
      questions_.emplace_back();
      norms_.push_back(0);
    }
    Question& question = questions_[question_slot];
    question.entry = entry_slot;
    question.terms.clear();
    question.terms.reserve(analysis.features.size());
    for (const Feature& feature : analysis.features) {
      auto [it, inserted] =
          term_ids_.emplace(feature.term, static_cast<std::uint32_t>(postings_.size()));
      if (inserted) postings_.emplace_back();
      postings_[it->second].push_back(question_slot);
      question.terms.emplace_back(it->second, static_cast<float>(feature.weight));
    }
    question.text_index = text_index;
    question.normalized = std::move(analysis.normalized);
    prefixes_.emplace(question.normalized, question_slot);
    slot.questions.push_back(question_slot);
    ++live_questions_;
  }
  // Norms use the IDF as it is now, including this entry's own terms.
  for (const Slot question_slot : slot.questions) {
    float norm = 0;
    for (const auto& [term, weight] : questions_[question_slot].terms)
      norm += weight * TermIdf(term);
    norms_[question_slot] = norm;
  }
  changes_since_refresh_ += slot.questions.size();
}

void KbIndex::RemoveQuestions(Slot entry_slot) {
  EntrySlot& slot = entries_[entry_slot];
  for (const Slot question_slot : slot.questions) {
    Question& question = questions_[question_slot];
    for (const auto& [term, weight] : question.terms) {
      auto& posting = postings_[term];
      // Order within a posting list does not matter: swap-remove.
      auto it = std::find(posting.begin(), posting.end(), question_slot);
      if (it != posting.end()) {
        *it = posting.back();
        posting.pop_back();
      }
    }
    prefixes_.erase(std::make_pair(question.normalized, question_slot));
    question = Question{};
    free_questions_.push_back(question_slot);
    --live_questions_;
  }
  changes_since_refresh_ += slot.questions.size();
  slot.questions.clear();
}

void KbIndex::RefreshNorms() {
  std::vector<float> idf(postings_.size());
  for (std::size_t term = 0; term < postings_.size(); ++term)
    idf[term] = Idf(postings_[term].size());
  for (std::size_t slot = 0; slot < questions_.size(); ++slot) {
    float norm = 0;
    for (const auto& [term, weight] : questions_[slot].terms) norm += weight * idf[term];
    norms_[slot] = norm;
  }
  changes_since_refresh_ = 0;
}

void KbIndex::MaybeRefreshNorms() {
  if (changes_since_refresh_ * 10 > std::max<std::size_t>(live_questions_, 100)) RefreshNorms();
}

void KbIndex::Upsert(KbEntry entry) {
  Slot entry_slot;
  if (auto it = entry_ids_.find(entry.id); it != entry_ids_.end()) {
    entry_slot = it->second;
    RemoveQuestions(entry_slot);
  } else if (!free_entries_.empty()) {
    entry_slot = free_entries_.back();
    free_entries_.pop_back();
    entry_ids_.emplace(entry.id, entry_slot);
  } else {
    entry_slot = static_cast<Slot>(entries_.size());
    entries_.emplace_back();
    entry_ids_.emplace(entry.id, entry_slot);
  }
  entries_[entry_slot].entry = std::move(entry);
  entries_[entry_slot].live = true;
  AddQuestions(entry_slot);
  MaybeRefreshNorms();
}

bool KbIndex::Remove(std::string_view id) {
  auto it = entry_ids_.find(std::string(id));
  if (it == entry_ids_.end()) return false;
  const Slot entry_slot = it->second;
  RemoveQuestions(entry_slot);
  entries_[entry_slot] = EntrySlot{};
  free_entries_.push_back(entry_slot);
  entry_ids_.erase(it);
  MaybeRefreshNorms();
  return true;
}

void KbIndex::Build(std::vector<KbEntry> entries) {
  entries_.clear();
  free_entries_.clear();
  entry_ids_.clear();
  questions_.clear();
  norms_.clear();
  free_questions_.clear();
  live_questions_ = 0;
  term_ids_.clear();
  postings_.clear();
  prefixes_.clear();
  entries_.reserve(entries.size());
  for (KbEntry& entry : entries) {
    // A later duplicate id replaces the earlier one, as Upsert would.
    if (auto it = entry_ids_.find(entry.id); it != entry_ids_.end()) {
      RemoveQuestions(it->second);
      entries_[it->second].entry = std::move(entry);
      AddQuestions(it->second);
      continue;
    }
    const auto entry_slot = static_cast<Slot>(entries_.size());
    entry_ids_.emplace(entry.id, entry_slot);
    entries_.push_back(EntrySlot{std::move(entry), {}, true});
    AddQuestions(entry_slot);
  }
  RefreshNorms();
}

const KbEntry* KbIndex::Find(std::string_view id) const {
  auto it = entry_ids_.find(std::string(id));
  return it == entry_ids_.end() ? nullptr : &entries_[it->second].entry;
}

std::size_t KbIndex::MemoryBytes() const {
  auto string_bytes = [](const std::string& s) {
    // Short strings live inside the object (SSO).
    return s.capacity() > 15 ? s.capacity() + 1 : 0;
  };
  std::size_t bytes = entries_.capacity() * sizeof(EntrySlot) +
                      questions_.capacity() * sizeof(Question) + norms_.capacity() * sizeof(float) +
                      postings_.capacity() * sizeof(std::vector<Slot>);
  for (const EntrySlot& slot : entries_) {
    bytes += string_bytes(slot.entry.id) + string_bytes(slot.entry.question) +
             string_bytes(slot.entry.answer) + string_bytes(slot.entry.category) +
             slot.questions.capacity() * sizeof(Slot) +
             slot.entry.similar.capacity() * sizeof(std::string) +
             slot.entry.tags.capacity() * sizeof(std::string);
    for (const auto& s : slot.entry.similar) bytes += string_bytes(s);
    for (const auto& s : slot.entry.tags) bytes += string_bytes(s);
  }
  for (const Question& question : questions_) {
    bytes +=
        question.terms.capacity() * sizeof(question.terms[0]) + string_bytes(question.normalized);
  }
  for (const auto& posting : postings_) bytes += posting.capacity() * sizeof(Slot);
  // Hash and tree nodes: key, value and about two pointers of bookkeeping each.
  for (const auto& [term, id] : term_ids_) bytes += sizeof(term) + string_bytes(term) + 32;
  for (const auto& [id, slot] : entry_ids_) bytes += sizeof(id) + string_bytes(id) + 32;
  for (const auto& [text, slot] : prefixes_) bytes += sizeof(text) + string_bytes(text) + 40;
  return bytes;
}

}  // namespace kefu::bot
