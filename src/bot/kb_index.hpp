// KbIndex: one tenant's knowledge base in memory — an inverted index over the features of
// every question (standard and similar) of every entry, kept up to date entry by entry as an
// administrator edits the knowledge base.
// Thread-compatible: const methods (used by Matcher) may run concurrently; Upsert/Remove/Build
// need exclusive access. The server keeps one KbIndex per tenant on that tenant's strand.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bot/analyzer.hpp"
#include "bot/kb_entry.hpp"

namespace kefu::bot {

class KbIndex {
 public:
  explicit KbIndex(std::shared_ptr<const Analyzer> analyzer);

  // Adds the entry, or replaces the entry with the same id. Entries without any non-blank
  // question are kept (Find works) but never match.
  void Upsert(KbEntry entry);
  // Returns false when no entry has this id.
  bool Remove(std::string_view id);
  // Replaces the whole knowledge base (start-up, import): cheaper than Upsert one by one.
  void Build(std::vector<KbEntry> entries);

  // The entry with this id, or nullptr. The pointer is valid until the next mutation.
  const KbEntry* Find(std::string_view id) const;

  std::size_t size() const { return entry_ids_.size(); }
  std::size_t question_count() const { return live_questions_; }
  // Approximate heap bytes of the index (entries, features, postings, suggestion keys).
  std::size_t MemoryBytes() const;

  const Analyzer& analyzer() const { return *analyzer_; }

 private:
  friend class Matcher;

  using Slot = std::uint32_t;
  static constexpr Slot kNone = 0xFFFFFFFF;

  struct Question {
    Slot entry = kNone;                                  // kNone: a free slot
    std::vector<std::pair<std::uint32_t, float>> terms;  // term id, field weight
    std::uint32_t text_index = 0;  // 0: the standard question, i: similar[i - 1]
    std::string normalized;
  };
  struct EntrySlot {
    KbEntry entry;
    std::vector<Slot> questions;
    bool live = false;
  };

  // Inverse document frequency of a term present in `df` of the `live_questions_` questions.
  float Idf(std::size_t df) const;
  // The original wording of an indexed question.
  const std::string& QuestionText(Slot question_slot) const;
  float TermIdf(std::uint32_t term) const { return Idf(postings_[term].size()); }
  void AddQuestions(Slot entry_slot);
  void RemoveQuestions(Slot entry_slot);
  void RefreshNorms();
  void MaybeRefreshNorms();

  std::shared_ptr<const Analyzer> analyzer_;
  std::vector<EntrySlot> entries_;
  std::vector<Slot> free_entries_;
  std::unordered_map<std::string, Slot> entry_ids_;
  std::vector<Question> questions_;
  // Per question slot, apart from Question so that scoring tens of thousands of candidates
  // reads one dense array: the sum of weight × IDF over its terms (its share of the
  // similarity's denominator).
  std::vector<float> norms_;
  std::vector<Slot> free_questions_;
  std::size_t live_questions_ = 0;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::vector<Slot>> postings_;  // term id → question slots containing it
  // Normalised question text → slot, sorted: prefix search for suggestions.
  std::set<std::pair<std::string, Slot>> prefixes_;
  // Norms use the IDF of when they were computed; they are refreshed once the knowledge base has
  // changed by a tenth since, so that a single edit costs O(its questions), not O(index).
  std::size_t changes_since_refresh_ = 0;
};

}  // namespace kefu::bot
