// Counting the characters of UTF-8 text, as limits on text are stated ("4000 characters").
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace kefu {

// The number of Unicode code points of valid UTF-8 text (continuation bytes are not counted).
// Input is validated as UTF-8 where it enters (JSON parsing); this only counts.
inline std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace kefu
