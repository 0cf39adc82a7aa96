#include "text/ngrams.hpp"

#include "text/utf8.hpp"

namespace kefu::text {

std::vector<std::string_view> CharUnits(std::string_view normalized) {
  std::vector<std::string_view> units;
  for (std::size_t pos = 0; pos < normalized.size();) {
    const std::size_t begin = pos;
    const char32_t cp = NextCodePoint(normalized, &pos);
    if (IsAsciiAlnum(cp)) {
      pos = AsciiRunEnd(normalized, begin);
    } else if (cp < 0x80) {
      continue;  // a separator
    }
    units.push_back(normalized.substr(begin, pos - begin));
  }
  return units;
}

std::vector<std::string> CharUnigrams(std::string_view normalized) {
  std::vector<std::string> grams;
  for (const std::string_view unit : CharUnits(normalized)) grams.emplace_back(unit);
  return grams;
}

std::vector<std::string> CharBigrams(std::string_view normalized) {
  const auto units = CharUnits(normalized);
  std::vector<std::string> grams;
  for (std::size_t i = 0; i + 1 < units.size(); ++i) {
    std::string gram(units[i]);
    gram += units[i + 1];
    grams.push_back(std::move(gram));
  }
  return grams;
}

}  // namespace kefu::text
