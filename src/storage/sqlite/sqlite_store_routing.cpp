// SqliteStore: queue and agent routing configuration, tenant routing settings, the identity
// secret and messages left by visitors (docs/routing.md).
#include <sqlite3.h>

#include <boost/json.hpp>

#include "protocol/routing_json.hpp"
#include "storage/sqlite/query.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::storage::sqlite {
namespace {

Result<void> RequireChanged(Connection& db, const char* what) {
  if (sqlite3_changes(db.handle()) == 0) return Fail(ErrorCode::kNotFound, what);
  return {};
}

}  // namespace

void SqliteStore::UpdateQueue(const std::string& tenant_id, const engine::QueueInfo& queue,
                              Done done) {
  Enqueue(Write{[tenant_id, queue](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "UPDATE queues SET name = ?, bot_first = ?, routing = ? WHERE tenant_id = ? "
                      "AND id = ?");
                  stmt.Bind(1, queue.name)
                      .Bind(2, std::int64_t{queue.bot_first ? 1 : 0})
                      .Bind(3, protocol::RoutingToStorage(queue.routing))
                      .Bind(4, tenant_id)
                      .Bind(5, queue.id);
                  if (auto r = stmt.Run(); !r) return r;
                  return RequireChanged(db, "no such queue");
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::UpdateUser(const UserRecord& user, Done done) {
  Enqueue(Write{[user](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "UPDATE users SET name = ?, role = ?, capacity = ?, skills = ? "
                      "WHERE tenant_id = ? AND id = ?");
                  stmt.Bind(1, user.name)
                      .Bind(2, engine::ToString(user.role))
                      .Bind(3, std::int64_t{user.capacity})
                      .Bind(4, protocol::SkillsToStorage(user.skills))
                      .Bind(5, user.tenant_id)
                      .Bind(6, user.id);
                  if (auto r = stmt.Run(); !r) return r;
                  if (auto r = RequireChanged(db, "no such user"); !r) return r;
                  auto clear =
                      db.Prepare("DELETE FROM queue_members WHERE tenant_id = ? AND user_id = ?");
                  clear.Bind(1, user.tenant_id).Bind(2, user.id);
                  if (auto r = clear.Run(); !r) return r;
                  for (const auto& queue_id : user.queue_ids) {
                    auto member = db.Prepare(
                        "INSERT INTO queue_members (tenant_id, queue_id, user_id) VALUES (?,?,?)");
                    member.Bind(1, user.tenant_id).Bind(2, queue_id).Bind(3, user.id);
                    if (auto r = member.Run(); !r) return r;
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::PutRoutingSettings(const std::string& tenant_id,
                                     const engine::RoutingSettings& settings, Done done) {
  const std::string json = boost::json::serialize(protocol::RoutingSettingsJson(settings));
  Enqueue(Write{[tenant_id, json](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "INSERT INTO tenant_settings (tenant_id, routing) VALUES (?,?) "
                      "ON CONFLICT (tenant_id) DO UPDATE SET routing = excluded.routing");
                  stmt.Bind(1, tenant_id).Bind(2, json);
                  return stmt.Run();
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::PutIdentitySecret(const std::string& tenant_id, const std::string& secret,
                                    Done done) {
  Enqueue(Write{[tenant_id, secret](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "INSERT INTO tenant_settings (tenant_id, identity_secret) VALUES (?,?) "
                      "ON CONFLICT (tenant_id) DO UPDATE SET identity_secret = "
                      "excluded.identity_secret");
                  stmt.Bind(1, tenant_id).Bind(2, secret);
                  return stmt.Run();
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::AddLeftMessage(const LeftMessage& m, Done done) {
  Enqueue(Write{[m](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "INSERT OR IGNORE INTO left_messages (tenant_id, id, queue_id, queue_name, "
                      "visitor_id, visitor_name, name, contact, text, at) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?)");
                  stmt.Bind(1, m.tenant_id)
                      .Bind(2, m.id)
                      .Bind(3, m.queue.id)
                      .Bind(4, m.queue.name)
                      .Bind(5, m.visitor.id)
                      .Bind(6, m.visitor.name)
                      .Bind(7, m.name)
                      .Bind(8, m.contact)
                      .Bind(9, m.text)
                      .Bind(10, std::int64_t{m.at});
                  return stmt.Run();
                },
                nullptr, std::move(done), 0});
}

Result<engine::RoutingSettings> SqliteStore::FindRoutingSettings(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT routing FROM tenant_settings WHERE tenant_id = ?");
  stmt.Bind(1, tenant_id);
  auto text = QueryOne<std::string>(stmt, [](const Statement& row) { return row.Text(0); });
  if (!text) return Unexpected{text.error()};
  if (!*text || (*text)->empty()) return engine::RoutingSettings{};
  boost::system::error_code ec;
  auto value = boost::json::parse(**text, ec);
  if (ec) return engine::RoutingSettings{};
  auto settings = protocol::ParseRoutingSettings(value);
  return settings ? *settings : engine::RoutingSettings{};
}

Result<std::optional<std::string>> SqliteStore::FindIdentitySecret(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT identity_secret FROM tenant_settings WHERE tenant_id = ? AND identity_secret IS NOT "
      "NULL");
  stmt.Bind(1, tenant_id);
  return QueryOne<std::string>(stmt, [](const Statement& row) { return row.Text(0); });
}

Result<std::vector<LeftMessage>> SqliteStore::ListLeftMessages(const std::string& tenant_id,
                                                               std::size_t limit) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT tenant_id, id, queue_id, queue_name, visitor_id, visitor_name, name, contact, text, "
      "at FROM left_messages WHERE tenant_id = ? ORDER BY at DESC, id DESC LIMIT ?");
  stmt.Bind(1, tenant_id).Bind(2, static_cast<std::int64_t>(limit));
  return QueryAll<LeftMessage>(stmt, [](const Statement& row) {
    return LeftMessage{row.Text(0),
                       row.Text(1),
                       engine::Ref{row.Text(2), row.Text(3)},
                       engine::Ref{row.Text(4), row.Text(5)},
                       row.Text(6),
                       row.Text(7),
                       row.Text(8),
                       row.Int(9)};
  });
}

}  // namespace kefu::storage::sqlite
