#include "engine/repeat_contact.hpp"

#include <cstddef>
#include <optional>
#include <tuple>

#include "engine/classification.hpp"

namespace kefu::engine {

std::optional<RepeatContact> FindRepeatContact(const ConversationSnapshot& current,
                                               const std::vector<PastConversation>& past,
                                               Millis window,
                                               const std::vector<ClassificationNode>& tree) {
  // An index, not a pointer: GCC 12 at -O2 takes the pointer's target for uninitialised.
  std::optional<std::size_t> latest;
  for (std::size_t i = 0; i < past.size(); ++i) {
    const PastConversation& p = past[i];
    if (p.id == current.id || p.visitor_id != current.visitor.id) continue;
    if (p.closed_at > current.created_at || current.created_at - p.closed_at > window) continue;
    // Ties (two closes in the same millisecond) go to the larger id, so the answer is stable.
    if (!latest ||
        std::tie(p.closed_at, p.id) > std::tie(past[*latest].closed_at, past[*latest].id)) {
      latest = i;
    }
  }
  if (!latest) return std::nullopt;
  const PastConversation& found = past[*latest];
  RepeatContact repeat;
  repeat.conversation_id = found.id;
  repeat.closed_at = found.closed_at;
  repeat.classification_id = found.classification_id;
  if (!found.classification_id.empty()) {
    repeat.classification_path = PathOf(tree, found.classification_id);
  }
  repeat.summary = found.summary;
  return repeat;
}

}  // namespace kefu::engine
