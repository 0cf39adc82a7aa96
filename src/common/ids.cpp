#include "common/ids.hpp"

#include <sodium.h>

#include <array>
#include <vector>

namespace kefu {
namespace {

// Lowercase Crockford-style alphabet: no i, l, o, u, so ids read unambiguously.
constexpr std::string_view kBase32 = "0123456789abcdefghjkmnpqrstvwxyz";

}  // namespace

std::string NewId(std::string_view prefix) {
  std::array<unsigned char, 20> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string id(prefix);
  id.push_back('_');
  for (unsigned char byte : raw) id.push_back(kBase32[byte % 32]);
  return id;
}

std::string RandomToken(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

bool IsPlainKey(std::string_view s, std::size_t max_len) {
  if (s.empty() || s.size() > max_len) return false;
  for (char c : s) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

}  // namespace kefu
