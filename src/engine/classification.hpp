// The inquiry classification tree (咨询分类) of a tenant: what a valid tree is, which nodes an
// agent may choose when closing a conversation, and how an administrator's replacement of the
// tree keeps the nodes past conversations used. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

inline constexpr std::size_t kMaxClassificationNodes = 500;
inline constexpr int kMaxClassificationDepth = 4;  // a top-level node is at depth 1
inline constexpr std::size_t kMaxClassificationNameChars = 50;
inline constexpr std::size_t kMaxSummaryChars = 500;

// Checks a whole tree: ids are 1–64 printable ASCII characters without spaces and unique;
// names 1–50 characters, not blank, unique among a node's enabled siblings; every parent exists;
// no cycles; depth ≤ 4; at most 500 nodes. kBadFrame naming the first problem.
Result<void> ValidateTree(const std::vector<ClassificationNode>& tree);

// The node `id` of `tree`, or nullptr.
const ClassificationNode* FindNode(const std::vector<ClassificationNode>& tree,
                                   const std::string& id);

// Whether an agent may classify a conversation with `id`: the node exists, it and all its
// ancestors are enabled, and it has no enabled child (the most specific choice: a leaf).
bool Selectable(const std::vector<ClassificationNode>& tree, const std::string& id);

// The names from the top-level node down to `id` (empty when there is no such node). Disabled
// nodes keep their path: past conversations still name them.
std::vector<std::string> PathOf(const std::vector<ClassificationNode>& tree, const std::string& id);

// Checks an agent's choice against `policy` and completes it with the node's path. An empty
// `id` with a summary is a summary alone. Errors: kBadFrame (not a selectable node),
// kTextTooLong (summary over 500 characters).
Result<ClassificationChoice> ResolveChoice(const std::vector<ClassificationNode>& tree,
                                           const std::string& id, const std::string& summary);

// The tree after an administrator replaces `current` with `submitted`: the submitted nodes
// (sibling order renumbered 0, 1, … in the submitted order), plus every left-out node that
// `used` names — and its left-out ancestors — kept disabled, so past conversations keep their
// classification. Errors: those of ValidateTree for the result.
Result<std::vector<ClassificationNode>> ReplaceTree(const std::vector<ClassificationNode>& current,
                                                    std::vector<ClassificationNode> submitted,
                                                    const std::set<std::string>& used);

}  // namespace kefu::engine
