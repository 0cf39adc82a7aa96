// The repeat-contact rule: whether a conversation is a customer coming back soon after an earlier
// one, and what the agent should know about that earlier one. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

// A closed conversation of the past, as the rule needs it.
struct PastConversation {
  std::string id;
  std::string visitor_id;
  Millis closed_at = 0;
  std::string classification_id;  // empty when never classified
  std::string summary;
};

// The earlier conversation a repeat contact follows.
struct RepeatContact {
  std::string conversation_id;
  Millis closed_at = 0;
  std::string classification_id;
  std::vector<std::string> classification_path;  // root first; empty when unclassified
  std::string summary;
  bool operator==(const RepeatContact&) const = default;
};

// `current` is a repeat contact when the same visitor (the same visitor id: a verified customer
// has one id on every device, auth::StableId) closed another conversation at most `window`
// before `current` started. Returns the latest such conversation, its classification path in
// `tree` (disabled nodes included) and summary; nullopt when there is none. `past` may hold
// anything (other visitors, `current` itself, conversations closed after `current` started):
// only the matching ones count.
std::optional<RepeatContact> FindRepeatContact(const ConversationSnapshot& current,
                                               const std::vector<PastConversation>& past,
                                               Millis window,
                                               const std::vector<ClassificationNode>& tree);

}  // namespace kefu::engine
