// Analyzer: turns a question into the weighted features the knowledge-base index compares —
// character unigrams and bigrams of the normalised text, and optionally jieba words.
// Thread-compatible: Analyze is const; the Segmenter it holds must not change during a call.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "text/normalizer.hpp"
#include "text/segmenter.hpp"

namespace kefu::bot {

// Global weights of the feature fields. Defaults are the tuned values (docs/kb.md).
struct AnalyzerOptions {
  double unigram_weight = 3.0;  // a shared character; characters carry most of the signal
  double bigram_weight = 1.0;   // a shared pair of adjacent characters (word order, compounds)
  double word_weight = 0.0;     // a shared jieba word (0: the field is off)
  // Multiplier for function words (particles, pronouns, interjections by jieba's tags), in the
  // word field and for single characters that are function words on their own (的, 吗, 我).
  double function_word_factor = 1.0;
  // The share of the query in the similarity's denominator: score = shared / (s·query +
  // (1−s)·question). 0.5 is Dice (symmetric); higher forgives KB questions their extra words.
  double query_share = 0.5;
};

// A feature: a field-tagged term ("c额", "b额度", "w额度") and its field weight.
struct Feature {
  std::string term;
  double weight = 0;
};

struct Analysis {
  std::string normalized;         // Normalizer::NormalizeForMatching of the input
  std::vector<Feature> features;  // distinct terms
};

class Analyzer {
 public:
  Analyzer(std::shared_ptr<const text::Normalizer> normalizer,
           std::shared_ptr<const text::Segmenter> segmenter, AnalyzerOptions options = {});

  Analysis Analyze(std::string_view question) const;

  const text::Normalizer& normalizer() const { return *normalizer_; }
  const AnalyzerOptions& options() const { return options_; }

 private:
  std::shared_ptr<const text::Normalizer> normalizer_;
  std::shared_ptr<const text::Segmenter> segmenter_;
  AnalyzerOptions options_;
};

}  // namespace kefu::bot
