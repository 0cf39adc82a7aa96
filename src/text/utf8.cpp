#include "text/utf8.hpp"

namespace kefu::text {

char32_t NextCodePoint(std::string_view text, std::size_t* pos) {
  const auto lead = static_cast<unsigned char>(text[*pos]);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  int length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++*pos;
    return kReplacementCharacter;
  }
  if (*pos + static_cast<std::size_t>(length) > text.size()) {
    ++*pos;
    return kReplacementCharacter;
  }
  for (int i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[*pos + static_cast<std::size_t>(i)]);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return kReplacementCharacter;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  // Overlong forms and surrogates are malformed: treating them as characters would let two
  // different byte strings normalise to the same key.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return kReplacementCharacter;
  }
  *pos += static_cast<std::size_t>(length);
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementCharacter;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t CodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) NextCodePoint(text, &pos);
  return count;
}

bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK Unified Ideographs
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // Extension A
         (cp >= 0x20000 && cp <= 0x323AF) ||  // Extensions B–H
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // Compatibility Ideographs (NFKC maps most away)
         cp == 0x3007;                        // 〇
}

std::size_t AsciiRunEnd(std::string_view text, std::size_t begin) {
  std::size_t pos = begin + 1;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    const bool digit_dot = c == '.' && pos + 1 < text.size() &&
                           IsAsciiAlnum(static_cast<unsigned char>(text[pos + 1])) &&
                           text[pos - 1] >= '0' && text[pos - 1] <= '9';
    if (!IsAsciiAlnum(c) && !digit_dot) break;
    ++pos;
  }
  return pos;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t before = pos;
    const char32_t cp = NextCodePoint(text, &pos);
    // NextCodePoint decodes malformed bytes as U+FFFD one byte at a time; a real U+FFFD is 3.
    if (cp == kReplacementCharacter && pos - before != 3) return false;
  }
  return true;
}

}  // namespace kefu::text
