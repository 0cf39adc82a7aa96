// SqliteStore: canned replies and their categories (docs/protocol.md, "Canned replies").
#include <sqlite3.h>

#include "storage/sqlite/query.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::storage::sqlite {
namespace {

const char* kReplyColumns = "id, code, title, text, category_id, owner_id, updated_at";

CannedReply ReadReply(const Statement& row) {
  return CannedReply{row.Text(0), row.Text(1), row.Text(2), row.Text(3),
                     row.Text(4), row.Text(5), row.Int(6)};
}

// A unique-key violation of canned_replies can only be the code within its scope.
Result<void> RunReplyWrite(Statement& stmt, const CannedReply& reply) {
  auto r = stmt.Run();
  if (!r && r.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict,
                std::string(reply.personal() ? "you already have" : "the team already has") +
                    " a canned reply with the code '" + reply.code + "'");
  }
  return r;
}

Result<void> InsertReply(Connection& db, const std::string& tenant_id, const CannedReply& reply) {
  auto stmt = db.Prepare(
      "INSERT INTO canned_replies (tenant_id, id, owner_id, code, title, text, category_id, "
      "updated_at) VALUES (?,?,?,?,?,?,?,?)");
  stmt.Bind(1, tenant_id)
      .Bind(2, reply.id)
      .Bind(3, reply.owner_id)
      .Bind(4, reply.code)
      .Bind(5, reply.title)
      .Bind(6, reply.text)
      .Bind(7, reply.category_id)
      .Bind(8, std::int64_t{reply.updated_at});
  return RunReplyWrite(stmt, reply);
}

Result<void> RequireChanged(Connection& db, std::string what) {
  if (sqlite3_changes(db.handle()) == 0) return Fail(ErrorCode::kNotFound, std::move(what));
  return {};
}

Result<void> NameConflict(Result<void> r, const std::string& name) {
  if (!r && r.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "a category named '" + name + "' already exists");
  }
  return r;
}

}  // namespace

void SqliteStore::CreateCannedReply(const std::string& tenant_id, const CannedReply& reply,
                                    Done done) {
  Enqueue(Write{[tenant_id, reply](Connection& db) { return InsertReply(db, tenant_id, reply); },
                nullptr, std::move(done), 0});
}

void SqliteStore::UpdateCannedReply(const std::string& tenant_id, const CannedReply& reply,
                                    Done done) {
  Enqueue(Write{[tenant_id, reply](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "UPDATE canned_replies SET code = ?, title = ?, text = ?, category_id = ?, "
                      "updated_at = ? WHERE tenant_id = ? AND id = ? AND owner_id = ?");
                  stmt.Bind(1, reply.code)
                      .Bind(2, reply.title)
                      .Bind(3, reply.text)
                      .Bind(4, reply.category_id)
                      .Bind(5, std::int64_t{reply.updated_at})
                      .Bind(6, tenant_id)
                      .Bind(7, reply.id)
                      .Bind(8, reply.owner_id);
                  if (auto r = RunReplyWrite(stmt, reply); !r) return r;
                  return RequireChanged(db, "no such canned reply");
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::DeleteCannedReply(const std::string& tenant_id, const std::string& reply_id,
                                    const std::string& owner_id, Done done) {
  Enqueue(Write{[tenant_id, reply_id, owner_id](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "DELETE FROM canned_replies WHERE tenant_id = ? AND id = ? AND owner_id = ?");
                  stmt.Bind(1, tenant_id).Bind(2, reply_id).Bind(3, owner_id);
                  if (auto r = stmt.Run(); !r) return r;
                  return RequireChanged(db, "no such canned reply");
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::PutCannedReplies(const std::string& tenant_id, std::vector<CannedReply> replies,
                                   Done done) {
  Enqueue(Write{[tenant_id, replies = std::move(replies)](Connection& db) -> Result<void> {
                  for (const auto& reply : replies) {
                    // The conflict target keeps the existing reply's id: links to it stay valid.
                    auto stmt = db.Prepare(
                        "INSERT INTO canned_replies (tenant_id, id, owner_id, code, title, text, "
                        "category_id, updated_at) VALUES (?,?,?,?,?,?,?,?) "
                        "ON CONFLICT (tenant_id, owner_id, code) DO UPDATE SET "
                        "title = excluded.title, text = excluded.text, "
                        "category_id = excluded.category_id, updated_at = excluded.updated_at");
                    stmt.Bind(1, tenant_id)
                        .Bind(2, reply.id)
                        .Bind(3, reply.owner_id)
                        .Bind(4, reply.code)
                        .Bind(5, reply.title)
                        .Bind(6, reply.text)
                        .Bind(7, reply.category_id)
                        .Bind(8, std::int64_t{reply.updated_at});
                    if (auto r = RunReplyWrite(stmt, reply); !r) return r;
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::CreateCannedCategory(const std::string& tenant_id, const CannedCategory& category,
                                       Done done) {
  Enqueue(Write{[tenant_id, category](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "INSERT INTO canned_categories (tenant_id, id, name, position) "
                      "SELECT ?, ?, ?, COALESCE(MAX(position), 0) + 1 FROM canned_categories "
                      "WHERE tenant_id = ?");
                  stmt.Bind(1, tenant_id).Bind(2, category.id).Bind(3, category.name);
                  stmt.Bind(4, tenant_id);
                  return NameConflict(stmt.Run(), category.name);
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::RenameCannedCategory(const std::string& tenant_id, const std::string& category_id,
                                       const std::string& name, Done done) {
  Enqueue(Write{[tenant_id, category_id, name](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "UPDATE canned_categories SET name = ? WHERE tenant_id = ? AND id = ?");
                  stmt.Bind(1, name).Bind(2, tenant_id).Bind(3, category_id);
                  if (auto r = NameConflict(stmt.Run(), name); !r) return r;
                  return RequireChanged(db, "no such category");
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::DeleteCannedCategory(const std::string& tenant_id, const std::string& category_id,
                                       Done done) {
  Enqueue(Write{[tenant_id, category_id](Connection& db) -> Result<void> {
                  auto stmt =
                      db.Prepare("DELETE FROM canned_categories WHERE tenant_id = ? AND id = ?");
                  stmt.Bind(1, tenant_id).Bind(2, category_id);
                  if (auto r = stmt.Run(); !r) return r;
                  if (auto r = RequireChanged(db, "no such category"); !r) return r;
                  // Personal replies use the tenant's categories too: refusing the delete while
                  // they do would block supervisors on replies they cannot see.
                  auto orphans = db.Prepare(
                      "UPDATE canned_replies SET category_id = '' WHERE tenant_id = ? AND "
                      "category_id = ?");
                  orphans.Bind(1, tenant_id).Bind(2, category_id);
                  return orphans.Run();
                },
                nullptr, std::move(done), 0});
}

Result<std::vector<CannedReply>> SqliteStore::ListCannedReplies(const std::string& tenant_id,
                                                                const std::string& viewer_id) {
  auto db = Lease();
  // owner_id DESC puts a personal reply before the team's reply with the same code.
  auto stmt = db->Prepare(std::string("SELECT ") + kReplyColumns +
                          " FROM canned_replies WHERE tenant_id = ? AND (owner_id = '' OR "
                          "(owner_id = ? AND ? <> '')) ORDER BY code, owner_id DESC, id");
  stmt.Bind(1, tenant_id).Bind(2, viewer_id).Bind(3, viewer_id);
  return QueryAll<CannedReply>(stmt, ReadReply);
}

Result<std::optional<CannedReply>> SqliteStore::FindCannedReply(const std::string& tenant_id,
                                                                const std::string& reply_id) {
  auto db = Lease();
  auto stmt = db->Prepare(std::string("SELECT ") + kReplyColumns +
                          " FROM canned_replies WHERE tenant_id = ? AND id = ?");
  stmt.Bind(1, tenant_id).Bind(2, reply_id);
  return QueryOne<CannedReply>(stmt, ReadReply);
}

Result<std::vector<CannedCategory>> SqliteStore::ListCannedCategories(
    const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT id, name, position FROM canned_categories WHERE tenant_id = ? "
      "ORDER BY position, name");
  stmt.Bind(1, tenant_id);
  return QueryAll<CannedCategory>(stmt, [](const Statement& row) {
    return CannedCategory{row.Text(0), row.Text(1), static_cast<long>(row.Int(2))};
  });
}

}  // namespace kefu::storage::sqlite
