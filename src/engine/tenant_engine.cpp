#include "engine/tenant_engine.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

#include "common/utf8_count.hpp"
#include "engine/business_hours.hpp"
#include "engine/classification.hpp"

namespace kefu::engine {
namespace {

// Keys checked new but not yet applied (their commands may fail), at most.
constexpr std::size_t kMaxCheckedKeys = 4096;
// How long a sender's key bound outlives its last command: a returning customer within it sends
// without the store being asked.
constexpr Millis kKeyBoundIdle = 6 * 60 * 60 * 1000;
// One shard of the bounds is swept this often (all of them in about 11 minutes).
constexpr Millis kKeyBoundSweepEvery = 10 * 1000;

std::string KeyOf(const std::string& sender_id, const std::string& key) {
  return sender_id + '\n' + key;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

constexpr Millis kServedWindow = 60 * 60 * 1000;  // service level: the last hour
constexpr Millis kPaceWindow = 30 * 60 * 1000;    // estimated wait: assignments of 30 minutes
constexpr std::size_t kPaceSamples = 20;
constexpr std::size_t kMaxNoteChars = 500;

// Said by the system when the bot would hand over but no person can take the conversation now.
constexpr std::string_view kClosedNotice = "现在不在人工服务时间，您可以留言，我们会尽快联系您。";
constexpr std::string_view kFullNotice = "当前排队人数已满，请稍后再试，或留言给我们。";

bool IsStaffSupervisor(const Actor& actor) {
  return actor.kind == AuthorRole::kAgent &&
         (actor.staff_role == Role::kSupervisor || actor.staff_role == Role::kAdmin);
}

// Erases from `map` the keys at the front of `order` (oldest first) that are `age` old or older,
// at most `most` of them.
template <typename Map>
void EraseAged(std::deque<std::pair<Millis, std::string>>& order, Map& map, Millis age, Millis now,
               std::size_t most) {
  for (; most > 0 && !order.empty() && order.front().first + age <= now; --most) {
    map.Erase(order.front().second);
    order.pop_front();
  }
}

}  // namespace

TenantEngine::TenantEngine(std::string tenant_id, const Clock& clock, TenantSettings settings)
    : tenant_id_(std::move(tenant_id)), clock_(clock), settings_(settings) {}

void TenantEngine::Restore(const RestoredState& state) {
  if (state.older_keys) {
    keys_beyond_memory_ = true;
    bounds_complete_ = false;
  }
  SetRoutingSettings(state.routing);
  SetClassification(state.classification);
  for (const auto& queue : state.queues) UpsertQueue(queue);
  for (const auto& agent : state.agents) UpsertAgent(agent);
  // Oldest first, so that queues keep their arrival order.
  std::vector<const RestoredState::Conversation*> ordered;
  for (const auto& c : state.open_conversations) ordered.push_back(&c);
  std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->snapshot.created_at, a->snapshot.id) <
           std::tie(b->snapshot.created_at, b->snapshot.id);
  });
  const Millis now = clock_.Now();
  for (const auto* restored : ordered) {
    Conversation conversation;
    conversation.snap = restored->snapshot;
    conversation.last_activity = restored->last_activity;
    conversation.unread_seqs = restored->unread_seqs;
    conversation.snap.unread = static_cast<long>(conversation.unread_seqs.size());
    auto& stored = conversations_[conversation.snap.id] = std::move(conversation);
    open_by_visitor_[stored.snap.visitor.id] = stored.snap.id;
    ResetIdleTimer(stored);
    if (stored.snap.state == ConversationState::kQueued) {
      if (stored.snap.queued_at == 0) stored.snap.queued_at = stored.snap.created_at;
      router_.Enqueue(stored.snap.id, stored.snap.queue.id,
                      router_.NextKey(false, stored.snap.priority, stored.snap.queued_at));
      // Notices due while the server was down are not repeated.
      if (const QueueInfo* queue = FindQueue(stored.snap.queue.id)) {
        for (const auto& notice : queue->routing.notices) {
          if (stored.snap.queued_at + notice.after <= now) stored.notices_sent++;
        }
        if (!queue->routing.overflow_queue_id.empty() && queue->routing.overflow_after > 0) {
          Schedule(TimerKind::kOverflow, stored.snap.id, now + queue->routing.overflow_after);
        }
      }
      ScheduleNotice(stored);
    } else if (stored.snap.state == ConversationState::kAssigned && stored.snap.agent) {
      if (Agent* agent = FindAgentMutable(stored.snap.agent->id)) {
        agent->active.insert(stored.snap.id);
        agent->snap.load = static_cast<int>(agent->active.size());
      }
    }
  }
  // Agents start disconnected: their conversations wait the grace period for them to return.
  for (auto& [id, agent] : agents_) {
    SyncRouter(agent);
    if (!agent.active.empty()) Schedule(TimerKind::kGrace, id, now + settings_.disconnect_grace);
  }
  for (const auto& key : state.keys) Remember(key.sender_id, key.idempotency_key, key.ack, key.at);
  std::vector<RestoredState::LastAgent> last_agents = state.last_agents;
  std::sort(last_agents.begin(), last_agents.end(),
            [](const auto& a, const auto& b) { return a.at < b.at; });  // oldest first
  for (const auto& last : last_agents) RememberLastAgent(last, now);
}

void TenantEngine::UpsertQueue(const QueueInfo& queue) {
  QueueInfo sorted = queue;
  std::stable_sort(sorted.routing.notices.begin(), sorted.routing.notices.end(),
                   [](const auto& a, const auto& b) { return a.after < b.after; });
  if (QueueInfo* existing = FindQueueMutable(queue.id)) {
    *existing = sorted;
  } else {
    queues_.push_back(sorted);
  }
  router_.SetQueue(sorted);
}

void TenantEngine::UpsertAgent(const AgentInfo& info) {
  Agent& agent = agents_[info.id];
  agent.snap.info = info;
  router_.SetAgent(info);
  SyncRouter(agent);
}

void TenantEngine::SetRoutingSettings(const RoutingSettings& routing) {
  settings_.wrap_up = routing.wrap_up;
  settings_.disconnect_grace = routing.disconnect_grace;
  settings_.typing_preview = routing.typing_preview;
  settings_.auto_messages = routing.auto_messages;
}

void TenantEngine::SetClassification(const ClassificationPolicy& classification) {
  settings_.classification = classification;
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
      if (!queue->bot_first) {
        if (auto refusal = Refusal(*queue)) return Unexpected{*refusal};
      }
      StartConversation(changes, command, *queue, bot);
      return Finish(std::move(changes));
    }
    conversation = Find(*id);
    if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
    if (conversation->snap.visitor.id != actor.id) {
      return Fail(ErrorCode::kForbidden, "not your conversation");
    }
    if (!actor.tags.empty()) conversation->tags = actor.tags;
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
    conversation->reminded = false;
    Cancel(TimerKind::kSilence, conversation->snap.id);
  } else {
    conversation->unread_seqs.clear();  // replying means the agent has read the chat
    if (conversation->awaiting_answer) {
      conversation->awaiting_answer = false;
      Cancel(TimerKind::kAnswer, conversation->snap.id);
    }
    ArmSilence(*conversation);
  }
  conversation->snap.unread = static_cast<long>(conversation->unread_seqs.size());
  ResetIdleTimer(*conversation);
  changes.outcome.ack = Ack{conversation->snap.id, event.seq};
  Remember(actor.id, command.idempotency_key, changes.outcome.ack, event.at);
  if (conversation->snap.state == ConversationState::kBot) {
    ApplyBotTurn(changes, *conversation, bot);
  } else {
    ApplyWaitingAnswers(changes, *conversation, bot);
  }
  return Finish(std::move(changes));
}

std::optional<BotContext> TenantEngine::BotContextFor(const SendMessage& command) const {
  if (command.actor.kind != AuthorRole::kVisitor) return std::nullopt;
  // A retry, or a key the store must be asked about first: no turn (yet).
  if (Retried(command.actor.id, command.idempotency_key)) return std::nullopt;
  std::optional<std::string> id = command.conversation_id;
  if (!id) id = OpenConversationOf(command.actor.id);
  if (!id) {
    const QueueInfo* queue = FindQueue(command.queue_id);
    if (queue == nullptr) return std::nullopt;
    // A human-first queue: the customer is about to wait, and may be helped meanwhile.
    return BotContext{{}, 0, !queue->bot_first};
  }
  const Conversation* found = conversations_.Find(*id);
  if (found == nullptr) return std::nullopt;
  const Conversation& conversation = *found;
  if (conversation.snap.visitor.id != command.actor.id) return std::nullopt;
  if (conversation.snap.state == ConversationState::kQueued) {
    return BotContext{conversation.snap.id, 0, true};
  }
  if (conversation.snap.state != ConversationState::kBot) return std::nullopt;
  return BotContext{conversation.snap.id, conversation.bot_misses, false};
}

void TenantEngine::ApplyWaitingAnswers(Changes& changes, Conversation& conversation,
                                       const std::optional<BotTurn>& turn) {
  if (!turn || conversation.snap.state != ConversationState::kQueued) return;
  for (const auto& message : turn->messages) {
    if (message.reply.kind != BotReplyKind::kAnswer) continue;
    BotMessage answer = message;
    answer.reply.waiting = true;
    AppendBotMessage(changes, conversation, turn->bot_name, answer);
  }
}

void TenantEngine::ApplyBotTurn(Changes& changes, Conversation& conversation,
                                const std::optional<BotTurn>& turn) {
  // A hand-over nobody can take now: the conversation stays with the bot, which says why.
  auto hand_over = [&] {
    if (const QueueInfo* routed = RoutedQueue(conversation)) {
      HandOverTo(changes, conversation, *routed);
      return;
    }
    const QueueInfo* queue = FindQueue(conversation.snap.queue.id);
    std::optional<Error> refusal = queue ? Refusal(*queue) : std::nullopt;
    if (!refusal) {
      Enqueue(changes, conversation, EnqueueMode::kNew);
      return;
    }
    ConversationEvent& notice = Append(changes, conversation, EventKind::kSystem);
    notice.code = SystemCode::kNotice;
    notice.text =
        std::string(refusal->code == ErrorCode::kQueueClosed ? kClosedNotice : kFullNotice);
  };
  if (!turn) {
    hand_over();
    return;
  }
  for (const auto& message : turn->messages) {
    AppendBotMessage(changes, conversation, turn->bot_name, message);
  }
  conversation.bot_misses = turn->misses;
  if (turn->topic) conversation.bot_topic = turn->topic;
  if (turn->gap) {
    KnowledgeGap gap = *turn->gap;
    gap.at = clock_.Now();
    changes.outcome.gaps.push_back(std::move(gap));
  }
  if (turn->transfer) hand_over();
}

void TenantEngine::AppendBotMessage(Changes& changes, Conversation& conversation,
                                    const std::string& bot_name, const BotMessage& message) {
  ConversationEvent& event = Append(changes, conversation, EventKind::kMessage);
  event.author = Author{AuthorRole::kBot, "bot", bot_name};
  event.text = message.text;
  event.bot = message.reply;
}

const QueueInfo* TenantEngine::RoutedQueue(const Conversation& conversation) const {
  if (!conversation.bot_topic || conversation.bot_topic->queue_id.empty()) return nullptr;
  const QueueInfo* queue = FindQueue(conversation.bot_topic->queue_id);
  if (queue == nullptr || queue->id == conversation.snap.queue.id || Refusal(*queue)) {
    return nullptr;
  }
  return queue;
}

void TenantEngine::HandOverTo(Changes& changes, Conversation& conversation,
                              const QueueInfo& queue) {
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kTransferred;
  event.ref = Ref{queue.id, queue.name};
  event.transfer =
      TransferInfo{std::nullopt, true, conversation.bot_topic->category, TransferBy::kBot};
  conversation.snap.queue = Ref{queue.id, queue.name};
  Enqueue(changes, conversation, EnqueueMode::kNew);
}

std::optional<Error> TenantEngine::Refusal(const QueueInfo& queue) const {
  if (!QueueOpen(queue)) {
    return Error{ErrorCode::kQueueClosed, "the queue is outside its business hours",
                 QueueOpensAt(queue)};
  }
  const int limit = queue.routing.max_waiting;
  if (limit > 0 && router_.WaitingIn(queue.id) >= static_cast<std::size_t>(limit)) {
    return Error{ErrorCode::kQueueFull, "the queue is full (" + std::to_string(limit) +
                                            " waiting); try again later or leave a message"};
  }
  return std::nullopt;
}

bool TenantEngine::QueueOpen(const QueueInfo& queue) const {
  return !queue.routing.hours || IsOpen(*queue.routing.hours, clock_.Now());
}

std::optional<Millis> TenantEngine::QueueOpensAt(const QueueInfo& queue) const {
  if (!queue.routing.hours || QueueOpen(queue)) return std::nullopt;
  return NextOpening(*queue.routing.hours, clock_.Now());
}

void TenantEngine::Enqueue(Changes& changes, Conversation& conversation, EnqueueMode mode,
                           const std::string& avoid) {
  const Millis now = clock_.Now();
  auto& snap = conversation.snap;
  snap.state = ConversationState::kQueued;
  if (snap.queued_at == 0) snap.queued_at = now;
  Announce(changes, snap.id);
  ConversationEvent& queued = Append(changes, conversation, EventKind::kSystem);
  queued.code = SystemCode::kQueued;
  queued.ref = snap.queue;
  MarkQueue(changes, snap.queue.id);

  const QueueInfo* queue = FindQueue(snap.queue.id);
  assert(queue != nullptr && "a conversation in an unknown queue");
  const QueueRouting& routing = queue->routing;
  // Priority: the best rule matching one of the visitor's tags; never lowered by a move.
  for (const auto& rule : routing.priority_rules) {
    if (std::find(conversation.tags.begin(), conversation.tags.end(), rule.tag) !=
        conversation.tags.end()) {
      snap.priority = std::max(snap.priority, std::clamp(rule.priority, 0, 9));
    }
  }
  const WaitKey key = router_.NextKey(mode == EnqueueMode::kBack, snap.priority, snap.queued_at);

  bool reserved = false;
  if (mode == EnqueueMode::kNew && routing.sticky_window > 0) {
    const auto* last = last_agent_.Find(snap.visitor.id);
    if (last != nullptr && last->at + routing.sticky_window >= now &&
        router_.Serves(last->agent_id, queue->id)) {
      Agent* agent = FindAgentMutable(last->agent_id);
      if (agent != nullptr && Available(*agent)) {
        Assign(changes, conversation, *agent);
        return;
      }
      if (agent != nullptr) {
        router_.Reserve(snap.id, queue->id, agent->snap.info.id, key);
        Schedule(TimerKind::kSticky, snap.id, now + routing.sticky_wait);
        reserved = true;
      }
    }
  }
  if (!reserved) router_.Enqueue(snap.id, queue->id, key);
  if (!avoid.empty()) router_.Avoid(snap.id, avoid);
  ScheduleNotice(conversation);
  if (!routing.overflow_queue_id.empty() && routing.overflow_after > 0 &&
      conversation.overflow_hops < static_cast<int>(queues_.size())) {
    Schedule(TimerKind::kOverflow, snap.id, now + routing.overflow_after);
  }
  RouteWaiting(changes);
}

void TenantEngine::ScheduleNotice(Conversation& conversation) {
  const QueueInfo* queue = FindQueue(conversation.snap.queue.id);
  if (queue == nullptr) return;
  const auto& notices = queue->routing.notices;
  if (conversation.notices_sent < notices.size()) {
    Schedule(TimerKind::kNotice, conversation.snap.id,
             conversation.snap.queued_at + notices[conversation.notices_sent].after);
  }
}

void TenantEngine::LeaveQueue(Changes& changes, Conversation& conversation) {
  const std::string& id = conversation.snap.id;
  if (router_.Waiting(id)) {
    router_.Remove(id);
    MarkQueue(changes, conversation.snap.queue.id);
  }
  Cancel(TimerKind::kNotice, id);
  Cancel(TimerKind::kOverflow, id);
  Cancel(TimerKind::kSticky, id);
}

// Takes an assigned conversation away from its agent (the caller says where it goes).
void TenantEngine::Release(Changes& changes, Conversation& conversation) {
  conversation.awaiting_answer = false;
  Cancel(TimerKind::kAnswer, conversation.snap.id);
  Cancel(TimerKind::kSilence, conversation.snap.id);
  if (!conversation.snap.agent) return;
  if (Agent* agent = FindAgentMutable(conversation.snap.agent->id)) {
    agent->active.erase(conversation.snap.id);
    agent->snap.load = static_cast<int>(agent->active.size());
    if (agent->active.empty()) Cancel(TimerKind::kGrace, agent->snap.info.id);
    TouchAgent(changes, agent->snap.info.id);
    SyncRouter(*agent);
  }
  conversation.snap.agent.reset();
}

void TenantEngine::Requeue(Changes& changes, Conversation& conversation, RequeueReason reason) {
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kRequeued;
  event.ref = conversation.snap.agent.value_or(Ref{});
  event.requeue = reason;
  Release(changes, conversation);
  Enqueue(changes, conversation, EnqueueMode::kBack);
}

void TenantEngine::RequeueAll(Changes& changes, Agent& agent, RequeueReason reason) {
  std::vector<std::string> ids(agent.active.begin(), agent.active.end());
  std::sort(ids.begin(), ids.end());  // deterministic event order
  for (const auto& id : ids) {
    if (Conversation* conversation = Find(id)) Requeue(changes, *conversation, reason);
  }
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
  const QueueInfo* routed = RoutedQueue(conversation);
  if (routed == nullptr) {
    if (const QueueInfo* queue = FindQueue(conversation.snap.queue.id)) {
      if (auto refusal = Refusal(*queue)) return Unexpected{*refusal};
    }
  }
  Changes changes;
  AppendBotMessage(changes, conversation, command.bot_name, command.notice);
  const long seq = conversation.snap.last_seq;
  ResetIdleTimer(conversation);
  if (routed != nullptr) {
    HandOverTo(changes, conversation, *routed);
  } else {
    Enqueue(changes, conversation, EnqueueMode::kNew);
  }
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
  fresh.tags = command.actor.tags;
  Conversation& conversation = conversations_[fresh.snap.id] = std::move(fresh);
  open_by_visitor_[command.actor.id] = conversation.snap.id;
  ExpireClosed(now, 2);  // closed ones leave as new ones come, not in one sweep

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
    Enqueue(changes, conversation, EnqueueMode::kNew);
    ApplyWaitingAnswers(changes, conversation, bot);
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
  std::optional<ClassificationChoice> choice;
  if (actor.kind == AuthorRole::kVisitor) {
    if (!command.classification_id.empty() || !command.summary.empty()) {
      return Fail(ErrorCode::kForbidden, "only staff classify conversations");
    }
  } else {
    const ClassificationPolicy& policy = settings_.classification;
    auto resolved = ResolveChoice(policy.tree, command.classification_id, command.summary);
    if (!resolved) return Unexpected{resolved.error()};
    if (resolved->id.empty() && policy.settings.required) {
      return Fail(ErrorCode::kClassificationRequired,
                  "choose an inquiry classification before closing the conversation");
    }
    if (!resolved->id.empty() || !resolved->summary.empty()) choice = std::move(*resolved);
  }
  Changes changes;
  CloseInternal(changes, *conversation,
                actor.kind == AuthorRole::kVisitor ? CloseReason::kVisitor : CloseReason::kAgent,
                actor.id, command.idempotency_key, std::move(choice));
  RouteWaiting(changes);
  return Finish(std::move(changes));
}

void TenantEngine::CloseInternal(Changes& changes, Conversation& conversation, CloseReason reason,
                                 const std::string& sender_id, const std::string& key,
                                 std::optional<ClassificationChoice> choice) {
  const Millis now = clock_.Now();
  // The tenant's closing words, when a person served the customer and did not leave first.
  if (reason != CloseReason::kVisitor && conversation.snap.state == ConversationState::kAssigned) {
    AppendAutoNotice(changes, conversation, NoticeKind::kClosing, settings_.auto_messages.closing);
  }
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kClosed;
  event.closed_by = reason;
  event.sender_id = sender_id;
  event.idempotency_key = key;
  if (choice) {
    conversation.snap.classification_id = choice->id;
    conversation.snap.summary = choice->summary;
    event.classification = std::move(choice);
  }
  changes.outcome.ack = Ack{conversation.snap.id, event.seq};
  if (!key.empty()) Remember(sender_id, key, changes.outcome.ack, now);

  if (conversation.snap.state == ConversationState::kQueued) {
    RecordServed(changes, conversation, false);
  }
  LeaveQueue(changes, conversation);
  conversation.snap.state = ConversationState::kClosed;
  conversation.snap.closed_by = reason;
  Announce(changes, conversation.snap.id);
  conversation.snap.unread = 0;
  conversation.unread_seqs.clear();
  conversation.closed_at = now;
  conversation.awaiting_answer = false;
  Cancel(TimerKind::kIdle, conversation.snap.id);
  Cancel(TimerKind::kAnswer, conversation.snap.id);
  Cancel(TimerKind::kSilence, conversation.snap.id);
  if (auto it = open_by_visitor_.find(conversation.snap.visitor.id);
      it != open_by_visitor_.end() && it->second == conversation.snap.id) {
    open_by_visitor_.erase(it);
  }
  if (conversation.snap.agent) {
    if (Agent* agent = FindAgentMutable(conversation.snap.agent->id)) {
      agent->active.erase(conversation.snap.id);
      agent->snap.load = static_cast<int>(agent->active.size());
      if (agent->active.empty()) Cancel(TimerKind::kGrace, agent->snap.info.id);
      RememberLastAgent({conversation.snap.visitor.id, agent->snap.info.id, now}, now);
      if (settings_.wrap_up > 0 && agent->snap.status == AgentStatus::kOnline) {
        agent->snap.status = AgentStatus::kWrapUp;
        Schedule(TimerKind::kWrapUp, agent->snap.info.id, now + settings_.wrap_up);
      }
      TouchAgent(changes, agent->snap.info.id);
      SyncRouter(*agent);
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
  if (status == AgentStatus::kWrapUp) {
    return Fail(ErrorCode::kBadFrame, "wrap-up is entered after a conversation, not chosen");
  }
  Changes changes;
  if (agent->snap.status != status) {
    if (agent->snap.status == AgentStatus::kWrapUp) Cancel(TimerKind::kWrapUp, agent_id);
    if (status == AgentStatus::kOnline) agent->idle_since = clock_.Now();
    agent->snap.status = status;
    TouchAgent(changes, agent_id);
    SyncRouter(*agent);
    if (status == AgentStatus::kOffline) RequeueAll(changes, *agent, RequeueReason::kAgentOffline);
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
    if (connected) {
      agent->idle_since = std::max(agent->idle_since, clock_.Now());
      Cancel(TimerKind::kGrace, agent_id);
    } else if (!agent->active.empty()) {
      if (settings_.disconnect_grace > 0) {
        Schedule(TimerKind::kGrace, agent_id, clock_.Now() + settings_.disconnect_grace);
      } else {
        RequeueAll(changes, *agent, RequeueReason::kAgentDisconnected);
      }
    }
    TouchAgent(changes, agent_id);
    SyncRouter(*agent);
    RouteWaiting(changes);
  }
  return Finish(std::move(changes));
}

Result<Outcome> TenantEngine::Transfer(const TransferConversation& command) {
  const Actor& actor = command.actor;
  if (auto duplicate = Retried(actor.id, command.idempotency_key)) return *duplicate;
  if (command.to_agent_id.empty() == command.to_queue_id.empty()) {
    return Fail(ErrorCode::kBadFrame, "give exactly one of agent and queue");
  }
  if (CodePoints(command.note) > kMaxNoteChars) {
    return Fail(ErrorCode::kTextTooLong, "the note is longer than 500 characters");
  }
  Conversation* conversation = Find(command.conversation_id);
  if (conversation == nullptr) return Fail(ErrorCode::kNotFound, "no such conversation");
  auto& snap = conversation->snap;
  const bool assigned_to_me = snap.agent && snap.agent->id == actor.id;
  if (actor.kind != AuthorRole::kAgent || (!assigned_to_me && !IsStaffSupervisor(actor))) {
    return Fail(ErrorCode::kForbidden, "only the assigned agent or a supervisor may transfer");
  }
  if (snap.state == ConversationState::kClosed) {
    return Fail(ErrorCode::kConversationClosed, "the conversation is closed");
  }
  if (snap.state != ConversationState::kQueued && snap.state != ConversationState::kAssigned) {
    return Fail(ErrorCode::kConflict, "only a waiting or assigned conversation can be transferred");
  }
  Agent* target = nullptr;
  const QueueInfo* queue = nullptr;
  if (!command.to_agent_id.empty()) {
    target = FindAgentMutable(command.to_agent_id);
    if (target == nullptr) return Fail(ErrorCode::kNotFound, "no such agent");
    if (snap.agent && snap.agent->id == target->snap.info.id) {
      return Fail(ErrorCode::kConflict, "the conversation is already with this agent");
    }
    if (!Available(*target)) {
      return Fail(ErrorCode::kAgentUnavailable,
                  target->snap.info.name + " is not online with free capacity");
    }
  } else {
    queue = FindQueue(command.to_queue_id);
    if (queue == nullptr) return Fail(ErrorCode::kNotFound, "no such queue");
    if (snap.state == ConversationState::kQueued && snap.queue.id == queue->id) {
      return Fail(ErrorCode::kConflict, "the conversation already waits in this queue");
    }
    if (!QueueOpen(*queue)) {
      return Fail(ErrorCode::kQueueClosed, "the queue is outside its business hours");
    }
  }

  Changes changes;
  ConversationEvent& event = Append(changes, *conversation, EventKind::kSystem);
  event.code = SystemCode::kTransferred;
  event.ref =
      target ? Ref{target->snap.info.id, target->snap.info.name} : Ref{queue->id, queue->name};
  event.transfer = TransferInfo{snap.agent, queue != nullptr, command.note,
                                assigned_to_me ? TransferBy::kAgent : TransferBy::kSupervisor};
  event.sender_id = actor.id;
  event.idempotency_key = command.idempotency_key;
  changes.outcome.ack = Ack{snap.id, event.seq};
  Remember(actor.id, command.idempotency_key, changes.outcome.ack, event.at);

  const std::optional<Ref> previous = snap.agent;  // `event` moves as events are appended
  LeaveQueue(changes, *conversation);
  Release(changes, *conversation);
  if (target != nullptr) {
    Assign(changes, *conversation, *target);
  } else {
    snap.queue = Ref{queue->id, queue->name};
    // Handed on by (or taken from) an agent: someone else is meant to take it.
    Enqueue(changes, *conversation, EnqueueMode::kBack, previous ? previous->id : std::string());
  }
  RouteWaiting(changes);
  return Finish(std::move(changes));
}

Outcome TenantEngine::Tick() {
  const Millis now = clock_.Now();
  Changes changes;
  for (SettleWakeups(); !wakeups_.empty() && std::get<0>(*wakeups_.begin()) <= now;
       SettleWakeups()) {
    // Settled: the front entry is due exactly when it was filed.
    auto node = wakeups_.extract(wakeups_.begin());
    const TimerKind kind = std::get<1>(node.value());
    const std::string& id = std::get<2>(node.value());
    timer_due_[static_cast<std::size_t>(kind)].erase(id);
    Fire(changes, kind, id);
  }
  changes.outcome.ack = {};
  RouteWaiting(changes);

  ExpireKeys(now, key_order_.size());
  ExpireClosed(now, closed_order_.size());
  ExpireLastAgents(now, last_agent_order_.size());
  for (auto& [queue_id, served] : served_) {
    while (!served.empty() && served.front().at + kServedWindow <= now) served.pop_front();
  }
  return Finish(std::move(changes));
}

void TenantEngine::Fire(Changes& changes, TimerKind kind, const std::string& id) {
  if (kind == TimerKind::kWrapUp || kind == TimerKind::kGrace) {
    Agent* agent = FindAgentMutable(id);
    if (agent == nullptr) return;
    if (kind == TimerKind::kWrapUp) {
      if (agent->snap.status != AgentStatus::kWrapUp) return;
      agent->snap.status = AgentStatus::kOnline;
      agent->idle_since = clock_.Now();
      TouchAgent(changes, id);
      SyncRouter(*agent);
    } else if (!agent->snap.connected) {
      RequeueAll(changes, *agent, RequeueReason::kAgentDisconnected);
    }
    return;
  }
  Conversation* conversation = Find(id);
  if (conversation == nullptr) return;
  auto& snap = conversation->snap;
  switch (kind) {
    case TimerKind::kIdle:
      if (snap.state != ConversationState::kClosed) {
        CloseInternal(changes, *conversation, CloseReason::kIdle, {}, {});
      }
      break;
    case TimerKind::kNotice: {
      if (snap.state != ConversationState::kQueued) break;
      const QueueInfo* queue = FindQueue(snap.queue.id);
      if (queue == nullptr || conversation->notices_sent >= queue->routing.notices.size()) break;
      ConversationEvent& event = Append(changes, *conversation, EventKind::kSystem);
      event.code = SystemCode::kNotice;
      event.text = queue->routing.notices[conversation->notices_sent++].text;
      ScheduleNotice(*conversation);
      break;
    }
    case TimerKind::kOverflow: {
      if (snap.state != ConversationState::kQueued) break;
      const QueueInfo* from = FindQueue(snap.queue.id);
      const QueueInfo* to = from ? FindQueue(from->routing.overflow_queue_id) : nullptr;
      if (to == nullptr || to->id == from->id || !QueueOpen(*to)) break;
      ConversationEvent& event = Append(changes, *conversation, EventKind::kSystem);
      event.code = SystemCode::kTransferred;
      event.ref = Ref{to->id, to->name};
      event.transfer = TransferInfo{std::nullopt, true, {}, TransferBy::kOverflow};
      LeaveQueue(changes, *conversation);
      conversation->overflow_hops++;
      snap.queue = Ref{to->id, to->name};
      Enqueue(changes, *conversation, EnqueueMode::kOverflow);
      break;
    }
    case TimerKind::kSticky:
      if (snap.state == ConversationState::kQueued) {
        router_.Unreserve(id);
        MarkQueue(changes, snap.queue.id);
      }
      break;
    case TimerKind::kAnswer: {
      if (snap.state != ConversationState::kAssigned || !conversation->awaiting_answer ||
          !snap.agent) {
        break;
      }
      // Redirect on no answer: the conversation goes to the next agent, the silent one is set
      // away (before the requeue routes it) so that they get neither it back nor the next one.
      // An agent in wrap-up is set away too: else they are back online at its end and get it.
      Agent* agent = FindAgentMutable(snap.agent->id);
      if (agent != nullptr && (agent->snap.status == AgentStatus::kOnline ||
                               agent->snap.status == AgentStatus::kWrapUp)) {
        Cancel(TimerKind::kWrapUp, agent->snap.info.id);
        agent->snap.status = AgentStatus::kAway;
        TouchAgent(changes, agent->snap.info.id);
        SyncRouter(*agent);
      }
      Requeue(changes, *conversation, RequeueReason::kNoAnswer);
      break;
    }
    case TimerKind::kSilence: {
      if (snap.state != ConversationState::kAssigned) break;
      const AutoMessages& automatic = settings_.auto_messages;
      if (!conversation->reminded) {
        conversation->reminded = true;
        AppendAutoNotice(changes, *conversation, NoticeKind::kReminder, automatic.reminder);
        if (automatic.close_after > 0) {
          Schedule(TimerKind::kSilence, id, clock_.Now() + automatic.close_after);
        }
      } else {
        CloseInternal(changes, *conversation, CloseReason::kIdle, {}, {});
      }
      break;
    }
    case TimerKind::kWrapUp:
    case TimerKind::kGrace:
      break;
  }
}

std::optional<Millis> TenantEngine::NextDeadline() {
  SettleWakeups();
  if (wakeups_.empty()) return std::nullopt;
  return std::get<0>(*wakeups_.begin());
}

void TenantEngine::SettleWakeups() {
  while (!wakeups_.empty()) {
    const auto& [filed, kind, id] = *wakeups_.begin();
    auto& timers = timer_due_[static_cast<std::size_t>(kind)];
    auto timer = timers.find(id);
    assert(timer != timers.end() && timer->second.filed == filed && "a wake-up without its timer");
    if (timer->second.due == filed) return;
    auto node = wakeups_.extract(wakeups_.begin());
    if (!timer->second.due) {
      timers.erase(timer);  // cancelled
      continue;
    }
    // Pushed back: file it again at its due time.
    timer->second.filed = *timer->second.due;
    std::get<0>(node.value()) = timer->second.filed;
    wakeups_.insert(std::move(node));
  }
}

void TenantEngine::Schedule(TimerKind kind, const std::string& id, Millis due) {
  auto& timers = timer_due_[static_cast<std::size_t>(kind)];
  auto [timer, added] = timers.try_emplace(id);
  if (!added) {
    if (due >= timer->second.filed) {
      timer->second.due = due;  // its entry comes up first and is filed again then
      return;
    }
    // Earlier than filed: move the entry forward.
    auto node = wakeups_.extract({timer->second.filed, kind, id});
    assert(!node.empty() && "a timer without its wake-up");
    std::get<0>(node.value()) = due;
    wakeups_.insert(std::move(node));
  } else {
    wakeups_.emplace(due, kind, id);
  }
  timer->second = Timer{due, due};
}

void TenantEngine::Cancel(TimerKind kind, const std::string& id) {
  auto& timers = timer_due_[static_cast<std::size_t>(kind)];
  if (auto timer = timers.find(id); timer != timers.end()) timer->second.due.reset();
}

void TenantEngine::RouteWaiting(Changes& changes) {
  while (auto pick = router_.Next()) {
    Conversation* conversation = Find(pick->conversation_id);
    Agent* agent = FindAgentMutable(pick->agent_id);
    assert(conversation != nullptr && agent != nullptr && Available(*agent) &&
           conversation->snap.state == ConversationState::kQueued && "a stale routing pick");
    Assign(changes, *conversation, *agent);
  }
}

bool TenantEngine::Available(const Agent& agent) const {
  const auto& snap = agent.snap;
  return snap.status == AgentStatus::kOnline && snap.connected && snap.load < snap.info.capacity;
}

void TenantEngine::SyncRouter(Agent& agent) {
  router_.UpdateAgent(agent.snap.info.id,
                      RouterAgent{Available(agent), agent.snap.load, agent.snap.info.capacity,
                                  std::max(agent.last_assigned_at, agent.idle_since)});
}

void TenantEngine::Assign(Changes& changes, Conversation& conversation, Agent& agent) {
  const Millis now = clock_.Now();
  if (conversation.snap.state == ConversationState::kQueued) {
    RecordServed(changes, conversation, true);
  }
  // Before LeaveQueue: the router needs the conversation's place to record the round-robin turn.
  router_.Assigned(conversation.snap.id, agent.snap.info.id);
  LeaveQueue(changes, conversation);
  conversation.snap.state = ConversationState::kAssigned;
  conversation.snap.agent = Ref{agent.snap.info.id, agent.snap.info.name};
  Announce(changes, conversation.snap.id);
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kAssigned;
  event.ref = *conversation.snap.agent;
  AppendAutoNotice(changes, conversation, NoticeKind::kGreeting, settings_.auto_messages.greeting);
  ArmSilence(conversation);
  agent.active.insert(conversation.snap.id);
  agent.snap.load = static_cast<int>(agent.active.size());
  agent.last_assigned_at = now;
  TouchAgent(changes, agent.snap.info.id);
  SyncRouter(agent);
  if (const QueueInfo* queue = FindQueue(conversation.snap.queue.id);
      queue != nullptr && queue->routing.assign_timeout > 0) {
    conversation.awaiting_answer = true;
    Schedule(TimerKind::kAnswer, conversation.snap.id, now + queue->routing.assign_timeout);
  }
}

void TenantEngine::RecordServed(Changes& changes, Conversation& conversation, bool answered) {
  const Millis now = clock_.Now();
  const std::string& queue_id = conversation.snap.queue.id;
  served_[queue_id].push_back(
      Served{now, now - conversation.snap.queued_at, answered, !conversation.counted});
  conversation.counted = true;
  MarkQueue(changes, queue_id);
}

void TenantEngine::MarkQueue(Changes& changes, const std::string& queue_id) {
  if (std::find(changes.queues.begin(), changes.queues.end(), queue_id) == changes.queues.end()) {
    changes.queues.push_back(queue_id);
  }
}

std::optional<WaitStatus> TenantEngine::WaitStatusOf(const std::string& conversation_id) const {
  const Conversation* conversation = conversations_.Find(conversation_id);
  if (conversation == nullptr || conversation->snap.state != ConversationState::kQueued ||
      !router_.Waiting(conversation_id)) {
    return std::nullopt;
  }
  const std::string& queue_id = conversation->snap.queue.id;
  WaitStatus status;
  status.position = router_.Position(conversation_id);
  status.waiting = router_.WaitingIn(queue_id);
  // A reserved one waits for their previous agent: next in line for them, no pace to go by.
  if (router_.Reserved(conversation_id)) return status;
  if (auto gap = Pace(queue_id)) {
    status.estimated_wait = *gap * static_cast<Millis>(status.position);
  }
  return status;
}

std::optional<Millis> TenantEngine::Pace(const std::string& queue_id) const {
  auto served = served_.find(queue_id);
  if (served == served_.end()) return std::nullopt;
  const Millis now = clock_.Now();
  std::vector<Millis> times;
  for (auto it = served->second.rbegin(); it != served->second.rend(); ++it) {
    if (it->at + kPaceWindow < now || times.size() == kPaceSamples) break;
    if (it->answered) times.push_back(it->at);
  }
  if (times.size() < 2) return std::nullopt;
  return std::max<Millis>((times.front() - times.back()) / static_cast<Millis>(times.size() - 1),
                          1000);
}

std::vector<std::pair<std::string, WaitStatus>> TenantEngine::WaitingIn(
    const std::string& queue_id) const {
  const std::optional<Millis> gap = Pace(queue_id);
  std::vector<std::pair<std::string, WaitStatus>> result;
  const std::size_t waiting = router_.WaitingIn(queue_id);
  std::size_t position = 0;
  router_.ForEachWaiting(queue_id, [&](const std::string& id, const WaitKey&) {
    WaitStatus status;
    status.position = ++position;
    status.waiting = waiting;
    if (gap) status.estimated_wait = *gap * static_cast<Millis>(position);
    result.emplace_back(id, status);
  });
  return result;
}

std::vector<QueueStats> TenantEngine::Board() const {
  const Millis now = clock_.Now();
  std::vector<QueueStats> board;
  for (const auto& queue : queues_) {
    QueueStats stats;
    stats.id = queue.id;
    stats.name = queue.name;
    stats.waiting = router_.WaitingIn(queue.id);
    stats.available_agents = router_.AvailableIn(queue.id);
    stats.service_level_target = queue.routing.service_level;
    router_.ForEachWaiting(queue.id, [&](const std::string& id, const WaitKey&) {
      const Conversation* conversation = conversations_.Find(id);
      if (conversation == nullptr) return;
      const Millis since = conversation->snap.queued_at;
      if (stats.oldest_queued_at == 0 || since < stats.oldest_queued_at) {
        stats.oldest_queued_at = since;
      }
    });
    if (auto served = served_.find(queue.id); served != served_.end()) {
      for (const auto& s : served->second) {
        if (s.at + kServedWindow <= now || !s.first) continue;
        if (!s.answered) {
          stats.abandoned++;
          continue;
        }
        stats.answered++;
        if (s.waited <= queue.routing.service_level) stats.within++;
      }
    }
    board.push_back(std::move(stats));
  }
  return board;
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
  conversation.last_activity = std::max(conversation.last_activity, clock_.Now());
  Schedule(TimerKind::kIdle, conversation.snap.id,
           conversation.last_activity + settings_.idle_timeout);
}

void TenantEngine::ArmSilence(Conversation& conversation) {
  conversation.reminded = false;
  const Millis after = settings_.auto_messages.reminder_after;
  if (after > 0 && conversation.snap.state == ConversationState::kAssigned) {
    Schedule(TimerKind::kSilence, conversation.snap.id, clock_.Now() + after);
  } else {
    Cancel(TimerKind::kSilence, conversation.snap.id);
  }
}

void TenantEngine::AppendAutoNotice(Changes& changes, Conversation& conversation, NoticeKind kind,
                                    const std::string& text) {
  if (text.empty()) return;
  const auto& snap = conversation.snap;
  ConversationEvent& event = Append(changes, conversation, EventKind::kSystem);
  event.code = SystemCode::kNotice;
  event.notice = kind;
  if (snap.agent) event.ref = *snap.agent;
  event.text = ExpandAutoText(text, snap.agent ? snap.agent->name : std::string(),
                              snap.visitor.name, snap.queue.name);
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
  outcome.queues = std::move(changes.queues);
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
  if (key.empty()) return std::nullopt;
  if (auto ack = Remembered(sender_id, key)) {
    Outcome duplicate;
    duplicate.ack = *ack;
    duplicate.duplicate = true;
    return duplicate;
  }
  // Memory holds every key ever applied until one leaves it (or a restore brings only some).
  if (!keys_beyond_memory_ || checked_keys_.contains(KeyOf(sender_id, key))) return std::nullopt;
  if (asking_.contains(sender_id)) {
    // Behind the sender's question: applying this one now would overtake it.
  } else if (const KeyBound* bound = key_bounds_.Find(sender_id); bound != nullptr) {
    if (key > bound->max) return std::nullopt;  // above every key the sender ever applied
  } else if (bounds_complete_) {
    return std::nullopt;  // the sender never applied a key
  }
  // Applied before the window, or a sender whose keys the engine knows nothing of since start.
  Outcome ask;
  ask.ask_store = KeyQuestion{sender_id, key};
  return ask;
}

void TenantEngine::KeyAsked(const KeyQuestion& question) {
  ++asking_[question.sender_id];
}

void TenantEngine::KeyUnanswered(const KeyQuestion& question) {
  if (auto it = asking_.find(question.sender_id); it != asking_.end() && --it->second <= 0) {
    asking_.erase(it);
  }
}

void TenantEngine::KeyAnswered(const KeyQuestion& question, const std::string& stored_max,
                               bool stored) {
  KeyUnanswered(question);
  if (!stored) {
    if (checked_keys_.size() >= kMaxCheckedKeys) checked_keys_.clear();  // commands that failed
    checked_keys_.insert(KeyOf(question.sender_id, question.key));
  }
  // Taking the larger keeps keys applied since the store looked (they raised this bound).
  const Millis now = clock_.Now();
  KeyBound& bound = key_bounds_[question.sender_id];
  bound.max = std::max(bound.max, stored_max);
  bound.used = now;
  SweepKeyBounds(now);
}

void TenantEngine::SweepKeyBounds(Millis now) {
  if (now < next_bound_sweep_) return;
  next_bound_sweep_ = now + kKeyBoundSweepEvery;
  const Millis idle = std::max(kKeyBoundIdle, settings_.idempotency_window);
  const std::size_t erased = key_bounds_.EraseIfInShard(
      bound_sweep_shard_++,
      [&](const std::string&, const KeyBound& b) { return b.used + idle <= now; });
  if (erased > 0) bounds_complete_ = false;
}

std::optional<Ack> TenantEngine::Remembered(const std::string& sender_id,
                                            const std::string& key) const {
  if (key.empty()) return std::nullopt;
  const KeyEntry* entry = keys_.Find(KeyOf(sender_id, key));
  if (entry == nullptr) return std::nullopt;
  return entry->ack;
}

void TenantEngine::Remember(const std::string& sender_id, const std::string& key, const Ack& ack,
                            Millis at) {
  if (key.empty()) return;
  auto composite = KeyOf(sender_id, key);
  checked_keys_.erase(composite);
  // Only a bound the store gave (or one kept since an empty start) is sound to raise: keys from
  // before start may lie above this one.
  KeyBound* bound = key_bounds_.Find(sender_id);
  if (bound == nullptr && bounds_complete_) bound = &key_bounds_[sender_id];
  if (bound != nullptr) {
    if (key > bound->max) bound->max = key;
    bound->used = std::max(bound->used, at);
  }
  SweepKeyBounds(clock_.Now());
  if (keys_.Insert(composite, KeyEntry{ack, at})) key_order_.emplace_back(at, std::move(composite));
  // Keys leave as they came, a couple with each new one, rather than a minute's worth at the
  // next Tick (a busy tenant's minute is ~100,000 keys: a stall of its strand).
  ExpireKeys(clock_.Now(), 2);
}

void TenantEngine::ExpireClosed(Millis now, std::size_t most) {
  EraseAged(closed_order_, conversations_, settings_.closed_retention, now, most);
}

void TenantEngine::RememberLastAgent(const RestoredState::LastAgent& last, Millis now) {
  last_agent_[last.visitor_id] = last;
  last_agent_order_.emplace_back(last.at, last.visitor_id);
  ExpireLastAgents(now, 2);
}

void TenantEngine::ExpireLastAgents(Millis now, std::size_t most) {
  for (; most > 0 && !last_agent_order_.empty() &&
         last_agent_order_.front().first + kMaxStickyWindow < now;
       --most) {
    const auto& [at, visitor_id] = last_agent_order_.front();
    // Served again since: a later entry of the order stands for it.
    if (const auto* last = last_agent_.Find(visitor_id); last != nullptr && last->at == at) {
      last_agent_.Erase(visitor_id);
    }
    last_agent_order_.pop_front();
  }
}

void TenantEngine::ExpireKeys(Millis now, std::size_t most) {
  const std::size_t before = key_order_.size();
  EraseAged(key_order_, keys_, settings_.idempotency_window, now, most);
  if (key_order_.size() != before) keys_beyond_memory_ = true;
}

TenantEngine::Conversation* TenantEngine::Find(const std::string& id) {
  return conversations_.Find(id);
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

QueueInfo* TenantEngine::FindQueueMutable(const std::string& id) {
  for (auto& queue : queues_) {
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
  const Conversation* conversation = conversations_.Find(id);
  return conversation == nullptr ? nullptr : &conversation->snap;
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
    if (const Conversation* c = conversations_.Find(id)) result.push_back(c->snap);
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
