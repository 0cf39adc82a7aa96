// Signed tokens: anonymous visitor identities ("v1.<tenant>.<visitor>.<mac>") and hashing of
// session tokens for storage. HMAC-SHA-256 with a server secret. Thread-safe (immutable).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kefu::auth {

struct VisitorIdentity {
  std::string tenant_id;
  std::string visitor_id;
};

class TokenSigner {
 public:
  // `secret` must be at least 32 bytes of random data.
  explicit TokenSigner(std::string secret);

  // The token a widget keeps to be recognised as the same visitor.
  std::string SignVisitor(const VisitorIdentity& identity) const;

  // The identity in `token` if its signature is valid; nullopt for anything else.
  std::optional<VisitorIdentity> VerifyVisitor(std::string_view token) const;

  // The value stored for a session token: we keep only this digest, so a leaked database does
  // not yield usable session cookies.
  std::string HashSessionToken(std::string_view token) const;

 private:
  std::string Mac(std::string_view message) const;

  std::string secret_;
};

// Loads the secret from `path`, creating it (0600, 32 random bytes) if absent.
// Throws std::runtime_error if the file cannot be read or written.
std::string LoadOrCreateSecret(const std::string& path);

}  // namespace kefu::auth
