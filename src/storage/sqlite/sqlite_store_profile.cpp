// SqliteStore: customer profiles (the visitors table's profile columns, migration 7).
#include <string>
#include <vector>

#include "storage/sqlite/query.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::storage::sqlite {
namespace {

constexpr const char* kProfileColumns =
    "id, name, phone, email, vip, tags, attributes, note, user_id, created_at, updated_at, "
    "updated_by_id, updated_by_name";

// Lists are stored one item per line; attributes as "key<TAB>value" (profile fields never hold
// control characters: engine::CheckProfilePatch).
std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string text;
  for (const auto& tag : tags) text += (text.empty() ? "" : "\n") + tag;
  return text;
}

std::string JoinAttributes(const std::vector<engine::ProfileAttribute>& attributes) {
  std::string text;
  for (const auto& a : attributes) text += (text.empty() ? "" : "\n") + a.key + '\t' + a.value;
  return text;
}

engine::CustomerProfile ReadProfile(const Statement& row) {
  engine::CustomerProfile p;
  p.id = row.Text(0);
  p.name = row.Text(1);
  p.phone = row.Text(2);
  p.email = row.Text(3);
  p.vip = static_cast<int>(row.Int(4));
  p.tags = SplitLines(row.Text(5));
  for (auto& line : SplitLines(row.Text(6))) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    p.attributes.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  p.note = row.Text(7);
  p.user_id = row.IsNull(8) ? std::string() : row.Text(8);
  p.created_at = row.Int(9);
  p.updated_at = row.Int(10);
  if (!row.IsNull(11)) p.updated_by = engine::Ref{row.Text(11), row.Text(12)};
  return p;
}

Result<std::optional<engine::CustomerProfile>> SelectProfile(Connection& db,
                                                             const std::string& tenant_id,
                                                             const std::string& visitor_id) {
  auto stmt = db.Prepare(std::string("SELECT ") + kProfileColumns +
                         " FROM visitors WHERE tenant_id = ? AND id = ?");
  stmt.Bind(1, tenant_id).Bind(2, visitor_id);
  return QueryOne<engine::CustomerProfile>(stmt, ReadProfile);
}

}  // namespace

void SqliteStore::PatchVisitorProfile(const std::string& tenant_id, const std::string& visitor_id,
                                      const engine::ProfilePatch& patch, Millis at,
                                      const std::optional<engine::Ref>& by,
                                      const std::optional<std::string>& create_as, Done done) {
  Enqueue(Write{
      [tenant_id, visitor_id, patch, at, by, create_as](Connection& db) -> Result<void> {
        // Read, change and write back in the writer's transaction: nothing else writes between.
        auto found = SelectProfile(db, tenant_id, visitor_id);
        if (!found) return Unexpected{found.error()};
        engine::CustomerProfile profile;
        if (*found) {
          profile = std::move(**found);
        } else if (create_as) {
          profile.id = visitor_id;
          profile.name = *create_as;
          profile.created_at = at;
        } else {
          return Fail(ErrorCode::kNotFound, "no such visitor");
        }
        engine::ApplyProfilePatch(profile, patch);
        profile.updated_at = at;
        profile.updated_by = by;
        auto stmt = db.Prepare(
            "INSERT INTO visitors (tenant_id, id, name, created_at, phone, email, vip, tags, "
            "attributes, note, user_id, updated_at, updated_by_id, updated_by_name) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, "
            "phone = excluded.phone, email = excluded.email, vip = excluded.vip, "
            "tags = excluded.tags, attributes = excluded.attributes, note = excluded.note, "
            "user_id = excluded.user_id, updated_at = excluded.updated_at, "
            "updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name");
        stmt.Bind(1, tenant_id)
            .Bind(2, profile.id)
            .Bind(3, profile.name)
            .Bind(4, profile.created_at)
            .Bind(5, profile.phone)
            .Bind(6, profile.email)
            .Bind(7, static_cast<std::int64_t>(profile.vip))
            .Bind(8, JoinTags(profile.tags))
            .Bind(9, JoinAttributes(profile.attributes))
            .Bind(10, profile.note)
            .BindNullIfEmpty(11, profile.user_id)
            .Bind(12, profile.updated_at)
            .BindOptional(13, by ? std::optional(by->id) : std::nullopt)
            .BindOptional(14, by ? std::optional(by->name) : std::nullopt);
        return stmt.Run();
      },
      nullptr, std::move(done), 0});
}

Result<std::optional<engine::CustomerProfile>> SqliteStore::FindVisitorProfile(
    const std::string& tenant_id, const std::string& visitor_id) {
  auto db = Lease();
  return SelectProfile(*db, tenant_id, visitor_id);
}

}  // namespace kefu::storage::sqlite
