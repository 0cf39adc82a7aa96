// Routing in virtual time (docs/routing.md): strategies, eligibility, priority, sticky routing,
// overflow, assignment timeout, disconnects, wrap-up, capacity, refusals, notices, transfers and
// the supervisors' board. Time moves only through a ManualClock and TenantEngine::Tick, so every
// case is deterministic. Most cases are rows of tables: agents, queues, steps and what each
// conversation's system events ("trail") must be.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/tenant_engine.hpp"

namespace kefu::engine {
namespace {

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;

// A UTC instant.
Millis Utc(int y, unsigned m, unsigned d, int h, int min) {
  using namespace std::chrono;
  const auto t = sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

// Routing without the default wait notice, so that trails show only what a case is about.
QueueRouting Routing(Strategy strategy = Strategy::kLeastBusy, std::vector<std::string> skills = {},
                     const std::function<void(QueueRouting&)>& more = {}) {
  QueueRouting routing;
  routing.notices.clear();
  routing.strategy = strategy;
  routing.skills = std::move(skills);
  if (more) more(routing);
  return routing;
}

struct QueueSpec {
  std::string id;
  QueueRouting routing = Routing();
  bool bot_first = false;
};

struct AgentSpec {
  std::string id;
  int capacity = 5;
  std::vector<std::string> queues = {"q1"};
  std::vector<Skill> skills = {};
  bool online = true;
  Millis online_after = 0;  // advance the clock this long before this agent comes online
};

Actor Visitor(const std::string& id, std::vector<std::string> tags = {}) {
  Actor actor;
  actor.kind = AuthorRole::kVisitor;
  actor.id = id;
  actor.name = "访客 " + id;
  actor.tags = std::move(tags);
  return actor;
}

Actor Staff(const std::string& id, Role role = Role::kAgent) {
  Actor actor;
  actor.kind = AuthorRole::kAgent;
  actor.id = id;
  actor.name = "坐席 " + id;
  actor.staff_role = role;
  return actor;
}

// One system event as a short line: "assigned a1", "requeued a1 no_answer", …
std::string Describe(const ConversationEvent& e) {
  std::string line(ToString(e.code));
  switch (e.code) {
    case SystemCode::kQueued:
    case SystemCode::kAssigned:
      line += " " + e.ref.id;
      break;
    case SystemCode::kRequeued:
      line += " " + e.ref.id + " " + std::string(e.requeue ? ToString(*e.requeue) : "?");
      break;
    case SystemCode::kTransferred:
      line += " " + e.ref.id + " by " + std::string(e.transfer ? ToString(e.transfer->by) : "?");
      break;
    case SystemCode::kNotice:
      line += " " + e.text;
      break;
    case SystemCode::kClosed:
      line += " " + std::string(e.closed_by ? ToString(*e.closed_by) : "?");
      break;
  }
  return line;
}

// An engine in virtual time that keeps every event it emitted, per conversation.
class Sim {
 public:
  explicit Sim(TenantSettings settings = {}) : engine("t", clock, settings) {}

  void AddQueue(const QueueSpec& spec) {
    QueueInfo queue;
    queue.id = spec.id;
    queue.slug = spec.id;
    queue.name = "队列 " + spec.id;
    queue.bot_first = spec.bot_first;
    queue.routing = spec.routing;
    engine.UpsertQueue(queue);
  }

  void AddAgent(const AgentSpec& spec) {
    AgentInfo info;
    info.id = spec.id;
    info.name = "坐席 " + spec.id;
    info.email = spec.id + "@x";
    info.capacity = spec.capacity;
    info.queue_ids = spec.queues;
    info.skills = spec.skills;
    engine.UpsertAgent(info);
    if (spec.online) {
      clock.Advance(spec.online_after);
      Online(spec.id);
    }
  }

  // Records a successful outcome's events (checking that seqs have no gaps) and returns it.
  Result<Outcome> Apply(Result<Outcome> result) {
    if (result) Record(*result);
    return result;
  }
  Outcome Ok(Result<Outcome> result) {
    EXPECT_TRUE(result) << (result ? "" : result.error().message);
    if (!result) return {};
    Record(*result);
    return *result;
  }

  void Record(const Outcome& outcome) {
    for (const auto& event : outcome.events) {
      auto& list = events[event.conversation_id];
      const long expected = list.empty() ? 1 : list.back().seq + 1;
      EXPECT_EQ(event.seq, expected) << "conversation " << event.conversation_id;
      list.push_back(event);
    }
  }

  void Online(const std::string& agent) {
    Ok(engine.SetConnected(agent, true));
    Ok(engine.SetStatus(agent, AgentStatus::kOnline));
  }

  Result<Outcome> TryStart(const std::string& conversation, const std::string& queue = "q1",
                           std::vector<std::string> tags = {}, std::string visitor = {}) {
    if (visitor.empty()) visitor = "v-" + conversation;
    SendMessage send;
    send.actor = Visitor(visitor, std::move(tags));
    send.idempotency_key = Key("start-" + conversation);
    send.text = "你好";
    send.new_conversation_id = conversation;
    send.queue_id = queue;
    return Apply(engine.Send(send));
  }
  Outcome Start(const std::string& conversation, const std::string& queue = "q1",
                std::vector<std::string> tags = {}, std::string visitor = {}) {
    auto result = TryStart(conversation, queue, std::move(tags), std::move(visitor));
    EXPECT_TRUE(result) << conversation << ": " << (result ? "" : result.error().message);
    return result ? *result : Outcome{};
  }

  // A message in an open conversation: by its agent (staff) or by its visitor.
  Outcome Say(const std::string& conversation, bool by_agent) {
    const auto* snap = engine.FindConversation(conversation);
    EXPECT_NE(snap, nullptr);
    if (snap == nullptr) return {};
    SendMessage send;
    if (by_agent) {
      EXPECT_TRUE(snap->agent.has_value()) << conversation << " has no agent";
      if (!snap->agent) return {};
      send.actor = Staff(snap->agent->id);
    } else {
      send.actor = Visitor(snap->visitor.id);
    }
    send.idempotency_key = Key("say");
    send.conversation_id = conversation;
    send.text = by_agent ? "您好，请讲" : "在吗";
    return Ok(engine.Send(send));
  }

  // Closed by its agent when assigned, else by its visitor.
  Outcome Close(const std::string& conversation) {
    const auto* snap = engine.FindConversation(conversation);
    EXPECT_NE(snap, nullptr);
    if (snap == nullptr) return {};
    CloseConversation close;
    close.actor = snap->agent ? Staff(snap->agent->id) : Visitor(snap->visitor.id);
    close.idempotency_key = Key("close-" + conversation);
    close.conversation_id = conversation;
    return Ok(engine.Close(close));
  }

  Result<Outcome> Transfer(const Actor& actor, const std::string& conversation,
                           const std::string& to_agent, const std::string& to_queue,
                           const std::string& note = {}) {
    TransferConversation transfer;
    transfer.actor = actor;
    transfer.idempotency_key = Key("transfer");
    transfer.conversation_id = conversation;
    transfer.to_agent_id = to_agent;
    transfer.to_queue_id = to_queue;
    transfer.note = note;
    return Apply(engine.Transfer(transfer));
  }

  Outcome Wait(Millis ms) {
    clock.Advance(ms);
    Outcome outcome = engine.Tick();
    Record(outcome);
    return outcome;
  }

  std::string AgentOf(const std::string& conversation) const {
    const auto* snap = engine.FindConversation(conversation);
    return snap != nullptr && snap->agent ? snap->agent->id : "";
  }
  ConversationState StateOf(const std::string& conversation) const {
    const auto* snap = engine.FindConversation(conversation);
    return snap != nullptr ? snap->state : ConversationState::kNew;
  }
  AgentStatus StatusOf(const std::string& agent) const {
    const auto* snap = engine.FindAgent(agent);
    return snap != nullptr ? snap->status : AgentStatus::kOffline;
  }
  int LoadOf(const std::string& agent) const {
    const auto* snap = engine.FindAgent(agent);
    return snap != nullptr ? snap->load : -1;
  }

  // The conversation's system events, one line each.
  std::vector<std::string> Trail(const std::string& conversation) const {
    std::vector<std::string> lines;
    auto it = events.find(conversation);
    if (it == events.end()) return lines;
    for (const auto& event : it->second) {
      if (event.kind == EventKind::kSystem) lines.push_back(Describe(event));
    }
    return lines;
  }

  ManualClock clock;
  TenantEngine engine;
  std::map<std::string, std::vector<ConversationEvent>> events;

 private:
  int counter_ = 0;
  // Keys increase as Kefu's clients make them (a time prefix): the engine holds keys in memory
  // for minutes only and takes a key above its sender's largest as new without the store.
  std::string Key(const std::string& what) {
    std::string n = std::to_string(++counter_);
    return std::string(10 - n.size(), '0') + n + "-" + what;
  }
};

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "\n  " + line;
  return out;
}

// ---------------------------------------------------------------------------------------------
// A small language for the tables.

enum class Op {
  kStart,        // conversation `id` in `queue`, by `visitor` (default "v-<id>") with `tags`
  kClose,        // by its agent, or its visitor while it waits
  kAgentSays,    // the assigned agent answers
  kVisitorSays,  // the visitor writes again
  kAway,         // agent `id` chooses away
  kOnline,       // agent `id` connects and chooses online
  kOffline,      // agent `id` chooses offline
  kConnect,      // agent `id`'s connection comes back
  kDisconnect,   // agent `id`'s last connection drops
  kWait,         // `ms` pass, then Tick
  kExpect,       // conversation `id` is with `agent` ("" = not assigned)
  kStatus,       // agent `id` has `status`
  kReassign,     // a supervisor transfers conversation `id` to agent `agent`
};

struct Step {
  Op op = Op::kExpect;
  std::string id = {};
  std::optional<std::string> agent = std::nullopt;  // kStart, kExpect: the expected assignee
  std::string queue = "q1";
  std::vector<std::string> tags = {};
  std::string visitor = {};
  Millis ms = 0;
  AgentStatus status = AgentStatus::kOnline;
};

struct Case {
  std::string name;
  std::vector<QueueSpec> queues = {QueueSpec{"q1"}};
  std::vector<AgentSpec> agents = {};
  std::vector<Step> steps = {};
  Millis gap = 0;  // the clock advances this much before every step
  TenantSettings settings = {};
  std::map<std::string, std::vector<std::string>> trails = {};  // expected, per conversation
};

void RunCase(const Case& c) {
  SCOPED_TRACE(c.name);
  Sim sim(c.settings);
  for (const auto& queue : c.queues) sim.AddQueue(queue);
  for (const auto& agent : c.agents) sim.AddAgent(agent);
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const Step& step = c.steps[i];
    SCOPED_TRACE("step " + std::to_string(i) + " (" + step.id + ")");
    sim.clock.Advance(c.gap);
    switch (step.op) {
      case Op::kStart:
        sim.Start(step.id, step.queue, step.tags, step.visitor);
        break;
      case Op::kClose:
        sim.Close(step.id);
        break;
      case Op::kAgentSays:
        sim.Say(step.id, true);
        break;
      case Op::kVisitorSays:
        sim.Say(step.id, false);
        break;
      case Op::kAway:
        sim.Ok(sim.engine.SetStatus(step.id, AgentStatus::kAway));
        break;
      case Op::kOnline:
        sim.Online(step.id);
        break;
      case Op::kOffline:
        sim.Ok(sim.engine.SetStatus(step.id, AgentStatus::kOffline));
        break;
      case Op::kConnect:
        sim.Ok(sim.engine.SetConnected(step.id, true));
        break;
      case Op::kDisconnect:
        sim.Ok(sim.engine.SetConnected(step.id, false));
        break;
      case Op::kWait:
        sim.Wait(step.ms);
        break;
      case Op::kReassign: {
        auto moved =
            sim.Transfer(Staff("boss", Role::kSupervisor), step.id, step.agent.value_or(""), "");
        EXPECT_TRUE(moved) << (moved ? "" : moved.error().message);
        break;
      }
      case Op::kExpect:
      case Op::kStatus:
        break;
    }
    if (step.op == Op::kStatus) {
      EXPECT_EQ(ToString(sim.StatusOf(step.id)), ToString(step.status));
    } else if (step.agent && step.op != Op::kStatus) {
      EXPECT_EQ(sim.AgentOf(step.id), *step.agent) << "who has " << step.id;
    }
  }
  // Capacity is never exceeded, and load is the number of open assigned conversations.
  for (const auto& agent : sim.engine.Agents()) {
    EXPECT_LE(agent.load, agent.info.capacity) << agent.info.id;
    EXPECT_EQ(static_cast<std::size_t>(agent.load),
              sim.engine.OpenConversationsOfAgent(agent.info.id).size())
        << agent.info.id;
  }
  for (const auto& [conversation, expected] : c.trails) {
    EXPECT_EQ(sim.Trail(conversation), expected)
        << conversation << " was:" << Join(sim.Trail(conversation));
  }
}

Step Start(std::string id, std::optional<std::string> agent, std::string queue = "q1",
           std::vector<std::string> tags = {}) {
  return Step{.op = Op::kStart,
              .id = std::move(id),
              .agent = std::move(agent),
              .queue = std::move(queue),
              .tags = std::move(tags)};
}
Step StartAs(std::string visitor, std::string id, std::optional<std::string> agent) {
  return Step{.op = Op::kStart,
              .id = std::move(id),
              .agent = std::move(agent),
              .visitor = std::move(visitor)};
}
Step Expect(std::string id, std::string agent) {
  return Step{.op = Op::kExpect, .id = std::move(id), .agent = std::move(agent)};
}
Step Do(Op op, std::string id, std::optional<std::string> agent = std::nullopt) {
  return Step{.op = op, .id = std::move(id), .agent = std::move(agent)};
}
Step Wait(Millis ms) {
  return Step{.op = Op::kWait, .ms = ms};
}
Step StatusIs(std::string agent, AgentStatus status) {
  return Step{.op = Op::kStatus, .id = std::move(agent), .status = status};
}

// ---------------------------------------------------------------------------------------------
// Strategies and eligibility.

TEST(RoutingSim, StrategiesAndTieBreaks) {
  const std::vector<Case> cases = {
      {.name = "least_busy: lowest load ÷ capacity, then longest since the last assignment",
       .agents = {{.id = "a1", .capacity = 2, .online_after = kSecond},
                  {.id = "a2", .capacity = 4, .online_after = kSecond}},
       .steps = {Start("c1", "a1"), Start("c2", "a2"), Start("c3", "a2"), Start("c4", "a1"),
                 Start("c5", "a2"), Start("c6", "a2"), Start("c7", ""), Do(Op::kClose, "c1"),
                 Expect("c7", "a1")},
       .gap = kSecond},
      {.name = "least_busy: a full tie goes to the smaller id",
       .agents = {{.id = "a2"}, {.id = "a1"}},
       .steps = {Start("c1", "a1"), Start("c2", "a2"), Start("c3", "a1")},
       .gap = kSecond},
      {.name = "longest_idle: since the last assignment, whatever the load",
       .queues = {{"q1", Routing(Strategy::kLongestIdle)}},
       .agents = {{.id = "a1", .capacity = 10, .online_after = kSecond},
                  {.id = "a2", .capacity = 2, .online_after = kSecond}},
       .steps = {Start("c1", "a1"), Start("c2", "a2"), Start("c3", "a1"), Start("c4", "a2"),
                 Start("c5", "a1"), Start("c6", "a1")},
       .gap = kSecond},
      {.name = "longest_idle: coming online starts the idle time",
       .queues = {{"q1", Routing(Strategy::kLongestIdle)}},
       .agents = {{.id = "a1", .online_after = kSecond}, {.id = "a2", .online_after = kSecond}},
       .steps = {Do(Op::kAway, "a1"), Do(Op::kOnline, "a1"), Start("c1", "a2"), Start("c2", "a1")},
       .gap = kSecond},
      {.name = "round_robin: agents take turns in the queue, whatever their load",
       .queues = {{"q1", Routing(Strategy::kRoundRobin)}, {"q2"}},
       .agents = {{.id = "a1", .queues = {"q1", "q2"}}, {.id = "a2"}, {.id = "a3"}},
       .steps = {Start("c0", "a1", "q2"), Start("c1", "a1"), Start("c2", "a2"), Start("c3", "a3"),
                 Start("c4", "a1"), Do(Op::kClose, "c4"), Start("c5", "a2"), Start("c6", "a3"),
                 Start("c7", "a1")},
       .gap = kSecond},
      {.name = "round_robin: an agent at capacity is skipped and keeps their turn",
       .queues = {{"q1", Routing(Strategy::kRoundRobin)}},
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2"}, {.id = "a3"}},
       .steps = {Start("c1", "a1"), Start("c2", "a2"), Start("c3", "a3"), Start("c4", "a2"),
                 Do(Op::kClose, "c1"), Start("c5", "a1"), Start("c6", "a3")},
       .gap = kSecond},
      {.name = "skill_level: the highest level first, then the least busy",
       .queues = {{"q1", Routing(Strategy::kSkillLevel, {"loans"})}},
       .agents = {{.id = "a1", .queues = {}, .skills = {{"loans", 3}}},
                  {.id = "a2", .capacity = 2, .queues = {}, .skills = {{"loans", 7}}},
                  {.id = "a3", .capacity = 2, .queues = {}, .skills = {{"loans", 7}}}},
       .steps = {Start("c1", "a2"), Start("c2", "a3"), Start("c3", "a2"), Start("c4", "a3"),
                 Start("c5", "a1"), Start("c6", "a1")},
       .gap = kSecond},
      {.name = "skill_level: the sum of the levels in the queue's skills",
       .queues = {{"q1", Routing(Strategy::kSkillLevel, {"loans", "english"})}},
       .agents =
           {{.id = "a1", .capacity = 1, .queues = {}, .skills = {{"loans", 9}}},
            {.id = "a2", .capacity = 1, .queues = {}, .skills = {{"loans", 2}, {"english", 2}}},
            {.id = "a3", .capacity = 1, .queues = {}, .skills = {{"english", 5}, {"loans", 1}}}},
       .steps = {Start("c1", "a3"), Start("c2", "a2"), Start("c3", "")},
       .gap = kSecond},
      {.name = "eligibility: every required skill at level 1 or more, or membership",
       .queues = {{"q1", Routing(Strategy::kLeastBusy, {"loans", "english"})}, {"q2"}},
       .agents =
           {{.id = "a1", .capacity = 1, .queues = {}, .skills = {{"loans", 9}}},
            {.id = "a4", .capacity = 1, .queues = {}, .skills = {{"english", 1}}},
            {.id = "a5", .capacity = 1, .queues = {}, .skills = {{"loans", 0}, {"english", 5}}},
            {.id = "a2", .capacity = 1, .queues = {}, .skills = {{"loans", 1}, {"english", 1}}},
            {.id = "a3", .capacity = 1, .queues = {"q1"}}},
       .steps = {Start("c1", "a2"), Start("c2", "a3"), Start("c3", ""),
                 // q2 has neither skills nor members: nobody serves it.
                 Start("c4", "", "q2")},
       .gap = kSecond},
      {.name = "priority: a tag rule puts a later customer ahead",
       .queues = {{"q1", Routing(Strategy::kLeastBusy, {},
                                 [](QueueRouting& r) {
                                   r.priority_rules = {{"vip", 5}, {"gold", 3}};
                                 })}},
       .agents = {{.id = "a1", .capacity = 1, .online = false}},
       .steps = {Start("c1", ""), Start("c2", "", "q1", {"gold"}), Start("c3", "", "q1", {"vip"}),
                 Start("c4", "", "q1", {"gold", "vip"}), Do(Op::kOnline, "a1"), Expect("c3", "a1"),
                 Do(Op::kClose, "c3"), Expect("c4", "a1"), Do(Op::kClose, "c4"), Expect("c2", "a1"),
                 Do(Op::kClose, "c2"), Expect("c1", "a1")},
       .gap = kSecond},
      {.name = "an agent serving several queues takes the best head among them",
       .queues = {{"q1"},
                  {"q2", Routing(Strategy::kLeastBusy, {},
                                 [](QueueRouting& r) {
                                   r.priority_rules = {{"vip", 1}};
                                 })}},
       .agents = {{.id = "a1", .capacity = 1, .queues = {"q1", "q2"}, .online = false}},
       .steps = {Start("c1", "", "q2"), Start("c2", "", "q1"), Start("c3", "", "q2", {"vip"}),
                 Do(Op::kOnline, "a1"), Expect("c3", "a1"), Do(Op::kClose, "c3"),
                 Expect("c1", "a1"), Do(Op::kClose, "c1"), Expect("c2", "a1")},
       .gap = kSecond},
  };
  for (const auto& c : cases) RunCase(c);
}

TEST(RoutingSim, PriorityShowsInPositions) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) {
                  r.priority_rules = {{"vip", 5}, {"gold", 3}, {"silver", 12}};
                })});
  sim.AddAgent({.id = "a1", .capacity = 1, .online = false});
  const std::vector<std::pair<std::string, std::vector<std::string>>> arrivals = {
      {"c1", {}}, {"c2", {"gold"}}, {"c3", {"vip"}}, {"c4", {"gold", "vip"}}, {"c5", {"silver"}}};
  for (const auto& [id, tags] : arrivals) {
    sim.clock.Advance(kSecond);
    sim.Start(id, "q1", tags);
  }
  // The highest matching rule wins; rules are clamped to 0–9.
  const std::map<std::string, int> priority = {
      {"c1", 0}, {"c2", 3}, {"c3", 5}, {"c4", 5}, {"c5", 9}};
  const std::map<std::string, std::size_t> position = {
      {"c5", 1}, {"c3", 2}, {"c4", 3}, {"c2", 4}, {"c1", 5}};
  for (const auto& [id, expected] : position) {
    EXPECT_EQ(sim.engine.FindConversation(id)->priority, priority.at(id)) << id;
    auto status = sim.engine.WaitStatusOf(id);
    ASSERT_TRUE(status.has_value()) << id;
    EXPECT_EQ(status->position, expected) << id;
    EXPECT_EQ(status->waiting, 5u);
  }
  std::vector<std::string> order;
  for (const auto& [id, status] : sim.engine.WaitingIn("q1")) order.push_back(id);
  EXPECT_EQ(order, (std::vector<std::string>{"c5", "c3", "c4", "c2", "c1"}));
  sim.Online("a1");
  EXPECT_EQ(sim.AgentOf("c5"), "a1");
  EXPECT_FALSE(sim.engine.WaitStatusOf("c5").has_value()) << "assigned: no longer waiting";
  EXPECT_EQ(sim.engine.WaitStatusOf("c1")->position, 4u);
  EXPECT_EQ(sim.engine.WaitStatusOf("c1")->waiting, 4u);
}

// ---------------------------------------------------------------------------------------------
// Sticky routing.

TEST(RoutingSim, Sticky) {
  const QueueSpec sticky{"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) {
                           r.sticky_window = 5 * kMinute;
                           r.sticky_wait = 30 * kSecond;
                         })};
  const std::vector<AgentSpec> agents = {{.id = "a1", .online_after = kSecond},
                                         {.id = "a2", .online_after = kSecond}};
  const std::vector<Case> cases = {
      {.name = "a returning customer goes to their previous agent",
       .queues = {sticky},
       .agents = agents,
       // Without stickiness least_busy would choose a2 (a1 was assigned more recently).
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), StartAs("v1", "c2", "a1")},
       .gap = kSecond,
       .trails = {{"c2", {"queued q1", "assigned a1"}}}},
      {.name = "the previous agent away: it waits for them, reserved",
       .queues = {sticky},
       .agents = agents,
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), Do(Op::kAway, "a1"),
                 StartAs("v1", "c2", ""), Wait(20 * kSecond), Expect("c2", ""),
                 Do(Op::kOnline, "a1"), Expect("c2", "a1")},
       .gap = kSecond,
       .trails = {{"c2", {"queued q1", "assigned a1"}}}},
      {.name = "after sticky_wait any agent may take it",
       .queues = {sticky},
       .agents = agents,
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), Do(Op::kAway, "a1"),
                 StartAs("v1", "c2", ""), Wait(29 * kSecond), Expect("c2", ""), Wait(kSecond),
                 Expect("c2", "a2")},
       .trails = {{"c2", {"queued q1", "assigned a2"}}}},
      {.name = "the previous agent at capacity: reserved until they free up",
       .queues = {sticky},
       .agents = {{.id = "a1", .capacity = 1, .online_after = kSecond},
                  {.id = "a2", .online = false}},
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), StartAs("v9", "c9", "a1"),
                 Do(Op::kOnline, "a2"), StartAs("v1", "c2", ""), Wait(10 * kSecond),
                 Expect("c2", ""), Do(Op::kClose, "c9"), Expect("c2", "a1")},
       .gap = kSecond},
      {.name = "outside the window: no stickiness",
       .queues = {sticky},
       .agents = agents,
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), Wait(5 * kMinute + kSecond),
                 StartAs("v1", "c2", "a2")},
       .gap = kSecond},
      {.name = "without a window: no stickiness",
       .agents = agents,
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), StartAs("v1", "c2", "a2")},
       .gap = kSecond},
      {.name = "another customer is not sticky",
       .queues = {sticky},
       .agents = agents,
       .steps = {StartAs("v1", "c1", "a1"), Do(Op::kClose, "c1"), StartAs("v2", "c2", "a2")},
       .gap = kSecond},
  };
  for (const auto& c : cases) RunCase(c);
}

TEST(RoutingSim, AReservationEndsWhenItsAgentNoLongerServesTheQueue) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) {
                  r.sticky_window = 5 * kMinute;
                  r.sticky_wait = 30 * kSecond;
                })});
  sim.AddAgent({.id = "a1"});
  sim.Start("c1", "q1", {}, "v1");
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  sim.Close("c1");
  sim.Ok(sim.engine.SetStatus("a1", AgentStatus::kAway));
  sim.AddAgent({.id = "a2", .capacity = 1, .online = false});
  sim.Start("c2", "q1", {}, "v1");
  ASSERT_TRUE(sim.engine.router().Reserved("c2")) << "kept for a1";
  // a1 leaves q1 (an administrator's change): c2 joins the queue at once, not after 30 s.
  AgentInfo moved{"a1", "坐席 a1", "a1@x", Role::kAgent, 5, {}};
  sim.engine.UpsertAgent(moved);
  EXPECT_FALSE(sim.engine.router().Reserved("c2"));
  EXPECT_TRUE(sim.engine.router().Waiting("c2"));
  sim.Online("a2");
  EXPECT_EQ(sim.AgentOf("c2"), "a2");
}

TEST(RoutingSim, ReservedConversationCountsInTheFigures) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {},
                              [](QueueRouting& r) { r.sticky_window = 5 * kMinute; })});
  sim.AddAgent({.id = "a1", .capacity = 1});
  sim.AddAgent({.id = "a2", .capacity = 1, .online = false});
  sim.Start("c1", "q1", {}, "v1");
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  sim.Close("c1");
  ASSERT_TRUE(sim.engine.SetStatus("a1", AgentStatus::kAway));
  sim.clock.Advance(kSecond);
  sim.Start("c2", "q1", {}, "v1");  // reserved for a1
  sim.clock.Advance(kSecond);
  sim.Start("c3", "q1", {}, "v3");  // in the queue
  EXPECT_EQ(sim.engine.router().WaitingIn("q1"), 2u);
  EXPECT_EQ(sim.engine.WaitStatusOf("c2"), (WaitStatus{1, 2, std::nullopt}));
  EXPECT_EQ(sim.engine.WaitStatusOf("c3"), (WaitStatus{1, 2, std::nullopt}));
  EXPECT_EQ(sim.engine.Board().at(0).waiting, 2u);
  // Another agent comes: they take c3, not the reserved c2.
  sim.Online("a2");
  EXPECT_EQ(sim.AgentOf("c3"), "a2");
  EXPECT_EQ(sim.AgentOf("c2"), "");
  EXPECT_EQ(sim.engine.WaitStatusOf("c2"), (WaitStatus{1, 1, std::nullopt}));
}

// ---------------------------------------------------------------------------------------------
// Timers: assignment timeout, disconnect grace, offline, wrap-up.

TEST(RoutingSim, TimersAndRequeues) {
  const QueueSpec timed{"q1", Routing(Strategy::kLeastBusy, {},
                                      [](QueueRouting& r) { r.assign_timeout = 30 * kSecond; })};
  TenantSettings wrap_up;
  wrap_up.wrap_up = kMinute;
  TenantSettings no_grace;
  no_grace.disconnect_grace = 0;
  const std::vector<Case> cases = {
      {.name = "no answer: requeued at the front, the silent agent set away, the next takes it",
       .queues = {timed},
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c0", "a1"), Do(Op::kAgentSays, "c0"), Wait(kSecond), Start("c1", "a2"),
                 Wait(kSecond), Start("c2", ""), Wait(29 * kSecond), Expect("c1", ""),
                 StatusIs("a2", AgentStatus::kAway), Do(Op::kClose, "c0"), Expect("c1", "a1"),
                 Expect("c2", "")},
       .trails = {{"c1",
                   {"queued q1", "assigned a2", "requeued a2 no_answer", "queued q1",
                    "assigned a1"}},
                  {"c2", {"queued q1"}}}},
      {.name = "no answer: the silent agent is not given the conversation back",
       .queues = {timed},
       .agents = {{.id = "a1", .capacity = 5}, {.id = "a2", .capacity = 5}},
       // a1 serves c0 and answers; a2 stays silent on c1. At the timeout a2 has load 0 and
       // would be the least busy, but goes away instead: c1 goes to a1.
       .steps = {Start("c0", "a1"), Do(Op::kAgentSays, "c0"), Wait(kSecond), Start("c1", "a2"),
                 Wait(30 * kSecond), Expect("c1", "a1"), StatusIs("a2", AgentStatus::kAway)},
       .trails = {{"c1",
                   {"queued q1", "assigned a2", "requeued a2 no_answer", "queued q1",
                    "assigned a1"}}}},
      {.name = "no answer while in wrap-up: set away too, so the chat does not come back",
       .queues = {timed},
       .agents = {{.id = "a1", .capacity = 2}, {.id = "a2", .capacity = 1, .online = false}},
       // a1 answers c1 but not c2, and closes c1 (wrap-up until 80 s). c2 times out at 30 s.
       .steps = {Start("c1", "a1"), Do(Op::kAgentSays, "c1"), Start("c2", "a1"), Wait(20 * kSecond),
                 Do(Op::kClose, "c1"), StatusIs("a1", AgentStatus::kWrapUp), Wait(10 * kSecond),
                 Expect("c2", ""), StatusIs("a1", AgentStatus::kAway), Wait(kMinute),
                 Expect("c2", ""), Do(Op::kOnline, "a2"), Expect("c2", "a2")},
       .settings = wrap_up,
       .trails = {{"c2",
                   {"queued q1", "assigned a1", "requeued a1 no_answer", "queued q1",
                    "assigned a2"}}}},
      {.name = "an answer in time cancels the timeout",
       .queues = {timed},
       .agents = {{.id = "a1"}, {.id = "a2"}},
       .steps = {Start("c1", "a1"), Wait(29 * kSecond), Do(Op::kAgentSays, "c1"), Wait(5 * kMinute),
                 Expect("c1", "a1"), StatusIs("a1", AgentStatus::kOnline)},
       .trails = {{"c1", {"queued q1", "assigned a1"}}}},
      {.name = "a visitor's message is not an answer",
       .queues = {timed},
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c1", "a1"), Wait(10 * kSecond), Do(Op::kVisitorSays, "c1"),
                 Wait(19 * kSecond), Expect("c1", "a1"), Wait(kSecond), Expect("c1", "a2")},
       .trails = {{"c1",
                   {"queued q1", "assigned a1", "requeued a1 no_answer", "queued q1",
                    "assigned a2"}}}},
      {.name = "without assign_timeout a silent agent keeps the chat",
       .agents = {{.id = "a1"}, {.id = "a2"}},
       .steps = {Start("c1", "a1"), Wait(10 * kMinute), Expect("c1", "a1")},
       .trails = {{"c1", {"queued q1", "assigned a1"}}}},
      {.name = "disconnected within the grace period: the chats stay",
       .agents = {{.id = "a1"}, {.id = "a2"}},
       .steps = {Start("c1", "a1"), Do(Op::kDisconnect, "a1"), Wait(59 * kSecond),
                 Expect("c1", "a1"), Do(Op::kConnect, "a1"), Wait(5 * kMinute), Expect("c1", "a1"),
                 Start("c2", "a2")},
       .trails = {{"c1", {"queued q1", "assigned a1"}}}},
      {.name = "disconnected past the grace period: requeued at the front, not lost",
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1, .online = false}},
       .steps = {Start("c1", "a1"), Wait(kSecond), Start("c2", ""), Do(Op::kDisconnect, "a1"),
                 Wait(59 * kSecond), Expect("c1", "a1"), Wait(kSecond), Expect("c1", ""),
                 Do(Op::kOnline, "a2"), Expect("c1", "a2"), Expect("c2", "")},
       .trails = {{"c1",
                   {"queued q1", "assigned a1", "requeued a1 agent_disconnected", "queued q1",
                    "assigned a2"}},
                  {"c2", {"queued q1"}}}},
      {.name = "a connection that drops again gets a grace period of its own, not the rest of the "
               "first",
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c1", "a1"), Do(Op::kDisconnect, "a1"), Wait(40 * kSecond),
                 Do(Op::kConnect, "a1"), Do(Op::kDisconnect, "a1"), Wait(59 * kSecond),
                 Expect("c1", "a1"), Wait(kSecond), Expect("c1", "a2")},
       .trails = {{"c1",
                   {"queued q1", "assigned a1", "requeued a1 agent_disconnected", "queued q1",
                    "assigned a2"}}}},
      {.name = "a reconnect after the grace period does not bring the chats back",
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c1", "a1"), Do(Op::kDisconnect, "a1"), Wait(kMinute),
                 Do(Op::kConnect, "a1"), Expect("c1", "a2"), Start("c2", "a1")}},
      {.name = "disconnect with a grace period of 0: requeued at once",
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c1", "a1"), Do(Op::kDisconnect, "a1"), Expect("c1", "a2")},
       .settings = no_grace,
       .trails = {{"c1",
                   {"queued q1", "assigned a1", "requeued a1 agent_disconnected", "queued q1",
                    "assigned a2"}}}},
      {.name = "choosing offline requeues at once",
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c1", "a1"), Do(Op::kOffline, "a1"), Expect("c1", "a2"),
                 StatusIs("a1", AgentStatus::kOffline)},
       .trails = {{"c1",
                   {"queued q1", "assigned a1", "requeued a1 agent_offline", "queued q1",
                    "assigned a2"}}}},
      {.name = "going away keeps the chats",
       .agents = {{.id = "a1", .capacity = 1}, {.id = "a2", .capacity = 1}},
       .steps = {Start("c1", "a1"), Do(Op::kAway, "a1"), Wait(10 * kMinute), Expect("c1", "a1"),
                 Start("c2", "a2")}},
      {.name = "wrap-up: nothing new until its end",
       .agents = {{.id = "a1"}},
       .steps = {Start("c1", "a1"), Do(Op::kClose, "c1"), StatusIs("a1", AgentStatus::kWrapUp),
                 Start("c2", ""), Wait(59 * kSecond), Expect("c2", ""), Wait(kSecond),
                 Expect("c2", "a1"), StatusIs("a1", AgentStatus::kOnline)},
       .settings = wrap_up},
      {.name = "wrap-up ends when the agent chooses online",
       .agents = {{.id = "a1"}},
       .steps = {Start("c1", "a1"), Do(Op::kClose, "c1"), Start("c2", ""), Wait(10 * kSecond),
                 Expect("c2", ""), Do(Op::kOnline, "a1"), Expect("c2", "a1")},
       .settings = wrap_up},
      {.name = "wrap-up: other agents still take conversations",
       .agents = {{.id = "a1"}, {.id = "a2", .online_after = kMinute}},
       .steps = {Start("c1", "a1"), Do(Op::kClose, "c1"), Start("c2", "a2"), Start("c3", "a2")},
       .settings = wrap_up},
      {.name = "no wrap-up: the freed agent takes the next at once",
       .agents = {{.id = "a1", .capacity = 1}},
       .steps = {Start("c1", "a1"), Start("c2", ""), Do(Op::kClose, "c1"), Expect("c2", "a1"),
                 StatusIs("a1", AgentStatus::kOnline)}},
  };
  for (const auto& c : cases) RunCase(c);
}

// A conversation taken back from its agent goes to the front of its queue: ahead of one that has
// waited longer. (c_new arrives after c_old and reaches a2 only through a supervisor; a2 serves
// no queue, so only the requeue brings it back to q1.)
TEST(RoutingSim, PutBackConversationsGoAheadOfOlderOnes) {
  const std::vector<AgentSpec> agents = {{.id = "a1", .capacity = 1},
                                         {.id = "a2", .capacity = 1, .queues = {}},
                                         {.id = "a3", .capacity = 1, .online = false}};
  // a1 answers c0 (no timeout of its own) and stays at capacity.
  const std::vector<Step> before = {Start("c0", "a1"),
                                    Do(Op::kAgentSays, "c0"),
                                    Wait(kSecond),
                                    Start("c_old", ""),
                                    Wait(kSecond),
                                    Start("c_new", ""),
                                    Do(Op::kReassign, "c_new", "a2")};
  auto steps = [&](std::vector<Step> more) {
    std::vector<Step> all = before;
    all.insert(all.end(), more.begin(), more.end());
    all.push_back(Do(Op::kOnline, "a3"));
    all.push_back(Expect("c_new", "a3"));
    all.push_back(Expect("c_old", ""));
    return all;
  };
  auto trail = [](const std::string& requeue) {
    return std::vector<std::string>{"queued q1",   "transferred a2 by supervisor",
                                    "assigned a2", requeue,
                                    "queued q1",   "assigned a3"};
  };
  const std::vector<Case> cases = {
      {.name = "the agent chooses offline",
       .agents = agents,
       .steps = steps({Do(Op::kOffline, "a2")}),
       .trails = {{"c_new", trail("requeued a2 agent_offline")}}},
      {.name = "the agent stays disconnected past the grace period",
       .agents = agents,
       .steps = steps({Do(Op::kDisconnect, "a2"), Wait(kMinute)}),
       .trails = {{"c_new", trail("requeued a2 agent_disconnected")}}},
      {.name = "the agent does not answer in time",
       .queues = {{"q1", Routing(Strategy::kLeastBusy, {},
                                 [](QueueRouting& r) { r.assign_timeout = 30 * kSecond; })}},
       .agents = agents,
       .steps = steps({Wait(30 * kSecond), StatusIs("a2", AgentStatus::kAway)}),
       .trails = {{"c_new", trail("requeued a2 no_answer")}}},
  };
  for (const auto& c : cases) RunCase(c);
}

TEST(RoutingSim, WrapUpIsNotAChoice) {
  Sim sim;
  sim.AddQueue({"q1"});
  sim.AddAgent({.id = "a1"});
  auto result = sim.engine.SetStatus("a1", AgentStatus::kWrapUp);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kBadFrame);
  EXPECT_EQ(sim.engine.SetStatus("nobody", AgentStatus::kOnline).error().code,
            ErrorCode::kNotFound);
}

TEST(RoutingSim, WrapUpShowsAsTheAgentsState) {
  TenantSettings settings;
  settings.wrap_up = kMinute;
  Sim sim(settings);
  sim.AddQueue({"q1"});
  sim.AddAgent({.id = "a1"});
  sim.Start("c1");
  sim.Start("c2");
  auto closed = sim.Close("c1");
  ASSERT_EQ(closed.agents.size(), 1u);
  EXPECT_EQ(StateOf(closed.agents[0]), AgentState::kWrapUp);
  EXPECT_EQ(closed.agents[0].load, 1) << "c2 stays with a1 during wrap-up";
  EXPECT_EQ(sim.engine.router().AvailableIn("q1"), 0u);
  auto ended = sim.Wait(kMinute);
  ASSERT_EQ(ended.agents.size(), 1u);
  EXPECT_EQ(StateOf(ended.agents[0]), AgentState::kOnline);
  EXPECT_EQ(sim.engine.router().AvailableIn("q1"), 1u);
}

// ---------------------------------------------------------------------------------------------
// Overflow.

TEST(RoutingSim, OverflowMovesToAnotherQueueKeepingPlaceAndPriority) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) {
                  r.priority_rules = {{"vip", 5}};
                  r.overflow_queue_id = "q2";
                  r.overflow_after = kMinute;
                })});
  sim.AddQueue({"q2"});
  sim.AddAgent({.id = "a1", .capacity = 1, .queues = {"q1"}, .online = false});
  sim.AddAgent({.id = "a2", .capacity = 1, .queues = {"q2"}, .online = false});
  const Millis t0 = sim.clock.Now();
  sim.Start("c0", "q2");  // t0, q2
  sim.clock.Advance(10 * kSecond);
  sim.Start("c1", "q1", {"vip"});  // t0+10 s, q1, priority 5
  sim.clock.Advance(5 * kSecond);
  sim.Start("c4", "q1");  // t0+15 s, q1
  sim.clock.Advance(5 * kSecond);
  sim.Start("c3", "q2");  // t0+20 s, q2

  sim.clock.Set(t0 + 10 * kSecond + kMinute - 1);
  sim.Record(sim.engine.Tick());
  EXPECT_EQ(sim.engine.FindConversation("c1")->queue.id, "q1") << "not before the threshold";
  sim.clock.Set(t0 + 10 * kSecond + kMinute);
  auto moved = sim.engine.Tick();
  sim.Record(moved);
  EXPECT_EQ(sim.engine.FindConversation("c1")->queue.id, "q2");
  EXPECT_EQ(sim.Trail("c1"),
            (std::vector<std::string>{"queued q1", "transferred q2 by overflow", "queued q2"}));
  // The transferred event: to a queue, from nobody, by overflow.
  const auto& transferred = sim.events["c1"][2];
  ASSERT_TRUE(transferred.transfer.has_value());
  EXPECT_TRUE(transferred.transfer->to_queue);
  EXPECT_FALSE(transferred.transfer->from.has_value());
  EXPECT_EQ(transferred.transfer->by, TransferBy::kOverflow);
  EXPECT_EQ(transferred.ref.id, "q2");

  sim.clock.Set(t0 + 15 * kSecond + kMinute);
  sim.Record(sim.engine.Tick());
  const auto* c1 = sim.engine.FindConversation("c1");
  const auto* c4 = sim.engine.FindConversation("c4");
  EXPECT_EQ(c1->queued_at, t0 + 10 * kSecond) << "the place in time is kept";
  EXPECT_EQ(c1->priority, 5) << "priority is kept (q2 has no rules)";
  EXPECT_EQ(c4->queued_at, t0 + 15 * kSecond);
  std::vector<std::string> order;
  for (const auto& [id, status] : sim.engine.WaitingIn("q2")) order.push_back(id);
  // c1 by priority; c4 waited since before c3 arrived, but after c0.
  EXPECT_EQ(order, (std::vector<std::string>{"c1", "c0", "c4", "c3"}));
  EXPECT_EQ(sim.engine.WaitStatusOf("c1")->position, 1u);
  EXPECT_EQ(sim.engine.router().WaitingIn("q1"), 0u);
  // Served there.
  sim.Online("a2");
  EXPECT_EQ(sim.AgentOf("c1"), "a2");
  // q2 has no overflow of its own: nothing moves again.
  sim.Wait(10 * kMinute);
  EXPECT_EQ(sim.engine.FindConversation("c0")->queue.id, "q2");
  EXPECT_EQ(sim.Trail("c0"), (std::vector<std::string>{"queued q2"}));
}

TEST(RoutingSim, OverflowDoesNotHappenOnceAssigned) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) {
                  r.overflow_queue_id = "q2";
                  r.overflow_after = kMinute;
                })});
  sim.AddQueue({"q2"});
  sim.AddAgent({.id = "a1", .capacity = 1, .queues = {"q1"}, .online = false});
  sim.Start("c1");
  sim.Wait(30 * kSecond);
  sim.Online("a1");
  sim.Wait(5 * kMinute);
  EXPECT_EQ(sim.Trail("c1"), (std::vector<std::string>{"queued q1", "assigned a1"}));
}

// ---------------------------------------------------------------------------------------------
// Refusals: a full queue, a closed queue.

TEST(RoutingSim, FullQueueRefusesNewConversations) {
  Sim sim;
  sim.AddQueue(
      {"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) { r.max_waiting = 2; })});
  sim.AddAgent({.id = "a1", .capacity = 1});
  sim.Start("c0");  // assigned: does not count
  sim.Start("c1");
  sim.Start("c2");
  auto refused = sim.TryStart("c3");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kQueueFull);
  EXPECT_EQ(sim.engine.FindConversation("c3"), nullptr) << "nothing was started";
  EXPECT_FALSE(sim.engine.OpenConversationOf("v-c3").has_value());
  sim.Close("c1");  // the visitor leaves the queue
  EXPECT_TRUE(sim.TryStart("c3"));
  EXPECT_EQ(sim.engine.router().WaitingIn("q1"), 2u);
}

TEST(RoutingSim, FullQueueRefusesABotHandoff) {
  Sim sim;
  sim.AddQueue(
      {.id = "qb",
       .routing = Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) { r.max_waiting = 1; }),
       .bot_first = true});
  sim.AddAgent({.id = "a1", .queues = {"qb"}, .online = false});
  BotTurn transfer;
  transfer.bot_name = "小助手";
  transfer.transfer = true;
  BotTurn answer;
  answer.bot_name = "小助手";
  answer.messages.push_back(BotMessage{"答案", BotReply{}});

  SendMessage first;
  first.actor = Visitor("v1");
  first.idempotency_key = "k1";
  first.text = "转人工";
  first.new_conversation_id = "c1";
  first.queue_id = "qb";
  sim.Ok(sim.engine.Send(first, transfer));
  EXPECT_EQ(sim.StateOf("c1"), ConversationState::kQueued);

  SendMessage second = first;
  second.actor = Visitor("v2");
  second.idempotency_key = "k2";
  second.new_conversation_id = "c2";
  sim.Ok(sim.engine.Send(second, answer));
  EXPECT_EQ(sim.StateOf("c2"), ConversationState::kBot) << "the bot always answers";

  RequestHuman handoff;
  handoff.actor = Visitor("v2");
  handoff.idempotency_key = "h2";
  handoff.conversation_id = "c2";
  handoff.bot_name = "小助手";
  auto refused = sim.engine.Handoff(handoff);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kQueueFull);
  EXPECT_EQ(sim.StateOf("c2"), ConversationState::kBot);

  // A bot turn that hands over into a full queue: the conversation stays with the bot, which
  // says so.
  SendMessage again;
  again.actor = Visitor("v2");
  again.idempotency_key = "k3";
  again.conversation_id = "c2";
  again.text = "人工";
  auto said = sim.Ok(sim.engine.Send(again, transfer));
  EXPECT_EQ(sim.StateOf("c2"), ConversationState::kBot);
  ASSERT_FALSE(said.events.empty());
  EXPECT_EQ(said.events.back().code, SystemCode::kNotice);
  EXPECT_NE(said.events.back().text.find("已满"), std::string::npos) << said.events.back().text;

  // Once the queue has room, the handoff goes through.
  sim.Online("a1");
  EXPECT_EQ(sim.AgentOf("c1"), "a1");
  handoff.idempotency_key = "h3";
  sim.Ok(sim.engine.Handoff(handoff));
  EXPECT_EQ(sim.AgentOf("c2"), "a1");
}

TEST(RoutingSim, ClosedQueueRefusesOutsideBusinessHours) {
  BusinessHours hours;
  hours.time_zone = "Asia/Shanghai";
  for (int day = 1; day <= 5; ++day) hours.weekly.push_back({day, 9 * 60, 18 * 60});
  Sim sim;
  sim.AddQueue(
      {"q1", Routing(Strategy::kLeastBusy, {}, [&](QueueRouting& r) { r.hours = hours; })});
  sim.AddQueue({"q2"});
  sim.AddAgent({.id = "a1", .queues = {"q1", "q2"}});
  const QueueInfo& q1 = *sim.engine.FindQueue("q1");

  // Saturday 2026-03-28 10:00 in Shanghai (02:00 UTC).
  sim.clock.Set(Utc(2026, 3, 28, 2, 0));
  EXPECT_FALSE(sim.engine.QueueOpen(q1));
  auto refused = sim.TryStart("c1");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kQueueClosed);
  EXPECT_EQ(sim.engine.FindConversation("c1"), nullptr);
  // It opens on Monday at 09:00 Shanghai time, 01:00 UTC.
  EXPECT_EQ(sim.engine.QueueOpensAt(q1), Utc(2026, 3, 30, 1, 0));
  // A transfer into the closed queue is refused too.
  sim.Start("c2", "q2");
  ASSERT_EQ(sim.AgentOf("c2"), "a1");
  auto transfer = sim.Transfer(Staff("a1"), "c2", "", "q1");
  ASSERT_FALSE(transfer);
  EXPECT_EQ(transfer.error().code, ErrorCode::kQueueClosed);

  // Friday 17:59 is open, 18:00 is not.
  sim.clock.Set(Utc(2026, 3, 27, 9, 59));
  EXPECT_TRUE(sim.engine.QueueOpen(q1));
  EXPECT_FALSE(sim.engine.QueueOpensAt(q1).has_value()) << "already open";
  sim.clock.Set(Utc(2026, 3, 27, 10, 0));
  EXPECT_FALSE(sim.engine.QueueOpen(q1));

  // Monday 09:30 Shanghai time: accepted and served.
  sim.clock.Set(Utc(2026, 3, 30, 1, 30));
  EXPECT_TRUE(sim.engine.QueueOpen(q1));
  sim.Start("c1");
  EXPECT_EQ(sim.AgentOf("c1"), "a1");
}

// ---------------------------------------------------------------------------------------------
// Wait notices.

TEST(RoutingSim, NoticesFireOnceEachAtTheirThresholdsWhileQueued) {
  Sim sim;
  // Given out of order: the engine sorts them.
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {}, [](QueueRouting& r) {
                  r.notices = {{90 * kSecond, "n2"}, {30 * kSecond, "n1"}};
                })});
  sim.AddAgent({.id = "a1", .capacity = 1, .online = false});
  sim.Start("c1");
  sim.Start("c2");
  sim.Wait(29 * kSecond);
  EXPECT_EQ(sim.Trail("c1"), (std::vector<std::string>{"queued q1"}));
  sim.Wait(kSecond);  // 30 s
  EXPECT_EQ(sim.Trail("c1"), (std::vector<std::string>{"queued q1", "notice n1"}));
  EXPECT_EQ(sim.Trail("c2"), (std::vector<std::string>{"queued q1", "notice n1"}));
  sim.Wait(10 * kSecond);  // 40 s: c1 is served
  sim.Online("a1");
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  sim.Wait(49 * kSecond);  // 89 s
  EXPECT_EQ(sim.Trail("c2"), (std::vector<std::string>{"queued q1", "notice n1"}));
  sim.Wait(kSecond);  // 90 s
  sim.Wait(10 * kMinute);
  EXPECT_EQ(sim.Trail("c1"), (std::vector<std::string>{"queued q1", "notice n1", "assigned a1"}));
  EXPECT_EQ(sim.Trail("c2"), (std::vector<std::string>{"queued q1", "notice n1", "notice n2"}));
  // The notices are part of the transcript: system events with the text.
  const auto& notice = sim.events["c2"].back();
  EXPECT_EQ(notice.kind, EventKind::kSystem);
  EXPECT_EQ(notice.author.role, AuthorRole::kSystem);
  EXPECT_EQ(notice.at, sim.events["c2"].front().at + 90 * kSecond);
}

TEST(RoutingSim, DefaultNoticeAfterAMinute) {
  Sim sim;
  QueueSpec spec{"q1"};
  spec.routing = QueueRouting{};  // with the default notice
  sim.AddQueue(spec);
  sim.Start("c1");
  sim.Wait(59 * kSecond);
  EXPECT_EQ(sim.Trail("c1").size(), 1u);
  sim.Wait(kSecond);
  ASSERT_EQ(sim.events["c1"].back().code, SystemCode::kNotice);
  EXPECT_EQ(sim.events["c1"].back().text, kDefaultWaitNotice);
}

// ---------------------------------------------------------------------------------------------
// Transfers.

TEST(RoutingSim, TransferToAnAgent) {
  Sim sim;
  sim.AddQueue({"q1"});
  sim.AddAgent({.id = "a1"});
  sim.AddAgent({.id = "a2", .capacity = 1});
  sim.AddAgent({.id = "a3", .online = false});
  sim.Start("c1");
  sim.Start("c2");
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  ASSERT_EQ(sim.AgentOf("c2"), "a2");
  struct Row {
    std::string name;
    Actor actor;
    std::string target;
    ErrorCode error;
  };
  const std::vector<Row> refusals = {
      {"target not online", Staff("a1"), "a3", ErrorCode::kAgentUnavailable},
      {"target at capacity", Staff("a1"), "a2", ErrorCode::kAgentUnavailable},
      {"another agent's chat", Staff("a2"), "a3", ErrorCode::kForbidden},
      {"a visitor", Visitor("v-c1"), "a2", ErrorCode::kForbidden},
      {"no such agent", Staff("a1"), "a9", ErrorCode::kNotFound},
      {"already there", Staff("a1"), "a1", ErrorCode::kConflict},
  };
  for (const auto& row : refusals) {
    auto result = sim.Transfer(row.actor, "c1", row.target, "");
    ASSERT_FALSE(result) << row.name;
    EXPECT_EQ(ErrorCodeName(result.error().code), ErrorCodeName(row.error)) << row.name;
  }
  EXPECT_EQ(sim.AgentOf("c1"), "a1");

  sim.Online("a3");
  auto moved = sim.Transfer(Staff("a1"), "c1", "a3", "", "客户要办理贷款");
  ASSERT_TRUE(moved);
  EXPECT_EQ(sim.AgentOf("c1"), "a3");
  EXPECT_EQ(sim.LoadOf("a1"), 0);
  EXPECT_EQ(sim.LoadOf("a3"), 1);
  const auto& event = sim.events["c1"][sim.events["c1"].size() - 2];
  EXPECT_EQ(Describe(event), "transferred a3 by agent");
  ASSERT_TRUE(event.transfer.has_value());
  EXPECT_EQ(event.transfer->note, "客户要办理贷款");
  EXPECT_EQ(event.transfer->from, (Ref{"a1", "坐席 a1"}));
  EXPECT_FALSE(event.transfer->to_queue);
  EXPECT_EQ(event.sender_id, "a1");
  EXPECT_EQ(Describe(sim.events["c1"].back()), "assigned a3");
  // Both agents see it: the outcome carries both agents' new loads.
  EXPECT_EQ(moved->agents.size(), 2u);

  // A supervisor reassigns any chat, waiting or assigned.
  auto reassigned = sim.Transfer(Staff("s1", Role::kSupervisor), "c1", "a1", "");
  ASSERT_TRUE(reassigned);
  EXPECT_EQ(sim.AgentOf("c1"), "a1");
  EXPECT_EQ(sim.events["c1"][sim.events["c1"].size() - 2].transfer->by, TransferBy::kSupervisor);
  sim.Ok(sim.engine.SetStatus("a2", AgentStatus::kAway));
  sim.Start("c3");
  sim.Ok(sim.engine.SetStatus("a1", AgentStatus::kAway));
  sim.Ok(sim.engine.SetStatus("a3", AgentStatus::kAway));
  sim.Start("c4");
  ASSERT_EQ(sim.AgentOf("c4"), "");
  sim.Online("a3");
  EXPECT_EQ(sim.AgentOf("c4"), "a3");
  auto admin = sim.Transfer(Staff("boss", Role::kAdmin), "c4", "a3", "");
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().code, ErrorCode::kConflict);
}

TEST(RoutingSim, SupervisorAssignsAWaitingConversation) {
  Sim sim;
  sim.AddQueue({"q1"});
  sim.AddAgent({.id = "a1", .capacity = 1});
  sim.Start("c1");
  sim.Start("c2");
  ASSERT_EQ(sim.AgentOf("c2"), "");
  sim.AddAgent({.id = "a2", .queues = {}});  // not even a member of q1
  auto moved = sim.Transfer(Staff("s1", Role::kSupervisor), "c2", "a2", "");
  ASSERT_TRUE(moved);
  EXPECT_EQ(sim.AgentOf("c2"), "a2");
  EXPECT_EQ(sim.Trail("c2"),
            (std::vector<std::string>{"queued q1", "transferred a2 by supervisor", "assigned a2"}));
  EXPECT_FALSE(sim.events["c2"][2].transfer->from.has_value()) << "it was waiting";
  EXPECT_EQ(sim.engine.router().WaitingIn("q1"), 0u);
  EXPECT_EQ(sim.engine.Board().at(0).answered, 2);
}

TEST(RoutingSim, TransferToAQueueGoesToTheFront) {
  Sim sim;
  sim.AddQueue({"q1"});
  sim.AddQueue({"q2"});
  sim.AddAgent({.id = "a1", .queues = {"q1"}});
  sim.AddAgent({.id = "a2", .capacity = 1, .queues = {"q2"}, .online = false});
  sim.Start("c5", "q2");
  sim.clock.Advance(kSecond);
  sim.Start("c6", "q2", {});
  sim.clock.Advance(kSecond);
  sim.Start("c1", "q1");
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  auto moved = sim.Transfer(Staff("a1"), "c1", "", "q2", "信用卡问题");
  ASSERT_TRUE(moved);
  EXPECT_EQ(sim.StateOf("c1"), ConversationState::kQueued);
  EXPECT_EQ(sim.engine.FindConversation("c1")->queue.id, "q2");
  EXPECT_EQ(sim.LoadOf("a1"), 0);
  EXPECT_EQ(sim.engine.WaitStatusOf("c1"), (WaitStatus{1, 3, std::nullopt}));
  EXPECT_EQ(sim.Trail("c1"), (std::vector<std::string>{"queued q1", "assigned a1",
                                                       "transferred q2 by agent", "queued q2"}));
  const auto& event = sim.events["c1"][3];
  ASSERT_TRUE(event.transfer.has_value());
  EXPECT_TRUE(event.transfer->to_queue);
  EXPECT_EQ(event.transfer->note, "信用卡问题");
  sim.Online("a2");
  EXPECT_EQ(sim.AgentOf("c1"), "a2") << "ahead of c5 and c6, which waited longer";
  // A waiting conversation moved by a supervisor to another queue goes to its front too.
  auto again = sim.Transfer(Staff("s1", Role::kSupervisor), "c6", "", "q1");
  ASSERT_TRUE(again);
  EXPECT_EQ(sim.AgentOf("c6"), "a1");
  auto same = sim.Transfer(Staff("s1", Role::kSupervisor), "c5", "", "q2");
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().code, ErrorCode::kConflict);
}

TEST(RoutingSim, AConversationHandedToAQueueIsNotOfferedBackToItsAgent) {
  Sim sim;
  sim.AddQueue({"q1"});
  sim.AddQueue({"q2"});
  sim.AddAgent({.id = "a1", .queues = {"q1", "q2"}});
  sim.AddAgent({.id = "a2", .queues = {"q2"}, .online = false});
  sim.Start("c1", "q1");
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  ASSERT_TRUE(sim.Transfer(Staff("a1"), "c1", "", "q2", "请信用卡组处理"));
  EXPECT_EQ(sim.StateOf("c1"), ConversationState::kQueued) << "a1 is free but handed it on";
  EXPECT_EQ(sim.engine.router().Avoided("c1"), "a1");
  // Others waiting behind it still reach a1.
  sim.Start("c2", "q2");
  EXPECT_EQ(sim.AgentOf("c2"), "a1");
  EXPECT_EQ(sim.StateOf("c1"), ConversationState::kQueued);
  sim.Online("a2");
  EXPECT_EQ(sim.AgentOf("c1"), "a2");
  EXPECT_EQ(sim.engine.router().Avoided("c1"), "") << "over once it leaves the queue";
  // A supervisor may still give it back to a1 directly.
  ASSERT_TRUE(sim.Transfer(Staff("s1", Role::kSupervisor), "c1", "a1", ""));
  EXPECT_EQ(sim.AgentOf("c1"), "a1");
}

// ---------------------------------------------------------------------------------------------
// The board.

TEST(RoutingSim, BoardServiceLevelAndEstimatedWait) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {},
                              [](QueueRouting& r) { r.service_level = 30 * kSecond; })});
  sim.AddAgent({.id = "a1", .capacity = 1, .online = false});
  const Millis t0 = sim.clock.Now();
  sim.Start("c1");
  sim.Start("c2");
  EXPECT_FALSE(sim.engine.WaitStatusOf("c1")->estimated_wait.has_value()) << "no pace yet";
  auto board = sim.engine.Board();
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].waiting, 2u);
  EXPECT_EQ(board[0].oldest_queued_at, t0);
  EXPECT_EQ(board[0].available_agents, 0u);
  EXPECT_EQ(board[0].service_level_target, 30 * kSecond);

  sim.clock.Advance(10 * kSecond);
  sim.Online("a1");  // c1 answered after 10 s: within
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  EXPECT_FALSE(sim.engine.WaitStatusOf("c2")->estimated_wait.has_value()) << "one assignment";
  sim.clock.Advance(50 * kSecond);
  sim.Close("c1");  // c2 answered after 60 s: not within
  ASSERT_EQ(sim.AgentOf("c2"), "a1");
  sim.Start("c3");
  sim.clock.Advance(5 * kSecond);
  sim.Close("c3");  // abandoned
  sim.Start("c4");
  sim.Start("c5");
  // Two assignments 50 s apart: the pace is 50 s per position.
  EXPECT_EQ(sim.engine.WaitStatusOf("c4"), (WaitStatus{1, 2, 50 * kSecond}));
  EXPECT_EQ(sim.engine.WaitStatusOf("c5"), (WaitStatus{2, 2, 100 * kSecond}));
  board = sim.engine.Board();
  EXPECT_EQ(board[0].answered, 2);
  EXPECT_EQ(board[0].within, 1);
  EXPECT_EQ(board[0].abandoned, 1);
  EXPECT_EQ(board[0].waiting, 2u);
  EXPECT_EQ(board[0].oldest_queued_at, sim.clock.Now());
  EXPECT_EQ(board[0].available_agents, 0u);
  // The service level is over the last hour.
  sim.Close("c4");
  sim.Close("c5");
  EXPECT_EQ(sim.engine.Board()[0].abandoned, 3);
  sim.Wait(61 * kMinute);
  board = sim.engine.Board();
  EXPECT_EQ(board[0].answered, 0);
  EXPECT_EQ(board[0].abandoned, 0);
}

TEST(RoutingSim, ARequeuedConversationCountsOnceInTheServiceLevel) {
  Sim sim;
  sim.AddQueue({"q1", Routing(Strategy::kLeastBusy, {},
                              [](QueueRouting& r) { r.service_level = 30 * kSecond; })});
  sim.AddAgent({.id = "a1", .capacity = 1});
  sim.AddAgent({.id = "a2", .capacity = 1, .online = false});
  sim.Start("c1");  // answered at once: within
  ASSERT_EQ(sim.AgentOf("c1"), "a1");
  sim.clock.Advance(5 * kSecond);
  sim.Ok(sim.engine.SetStatus("a1", AgentStatus::kOffline));  // back to the front of q1
  ASSERT_EQ(sim.StateOf("c1"), ConversationState::kQueued);
  sim.clock.Advance(2 * kMinute);
  sim.Online("a2");  // answered again, long after: the same customer, not a second one
  ASSERT_EQ(sim.AgentOf("c1"), "a2");
  auto board = sim.engine.Board();
  EXPECT_EQ(board[0].answered, 1);
  EXPECT_EQ(board[0].within, 1);
  EXPECT_EQ(board[0].abandoned, 0);
  // Put back once more and given up: still not an abandoned customer of its own.
  sim.Ok(sim.engine.SetStatus("a2", AgentStatus::kOffline));
  sim.Close("c1");
  board = sim.engine.Board();
  EXPECT_EQ(board[0].answered, 1);
  EXPECT_EQ(board[0].abandoned, 0);
  // A new customer counts.
  sim.Start("c2");
  sim.Close("c2");
  EXPECT_EQ(sim.engine.Board()[0].abandoned, 1);
}

}  // namespace
}  // namespace kefu::engine
