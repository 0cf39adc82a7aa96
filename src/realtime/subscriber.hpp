// Subscriber: what a tenant runtime publishes to (a WebSocket session). Calls arrive on the
// runtime's strand; implementations hand them over to their own executor and must not block.
#pragma once

#include <memory>
#include <string>

#include "engine/types.hpp"

namespace kefu::realtime {

// An event encoded once and shared by every subscriber that receives it.
struct SharedEvent {
  std::string conversation_id;
  long seq = 0;
  std::string frame;
};

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual void OnEvent(std::shared_ptr<const SharedEvent> event) = 0;
  // A conversation entered or changed in this subscriber's view.
  virtual void OnConversation(const engine::ConversationSnapshot& conversation,
                              std::shared_ptr<const std::string> frame) = 0;
  // A frame to pass on as it is (agent status and load).
  virtual void OnFrame(std::shared_ptr<const std::string> frame) = 0;
};

}  // namespace kefu::realtime
