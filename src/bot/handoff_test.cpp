#include "bot/handoff.hpp"

#include <gtest/gtest.h>

namespace kefu::bot {
namespace {

class HandoffTest : public ::testing::Test {
 protected:
  HandoffTest() {
    auto normalizer = text::Normalizer::Create();
    EXPECT_TRUE(normalizer) << normalizer.error().message;
    normalizer_ = std::move(normalizer.value());
  }
  std::shared_ptr<const text::Normalizer> normalizer_;
};

TEST_F(HandoffTest, SingleMessages) {
  const HandoffRules rules(normalizer_, HandoffPolicy{});
  const struct {
    const char* message;
    HandoffAction action;
    HandoffReason reason;
  } cases[] = {
      {"转人工", HandoffAction::kTransferNow, HandoffReason::kExplicitRequest},
      {"轉人工", HandoffAction::kTransferNow, HandoffReason::kExplicitRequest},  // Traditional
      {"我要 转 人工！", HandoffAction::kTransferNow, HandoffReason::kExplicitRequest},
      {"请帮我找人工客服", HandoffAction::kTransferNow, HandoffReason::kExplicitRequest},
      {"我要投诉", HandoffAction::kTransferNow, HandoffReason::kExplicitRequest},
      {"能和真人说话吗", HandoffAction::kTransferNow, HandoffReason::kExplicitRequest},
      {"什么破系统", HandoffAction::kOfferTransfer, HandoffReason::kNegativeTone},    // 2
      {"垃圾，气死我了", HandoffAction::kTransferNow, HandoffReason::kNegativeTone},  // 2 + 2
      {"无语", HandoffAction::kNone, HandoffReason::kNone},                           // 1: mild
      {"怎么提前还款", HandoffAction::kNone, HandoffReason::kNone},
      {"", HandoffAction::kNone, HandoffReason::kNone},
  };
  for (const auto& c : cases) {
    HandoffState state;
    const HandoffDecision decision = rules.OnMessage(c.message, false, state);
    EXPECT_EQ(decision.action, c.action) << c.message;
    EXPECT_EQ(decision.reason, c.reason) << c.message;
  }
}

TEST_F(HandoffTest, ConsecutiveMisses) {
  HandoffPolicy policy;
  policy.misses_to_offer = 2;
  policy.misses_to_transfer = 3;
  const HandoffRules rules(normalizer_, policy);
  HandoffState state;
  const struct {
    bool missed;
    HandoffAction action;
  } turns[] = {
      {true, HandoffAction::kNone},        {true, HandoffAction::kOfferTransfer},
      {false, HandoffAction::kNone},  // an answer resets the run
      {true, HandoffAction::kNone},        {true, HandoffAction::kOfferTransfer},
      {true, HandoffAction::kTransferNow},
  };
  for (std::size_t i = 0; i < std::size(turns); ++i) {
    const HandoffDecision decision = rules.OnMessage("随便问问", turns[i].missed, state);
    EXPECT_EQ(decision.action, turns[i].action) << "turn " << i;
    if (decision.action != HandoffAction::kNone) {
      EXPECT_EQ(decision.reason, HandoffReason::kConsecutiveMisses);
    }
  }
  policy.misses_to_offer = 0;
  policy.misses_to_transfer = 0;
  const HandoffRules disabled(normalizer_, policy);
  HandoffState many{10};
  EXPECT_EQ(disabled.OnMessage("随便问问", true, many).action, HandoffAction::kNone);
}

TEST_F(HandoffTest, StrongestActionWins) {
  const HandoffRules rules(normalizer_, HandoffPolicy{});
  HandoffState state{5};
  // Misses alone would transfer; an explicit request is reported as the reason.
  EXPECT_EQ(rules.OnMessage("转人工", true, state).reason, HandoffReason::kExplicitRequest);
  HandoffState one_miss{1};
  // Tone offers, misses offer too: tone is checked first.
  EXPECT_EQ(rules.OnMessage("垃圾", true, one_miss).reason, HandoffReason::kNegativeTone);
}

TEST_F(HandoffTest, NotHelpfulOffersAPerson) {
  const HandoffRules rules(normalizer_, HandoffPolicy{});
  const HandoffDecision decision = rules.OnNotHelpful();
  EXPECT_EQ(decision.action, HandoffAction::kOfferTransfer);
  EXPECT_EQ(HandoffReasonName(decision.reason), "not_helpful");
}

TEST_F(HandoffTest, ToneCountsLongestPhraseOnce) {
  HandoffPolicy policy;
  policy.tone_lexicon = {{"投诉你们", 3}, {"投诉", 1}, {"垃圾", 2}};
  policy.request_phrases = {};
  const HandoffRules rules(normalizer_, policy);
  EXPECT_DOUBLE_EQ(rules.ToneScore("我要投诉你们"), 3);
  EXPECT_DOUBLE_EQ(rules.ToneScore("垃圾垃圾"), 4);
  EXPECT_DOUBLE_EQ(rules.ToneScore("还款"), 0);
}

}  // namespace
}  // namespace kefu::bot
