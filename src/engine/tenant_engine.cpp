#include "engine/tenant_engine.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

namespace kefu::engine {
namespace {

std::string KeyOf(const std::string& sender_id, const std::string& key) {
  return sender_id + '\n' + key;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Counts Unicode code points of valid UTF-8 (continuation bytes are not counted).
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool IsStaffSupervisor(const Actor& actor) {
  return actor.kind == AuthorRole::kAgent &&
         (actor.staff_role == Role::kSupervisor || actor.staff_role == Role::kAdmin);
}

}  // namespace

TenantEngine::TenantEngine(std::string tenant_id, const Clock& clock, TenantSettings settings)
    : tenant_id_(std::move(tenant_id)), clock_(clock), settings_(settings) {}

void TenantEngine::Restore(const RestoredState& state) {
  for (const auto& queue : state.queues) UpsertQueue(queue);
  for (const auto& agent : state.agents) UpsertAgent(agent);
  // Oldest first, so that queues keep their arrival order.
  std::vector<const RestoredState::Conversation*> ordered;
  for (const auto& c : state.open_conversations) ordered.push_back(&c);
  std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->snapshot.created_at, a->snapshot.id) <
           std::tie(b->snapshot.created_at, b->snapshot.id);
  });
  for (const auto* restored : ordered) {
    Conversation conversation;
    conversation.snap = restored->snapshot;
    conversation.last_activity = restored->last_activity;
    conversation.queued_at = restored->snapshot.created_at;
    conversation.unread_seqs = restored->unread_seqs;
    conversation.snap.unread = static_cast<long>(conversation.unread_seqs.size());
    auto& stored = conversations_[conversation.snap.id] = std::move(conversation);
    open_by_visitor_[stored.snap.visitor.id] = stored.snap.id;
    ResetIdleTimer(stored);
    if (stored.snap.state == ConversationState::kQueued) {
      waiting_[stored.snap.queue.id].push_back(stored.snap.id);
    } else if (stored.snap.state == ConversationState::kAssigned && stored.snap.agent) {
      if (Agent* agent = FindAgentMutable(stored.snap.agent->id)) {
        agent->active.insert(stored.snap.id);
        agent->snap.load = static_cast<int>(agent->active.size());
      }
    }
  }
  for (const auto& key : state.keys) Remember(key.sender_id, key.idempotency_key, key.ack, key.at);
}

void TenantEngine::UpsertQueue(const QueueInfo& queue) {
  for (auto& existing : queues_) {
    if (existing.id == queue.id) {
      existing = queue;
      return;
    }
  }
  queues_.push_back(queue);
}

void TenantEngine::UpsertAgent(const AgentInfo& info) {
  Agent& agent = agents_[info.id];
  agent.snap.info = info;
}

Result<Outcome> TenantEngine::Send(const SendMessage& command, const std::optional<BotTurn>& bot) {
  const Actor& actor = command.actor;
  if (auto duplicate = Retried(actor.id, command.idempotency_key)) return *duplicate;
  if (IsBlank(command.text)) return Fail(ErrorCode::kTextEmpty, "message text is empty");
  if (auto length = CodePoints(command.text); length > settings_.max_text_chars) {
    return Fail(ErrorCode::kTextTooLong, "text is " + std::to_string(length) +
                                             " characters; the limit is " +
                                             std::to_string(settings_.max_text_chars));
  }

  Changes changes;
  Conversation* conversation = nullptr;
  if (actor.kind == AuthorRole::kVisitor) {
    std::optional<std::string> id = command.conversation_id;
    if (!id) id = OpenConversationOf(actor.id);
    if (!id) {
      const QueueInfo* queue = FindQueue(command.queue_id);
      if (queue == nullptr) return Fail(ErrorCode::kBadFrame, "unknown queue");
      if (command.new_conversation_id.empty() || Find(command.new_conversation_id) != nullptr) {
        return Fail(ErrorCode::kBadFrame, "a new conversation needs a fresh id");
      }
      StartConversation(changes, command, *queue, bot);
      return Finish(std::move(changes));
    }
    conversation = Find(*id);
    if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
    if (conversation->snap.visitor.id != actor.id) {
      return Fail(ErrorCode::kForbidden, "not your conversation");
    }
  } else {
    if (!command.conversation_id) return Fail(ErrorCode::kBadFrame, "conversation is required");
    conversation = Find(*command.conversation_id);
    if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
    const bool assigned_to_me =
        conversation->snap.agent && conversation->snap.agent->id == actor.id;
    if (!assigned_to_me && conversation->snap.state != ConversationState::kClosed) {
      return Fail(ErrorCode::kForbidden, "the conversation is not assigned to you");
    }
  }
  if (conversation->snap.state == ConversationState::kClosed) {
    return Fail(ErrorCode::kConversationClosed, "the conversation is closed");
  }

  ConversationEvent& event = Append(changes, *conversation, EventKind::kMessage);
  event.author = Author{actor.kind, actor.id, actor.name};
  event.text = command.text;
  event.sender_id = actor.id;
  event.idempotency_key = command.idempotency_key;
  if (actor.kind == AuthorRole::kVisitor) {
    conversation->unread_seqs.push_back(event.seq);
  } else {
    conversation->unread_seqs.clear();  // replying means the agent has read the chat
  }
  conversation->snap.unread = static_cast<long>(conversation->unread_seqs.size());
  ResetIdleTimer(*conversation);
  changes.outcome.ack = Ack{conversation->snap.id, event.seq};
  Remember(actor.id, command.idempotency_key, changes.outcome.ack, event.at);
  if (conversation->snap.state == ConversationState::kBot) {
    ApplyBotTurn(changes, *conversation, bot);
  }
  return Finish(std::move(changes));
}

std::optional<BotContext> TenantEngine::BotContextFor(const SendMessage& command) const {
  if (command.actor.kind != AuthorRole::kVisitor) return std::nullopt;
  if (Remembered(command.actor.id, command.idempotency_key)) return std::nullopt;
  std::optional<std::string> id = command.conversation_id;
  if (!id) id = OpenConversationOf(command.actor.id);
  if (!id) {
    const QueueInfo* queue = FindQueue(command.queue_id);
    if (queue == nullptr || !queue->bot_first) return std::nullopt;
    return BotContext{};
  }
  auto it = conversations_.find(*id);
  if (it == conversations_.end()) return std::nullopt;
  const Conversation& conversation = it->second;
  if (conversation.snap.visitor.id != command.actor.id ||
      conversation.snap.state != ConversationState::kBot) {
    return std::nullopt;
  }
  return BotContext{conversation.snap.id, conversation.bot_misses};
}

void TenantEngine::ApplyBotTurn(Changes& changes, Conversation& conversation,
                                const std::optional<BotTurn>& turn) {
  if (!turn) {
    Enqueue(changes, conversation);
    return;
  }
  for (const auto& message : turn->messages) {
    AppendBotMessage(changes, conversation, turn->bot_name, message);
  }
  conversation.bot_misses = turn->misses;
  if (turn->gap) {
    KnowledgeGap gap = *turn->gap;
    gap.at = clock_.Now();
    changes.outcome.gaps.push_back(std::move(gap));
  }
  if (turn->transfer) Enqueue(changes, conversation);
}

void TenantEngine::AppendBotMessage(Changes& changes, Conversation& conversation,
                                    const std::string& bot_name, const BotMessage& message) {
  ConversationEvent& event = Append(changes, conversation, EventKind::kMessage);
  event.author = Author{AuthorRole::kBot, "bot", bot_name};
  event.text = message.text;
  event.bot = message.reply;
}

void TenantEngine::Enqueue(Changes& changes, Conversation& conversation) {
  conversation.snap.state = ConversationState::kQueued;
  conversation.queued_at = clock_.Now();
  Announce(changes, conversation.snap.id);
  ConversationEvent& queued = Append(changes, conversation, EventKind::kSystem);
  queued.code = SystemCode::kQueued;
  queued.ref = conversation.snap.queue;
  waiting_[conversation.snap.queue.id].push_back(conversation.snap.id);
  RouteWaiting(changes);
}

Result<TenantEngine::Conversation*> TenantEngine::VisitorConversation(const Actor& actor,
                                                                      const std::string& id) {
  if (actor.kind != AuthorRole::kVisitor) {
    return Fail(ErrorCode::kForbidden, "only the visitor may do this");
  }
  Conversation* conversation = Find(id);
  if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
  if (conversation->snap.visitor.id != actor.id) {
    return Fail(ErrorCode::kForbidden, "not your conversation");
  }
  return conversation;
}

Result<Outcome> TenantEngine::Handoff(const RequestHuman& command) {
  if (auto duplicate = Retried(command.actor.id, command.idempotency_key)) return *duplicate;
  auto found = VisitorConversation(command.actor, command.conversation_id);
  if (!found) return Unexpected{found.error()};
  Conversation& conversation = **found;
  if (conversation.snap.state != ConversationState::kBot) {
    return Fail(ErrorCode::kConflict, "the conversation is not with the bot");
  }
  Changes changes;
  AppendBotMessage(changes, conversation, command.bot_name, command.notice);
  const long seq = conversation.snap.last_seq;
  ResetIdleTimer(conversation);
  Enqueue(changes, conversation);
  changes.outcome.ack = Ack{conversation.snap.id, seq};
  Remember(command.actor.id, command.idempotency_key, changes.outcome.ack, clock_.Now());
  return Finish(std::move(changes));
}

Result<Outcome> TenantEngine::Rate(const RateAnswer& command) {
  if (auto duplicate = Retried(command.actor.id, command.idempotency_key)) return *duplicate;
  auto found = VisitorConversation(command.actor, command.conversation_id);
  if (!found) return Unexpected{found.error()};
  Conversation& conversation = **found;
  if (command.seq < 1 || command.seq > conversation.snap.last_seq) {
    return Fail(ErrorCode::kNotFound, "no such answer");
  }
  Changes changes;
  changes.outcome.ack = Ack{conversation.snap.id, 0};
  if (conversation.rated.insert(command.seq).second) {
    changes.outcome.ratings.push_back(
        AnswerRating{conversation.snap.id, command.seq, command.entry_id, command.helpful});
    if (!command.helpful && command.offer && conversation.snap.state == ConversationState::kBot) {
      AppendBotMessage(changes, conversation, command.bot_name, *command.offer);
      changes.outcome.ack.seq = conversation.snap.last_seq;
    }
  }
  Remember(command.actor.id, command.idempotency_key, changes.outcome.ack, clock_.Now());
  return Finish(std::move(changes));
}

void TenantEngine::StartConversation(Changes& changes, const SendMessage& command,
                                     const QueueInfo& queue, const std::optional<BotTurn>& bot) {
  const Millis now = clock_.Now();
  Conversation fresh;
  fresh.snap.id = command.new_conversation_id;
  fresh.snap.state = ConversationState::kNew;
  fresh.snap.queue = Ref{queue.id, queue.name};
  fresh.snap.visitor = Ref{command.actor.id, command.actor.name};
  fresh.snap.created_at = now;
  Conversation& conversation = conversations_[fresh.snap.id] = std::move(fresh);
  open_by_visitor_[command.actor.id] = conversation.snap.id;

  ConversationEvent& message = Append(changes, conversation, EventKind::kMessage);
  message.author = Author{AuthorRole::kVisitor, command.actor.id, command.actor.name};
  message.text = command.text;
  message.sender_id = command.actor.id;
  message.idempotency_key = command.idempotency_key;
  conversation.unread_seqs.push_back(message.seq);
  conversation.snap.unread = 1;
  changes.outcome.ack = Ack{conversation.snap.id, message.seq};
  Remember(command.actor.id, command.idempotency_key, changes.outcome.ack, now);
  ResetIdleTimer(conversation);
  if (queue.bot_first) {
    conversation.snap.state = ConversationState::kBot;
    Announce(changes, conversation.snap.id);
    ApplyBotTurn(changes, conversation, bot);
  } else {
    Enqueue(changes, conversation);
  }
}

Result<Outcome> TenantEngine::Close(const CloseConversation& command) {
  const Actor& actor = command.actor;
  if (auto duplicate = Retried(actor.id, command.idempotency_key)) return *duplicate;
  Conversation* conversation = Find(command.conversation_id);
  if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
  const auto& snap = conversation->snap;
  const bool allowed = actor.kind == AuthorRole::kVisitor
                           ? snap.visitor.id == actor.id
                           : IsStaffSupervisor(actor) || (snap.agent && snap.agent->id == actor.id);
  if (!allowed) return Fail(ErrorCode::kForbidden, "you may not close this conversation");
  if (snap.state == ConversationState::kClosed) {
    return Fail(ErrorCode::kConversationClosed, "the conversation is already closed");
  }
  Changes changes;
  CloseInternal(changes, *conversation,
                actor.kind == AuthorRole::kVisitor ? CloseReason::kVisitor : CloseReason::kAgent,
                actor.id, command.idempotency_key);
  RouteWaiting(changes);
  return Finish(std::move(changes));
}

void TenantEngine::CloseInternal(Changes& changes, Conversation& conversation, CloseReason reason,
                                 const std::string& sender_id, const std::string& key) {
  const Millis now = clock_.Now();
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kClosed;
  event.closed_by = reason;
  event.sender_id = sender_id;
  event.idempotency_key = key;
  changes.outcome.ack = Ack{conversation.snap.id, event.seq};
  if (!key.empty()) Remember(sender_id, key, changes.outcome.ack, now);

  conversation.snap.state = ConversationState::kClosed;
  conversation.snap.closed_by = reason;
  Announce(changes, conversation.snap.id);
  conversation.snap.unread = 0;
  conversation.unread_seqs.clear();
  conversation.closed_at = now;
  if (conversation.idle_deadline) {
    idle_deadlines_.erase({*conversation.idle_deadline, conversation.snap.id});
    conversation.idle_deadline.reset();
  }
  if (auto it = open_by_visitor_.find(conversation.snap.visitor.id);
      it != open_by_visitor_.end() && it->second == conversation.snap.id) {
    open_by_visitor_.erase(it);
  }
  if (conversation.snap.agent) {
    if (Agent* agent = FindAgentMutable(conversation.snap.agent->id)) {
      agent->active.erase(conversation.snap.id);
      agent->snap.load = static_cast<int>(agent->active.size());
      TouchAgent(changes, agent->snap.info.id);
    }
  }
  closed_order_.emplace_back(now, conversation.snap.id);
}

Result<Outcome> TenantEngine::Read(const MarkRead& command) {
  Conversation* conversation = Find(command.conversation_id);
  if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
  const bool assigned_to_me =
      conversation->snap.agent && conversation->snap.agent->id == command.actor.id;
  if (command.actor.kind != AuthorRole::kAgent ||
      (!assigned_to_me && !IsStaffSupervisor(command.actor))) {
    return Fail(ErrorCode::kForbidden, "only the assigned agent marks messages read");
  }
  Changes changes;
  changes.outcome.ack = Ack{conversation->snap.id, 0};
  auto& seqs = conversation->unread_seqs;
  const auto before = seqs.size();
  seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [&](long s) { return s <= command.seq; }),
             seqs.end());
  if (seqs.size() != before) {
    conversation->snap.unread = static_cast<long>(seqs.size());
    Announce(changes, conversation->snap.id);
  }
  return Finish(std::move(changes));
}

Result<Outcome> TenantEngine::SetStatus(const std::string& agent_id, AgentStatus status) {
  Agent* agent = FindAgentMutable(agent_id);
  if (agent == nullptr) return Fail(ErrorCode::kNotFound, "no such agent");
  Changes changes;
  if (agent->snap.status != status) {
    agent->snap.status = status;
    TouchAgent(changes, agent_id);
    RouteWaiting(changes);
  }
  return Finish(std::move(changes));
}

Result<Outcome> TenantEngine::SetConnected(const std::string& agent_id, bool connected) {
  Agent* agent = FindAgentMutable(agent_id);
  if (agent == nullptr) return Fail(ErrorCode::kNotFound, "no such agent");
  Changes changes;
  if (agent->snap.connected != connected) {
    agent->snap.connected = connected;
    TouchAgent(changes, agent_id);
    RouteWaiting(changes);
  }
  return Finish(std::move(changes));
}

Outcome TenantEngine::Tick() {
  const Millis now = clock_.Now();
  Changes changes;
  while (!idle_deadlines_.empty() && idle_deadlines_.begin()->first <= now) {
    const std::string id = idle_deadlines_.begin()->second;
    Conversation* conversation = Find(id);
    assert(conversation != nullptr && "idle deadline for a conversation that is not loaded");
    CloseInternal(changes, *conversation, CloseReason::kIdle, {}, {});
  }
  changes.outcome.ack = {};
  if (!changes.conversations.empty()) RouteWaiting(changes);

  while (!key_order_.empty() && key_order_.front().first + settings_.idempotency_window <= now) {
    keys_.erase(key_order_.front().second);
    key_order_.pop_front();
  }
  while (!closed_order_.empty() &&
         closed_order_.front().first + settings_.closed_retention <= now) {
    conversations_.erase(closed_order_.front().second);
    closed_order_.pop_front();
  }
  return Finish(std::move(changes));
}

std::optional<Millis> TenantEngine::NextDeadline() const {
  if (idle_deadlines_.empty()) return std::nullopt;
  return idle_deadlines_.begin()->first;
}

void TenantEngine::RouteWaiting(Changes& changes) {
  // Oldest waiting conversation first, across queues; stop when nobody can take the oldest of
  // any queue. Lazily drops entries that are no longer waiting.
  for (;;) {
    Conversation* oldest = nullptr;
    std::deque<std::string>* oldest_queue = nullptr;
    for (auto& [queue_id, ids] : waiting_) {
      while (!ids.empty()) {
        Conversation* c = Find(ids.front());
        if (c != nullptr && c->snap.state == ConversationState::kQueued) break;
        ids.pop_front();
      }
      if (ids.empty()) continue;
      Conversation* front = Find(ids.front());
      bool servable = false;
      for (const auto& [agent_id, agent] : agents_) {
        if (Available(agent, queue_id)) {
          servable = true;
          break;
        }
      }
      if (!servable) continue;
      if (oldest == nullptr || std::tie(front->queued_at, front->snap.id) <
                                   std::tie(oldest->queued_at, oldest->snap.id)) {
        oldest = front;
        oldest_queue = &ids;
      }
    }
    if (oldest == nullptr) return;
    oldest_queue->pop_front();
    const bool assigned = TryAssign(changes, *oldest);
    assert(assigned && "a servable queue had no available agent");
    (void)assigned;
  }
}

bool TenantEngine::Available(const Agent& agent, const std::string& queue_id) const {
  const auto& snap = agent.snap;
  if (snap.status != AgentStatus::kOnline || !snap.connected) return false;
  if (snap.load >= snap.info.capacity) return false;
  const auto& queues = snap.info.queue_ids;
  return std::find(queues.begin(), queues.end(), queue_id) != queues.end();
}

bool TenantEngine::TryAssign(Changes& changes, Conversation& conversation) {
  // First simple rule: the least busy available agent; ties go to the one who waited longest
  // since their last assignment, then to the smaller id so that the choice is deterministic.
  Agent* best = nullptr;
  for (auto& [id, agent] : agents_) {
    if (!Available(agent, conversation.snap.queue.id)) continue;
    if (best == nullptr ||
        std::tie(agent.snap.load, agent.last_assigned_at, id) <
            std::tie(best->snap.load, best->last_assigned_at, best->snap.info.id)) {
      best = &agent;
    }
  }
  if (best == nullptr) return false;
  Assign(changes, conversation, *best);
  return true;
}

void TenantEngine::Assign(Changes& changes, Conversation& conversation, Agent& agent) {
  conversation.snap.state = ConversationState::kAssigned;
  conversation.snap.agent = Ref{agent.snap.info.id, agent.snap.info.name};
  Announce(changes, conversation.snap.id);
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kAssigned;
  event.ref = *conversation.snap.agent;
  agent.active.insert(conversation.snap.id);
  agent.snap.load = static_cast<int>(agent.active.size());
  agent.last_assigned_at = event.at;
  TouchAgent(changes, agent.snap.info.id);
}

ConversationEvent& TenantEngine::Append(Changes& changes, Conversation& conversation,
                                        EventKind kind) {
  ConversationEvent event;
  event.conversation_id = conversation.snap.id;
  event.seq = ++conversation.snap.last_seq;
  event.at = clock_.Now();
  event.kind = kind;
  if (kind == EventKind::kSystem) event.author = Author{AuthorRole::kSystem, {}, {}};
  conversation.snap.updated_at = event.at;
  TouchConversation(changes, conversation.snap.id);
  return changes.outcome.events.emplace_back(std::move(event));
}

void TenantEngine::ResetIdleTimer(Conversation& conversation) {
  if (conversation.idle_deadline) {
    idle_deadlines_.erase({*conversation.idle_deadline, conversation.snap.id});
  }
  conversation.last_activity = std::max(conversation.last_activity, clock_.Now());
  conversation.idle_deadline = conversation.last_activity + settings_.idle_timeout;
  idle_deadlines_.insert({*conversation.idle_deadline, conversation.snap.id});
}

void TenantEngine::TouchConversation(Changes& changes, const std::string& id) {
  if (std::find(changes.conversations.begin(), changes.conversations.end(), id) ==
      changes.conversations.end()) {
    changes.conversations.push_back(id);
  }
}

void TenantEngine::Announce(Changes& changes, const std::string& id) {
  TouchConversation(changes, id);
  if (std::find(changes.announce.begin(), changes.announce.end(), id) == changes.announce.end()) {
    changes.announce.push_back(id);
  }
}

void TenantEngine::TouchAgent(Changes& changes, const std::string& id) {
  if (std::find(changes.agents.begin(), changes.agents.end(), id) == changes.agents.end()) {
    changes.agents.push_back(id);
  }
}

Outcome TenantEngine::Finish(Changes&& changes) {
  Outcome outcome = std::move(changes.outcome);
  outcome.announce = std::move(changes.announce);
  for (const auto& id : changes.conversations) {
    if (const Conversation* c = Find(id)) outcome.conversations.push_back(c->snap);
  }
  for (const auto& id : changes.agents) {
    if (const Agent* a = FindAgentMutable(id)) outcome.agents.push_back(a->snap);
  }
  return outcome;
}

std::optional<Outcome> TenantEngine::Retried(const std::string& sender_id,
                                             const std::string& key) const {
  auto ack = Remembered(sender_id, key);
  if (!ack) return std::nullopt;
  Outcome duplicate;
  duplicate.ack = *ack;
  duplicate.duplicate = true;
  return duplicate;
}

std::optional<Ack> TenantEngine::Remembered(const std::string& sender_id,
                                            const std::string& key) const {
  if (key.empty()) return std::nullopt;
  auto it = keys_.find(KeyOf(sender_id, key));
  if (it == keys_.end()) return std::nullopt;
  return it->second.ack;
}

void TenantEngine::Remember(const std::string& sender_id, const std::string& key, const Ack& ack,
                            Millis at) {
  if (key.empty()) return;
  auto composite = KeyOf(sender_id, key);
  if (keys_.emplace(composite, KeyEntry{ack, at}).second) key_order_.emplace_back(at, composite);
}

TenantEngine::Conversation* TenantEngine::Find(const std::string& id) {
  auto it = conversations_.find(id);
  return it == conversations_.end() ? nullptr : &it->second;
}

TenantEngine::Agent* TenantEngine::FindAgentMutable(const std::string& id) {
  auto it = agents_.find(id);
  return it == agents_.end() ? nullptr : &it->second;
}

const QueueInfo* TenantEngine::FindQueue(const std::string& id) const {
  for (const auto& queue : queues_) {
    if (queue.id == id) return &queue;
  }
  return nullptr;
}

const QueueInfo* TenantEngine::FindQueueBySlug(std::string_view slug) const {
  for (const auto& queue : queues_) {
    if (queue.slug == slug) return &queue;
  }
  return nullptr;
}

const ConversationSnapshot* TenantEngine::FindConversation(const std::string& id) const {
  auto it = conversations_.find(id);
  return it == conversations_.end() ? nullptr : &it->second.snap;
}

const AgentSnapshot* TenantEngine::FindAgent(const std::string& id) const {
  auto it = agents_.find(id);
  return it == agents_.end() ? nullptr : &it->second.snap;
}

std::optional<std::string> TenantEngine::OpenConversationOf(const std::string& visitor_id) const {
  auto it = open_by_visitor_.find(visitor_id);
  if (it == open_by_visitor_.end()) return std::nullopt;
  return it->second;
}

std::vector<ConversationSnapshot> TenantEngine::OpenConversationsOfAgent(
    const std::string& agent_id) const {
  std::vector<ConversationSnapshot> result;
  auto it = agents_.find(agent_id);
  if (it == agents_.end()) return result;
  for (const auto& id : it->second.active) {
    if (auto c = conversations_.find(id); c != conversations_.end()) {
      result.push_back(c->second.snap);
    }
  }
  std::sort(result.begin(), result.end(),
            [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  return result;
}

std::vector<AgentSnapshot> TenantEngine::Agents() const {
  std::vector<AgentSnapshot> result;
  for (const auto& [id, agent] : agents_) result.push_back(agent.snap);
  std::sort(result.begin(), result.end(),
            [](const auto& a, const auto& b) { return a.info.id < b.info.id; });
  return result;
}

}  // namespace kefu::engine
