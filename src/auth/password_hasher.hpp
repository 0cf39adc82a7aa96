// Password hashing with argon2id (libsodium's crypto_pwhash_str). Thread-safe.
// Hashing is deliberately slow (tens of milliseconds, 64 MiB): call it off the I/O threads.
#pragma once

#include <string>
#include <string_view>

namespace kefu::auth {

// Returns the encoded hash ("$argon2id$v=19$m=...") of `password`. Aborts only if the process
// cannot allocate the memory argon2 needs.
std::string HashPassword(std::string_view password);

// True if `password` matches `encoded_hash`. False for any malformed hash.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

}  // namespace kefu::auth
