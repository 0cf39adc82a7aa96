// Dictionary: the shared word list the segmenter walks — jieba's dict.txt ("word freq pos" a
// line), held once per process as a sorted array of words in one arena (no per-word
// allocation). Words are stored in matching form (ASCII lower case).
// Thread-safe: immutable after loading; share it (std::shared_ptr<const Dictionary>).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace kefu::text {

inline constexpr std::string_view kDefaultJiebaDictionary =
    "/usr/lib/python3/dist-packages/jieba/dict.txt";

// What a dictionary knows about one string.
struct WordLookup {
  bool is_word = false;    // the string is a word
  bool is_prefix = false;  // some longer word starts with the string
  double log_prob = 0;     // ln(freq / total) when is_word
  std::string_view pos;    // jieba part-of-speech tag when is_word ("n", "v", "uj", ...)
};

class Dictionary {
 public:
  // Reads a jieba-format dictionary file. Fails with kNotFound when the file cannot be read and
  // kBadFrame (with the line number) when a line is not "word freq [pos]".
  static Result<std::shared_ptr<const Dictionary>> Load(
      const std::string& path = std::string(kDefaultJiebaDictionary));

  // Parses dictionary text in the same format (tests build small dictionaries this way).
  static Result<std::shared_ptr<const Dictionary>> Parse(std::string_view contents);

  WordLookup Lookup(std::string_view word) const;

  // ln(total frequency): an unknown character scores ln(1) - log_total(), as in jieba.
  double log_total() const { return log_total_; }
  std::size_t size() const { return entries_.size(); }
  // Heap bytes held (arena, index, tag names).
  std::size_t MemoryBytes() const;

 private:
  struct Entry {
    std::uint32_t offset;  // into arena_
    std::uint16_t length;  // bytes
    std::uint8_t pos;      // index into pos_names_
    float log_prob;
  };

  std::string_view WordAt(std::size_t i) const {
    return std::string_view(arena_).substr(entries_[i].offset, entries_[i].length);
  }

  std::string arena_;
  std::vector<Entry> entries_;  // sorted by word bytes
  std::vector<std::string> pos_names_;
  double log_total_ = 0;
};

}  // namespace kefu::text
