// Character units and n-grams of normalised text, the matcher's character-level features.
// Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::text {

// The units of normalised text: each non-ASCII character, each run of ASCII letters and digits
// ("qq", "4000", "0.05"). Separators (spaces, ASCII punctuation) are skipped. The views point
// into `normalized`.
std::vector<std::string_view> CharUnits(std::string_view normalized);

// Unigrams (the units) and bigrams (two adjacent units, concatenated; adjacency ignores
// separators, so "还款 日期" has the bigram "款日").
std::vector<std::string> CharUnigrams(std::string_view normalized);
std::vector<std::string> CharBigrams(std::string_view normalized);

}  // namespace kefu::text
