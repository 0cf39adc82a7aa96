// Value types of the conversation domain: what the engine keeps, emits and what storage persists.
// Plain values; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace kefu::engine {

// kBot: the visitor is talking with the knowledge-base bot (a bot-first queue), in no agent's view.
enum class ConversationState { kNew, kBot, kQueued, kAssigned, kClosed };
enum class AgentStatus { kOnline, kAway, kOffline };
enum class Role { kAgent, kSupervisor, kAdmin };
enum class AuthorRole { kVisitor, kAgent, kBot, kSystem };
enum class EventKind { kMessage, kSystem };
enum class SystemCode { kQueued, kAssigned, kClosed };
enum class CloseReason { kVisitor, kAgent, kIdle };
// What a bot message is (docs/protocol.md, "The bot").
enum class BotReplyKind { kAnswer, kClarify, kUnknown, kOffer, kTransfer };

std::string_view ToString(ConversationState state);
std::string_view ToString(AgentStatus status);
std::string_view ToString(Role role);
std::string_view ToString(AuthorRole role);
std::string_view ToString(EventKind kind);
std::string_view ToString(SystemCode code);
std::string_view ToString(CloseReason reason);
std::string_view ToString(BotReplyKind kind);

// Parsers for the names above; nullopt for anything else.
std::optional<ConversationState> ParseConversationState(std::string_view s);
std::optional<AgentStatus> ParseAgentStatus(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<AuthorRole> ParseAuthorRole(std::string_view s);
std::optional<EventKind> ParseEventKind(std::string_view s);
std::optional<SystemCode> ParseSystemCode(std::string_view s);
std::optional<CloseReason> ParseCloseReason(std::string_view s);
std::optional<BotReplyKind> ParseBotReplyKind(std::string_view s);

struct Ref {
  std::string id;
  std::string name;
  bool operator==(const Ref&) const = default;
};

struct Author {
  AuthorRole role = AuthorRole::kSystem;
  std::string id;
  std::string name;
  bool operator==(const Author&) const = default;
};

struct BotChoice {
  std::string entry_id;
  std::string question;
  bool operator==(const BotChoice&) const = default;
};

// The structured part of a bot message; the message's text is what the visitor reads.
struct BotReply {
  BotReplyKind kind = BotReplyKind::kUnknown;
  std::string entry_id;            // kAnswer
  std::string question;            // kAnswer: the entry's standard question
  double confidence = 0;           // kAnswer
  std::vector<BotChoice> choices;  // kClarify
  std::string reason;              // kOffer, kTransfer: why (docs/protocol.md lists the values)
  std::string detail;              // kOffer, kTransfer: the phrase or count, for the agent
  bool operator==(const BotReply&) const = default;
};

// One entry of a conversation's stream. Sequence numbers start at 1 and have no gaps.
struct ConversationEvent {
  std::string conversation_id;
  long seq = 0;
  Millis at = 0;
  EventKind kind = EventKind::kMessage;
  Author author;                          // kMessage: who wrote it
  std::string text;                       // kMessage
  SystemCode code = SystemCode::kQueued;  // kSystem
  Ref ref;                                // kSystem: the queue (kQueued) or agent (kAssigned)
  std::optional<CloseReason> closed_by;   // kSystem kClosed
  std::optional<BotReply> bot;            // kMessage by the bot
  // The command that produced this event, for idempotent retries: the sender's id and the
  // client's key. Empty for events nobody asked for (routing, timers).
  std::string sender_id;
  std::string idempotency_key;
  bool operator==(const ConversationEvent&) const = default;
};

// The projection of a conversation that clients and storage see.
struct ConversationSnapshot {
  std::string id;
  ConversationState state = ConversationState::kNew;
  Ref queue;
  Ref visitor;
  std::optional<Ref> agent;
  long last_seq = 0;
  long unread = 0;  // visitor messages after the agent's last read
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<CloseReason> closed_by;
  bool operator==(const ConversationSnapshot&) const = default;
};

struct QueueInfo {
  std::string id;
  std::string slug;
  std::string name;
  bool bot_first = false;  // new conversations talk with the bot until handed to a person
};

struct AgentInfo {
  std::string id;
  std::string name;
  std::string email;
  Role role = Role::kAgent;
  int capacity = 5;                    // concurrent conversations
  std::vector<std::string> queue_ids;  // queues this agent serves
};

struct AgentSnapshot {
  AgentInfo info;
  AgentStatus status = AgentStatus::kOffline;
  int load = 0;  // open conversations assigned
  bool connected = false;
};

// Per-tenant behaviour settings.
struct TenantSettings {
  Millis idle_timeout = 30 * 60 * 1000;             // close after this long without a message
  Millis idempotency_window = 24 * 60 * 60 * 1000;  // how long command keys are remembered
  Millis closed_retention = 24 * 60 * 60 * 1000;    // how long closed conversations stay loaded
  std::size_t max_text_chars = 4000;
};

}  // namespace kefu::engine
