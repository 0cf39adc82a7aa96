// Fuzzes the customer profile edit body (PATCH /api/visitors/{id}/profile): any JSON must give a
// patch within the profile's limits or an Error with a reason.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/profile_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 16;
  auto value = boost::json::parse(text, ec, {}, options);
  if (ec) return 0;
  auto patch = kefu::protocol::ParseProfilePatch(value);
  if (!patch) {
    if (patch.error().message.empty()) __builtin_trap();
    return 0;
  }
  if (!kefu::engine::CheckProfilePatch(*patch)) __builtin_trap();
  kefu::engine::CustomerProfile profile;
  kefu::engine::ApplyProfilePatch(profile, *patch);
  (void)kefu::protocol::CustomerProfileJson(profile);
  return 0;
}
