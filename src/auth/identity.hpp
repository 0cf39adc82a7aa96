// Verified visitor identities (docs/routing.md): the enterprise's site signs who the customer is
// with the tenant's identity secret, so that the customer is recognised on every device and
// their tags (VIP…) can be trusted for routing. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace kefu::auth {

struct VerifiedIdentity {
  std::string user_id;  // the enterprise's id of the customer
  std::string name;
  std::vector<std::string> tags;
  long long expires = 0;  // unix seconds
};

inline constexpr std::size_t kMaxIdentityTags = 20;

// Checks `token` = base64url(payload JSON) "." hex(HMAC-SHA256(secret, base64url part)).
// kBadIdentity when malformed, wrongly signed or expired at `now`.
Result<VerifiedIdentity> VerifyIdentity(std::string_view token, std::string_view secret,
                                        Millis now);

// The token for `payload_json` (for tests and the demo).
std::string SignIdentity(std::string_view payload_json, std::string_view secret);

// 32 random bytes, hex.
std::string NewIdentitySecret();

// `prefix` + the first 24 hex digits of SHA-256(material): a stable id for a stable input.
std::string StableId(std::string_view prefix, std::string_view material);

}  // namespace kefu::auth
