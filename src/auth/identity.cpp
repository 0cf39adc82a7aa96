#include "auth/identity.hpp"

#include <sodium.h>

#include <boost/json.hpp>

namespace kefu::auth {
namespace {

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string MacHex(std::string_view message, std::string_view secret) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return Hex(mac, sizeof mac);
}

Unexpected Bad(std::string message) {
  return Fail(ErrorCode::kBadIdentity, std::move(message));
}

bool PlainText(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

Result<VerifiedIdentity> VerifyIdentity(std::string_view token, std::string_view secret,
                                        Millis now) {
  if (sodium_init() < 0) return Bad("crypto unavailable");
  if (secret.empty()) return Bad("this tenant has no identity secret yet");
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || token.size() > 4096) return Bad("identity is malformed");
  const std::string_view payload = token.substr(0, dot);
  const std::string_view signature = token.substr(dot + 1);
  const std::string expected = MacHex(payload, secret);
  if (signature.size() != expected.size() ||
      sodium_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Bad("identity signature does not match");
  }
  std::string json(payload.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(json.data()), json.size(), payload.data(),
                        payload.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return Bad("identity payload is not base64url");
  }
  json.resize(length);
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 4;
  auto value = boost::json::parse(json, ec, {}, options);
  if (ec || !value.is_object()) return Bad("identity payload is not a JSON object");
  const auto& o = value.get_object();
  VerifiedIdentity identity;
  const auto* user = o.if_contains("user_id");
  if (user == nullptr || !user->is_string() || user->get_string().empty() ||
      user->get_string().size() > 128 || !PlainText(user->get_string())) {
    return Bad("identity needs user_id (1-128 characters)");
  }
  identity.user_id = std::string(user->get_string());
  if (const auto* name = o.if_contains("name"); name && !name->is_null()) {
    if (!name->is_string() || name->get_string().size() > 200 || !PlainText(name->get_string())) {
      return Bad("identity name must be a short string");
    }
    identity.name = std::string(name->get_string());
  }
  if (const auto* tags = o.if_contains("tags"); tags && !tags->is_null()) {
    if (!tags->is_array() || tags->get_array().size() > kMaxIdentityTags) {
      return Bad("identity tags must be a list of at most 20 strings");
    }
    for (const auto& tag : tags->get_array()) {
      if (!tag.is_string() || tag.get_string().empty() || tag.get_string().size() > 40 ||
          !PlainText(tag.get_string())) {
        return Bad("each identity tag must be 1-40 characters");
      }
      identity.tags.emplace_back(tag.get_string());
    }
  }
  for (auto [key, field] : {std::pair{"phone", &identity.phone}, {"email", &identity.email}}) {
    if (const auto* given = o.if_contains(key); given && !given->is_null()) {
      if (!given->is_string() || given->get_string().size() > 400) {
        return Bad(std::string("identity ") + key + " must be a short string");
      }
      *field = std::string(given->get_string());
    }
  }
  if (const auto* vip = o.if_contains("vip"); vip && !vip->is_null()) {
    if (!vip->is_int64() || vip->get_int64() < 0 || vip->get_int64() > 9) {
      return Bad("identity vip must be an integer 0-9");
    }
    identity.vip = static_cast<int>(vip->get_int64());
  }
  if (const auto* attrs = o.if_contains("attrs"); attrs && !attrs->is_null()) {
    if (!attrs->is_object() || attrs->get_object().size() > kMaxIdentityAttributes) {
      return Bad("identity attrs must be an object of at most 30 values");
    }
    auto& list = identity.attributes.emplace();
    for (const auto& [key, item] : attrs->get_object()) {
      std::string text;
      if (item.is_string()) {
        text = std::string(item.get_string());
      } else if (item.is_bool()) {
        text = item.get_bool() ? "true" : "false";
      } else if (item.is_number()) {
        text = boost::json::serialize(item);
      } else {
        return Bad("identity attrs values must be strings, numbers or booleans");
      }
      list.emplace_back(std::string(key), std::move(text));
    }
  }
  const auto* exp = o.if_contains("exp");
  if (exp == nullptr || !(exp->is_int64() || exp->is_uint64())) {
    return Bad("identity needs exp (unix seconds)");
  }
  identity.expires =
      exp->is_int64() ? exp->get_int64() : static_cast<long long>(exp->get_uint64() >> 1);
  if (identity.expires * 1000 <= now) return Bad("identity has expired");
  return identity;
}

std::string SignIdentity(std::string_view payload_json, std::string_view secret) {
  if (sodium_init() < 0) return {};
  std::string encoded(
      sodium_base64_ENCODED_LEN(payload_json.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
      '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(payload_json.data()),
                    payload_json.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded + "." + MacHex(encoded, secret);
}

std::string NewIdentitySecret() {
  if (sodium_init() < 0) return {};
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return Hex(bytes, sizeof bytes);
}

std::string StableId(std::string_view prefix, std::string_view material) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(material.data()),
                     material.size());
  return std::string(prefix) + Hex(digest, sizeof digest).substr(0, 24);
}

}  // namespace kefu::auth
