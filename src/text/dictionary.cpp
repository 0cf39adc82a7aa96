#include "text/dictionary.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace kefu::text {
namespace {

std::string_view NextField(std::string_view line, std::size_t* pos) {
  while (*pos < line.size() && (line[*pos] == ' ' || line[*pos] == '\t')) ++*pos;
  const std::size_t start = *pos;
  while (*pos < line.size() && line[*pos] != ' ' && line[*pos] != '\t') ++*pos;
  return line.substr(start, *pos - start);
}

}  // namespace

Result<std::shared_ptr<const Dictionary>> Dictionary::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read dictionary " + path);
  std::ostringstream contents;
  contents << in.rdbuf();
  auto parsed = Parse(contents.str());
  if (!parsed) return Fail(parsed.error().code, path + ": " + parsed.error().message);
  return parsed;
}

Result<std::shared_ptr<const Dictionary>> Dictionary::Parse(std::string_view contents) {
  auto dictionary = std::make_shared<Dictionary>();
  dictionary->arena_.reserve(contents.size() / 2);
  std::vector<double> freqs;
  double total = 0;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < contents.size();) {
    std::size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    std::size_t pos = 0;
    const std::string_view word = NextField(line, &pos);
    if (word.empty()) continue;
    const std::string_view freq_text = NextField(line, &pos);
    const std::string_view tag = NextField(line, &pos);
    long long freq = 0;
    const auto [ptr, ec] =
        std::from_chars(freq_text.data(), freq_text.data() + freq_text.size(), freq);
    if (ec != std::errc() || ptr != freq_text.data() + freq_text.size() || freq < 0 ||
        word.size() > 0xFFFF) {
      return Fail(ErrorCode::kBadFrame,
                  "line " + std::to_string(line_number) + ": expected \"word freq [pos]\"");
    }
    auto tag_it = std::find(dictionary->pos_names_.begin(), dictionary->pos_names_.end(), tag);
    if (tag_it == dictionary->pos_names_.end()) {
      if (dictionary->pos_names_.size() == 255) {
        return Fail(ErrorCode::kBadFrame, "more than 255 part-of-speech tags");
      }
      dictionary->pos_names_.emplace_back(tag);
      tag_it = dictionary->pos_names_.end() - 1;
    }
    const auto offset = static_cast<std::uint32_t>(dictionary->arena_.size());
    // Text reaching the segmenter is case-folded, so the words must be too.
    for (const char c : word) {
      dictionary->arena_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    dictionary->entries_.push_back(
        Entry{offset, static_cast<std::uint16_t>(word.size()),
              static_cast<std::uint8_t>(tag_it - dictionary->pos_names_.begin()), 0});
    // jieba treats a zero frequency as one; so do we, so that every word has a finite score.
    freqs.push_back(static_cast<double>(std::max(freq, 1LL)));
    total += freqs.back();
  }
  if (dictionary->entries_.empty()) return Fail(ErrorCode::kBadFrame, "empty dictionary");
  dictionary->log_total_ = std::log(total);
  for (std::size_t i = 0; i < dictionary->entries_.size(); ++i) {
    dictionary->entries_[i].log_prob =
        static_cast<float>(std::log(freqs[i]) - dictionary->log_total_);
  }
  const std::string_view arena = dictionary->arena_;
  std::stable_sort(dictionary->entries_.begin(), dictionary->entries_.end(),
                   [arena](const Entry& a, const Entry& b) {
                     return arena.substr(a.offset, a.length) < arena.substr(b.offset, b.length);
                   });
  // A word listed twice (upper and lower case in the file): keep the more frequent.
  std::vector<Entry> unique;
  unique.reserve(dictionary->entries_.size());
  for (const Entry& entry : dictionary->entries_) {
    if (!unique.empty() && arena.substr(unique.back().offset, unique.back().length) ==
                               arena.substr(entry.offset, entry.length)) {
      if (entry.log_prob > unique.back().log_prob) unique.back() = entry;
      continue;
    }
    unique.push_back(entry);
  }
  unique.shrink_to_fit();
  dictionary->entries_ = std::move(unique);
  return std::shared_ptr<const Dictionary>(std::move(dictionary));
}

WordLookup Dictionary::Lookup(std::string_view word) const {
  WordLookup result;
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), word, [this](const Entry& entry, std::string_view key) {
        return arena_.compare(entry.offset, entry.length, key.data(), key.size()) < 0;
      });
  std::size_t i = static_cast<std::size_t>(it - entries_.begin());
  if (i < entries_.size() && WordAt(i) == word) {
    result.is_word = true;
    result.log_prob = entries_[i].log_prob;
    result.pos = pos_names_[entries_[i].pos];
    ++i;
  }
  // Sorted order puts every word that extends `word` right after it.
  result.is_prefix = i < entries_.size() && WordAt(i).starts_with(word);
  return result;
}

std::size_t Dictionary::MemoryBytes() const {
  std::size_t bytes = arena_.capacity() + entries_.capacity() * sizeof(Entry);
  for (const auto& name : pos_names_) bytes += sizeof(name) + name.capacity();
  return bytes;
}

}  // namespace kefu::text
