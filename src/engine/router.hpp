// Router: who serves which waiting conversation (docs/routing.md). It keeps, per queue, the
// waiting conversations in service order and the available agents in the order of the queue's
// strategy. A change marks the queues it concerns; each decision takes, among those that have
// both a waiting conversation and an available agent, the best head (front, priority, waiting
// time) and gives it to that queue's best agent — O(marked queues + log n), whatever the number
// waiting. Reserved (sticky) conversations go to their agent first.
//
// It knows ids, keys and availability only; TenantEngine owns the conversations and agents and
// tells the router every change. Not thread-safe: confined to its tenant's strand.
#pragma once

#include <cstdint>
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

// A waiting conversation's place: put-back conversations first, then higher priority, then the
// longest waiting; `order` (a counter) keeps keys unique and arrival order stable.
struct WaitKey {
  bool front = false;
  int priority = 0;
  Millis since = 0;
  std::uint64_t order = 0;

  bool operator<(const WaitKey& o) const {
    return std::make_tuple(!front, -priority, since, order) <
           std::make_tuple(!o.front, -o.priority, o.since, o.order);
  }
  bool operator==(const WaitKey&) const = default;
};

// An agent as the router sees them.
struct RouterAgent {
  bool available = false;  // online, connected, below capacity, not in wrap-up
  int load = 0;
  int capacity = 1;
  Millis last_assigned = 0;  // or when they came online, whichever is later (longest idle)
};

struct Pick {
  std::string conversation_id;
  std::string agent_id;
};

class Router {
 public:
  // Configuration. Eligibility (membership or every required skill) is recomputed here.
  void SetQueue(const QueueInfo& queue);
  void SetAgent(const AgentInfo& agent);
  bool Serves(const std::string& agent_id, const std::string& queue_id) const;

  // The agent's availability and the inputs of the strategies' keys.
  void UpdateAgent(const std::string& agent_id, const RouterAgent& state);

  // Waiting conversations. A conversation is in at most one place: a queue or an agent's
  // reservation (sticky routing).
  void Enqueue(const std::string& conversation_id, const std::string& queue_id, WaitKey key);
  void Reserve(const std::string& conversation_id, const std::string& queue_id,
               const std::string& agent_id, WaitKey key);
  // A reservation ends: the conversation joins its queue with the same key.
  void Unreserve(const std::string& conversation_id);
  void Remove(const std::string& conversation_id);
  bool Waiting(const std::string& conversation_id) const;
  // Waiting reserved for one agent (sticky routing).
  bool Reserved(const std::string& conversation_id) const;
  // A waiting conversation is not offered to this agent (who handed it to the queue) while it
  // waits; it ends when the conversation leaves the queue. Call after Enqueue.
  void Avoid(const std::string& conversation_id, const std::string& agent_id);
  // The agent a waiting conversation avoids, or empty.
  const std::string& Avoided(const std::string& conversation_id) const;

  // The next assignment to make, if any. The caller assigns it and reports it with Assigned().
  std::optional<Pick> Next();
  // Removes the conversation from waiting and gives the agent their round-robin turn.
  void Assigned(const std::string& conversation_id, const std::string& agent_id);

  // The best available agent of a queue now (none: nobody can take a conversation of it).
  std::optional<std::string> BestAgent(const std::string& queue_id) const;

  // Customer-facing figures: the 1-based position of a waiting conversation in its queue
  // (reserved ones are next for their agent: 1), and how many wait in a queue.
  std::size_t Position(const std::string& conversation_id) const;
  std::size_t WaitingIn(const std::string& queue_id) const;
  std::size_t AvailableIn(const std::string& queue_id) const;
  // The waiting conversations of a queue in service order (reserved ones not included).
  void ForEachWaiting(const std::string& queue_id,
                      const std::function<void(const std::string&, const WaitKey&)>& f) const;
  WaitKey NextKey(bool front, int priority, Millis since) {
    return WaitKey{front, priority, since, ++order_};
  }

 private:
  // The strategy's order of available agents; smaller is better.
  struct AgentKey {
    long long a = 0;
    long long b = 0;
    long long c = 0;
    std::string id;
    bool operator<(const AgentKey& o) const {
      return std::tie(a, b, c, id) < std::tie(o.a, o.b, o.c, o.id);
    }
  };
  using WaitTree =
      __gnu_pbds::tree<WaitKey, std::string, std::less<WaitKey>, __gnu_pbds::rb_tree_tag,
                       __gnu_pbds::tree_order_statistics_node_update>;

  struct Queue {
    QueueInfo info;
    WaitTree waiting;
    std::set<AgentKey> available;
    std::size_t reserved = 0;
    long long turn = 0;  // round robin: the last turn given
  };
  struct Agent {
    AgentInfo info;
    RouterAgent state;
    std::vector<std::string> queues;                   // eligible queue ids
    std::unordered_map<std::string, AgentKey> keys;    // queue id → key in that queue's set
    std::unordered_map<std::string, long long> turns;  // round robin: queue id → last turn
    std::set<std::pair<WaitKey, std::string>> reserved;
  };
  struct Place {
    std::string queue_id;
    WaitKey key;
    std::string reserved_for;  // empty: in the queue
  };

  AgentKey KeyFor(const Agent& agent, const Queue& queue) const;
  // The queue's first waiting conversation in service order that one of its available agents
  // may take, with the best such agent (avoidances skip an agent, rarely a conversation).
  std::optional<std::pair<WaitTree::const_iterator, const AgentKey*>> FirstPair(
      const Queue& queue) const;
  void Unindex(Agent& agent);
  void Index(const std::string& agent_id, Agent& agent);
  void RecomputeEligibility(const std::string& agent_id, Agent& agent);
  static bool Eligible(const AgentInfo& agent, const QueueInfo& queue);

  std::unordered_map<std::string, Queue> queues_;
  std::unordered_map<std::string, Agent> agents_;
  std::unordered_map<std::string, Place> places_;
  std::set<std::string> dirty_queues_;                  // ordered: decisions must be deterministic
  std::set<std::string> dirty_reserved_;                // available agents with reservations
  std::unordered_map<std::string, std::string> avoid_;  // waiting conversation → agent
  std::uint64_t order_ = 0;
};

}  // namespace kefu::engine
