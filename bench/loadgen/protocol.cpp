#include "protocol.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace kefu::bench {

std::string IncreasingKey(char kind, std::int64_t n) {
  const std::string digits = std::to_string(n);
  return kind + std::string(12 - std::min<std::size_t>(12, digits.size()), '0') + digits;
}

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
  auto key = [](std::string_view conversation, std::int64_t seq) {
    std::string k(conversation);
    k.push_back('\n');
    k.append(std::to_string(seq));
    return k;
  };
  // Each acked record, by conversation and seq; found ones are crossed out during the scan.
  std::unordered_map<std::string, const AckRecord*> wanted;
  wanted.reserve(acked.size());
  for (const auto& record : acked) wanted.emplace(key(record.conversation, record.seq), &record);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return -1;
  if (sqlite3_bind_parameter_count(stmt) >= 1) {
    sqlite3_bind_text(stmt, 1, extra.c_str(), -1, SQLITE_STATIC);
  }
  std::int64_t found = 0;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const auto* conversation = sqlite3_column_text(stmt, 0);
    const auto* text = sqlite3_column_text(stmt, 2);
    if (conversation == nullptr || text == nullptr) continue;
    auto it = wanted.find(
        key(reinterpret_cast<const char*>(conversation), sqlite3_column_int64(stmt, 1)));
    if (it == wanted.end() || it->second == nullptr) continue;
    if (std::string_view(reinterpret_cast<const char*>(text)) == it->second->text) {
      it->second = nullptr;
      ++found;
    }
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return -1;
  return static_cast<std::int64_t>(wanted.size()) - found;
}

}  // namespace kefu::bench
