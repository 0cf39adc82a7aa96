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
// What an agent chose; kWrapUp is entered by the engine after a conversation ends (after-chat
// work) and left at its time limit or when the agent chooses online.
enum class AgentStatus { kOnline, kAway, kWrapUp, kOffline };
// What an agent is doing, for people: kBusy is online at capacity.
enum class AgentState { kOnline, kBusy, kAway, kWrapUp, kOffline };
enum class Role { kAgent, kSupervisor, kAdmin };
enum class AuthorRole { kVisitor, kAgent, kBot, kSystem };
enum class EventKind { kMessage, kSystem };
enum class SystemCode { kQueued, kAssigned, kClosed, kNotice, kTransferred, kRequeued };
// What a `notice` is: a queue's wait notice or one of the tenant's automatic messages.
enum class NoticeKind { kWait, kGreeting, kClosing, kReminder };
// How the router picks among available agents (docs/routing.md).
enum class Strategy { kLeastBusy, kLongestIdle, kRoundRobin, kSkillLevel };
enum class TransferBy { kAgent, kSupervisor, kOverflow, kBot };
// Why the router took a conversation back from its agent.
enum class RequeueReason { kNoAnswer, kAgentOffline, kAgentDisconnected };
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
std::string_view ToString(AgentState state);
std::string_view ToString(Strategy strategy);
std::string_view ToString(TransferBy by);
std::string_view ToString(RequeueReason reason);
std::string_view ToString(NoticeKind kind);

// Parsers for the names above; nullopt for anything else.
std::optional<ConversationState> ParseConversationState(std::string_view s);
std::optional<AgentStatus> ParseAgentStatus(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<AuthorRole> ParseAuthorRole(std::string_view s);
std::optional<EventKind> ParseEventKind(std::string_view s);
std::optional<SystemCode> ParseSystemCode(std::string_view s);
std::optional<CloseReason> ParseCloseReason(std::string_view s);
std::optional<BotReplyKind> ParseBotReplyKind(std::string_view s);
std::optional<Strategy> ParseStrategy(std::string_view s);
std::optional<TransferBy> ParseTransferBy(std::string_view s);
std::optional<RequeueReason> ParseRequeueReason(std::string_view s);
std::optional<NoticeKind> ParseNoticeKind(std::string_view s);

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
  bool waiting = false;  // kAnswer given while the customer waits for a person (self-service)
  bool operator==(const BotReply&) const = default;
};

// A `transferred` event's details; its `ref` is the target agent or queue.
struct TransferInfo {
  std::optional<Ref> from;  // the agent who had it (none when it was waiting)
  bool to_queue = false;    // `ref` is a queue (else an agent)
  std::string note;
  TransferBy by = TransferBy::kAgent;
  bool operator==(const TransferInfo&) const = default;
};

// What an agent recorded when closing (or later): a node, its path of names at that time
// (root first) and a summary. `id` may be empty when only a summary was given.
struct ClassificationChoice {
  std::string id;
  std::vector<std::string> path;
  std::string summary;
  bool operator==(const ClassificationChoice&) const = default;
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
  std::optional<TransferInfo> transfer;   // kSystem kTransferred
  std::optional<RequeueReason> requeue;   // kSystem kRequeued (`ref` is the agent)
  std::optional<ClassificationChoice> classification = {};  // kSystem kClosed, if recorded
  NoticeKind notice = NoticeKind::kWait;  // kSystem kNotice (a greeting's `ref` is its agent)
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
  int priority = 0;      // 0–9: higher waits less (queue priority rules and the visitor's tags)
  Millis queued_at = 0;  // when the customer started waiting (kept across overflow); 0 if never
  std::string classification_id = {};  // the inquiry classification, set at or after the close
  std::string summary = {};  // the agent's summary of the conversation (≤ 500 characters)
  bool operator==(const ConversationSnapshot&) const = default;
};

struct PriorityRule {
  std::string tag;
  int priority = 0;  // 0–9
  bool operator==(const PriorityRule&) const = default;
};

struct WaitNotice {
  Millis after = 0;  // of waiting
  std::string text;
  bool operator==(const WaitNotice&) const = default;
};

// Opening hours in a time zone: minutes after local midnight per weekday, and closed dates.
struct BusinessHours {
  struct Span {
    int day = 1;  // 1 = Monday … 7 = Sunday
    int open_minute = 0;
    int close_minute = 0;  // exclusive; ≤ 24 × 60
    bool operator==(const Span&) const = default;
  };
  std::string time_zone = "Asia/Shanghai";  // IANA name
  std::vector<Span> weekly;
  std::vector<std::string> holidays;  // "YYYY-MM-DD", local dates
  bool operator==(const BusinessHours&) const = default;
};

inline constexpr std::string_view kDefaultWaitNotice =
    "目前咨询客户较多，请您耐心等待，我们会尽快为您服务。";

// The longest sticky window a queue may have: who served a customer is remembered this long.
constexpr Millis kMaxStickyWindow = 30LL * 24 * 60 * 60 * 1000;

// How a queue routes (docs/routing.md). Durations in milliseconds; 0 turns a feature off.
struct QueueRouting {
  std::vector<std::string> skills;  // required: an agent needs every one (or membership)
  Strategy strategy = Strategy::kLeastBusy;
  std::vector<PriorityRule> priority_rules;
  Millis sticky_window = 0;
  Millis sticky_wait = 30 * 1000;
  std::string overflow_queue_id;
  Millis overflow_after = 0;
  Millis assign_timeout = 0;
  int max_waiting = 0;
  std::vector<WaitNotice> notices{WaitNotice{60 * 1000, std::string(kDefaultWaitNotice)}};
  Millis service_level = 30 * 1000;
  std::optional<BusinessHours> hours;  // none: always open
  bool operator==(const QueueRouting&) const = default;
};

struct QueueInfo {
  std::string id;
  std::string slug;
  std::string name;
  bool bot_first = false;  // new conversations talk with the bot until handed to a person
  QueueRouting routing = {};
};

struct Skill {
  std::string name;
  int level = 1;  // 1–10
  bool operator==(const Skill&) const = default;
};

struct AgentInfo {
  std::string id;
  std::string name;
  std::string email;
  Role role = Role::kAgent;
  int capacity = 5;                    // concurrent conversations
  std::vector<std::string> queue_ids;  // queues this agent is a member of
  std::vector<Skill> skills = {};
};

struct AgentSnapshot {
  AgentInfo info;
  AgentStatus status = AgentStatus::kOffline;
  int load = 0;  // open conversations assigned
  bool connected = false;
};

// kBusy when online at capacity; else the chosen status (offline also when never connected).
AgentState StateOf(const AgentSnapshot& agent);

// One node of a tenant's inquiry classification tree (咨询分类), e.g. 账户问题 > 密码重置.
// Nodes are never deleted once a conversation used them: they are disabled instead.
struct ClassificationNode {
  std::string id;
  std::string parent_id;  // empty for a top-level node
  std::string name;
  int order = 0;  // among its siblings
  bool enabled = true;
  bool operator==(const ClassificationNode&) const = default;
};

// Classification settings an administrator changes at run time (docs/protocol.md).
struct ClassificationSettings {
  bool required = false;                       // an agent's close must carry a classification
  Millis repeat_window = 48 * 60 * 60 * 1000;  // a customer back within this is a repeat contact
  bool operator==(const ClassificationSettings&) const = default;
};

// What the engine checks a close against: the settings and the whole tree.
struct ClassificationPolicy {
  ClassificationSettings settings;
  std::vector<ClassificationNode> tree;
  bool operator==(const ClassificationPolicy&) const = default;
};

// Messages the system sends on the agent's behalf (docs/protocol.md, "Automatic messages"). A
// text may hold {客服名} / {agent_name}, {客户名} / {customer_name} and {队列} / {queue}; an empty
// text or a zero duration turns that message off.
struct AutoMessages {
  std::string greeting;  // when a conversation is assigned to an agent (again after a transfer)
  std::string closing;   // when staff or the idle rules end a conversation a person served
  // The customer's silence after the agent's (or the greeting's) last word: a reminder after
  // `reminder_after`, then, after `close_after` more, the conversation closes (idle).
  Millis reminder_after = 0;
  std::string reminder;
  Millis close_after = 0;
  bool operator==(const AutoMessages&) const = default;
};

// `text` with the variables above replaced; unknown {…} stay as written.
std::string ExpandAutoText(std::string_view text, std::string_view agent_name,
                           std::string_view customer_name, std::string_view queue_name);

// Per-tenant behaviour settings.
struct TenantSettings {
  Millis idle_timeout = 30 * 60 * 1000;  // close after this long without a message
  // How long command keys are held in memory; older ones are looked up in the store, which keeps
  // them for good.
  Millis idempotency_window = 2 * 60 * 1000;
  Millis closed_retention = 24 * 60 * 60 * 1000;  // how long closed conversations stay loaded
  std::size_t max_text_chars = 4000;
  Millis wrap_up = 0;                   // after-chat work after each conversation; 0: none
  Millis disconnect_grace = 60 * 1000;  // an agent's chats wait this long for a reconnect
  bool typing_preview = true;  // the assigned agent sees the visitor's draft (never stored)
  ClassificationPolicy classification = {};
  AutoMessages auto_messages = {};
};

// Routing settings an administrator changes at run time (GET/PUT /api/routing/settings).
struct RoutingSettings {
  Millis wrap_up = 0;
  Millis disconnect_grace = 60 * 1000;
  bool typing_preview = true;
  AutoMessages auto_messages = {};
  bool operator==(const RoutingSettings&) const = default;
};

}  // namespace kefu::engine
