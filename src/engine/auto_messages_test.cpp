// Automatic messages: the greeting on assignment, the closing words, and the reminder and idle
// close after the customer's silence — in virtual time.
#include <gtest/gtest.h>

#include "engine/tenant_engine.hpp"

namespace kefu::engine {
namespace {

constexpr Millis kMinute = 60 * 1000;

Actor Visitor(const std::string& id) {
  return Actor{AuthorRole::kVisitor, id, "张先生", {}};
}
Actor Staff(const std::string& id, Role role = Role::kAgent) {
  return Actor{AuthorRole::kAgent, id, "坐席 " + id, role};
}

const ConversationEvent* FindNotice(const Outcome& outcome, NoticeKind kind) {
  for (const auto& e : outcome.events) {
    if (e.kind == EventKind::kSystem && e.code == SystemCode::kNotice && e.notice == kind)
      return &e;
  }
  return nullptr;
}

class AutoMessagesTest : public ::testing::Test {
 protected:
  AutoMessagesTest() : engine_("t1", clock_) {
    engine_.UpsertQueue({"q_retail", "retail", "个人业务"});
    RoutingSettings routing;
    routing.auto_messages = {"您好，我是{客服名}，{客户名}请讲。", "感谢您的咨询，再见！",
                             3 * kMinute, "请问{customer_name}还在吗？", 2 * kMinute};
    engine_.SetRoutingSettings(routing);
    for (const char* id : {"a1", "a2"}) {
      engine_.UpsertAgent({id, std::string("坐席 ") + id, "x", Role::kAgent, 5, {"q_retail"}});
      EXPECT_TRUE(engine_.SetConnected(id, true));
    }
    EXPECT_TRUE(engine_.SetStatus("a1", AgentStatus::kOnline));
  }

  Outcome Say(const Actor& who, const std::string& text) {
    SendMessage send{who, "k" + std::to_string(++keys_), std::string("c1"), text, "", ""};
    auto outcome = engine_.Send(send);
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    return outcome ? *outcome : Outcome{};
  }

  ManualClock clock_;
  TenantEngine engine_;
  int keys_ = 0;
};

TEST(AutoTextTest, VariablesInBothLanguagesAreExpanded) {
  EXPECT_EQ(ExpandAutoText("{客服名}为{客户名}服务（{队列}）", "小王", "张先生", "信用卡"),
            "小王为张先生服务（信用卡）");
  EXPECT_EQ(ExpandAutoText("{agent_name}/{customer_name}/{queue}", "W", "Z", "Q"), "W/Z/Q");
  EXPECT_EQ(ExpandAutoText("{未知} {客服名", "小王", "", ""), "{未知} {客服名");
  EXPECT_EQ(ExpandAutoText("", "小王", "", ""), "");
}

TEST_F(AutoMessagesTest, GreetingFollowsTheAssignmentWithTheAgentsName) {
  SendMessage first{Visitor("v1"), "k0", std::nullopt, "你好", "c1", "q_retail"};
  auto outcome = engine_.Send(first);
  ASSERT_TRUE(outcome);
  const auto* greeting = FindNotice(*outcome, NoticeKind::kGreeting);
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(greeting->text, "您好，我是坐席 a1，张先生请讲。");
  EXPECT_EQ(greeting->ref.id, "a1");
  EXPECT_EQ(greeting->author.role, AuthorRole::kSystem);
  // Right after the assigned event.
  EXPECT_EQ(greeting->seq, outcome->events.back().seq);
  EXPECT_EQ(outcome->events[outcome->events.size() - 2].code, SystemCode::kAssigned);

  // A transfer to another agent greets in their name.
  ASSERT_TRUE(engine_.SetStatus("a2", AgentStatus::kOnline));
  auto moved = engine_.Transfer({Staff("a1"), "kt", "c1", "a2", "", ""});
  ASSERT_TRUE(moved) << moved.error().message;
  const auto* again = FindNotice(*moved, NoticeKind::kGreeting);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->text, "您好，我是坐席 a2，张先生请讲。");
}

TEST_F(AutoMessagesTest, SilenceGetsAReminderThenAnIdleCloseWithTheClosingWords) {
  SendMessage first{Visitor("v1"), "k0", std::nullopt, "你好", "c1", "q_retail"};
  ASSERT_TRUE(engine_.Send(first));
  Say(Staff("a1"), "请问您要办理什么业务？");
  clock_.Advance(3 * kMinute - 1);
  EXPECT_EQ(FindNotice(engine_.Tick(), NoticeKind::kReminder), nullptr);
  clock_.Advance(1);
  auto reminded = engine_.Tick();
  const auto* reminder = FindNotice(reminded, NoticeKind::kReminder);
  ASSERT_NE(reminder, nullptr);
  EXPECT_EQ(reminder->text, "请问张先生还在吗？");
  EXPECT_EQ(engine_.FindConversation("c1")->state, ConversationState::kAssigned);

  clock_.Advance(2 * kMinute);
  auto closed = engine_.Tick();
  ASSERT_EQ(closed.events.size(), 2u);
  EXPECT_EQ(closed.events[0].notice, NoticeKind::kClosing);
  EXPECT_EQ(closed.events[0].text, "感谢您的咨询，再见！");
  EXPECT_EQ(closed.events[1].code, SystemCode::kClosed);
  EXPECT_EQ(closed.events[1].closed_by, CloseReason::kIdle);
  EXPECT_EQ(engine_.FindAgent("a1")->load, 0);
}

TEST_F(AutoMessagesTest, TheCustomersReplyStopsTheCountdown) {
  SendMessage first{Visitor("v1"), "k0", std::nullopt, "你好", "c1", "q_retail"};
  ASSERT_TRUE(engine_.Send(first));
  Say(Staff("a1"), "请稍等");
  clock_.Advance(3 * kMinute);
  ASSERT_NE(FindNotice(engine_.Tick(), NoticeKind::kReminder), nullptr);
  Say(Visitor("v1"), "在的");
  // The customer's word: no close however long the agent takes (the idle timeout aside).
  clock_.Advance(10 * kMinute);
  auto quiet = engine_.Tick();
  EXPECT_TRUE(quiet.events.empty());
  EXPECT_EQ(engine_.FindConversation("c1")->state, ConversationState::kAssigned);
  // The agent answers: the countdown starts again from the reminder.
  Say(Staff("a1"), "已为您查询");
  clock_.Advance(3 * kMinute);
  ASSERT_NE(FindNotice(engine_.Tick(), NoticeKind::kReminder), nullptr);
}

TEST_F(AutoMessagesTest, ClosingWordsOnAnAgentsCloseButNotWhenTheCustomerLeaves) {
  SendMessage first{Visitor("v1"), "k0", std::nullopt, "你好", "c1", "q_retail"};
  ASSERT_TRUE(engine_.Send(first));
  auto closed = engine_.Close({Staff("a1"), "kc", "c1"});
  ASSERT_TRUE(closed);
  ASSERT_NE(FindNotice(*closed, NoticeKind::kClosing), nullptr);
  EXPECT_EQ(closed->ack.seq, closed->events.back().seq) << "the ack is the closed event";

  SendMessage second{Visitor("v2"), "k9", std::nullopt, "在吗", "c2", "q_retail"};
  ASSERT_TRUE(engine_.Send(second));
  auto left = engine_.Close({Visitor("v2"), "kl", "c2"});
  ASSERT_TRUE(left);
  EXPECT_EQ(FindNotice(*left, NoticeKind::kClosing), nullptr);
}

TEST_F(AutoMessagesTest, EmptyTextsAndZeroDurationsTurnMessagesOff) {
  engine_.SetRoutingSettings({});
  SendMessage first{Visitor("v1"), "k0", std::nullopt, "你好", "c1", "q_retail"};
  auto outcome = engine_.Send(first);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(FindNotice(*outcome, NoticeKind::kGreeting), nullptr);
  Say(Staff("a1"), "您好");
  clock_.Advance(20 * kMinute);
  EXPECT_TRUE(engine_.Tick().events.empty());
  auto closed = engine_.Close({Staff("a1"), "kc", "c1"});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->events.size(), 1u);
}

}  // namespace
}  // namespace kefu::engine
