#include "engine/tenant_engine.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace kefu::engine {
namespace {

constexpr Millis kMinute = 60 * 1000;

Actor Visitor(const std::string& id) {
  return Actor{AuthorRole::kVisitor, id, "访客 " + id, {}};
}
Actor Staff(const std::string& id, Role role = Role::kAgent) {
  return Actor{AuthorRole::kAgent, id, "坐席 " + id, role};
}

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : engine_("t1", clock_) {
    engine_.UpsertQueue({"q_retail", "retail", "个人业务"});
    engine_.UpsertQueue({"q_cards", "cards", "信用卡"});
  }

  void AddAgent(const std::string& id, int capacity = 5,
                std::vector<std::string> queues = {"q_retail"}, bool online = true) {
    engine_.UpsertAgent({id, "坐席 " + id, id + "@x", Role::kAgent, capacity, std::move(queues)});
    if (online) {
      ASSERT_TRUE(engine_.SetConnected(id, true));
      ASSERT_TRUE(engine_.SetStatus(id, AgentStatus::kOnline));
    }
  }

  // A visitor's first message; returns the new conversation's id.
  Outcome Start(const std::string& visitor, const std::string& conversation,
                const std::string& queue = "q_retail") {
    SendMessage send{Visitor(visitor), "k-" + conversation, std::nullopt,
                     "你好",           conversation,        queue};
    auto outcome = engine_.Send(send);
    EXPECT_TRUE(outcome.has_value()) << (outcome ? "" : outcome.error().message);
    return outcome ? *outcome : Outcome{};
  }

  std::optional<std::string> AgentOf(const std::string& conversation) {
    const auto* snap = engine_.FindConversation(conversation);
    if (snap == nullptr || !snap->agent) return std::nullopt;
    return snap->agent->id;
  }

  ManualClock clock_;
  TenantEngine engine_;
};

TEST_F(EngineTest, FirstMessageStartsAQueuedConversation) {
  auto outcome = Start("v1", "c1");
  ASSERT_EQ(outcome.events.size(), 2u);
  EXPECT_EQ(outcome.events[0].seq, 1);
  EXPECT_EQ(outcome.events[0].kind, EventKind::kMessage);
  EXPECT_EQ(outcome.events[0].text, "你好");
  EXPECT_EQ(outcome.events[0].idempotency_key, "k-c1");
  EXPECT_EQ(outcome.events[1].seq, 2);
  EXPECT_EQ(outcome.events[1].code, SystemCode::kQueued);
  EXPECT_EQ(outcome.events[1].ref.name, "个人业务");
  EXPECT_EQ(outcome.ack, (Ack{"c1", 1}));
  ASSERT_EQ(outcome.conversations.size(), 1u);
  EXPECT_EQ(outcome.conversations[0].state, ConversationState::kQueued);
  EXPECT_EQ(outcome.conversations[0].unread, 1);
  EXPECT_EQ(engine_.OpenConversationOf("v1"), "c1");
}

TEST_F(EngineTest, AvailableAgentIsAssignedAtOnce) {
  AddAgent("a1");
  auto outcome = Start("v1", "c1");
  ASSERT_EQ(outcome.events.size(), 3u);
  EXPECT_EQ(outcome.events[2].code, SystemCode::kAssigned);
  EXPECT_EQ(outcome.events[2].ref.id, "a1");
  EXPECT_EQ(outcome.conversations[0].state, ConversationState::kAssigned);
  ASSERT_EQ(outcome.agents.size(), 1u);
  EXPECT_EQ(outcome.agents[0].load, 1);
}

TEST_F(EngineTest, RoutingTable) {
  // Each row: agents (id, capacity, queues, online+connected), conversations to start in order
  // (queue), and who should get each ("" = stays queued).
  struct AgentRow {
    std::string id;
    int capacity;
    std::vector<std::string> queues;
    bool online;
  };
  struct Row {
    std::string name;
    std::vector<AgentRow> agents;
    std::vector<std::string> queues;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"least busy alternates",
       {{"a1", 5, {"q_retail"}, true}, {"a2", 5, {"q_retail"}, true}},
       {"q_retail", "q_retail", "q_retail", "q_retail"},
       {"a1", "a2", "a1", "a2"}},
      {"capacity is never exceeded",
       {{"a1", 1, {"q_retail"}, true}},
       {"q_retail", "q_retail"},
       {"a1", ""}},
      {"only agents of the queue",
       {{"a1", 5, {"q_retail"}, true}, {"a2", 5, {"q_cards"}, true}},
       {"q_cards", "q_cards", "q_retail"},
       {"a2", "a2", "a1"}},
      {"offline agents get nothing", {{"a1", 5, {"q_retail"}, false}}, {"q_retail"}, {""}},
      {"bigger capacity takes more",
       {{"a1", 1, {"q_retail"}, true}, {"a2", 3, {"q_retail"}, true}},
       {"q_retail", "q_retail", "q_retail", "q_retail", "q_retail"},
       {"a1", "a2", "a2", "a2", ""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    ManualClock clock;
    TenantEngine engine("t", clock);
    engine.UpsertQueue({"q_retail", "retail", "个人业务"});
    engine.UpsertQueue({"q_cards", "cards", "信用卡"});
    for (const auto& a : row.agents) {
      engine.UpsertAgent({a.id, a.id, a.id, Role::kAgent, a.capacity, a.queues});
      if (a.online) {
        ASSERT_TRUE(engine.SetConnected(a.id, true));
        ASSERT_TRUE(engine.SetStatus(a.id, AgentStatus::kOnline));
      }
    }
    for (std::size_t i = 0; i < row.queues.size(); ++i) {
      clock.Advance(1000);
      const std::string id = "c" + std::to_string(i);
      auto outcome = engine.Send(SendMessage{Visitor("v" + std::to_string(i)), "k", std::nullopt,
                                             "hi", id, row.queues[i]});
      ASSERT_TRUE(outcome);
      const auto* snap = engine.FindConversation(id);
      ASSERT_NE(snap, nullptr);
      EXPECT_EQ(snap->agent ? snap->agent->id : "", row.expected[i]) << "conversation " << i;
    }
  }
}

TEST_F(EngineTest, ClosingFreesCapacityForTheOldestWaiting) {
  AddAgent("a1", 1);
  Start("v1", "c1");
  clock_.Advance(1000);
  Start("v2", "c2");
  clock_.Advance(1000);
  Start("v3", "c3");
  EXPECT_EQ(AgentOf("c2"), std::nullopt);
  auto closed = engine_.Close({Staff("a1"), "close-1", "c1"});
  ASSERT_TRUE(closed);
  EXPECT_EQ(AgentOf("c2"), "a1");
  EXPECT_EQ(AgentOf("c3"), std::nullopt);
  // The close event, then c2's assignment, in one outcome.
  ASSERT_EQ(closed->events.size(), 2u);
  EXPECT_EQ(closed->events[0].code, SystemCode::kClosed);
  EXPECT_EQ(closed->events[0].closed_by, CloseReason::kAgent);
  EXPECT_EQ(closed->events[1].conversation_id, "c2");
  EXPECT_EQ(closed->events[1].code, SystemCode::kAssigned);
}

TEST_F(EngineTest, AgentComingOnlineTakesWaitingInArrivalOrder) {
  AddAgent("a1", 2, {"q_retail", "q_cards"}, /*online=*/false);
  Start("v1", "c1", "q_cards");
  clock_.Advance(1000);
  Start("v2", "c2", "q_retail");
  clock_.Advance(1000);
  Start("v3", "c3", "q_cards");
  ASSERT_TRUE(engine_.SetConnected("a1", true));
  EXPECT_EQ(AgentOf("c1"), std::nullopt) << "connected but not online";
  auto outcome = engine_.SetStatus("a1", AgentStatus::kOnline);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(AgentOf("c1"), "a1");
  EXPECT_EQ(AgentOf("c2"), "a1");
  EXPECT_EQ(AgentOf("c3"), std::nullopt);
}

TEST_F(EngineTest, AwayOrDisconnectedAgentsGetNoNewChats) {
  AddAgent("a1");
  ASSERT_TRUE(engine_.SetStatus("a1", AgentStatus::kAway));
  Start("v1", "c1");
  EXPECT_EQ(AgentOf("c1"), std::nullopt);
  ASSERT_TRUE(engine_.SetStatus("a1", AgentStatus::kOnline));
  EXPECT_EQ(AgentOf("c1"), "a1");
  ASSERT_TRUE(engine_.SetConnected("a1", false));
  Start("v2", "c2");
  EXPECT_EQ(AgentOf("c2"), std::nullopt);
  EXPECT_EQ(AgentOf("c1"), "a1") << "a disconnect keeps existing chats";
}

TEST_F(EngineTest, DuplicateKeyReturnsTheOriginalAck) {
  AddAgent("a1");
  Start("v1", "c1");
  SendMessage send{Visitor("v1"), "same-key", std::string("c1"), "第二条", "", ""};
  auto first = engine_.Send(send);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->duplicate);
  auto again = engine_.Send(send);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->ack, first->ack);
  EXPECT_TRUE(again->events.empty());
  EXPECT_EQ(engine_.FindConversation("c1")->last_seq, first->ack.seq);
  // The same key from another sender is a different command.
  auto other =
      engine_.Send(SendMessage{Staff("a1"), "same-key", std::string("c1"), "回复", "", ""});
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->duplicate);
  EXPECT_EQ(other->ack.seq, first->ack.seq + 1);
}

TEST_F(EngineTest, AfterTheWindowAKeyAtOrBelowTheSendersBoundIsAskedAbout) {
  Start("v1", "c1");
  SendMessage send{Visitor("v1"), "k2", std::string("c1"), "x", "", ""};
  auto first = engine_.Send(send);
  ASSERT_TRUE(first);
  clock_.Advance(engine_.settings().idempotency_window + 1);
  engine_.Tick();
  const long last_seq = engine_.FindConversation("c1")->last_seq;
  EXPECT_EQ(engine_.RememberedKeys(), 0u) << "keys leave memory after the window";
  // The engine cannot tell a retry from a new command any more: nothing is applied, the store
  // is asked (the runtime answers a stored key with its original ack).
  auto later = engine_.Send(send);
  ASSERT_TRUE(later);
  ASSERT_TRUE(later->ask_store);
  EXPECT_EQ(later->ask_store->sender_id, "v1");
  EXPECT_EQ(later->ask_store->key, "k2");
  EXPECT_TRUE(later->events.empty());
  EXPECT_EQ(engine_.FindConversation("c1")->last_seq, last_seq);
  // A key above the sender's bound is new without asking.
  auto next = engine_.Send(SendMessage{Visitor("v1"), "k3", std::string("c1"), "y", "", ""});
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->ask_store);
  EXPECT_EQ(next->ack.seq, last_seq + 1);
}

TEST_F(EngineTest, NewKeysRetireExpiredOnesBetweenTicks) {
  // Expiry is spread over the commands that follow, not left to a Tick in one sweep.
  Start("v1", "c1");
  SendMessage send{Visitor("v1"), "k2", std::string("c1"), "x", "", ""};
  ASSERT_TRUE(engine_.Send(send));
  clock_.Advance(engine_.settings().idempotency_window + 1);
  Start("v2", "c2");  // no Tick: c1 stays open, and its keys are retired by this command
  EXPECT_EQ(engine_.RememberedKeys(), 1u);
  auto later = engine_.Send(send);
  ASSERT_TRUE(later);
  EXPECT_FALSE(later->duplicate);
  EXPECT_TRUE(later->ask_store) << "the key outlived its window: the store is asked";
}

TEST_F(EngineTest, AStoreAnswerDecidesAndBoundsTheSender) {
  RestoredState state;
  state.queues = {{"q_retail", "retail", "个人业务"}};
  state.older_keys = true;  // as the store restores: only the window's keys
  TenantEngine engine("t1", clock_);
  engine.Restore(state);
  // Keys may exist from before start, so a sender's first key is asked about.
  SendMessage first{Visitor("v1"), "k05", std::nullopt, "你好", "c1", "q_retail"};
  auto asked = engine.Send(first);
  ASSERT_TRUE(asked && asked->ask_store);
  // The store has not seen k05, and v1's largest stored key is k03: k05 runs.
  engine.KeyAnswered(*asked->ask_store, "k03", /*stored=*/false);
  EXPECT_EQ(engine.KeyBounds(), 1u);
  auto applied = engine.Send(first);
  ASSERT_TRUE(applied);
  EXPECT_FALSE(applied->ask_store);
  EXPECT_EQ(applied->ack, (Ack{"c1", 1}));
  // Increasing keys need no asking; one below the bound and out of memory does.
  auto next = engine.Send({Visitor("v1"), "k06", std::nullopt, "x", "", ""});
  ASSERT_TRUE(next && !next->ask_store);
  auto old = engine.Send({Visitor("v1"), "k02", std::nullopt, "x", "", ""});
  ASSERT_TRUE(old && old->ask_store);
  EXPECT_EQ(engine.FindConversation("c1")->last_seq, next->ack.seq);
  // In memory, a retry is answered at once.
  auto retry = engine.Send(first);
  ASSERT_TRUE(retry && retry->duplicate && !retry->ask_store);
  EXPECT_EQ(retry->ack, applied->ack);
  // A sender idle for hours loses its bound: its next key is asked about again.
  clock_.Advance(7 * 60 * 60 * 1000);
  auto other = engine.Send({Visitor("v2"), "z1", std::nullopt, "x", "c2", "q_retail"});
  ASSERT_TRUE(other && other->ask_store);
  // The bounds are swept a shard every 10 s, as v2 keeps being answered.
  for (int i = 0; i < 64; ++i) {
    engine.KeyAnswered(*other->ask_store, "", /*stored=*/false);
    clock_.Advance(10 * 1000);
  }
  EXPECT_EQ(engine.KeyBounds(), 1u) << "v2's only";
  auto back = engine.Send({Visitor("v1"), "k07", std::nullopt, "x", "", ""});
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->ask_store);
}

TEST_F(EngineTest, ASendersCommandsWaitBehindItsQuestionToTheStore) {
  RestoredState state;
  state.queues = {{"q_retail", "retail", "个人业务"}};
  state.older_keys = true;
  TenantEngine engine("t1", clock_);
  engine.Restore(state);
  SendMessage first{Visitor("v1"), "k05", std::nullopt, "一", "c1", "q_retail"};
  auto asked = engine.Send(first);
  ASSERT_TRUE(asked && asked->ask_store);
  engine.KeyAsked(*asked->ask_store);
  engine.KeyAnswered(*asked->ask_store, "", /*stored=*/false);
  ASSERT_TRUE(engine.Send(first));  // v1 now has a bound: k05
  // k04 is below it and out of memory: asked. While that question is out, k06 (above the
  // bound) must not overtake it, so it asks too.
  SendMessage below{Visitor("v1"), "k04", std::nullopt, "二", "", ""};
  auto q1 = engine.Send(below);
  ASSERT_TRUE(q1 && q1->ask_store);
  engine.KeyAsked(*q1->ask_store);
  SendMessage above{Visitor("v1"), "k06", std::nullopt, "三", "", ""};
  auto q2 = engine.Send(above);
  ASSERT_TRUE(q2 && q2->ask_store) << "behind v1's question";
  engine.KeyAsked(*q2->ask_store);
  auto other = engine.Send({Visitor("v2"), "z1", std::nullopt, "x", "c2", "q_retail"});
  ASSERT_TRUE(other && other->ask_store) << "v2 has no bound";
  // Answers come in order; each command then runs in its turn.
  engine.KeyAnswered(*q1->ask_store, "k05", /*stored=*/false);
  auto second = engine.Send(below);
  ASSERT_TRUE(second && !second->ask_store);
  engine.KeyAnswered(*q2->ask_store, "k05", /*stored=*/false);
  auto third = engine.Send(above);
  ASSERT_TRUE(third && !third->ask_store);
  EXPECT_EQ(third->ack.seq, second->ack.seq + 1);
  // Nothing out any more: a key above the bound goes straight through.
  auto fourth = engine.Send({Visitor("v1"), "k07", std::nullopt, "四", "", ""});
  ASSERT_TRUE(fourth && !fourth->ask_store);
}

TEST_F(EngineTest, LastAgentsAreForgottenPastTheLongestStickyWindow) {
  AddAgent("a1");
  Start("v1", "c1");
  Start("v2", "c2");
  ASSERT_TRUE(engine_.Close({Staff("a1"), "x1", "c1"}));
  ASSERT_TRUE(engine_.Close({Staff("a1"), "x2", "c2"}));
  EXPECT_EQ(engine_.RememberedLastAgents(), 2u);
  clock_.Advance(kMaxStickyWindow + 1);
  // No Tick: the next customer served retires the two older ones.
  Start("v3", "c3");
  ASSERT_TRUE(engine_.Close({Staff("a1"), "x3", "c3"}));
  EXPECT_EQ(engine_.RememberedLastAgents(), 1u);
}

TEST_F(EngineTest, ClosedConversationsLeaveAsNewOnesStart) {
  AddAgent("a1");
  Start("v1", "c1");
  ASSERT_TRUE(engine_.Close({Staff("a1"), "x1", "c1"}));
  clock_.Advance(engine_.settings().closed_retention + 1);
  ASSERT_NE(engine_.FindConversation("c1"), nullptr) << "still there until something runs";
  Start("v2", "c2");  // no Tick
  EXPECT_EQ(engine_.FindConversation("c1"), nullptr);
  EXPECT_NE(engine_.FindConversation("c2"), nullptr);
}

TEST_F(EngineTest, CommandErrorsTable) {
  AddAgent("a1");
  AddAgent("a2", 5, {"q_cards"});
  Start("v1", "c1");  // assigned to a1
  struct Row {
    std::string name;
    std::function<Result<Outcome>()> command;
    ErrorCode expected;
  };
  const std::vector<Row> rows = {
      {"empty text",
       [&] {
         return engine_.Send({Visitor("v1"), "e1", std::nullopt, " \n", "", ""});
       },
       ErrorCode::kTextEmpty},
      {"text too long",
       [&] {
         std::string text;
         for (int i = 0; i < 4001; ++i) text += "字";
         return engine_.Send({Visitor("v1"), "e2", std::nullopt, text, "", ""});
       },
       ErrorCode::kTextTooLong},
      {"visitor writes into someone else's conversation",
       [&] {
         return engine_.Send({Visitor("v2"), "e3", std::string("c1"), "hi", "", ""});
       },
       ErrorCode::kForbidden},
      {"agent not assigned",
       [&] {
         return engine_.Send({Staff("a2"), "e4", std::string("c1"), "hi", "", ""});
       },
       ErrorCode::kForbidden},
      {"agent without conversation",
       [&] {
         return engine_.Send({Staff("a1"), "e5", std::nullopt, "hi", "", ""});
       },
       ErrorCode::kBadFrame},
      {"unknown conversation",
       [&] {
         return engine_.Send({Staff("a1"), "e6", std::string("nope"), "hi", "", ""});
       },
       ErrorCode::kNotFound},
      {"unknown queue for a new conversation",
       [&] {
         return engine_.Send({Visitor("v9"), "e7", std::nullopt, "hi", "c9", "q_none"});
       },
       ErrorCode::kBadFrame},
      {"agent closes a chat of another agent",
       [&] {
         return engine_.Close({Staff("a2"), "e8", "c1"});
       },
       ErrorCode::kForbidden},
      {"visitor closes another visitor's chat",
       [&] {
         return engine_.Close({Visitor("v2"), "e9", "c1"});
       },
       ErrorCode::kForbidden},
      {"read by another agent",
       [&] {
         return engine_.Read({Staff("a2"), "c1", 1});
       },
       ErrorCode::kForbidden},
      {"status of an unknown agent",
       [&] { return engine_.SetStatus("nobody", AgentStatus::kOnline); }, ErrorCode::kNotFound},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    const long seq_before = engine_.FindConversation("c1")->last_seq;
    auto result = row.command();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, row.expected);
    EXPECT_EQ(engine_.FindConversation("c1")->last_seq, seq_before) << "an error changes nothing";
  }
}

TEST_F(EngineTest, FourThousandChineseCharactersAreAllowed) {
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "字";
  Start("v1", "c1");
  EXPECT_TRUE(engine_.Send({Visitor("v1"), "long", std::nullopt, text, "", ""}));
}

TEST_F(EngineTest, ClosedConversationRejectsMessagesAndVisitorStartsANewOne) {
  AddAgent("a1");
  Start("v1", "c1");
  auto closed = engine_.Close({Visitor("v1"), "bye", "c1"});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->events[0].closed_by, CloseReason::kVisitor);
  EXPECT_EQ(engine_.FindAgent("a1")->load, 0);
  auto late = engine_.Send({Staff("a1"), "late", std::string("c1"), "还在吗", "", ""});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConversationClosed);
  auto again = engine_.Close({Visitor("v1"), "bye-2", "c1"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConversationClosed);
  // The retried close with its original key gets its original ack.
  auto retried = engine_.Close({Visitor("v1"), "bye", "c1"});
  ASSERT_TRUE(retried);
  EXPECT_TRUE(retried->duplicate);
  EXPECT_EQ(retried->ack, closed->ack);
  auto fresh = engine_.Send({Visitor("v1"), "new", std::nullopt, "又来了", "c2", "q_retail"});
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->ack, (Ack{"c2", 1}));
}

TEST_F(EngineTest, SupervisorMayCloseAnyConversation) {
  AddAgent("a1");
  Start("v1", "c1");
  EXPECT_TRUE(engine_.Close({Staff("s1", Role::kSupervisor), "s", "c1"}));
}

TEST_F(EngineTest, IdleConversationsCloseOnTheClock) {
  AddAgent("a1");
  Start("v1", "c1");
  const Millis timeout = engine_.settings().idle_timeout;
  ASSERT_EQ(engine_.NextDeadline(), clock_.Now() + timeout);
  clock_.Advance(timeout / 2);
  ASSERT_TRUE(engine_.Send({Visitor("v1"), "k2", std::nullopt, "还在", "", ""}));
  // Timers are filed lazily; the deadline reported is still the real one.
  EXPECT_EQ(engine_.NextDeadline(), clock_.Now() + timeout);
  clock_.Advance(timeout / 2 + 1);
  EXPECT_TRUE(engine_.Tick().events.empty()) << "activity pushed the deadline back";
  clock_.Advance(timeout);
  auto outcome = engine_.Tick();
  ASSERT_EQ(outcome.events.size(), 1u);
  EXPECT_EQ(outcome.events[0].code, SystemCode::kClosed);
  EXPECT_EQ(outcome.events[0].closed_by, CloseReason::kIdle);
  EXPECT_EQ(engine_.FindConversation("c1")->state, ConversationState::kClosed);
  EXPECT_EQ(engine_.FindAgent("a1")->load, 0);
  EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

TEST_F(EngineTest, UnreadCountsVisitorMessagesSinceTheLastRead) {
  AddAgent("a1");
  Start("v1", "c1");
  ASSERT_TRUE(engine_.Send({Visitor("v1"), "k2", std::nullopt, "2", "", ""}));
  auto third = engine_.Send({Visitor("v1"), "k3", std::nullopt, "3", "", ""});
  ASSERT_TRUE(third);
  EXPECT_EQ(engine_.FindConversation("c1")->unread, 3);
  ASSERT_TRUE(engine_.Read({Staff("a1"), "c1", third->ack.seq - 1}));
  EXPECT_EQ(engine_.FindConversation("c1")->unread, 1);
  ASSERT_TRUE(engine_.Send({Staff("a1"), "r1", std::string("c1"), "您好", "", ""}));
  EXPECT_EQ(engine_.FindConversation("c1")->unread, 0);
}

TEST_F(EngineTest, OnlyStateChangesAreAnnouncedToClients) {
  AddAgent("a1");
  auto start = Start("v1", "c1");
  EXPECT_EQ(start.announce, std::vector<std::string>{"c1"});  // started and assigned
  // A plain message changes only counters: storage gets the projection, clients the event.
  auto message = engine_.Send({Visitor("v1"), "k2", std::nullopt, "2", "", ""});
  ASSERT_TRUE(message);
  ASSERT_EQ(message->conversations.size(), 1u);
  EXPECT_EQ(message->conversations[0].last_seq, 4);
  EXPECT_TRUE(message->announce.empty());
  auto reply = engine_.Send({Staff("a1"), "r1", std::string("c1"), "您好", "", ""});
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->announce.empty());
  ASSERT_TRUE(engine_.Send({Visitor("v1"), "k3", std::nullopt, "3", "", ""}));
  auto read = engine_.Read({Staff("a1"), "c1", 6});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->announce, std::vector<std::string>{"c1"});
  auto closed = engine_.Close({Visitor("v1"), "k4", "c1"});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->announce, std::vector<std::string>{"c1"});
}

TEST_F(EngineTest, RestoreContinuesSequencesAndRemembersKeys) {
  RestoredState state;
  state.queues = {{"q_retail", "retail", "个人业务"}};
  state.agents = {{"a1", "王小明", "a1@x", Role::kAgent, 1, {"q_retail"}}};
  ConversationSnapshot assigned;
  assigned.id = "c1";
  assigned.state = ConversationState::kAssigned;
  assigned.queue = {"q_retail", "个人业务"};
  assigned.visitor = {"v1", "访客"};
  assigned.agent = Ref{"a1", "王小明"};
  assigned.last_seq = 7;
  assigned.created_at = clock_.Now() - 1000;
  ConversationSnapshot queued = assigned;
  queued.id = "c2";
  queued.state = ConversationState::kQueued;
  queued.visitor = {"v2", "访客"};
  queued.agent.reset();
  queued.last_seq = 2;
  state.open_conversations = {{assigned, clock_.Now(), {6, 7}}, {queued, clock_.Now(), {1}}};
  state.keys = {{"v1", "old-key", {"c1", 5}, clock_.Now()}};
  state.older_keys = true;

  TenantEngine engine("t1", clock_);
  engine.Restore(state);
  EXPECT_EQ(engine.FindAgent("a1")->load, 1);
  EXPECT_EQ(engine.FindConversation("c1")->unread, 2);
  auto retried = engine.Send({Visitor("v1"), "old-key", std::nullopt, "x", "", ""});
  ASSERT_TRUE(retried);
  EXPECT_TRUE(retried->duplicate);
  EXPECT_EQ(retried->ack, (Ack{"c1", 5}));
  // A key the restored memory does not hold is asked about; the store says it is new.
  SendMessage fresh{Visitor("v1"), "new-key", std::nullopt, "x", "", ""};
  auto asked = engine.Send(fresh);
  ASSERT_TRUE(asked && asked->ask_store);
  engine.KeyAnswered(*asked->ask_store, "old-key", /*stored=*/false);
  auto next = engine.Send(fresh);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->ack, (Ack{"c1", 8}));
  // The agent is at capacity; when c1 closes and the agent is back, c2 is assigned.
  ASSERT_TRUE(engine.SetConnected("a1", true));
  ASSERT_TRUE(engine.SetStatus("a1", AgentStatus::kOnline));
  EXPECT_EQ(engine.FindConversation("c2")->state, ConversationState::kQueued);
  auto close = engine.Close({Staff("a1"), "close", "c1"});  // a1's keys: asked about first
  ASSERT_TRUE(close && close->ask_store);
  engine.KeyAnswered(*close->ask_store, "", /*stored=*/false);
  ASSERT_TRUE(engine.Close({Staff("a1"), "close", "c1"}));
  EXPECT_EQ(engine.FindConversation("c2")->state, ConversationState::kAssigned);
  EXPECT_EQ(engine.FindConversation("c2")->last_seq, 3);
}

TEST_F(EngineTest, SequencesHaveNoGapsAcrossManyCommands) {
  AddAgent("a1", 2);
  AddAgent("a2", 2);
  std::map<std::string, long> last;
  for (int i = 0; i < 50; ++i) {
    clock_.Advance(100);
    const std::string visitor = "v" + std::to_string(i % 7);
    Result<Outcome> outcome =
        (i % 5 == 4 && engine_.OpenConversationOf(visitor))
            ? engine_.Close(
                  {Visitor(visitor), "c" + std::to_string(i), *engine_.OpenConversationOf(visitor)})
            : engine_.Send({Visitor(visitor), "m" + std::to_string(i), std::nullopt, "hi",
                            "conv" + std::to_string(i), "q_retail"});
    ASSERT_TRUE(outcome) << outcome.error().message;
    for (const auto& event : outcome->events) {
      EXPECT_EQ(event.seq, last[event.conversation_id] + 1) << event.conversation_id;
      last[event.conversation_id] = event.seq;
    }
    for (const auto& agent : engine_.Agents()) EXPECT_LE(agent.load, agent.info.capacity);
  }
}

}  // namespace
}  // namespace kefu::engine
