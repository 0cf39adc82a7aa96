// Customer profiles (docs/protocol.md, "Customer profile"): who a customer is — name, contact,
// VIP level, tags, custom attributes and the agents' note. The enterprise's site sets them through
// a verified identity; agents edit them in the workspace. Both arrive as a ProfilePatch, checked
// and applied here so that the two paths obey the same limits. Plain values; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

struct ProfileAttribute {
  std::string key;
  std::string value;
  bool operator==(const ProfileAttribute&) const = default;
};

struct CustomerProfile {
  std::string id = {};  // the visitor id
  std::string name = {};
  std::string phone = {};
  std::string email = {};
  int vip = 0;  // 0: none, else 1–9
  std::vector<std::string> tags = {};
  std::vector<ProfileAttribute> attributes = {};  // keys unique, in the order given
  std::string note = {};                          // the agents' note (may span lines)
  std::string user_id = {};  // the enterprise's id when the customer came verified, else empty
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Ref> updated_by = {};  // the staff member of the last edit; none after an identity
  bool operator==(const CustomerProfile&) const = default;
};

// What to change; fields left out stay as they are.
struct ProfilePatch {
  std::optional<std::string> name = {};
  std::optional<std::string> phone = {};
  std::optional<std::string> email = {};
  std::optional<int> vip = {};
  std::optional<std::vector<std::string>> tags = {};
  std::optional<std::vector<ProfileAttribute>> attributes = {};
  std::optional<std::string> note = {};
  std::optional<std::string> user_id = {};  // set by a verified identity only
  bool operator==(const ProfilePatch&) const = default;
};

// Limits, in code points.
inline constexpr std::size_t kMaxProfileName = 50;
inline constexpr std::size_t kMaxProfilePhone = 40;
inline constexpr std::size_t kMaxProfileEmail = 200;
inline constexpr int kMaxVip = 9;
inline constexpr std::size_t kMaxProfileTags = 20;
inline constexpr std::size_t kMaxProfileTag = 40;
inline constexpr std::size_t kMaxProfileAttributes = 30;
inline constexpr std::size_t kMaxAttributeKey = 40;
inline constexpr std::size_t kMaxAttributeValue = 200;
inline constexpr std::size_t kMaxProfileNote = 1000;

// kBadFrame with the reason when a field breaks its limits: a name of 1–50 characters, a phone
// of at most 40, an email of at most 200 containing '@' (or empty), VIP 0–9, at most 20 tags
// of 1–40 characters (after trimming), at most 30 attributes with distinct keys of 1–40 characters
// and values of at most 200, a note of at most 1000. Only the note may contain line breaks; no
// field may contain other control characters.
Result<void> CheckProfilePatch(const ProfilePatch& patch);

// Sets the fields the patch carries (the caller checked it). Tags and attribute keys are trimmed
// of surrounding spaces; a repeated tag is kept once, in the order given.
void ApplyProfilePatch(CustomerProfile& profile, const ProfilePatch& patch);

}  // namespace kefu::engine
