// TenantEngine: the live state of one tenant's conversations and agents, as a pure state machine.
// Commands go in, an Outcome (events and changed projections) comes out; nothing here does I/O.
// The caller makes an Outcome durable before telling anyone about it.
//
// Not thread-safe: confined to its tenant's strand.
#pragma once

#include <array>
#include <boost/unordered/unordered_flat_map.hpp>
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
#include "common/sharded_map.hpp"
#include "engine/router.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

// Who issues a command. Staff (agents, supervisors, admins) carry their Role.
struct Actor {
  AuthorRole kind = AuthorRole::kVisitor;  // kVisitor or kAgent (any staff member)
  std::string id;
  std::string name;
  Role staff_role = Role::kAgent;      // meaningful when kind == kAgent
  std::vector<std::string> tags = {};  // a visitor's verified tags (priority rules)
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

// The topic of a question the bot matched: its knowledge-base category and where the tenant
// routes a handoff on it (empty: the conversation's own queue).
struct BotTopic {
  std::string category;
  std::string queue_id;
  bool operator==(const BotTopic&) const = default;
};

// The bot's response to one visitor message. The caller computes it (knowledge base, handoff
// rules) so that the engine stays free of both; the engine applies it while the conversation is
// with the bot, and — answers only (self-service) — while the customer waits for a person.
struct BotTurn {
  std::string bot_name;
  std::vector<BotMessage> messages;  // in order
  bool transfer = false;             // hand the conversation to a person after the messages
  int misses = 0;                    // the conversation's run of unanswered questions after this
  std::optional<KnowledgeGap> gap;
  // The question's topic when the bot matched one; the conversation keeps the latest, and a
  // handoff (this turn's, or the visitor's button later) goes to its queue if that can take it.
  std::optional<BotTopic> topic;
};

// What the caller needs to compute a BotTurn for a visitor message.
struct BotContext {
  std::string conversation_id;  // empty when the message starts a conversation
  int misses = 0;               // the current run of unanswered questions
  // The customer waits (or will wait) for a person: only a confident answer is wanted, with
  // no handoff logic and no knowledge gap (a person reads the question anyway).
  bool waiting = false;
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
  // Staff only: the inquiry classification (a selectable node of the tenant's tree; required
  // when the tenant says so) and a summary (≤ 500 characters). Empty: none given.
  std::string classification_id = {};
  std::string summary = {};
};

// Moves a conversation to an agent or to a queue (exactly one of the two ids is set).
struct TransferConversation {
  Actor actor;
  std::string idempotency_key;
  std::string conversation_id;
  std::string to_agent_id;
  std::string to_queue_id;
  std::string note;
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

// A command whose idempotency key the engine no longer holds in memory and cannot tell new: the
// caller asks the store (Store::FindCommandKey) and answers with TenantEngine::KeyAnswered.
struct KeyQuestion {
  std::string sender_id;
  std::string key;
};

// Everything one command (or one Tick) changed.
struct Outcome {
  Ack ack;
  // Set when nothing was applied because the engine must first learn from the store whether the
  // command's key was applied before (see KeyQuestion). Everything else is empty.
  std::optional<KeyQuestion> ask_store;
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
  // Queues whose waiting list or figures changed: customers' positions and supervisors' board.
  std::vector<std::string> queues;

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
  // Whether older keys may exist than `keys` holds (the store loads only the window's): the
  // engine then asks the store about a sender's keys before it takes one as new.
  bool older_keys = false;
  struct LastAgent {
    std::string visitor_id;
    std::string agent_id;
    Millis at = 0;  // when their conversation ended
  };
  std::vector<LastAgent> last_agents;  // for sticky routing
  RoutingSettings routing = {};
  ClassificationPolicy classification = {};
};

// A waiting customer's place, for the customer.
struct WaitStatus {
  std::size_t position = 0;  // 1: next
  std::size_t waiting = 0;
  std::optional<Millis> estimated_wait;  // none until the queue has a pace
  bool operator==(const WaitStatus&) const = default;
};

// A queue's live figures, for supervisors. Service level over the last hour.
struct QueueStats {
  std::string id;
  std::string name;
  std::size_t waiting = 0;
  Millis oldest_queued_at = 0;  // 0: nobody waits
  std::size_t available_agents = 0;
  Millis service_level_target = 0;
  int answered = 0;
  int within = 0;
  int abandoned = 0;
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

  // Moves a waiting or assigned conversation to an available agent (assigned at once) or to the
  // front of a queue. The assigned agent, supervisors and admins may. Errors: kBadFrame, kNotFound,
  // kForbidden, kConversationClosed, kConflict (not waiting or assigned; already there),
  // kAgentUnavailable, kQueueClosed.
  Result<Outcome> Transfer(const TransferConversation& command);

  // Closes a conversation. Visitors close their own, agents those assigned to them, supervisors
  // and admins any. Staff may record a classification and summary (kept on the conversation and
  // in the `closed` event); when the tenant requires a classification, a staff close without
  // one is refused and changes nothing (visitor and idle closes never are). Errors: kForbidden
  // (also a visitor giving a classification), kNotFound, kConversationClosed,
  // kClassificationRequired, kBadFrame (not a selectable node), kTextTooLong (summary).
  Result<Outcome> Close(const CloseConversation& command);

  // Marks the visitor's messages up to `seq` as read by the assigned agent (supervisors and
  // admins may mark any). Errors: kForbidden, kNotFound.
  Result<Outcome> Read(const MarkRead& command);

  // Sets an agent's chosen status (online, away, offline; online also ends wrap-up). Going online
  // may assign waiting conversations; offline puts the agent's conversations back at the front of
  // their queues. Errors: kNotFound (no such agent), kBadFrame (wrap-up is not a choice).
  Result<Outcome> SetStatus(const std::string& agent_id, AgentStatus status);

  // Whether the agent has at least one live connection. Only connected, online agents with free
  // capacity receive conversations; an agent disconnected for longer than the grace period loses
  // their conversations to the queue. Errors: kNotFound.
  Result<Outcome> SetConnected(const std::string& agent_id, bool connected);

  // Tenant routing settings (wrap-up, disconnect grace); apply from now on.
  void SetRoutingSettings(const RoutingSettings& routing);
  // The tenant's classification tree and settings; apply to closes from now on.
  void SetClassification(const ClassificationPolicy& classification);

  // Whether a queue accepts conversations now (business hours), and when it opens next if not.
  bool QueueOpen(const QueueInfo& queue) const;
  std::optional<Millis> QueueOpensAt(const QueueInfo& queue) const;

  // Runs due timers (idle close, wait notices, overflow, sticky fallback, assignment timeout,
  // wrap-up end, disconnect grace, the silence reminder and close) and forgets expired idempotency
  // keys and closed conversations.
  Outcome Tick();

  // Customers whose last agent is remembered for sticky routing (a gauge of the engine's memory).
  std::size_t RememberedLastAgents() const { return last_agent_.size(); }

  // The store's answer to an Outcome::ask_store: `stored_max` bounds every key the sender has
  // stored; `stored` says whether the asked key is among them. A key not stored is then taken as
  // new when its command runs again.
  void KeyAnswered(const KeyQuestion& question, const std::string& stored_max, bool stored);
  // The caller has asked (or, on a storage error, given up asking). While a sender has a question
  // out, its other commands ask too: their answers come back in order, so its commands apply in
  // the order they came, not a fast one before an asked one.
  void KeyAsked(const KeyQuestion& question);
  void KeyUnanswered(const KeyQuestion& question);
  // Keys held in memory (the idempotency window), and senders with a known key bound.
  std::size_t RememberedKeys() const { return keys_.size(); }
  std::size_t KeyBounds() const { return key_bounds_.size(); }

  // The earliest time Tick() has work to do, if any. Not const: it first settles the timers
  // that were pushed back or cancelled since they were filed (see `Timer`).
  std::optional<Millis> NextDeadline();

  // Queries. Pointers are valid until the next non-const call.
  const ConversationSnapshot* FindConversation(const std::string& id) const;
  const AgentSnapshot* FindAgent(const std::string& id) const;
  std::optional<std::string> OpenConversationOf(const std::string& visitor_id) const;
  std::vector<ConversationSnapshot> OpenConversationsOfAgent(const std::string& agent_id) const;
  std::vector<AgentSnapshot> Agents() const;
  const std::vector<QueueInfo>& Queues() const { return queues_; }
  const QueueInfo* FindQueueBySlug(std::string_view slug) const;
  const QueueInfo* FindQueue(const std::string& id) const;
  std::optional<WaitStatus> WaitStatusOf(const std::string& conversation_id) const;
  // Every waiting conversation of a queue with its status, in service order.
  std::vector<std::pair<std::string, WaitStatus>> WaitingIn(const std::string& queue_id) const;
  std::vector<QueueStats> Board() const;
  const Router& router() const { return router_; }
  const TenantSettings& settings() const { return settings_; }
  const std::string& tenant_id() const { return tenant_id_; }

 private:
  struct Conversation {
    ConversationSnapshot snap;
    Millis last_activity = 0;
    Millis closed_at = 0;
    std::vector<long> unread_seqs;
    int bot_misses = 0;
    std::optional<BotTopic> bot_topic;  // the latest matched topic (BotTurn::topic)
    std::set<long> rated;               // bot answers rated in this run of the engine
    std::vector<std::string> tags;      // the visitor's verified tags
    std::size_t notices_sent = 0;
    int overflow_hops = 0;
    bool awaiting_answer = false;  // assigned, the agent has not written yet
    bool counted = false;   // its first wait is in the service level (a requeue is not another)
    bool reminded = false;  // the customer's silence got the automatic reminder
  };
  struct Agent {
    AgentSnapshot snap;
    std::unordered_set<std::string> active;  // open conversations assigned to this agent
    Millis last_assigned_at = 0;
    Millis idle_since = 0;  // last assignment or coming online, whichever is later
  };
  enum class TimerKind { kIdle, kNotice, kOverflow, kSticky, kAnswer, kWrapUp, kGrace, kSilence };
  enum class EnqueueMode { kNew, kBack, kOverflow };
  struct Served {
    Millis at = 0;
    Millis waited = 0;
    bool answered = false;  // else abandoned
    bool first = true;      // the conversation's first wait: counted in the service level
  };
  // Collects what a command touches, so each changed projection is reported once.
  struct Changes {
    Outcome outcome;
    std::vector<std::string> conversations;
    std::vector<std::string> announce;
    std::vector<std::string> agents;
    std::vector<std::string> queues;
  };

  Conversation* Find(const std::string& id);
  Agent* FindAgentMutable(const std::string& id);
  std::optional<Ack> Remembered(const std::string& sender_id, const std::string& key) const;
  // The answer to a retry of an applied command (its original ack, nothing changed), or nullopt.
  std::optional<Outcome> Retried(const std::string& sender_id, const std::string& key) const;
  void Remember(const std::string& sender_id, const std::string& key, const Ack& ack, Millis at);
  // Forgets up to `most` keys older than the idempotency window.
  void ExpireKeys(Millis now, std::size_t most);
  // Forgets up to `most` closed conversations past their retention.
  void ExpireClosed(Millis now, std::size_t most);
  // Remembers who served a customer last, and forgets a couple of customers last served longer
  // ago than any queue's sticky window may reach.
  void RememberLastAgent(const RestoredState::LastAgent& last, Millis now);
  void ExpireLastAgents(Millis now, std::size_t most);

  ConversationEvent& Append(Changes& changes, Conversation& conversation, EventKind kind);
  void StartConversation(Changes& changes, const SendMessage& command, const QueueInfo& queue,
                         const std::optional<BotTurn>& bot);
  void ApplyBotTurn(Changes& changes, Conversation& conversation,
                    const std::optional<BotTurn>& turn);
  void AppendBotMessage(Changes& changes, Conversation& conversation, const std::string& bot_name,
                        const BotMessage& message);
  // Self-service while waiting: the turn's answers, if the conversation still waits.
  void ApplyWaitingAnswers(Changes& changes, Conversation& conversation,
                           const std::optional<BotTurn>& turn);
  // Puts a conversation in its queue (kNew: may go to the customer's last agent first).
  // `avoid`: an agent not to offer it to while it waits (who handed it to the queue).
  void Enqueue(Changes& changes, Conversation& conversation, EnqueueMode mode,
               const std::string& avoid = {});
  // Why the conversation's queue cannot take it now (kQueueClosed, kQueueFull), if so.
  std::optional<Error> Refusal(const QueueInfo& queue) const;
  // The queue the bot's topic routes a handoff to, when it is another queue that can take the
  // conversation now; else null (the handoff stays in the conversation's own queue).
  const QueueInfo* RoutedQueue(const Conversation& conversation) const;
  // Moves a conversation leaving the bot to `queue` (a `transferred` event by the bot, naming
  // the topic's category) and queues it there.
  void HandOverTo(Changes& changes, Conversation& conversation, const QueueInfo& queue);
  void LeaveQueue(Changes& changes, Conversation& conversation);
  void Release(Changes& changes, Conversation& conversation);
  void Requeue(Changes& changes, Conversation& conversation, RequeueReason reason);
  void RequeueAll(Changes& changes, Agent& agent, RequeueReason reason);
  void ScheduleNotice(Conversation& conversation);
  void Fire(Changes& changes, TimerKind kind, const std::string& id);
  void Schedule(TimerKind kind, const std::string& id, Millis due);
  void Cancel(TimerKind kind, const std::string& id);
  void SyncRouter(Agent& agent);
  // The end of a wait (assigned or abandoned): the queue's pace and, the first time for the
  // conversation, its service level.
  void RecordServed(Changes& changes, Conversation& conversation, bool answered);
  void MarkQueue(Changes& changes, const std::string& queue_id);
  // The mean gap between the queue's recent assignments, once there are two.
  std::optional<Millis> Pace(const std::string& queue_id) const;
  // The conversation a visitor's command is about: the given id or the visitor's open one.
  // Errors: kNotFound, kForbidden.
  Result<Conversation*> VisitorConversation(const Actor& actor, const std::string& id);
  void CloseInternal(Changes& changes, Conversation& conversation, CloseReason reason,
                     const std::string& sender_id, const std::string& key,
                     std::optional<ClassificationChoice> choice = std::nullopt);
  void RouteWaiting(Changes& changes);
  void Assign(Changes& changes, Conversation& conversation, Agent& agent);
  bool Available(const Agent& agent) const;
  void ResetIdleTimer(Conversation& conversation);
  // Automatic messages: the customer's silence is timed from the agent's (or greeting's) last word.
  void ArmSilence(Conversation& conversation);
  void AppendAutoNotice(Changes& changes, Conversation& conversation, NoticeKind kind,
                        const std::string& text);
  void TouchConversation(Changes& changes, const std::string& id);
  void Announce(Changes& changes, const std::string& id);
  void TouchAgent(Changes& changes, const std::string& id);
  Outcome Finish(Changes&& changes);
  QueueInfo* FindQueueMutable(const std::string& id);

  std::string tenant_id_;
  const Clock& clock_;
  TenantSettings settings_;

  std::vector<QueueInfo> queues_;
  std::unordered_map<std::string, Agent> agents_;
  // Open conversations and those closed within `closed_retention`; many on a busy day, so
  // sharded like the keys (see ShardedMap).
  ShardedMap<Conversation> conversations_;
  std::unordered_map<std::string, std::string> open_by_visitor_;
  Router router_;
  // Timers are filed lazily. Every message pushes its conversation's idle deadline back, and
  // most replies cancel or push back a reminder; moving an entry of the ordered set each time
  // (erase and insert, a string copy and a rebalance) was a measurable share of a message's CPU.
  // So each (kind, id) has one entry in `wakeups_`, at `filed`, no later than its `due`:
  // pushing `due` back or cancelling it only writes the map. When the entry comes up, the
  // timer fires, is dropped (cancelled) or is filed again at its real due time.
  struct Timer {
    std::optional<Millis> due;  // nullopt: cancelled, entry not yet come up
    Millis filed = 0;
  };
  static constexpr std::size_t kTimerKinds = static_cast<std::size_t>(TimerKind::kSilence) + 1;
  // Open addressing: looked up for every message (each message moves its conversation's silence
  // timers). No reference into it is held across an insert.
  std::array<boost::unordered_flat_map<std::string, Timer>, kTimerKinds> timer_due_;
  std::set<std::tuple<Millis, TimerKind, std::string>> wakeups_;
  // Files again or drops the entries at the front of `wakeups_` that are not due as filed.
  void SettleWakeups();
  std::unordered_map<std::string, std::deque<Served>> served_;  // per queue, the last hour
  // By visitor, for sticky routing: every customer served in the longest window allowed.
  ShardedMap<RestoredState::LastAgent> last_agent_;
  std::deque<std::pair<Millis, std::string>> last_agent_order_;  // (at, visitor), oldest first
  std::deque<std::pair<Millis, std::string>> closed_order_;

  struct KeyEntry {
    Ack ack;
    Millis at = 0;
  };
  // Keys applied within the idempotency window (minutes): sender id + '\n' + key. Older ones
  // are the store's to answer for; holding a day of them cost ~250 bytes per message.
  ShardedMap<KeyEntry, 64, false> keys_;
  std::deque<std::pair<Millis, std::string>> key_order_;
  // Per sender, when known: a key ≥ every key the sender ever applied (byte order). Set from the
  // store's answer, raised by every key applied since. A key above it is new without asking:
  // clients that make increasing keys (Kefu's do) ask once per sender and start.
  // A sender's bound is forgotten once it has applied nothing for kKeyBoundIdle (longer than the
  // window, so no key of its own can be in flight then); its next command asks again. The map
  // is swept a shard at a time, one every few seconds, so bounds cost nothing per message.
  struct KeyBound {
    std::string max;
    Millis used = 0;  // when last set or raised
  };
  ShardedMap<KeyBound, 64, false> key_bounds_;
  // Whether keys may exist that memory does not hold: from before start (a restore brings the
  // window's only) or since a key left memory. Until then a key not in memory is new; after, one
  // at or below its sender's bound is asked about.
  bool keys_beyond_memory_ = false;
  // Whether every sender that ever applied a key has a bound: true from an empty start, false
  // after a restore with older keys or once a bound is forgotten. Then a sender without a bound
  // is asked about; before, it never applied a key.
  bool bounds_complete_ = true;
  std::size_t bound_sweep_shard_ = 0;
  Millis next_bound_sweep_ = 0;
  void SweepKeyBounds(Millis now);
  // sender id + '\n' + key the store said are new, until their command applies them.
  std::unordered_set<std::string> checked_keys_;
  std::unordered_map<std::string, int> asking_;  // sender id -> questions out
};

}  // namespace kefu::engine
