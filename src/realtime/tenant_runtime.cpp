#include "realtime/tenant_runtime.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "common/log.hpp"
#include "protocol/codec.hpp"
#include "protocol/routing_json.hpp"
#include "realtime/hub.hpp"

namespace kefu::realtime {
namespace {

namespace asio = boost::asio;

// Housekeeping (key expiry) runs at least this often even without conversation deadlines.
constexpr Millis kMaxTimerWait = 60 * 1000;

template <typename F>
void ForEachLive(std::vector<std::weak_ptr<Subscriber>>& list, F&& f) {
  std::erase_if(list, [&](const std::weak_ptr<Subscriber>& weak) {
    auto subscriber = weak.lock();
    if (!subscriber) return true;
    f(*subscriber);
    return false;
  });
}

}  // namespace

TenantRuntime::TenantRuntime(asio::any_io_executor executor, storage::TenantRecord tenant,
                             storage::Store& store, const Clock& clock,
                             engine::TenantSettings settings, const engine::RestoredState& state,
                             RuntimeCounters& counters)
    : strand_(asio::make_strand(executor)),
      tenant_(std::move(tenant)),
      store_(store),
      clock_(clock),
      settings_(settings),
      counters_(counters),
      engine_(std::make_unique<engine::TenantEngine>(tenant_.id, clock_, settings_)),
      guard_(std::make_shared<std::atomic<bool>>(false)),
      timer_(strand_),
      flush_timer_(strand_) {
  engine_->Restore(state);
}

void TenantRuntime::Start() {
  asio::post(strand_, [self = shared_from_this()] { self->ArmTimer(); });
}

void TenantRuntime::Stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    self->timer_.cancel();
    self->flush_timer_.cancel();
  });
}

void TenantRuntime::Execute(Command command, Reply reply) {
  asio::post(strand_, [self = shared_from_this(), command = std::move(command),
                       reply = std::move(reply)]() mutable {
    self->Run(std::move(command), std::move(reply), /*asked=*/false);
  });
}

void TenantRuntime::Run(Command command, Reply reply, bool asked) {
  auto self = shared_from_this();
  auto outcome = command(*self->engine_);
  if (!outcome) {
    reply(std::move(outcome));
    return;
  }
  if (outcome->ask_store) {
    // A key older than the engine's memory: the store says whether it was applied (then the
    // original ack answers the retry) before the command runs again.
    if (asked) {
      reply(Fail(ErrorCode::kUnavailable, "idempotency key still unknown after asking the store"));
      return;
    }
    engine::KeyQuestion question = std::move(*outcome->ask_store);
    engine_->KeyAsked(question);
    store_.FindCommandKey(
        tenant_.id, question.sender_id, question.key,
        [self, question, command = std::move(command),
         reply = std::move(reply)](Result<storage::Store::StoredKey> found) mutable {
          asio::post(self->strand_, [self, question = std::move(question),
                                     command = std::move(command), reply = std::move(reply),
                                     found = std::move(found)]() mutable {
            if (!found) {
              self->engine_->KeyUnanswered(question);
              reply(Unexpected{found.error()});
              return;
            }
            self->engine_->KeyAnswered(question, found->sender_max, found->original.has_value());
            if (found->original) {
              engine::Outcome duplicate;
              duplicate.ack = *found->original;
              duplicate.duplicate = true;
              reply(std::move(duplicate));  // durable: the store answers after its commit
              return;
            }
            self->Run(std::move(command), std::move(reply), /*asked=*/true);
          });
        });
    return;
  }
  if (outcome->duplicate) {
    // The original may still be on its way to disk: answer only after everything submitted
    // so far is durable, or the ack could outrun the commit.
    self->store_.Barrier([self, outcome = std::move(*outcome),
                          reply = std::move(reply)](Result<void> durable) mutable {
      asio::post(self->strand_, [outcome = std::move(outcome), reply = std::move(reply),
                                 durable = std::move(durable)]() mutable {
        if (!durable) {
          reply(Unexpected{durable.error()});
        } else {
          reply(std::move(outcome));
        }
      });
    });
    return;
  }
  self->Commit(std::move(*outcome), std::move(reply));
  self->ArmTimer();
}

void TenantRuntime::Commit(engine::Outcome outcome, Reply reply) {
  if (outcome.Empty()) {
    NoteChanges(outcome);
    reply(std::move(outcome));
    return;
  }
  auto self = shared_from_this();
  // Held, not copied: the store's writer reads this one outcome, and it is published from it
  // after the commit. Nothing touches it in between. (Deep copies of every event and
  // conversation, one for the store and one for the publication, were allocations on the I/O
  // threads and frees on the writer for every message.)
  auto held = std::make_shared<engine::Outcome>(std::move(outcome));
  // The writer calls back in submission order and we post back to one strand, so publication
  // follows commit order: a subscriber never sees seq n+1 before n.
  store_.AppendOutcome(
      tenant_.id, std::shared_ptr<const engine::Outcome>(held), guard_,
      [self, held, reply = std::move(reply)](Result<void> durable) mutable {
        asio::post(self->strand_, [self, held = std::move(held), reply = std::move(reply),
                                   durable = std::move(durable)]() mutable {
          if (!durable) {
            log::Error("event=commit_failed tenant={} error=\"{}\"", self->tenant_.id,
                       durable.error().message);
            self->Reload();
            reply(Fail(ErrorCode::kUnavailable, "storage failed; retry with the same id"));
            return;
          }
          engine::Outcome& committed = *held;
          self->counters_.events_committed.fetch_add(committed.events.size());
          self->RememberNewConversations(committed);
          self->Publish(committed);
          self->NoteChanges(committed);
          reply(std::move(committed));
        });
      });
}

void TenantRuntime::Reload() {
  // The engine's state ran ahead of what is durable: rebuild it from the database. The guard
  // already fails every write built on the lost state.
  auto state = store_.LoadTenantState(tenant_.id, clock_.Now() - settings_.idempotency_window);
  if (!state) {
    log::Error("event=reload_failed tenant={} error=\"{}\"", tenant_.id, state.error().message);
    return;  // the guard keeps failing writes until a later reload succeeds
  }
  engine_ = std::make_unique<engine::TenantEngine>(tenant_.id, clock_, settings_);
  engine_->Restore(*state);
  // The memo may name conversations that never became durable.
  visitor_memo_ = BoundedMemo<VisitorMemo>(kVisitorMemoCapacity);
  memo_generation_.fetch_add(1, std::memory_order_acq_rel);
  guard_ = std::make_shared<std::atomic<bool>>(false);
  for (const auto& [agent_id, count] : agent_connections_) {
    if (count > 0) (void)engine_->SetConnected(agent_id, true);
  }
  log::Warn("event=engine_reloaded tenant={}", tenant_.id);
}

void TenantRuntime::Publish(const engine::Outcome& outcome) {
  // Conversation projections first, so that a subscriber newly watching a conversation
  // (an assignment) is registered before that conversation's events go out.
  for (const auto& conversation : outcome.conversations) {
    if (std::find(outcome.announce.begin(), outcome.announce.end(), conversation.id) ==
        outcome.announce.end()) {
      continue;  // only counters changed; subscribers derive them from the events
    }
    auto frame = std::make_shared<const std::string>(protocol::ConversationFrame(conversation));
    // An agent who no longer has it (a transfer, a requeue) is told once and stops watching.
    if (auto watchers = by_conversation_.find(conversation.id);
        watchers != by_conversation_.end()) {
      std::erase_if(watchers->second, [&](const std::weak_ptr<Subscriber>& weak) {
        auto live = weak.lock();
        if (!live) return true;
        auto agent = agent_of_.find(live.get());
        if (agent == agent_of_.end()) return false;
        if (conversation.agent && conversation.agent->id == agent->second) return false;
        live->OnConversation(conversation, frame);
        return true;
      });
    }
    auto notify = [&](Subscribers& list) {
      ForEachLive(list, [&](Subscriber& s) { s.OnConversation(conversation, frame); });
      for (const auto& weak : list) Watch(by_conversation_, conversation.id, weak);
    };
    if (auto it = by_visitor_.find(conversation.visitor.id); it != by_visitor_.end()) {
      notify(it->second);
    }
    if (conversation.agent) {
      if (auto it = by_agent_.find(conversation.agent->id); it != by_agent_.end()) {
        notify(it->second);
      }
    }
  }
  for (const auto& event : outcome.events) {
    auto it = by_conversation_.find(event.conversation_id);
    if (it == by_conversation_.end()) continue;
    auto shared = std::make_shared<const SharedEvent>(
        SharedEvent{event.conversation_id, event.seq, protocol::EventFrame(event)});
    ForEachLive(it->second, [&](Subscriber& s) { s.OnEvent(shared); });
  }
  for (const auto& agent : outcome.agents) {
    auto it = by_agent_.find(agent.info.id);
    if (it == by_agent_.end()) continue;
    auto frame = std::make_shared<const std::string>(protocol::AgentFrame(agent));
    ForEachLive(it->second, [&](Subscriber& s) { s.OnFrame(frame); });
  }
}

void TenantRuntime::Watch(Index& index, const std::string& key,
                          const std::weak_ptr<Subscriber>& subscriber) {
  auto target = subscriber.lock();
  if (!target) return;
  auto& list = index[key];
  for (const auto& existing : list) {
    if (existing.lock() == target) return;
  }
  list.push_back(subscriber);
  watched_[target.get()].emplace_back(&index, key);
}

void TenantRuntime::Inspect(std::function<void(const engine::TenantEngine&)> done) {
  asio::post(strand_,
             [self = shared_from_this(), done = std::move(done)] { done(*self->engine_); });
}

void TenantRuntime::SubscribeAgent(const std::string& agent_id, bool supervisor,
                                   std::weak_ptr<Subscriber> subscriber,
                                   std::function<void(std::optional<engine::AgentSnapshot>,
                                                      std::vector<engine::ConversationSnapshot>)>
                                       done) {
  asio::post(strand_, [self = shared_from_this(), agent_id, supervisor,
                       subscriber = std::move(subscriber), done = std::move(done)]() mutable {
    auto conversations = self->engine_->OpenConversationsOfAgent(agent_id);
    self->Watch(self->by_agent_, agent_id, subscriber);
    if (auto live = subscriber.lock()) self->agent_of_[live.get()] = agent_id;
    if (supervisor) {
      self->Watch(self->by_board_, "", subscriber);
      self->board_dirty_ = true;
      self->ArmFlush();
    }
    for (const auto& c : conversations) self->Watch(self->by_conversation_, c.id, subscriber);
    if (self->agent_connections_[agent_id]++ == 0) {
      self->Execute([agent_id](engine::TenantEngine& e) { return e.SetConnected(agent_id, true); },
                    [](Result<engine::Outcome>) {});
    }
    const auto* agent = self->engine_->FindAgent(agent_id);
    done(agent ? std::optional(*agent) : std::nullopt, std::move(conversations));
  });
}

std::optional<engine::ConversationSnapshot> TenantRuntime::WatchVisitor(
    const std::string& visitor_id, const std::weak_ptr<Subscriber>& subscriber,
    const std::vector<std::string>& conversation_ids) {
  Watch(by_visitor_, visitor_id, subscriber);
  std::optional<engine::ConversationSnapshot> open;
  if (auto id = engine_->OpenConversationOf(visitor_id)) {
    if (const auto* snap = engine_->FindConversation(*id)) {
      open = *snap;
      if (snap->state == engine::ConversationState::kQueued) {
        // A (re)connected customer hears their place soon, even if it did not change.
        told_[snap->queue.id].erase(*id);
        dirty_queues_.insert(snap->queue.id);
        ArmFlush();
      }
    }
    Watch(by_conversation_, *id, subscriber);
  }
  for (const auto& id : conversation_ids) Watch(by_conversation_, id, subscriber);
  return open;
}

void TenantRuntime::SubscribeVisitor(
    const std::string& visitor_id, std::weak_ptr<Subscriber> subscriber,
    const std::vector<std::string>& conversation_ids, std::optional<Remember> remember,
    std::function<void(std::optional<engine::ConversationSnapshot>)> done) {
  asio::post(strand_,
             [self = shared_from_this(), visitor_id, subscriber = std::move(subscriber),
              conversation_ids, remember = std::move(remember), done = std::move(done)]() mutable {
               auto open = self->WatchVisitor(visitor_id, subscriber, conversation_ids);
               // What the database said is still the whole truth unless something that could change
               // it happened since it was read; then the next welcome reads it again.
               if (remember && remember->generation == self->memo_generation()) {
                 VisitorMemo memo{std::move(remember->name), conversation_ids};
                 if (open) memo.Add(open->id);  // created but not yet committed when it was read
                 self->visitor_memo_.Put(visitor_id, std::move(memo));
               }
               done(std::move(open));
             });
}

void TenantRuntime::WelcomeFromMemory(const std::string& visitor_id,
                                      std::weak_ptr<Subscriber> subscriber,
                                      std::function<void(std::optional<Remembered>)> done) {
  asio::post(strand_, [self = shared_from_this(), visitor_id, subscriber = std::move(subscriber),
                       done = std::move(done)]() mutable {
    const auto* memo = self->visitor_memo_.Find(visitor_id);
    if (!memo) {
      done(std::nullopt);
      return;
    }
    Remembered remembered{memo->name, {}, std::nullopt};
    remembered.recent.reserve(memo->recent.size());
    for (const auto& id : memo->recent) {
      const auto* snap = self->engine_->FindConversation(id);
      if (!snap) {
        done(std::nullopt);  // closed long ago: only the database still has it
        return;
      }
      remembered.recent.push_back(*snap);
    }
    remembered.open = self->WatchVisitor(visitor_id, subscriber, memo->recent);
    self->visitor_memo_.Touch(visitor_id);
    done(std::move(remembered));
  });
}

void TenantRuntime::ForgetVisitor(const std::string& visitor_id) {
  asio::post(strand_, [self = shared_from_this(), visitor_id] {
    self->visitor_memo_.Erase(visitor_id);
    self->memo_generation_.fetch_add(1, std::memory_order_acq_rel);
  });
}

void TenantRuntime::RememberNewConversations(const engine::Outcome& outcome) {
  for (const auto& event : outcome.events) {
    if (event.seq != 1) continue;  // a conversation's first event: it was created
    auto created = std::find_if(outcome.conversations.begin(), outcome.conversations.end(),
                                [&](const auto& c) { return c.id == event.conversation_id; });
    if (created == outcome.conversations.end()) continue;
    auto* memo = visitor_memo_.Find(created->visitor.id);
    if (!memo) {
      // A database read of this visitor in flight may have missed it.
      memo_generation_.fetch_add(1, std::memory_order_acq_rel);
      continue;
    }
    memo->Add(created->id);
  }
}

void TenantRuntime::Unsubscribe(const Subscriber* subscriber, const std::string& agent_id) {
  asio::post(strand_, [self = shared_from_this(), subscriber, agent_id] {
    if (auto watched = self->watched_.find(subscriber); watched != self->watched_.end()) {
      for (const auto& [index, key] : watched->second) {
        auto it = index->find(key);
        if (it == index->end()) continue;
        std::erase_if(it->second, [&](const std::weak_ptr<Subscriber>& weak) {
          auto live = weak.lock();
          return !live || live.get() == subscriber;
        });
        if (it->second.empty()) index->erase(it);
      }
      self->watched_.erase(watched);
    }
    self->agent_of_.erase(subscriber);
    if (!agent_id.empty() && --self->agent_connections_[agent_id] == 0) {
      self->agent_connections_.erase(agent_id);
      self->Execute([agent_id](engine::TenantEngine& e) { return e.SetConnected(agent_id, false); },
                    [](Result<engine::Outcome>) {});
    }
  });
}

void TenantRuntime::UpsertAgent(const engine::AgentInfo& agent) {
  asio::post(strand_, [self = shared_from_this(), agent] {
    self->engine_->UpsertAgent(agent);
    // More capacity or another queue may let waiting conversations through now.
    self->Commit(self->engine_->Tick(), [](Result<engine::Outcome>) {});
    self->ArmTimer();
  });
}

void TenantRuntime::UpsertQueue(const engine::QueueInfo& queue) {
  asio::post(strand_, [self = shared_from_this(), queue] {
    self->engine_->UpsertQueue(queue);
    self->Commit(self->engine_->Tick(), [](Result<engine::Outcome>) {});
    self->ArmTimer();
    self->board_dirty_ = true;
    self->ArmFlush();
  });
}

void TenantRuntime::NoteChanges(const engine::Outcome& outcome) {
  for (const auto& queue : outcome.queues) dirty_queues_.insert(queue);
  if (!outcome.queues.empty() || !outcome.agents.empty()) board_dirty_ = true;
  if (!dirty_queues_.empty() || board_dirty_) ArmFlush();
}

void TenantRuntime::ArmFlush() {
  if (flush_armed_ || stopped_) return;
  flush_armed_ = true;
  const Millis now = clock_.Now();
  const Millis due = std::max(now + 200, last_flush_ + 1000);
  flush_timer_.expires_after(std::chrono::milliseconds(due - now));
  flush_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    self->flush_armed_ = false;
    if (ec == asio::error::operation_aborted || self->stopped_) return;
    self->Flush();
  });
}

void TenantRuntime::Flush() {
  last_flush_ = clock_.Now();
  auto queues = std::move(dirty_queues_);
  dirty_queues_.clear();
  for (const auto& queue_id : queues) {
    auto& told = told_[queue_id];
    std::unordered_map<std::string, engine::WaitStatus> now_told;
    for (const auto& [conversation_id, status] : engine_->WaitingIn(queue_id)) {
      now_told.emplace(conversation_id, status);
      if (auto it = told.find(conversation_id); it != told.end() && it->second == status) continue;
      const auto* snap = engine_->FindConversation(conversation_id);
      if (snap == nullptr) continue;
      auto it = by_visitor_.find(snap->visitor.id);
      if (it == by_visitor_.end()) continue;
      auto frame =
          std::make_shared<const std::string>(protocol::QueueStatusFrame(conversation_id, status));
      ForEachLive(it->second, [&](Subscriber& s) { s.OnFrame(frame); });
    }
    told = std::move(now_told);
  }
  if (board_dirty_) {
    board_dirty_ = false;
    auto it = by_board_.find("");
    if (it != by_board_.end() && !it->second.empty()) {
      auto frame = std::make_shared<const std::string>(
          protocol::BoardFrame(engine_->Board(), engine_->Agents()));
      ForEachLive(it->second, [&](Subscriber& s) { s.OnFrame(frame); });
    }
  }
}

void TenantRuntime::SetRoutingSettings(const engine::RoutingSettings& settings) {
  asio::post(strand_, [self = shared_from_this(), settings] {
    self->engine_->SetRoutingSettings(settings);
  });
}

void TenantRuntime::Typing(const std::string& visitor_id, std::string text) {
  asio::post(strand_, [self = shared_from_this(), visitor_id, text = std::move(text)] {
    if (!self->engine_->settings().typing_preview) return;
    auto id = self->engine_->OpenConversationOf(visitor_id);
    if (!id) return;
    const auto* conversation = self->engine_->FindConversation(*id);
    if (conversation == nullptr || conversation->state != engine::ConversationState::kAssigned ||
        !conversation->agent) {
      return;
    }
    auto it = self->by_agent_.find(conversation->agent->id);
    if (it == self->by_agent_.end()) return;
    auto frame =
        std::make_shared<const std::string>(protocol::TypingFrame(*id, text, self->clock_.Now()));
    for (const auto& weak : it->second) {
      if (auto subscriber = weak.lock()) subscriber->OnFrame(frame);
    }
  });
}

void TenantRuntime::SetClassification(const engine::ClassificationPolicy& classification) {
  asio::post(strand_, [self = shared_from_this(), classification] {
    self->engine_->SetClassification(classification);
  });
}

void TenantRuntime::ArmTimer() {
  if (stopped_) return;
  const Millis now = clock_.Now();
  Millis due = now + kMaxTimerWait;
  if (auto deadline = engine_->NextDeadline()) due = std::min(due, *deadline);
  // Re-arm only for an earlier deadline: commands arrive far more often than timers fire, and
  // an early wake-up that finds nothing due is cheap.
  if (armed_ && due >= armed_due_) return;
  armed_ = true;
  armed_due_ = due;
  timer_.expires_after(std::chrono::milliseconds(std::max<Millis>(due - now, 0)));
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec == asio::error::operation_aborted || self->stopped_) return;
    self->armed_ = false;
    auto outcome = self->engine_->Tick();
    self->Commit(std::move(outcome), [](Result<engine::Outcome>) {});
    self->ArmTimer();
  });
}

}  // namespace kefu::realtime
