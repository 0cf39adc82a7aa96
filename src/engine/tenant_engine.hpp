// TenantEngine: the live state of one tenant's conversations and agents, as a pure state machine.
// Commands go in, an Outcome (events and changed projections) comes out; nothing here does I/O.
// The caller makes an Outcome durable before telling anyone about it.
//
// Not thread-safe: confined to its tenant's strand.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

// Who issues a command. Staff (agents, supervisors, admins) carry their Role.
struct Actor {
  AuthorRole kind = AuthorRole::kVisitor;  // kVisitor or kAgent (any staff member)
  std::string id;
  std::string name;
  Role staff_role = Role::kAgent;  // meaningful when kind == kAgent
};

// A message of the bot, worded by the caller.
struct BotMessage {
  std::string text;
  BotReply reply;
};

// A visitor's question the bot could not answer well: collected as a knowledge gap.
struct KnowledgeGap {
  std::string key;       // the normalised question: repeats are counted by it
  std::string question;  // as the visitor wrote it
  std::string best_entry_id;
  double best_confidence = 0;
  Millis at = 0;  // set by the engine
};

// A visitor's rating of one bot answer.
struct AnswerRating {
  std::string conversation_id;
  long seq = 0;  // the bot's answer
  std::string entry_id;
  bool helpful = false;
};

// The bot's response to one visitor message. The caller computes it (knowledge base, handoff
// rules) so that the engine stays free of both; the engine applies it only while the
// conversation is with the bot.
struct BotTurn {
  std::string bot_name;
  std::vector<BotMessage> messages;  // in order
  bool transfer = false;             // hand the conversation to a person after the messages
  int misses = 0;                    // the conversation's run of unanswered questions after this
  std::optional<KnowledgeGap> gap;
};

// What the caller needs to compute a BotTurn for a visitor message.
struct BotContext {
  std::string conversation_id;  // empty when the message starts a conversation
  int misses = 0;               // the current run of unanswered questions
};

struct SendMessage {
  Actor actor;
  std::string idempotency_key;
  std::optional<std::string> conversation_id;  // required for staff; optional for visitors
  std::string text;
  // When a visitor has no open conversation, one is started with this id in this queue. The
  // caller chooses the id so that the engine stays deterministic.
  std::string new_conversation_id;
  std::string queue_id;
};

// The visitor asks for a person while talking with the bot.
struct RequestHuman {
  Actor actor;
  std::string idempotency_key;
  std::string conversation_id;
  std::string bot_name;
  BotMessage notice;  // the bot's transfer message
};

// The visitor rates a bot answer. The caller has checked that `seq` is a bot answer of this
// conversation and looked up its entry.
struct RateAnswer {
  Actor actor;
  std::string idempotency_key;
  std::string conversation_id;
  long seq = 0;
  std::string entry_id;
  bool helpful = false;
  std::string bot_name;
  std::optional<BotMessage> offer;  // said after "not helpful" while still with the bot
};

struct CloseConversation {
  Actor actor;
  std::string idempotency_key;
  std::string conversation_id;
};

struct MarkRead {
  Actor actor;
  std::string conversation_id;
  long seq = 0;
};

// Where a command landed: the conversation and the sequence number of its event (0 if the command
// made no event, e.g. a status change).
struct Ack {
  std::string conversation_id;
  long seq = 0;
  bool operator==(const Ack&) const = default;
};

// Everything one command (or one Tick) changed.
struct Outcome {
  Ack ack;
  // True when the command's idempotency key was already applied: `ack` is the original one and
  // nothing else changed. The caller must still wait for the original to be durable before acking.
  bool duplicate = false;
  std::vector<ConversationEvent> events;            // in order; seq consecutive per conversation
  std::vector<ConversationSnapshot> conversations;  // latest projection of each changed one
  // The ids of `conversations` whose state, agent, queue or read position changed. Clients are
  // sent a conversation frame only for these; a plain message changes only last_seq, unread and
  // updated_at, which clients derive from the event itself (one frame per message, not three).
  std::vector<std::string> announce;
  std::vector<AgentSnapshot> agents;  // agents whose status or load changed
  std::vector<KnowledgeGap> gaps;     // to be counted with the events
  std::vector<AnswerRating> ratings;  // to be counted with the events (once per answer)

  bool Empty() const {
    return events.empty() && conversations.empty() && agents.empty() && gaps.empty() &&
           ratings.empty();
  }
};

// What a tenant's engine is rebuilt from after a restart.
struct RestoredState {
  struct Conversation {
    ConversationSnapshot snapshot;
    Millis last_activity = 0;
    std::vector<long> unread_seqs;  // seqs of visitor messages after the agent's last read
  };
  struct RememberedKey {
    std::string sender_id;
    std::string idempotency_key;
    Ack ack;
    Millis at = 0;
  };
  std::vector<QueueInfo> queues;
  std::vector<AgentInfo> agents;
  std::vector<Conversation> open_conversations;  // state new, queued or assigned
  std::vector<RememberedKey> keys;               // keys applied within the idempotency window
};

class TenantEngine {
 public:
  TenantEngine(std::string tenant_id, const Clock& clock, TenantSettings settings = {});

  TenantEngine(const TenantEngine&) = delete;
  TenantEngine& operator=(const TenantEngine&) = delete;

  // Loads state saved by earlier runs. Call once, before any command. Agents start offline and
  // disconnected; routing of restored queued conversations waits until agents come online.
  void Restore(const RestoredState& state);

  // Configuration. Adding or changing an agent or queue never fails.
  void UpsertQueue(const QueueInfo& queue);
  void UpsertAgent(const AgentInfo& agent);

  // A visitor or agent message. Errors: kForbidden (not the visitor's or not assigned to this
  // agent), kNotFound (no such conversation), kConversationClosed, kTextEmpty, kTextTooLong,
  // kBadFrame (staff without a conversation id, unknown queue for a new conversation).
  // `bot` is the bot's response when the conversation is (or starts) with the bot (see
  // BotContextFor); without one such a conversation goes to a person, so that no customer is
  // ever left with a silent bot.
  Result<Outcome> Send(const SendMessage& command, const std::optional<BotTurn>& bot = {});

  // Whether `command` (a visitor's) would be answered by the bot, and what the bot needs to know;
  // nullopt when not (a person's conversation, a retry of an applied command, an invalid one).
  std::optional<BotContext> BotContextFor(const SendMessage& command) const;

  // The visitor asks for a person. Errors: kForbidden, kNotFound, kConflict (not with the bot).
  Result<Outcome> Handoff(const RequestHuman& command);

  // Records a rating (once per answer). Errors: kForbidden, kNotFound.
  Result<Outcome> Rate(const RateAnswer& command);

  // Closes a conversation. Visitors close their own, agents those assigned to them, supervisors
  // and admins any. Errors: kForbidden, kNotFound, kConversationClosed.
  Result<Outcome> Close(const CloseConversation& command);

  // Marks the visitor's messages up to `seq` as read by the assigned agent (supervisors and
  // admins may mark any). Errors: kForbidden, kNotFound.
  Result<Outcome> Read(const MarkRead& command);

  // Sets an agent's chosen status. Going online may assign waiting conversations.
  // Errors: kNotFound (no such agent).
  Result<Outcome> SetStatus(const std::string& agent_id, AgentStatus status);

  // Whether the agent has at least one live connection. Only connected, online agents with free
  // capacity receive conversations. Errors: kNotFound.
  Result<Outcome> SetConnected(const std::string& agent_id, bool connected);

  // Runs due timers (idle close) and forgets expired idempotency keys and closed conversations.
  Outcome Tick();

  // The earliest time Tick() has work to do, if any.
  std::optional<Millis> NextDeadline() const;

  // Queries. Pointers are valid until the next non-const call.
  const ConversationSnapshot* FindConversation(const std::string& id) const;
  const AgentSnapshot* FindAgent(const std::string& id) const;
  std::optional<std::string> OpenConversationOf(const std::string& visitor_id) const;
  std::vector<ConversationSnapshot> OpenConversationsOfAgent(const std::string& agent_id) const;
  std::vector<AgentSnapshot> Agents() const;
  const std::vector<QueueInfo>& Queues() const { return queues_; }
  const QueueInfo* FindQueueBySlug(std::string_view slug) const;
  const TenantSettings& settings() const { return settings_; }
  const std::string& tenant_id() const { return tenant_id_; }

 private:
  struct Conversation {
    ConversationSnapshot snap;
    Millis last_activity = 0;
    Millis queued_at = 0;
    Millis closed_at = 0;
    std::vector<long> unread_seqs;
    std::optional<Millis> idle_deadline;
    int bot_misses = 0;
    std::set<long> rated;  // bot answers rated in this run of the engine
  };
  struct Agent {
    AgentSnapshot snap;
    std::unordered_set<std::string> active;  // open conversations assigned to this agent
    Millis last_assigned_at = 0;
  };
  // Collects what a command touches, so each changed projection is reported once.
  struct Changes {
    Outcome outcome;
    std::vector<std::string> conversations;
    std::vector<std::string> announce;
    std::vector<std::string> agents;
  };

  Conversation* Find(const std::string& id);
  Agent* FindAgentMutable(const std::string& id);
  std::optional<Ack> Remembered(const std::string& sender_id, const std::string& key) const;
  // The answer to a retry of an applied command (its original ack, nothing changed), or nullopt.
  std::optional<Outcome> Retried(const std::string& sender_id, const std::string& key) const;
  void Remember(const std::string& sender_id, const std::string& key, const Ack& ack, Millis at);

  ConversationEvent& Append(Changes& changes, Conversation& conversation, EventKind kind);
  void StartConversation(Changes& changes, const SendMessage& command, const QueueInfo& queue,
                         const std::optional<BotTurn>& bot);
  void ApplyBotTurn(Changes& changes, Conversation& conversation,
                    const std::optional<BotTurn>& turn);
  void AppendBotMessage(Changes& changes, Conversation& conversation, const std::string& bot_name,
                        const BotMessage& message);
  void Enqueue(Changes& changes, Conversation& conversation);
  // The conversation a visitor's command is about: the given id or the visitor's open one.
  // Errors: kNotFound, kForbidden.
  Result<Conversation*> VisitorConversation(const Actor& actor, const std::string& id);
  void CloseInternal(Changes& changes, Conversation& conversation, CloseReason reason,
                     const std::string& sender_id, const std::string& key);
  void RouteWaiting(Changes& changes);
  bool TryAssign(Changes& changes, Conversation& conversation);
  void Assign(Changes& changes, Conversation& conversation, Agent& agent);
  bool Available(const Agent& agent, const std::string& queue_id) const;
  void ResetIdleTimer(Conversation& conversation);
  void TouchConversation(Changes& changes, const std::string& id);
  void Announce(Changes& changes, const std::string& id);
  void TouchAgent(Changes& changes, const std::string& id);
  Outcome Finish(Changes&& changes);
  const QueueInfo* FindQueue(const std::string& id) const;

  std::string tenant_id_;
  const Clock& clock_;
  TenantSettings settings_;

  std::vector<QueueInfo> queues_;
  std::unordered_map<std::string, Agent> agents_;
  std::unordered_map<std::string, Conversation> conversations_;
  std::unordered_map<std::string, std::string> open_by_visitor_;
  // Waiting conversations per queue in arrival order. Entries whose conversation is no longer
  // queued are skipped lazily, which keeps close and assignment O(1).
  std::map<std::string, std::deque<std::string>> waiting_;
  std::set<std::pair<Millis, std::string>> idle_deadlines_;
  std::deque<std::pair<Millis, std::string>> closed_order_;

  struct KeyEntry {
    Ack ack;
    Millis at = 0;
  };
  std::unordered_map<std::string, KeyEntry> keys_;  // sender id + '\n' + key
  std::deque<std::pair<Millis, std::string>> key_order_;
};

}  // namespace kefu::engine
