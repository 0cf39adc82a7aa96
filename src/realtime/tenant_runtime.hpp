// TenantRuntime: one tenant's engine running on its own strand. Commands are applied by the
// engine, their outcome is made durable by the store, and only then are subscribers told and the
// caller answered — in commit order.
//
// Thread-safe: public methods may be called from any thread; all state is confined to the strand.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

#include "common/bounded_memo.hpp"
#include "engine/tenant_engine.hpp"
#include "realtime/subscriber.hpp"
#include "storage/store.hpp"

namespace kefu::realtime {

struct RuntimeCounters;

// How many of a visitor's newest conversations their welcome lists.
inline constexpr std::size_t kWelcomeHistory = 5;
// Visitors a tenant's runtime remembers for welcoming them again from memory.
inline constexpr std::size_t kVisitorMemoCapacity = 50'000;

class TenantRuntime : public std::enable_shared_from_this<TenantRuntime> {
 public:
  using Reply = std::function<void(Result<engine::Outcome>)>;
  using Command = std::function<Result<engine::Outcome>(engine::TenantEngine&)>;

  // Builds the engine from `state`. Call Start() before use.
  TenantRuntime(boost::asio::any_io_executor executor, storage::TenantRecord tenant,
                storage::Store& store, const Clock& clock, engine::TenantSettings settings,
                const engine::RestoredState& state, RuntimeCounters& counters);

  // Arms the timers. Once.
  void Start();
  // Cancels timers. Queued commands still complete.
  void Stop();

  const storage::TenantRecord& tenant() const { return tenant_; }

  // Applies `command` on the strand. `reply` runs on the strand after the outcome is durable and
  // published, or with the command's error, or kUnavailable if storage failed.
  void Execute(Command command, Reply reply);

  // Reads engine state on the strand and passes the result to `done` (on the strand).
  void Inspect(std::function<void(const engine::TenantEngine&)> done);

  // Subscriptions. `done` runs on the strand with a consistent snapshot: later changes are
  // published to the subscriber.
  // Supervisors and administrators also receive `board` frames.
  void SubscribeAgent(const std::string& agent_id, bool supervisor,
                      std::weak_ptr<Subscriber> subscriber,
                      std::function<void(std::optional<engine::AgentSnapshot>,
                                         std::vector<engine::ConversationSnapshot>)>
                          done);
  // A visitor's subscription also remembers who they are, so that their next welcome (a page
  // load, a reconnect) needs no trip to the database: `remember` is the name from the visitor
  // row and the memo generation read before the database was (see memo_generation).
  // `conversation_ids` are the visitor's newest conversations (oldest first).
  struct Remember {
    std::string name;
    std::uint64_t generation = 0;
  };
  void SubscribeVisitor(const std::string& visitor_id, std::weak_ptr<Subscriber> subscriber,
                        const std::vector<std::string>& conversation_ids,
                        std::optional<Remember> remember,
                        std::function<void(std::optional<engine::ConversationSnapshot>)> done);
  // A returning visitor's welcome from memory: their name and newest conversations (oldest
  // first; engine snapshots, so the freshest) and the open one. Subscribes as SubscribeVisitor
  // does. Passes nullopt and subscribes nothing when the runtime does not remember the visitor
  // or no longer holds one of those conversations (closed over a day ago): then the caller
  // reads the database and calls SubscribeVisitor.
  struct Remembered {
    std::string name;
    std::vector<engine::ConversationSnapshot> recent;
    std::optional<engine::ConversationSnapshot> open;
  };
  void WelcomeFromMemory(const std::string& visitor_id, std::weak_ptr<Subscriber> subscriber,
                         std::function<void(std::optional<Remembered>)> done);
  // Changes whenever a remembered visitor could have gone stale (a new conversation of a visitor
  // not remembered, a forgotten visitor). A database read that began at generation g may be
  // remembered only if the generation is still g when SubscribeVisitor runs. Any thread.
  std::uint64_t memo_generation() const { return memo_generation_.load(std::memory_order_acquire); }
  // After the visitor's row changed (their name) or one of their closed conversations was
  // changed outside the engine: the next welcome reads the database. Any thread.
  void ForgetVisitor(const std::string& visitor_id);
  // Removes the subscriber everywhere; an agent's last connection marks them disconnected.
  void Unsubscribe(const Subscriber* subscriber, const std::string& agent_id);

  // Adds or updates an agent (after an administrator creates one).
  void UpsertAgent(const engine::AgentInfo& agent);
  // Adds or updates a queue (after an administrator changes one).
  void UpsertQueue(const engine::QueueInfo& queue);
  void SetRoutingSettings(const engine::RoutingSettings& settings);
  // A visitor's draft: passed to the agent assigned to their open conversation, if the tenant
  // shows typing previews. Never stored.
  void Typing(const std::string& visitor_id, std::string text);
  // The classification tree and settings (after an administrator changes either).
  void SetClassification(const engine::ClassificationPolicy& classification);

 private:
  using Subscribers = std::vector<std::weak_ptr<Subscriber>>;

  // Execute's body, on the strand. `asked`: the store was asked about the command's key already.
  void Run(Command command, Reply reply, bool asked);
  void Commit(engine::Outcome outcome, Reply reply);
  // Subscribes a visitor to their own conversations; the open one's snapshot, if any.
  std::optional<engine::ConversationSnapshot> WatchVisitor(
      const std::string& visitor_id, const std::weak_ptr<Subscriber>& subscriber,
      const std::vector<std::string>& conversation_ids);
  // Keeps the visitor memo current with the conversations an outcome created.
  void RememberNewConversations(const engine::Outcome& outcome);
  void Publish(const engine::Outcome& outcome);
  // Open addressing: the conversation's subscribers are looked up for every event. No reference
  // into an index is held across an insert into the same index (subscribers are told by posts,
  // never inline).
  using Index = boost::unordered_flat_map<std::string, Subscribers>;
  // Adds `subscriber` to index[key] once, and remembers where, so that Unsubscribe touches only
  // the lists the subscriber is in (a reconnect storm must not scan every subscription).
  void Watch(Index& index, const std::string& key, const std::weak_ptr<Subscriber>& subscriber);
  void ArmTimer();
  void Reload();
  // Customers' queue positions and supervisors' board: marked by outcomes, sent at most about
  // once per second (the first soon after a quiet period).
  void NoteChanges(const engine::Outcome& outcome);
  void ArmFlush();
  void Flush();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  storage::TenantRecord tenant_;
  storage::Store& store_;
  const Clock& clock_;
  engine::TenantSettings settings_;
  RuntimeCounters& counters_;
  std::unique_ptr<engine::TenantEngine> engine_;
  storage::WriteGuard guard_;
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
  bool armed_ = false;
  Millis armed_due_ = 0;

  Index by_conversation_;
  Index by_agent_;
  Index by_visitor_;
  Index by_board_;  // key "": supervisors and administrators
  std::unordered_map<const Subscriber*, std::string> agent_of_;
  std::set<std::string> dirty_queues_;
  bool board_dirty_ = false;
  boost::asio::steady_timer flush_timer_;
  bool flush_armed_ = false;
  Millis last_flush_ = 0;
  // What each waiting customer was last told, per queue.
  std::unordered_map<std::string, std::unordered_map<std::string, engine::WaitStatus>> told_;
  std::unordered_map<std::string, int> agent_connections_;
  std::unordered_map<const Subscriber*, std::vector<std::pair<Index*, std::string>>> watched_;

  // Who each recently welcomed visitor is: their name and newest conversations' ids.
  struct VisitorMemo {
    std::string name;
    std::vector<std::string> recent;  // oldest first, at most kWelcomeHistory
    // A newer conversation, unless already listed; the oldest leaves when there are too many.
    void Add(const std::string& id) {
      if (std::find(recent.begin(), recent.end(), id) != recent.end()) return;
      recent.push_back(id);
      if (recent.size() > kWelcomeHistory) recent.erase(recent.begin());
    }
  };
  BoundedMemo<VisitorMemo> visitor_memo_{kVisitorMemoCapacity};
  std::atomic<std::uint64_t> memo_generation_{0};
};

}  // namespace kefu::realtime
