// The tenant's bot at run time: bands to bot turns, handoff, gaps, suggestions, edits, settings
// and synonyms. Uses the real text models (OpenCC, jieba's dictionary from python3-jieba).
#include "realtime/knowledge.hpp"

#include <gtest/gtest.h>

namespace kefu::realtime {
namespace {

constexpr Millis kNow = 1'800'000'000'000;

bot::KbEntry Entry(std::string id, std::string question, std::vector<std::string> similar,
                   std::string answer) {
  bot::KbEntry e;
  e.id = std::move(id);
  e.question = std::move(question);
  e.similar = std::move(similar);
  e.answer = std::move(answer);
  return e;
}

std::vector<bot::KbEntry> Bank() {
  return {Entry("kb_lock", "信用卡被锁了怎么办？", {"信用卡锁卡了", "卡被冻结了怎么解锁"},
                "请在手机银行“卡片管理”中自助解锁。"),
          Entry("kb_loan", "贷款利率是多少？", {"房贷利率", "消费贷款利息怎么算"},
                "以签约时的 LPR 为基础确定。"),
          Entry("kb_pwd", "如何修改银行卡密码？", {"怎么改密码", "忘记密码了怎么办"},
                "登录手机银行进入安全中心修改。")};
}

class KnowledgeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    models_ = new TextModels;
    ASSERT_TRUE(models_->Get(normalizer_, dictionary_));
  }
  static void TearDownTestSuite() {
    delete models_;
    models_ = nullptr;
  }
  static std::shared_ptr<Knowledge> Make(bot::BotSettings settings = {},
                                         std::vector<bot::KbEntry> entries = Bank()) {
    return std::make_shared<Knowledge>(normalizer_, dictionary_, std::move(settings),
                                       std::move(entries));
  }

  static inline TextModels* models_ = nullptr;
  static inline std::shared_ptr<const text::Normalizer> normalizer_;
  static inline std::shared_ptr<const text::Dictionary> dictionary_;
};

TEST_F(KnowledgeTest, AnswersTheSameQuestionWithTheEntry) {
  auto kb = Make();
  auto turn = kb->Respond("信用卡被锁了怎么办", {}, kNow);
  ASSERT_EQ(turn.messages.size(), 1u);
  EXPECT_EQ(turn.messages[0].reply.kind, engine::BotReplyKind::kAnswer);
  EXPECT_EQ(turn.messages[0].reply.entry_id, "kb_lock");
  EXPECT_EQ(turn.messages[0].text, "请在手机银行“卡片管理”中自助解锁。");
  EXPECT_FALSE(turn.transfer);
  EXPECT_FALSE(turn.gap.has_value());
  EXPECT_EQ(turn.misses, 0);
  EXPECT_EQ(turn.bot_name, "智能助手");
}

TEST_F(KnowledgeTest, ExplicitRequestTransfersWithoutAnswerOrGap) {
  auto kb = Make();
  auto turn = kb->Respond("轉人工", {"c1", 1}, kNow);  // Traditional form of 转人工
  ASSERT_EQ(turn.messages.size(), 1u);
  EXPECT_EQ(turn.messages[0].reply.kind, engine::BotReplyKind::kTransfer);
  EXPECT_EQ(turn.messages[0].reply.reason, "explicit_request");
  EXPECT_TRUE(turn.transfer);
  EXPECT_FALSE(turn.gap.has_value());
}

TEST_F(KnowledgeTest, MatchedQuestionsCarryTheirTopicAndItsRoute) {
  auto entries = Bank();
  entries[0].category = "信用卡";
  entries[1].category = "贷款";
  bot::BotSettings settings;
  settings.handoff_routes = {{"信用卡", "q_cards"}};
  auto kb = Make(settings, entries);

  auto routed = kb->Respond("信用卡被锁了怎么办", {"c1", 0}, kNow);
  ASSERT_TRUE(routed.topic.has_value());
  EXPECT_EQ(*routed.topic, (engine::BotTopic{"信用卡", "q_cards"}));
  auto unrouted = kb->Respond("贷款利率是多少", {"c1", 0}, kNow);
  ASSERT_TRUE(unrouted.topic.has_value());
  EXPECT_EQ(*unrouted.topic, (engine::BotTopic{"贷款", ""}));
  // An uncategorised answer is a topic too: it has no route.
  auto plain = kb->Respond("如何修改银行卡密码", {"c1", 0}, kNow);
  ASSERT_TRUE(plain.topic.has_value());
  EXPECT_EQ(*plain.topic, (engine::BotTopic{"", ""}));
  // A miss knows no topic: the conversation keeps its earlier one.
  EXPECT_FALSE(kb->Respond("火星上有分行吗", {"c1", 0}, kNow).topic.has_value());
  // An explicit request that also names a known question routes by it.
  auto request = kb->Respond("信用卡被锁了怎么办，转人工", {"c1", 0}, kNow);
  EXPECT_TRUE(request.transfer);
  ASSERT_TRUE(request.topic.has_value());
  EXPECT_EQ(request.topic->queue_id, "q_cards");
}

TEST_F(KnowledgeTest, UnknownQuestionsAreGapsAndRepeatedMissesOfferAPerson) {
  bot::BotSettings settings;
  settings.handoff.misses_to_offer = 2;
  settings.handoff.misses_to_transfer = 3;
  auto kb = Make(settings);
  auto first = kb->Respond("火星上有分行吗", {"c1", 0}, kNow);
  ASSERT_EQ(first.messages.size(), 1u);
  EXPECT_EQ(first.messages[0].reply.kind, engine::BotReplyKind::kUnknown);
  EXPECT_EQ(first.misses, 1);
  ASSERT_TRUE(first.gap.has_value());
  EXPECT_EQ(first.gap->question, "火星上有分行吗");
  EXPECT_FALSE(first.gap->key.empty());

  auto second = kb->Respond("火星上有分行吗？", {"c1", first.misses}, kNow);
  ASSERT_EQ(second.messages.size(), 2u);
  EXPECT_EQ(second.messages[1].reply.kind, engine::BotReplyKind::kOffer);
  EXPECT_EQ(second.messages[1].reply.reason, "consecutive_misses");
  EXPECT_FALSE(second.transfer);
  EXPECT_EQ(second.gap->key, first.gap->key) << "asked twice, counted under one key";

  auto third = kb->Respond("月球呢", {"c1", second.misses}, kNow);
  EXPECT_TRUE(third.transfer);
  EXPECT_EQ(third.messages.back().reply.kind, engine::BotReplyKind::kTransfer);
}

TEST_F(KnowledgeTest, SuggestionsFollowTheSettingAndEdits) {
  auto kb = Make();
  auto items = kb->Suggest("信用", kNow, 5);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].entry_id, "kb_lock");

  kb->Remove("kb_lock");
  for (const auto& item : kb->Suggest("信用", kNow, 5)) EXPECT_NE(item.entry_id, "kb_lock");
  kb->Upsert(Entry("kb_card", "信用卡年费怎么收？", {}, "首年免年费。"));
  items = kb->Suggest("信用", kNow, 5);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].entry_id, "kb_card");

  bot::BotSettings quiet;
  quiet.suggestions = false;
  kb->SetSettings(quiet, Bank());
  EXPECT_TRUE(kb->Suggest("信用", kNow, 5).empty());
  EXPECT_FALSE(kb->Intro().suggestions);
}

TEST_F(KnowledgeTest, TenantSynonymsBridgeWordsTheKnowledgeBaseDoesNotUse) {
  auto plain = Make();
  auto before = plain->Search("借款利息怎么算", kNow, 3);
  const double without =
      before.empty() || before[0].entry.id != "kb_loan" ? 0 : before[0].confidence;

  bot::BotSettings settings;
  settings.synonyms = {{"贷款", "借款", "借钱"}};
  auto kb = Make(settings);
  auto hits = kb->Search("借款利息怎么算", kNow, 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].entry.id, "kb_loan");
  EXPECT_GT(hits[0].confidence, without);
  // Visitors and editors still see the knowledge base's own wording.
  EXPECT_EQ(hits[0].entry.similar[1], "消费贷款利息怎么算");
  auto turn = kb->Respond("消费借款利息怎么算", {}, kNow);
  ASSERT_FALSE(turn.messages.empty());
  EXPECT_EQ(turn.messages[0].reply.kind, engine::BotReplyKind::kAnswer);
  EXPECT_EQ(turn.messages[0].reply.question, "贷款利率是多少？");
  auto items = kb->Suggest("消费借", kNow, 5);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].question, "消费贷款利息怎么算");
}

TEST_F(KnowledgeTest, TransferAndOfferMessagesUseTheTenantsWording) {
  bot::BotSettings settings;
  settings.name = "小招";
  settings.transfer_notice = "马上为您转接。";
  settings.offer_prompt = "要找人工吗？";
  auto kb = Make(settings);
  auto notice = kb->TransferNotice("visitor_button");
  EXPECT_EQ(notice.text, "马上为您转接。");
  EXPECT_EQ(notice.reply.reason, "visitor_button");
  auto offer = kb->NotHelpfulOffer();
  EXPECT_EQ(offer.text, "要找人工吗？");
  EXPECT_EQ(offer.reply.reason, "not_helpful");
  EXPECT_EQ(kb->bot_name(), "小招");
}

TEST_F(KnowledgeTest, WhileWaitingOnlyConfidentAnswersAndNoGaps) {
  auto kb = Make();
  engine::BotContext waiting{"c1", 0, true};
  auto turn = kb->Respond("信用卡被锁了怎么办", waiting, kNow);
  ASSERT_EQ(turn.messages.size(), 1u);
  EXPECT_EQ(turn.messages[0].reply.kind, engine::BotReplyKind::kAnswer);
  EXPECT_EQ(turn.messages[0].reply.entry_id, "kb_lock");
  EXPECT_TRUE(turn.messages[0].reply.waiting);

  // Unknown, an explicit request for a person, an angry customer: the person will read it.
  for (const char* question : {"天气怎么样", "转人工", "你们太差劲了，气死我了"}) {
    turn = kb->Respond(question, waiting, kNow);
    EXPECT_TRUE(turn.messages.empty()) << question;
    EXPECT_FALSE(turn.transfer) << question;
    EXPECT_FALSE(turn.gap.has_value()) << question;
  }

  bot::BotSettings off;
  off.answer_while_waiting = false;
  auto quiet = Make(off);
  EXPECT_TRUE(quiet->Respond("信用卡被锁了怎么办", waiting, kNow).messages.empty());
  EXPECT_FALSE(quiet->SelfService().has_value());
  ASSERT_TRUE(kb->SelfService().has_value());
  EXPECT_TRUE(kb->SelfService()->suggestions);
}

}  // namespace
}  // namespace kefu::realtime
