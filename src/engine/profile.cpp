#include "engine/profile.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/utf8_count.hpp"

namespace kefu::engine {
namespace {

Unexpected Bad(std::string message) {
  return Fail(ErrorCode::kBadFrame, std::move(message));
}

bool HasControl(std::string_view s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
    return c < 0x20 || c == 0x7f;
  });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A text field of at most `max` characters (at least `min`) without control characters.
Result<void> CheckText(std::string_view field, std::string_view value, std::size_t min,
                       std::size_t max, bool multiline = false) {
  const auto n = CodePoints(value);
  if (n < min || n > max) {
    return min > 0 ? Bad(fmt::format("'{}' must be {}–{} characters", field, min, max))
                   : Bad(fmt::format("'{}' must be at most {} characters", field, max));
  }
  if (HasControl(value, multiline)) {
    return Bad(fmt::format("'{}' must not contain control characters", field));
  }
  return {};
}

}  // namespace

Result<void> CheckProfilePatch(const ProfilePatch& patch) {
  if (patch.name) {
    if (auto r = CheckText("name", Trim(*patch.name), 1, kMaxProfileName); !r) return r;
  }
  if (patch.phone) {
    if (auto r = CheckText("phone", *patch.phone, 0, kMaxProfilePhone); !r) return r;
  }
  if (patch.email) {
    if (auto r = CheckText("email", *patch.email, 0, kMaxProfileEmail); !r) return r;
    if (!patch.email->empty() && patch.email->find('@') == std::string::npos) {
      return Bad("'email' must be an email address");
    }
  }
  if (patch.vip && (*patch.vip < 0 || *patch.vip > kMaxVip)) {
    return Bad(fmt::format("'vip' must be 0–{}", kMaxVip));
  }
  if (patch.tags) {
    if (patch.tags->size() > kMaxProfileTags) {
      return Bad(fmt::format("at most {} tags", kMaxProfileTags));
    }
    for (const auto& tag : *patch.tags) {
      if (auto r = CheckText("tags", Trim(tag), 1, kMaxProfileTag); !r) return r;
    }
  }
  if (patch.attributes) {
    if (patch.attributes->size() > kMaxProfileAttributes) {
      return Bad(fmt::format("at most {} attributes", kMaxProfileAttributes));
    }
    std::vector<std::string_view> keys;
    for (const auto& attribute : *patch.attributes) {
      const auto key = Trim(attribute.key);
      if (auto r = CheckText("attribute key", key, 1, kMaxAttributeKey); !r) return r;
      if (auto r = CheckText("attribute value", attribute.value, 0, kMaxAttributeValue); !r) {
        return r;
      }
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
        return Bad(fmt::format("attribute '{}' is given twice", key));
      }
      keys.push_back(key);
    }
  }
  if (patch.note) {
    if (auto r = CheckText("note", *patch.note, 0, kMaxProfileNote, true); !r) return r;
  }
  if (patch.user_id) {
    if (auto r = CheckText("user_id", *patch.user_id, 1, 128); !r) return r;
  }
  return {};
}

void ApplyProfilePatch(CustomerProfile& profile, const ProfilePatch& patch) {
  if (patch.name) profile.name = std::string(Trim(*patch.name));
  if (patch.phone) profile.phone = *patch.phone;
  if (patch.email) profile.email = *patch.email;
  if (patch.vip) profile.vip = *patch.vip;
  if (patch.tags) {
    profile.tags.clear();
    for (const auto& tag : *patch.tags) {
      std::string trimmed(Trim(tag));
      if (std::find(profile.tags.begin(), profile.tags.end(), trimmed) == profile.tags.end()) {
        profile.tags.push_back(std::move(trimmed));
      }
    }
  }
  if (patch.attributes) {
    profile.attributes.clear();
    for (const auto& attribute : *patch.attributes) {
      profile.attributes.push_back({std::string(Trim(attribute.key)), attribute.value});
    }
  }
  if (patch.note) profile.note = *patch.note;
  if (patch.user_id) profile.user_id = *patch.user_id;
}

}  // namespace kefu::engine
