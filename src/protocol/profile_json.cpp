#include "protocol/profile_json.hpp"

#include <boost/json.hpp>

namespace kefu::protocol {
namespace json = boost::json;
namespace {

Unexpected Bad(std::string message) {
  return Fail(ErrorCode::kBadFrame, std::move(message));
}

json::value RefOrNull(const std::optional<engine::Ref>& ref) {
  if (!ref) return nullptr;
  return json::object{{"id", ref->id}, {"name", ref->name}};
}

Result<std::string> Text(std::string_view key, const json::value& value) {
  if (!value.is_string()) return Bad("'" + std::string(key) + "' must be a string");
  return std::string(value.get_string());
}

}  // namespace

json::object CustomerProfileJson(const engine::CustomerProfile& profile) {
  json::array tags;
  for (const auto& tag : profile.tags) tags.emplace_back(tag);
  json::array attributes;
  for (const auto& a : profile.attributes) {
    attributes.push_back(json::object{{"key", a.key}, {"value", a.value}});
  }
  return {
      {"id", profile.id},
      {"name", profile.name},
      {"phone", profile.phone},
      {"email", profile.email},
      {"vip", profile.vip},
      {"tags", std::move(tags)},
      {"attributes", std::move(attributes)},
      {"note", profile.note},
      {"verified", !profile.user_id.empty()},
      {"user_id", profile.user_id.empty() ? json::value(nullptr) : json::value(profile.user_id)},
      {"created_at", profile.created_at},
      {"updated_at", profile.updated_at},
      {"updated_by", RefOrNull(profile.updated_by)}};
}

Result<engine::ProfilePatch> ParseProfilePatch(const json::value& body) {
  if (!body.is_object()) return Bad("the body must be a JSON object");
  engine::ProfilePatch patch;
  for (const auto& [key, value] : body.get_object()) {
    if (key == "name" || key == "phone" || key == "email" || key == "note") {
      auto text = Text(key, value);
      if (!text) return Unexpected{text.error()};
      auto& field = key == "name"    ? patch.name
                    : key == "phone" ? patch.phone
                    : key == "email" ? patch.email
                                     : patch.note;
      field = std::move(*text);
    } else if (key == "vip") {
      if (!value.is_int64()) return Bad("'vip' must be an integer 0–9");
      const auto vip = value.get_int64();
      if (vip < 0 || vip > engine::kMaxVip) return Bad("'vip' must be an integer 0–9");
      patch.vip = static_cast<int>(vip);
    } else if (key == "tags") {
      if (!value.is_array()) return Bad("'tags' must be a list of strings");
      auto& tags = patch.tags.emplace();
      for (const auto& tag : value.get_array()) {
        if (!tag.is_string()) return Bad("'tags' must be a list of strings");
        tags.emplace_back(tag.get_string());
      }
    } else if (key == "attributes") {
      if (!value.is_array()) return Bad("'attributes' must be a list of {key, value}");
      auto& attributes = patch.attributes.emplace();
      for (const auto& item : value.get_array()) {
        const auto* o = item.if_object();
        const auto* k = o ? o->if_contains("key") : nullptr;
        const auto* v = o ? o->if_contains("value") : nullptr;
        if (!k || !v || !k->is_string() || !v->is_string() || o->size() != 2) {
          return Bad("each attribute must be {\"key\": text, \"value\": text}");
        }
        attributes.push_back({std::string(k->get_string()), std::string(v->get_string())});
      }
    } else {
      return Bad("unknown field '" + std::string(key) + "'");
    }
  }
  if (auto checked = engine::CheckProfilePatch(patch); !checked) return Unexpected{checked.error()};
  return patch;
}

}  // namespace kefu::protocol
