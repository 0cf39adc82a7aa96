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
  // The kernel's random bytes, fetched 4 KiB at a time per thread: ids are made for every
  // visitor message, and a getrandom() call each would be a syscall per message.
  constexpr std::size_t kIdBytes = 20;
  thread_local std::array<unsigned char, 4096> pool{};
  thread_local std::size_t used = pool.size();
  if (used + kIdBytes > pool.size()) {
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  std::string id(prefix);
  id.push_back('_');
  for (std::size_t i = 0; i < kIdBytes; ++i) id.push_back(kBase32[pool[used + i] % 32]);
  sodium_memzero(pool.data() + used, kIdBytes);  // each byte serves one id only
  used += kIdBytes;
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
