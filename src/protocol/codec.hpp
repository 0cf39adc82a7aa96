// Encoding of server frames and of the JSON objects REST answers with (docs/protocol.md).
// Thread-safe (pure functions).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "engine/tenant_engine.hpp"

namespace kefu::protocol {

// Objects, shared by frames and REST bodies.
boost::json::object EventJson(const engine::ConversationEvent& event);  // with "type":"event"
boost::json::object ConversationJson(const engine::ConversationSnapshot& conversation);
boost::json::object AgentJson(const engine::AgentInfo& info, engine::AgentStatus status, int load);
// With the live state (busy, wrap-up) and whether the agent is connected.
boost::json::object AgentSnapshotJson(const engine::AgentSnapshot& agent);
boost::json::object ErrorBodyJson(const Error& error);  // REST: {"error":{code,message}}
boost::json::object QueueJson(const engine::QueueInfo& queue);
// The `bot` object of a bot message; also how storage keeps it.
boost::json::object BotJson(const engine::BotReply& reply);
// The inverse of BotJson; nullopt for anything that is not such an object.
std::optional<engine::BotReply> ParseBotJson(std::string_view text);

// What the visitor's welcome says about the bot of their queue.
struct BotIntro {
  std::string name;
  std::string greeting;
  bool suggestions = true;
};

// What the visitor's welcome says about self-service while waiting for a person.
struct SelfServiceIntro {
  std::string name;  // the bot's, which signs the answers
  bool suggestions = true;
};

// What the visitor's welcome says about the queue new conversations go to.
struct QueueIntro {
  std::string id;
  std::string slug;
  std::string name;
  bool open = true;
  std::optional<Millis> opens_at;
};

// One suggestion while typing.
struct SuggestionItem {
  std::string entry_id;
  std::string question;
};

struct Limits {
  std::size_t max_frame_bytes = 16 * 1024;
  std::size_t max_text_chars = 4000;
  int rate_per_second = 20;
  int heartbeat_seconds = 25;
};

// Frames.
std::string EventFrame(const engine::ConversationEvent& event);
std::string ConversationFrame(const engine::ConversationSnapshot& conversation);
std::string AgentFrame(const engine::AgentSnapshot& agent);
std::string AckFrame(const std::string& id, const engine::Ack& ack);
std::string StatusAckFrame(const std::string& id, engine::AgentStatus status);
std::string ErrorFrame(const std::optional<std::string>& id, const Error& error);
std::string PongFrame(Millis now);
std::string VisitorWelcomeFrame(const std::string& visitor_id, const std::string& visitor_name,
                                const std::string& token,
                                const std::vector<engine::ConversationSnapshot>& conversations,
                                const Limits& limits, const std::optional<BotIntro>& bot = {},
                                const std::optional<QueueIntro>& queue = {},
                                const std::optional<SelfServiceIntro>& self_service = {});
std::string SuggestionsFrame(const std::string& id, const std::vector<SuggestionItem>& items);
// The visitor's draft for the assigned agent (typing preview; empty: cleared or sent).
std::string TypingFrame(const std::string& conversation_id, const std::string& text, Millis at);
std::string AgentWelcomeFrame(const engine::AgentSnapshot& agent,
                              const std::vector<engine::ConversationSnapshot>& conversations,
                              const Limits& limits);

}  // namespace kefu::protocol
