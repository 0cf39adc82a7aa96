#include "protocol.hpp"

#include <sqlite3.h>

namespace kefu::bench {

WsTarget ServerTarget(const ProtocolOptions& options, std::string path) {
  WsTarget target;
  target.endpoint = {boost::asio::ip::make_address(options.host),
                     static_cast<unsigned short>(options.port)};
  target.host = options.host + ":" + std::to_string(options.port);
  target.path = std::move(path);
  return target;
}

std::int64_t CountMissingTexts(sqlite3* db, const char* sql, const std::vector<AckRecord>& acked,
                               const std::string& extra) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return -1;
  std::int64_t missing = 0;
  for (const auto& record : acked) {
    sqlite3_reset(stmt);
    sqlite3_bind_text(stmt, 1, record.conversation.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, record.seq);
    if (sqlite3_bind_parameter_count(stmt) >= 3) {
      sqlite3_bind_text(stmt, 3, extra.c_str(), -1, SQLITE_STATIC);
    }
    const int rc = sqlite3_step(stmt);
    const auto* text = rc == SQLITE_ROW ? sqlite3_column_text(stmt, 0) : nullptr;
    if (text == nullptr || std::string_view(reinterpret_cast<const char*>(text)) != record.text) {
      ++missing;
    }
  }
  sqlite3_finalize(stmt);
  return missing;
}

}  // namespace kefu::bench
