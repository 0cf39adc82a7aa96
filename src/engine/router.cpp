#include "engine/router.hpp"

#include <algorithm>
#include <cassert>

namespace kefu::engine {
namespace {

// Load as a share of capacity, in millionths, so agents of different capacities compare fairly.
long long Utilisation(const RouterAgent& state) {
  return static_cast<long long>(state.load) * 1'000'000 / std::max(state.capacity, 1);
}

}  // namespace

bool Router::Eligible(const AgentInfo& agent, const QueueInfo& queue) {
  if (std::find(agent.queue_ids.begin(), agent.queue_ids.end(), queue.id) !=
      agent.queue_ids.end()) {
    return true;
  }
  const auto& required = queue.routing.skills;
  if (required.empty()) return false;
  return std::all_of(required.begin(), required.end(), [&](const std::string& skill) {
    return std::any_of(agent.skills.begin(), agent.skills.end(),
                       [&](const Skill& s) { return s.name == skill && s.level >= 1; });
  });
}

void Router::SetQueue(const QueueInfo& queue) {
  Queue& q = queues_[queue.id];
  const bool strategy_changed = q.info.routing.strategy != queue.routing.strategy ||
                                q.info.routing.skills != queue.routing.skills;
  q.info = queue;
  for (auto& [id, agent] : agents_) {
    const bool was =
        std::find(agent.queues.begin(), agent.queues.end(), queue.id) != agent.queues.end();
    if (was != Eligible(agent.info, queue) || (was && strategy_changed)) {
      RecomputeEligibility(id, agent);
    }
  }
  dirty_queues_.insert(queue.id);
}

void Router::SetAgent(const AgentInfo& info) {
  Agent& agent = agents_[info.id];
  agent.info = info;
  RecomputeEligibility(info.id, agent);
}

void Router::RecomputeEligibility(const std::string& agent_id, Agent& agent) {
  Unindex(agent);
  agent.queues.clear();
  for (const auto& [queue_id, queue] : queues_) {
    if (Eligible(agent.info, queue.info)) agent.queues.push_back(queue_id);
  }
  std::sort(agent.queues.begin(), agent.queues.end());
  // A customer kept for this agent (sticky) in a queue the agent no longer serves waits in the
  // queue like everyone else from now on.
  std::vector<std::string> lapsed;
  for (const auto& [key, conversation_id] : agent.reserved) {
    const std::string& queue_id = places_.at(conversation_id).queue_id;
    if (!std::binary_search(agent.queues.begin(), agent.queues.end(), queue_id)) {
      lapsed.push_back(conversation_id);
    }
  }
  for (const auto& conversation_id : lapsed) Unreserve(conversation_id);
  Index(agent_id, agent);
}

bool Router::Serves(const std::string& agent_id, const std::string& queue_id) const {
  auto it = agents_.find(agent_id);
  if (it == agents_.end()) return false;
  const auto& queues = it->second.queues;
  return std::binary_search(queues.begin(), queues.end(), queue_id);
}

Router::AgentKey Router::KeyFor(const Agent& agent, const Queue& queue) const {
  const RouterAgent& s = agent.state;
  AgentKey key;
  key.id = agent.info.id;
  switch (queue.info.routing.strategy) {
    case Strategy::kLeastBusy:
      key.a = Utilisation(s);
      key.b = s.last_assigned;
      break;
    case Strategy::kLongestIdle:
      key.a = s.last_assigned;
      break;
    case Strategy::kRoundRobin: {
      auto turn = agent.turns.find(queue.info.id);
      key.a = turn == agent.turns.end() ? 0 : turn->second;
      break;
    }
    case Strategy::kSkillLevel: {
      long long sum = 0;
      for (const auto& required : queue.info.routing.skills) {
        for (const auto& skill : agent.info.skills) {
          if (skill.name == required) sum += skill.level;
        }
      }
      key.a = -sum;
      key.b = Utilisation(s);
      key.c = s.last_assigned;
      break;
    }
  }
  return key;
}

void Router::Unindex(Agent& agent) {
  for (const auto& [queue_id, key] : agent.keys) {
    if (auto it = queues_.find(queue_id); it != queues_.end()) it->second.available.erase(key);
  }
  agent.keys.clear();
}

void Router::Index(const std::string& agent_id, Agent& agent) {
  if (!agent.state.available) return;
  for (const auto& queue_id : agent.queues) {
    Queue& queue = queues_.at(queue_id);
    AgentKey key = KeyFor(agent, queue);
    queue.available.insert(key);
    agent.keys.emplace(queue_id, std::move(key));
    dirty_queues_.insert(queue_id);
  }
  if (!agent.reserved.empty()) dirty_reserved_.insert(agent_id);
}

void Router::UpdateAgent(const std::string& agent_id, const RouterAgent& state) {
  auto it = agents_.find(agent_id);
  assert(it != agents_.end() && "UpdateAgent before SetAgent");
  Agent& agent = it->second;
  Unindex(agent);
  agent.state = state;
  Index(agent_id, agent);
}

void Router::Enqueue(const std::string& conversation_id, const std::string& queue_id, WaitKey key) {
  Remove(conversation_id);
  Queue& queue = queues_[queue_id];
  queue.waiting.insert({key, conversation_id});
  places_[conversation_id] = Place{queue_id, key, {}};
  dirty_queues_.insert(queue_id);
}

void Router::Reserve(const std::string& conversation_id, const std::string& queue_id,
                     const std::string& agent_id, WaitKey key) {
  Remove(conversation_id);
  Agent& agent = agents_.at(agent_id);
  agent.reserved.insert({key, conversation_id});
  queues_[queue_id].reserved++;
  places_[conversation_id] = Place{queue_id, key, agent_id};
  if (agent.state.available) dirty_reserved_.insert(agent_id);
}

void Router::Unreserve(const std::string& conversation_id) {
  auto it = places_.find(conversation_id);
  if (it == places_.end() || it->second.reserved_for.empty()) return;
  Place place = it->second;
  Enqueue(conversation_id, place.queue_id, place.key);
}

void Router::Remove(const std::string& conversation_id) {
  auto it = places_.find(conversation_id);
  if (it == places_.end()) return;
  avoid_.erase(conversation_id);
  const Place& place = it->second;
  Queue& queue = queues_[place.queue_id];
  if (place.reserved_for.empty()) {
    queue.waiting.erase(place.key);
  } else {
    if (auto agent = agents_.find(place.reserved_for); agent != agents_.end()) {
      agent->second.reserved.erase({place.key, conversation_id});
    }
    queue.reserved--;
  }
  places_.erase(it);
}

bool Router::Waiting(const std::string& conversation_id) const {
  return places_.contains(conversation_id);
}

bool Router::Reserved(const std::string& conversation_id) const {
  auto it = places_.find(conversation_id);
  return it != places_.end() && !it->second.reserved_for.empty();
}

std::optional<Pick> Router::Next() {
  // Reservations first: a returning customer's agent takes them before anything else.
  while (!dirty_reserved_.empty()) {
    const std::string agent_id = *dirty_reserved_.begin();
    auto it = agents_.find(agent_id);
    if (it == agents_.end() || !it->second.state.available || it->second.reserved.empty()) {
      dirty_reserved_.erase(dirty_reserved_.begin());
      continue;
    }
    return Pick{it->second.reserved.begin()->second, agent_id};
  }
  std::optional<std::pair<WaitTree::const_iterator, const AgentKey*>> best;
  for (auto it = dirty_queues_.begin(); it != dirty_queues_.end();) {
    auto q = queues_.find(*it);
    std::optional<std::pair<WaitTree::const_iterator, const AgentKey*>> pair;
    if (q != queues_.end()) pair = FirstPair(q->second);
    if (!pair) {
      it = dirty_queues_.erase(it);  // marked again when either side changes
      continue;
    }
    if (!best || pair->first->first < best->first->first) best = pair;
    ++it;
  }
  if (!best) return std::nullopt;
  return Pick{best->first->second, best->second->id};
}

std::optional<std::pair<Router::WaitTree::const_iterator, const Router::AgentKey*>>
Router::FirstPair(const Queue& queue) const {
  if (queue.waiting.empty() || queue.available.empty()) return std::nullopt;
  const AgentKey* best_agent = &*queue.available.begin();
  if (avoid_.empty()) return std::pair{queue.waiting.begin(), best_agent};
  for (auto it = queue.waiting.begin(); it != queue.waiting.end(); ++it) {
    auto avoided = avoid_.find(it->second);
    if (avoided == avoid_.end() || avoided->second != best_agent->id) {
      return std::pair{WaitTree::const_iterator(it), best_agent};
    }
    // Only the best agent is avoided: the next one may take it.
    if (queue.available.size() > 1) {
      return std::pair{WaitTree::const_iterator(it), &*std::next(queue.available.begin())};
    }
  }
  return std::nullopt;
}

void Router::Avoid(const std::string& conversation_id, const std::string& agent_id) {
  if (places_.contains(conversation_id)) avoid_[conversation_id] = agent_id;
}

const std::string& Router::Avoided(const std::string& conversation_id) const {
  static const std::string kNone;
  auto it = avoid_.find(conversation_id);
  return it == avoid_.end() ? kNone : it->second;
}

void Router::Assigned(const std::string& conversation_id, const std::string& agent_id) {
  std::string queue_id;
  if (auto it = places_.find(conversation_id); it != places_.end()) queue_id = it->second.queue_id;
  Remove(conversation_id);
  auto agent = agents_.find(agent_id);
  if (agent == agents_.end() || queue_id.empty()) return;
  auto queue = queues_.find(queue_id);
  if (queue == queues_.end()) return;
  agent->second.turns[queue_id] = ++queue->second.turn;
}

std::optional<std::string> Router::BestAgent(const std::string& queue_id) const {
  auto it = queues_.find(queue_id);
  if (it == queues_.end() || it->second.available.empty()) return std::nullopt;
  return it->second.available.begin()->id;
}

std::size_t Router::Position(const std::string& conversation_id) const {
  auto it = places_.find(conversation_id);
  if (it == places_.end()) return 0;
  if (!it->second.reserved_for.empty()) return 1;
  const Queue& queue = queues_.at(it->second.queue_id);
  return queue.waiting.order_of_key(it->second.key) + 1;
}

std::size_t Router::WaitingIn(const std::string& queue_id) const {
  auto it = queues_.find(queue_id);
  return it == queues_.end() ? 0 : it->second.waiting.size() + it->second.reserved;
}

std::size_t Router::AvailableIn(const std::string& queue_id) const {
  auto it = queues_.find(queue_id);
  return it == queues_.end() ? 0 : it->second.available.size();
}

void Router::ForEachWaiting(
    const std::string& queue_id,
    const std::function<void(const std::string&, const WaitKey&)>& f) const {
  auto it = queues_.find(queue_id);
  if (it == queues_.end()) return;
  for (const auto& [key, id] : it->second.waiting) f(id, key);
}

}  // namespace kefu::engine
