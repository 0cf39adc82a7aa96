#include "bot/bot_settings.hpp"

#include <gtest/gtest.h>

namespace kefu::bot {
namespace {

TEST(BotSettingsTest, EmptyDocumentKeepsDefaultsAndRoundTrips) {
  auto parsed = ParseBotSettings("{}");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->name, BotSettings{}.name);
  auto again = ParseBotSettings(SerializeBotSettings(*parsed));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->handoff.request_phrases, BotSettings{}.handoff.request_phrases);
  EXPECT_DOUBLE_EQ(again->thresholds.answer, BotSettings{}.thresholds.answer);
}

TEST(BotSettingsTest, ReadsEveryField) {
  auto parsed = ParseBotSettings(R"({"name":"小招","greeting":"","answer_threshold":0.8,
      "clarify_threshold":0.5,"handoff_phrases":["找客服"," "],"misses_to_offer":1,
      "misses_to_transfer":3,"suggestions":false,"custom_words":["微粒贷"],
      "synonyms":[["贷款","借款","借钱"]],
      "handoff_routes":[{"category":"信用卡","queue":"q-cards"},{"category":"贷款","queue":"q-loans"}]})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->name, "小招");
  EXPECT_EQ(parsed->greeting, "");
  EXPECT_DOUBLE_EQ(parsed->thresholds.answer, 0.8);
  EXPECT_EQ(parsed->handoff.request_phrases, std::vector<std::string>{"找客服"});
  EXPECT_EQ(parsed->handoff.misses_to_offer, 1);
  EXPECT_FALSE(parsed->suggestions);
  ASSERT_EQ(parsed->synonyms.size(), 1u);
  EXPECT_EQ(parsed->synonyms[0].size(), 3u);
  auto again = ParseBotSettings(SerializeBotSettings(*parsed));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->synonyms, parsed->synonyms);
  EXPECT_EQ(again->custom_words, parsed->custom_words);
  EXPECT_EQ(again->handoff_routes, parsed->handoff_routes);
  EXPECT_EQ(parsed->RouteFor("信用卡"), "q-cards");
  EXPECT_EQ(parsed->RouteFor("贷款"), "q-loans");
  EXPECT_EQ(parsed->RouteFor("电子银行"), "");
  EXPECT_EQ(parsed->RouteFor(""), "");
}

TEST(BotSettingsTest, RejectsBadValuesWithTheField) {
  struct Row {
    std::string json;
    ErrorCode code;
    std::string field;
  };
  const std::vector<Row> rows = {
      {"[1]", ErrorCode::kBadJson, ""},
      {"not json", ErrorCode::kBadJson, ""},
      {R"({"name":""})", ErrorCode::kBadFrame, "name"},
      {R"({"name":7})", ErrorCode::kBadFrame, "name"},
      {R"({"answer_threshold":1.5})", ErrorCode::kBadFrame, "answer_threshold"},
      {R"({"answer_threshold":"high"})", ErrorCode::kBadFrame, "answer_threshold"},
      {R"({"answer_threshold":0.4,"clarify_threshold":0.6})", ErrorCode::kBadFrame,
       "clarify_threshold"},
      {R"({"misses_to_offer":-1})", ErrorCode::kBadFrame, "misses_to_offer"},
      {R"({"misses_to_offer":3,"misses_to_transfer":2})", ErrorCode::kBadFrame,
       "misses_to_transfer"},
      {R"({"handoff_phrases":"转人工"})", ErrorCode::kBadFrame, "handoff_phrases"},
      {R"({"handoff_phrases":[1]})", ErrorCode::kBadFrame, "handoff_phrases"},
      {R"({"synonyms":[["贷款"]]})", ErrorCode::kBadFrame, "synonyms"},
      {R"({"suggestions":"yes"})", ErrorCode::kBadFrame, "suggestions"},
      {R"({"handoff_routes":{"信用卡":"q1"}})", ErrorCode::kBadFrame, "handoff_routes"},
      {R"({"handoff_routes":[{"category":"信用卡"}]})", ErrorCode::kBadFrame, "handoff_routes"},
      {R"({"handoff_routes":[{"category":"","queue":"q1"}]})", ErrorCode::kBadFrame,
       "handoff_routes"},
      {R"({"handoff_routes":[{"category":"信用卡","queue":""}]})", ErrorCode::kBadFrame,
       "handoff_routes"},
      {R"({"handoff_routes":[{"category":"信用卡","queue":"q1"},{"category":"信用卡","queue":"q2"}]})",
       ErrorCode::kBadFrame, "handoff_routes"},
      {R"({"unknown_reply":")" + std::string(501, 'x') + R"("})", ErrorCode::kBadFrame,
       "unknown_reply"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.json);
    auto parsed = ParseBotSettings(row.json);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, row.code);
    EXPECT_NE(parsed.error().message.find(row.field), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace kefu::bot
