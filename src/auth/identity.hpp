// Verified visitor identities (docs/routing.md): the enterprise's site signs who the customer is
// with the tenant's identity secret, so that the customer is recognised on every device and
// their tags (VIP…) can be trusted for routing. Thread-safe (pure functions).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace kefu::auth {

// What the enterprise's site says about the customer. Optional fields the payload leaves out
// stay unset, so that a visit does not erase what agents recorded (the profile's limits are
// checked by engine::CheckProfilePatch).
struct VerifiedIdentity {
  std::string user_id;  // the enterprise's id of the customer
  std::string name;
  std::vector<std::string> tags;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<int> vip;  // 0–9
  // `attrs`: custom attributes in the payload's order; numbers and booleans as text.
  std::optional<std::vector<std::pair<std::string, std::string>>> attributes;
  long long expires = 0;  // unix seconds
};

inline constexpr std::size_t kMaxIdentityTags = 20;
inline constexpr std::size_t kMaxIdentityAttributes = 30;

// Checks `token` = base64url(payload JSON) "." hex(HMAC-SHA256(secret, base64url part)).
// The payload: {"user_id", "exp" (unix seconds), and optionally "name", "tags", "phone", "email",
// "vip" (0–9), "attrs" (an object of at most 30 string, number or boolean values)}.
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
