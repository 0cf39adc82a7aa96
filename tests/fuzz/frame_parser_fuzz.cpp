// Fuzzes the WebSocket frame parser: any byte string must yield a frame or an Error with a
// reason — never a crash, a hang, or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/frame_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = kefu::protocol::ParseClientFrame(text);
  if (!parsed.frame && parsed.frame.error().message.empty()) __builtin_trap();
  return 0;
}
