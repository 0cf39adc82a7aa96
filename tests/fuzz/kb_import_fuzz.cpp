// Fuzzes knowledge-base import: any file, as CSV or as JSON Lines, must give a report (every
// kept entry valid, every rejected row with a reason) or an error with a reason — never a crash,
// a hang, or undefined behaviour. The first byte picks the format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/kb_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format =
      (data[0] & 1) != 0 ? kefu::bot::KbFormat::kCsv : kefu::bot::KbFormat::kJsonLines;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto parsed = kefu::bot::ParseKbImport(text, format);
  if (!parsed) {
    if (parsed.error().message.empty()) __builtin_trap();
    return 0;
  }
  for (const auto& entry : parsed->entries) {
    if (!kefu::bot::ValidateKbEntry(entry)) __builtin_trap();
  }
  for (const auto& error : parsed->errors) {
    if (error.reason.empty()) __builtin_trap();
  }
  return 0;
}
