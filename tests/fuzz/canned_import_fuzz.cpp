// Fuzzes the canned-reply import (POST /api/canned-replies/import): any file, as CSV or as JSON
// Lines, must give a report (every kept reply valid and readable back from its export, every
// rejected row with a reason) or an error with a reason. The first byte picks the format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/canned_replies.hpp"

namespace canned = kefu::http::canned;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format = (data[0] & 1) != 0 ? canned::Format::kCsv : canned::Format::kJsonLines;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto parsed = canned::ParseImport(text, format);
  if (!parsed) {
    if (parsed.error().message.empty()) __builtin_trap();
    return 0;
  }
  std::vector<kefu::storage::CannedReply> replies;
  for (const auto& row : parsed->rows) {
    auto copy = row.reply;
    if (!canned::Normalize(copy) || copy.code != row.reply.code) __builtin_trap();
    replies.push_back(row.reply);
  }
  for (const auto& error : parsed->errors) {
    if (error.reason.empty()) __builtin_trap();
  }
  // What was kept exports to a file that imports again to the same replies.
  auto again = canned::ParseImport(canned::Export(replies, {}, format), format);
  if (!again || again->rows.size() != replies.size()) __builtin_trap();
  for (std::size_t i = 0; i < replies.size(); ++i) {
    const auto& r = again->rows[i].reply;
    if (r.code != replies[i].code || r.text != replies[i].text || r.title != replies[i].title) {
      __builtin_trap();
    }
  }
  return 0;
}
