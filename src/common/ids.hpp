// Identifiers and random tokens. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kefu {

// A new random identifier: prefix, '_', then 20 lowercase base32 characters (100 bits),
// e.g. NewId("c") -> "c_k3v9…". Collisions are not a practical concern.
std::string NewId(std::string_view prefix);

// `bytes` random bytes from the OS CSPRNG, encoded as unpadded base64url.
std::string RandomToken(std::size_t bytes = 32);

// True if s is 1..max_len characters of printable ASCII without spaces — the shape accepted for
// client-chosen keys (idempotency keys) and our own ids.
bool IsPlainKey(std::string_view s, std::size_t max_len = 64);

}  // namespace kefu
