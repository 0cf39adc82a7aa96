// Fuzzes the bot settings parser (the body of PUT /api/bot/settings): any byte string must give
// settings or an Error with a reason, and accepted settings must survive their own round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/bot_settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = kefu::bot::ParseBotSettings(text);
  if (!parsed) {
    if (parsed.error().message.empty()) __builtin_trap();
    return 0;
  }
  auto again = kefu::bot::ParseBotSettings(kefu::bot::SerializeBotSettings(*parsed));
  if (!again || again->name != parsed->name || again->synonyms != parsed->synonyms ||
      again->handoff.request_phrases != parsed->handoff.request_phrases ||
      again->handoff_routes != parsed->handoff_routes) {
    __builtin_trap();
  }
  return 0;
}
