#include "engine/classification.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/ids.hpp"
#include "common/utf8_count.hpp"

namespace kefu::engine {
namespace {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<void> ValidateTree(const std::vector<ClassificationNode>& tree) {
  if (tree.size() > kMaxClassificationNodes) {
    return Fail(ErrorCode::kBadFrame,
                "the tree has more than " + std::to_string(kMaxClassificationNodes) + " nodes");
  }
  std::unordered_map<std::string, const ClassificationNode*> by_id;
  for (const auto& node : tree) {
    if (!IsPlainKey(node.id)) {
      return Fail(ErrorCode::kBadFrame,
                  "node ids must be 1-64 printable ASCII characters without spaces");
    }
    if (!by_id.emplace(node.id, &node).second) {
      return Fail(ErrorCode::kBadFrame, "node id '" + node.id + "' is used twice");
    }
    if (IsBlank(node.name) || CodePoints(node.name) > kMaxClassificationNameChars) {
      return Fail(ErrorCode::kBadFrame, "node '" + node.id + "': the name must be 1-" +
                                            std::to_string(kMaxClassificationNameChars) +
                                            " characters");
    }
  }
  std::set<std::pair<std::string, std::string>> enabled_names;  // (parent, name)
  for (const auto& node : tree) {
    // Walk up: a parent chain longer than the depth limit is too deep or a cycle.
    int depth = 1;
    for (const ClassificationNode* at = &node; !at->parent_id.empty(); ++depth) {
      auto parent = by_id.find(at->parent_id);
      if (parent == by_id.end()) {
        return Fail(ErrorCode::kBadFrame,
                    "node '" + at->id + "' has an unknown parent '" + at->parent_id + "'");
      }
      if (parent->second == &node) {
        return Fail(ErrorCode::kBadFrame, "node '" + node.id + "' is its own ancestor (a cycle)");
      }
      if (depth >= kMaxClassificationDepth) {
        return Fail(ErrorCode::kBadFrame, "node '" + node.id + "' is deeper than " +
                                              std::to_string(kMaxClassificationDepth) +
                                              " levels (or in a cycle)");
      }
      at = parent->second;
    }
    if (node.enabled && !enabled_names.emplace(node.parent_id, node.name).second) {
      return Fail(ErrorCode::kBadFrame,
                  "two nodes under the same parent are named '" + node.name + "'");
    }
  }
  return {};
}

const ClassificationNode* FindNode(const std::vector<ClassificationNode>& tree,
                                   const std::string& id) {
  auto it = std::find_if(tree.begin(), tree.end(), [&](const auto& n) { return n.id == id; });
  return it == tree.end() ? nullptr : &*it;
}

bool Selectable(const std::vector<ClassificationNode>& tree, const std::string& id) {
  const ClassificationNode* node = FindNode(tree, id);
  if (node == nullptr) return false;
  for (const auto& other : tree) {
    if (other.parent_id == id && other.enabled) return false;  // not the most specific choice
  }
  // The tree may be unvalidated input: bound the walk up.
  for (std::size_t steps = 0; node != nullptr && steps <= tree.size(); ++steps) {
    if (!node->enabled) return false;
    if (node->parent_id.empty()) return true;
    node = FindNode(tree, node->parent_id);
  }
  return false;
}

std::vector<std::string> PathOf(const std::vector<ClassificationNode>& tree,
                                const std::string& id) {
  std::vector<std::string> path;
  const ClassificationNode* node = FindNode(tree, id);
  for (std::size_t steps = 0; node != nullptr && steps <= tree.size(); ++steps) {
    path.push_back(node->name);
    if (node->parent_id.empty()) break;
    node = FindNode(tree, node->parent_id);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

Result<ClassificationChoice> ResolveChoice(const std::vector<ClassificationNode>& tree,
                                           const std::string& id, const std::string& summary) {
  if (CodePoints(summary) > kMaxSummaryChars) {
    return Fail(ErrorCode::kTextTooLong,
                "the summary is longer than " + std::to_string(kMaxSummaryChars) + " characters");
  }
  ClassificationChoice choice;
  choice.summary = IsBlank(summary) ? std::string() : summary;
  if (!id.empty()) {
    if (!Selectable(tree, id)) {
      return Fail(ErrorCode::kBadFrame,
                  "'classification' must be an enabled node without enabled children");
    }
    choice.id = id;
    choice.path = PathOf(tree, id);
  }
  return choice;
}

Result<std::vector<ClassificationNode>> ReplaceTree(const std::vector<ClassificationNode>& current,
                                                    std::vector<ClassificationNode> submitted,
                                                    const std::set<std::string>& used) {
  std::map<std::string, int> next_order;  // by parent
  std::set<std::string> present;
  for (auto& node : submitted) {
    node.order = next_order[node.parent_id]++;
    present.insert(node.id);
  }
  // Keep each used node that was left out, and its left-out ancestors, disabled and where they
  // were: after the submitted nodes, in their old order.
  std::set<std::string> keep;
  for (const auto& id : used) {
    const ClassificationNode* node = FindNode(current, id);
    for (std::size_t steps = 0; node != nullptr && steps <= current.size(); ++steps) {
      if (present.count(node->id) != 0 || !keep.insert(node->id).second) break;
      if (node->parent_id.empty()) break;
      node = FindNode(current, node->parent_id);
    }
  }
  std::vector<ClassificationNode> kept;
  for (const auto& node : current) {
    if (keep.count(node.id) != 0) kept.push_back(node);
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  for (auto& node : kept) {
    node.enabled = false;
    node.order = next_order[node.parent_id]++;
    submitted.push_back(std::move(node));
  }
  if (auto valid = ValidateTree(submitted); !valid) return Unexpected{valid.error()};
  return submitted;
}

}  // namespace kefu::engine
