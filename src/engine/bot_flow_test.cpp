// The bot phase of a conversation in the engine: bot-first queues, bot turns, handoff, ratings.
#include <gtest/gtest.h>

#include "engine/tenant_engine.hpp"

namespace kefu::engine {
namespace {

Actor Visitor(const std::string& id) {
  return Actor{AuthorRole::kVisitor, id, "访客 " + id, {}};
}

BotMessage Said(BotReplyKind kind, std::string text, std::string entry_id = {}) {
  BotMessage message;
  message.text = std::move(text);
  message.reply.kind = kind;
  message.reply.entry_id = std::move(entry_id);
  return message;
}

BotTurn Answer(std::string entry_id) {
  BotTurn turn;
  turn.bot_name = "小助手";
  turn.messages.push_back(Said(BotReplyKind::kAnswer, "答案", std::move(entry_id)));
  return turn;
}

class BotFlowTest : public ::testing::Test {
 protected:
  BotFlowTest() : engine_("t1", clock_) {
    engine_.UpsertQueue({"q_bot", "retail", "个人业务", /*bot_first=*/true});
    engine_.UpsertQueue({"q_human", "cards", "信用卡", /*bot_first=*/false});
    engine_.UpsertAgent({"a1", "坐席", "a1@x", Role::kAgent, 5, {"q_bot", "q_human"}});
    EXPECT_TRUE(engine_.SetConnected("a1", true));
    EXPECT_TRUE(engine_.SetStatus("a1", AgentStatus::kOnline));
  }

  static SendMessage Message(const std::string& visitor, const std::string& key, std::string text,
                             const std::string& queue = "q_bot") {
    return SendMessage{Visitor(visitor), key, std::nullopt, std::move(text), "c-" + key, queue};
  }

  ManualClock clock_;
  TenantEngine engine_;
};

TEST_F(BotFlowTest, BotFirstQueueStartsWithTheBotAndNoAgent) {
  auto send = Message("v1", "k1", "信用卡锁了");
  ASSERT_TRUE(engine_.BotContextFor(send).has_value());
  auto outcome = engine_.Send(send, Answer("kb1"));
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->events.size(), 2u);
  EXPECT_EQ(outcome->events[0].author.role, AuthorRole::kVisitor);
  EXPECT_EQ(outcome->events[1].author.role, AuthorRole::kBot);
  EXPECT_EQ(outcome->events[1].author.name, "小助手");
  ASSERT_TRUE(outcome->events[1].bot.has_value());
  EXPECT_EQ(outcome->events[1].bot->kind, BotReplyKind::kAnswer);
  EXPECT_EQ(outcome->events[1].bot->entry_id, "kb1");
  EXPECT_EQ(outcome->ack, (Ack{"c-k1", 1}));
  const auto* snap = engine_.FindConversation("c-k1");
  ASSERT_NE(snap, nullptr);
  EXPECT_EQ(snap->state, ConversationState::kBot);
  EXPECT_FALSE(snap->agent.has_value());  // an online agent with capacity was not used
  EXPECT_EQ(engine_.FindAgent("a1")->load, 0);
}

TEST_F(BotFlowTest, HumanFirstQueueServedAtOnceHearsNoBot) {
  auto send = Message("v1", "k1", "你好", "q_human");
  auto context = engine_.BotContextFor(send);
  ASSERT_TRUE(context.has_value());
  EXPECT_TRUE(context->waiting) << "only self-service while waiting is asked of the bot";
  auto outcome = engine_.Send(send, Answer("kb1"));
  ASSERT_TRUE(outcome);
  for (const auto& e : outcome->events) EXPECT_NE(e.author.role, AuthorRole::kBot);
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kAssigned);
}

TEST_F(BotFlowTest, WaitingCustomerGetsSelfServiceAnswersAndKeepsTheirPlace) {
  ASSERT_TRUE(engine_.SetStatus("a1", AgentStatus::kAway));
  auto first = Message("v1", "k1", "信用卡怎么激活", "q_human");
  ASSERT_TRUE(engine_.BotContextFor(first)->waiting);
  auto outcome = engine_.Send(first, Answer("kb1"));
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->events.size(), 3u);  // the question, queued, the answer
  EXPECT_EQ(outcome->events[1].code, SystemCode::kQueued);
  ASSERT_TRUE(outcome->events[2].bot.has_value());
  EXPECT_EQ(outcome->events[2].bot->kind, BotReplyKind::kAnswer);
  EXPECT_TRUE(outcome->events[2].bot->waiting);
  EXPECT_EQ(outcome->ack, (Ack{"c-k1", 1}));
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kQueued);
  EXPECT_EQ(engine_.WaitStatusOf("c-k1")->position, 1u);

  // Later questions while waiting: answers only — no clarify, no "I don't know", no transfer.
  auto second = SendMessage{Visitor("v1"), "k2", std::string("c-k1"), "额度多少", "", "q_human"};
  auto context = engine_.BotContextFor(second);
  ASSERT_TRUE(context.has_value());
  EXPECT_TRUE(context->waiting);
  EXPECT_EQ(context->conversation_id, "c-k1");
  BotTurn noise;
  noise.bot_name = "小助手";
  noise.messages.push_back(Said(BotReplyKind::kUnknown, "不知道"));
  noise.messages.push_back(Said(BotReplyKind::kTransfer, "转接"));
  noise.transfer = true;
  outcome = engine_.Send(second, noise);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->events.size(), 1u) << "only the visitor's message";
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kQueued);

  // The person still gets the conversation, with the whole exchange before them.
  outcome = engine_.SetStatus("a1", AgentStatus::kOnline);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kAssigned);
  // Once a person serves, the bot is not asked any more.
  EXPECT_FALSE(
      engine_.BotContextFor(SendMessage{Visitor("v1"), "k3", std::string("c-k1"), "谢谢", "", ""})
          .has_value());
}

TEST_F(BotFlowTest, HandedOverCustomerWaitingInTheQueueGetsSelfService) {
  ASSERT_TRUE(engine_.SetStatus("a1", AgentStatus::kAway));
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "问题"), Answer("kb1")));
  BotTurn handover;
  handover.bot_name = "小助手";
  handover.messages.push_back(Said(BotReplyKind::kTransfer, "正在转接"));
  handover.transfer = true;
  ASSERT_TRUE(engine_.Send(SendMessage{Visitor("v1"), "k2", std::string("c-k1"), "转人工", "", ""},
                           handover));
  ASSERT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kQueued);
  auto ask = SendMessage{Visitor("v1"), "k3", std::string("c-k1"), "还款日", "", ""};
  auto context = engine_.BotContextFor(ask);
  ASSERT_TRUE(context.has_value());
  EXPECT_TRUE(context->waiting);
  auto outcome = engine_.Send(ask, Answer("kb7"));
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->events.size(), 2u);
  EXPECT_TRUE(outcome->events[1].bot->waiting);
  EXPECT_EQ(outcome->events[1].bot->entry_id, "kb7");
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kQueued);
}

TEST_F(BotFlowTest, TransferInATurnQueuesAndAssigns) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "问题"), Answer("kb1")));
  BotTurn turn;
  turn.bot_name = "小助手";
  turn.messages.push_back(Said(BotReplyKind::kTransfer, "正在转接"));
  turn.transfer = true;
  auto send = Message("v1", "k2", "转人工");
  auto context = engine_.BotContextFor(send);
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->conversation_id, "c-k1");
  auto outcome = engine_.Send(send, turn);
  ASSERT_TRUE(outcome);
  // visitor message, bot transfer notice, queued, assigned
  ASSERT_EQ(outcome->events.size(), 4u);
  EXPECT_EQ(outcome->events[1].bot->kind, BotReplyKind::kTransfer);
  EXPECT_EQ(outcome->events[2].code, SystemCode::kQueued);
  EXPECT_EQ(outcome->events[3].code, SystemCode::kAssigned);
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kAssigned);
  // The agent's view starts now; later messages go to the agent, not the bot.
  EXPECT_FALSE(engine_.BotContextFor(Message("v1", "k3", "在吗")).has_value());
}

TEST_F(BotFlowTest, MissingTurnHandsOverRatherThanLeavingTheVisitorAlone) {
  auto outcome = engine_.Send(Message("v1", "k1", "你好"));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kAssigned);
}

TEST_F(BotFlowTest, MissesAndGapsAreKept) {
  BotTurn miss;
  miss.bot_name = "小助手";
  miss.messages.push_back(Said(BotReplyKind::kUnknown, "不明白"));
  miss.misses = 1;
  miss.gap = KnowledgeGap{"怎么办", "怎么办？", "kb2", 0.3, 0};
  clock_.Advance(5000);
  auto outcome = engine_.Send(Message("v1", "k1", "怎么办？"), miss);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->gaps.size(), 1u);
  EXPECT_EQ(outcome->gaps[0].key, "怎么办");
  EXPECT_EQ(outcome->gaps[0].at, clock_.Now());
  auto context = engine_.BotContextFor(Message("v1", "k2", "还是不懂"));
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->misses, 1);
}

TEST_F(BotFlowTest, HandoffCommandQueuesOnceThenConflicts) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "问题"), Answer("kb1")));
  RequestHuman request{Visitor("v1"), "h1", "c-k1", "小助手",
                       Said(BotReplyKind::kTransfer, "正在转接")};
  auto outcome = engine_.Handoff(request);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->ack, (Ack{"c-k1", 3}));
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kAssigned);
  // A retry with the same key is the same ack; a new request conflicts.
  auto retry = engine_.Handoff(request);
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->ack, (Ack{"c-k1", 3}));
  request.idempotency_key = "h2";
  auto again = engine_.Handoff(request);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // Someone else's conversation.
  RequestHuman stranger{Visitor("v2"), "h3", "c-k1", "小助手", Said(BotReplyKind::kTransfer, "")};
  EXPECT_EQ(engine_.Handoff(stranger).error().code, ErrorCode::kForbidden);
}

TEST_F(BotFlowTest, NotHelpfulOffersAPersonOnceAndCountsOnce) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "问题"), Answer("kb1")));
  RateAnswer rate{Visitor("v1"), "r1",  "c-k1",   2,
                  "kb1",         false, "小助手", Said(BotReplyKind::kOffer, "需要人工吗？")};
  auto outcome = engine_.Rate(rate);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->ratings.size(), 1u);
  EXPECT_EQ(outcome->ratings[0].entry_id, "kb1");
  EXPECT_FALSE(outcome->ratings[0].helpful);
  ASSERT_EQ(outcome->events.size(), 1u);
  EXPECT_EQ(outcome->events[0].bot->kind, BotReplyKind::kOffer);
  EXPECT_EQ(outcome->ack, (Ack{"c-k1", 3}));
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kBot);
  // Rating the same answer again with a new key changes nothing.
  rate.idempotency_key = "r2";
  auto again = engine_.Rate(rate);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->Empty());
  EXPECT_EQ(again->ack, (Ack{"c-k1", 0}));
  rate.seq = 99;
  rate.idempotency_key = "r3";
  EXPECT_EQ(engine_.Rate(rate).error().code, ErrorCode::kNotFound);
}

TEST_F(BotFlowTest, HelpfulRatingSaysNothing) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "问题"), Answer("kb1")));
  RateAnswer rate{Visitor("v1"), "r1", "c-k1",   2,
                  "kb1",         true, "小助手", Said(BotReplyKind::kOffer, "需要人工吗？")};
  auto outcome = engine_.Rate(rate);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->ratings.size(), 1u);
  EXPECT_TRUE(outcome->events.empty());
  EXPECT_FALSE(outcome->Empty());
}

TEST_F(BotFlowTest, IdleBotConversationsClose) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "问题"), Answer("kb1")));
  clock_.Advance(engine_.settings().idle_timeout + 1);
  auto outcome = engine_.Tick();
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kClosed);
  EXPECT_FALSE(engine_.OpenConversationOf("v1").has_value());
}

// -- handoff routes: the bot's topic decides the queue -----------------------------------

BotTurn Transfer(std::optional<BotTopic> topic = std::nullopt) {
  BotTurn turn;
  turn.bot_name = "小助手";
  turn.messages.push_back(Said(BotReplyKind::kTransfer, "正在转接"));
  turn.transfer = true;
  turn.topic = std::move(topic);
  return turn;
}

BotTurn AnswerOn(std::string entry_id, std::string category, std::string queue_id) {
  BotTurn turn = Answer(std::move(entry_id));
  turn.topic = BotTopic{std::move(category), std::move(queue_id)};
  return turn;
}

SendMessage Next(const std::string& key, std::string text) {
  return SendMessage{Visitor("v1"), key, std::string("c-k1"), std::move(text), "", ""};
}

TEST_F(BotFlowTest, HandoffGoesToTheQueueOfTheTopicWithATransferEvent) {
  ASSERT_TRUE(
      engine_.Send(Message("v1", "k1", "信用卡被锁了"), AnswerOn("kb1", "信用卡", "q_human")));
  auto outcome = engine_.Send(Next("k2", "转人工"), Transfer());
  ASSERT_TRUE(outcome);
  // visitor message, bot notice, transferred by the bot, queued in the routed queue, assigned
  ASSERT_EQ(outcome->events.size(), 5u);
  const auto& moved = outcome->events[2];
  EXPECT_EQ(moved.code, SystemCode::kTransferred);
  EXPECT_EQ(moved.ref, (Ref{"q_human", "信用卡"}));
  ASSERT_TRUE(moved.transfer.has_value());
  EXPECT_EQ(moved.transfer->by, TransferBy::kBot);
  EXPECT_TRUE(moved.transfer->to_queue);
  EXPECT_FALSE(moved.transfer->from.has_value());
  EXPECT_EQ(moved.transfer->note, "信用卡");
  EXPECT_EQ(outcome->events[3].code, SystemCode::kQueued);
  EXPECT_EQ(outcome->events[3].ref, (Ref{"q_human", "信用卡"}));
  const auto* snap = engine_.FindConversation("c-k1");
  EXPECT_EQ(snap->queue.id, "q_human");
  EXPECT_EQ(snap->state, ConversationState::kAssigned);
}

TEST_F(BotFlowTest, TheLatestTopicWinsAndAMissKeepsIt) {
  ASSERT_TRUE(
      engine_.Send(Message("v1", "k1", "信用卡被锁了"), AnswerOn("kb1", "信用卡", "q_human")));
  // A later question on a topic without a route: the handoff stays in the own queue.
  ASSERT_TRUE(engine_.Send(Next("k2", "转账限额"), AnswerOn("kb2", "个人业务", "")));
  BotTurn miss;
  miss.bot_name = "小助手";
  miss.messages.push_back(Said(BotReplyKind::kUnknown, "不明白"));
  ASSERT_TRUE(engine_.Send(Next("k3", "嗯？"), miss));  // no topic: the last one stands
  auto outcome = engine_.Send(Next("k4", "转人工"), Transfer());
  ASSERT_TRUE(outcome);
  for (const auto& e : outcome->events) EXPECT_NE(e.code, SystemCode::kTransferred);
  EXPECT_EQ(engine_.FindConversation("c-k1")->queue.id, "q_bot");
}

TEST_F(BotFlowTest, TheTransferringTurnsOwnTopicRoutesIt) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "转账限额"), AnswerOn("kb2", "个人业务", "")));
  auto outcome =
      engine_.Send(Next("k2", "信用卡盗刷了，我要投诉"), Transfer(BotTopic{"信用卡", "q_human"}));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(engine_.FindConversation("c-k1")->queue.id, "q_human");
}

TEST_F(BotFlowTest, ARouteToAQueueThatCannotTakeItFallsBackToTheOwnQueue) {
  QueueInfo full{"q_human", "cards", "信用卡", false};
  full.routing.max_waiting = 1;
  engine_.UpsertQueue(full);
  ASSERT_TRUE(engine_.SetStatus("a1", AgentStatus::kAway));
  // Someone already waits in the routed queue, which takes one at most.
  ASSERT_TRUE(engine_.Send(Message("v9", "k9", "你好", "q_human")));
  ASSERT_TRUE(
      engine_.Send(Message("v1", "k1", "信用卡被锁了"), AnswerOn("kb1", "信用卡", "q_human")));
  auto outcome = engine_.Send(Next("k2", "转人工"), Transfer());
  ASSERT_TRUE(outcome);
  for (const auto& e : outcome->events) EXPECT_NE(e.code, SystemCode::kTransferred);
  const auto* snap = engine_.FindConversation("c-k1");
  EXPECT_EQ(snap->queue.id, "q_bot");
  EXPECT_EQ(snap->state, ConversationState::kQueued);
}

TEST_F(BotFlowTest, ARouteToAnUnknownQueueFallsBackToTheOwnQueue) {
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "贷款"), AnswerOn("kb3", "贷款", "q_deleted")));
  ASSERT_TRUE(engine_.Send(Next("k2", "转人工"), Transfer()));
  const auto* snap = engine_.FindConversation("c-k1");
  EXPECT_EQ(snap->queue.id, "q_bot");
  EXPECT_EQ(snap->state, ConversationState::kAssigned);
}

TEST_F(BotFlowTest, TheHandoffButtonFollowsTheTopicToo) {
  ASSERT_TRUE(
      engine_.Send(Message("v1", "k1", "信用卡被锁了"), AnswerOn("kb1", "信用卡", "q_human")));
  RequestHuman request{Visitor("v1"), "h1", "c-k1", "小助手",
                       Said(BotReplyKind::kTransfer, "正在转接")};
  auto outcome = engine_.Handoff(request);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->ack, (Ack{"c-k1", 3}));  // the bot's notice
  ASSERT_GE(outcome->events.size(), 2u);
  EXPECT_EQ(outcome->events[1].code, SystemCode::kTransferred);
  EXPECT_EQ(outcome->events[1].transfer->by, TransferBy::kBot);
  EXPECT_EQ(engine_.FindConversation("c-k1")->queue.id, "q_human");
}

TEST_F(BotFlowTest, TheHandoffButtonIsRefusedOnlyWhenNeitherQueueCanTakeIt) {
  QueueInfo closed_own{"q_bot", "retail", "个人业务", true};
  closed_own.routing.max_waiting = 1;
  engine_.UpsertQueue(closed_own);
  ASSERT_TRUE(engine_.SetStatus("a1", AgentStatus::kAway));
  // The own queue is full: one customer already waits there.
  ASSERT_TRUE(engine_.Send(Message("v9", "k9", "转人工"), Transfer()));
  ASSERT_EQ(engine_.FindConversation("c-k9")->state, ConversationState::kQueued);
  ASSERT_TRUE(engine_.Send(Message("v1", "k1", "转账限额"), AnswerOn("kb2", "个人业务", "")));
  RequestHuman request{Visitor("v1"), "h1", "c-k1", "小助手",
                       Said(BotReplyKind::kTransfer, "正在转接")};
  auto refused = engine_.Handoff(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kQueueFull);
  // A routed topic whose queue has room: the same full own queue does not matter.
  ASSERT_TRUE(engine_.Send(Next("k2", "信用卡被锁了"), AnswerOn("kb1", "信用卡", "q_human")));
  request.idempotency_key = "h2";
  auto outcome = engine_.Handoff(request);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(engine_.FindConversation("c-k1")->queue.id, "q_human");
  EXPECT_EQ(engine_.FindConversation("c-k1")->state, ConversationState::kQueued);
}

}  // namespace
}  // namespace kefu::engine
