// Minimal UTF-8 decoding and encoding plus the character classes the text pipeline needs.
// Thread-safe (all functions are pure).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kefu::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at text[*pos] and advances *pos past it. Malformed or truncated
// sequences decode as U+FFFD and advance by one byte, so any input terminates.
// Precondition: *pos < text.size().
char32_t NextCodePoint(std::string_view text, std::size_t* pos);

// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void AppendUtf8(char32_t cp, std::string* out);

// Number of code points in `text` (malformed bytes count one each).
std::size_t CodePointCount(std::string_view text);

// Whether `text` is well-formed UTF-8 (a real U+FFFD is fine; malformed bytes are not).
bool IsValidUtf8(std::string_view text);

// A Han ideograph (CJK Unified Ideographs, extensions A–F, compatibility ideographs): one
// character is one matching unit.
bool IsHan(char32_t cp);

// ASCII letters and digits: runs of them form one unit ("qq", "app", "4000").
inline bool IsAsciiAlnum(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

// The end (exclusive) of the run of ASCII letters and digits starting at text[begin], which must
// be one. A '.' between a digit and a letter or digit stays inside the run ("0.05", "v1.2").
std::size_t AsciiRunEnd(std::string_view text, std::size_t begin);

}  // namespace kefu::text
