// SqliteStore: the knowledge base — entries, categories, gaps, ratings and bot settings.
#include <sqlite3.h>

#include "storage/sqlite/kb_writes.hpp"
#include "storage/sqlite/query.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::storage::sqlite {
namespace {

const char* kEntryColumns =
    "id, question, similar, answer, category, tags, enabled, valid_from, valid_to";

bot::KbEntry ReadEntry(const Statement& row) {
  bot::KbEntry entry;
  entry.id = row.Text(0);
  entry.question = row.Text(1);
  entry.similar = bot::SplitLines(row.Text(2));
  entry.answer = row.Text(3);
  entry.category = row.Text(4);
  entry.tags = bot::SplitLines(row.Text(5));
  entry.enabled = row.Int(6) != 0;
  entry.valid_from = row.Int(7);
  entry.valid_to = row.Int(8);
  return entry;
}

}  // namespace

Result<void> UpsertKbGap(Connection& db, const std::string& tenant_id,
                         const engine::KnowledgeGap& gap) {
  auto stmt = db.Prepare(
      "INSERT INTO kb_gaps (tenant_id, key, question, count, best_entry_id, best_confidence, "
      "first_at, last_at) VALUES (?,?,?,1,?,?,?,?) ON CONFLICT (tenant_id, key) DO UPDATE SET "
      "count = count + 1, question = excluded.question, best_entry_id = excluded.best_entry_id, "
      "best_confidence = excluded.best_confidence, last_at = excluded.last_at");
  stmt.Bind(1, tenant_id)
      .Bind(2, gap.key)
      .Bind(3, gap.question)
      .Bind(4, gap.best_entry_id)
      .Bind(5, gap.best_confidence)
      .Bind(6, std::int64_t{gap.at})
      .Bind(7, std::int64_t{gap.at});
  return stmt.Run();
}

namespace {

Result<void> AddToRatings(Connection& db, const std::string& tenant_id, const std::string& entry_id,
                          bool helpful) {
  auto stmt = db.Prepare(
      "INSERT INTO kb_ratings (tenant_id, entry_id, helpful, not_helpful) VALUES (?,?,?,?) "
      "ON CONFLICT (tenant_id, entry_id) DO UPDATE SET helpful = helpful + excluded.helpful, "
      "not_helpful = not_helpful + excluded.not_helpful");
  stmt.Bind(1, tenant_id)
      .Bind(2, entry_id)
      .Bind(3, std::int64_t{helpful ? 1 : 0})
      .Bind(4, std::int64_t{helpful ? 0 : 1});
  return stmt.Run();
}

}  // namespace

Result<void> CountKbRating(Connection& db, const std::string& tenant_id,
                           const engine::AnswerRating& rating) {
  auto once = db.Prepare(
      "INSERT OR IGNORE INTO kb_rated (tenant_id, conversation_id, seq, entry_id, helpful) "
      "VALUES (?,?,?,?,?)");
  once.Bind(1, tenant_id)
      .Bind(2, rating.conversation_id)
      .Bind(3, std::int64_t{rating.seq})
      .Bind(4, rating.entry_id)
      .Bind(5, std::int64_t{rating.helpful ? 1 : 0});
  if (auto r = once.Run(); !r) return r;
  if (sqlite3_changes(db.handle()) == 0) return {};  // this answer was rated before
  return AddToRatings(db, tenant_id, rating.entry_id, rating.helpful);
}

void SqliteStore::PutKbEntries(const std::string& tenant_id, std::vector<bot::KbEntry> entries,
                               Millis at, Done done) {
  Enqueue(Write{[tenant_id, entries = std::move(entries), at](Connection& db) -> Result<void> {
                  for (const auto& entry : entries) {
                    auto stmt = db.Prepare(
                        "INSERT INTO kb_entries (tenant_id, id, question, similar, answer, "
                        "category, tags, enabled, valid_from, valid_to, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (tenant_id, id) DO UPDATE SET "
                        "question = excluded.question, similar = excluded.similar, "
                        "answer = excluded.answer, category = excluded.category, "
                        "tags = excluded.tags, enabled = excluded.enabled, "
                        "valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
                        "updated_at = excluded.updated_at");
                    stmt.Bind(1, tenant_id)
                        .Bind(2, entry.id)
                        .Bind(3, entry.question)
                        .Bind(4, bot::JoinLines(entry.similar))
                        .Bind(5, entry.answer)
                        .Bind(6, entry.category)
                        .Bind(7, bot::JoinLines(entry.tags))
                        .Bind(8, std::int64_t{entry.enabled ? 1 : 0})
                        .Bind(9, std::int64_t{entry.valid_from})
                        .Bind(10, std::int64_t{entry.valid_to})
                        .Bind(11, std::int64_t{at});
                    if (auto r = stmt.Run(); !r) return r;
                    if (entry.category.empty()) continue;
                    auto category = db.Prepare(
                        "INSERT INTO kb_categories (tenant_id, name) VALUES (?,?) "
                        "ON CONFLICT DO NOTHING");
                    category.Bind(1, tenant_id).Bind(2, entry.category);
                    if (auto r = category.Run(); !r) return r;
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::DeleteKbEntry(const std::string& tenant_id, const std::string& entry_id,
                                Done done) {
  Enqueue(Write{[tenant_id, entry_id](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare("DELETE FROM kb_entries WHERE tenant_id = ? AND id = ?");
                  stmt.Bind(1, tenant_id).Bind(2, entry_id);
                  if (auto r = stmt.Run(); !r) return r;
                  if (sqlite3_changes(db.handle()) == 0) {
                    return Fail(ErrorCode::kNotFound, "no knowledge-base entry " + entry_id);
                  }
                  auto ratings =
                      db.Prepare("DELETE FROM kb_ratings WHERE tenant_id = ? AND entry_id = ?");
                  ratings.Bind(1, tenant_id).Bind(2, entry_id);
                  return ratings.Run();
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::CreateKbCategory(const std::string& tenant_id, const std::string& name,
                                   Done done) {
  Enqueue(Write{[tenant_id, name](Connection& db) -> Result<void> {
                  auto stmt =
                      db.Prepare("INSERT INTO kb_categories (tenant_id, name) VALUES (?,?)");
                  stmt.Bind(1, tenant_id).Bind(2, name);
                  if (auto r = stmt.Run(); !r) {
                    if (r.error().code == ErrorCode::kConflict) {
                      return Fail(ErrorCode::kConflict, "a category with this name already exists");
                    }
                    return r;
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::DeleteKbCategory(const std::string& tenant_id, const std::string& name,
                                   Done done) {
  Enqueue(Write{[tenant_id, name](Connection& db) -> Result<void> {
                  auto used = db.Prepare(
                      "SELECT COUNT(*) FROM kb_entries WHERE tenant_id = ? AND category = ?");
                  used.Bind(1, tenant_id).Bind(2, name);
                  auto row = used.Step();
                  if (!row) return Unexpected{row.error()};
                  if (used.Int(0) > 0) {
                    return Fail(ErrorCode::kConflict, "category '" + name + "' still has " +
                                                          std::to_string(used.Int(0)) + " entries");
                  }
                  auto stmt =
                      db.Prepare("DELETE FROM kb_categories WHERE tenant_id = ? AND name = ?");
                  stmt.Bind(1, tenant_id).Bind(2, name);
                  if (auto r = stmt.Run(); !r) return r;
                  if (sqlite3_changes(db.handle()) == 0) {
                    return Fail(ErrorCode::kNotFound, "no category '" + name + "'");
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::RecordKbGap(const std::string& tenant_id, const KbGap& gap, Done done) {
  engine::KnowledgeGap write{gap.key, gap.question, gap.best_entry_id, gap.best_confidence,
                             gap.last_at};
  Enqueue(Write{[tenant_id, write](Connection& db) { return UpsertKbGap(db, tenant_id, write); },
                nullptr, std::move(done), 0});
}

void SqliteStore::DeleteKbGap(const std::string& tenant_id, const std::string& key, Done done) {
  Enqueue(Write{[tenant_id, key](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare("DELETE FROM kb_gaps WHERE tenant_id = ? AND key = ?");
                  stmt.Bind(1, tenant_id).Bind(2, key);
                  if (auto r = stmt.Run(); !r) return r;
                  if (sqlite3_changes(db.handle()) == 0) {
                    return Fail(ErrorCode::kNotFound, "no such knowledge gap");
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::RecordKbRating(const std::string& tenant_id, const std::string& entry_id,
                                 bool helpful, Done done) {
  Enqueue(Write{[tenant_id, entry_id, helpful](Connection& db) {
                  return AddToRatings(db, tenant_id, entry_id, helpful);
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::PutBotSettings(const std::string& tenant_id, const std::string& json, Done done) {
  Enqueue(Write{[tenant_id, json](Connection& db) {
                  auto stmt = db.Prepare(
                      "INSERT INTO bot_settings (tenant_id, settings) VALUES (?,?) "
                      "ON CONFLICT (tenant_id) DO UPDATE SET settings = excluded.settings");
                  stmt.Bind(1, tenant_id).Bind(2, json);
                  return stmt.Run();
                },
                nullptr, std::move(done), 0});
}

Result<std::vector<bot::KbEntry>> SqliteStore::ListKbEntries(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare(std::string("SELECT ") + kEntryColumns +
                          " FROM kb_entries WHERE tenant_id = ? ORDER BY id");
  stmt.Bind(1, tenant_id);
  return QueryAll<bot::KbEntry>(stmt, ReadEntry);
}

Result<bool> SqliteStore::HasKbEntries(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT EXISTS (SELECT 1 FROM kb_entries WHERE tenant_id = ?)");
  stmt.Bind(1, tenant_id);
  auto row = stmt.Step();
  if (!row) return Unexpected{row.error()};
  return stmt.Int(0) != 0;
}

Result<std::optional<bot::KbEntry>> SqliteStore::FindKbEntry(const std::string& tenant_id,
                                                             const std::string& entry_id) {
  auto db = Lease();
  auto stmt = db->Prepare(std::string("SELECT ") + kEntryColumns +
                          " FROM kb_entries WHERE tenant_id = ? AND id = ?");
  stmt.Bind(1, tenant_id).Bind(2, entry_id);
  return QueryOne<bot::KbEntry>(stmt, ReadEntry);
}

Result<std::vector<std::string>> SqliteStore::ListKbCategories(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT name FROM kb_categories WHERE tenant_id = ? ORDER BY name");
  stmt.Bind(1, tenant_id);
  return QueryAll<std::string>(stmt, [](const Statement& row) { return row.Text(0); });
}

Result<std::vector<KbGap>> SqliteStore::ListKbGaps(const std::string& tenant_id,
                                                   std::size_t limit) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT key, question, count, best_entry_id, best_confidence, first_at, last_at "
      "FROM kb_gaps WHERE tenant_id = ? ORDER BY count DESC, last_at DESC LIMIT ?");
  stmt.Bind(1, tenant_id).Bind(2, static_cast<std::int64_t>(limit));
  return QueryAll<KbGap>(stmt, [](const Statement& row) {
    return KbGap{row.Text(0), row.Text(1),   static_cast<long>(row.Int(2)),
                 row.Text(3), row.Double(4), row.Int(5),
                 row.Int(6)};
  });
}

Result<std::vector<KbRatings>> SqliteStore::ListKbRatings(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT entry_id, helpful, not_helpful FROM kb_ratings WHERE tenant_id = ? "
      "ORDER BY entry_id");
  stmt.Bind(1, tenant_id);
  return QueryAll<KbRatings>(stmt, [](const Statement& row) {
    return KbRatings{row.Text(0), static_cast<long>(row.Int(1)), static_cast<long>(row.Int(2))};
  });
}

Result<std::optional<std::string>> SqliteStore::FindBotSettings(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT settings FROM bot_settings WHERE tenant_id = ?");
  stmt.Bind(1, tenant_id);
  return QueryOne<std::string>(stmt, [](const Statement& row) { return row.Text(0); });
}

}  // namespace kefu::storage::sqlite
