// Segmenter: splits normalised Chinese text into words — the dictionary words that form the
// most probable path through the sentence (jieba's algorithm without its HMM), with a tenant's
// own words and synonyms layered over the shared Dictionary, which is never copied.
// Thread-compatible: const methods may run concurrently; AddWord/AddSynonym/Remove* need
// exclusive access (the server keeps one Segmenter per tenant, on that tenant's strand).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/dictionary.hpp"

namespace kefu::text {

struct Token {
  std::string text;     // the canonical word when a synonym applies, else the word itself
  std::string surface;  // the word as it appears in the text
  std::string pos;      // jieba tag; "eng" for a Latin run, "m" for digits, "" when unknown
  bool known = false;   // in the dictionary or the tenant's words

  // Particles, modal particles, interjections, pronouns, punctuation-like symbols (jieba tags
  // u*, y, e, r*, x): words that rarely carry a customer's intent.
  bool IsFunctionWord() const;
};

class Segmenter {
 public:
  explicit Segmenter(std::shared_ptr<const Dictionary> dictionary);

  // Adds or replaces a tenant word, in matching form (Normalizer::NormalizeForMatching).
  // freq <= 0 picks a frequency just high enough for the word to be kept whole, as jieba's
  // suggest_freq does.
  void AddWord(std::string_view word, double freq = 0, std::string_view pos = "n");
  // Returns false when `word` was not a tenant word.
  bool RemoveWord(std::string_view word);

  // Segments `word` as a unit (adding it as a tenant word if the dictionary lacks it) and
  // reports it as `canonical`. Both in matching form.
  void AddSynonym(std::string_view word, std::string_view canonical);
  // Returns false when `word` had no synonym.
  bool RemoveSynonym(std::string_view word);

  // Segments normalised text. Separators (spaces, punctuation) end words and produce no token;
  // a run of ASCII letters and digits is one unit; a character that is no dictionary word on
  // its own becomes a single-character token.
  std::vector<Token> Segment(std::string_view normalized) const;

  const Dictionary& dictionary() const { return *dictionary_; }

 private:
  struct TenantWord {
    double log_prob;
    std::string pos;
  };

  WordLookup Lookup(std::string_view word) const;
  // The best path's log-probability over `block` (no separators) and its word boundaries.
  double BestPath(std::string_view block, std::vector<std::string_view>* words) const;

  std::shared_ptr<const Dictionary> dictionary_;
  std::map<std::string, TenantWord, std::less<>> words_;
  std::map<std::string, std::string, std::less<>> synonyms_;
};

}  // namespace kefu::text
