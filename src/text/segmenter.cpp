#include "text/segmenter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "text/utf8.hpp"

namespace kefu::text {
namespace {

// Longest word considered, in units: jieba's dictionary has nothing longer that matters, and
// the bound keeps the DAG linear in the sentence length.
constexpr std::size_t kMaxWordUnits = 16;

// The least frequency an automatically weighted tenant word gets (jieba's total is ~6e7, so
// this is a common word). Without a floor, a word of characters the dictionary does not know
// (a product name) would score no better than its unknown parts and lose to any neighbour.
constexpr double kMinTenantWordFreq = 10000;

bool IsSeparator(char32_t cp) {
  return cp < 0x80 && !IsAsciiAlnum(cp);
}

// Byte range of a unit: one character, or one ASCII letter/digit run (a '.' between digits
// stays inside the run: "0.05").
struct Unit {
  std::size_t begin;
  std::size_t end;
};

// The units of `text`, grouped into blocks: separators (ASCII spaces and punctuation) end a
// block and belong to none.
std::vector<std::vector<Unit>> Blocks(std::string_view text) {
  std::vector<std::vector<Unit>> blocks(1);
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t begin = pos;
    const char32_t cp = NextCodePoint(text, &pos);
    if (IsAsciiAlnum(cp)) {
      pos = AsciiRunEnd(text, begin);
      blocks.back().push_back(Unit{begin, pos});
    } else if (IsSeparator(cp)) {
      if (!blocks.back().empty()) blocks.emplace_back();
    } else {
      blocks.back().push_back(Unit{begin, pos});
    }
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

}  // namespace

bool Token::IsFunctionWord() const {
  if (pos.empty()) return false;
  return pos[0] == 'u' || pos == "y" || pos == "e" || pos[0] == 'r' || pos == "x";
}

Segmenter::Segmenter(std::shared_ptr<const Dictionary> dictionary)
    : dictionary_(std::move(dictionary)) {}

WordLookup Segmenter::Lookup(std::string_view word) const {
  WordLookup result = dictionary_->Lookup(word);
  if (words_.empty()) return result;
  auto it = words_.lower_bound(word);
  if (it != words_.end() && it->first == word) {
    // A tenant word overrides the shared entry.
    result.is_word = true;
    result.log_prob = it->second.log_prob;
    result.pos = it->second.pos;
    ++it;
  }
  if (it != words_.end() && std::string_view(it->first).starts_with(word)) result.is_prefix = true;
  return result;
}

double Segmenter::BestPath(std::string_view block, std::vector<std::string_view>* words) const {
  // Units of the block (it has no separators, so Blocks() yields exactly one).
  const auto blocks = Blocks(block);
  if (blocks.empty()) return 0;
  const std::vector<Unit>& units = blocks.front();
  const std::size_t n = units.size();
  const double unknown = -dictionary_->log_total();
  // best[i]: best log-probability of units[i..n); next[i]: end (exclusive) of the first word.
  std::vector<double> best(n + 1, 0);
  std::vector<std::size_t> next(n + 1, n);
  for (std::size_t i = n; i-- > 0;) {
    // A unit alone is always a candidate: its dictionary score or the unknown-word score.
    double best_score = -std::numeric_limits<double>::infinity();
    std::size_t best_end = i + 1;
    for (std::size_t j = i; j < n && j - i < kMaxWordUnits; ++j) {
      const std::string_view candidate =
          block.substr(units[i].begin, units[j].end - units[i].begin);
      const WordLookup found = Lookup(candidate);
      double score = -std::numeric_limits<double>::infinity();
      if (found.is_word) {
        score = found.log_prob + best[j + 1];
      } else if (j == i) {
        score = unknown + best[j + 1];
      }
      // Ties go to the longer word, as in jieba.
      if (score >= best_score) {
        best_score = score;
        best_end = j + 1;
      }
      if (!found.is_prefix) break;
    }
    best[i] = best_score;
    next[i] = best_end;
  }
  if (words != nullptr) {
    for (std::size_t i = 0; i < n; i = next[i]) {
      words->push_back(block.substr(units[i].begin, units[next[i] - 1].end - units[i].begin));
    }
  }
  return best[0];
}

std::vector<Token> Segmenter::Segment(std::string_view normalized) const {
  std::vector<Token> tokens;
  std::vector<std::string_view> words;
  for (const auto& units : Blocks(normalized)) {
    const std::string_view block =
        normalized.substr(units.front().begin, units.back().end - units.front().begin);
    words.clear();
    BestPath(block, &words);
    for (const std::string_view word : words) {
      Token token;
      token.surface = std::string(word);
      const WordLookup found = Lookup(word);
      token.known = found.is_word;
      if (found.is_word) {
        token.pos = std::string(found.pos);
      } else if (IsAsciiAlnum(static_cast<unsigned char>(word.front()))) {
        token.pos = std::all_of(word.begin(), word.end(),
                                [](char c) { return (c >= '0' && c <= '9') || c == '.'; })
                        ? "m"
                        : "eng";
      }
      auto synonym = synonyms_.find(word);
      token.text = synonym != synonyms_.end() ? synonym->second : token.surface;
      tokens.push_back(std::move(token));
    }
  }
  return tokens;
}

void Segmenter::AddWord(std::string_view word, double freq, std::string_view pos) {
  if (word.empty()) return;
  double log_prob = 0;
  if (freq > 0) {
    log_prob = std::log(freq) - dictionary_->log_total();
  } else {
    // Just above the best split of the word (without itself), so that the word wins inside
    // any sentence where its parts would otherwise win alone.
    words_.erase(std::string(word));
    log_prob = std::max(BestPath(word, nullptr) + std::log(2.0),
                        std::log(kMinTenantWordFreq) - dictionary_->log_total());
    const WordLookup shared = dictionary_->Lookup(word);
    if (shared.is_word) log_prob = std::max(log_prob, shared.log_prob);
  }
  words_[std::string(word)] = TenantWord{log_prob, std::string(pos)};
}

bool Segmenter::RemoveWord(std::string_view word) {
  auto it = words_.find(word);
  if (it == words_.end()) return false;
  words_.erase(it);
  return true;
}

void Segmenter::AddSynonym(std::string_view word, std::string_view canonical) {
  if (word.empty() || canonical.empty()) return;
  if (!Lookup(word).is_word) AddWord(word);
  synonyms_[std::string(word)] = std::string(canonical);
}

bool Segmenter::RemoveSynonym(std::string_view word) {
  auto it = synonyms_.find(word);
  if (it == synonyms_.end()) return false;
  synonyms_.erase(it);
  return true;
}

}  // namespace kefu::text
