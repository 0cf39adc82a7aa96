#include "protocol/frame_parser.hpp"

#include <gtest/gtest.h>

namespace kefu::protocol {
namespace {

TEST(FrameParserTest, ParsesEveryCommand) {
  auto send = ParseClientFrame(R"({"type":"send","id":"k1","conversation":"c_1","text":"你好"})");
  ASSERT_TRUE(send.frame);
  const auto& s = std::get<SendCommand>(*send.frame);
  EXPECT_EQ(s.id, "k1");
  EXPECT_EQ(s.conversation, "c_1");
  EXPECT_EQ(s.text, "你好");

  auto first = ParseClientFrame(R"({"type":"send","id":"k2","text":"hi"})");
  ASSERT_TRUE(first.frame);
  EXPECT_FALSE(std::get<SendCommand>(*first.frame).conversation);

  auto close = ParseClientFrame(R"({"type":"close","id":"k3","conversation":"c_1"})");
  ASSERT_TRUE(close.frame);
  EXPECT_EQ(std::get<CloseCommand>(*close.frame).conversation, "c_1");
  EXPECT_TRUE(std::get<CloseCommand>(*close.frame).classification.empty());

  auto classified = ParseClientFrame(
      R"({"type":"close","id":"k3b","conversation":"c_1","classification":"n_pwd","summary":"已重置"})");
  ASSERT_TRUE(classified.frame);
  EXPECT_EQ(std::get<CloseCommand>(*classified.frame).classification, "n_pwd");
  EXPECT_EQ(std::get<CloseCommand>(*classified.frame).summary, "已重置");

  auto read = ParseClientFrame(R"({"type":"read","id":"k4","conversation":"c_1","seq":7})");
  ASSERT_TRUE(read.frame);
  EXPECT_EQ(std::get<ReadCommand>(*read.frame).seq, 7);

  auto status = ParseClientFrame(R"({"type":"status","id":"k5","status":"away"})");
  ASSERT_TRUE(status.frame);
  EXPECT_EQ(std::get<StatusCommand>(*status.frame).status, engine::AgentStatus::kAway);

  auto handoff = ParseClientFrame(R"({"type":"handoff","id":"k6","conversation":"c_1"})");
  ASSERT_TRUE(handoff.frame);
  EXPECT_EQ(std::get<HandoffCommand>(*handoff.frame).conversation, "c_1");

  auto rate =
      ParseClientFrame(R"({"type":"rate","id":"k7","conversation":"c_1","seq":4,"helpful":false})");
  ASSERT_TRUE(rate.frame);
  EXPECT_EQ(std::get<RateCommand>(*rate.frame).seq, 4);
  EXPECT_FALSE(std::get<RateCommand>(*rate.frame).helpful);

  auto suggest = ParseClientFrame(R"({"type":"suggest","id":"s1","text":"信用"})");
  ASSERT_TRUE(suggest.frame);
  EXPECT_EQ(std::get<SuggestCommand>(*suggest.frame).text, "信用");
  auto typing = ParseClientFrame(R"({"type":"typing","id":"t1","text":"我想问"})");
  ASSERT_TRUE(typing.frame);
  EXPECT_EQ(std::get<TypingCommand>(*typing.frame).text, "我想问");
  auto cleared = ParseClientFrame(R"({"type":"typing","id":"t2","text":""})");
  ASSERT_TRUE(cleared.frame);
  EXPECT_EQ(std::get<TypingCommand>(*cleared.frame).text, "");

  auto ping = ParseClientFrame(R"({"type":"ping"})");
  ASSERT_TRUE(ping.frame);
  EXPECT_TRUE(std::holds_alternative<Ping>(*ping.frame));
}

TEST(FrameParserTest, ParsesHello) {
  auto visitor = ParseClientFrame(
      R"({"type":"hello","role":"visitor","tenant":"demo-bank","visitor_token":"v1.a.b.c",)"
      R"("queue":"cards","resume":{"c_1":3,"c_2":0}})");
  ASSERT_TRUE(visitor.frame);
  const auto& h = std::get<Hello>(*visitor.frame);
  EXPECT_EQ(h.role, Hello::Role::kVisitor);
  EXPECT_EQ(h.tenant, "demo-bank");
  EXPECT_EQ(h.queue, "cards");
  EXPECT_EQ(h.resume.at("c_1"), 3);
  EXPECT_EQ(h.resume.size(), 2u);

  auto agent = ParseClientFrame(R"({"type":"hello","role":"agent"})");
  ASSERT_TRUE(agent.frame);
  EXPECT_EQ(std::get<Hello>(*agent.frame).role, Hello::Role::kAgent);
}

TEST(FrameParserTest, RejectsBadFramesWithReasons) {
  struct Row {
    std::string frame;
    ErrorCode code;
    std::optional<std::string> id;
  };
  const std::vector<Row> rows = {
      {"", ErrorCode::kBadJson, std::nullopt},
      {"not json", ErrorCode::kBadJson, std::nullopt},
      {"[1,2]", ErrorCode::kBadJson, std::nullopt},
      {R"("just a string")", ErrorCode::kBadJson, std::nullopt},
      {"{\"type\":\"send\",\"id\":\"k\",\"text\":\"\xff\xfe\"}", ErrorCode::kBadJson, std::nullopt},
      {R"({"id":"k1"})", ErrorCode::kBadFrame, "k1"},
      {R"({"type":7})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"dance","id":"k1"})", ErrorCode::kUnknownType, "k1"},
      {R"({"type":"send","text":"hi"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"send","id":"","text":"hi"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"send","id":"has space","text":"hi"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"send","id":42,"text":"hi"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"send","id":"k2"})", ErrorCode::kBadFrame, "k2"},
      {R"({"type":"send","id":"k3","text":5})", ErrorCode::kBadFrame, "k3"},
      {R"({"type":"send","id":"k4","text":"x","conversation":{}})", ErrorCode::kBadFrame, "k4"},
      {R"({"type":"read","id":"k5","conversation":"c","seq":-1})", ErrorCode::kBadFrame, "k5"},
      {R"({"type":"read","id":"k6","conversation":"c","seq":1.5})", ErrorCode::kBadFrame, "k6"},
      {R"({"type":"read","id":"k7","conversation":"c"})", ErrorCode::kBadFrame, "k7"},
      {R"({"type":"status","id":"k8","status":"sleeping"})", ErrorCode::kBadFrame, "k8"},
      {R"({"type":"close","id":"k9"})", ErrorCode::kBadFrame, "k9"},
      {R"({"type":"close","id":"k10","conversation":"c","classification":5})", ErrorCode::kBadFrame,
       "k10"},
      {R"({"type":"close","id":"k11","conversation":"c","classification":"a b"})",
       ErrorCode::kBadFrame, "k11"},
      {R"({"type":"close","id":"k12","conversation":"c","summary":[]})", ErrorCode::kBadFrame,
       "k12"},
      {R"({"type":"handoff","id":"h1"})", ErrorCode::kBadFrame, "h1"},
      {R"({"type":"rate","id":"r1","conversation":"c","seq":2})", ErrorCode::kBadFrame, "r1"},
      {R"({"type":"rate","id":"r2","conversation":"c","seq":2,"helpful":"yes"})",
       ErrorCode::kBadFrame, "r2"},
      {R"({"type":"rate","id":"r3","conversation":"c","helpful":true})", ErrorCode::kBadFrame,
       "r3"},
      {R"({"type":"suggest","id":"s1"})", ErrorCode::kBadFrame, "s1"},
      {R"({"type":"suggest","id":"s2","text":["a"]})", ErrorCode::kBadFrame, "s2"},
      {R"({"type":"suggest","text":"a"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"typing","id":"t1"})", ErrorCode::kBadFrame, "t1"},
      {R"({"type":"typing","id":"t2","text":5})", ErrorCode::kBadFrame, "t2"},
      {R"({"type":"typing","id":"t3","text":")" + std::string(4001, 'a') + R"("})",
       ErrorCode::kBadFrame, "t3"},
      {R"({"type":"hello","role":"robot"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"hello","role":"visitor"})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"hello","role":"agent","resume":[1]})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"type":"hello","role":"agent","resume":{"c":"x"}})", ErrorCode::kBadFrame, std::nullopt},
      {R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}})", ErrorCode::kBadJson,
       std::nullopt},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.frame);
    auto parsed = ParseClientFrame(row.frame);
    ASSERT_FALSE(parsed.frame);
    EXPECT_EQ(parsed.frame.error().code, row.code);
    EXPECT_FALSE(parsed.frame.error().message.empty());
    EXPECT_EQ(parsed.id, row.id);
  }
}

TEST(FrameParserTest, LimitsResumeSize) {
  std::string frame = R"({"type":"hello","role":"agent","resume":{)";
  for (std::size_t i = 0; i <= kMaxResumeEntries; ++i) {
    frame += (i ? "," : "") + std::string("\"c") + std::to_string(i) + "\":1";
  }
  frame += "}}";
  auto parsed = ParseClientFrame(frame);
  ASSERT_FALSE(parsed.frame);
  EXPECT_EQ(parsed.frame.error().code, ErrorCode::kBadFrame);
}

}  // namespace
}  // namespace kefu::protocol
