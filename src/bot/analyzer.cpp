#include "bot/analyzer.hpp"

#include <algorithm>
#include <unordered_map>

#include "text/ngrams.hpp"

namespace kefu::bot {

Analyzer::Analyzer(std::shared_ptr<const text::Normalizer> normalizer,
                   std::shared_ptr<const text::Segmenter> segmenter, AnalyzerOptions options)
    : normalizer_(std::move(normalizer)), segmenter_(std::move(segmenter)), options_(options) {}

Analysis Analyzer::Analyze(std::string_view question) const {
  Analysis analysis;
  analysis.normalized = normalizer_->NormalizeForMatching(question);
  const std::string_view normalized = analysis.normalized;
  // Sets, not bags: questions are one line, and a repeated character rarely means more.
  std::unordered_map<std::string, double> weights;
  auto add = [&weights](std::string term, double weight) {
    if (weight <= 0) return;
    auto [it, inserted] = weights.emplace(std::move(term), weight);
    if (!inserted) it->second = std::max(it->second, weight);
  };
  const auto units = text::CharUnits(normalized);
  const bool function_words = options_.function_word_factor != 1.0;
  for (const std::string_view unit : units) {
    double weight = options_.unigram_weight;
    if (function_words) {
      const text::WordLookup found = segmenter_->dictionary().Lookup(unit);
      text::Token probe;
      probe.pos = std::string(found.pos);
      if (found.is_word && probe.IsFunctionWord()) weight *= options_.function_word_factor;
    }
    add("c" + std::string(unit), weight);
  }
  for (std::size_t i = 0; i + 1 < units.size(); ++i) {
    add("b" + std::string(units[i]) + std::string(units[i + 1]), options_.bigram_weight);
  }
  if (options_.word_weight > 0) {
    for (const text::Token& token : segmenter_->Segment(normalized)) {
      const double weight = token.IsFunctionWord()
                                ? options_.word_weight * options_.function_word_factor
                                : options_.word_weight;
      add("w" + token.text, weight);
    }
  }
  analysis.features.reserve(weights.size());
  for (auto& [term, weight] : weights) analysis.features.push_back(Feature{term, weight});
  return analysis;
}

}  // namespace kefu::bot
