// SqliteStore: the inquiry classification tree, the tenant's classification settings, the
// classification of conversations and the closed conversations the repeat-contact rule reads.
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/classification.hpp"
#include "protocol/classification_json.hpp"
#include "storage/sqlite/query.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::storage::sqlite {
namespace {

// Parents before children: each top-level node followed by its subtree, siblings by order.
std::vector<engine::ClassificationNode> TreeOrder(std::vector<engine::ClassificationNode> nodes) {
  std::map<std::string, std::vector<const engine::ClassificationNode*>> children;
  std::set<std::string> ids;
  for (const auto& node : nodes) ids.insert(node.id);
  for (const auto& node : nodes) {
    // A parent that is missing (never written so) would hide the node: list it at the top.
    children[ids.count(node.parent_id) != 0 ? node.parent_id : std::string()].push_back(&node);
  }
  for (auto& [parent, list] : children) {
    std::stable_sort(list.begin(), list.end(),
                     [](const auto* a, const auto* b) { return a->order < b->order; });
  }
  std::vector<engine::ClassificationNode> ordered;
  std::vector<const engine::ClassificationNode*> stack;
  auto push_children = [&](const std::string& parent) {
    auto it = children.find(parent);
    if (it == children.end()) return;
    for (auto child = it->second.rbegin(); child != it->second.rend(); ++child) {
      stack.push_back(*child);
    }
  };
  push_children("");
  while (!stack.empty() && ordered.size() < nodes.size()) {
    const auto* node = stack.back();
    stack.pop_back();
    ordered.push_back(*node);
    push_children(node->id);
  }
  return ordered;
}

Result<std::vector<engine::ClassificationNode>> ReadNodes(Connection& db,
                                                          const std::string& tenant_id) {
  auto stmt = db.Prepare(
      "SELECT id, parent_id, name, position, enabled FROM classification_nodes "
      "WHERE tenant_id = ?");
  stmt.Bind(1, tenant_id);
  auto nodes = QueryAll<engine::ClassificationNode>(stmt, [](const Statement& row) {
    return engine::ClassificationNode{row.Text(0), row.IsNull(1) ? std::string() : row.Text(1),
                                      row.Text(2), static_cast<int>(row.Int(3)), row.Int(4) != 0};
  });
  if (!nodes) return nodes;
  return TreeOrder(std::move(*nodes));
}

}  // namespace

void SqliteStore::PutClassificationTree(const std::string& tenant_id,
                                        std::vector<engine::ClassificationNode> submitted,
                                        Done done) {
  // The merge runs in the write transaction: a close committed just before cannot lose its node.
  Enqueue(Write{[tenant_id, submitted = std::move(submitted)](Connection& db) -> Result<void> {
                  auto current = ReadNodes(db, tenant_id);
                  if (!current) return Unexpected{current.error()};
                  std::set<std::string> used;
                  {
                    auto stmt = db.Prepare(
                        "SELECT DISTINCT classification_id FROM conversations WHERE tenant_id = ? "
                        "AND classification_id IS NOT NULL");
                    stmt.Bind(1, tenant_id);
                    auto ids = QueryAll<std::string>(
                        stmt, [](const Statement& row) { return row.Text(0); });
                    if (!ids) return Unexpected{ids.error()};
                    used.insert(ids->begin(), ids->end());
                  }
                  auto tree = engine::ReplaceTree(*current, submitted, used);
                  if (!tree) return Unexpected{tree.error()};
                  auto clear = db.Prepare("DELETE FROM classification_nodes WHERE tenant_id = ?");
                  clear.Bind(1, tenant_id);
                  if (auto r = clear.Run(); !r) return r;
                  for (const auto& node : *tree) {
                    auto insert = db.Prepare(
                        "INSERT INTO classification_nodes (tenant_id, id, parent_id, name, "
                        "position, enabled) VALUES (?,?,?,?,?,?)");
                    insert.Bind(1, tenant_id)
                        .Bind(2, node.id)
                        .BindNullIfEmpty(3, node.parent_id)
                        .Bind(4, node.name)
                        .Bind(5, std::int64_t{node.order})
                        .Bind(6, std::int64_t{node.enabled ? 1 : 0});
                    if (auto r = insert.Run(); !r) return r;
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::PutClassificationSettings(const std::string& tenant_id,
                                            const engine::ClassificationSettings& settings,
                                            Done done) {
  const std::string json = protocol::ClassificationSettingsToStorage(settings);
  Enqueue(Write{[tenant_id, json](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "INSERT INTO tenant_settings (tenant_id, classification) VALUES (?,?) "
                      "ON CONFLICT (tenant_id) DO UPDATE SET classification = "
                      "excluded.classification");
                  stmt.Bind(1, tenant_id).Bind(2, json);
                  return stmt.Run();
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::SetConversationClassification(const std::string& tenant_id,
                                                const std::string& conversation_id,
                                                const engine::ClassificationChoice& choice,
                                                Done done) {
  Enqueue(Write{[tenant_id, conversation_id, choice](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "UPDATE conversations SET classification_id = ?, summary = ? "
                      "WHERE tenant_id = ? AND id = ?");
                  stmt.BindNullIfEmpty(1, choice.id)
                      .BindNullIfEmpty(2, choice.summary)
                      .Bind(3, tenant_id)
                      .Bind(4, conversation_id);
                  if (auto r = stmt.Run(); !r) return r;
                  if (sqlite3_changes(db.handle()) == 0) {
                    return Fail(ErrorCode::kNotFound, "no such conversation");
                  }
                  return {};
                },
                nullptr, std::move(done), 0});
}

Result<std::vector<engine::ClassificationNode>> SqliteStore::ListClassificationNodes(
    const std::string& tenant_id) {
  auto db = Lease();
  return ReadNodes(*db, tenant_id);
}

Result<engine::ClassificationSettings> SqliteStore::FindClassificationSettings(
    const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT classification FROM tenant_settings WHERE tenant_id = ?");
  stmt.Bind(1, tenant_id);
  auto text = QueryOne<std::string>(stmt, [](const Statement& row) { return row.Text(0); });
  if (!text) return Unexpected{text.error()};
  return *text ? protocol::ClassificationSettingsFromStorage(**text)
               : engine::ClassificationSettings{};
}

Result<engine::ClassificationPolicy> SqliteStore::FindClassificationPolicy(
    const std::string& tenant_id) {
  auto settings = FindClassificationSettings(tenant_id);
  if (!settings) return Unexpected{settings.error()};
  auto tree = ListClassificationNodes(tenant_id);
  if (!tree) return Unexpected{tree.error()};
  return engine::ClassificationPolicy{*settings, std::move(*tree)};
}

Result<std::vector<engine::PastConversation>> SqliteStore::ClosedConversationsOf(
    const std::string& tenant_id, const std::string& visitor_id, Millis closed_since,
    std::size_t limit) {
  auto db = Lease();
  // A closed conversation's last event is its close: updated_at is when it closed.
  auto stmt = db->Prepare(
      "SELECT id, visitor_id, updated_at, classification_id, summary FROM conversations "
      "WHERE tenant_id = ? AND visitor_id = ? AND state = 'closed' AND updated_at >= ? "
      "ORDER BY updated_at DESC, id DESC LIMIT ?");
  stmt.Bind(1, tenant_id)
      .Bind(2, visitor_id)
      .Bind(3, std::int64_t{closed_since})
      .Bind(4, static_cast<std::int64_t>(limit));
  return QueryAll<engine::PastConversation>(stmt, [](const Statement& row) {
    return engine::PastConversation{row.Text(0), row.Text(1), row.Int(2),
                                    row.IsNull(3) ? std::string() : row.Text(3),
                                    row.IsNull(4) ? std::string() : row.Text(4)};
  });
}

}  // namespace kefu::storage::sqlite
