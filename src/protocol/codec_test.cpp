#include "protocol/codec.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace kefu::protocol {
namespace {

namespace json = boost::json;

TEST(CodecTest, MessageEventFrame) {
  engine::ConversationEvent event;
  event.conversation_id = "c_1";
  event.seq = 3;
  event.at = 1000;
  event.kind = engine::EventKind::kMessage;
  event.author = {engine::AuthorRole::kVisitor, "v_1", "访客"};
  event.text = "<b>\"引号\"</b>";
  auto frame = json::parse(EventFrame(event)).as_object();
  EXPECT_EQ(frame.at("type"), "event");
  EXPECT_EQ(frame.at("seq"), 3);
  EXPECT_EQ(frame.at("kind"), "message");
  EXPECT_EQ(frame.at("text"), "<b>\"引号\"</b>");
  EXPECT_EQ(frame.at("author").at("role"), "visitor");
}

TEST(CodecTest, SystemEventFrames) {
  engine::ConversationEvent event;
  event.conversation_id = "c_1";
  event.kind = engine::EventKind::kSystem;
  event.code = engine::SystemCode::kAssigned;
  event.ref = {"u_1", "王小明"};
  auto assigned = json::parse(EventFrame(event)).as_object();
  EXPECT_EQ(assigned.at("code"), "assigned");
  EXPECT_EQ(assigned.at("agent").at("name"), "王小明");
  EXPECT_FALSE(assigned.contains("text"));

  event.code = engine::SystemCode::kClosed;
  event.closed_by = engine::CloseReason::kIdle;
  auto closed = json::parse(EventFrame(event)).as_object();
  EXPECT_EQ(closed.at("by"), "idle");
}

TEST(CodecTest, ErrorFrameCarriesCodeAndId) {
  auto frame = json::parse(ErrorFrame("k1", {ErrorCode::kTextTooLong, "too long"})).as_object();
  EXPECT_EQ(frame.at("code"), "text_too_long");
  EXPECT_EQ(frame.at("id"), "k1");
  auto anonymous = json::parse(ErrorFrame(std::nullopt, {ErrorCode::kBadJson, "x"})).as_object();
  EXPECT_TRUE(anonymous.at("id").is_null());
}

TEST(CodecTest, BotMessagesCarryTheirReplyAndItRoundTrips) {
  engine::ConversationEvent event;
  event.conversation_id = "c_1";
  event.seq = 2;
  event.author = {engine::AuthorRole::kBot, "bot", "智能助手"};
  event.text = "您可能想问：";
  engine::BotReply reply;
  reply.kind = engine::BotReplyKind::kClarify;
  reply.choices = {{"kb_1", "信用卡被锁了怎么办？"}, {"kb_2", "如何挂失银行卡？"}};
  event.bot = reply;
  const auto json = boost::json::parse(EventFrame(event)).as_object();
  EXPECT_EQ(json.at("author").at("role"), "bot");
  EXPECT_EQ(json.at("bot").at("kind"), "clarify");
  EXPECT_EQ(json.at("bot").at("choices").as_array().size(), 2u);
  auto back = ParseBotJson(boost::json::serialize(BotJson(reply)));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, reply);

  engine::BotReply transfer;
  transfer.kind = engine::BotReplyKind::kTransfer;
  transfer.reason = "explicit_request";
  transfer.detail = "转人工";
  EXPECT_EQ(ParseBotJson(boost::json::serialize(BotJson(transfer))), transfer);
  EXPECT_FALSE(ParseBotJson("{\"kind\":\"dance\"}"));
  EXPECT_FALSE(ParseBotJson("not json"));
}

// The chat message event and the ack are written directly (codec.cpp): byte for byte what
// Boost.JSON serializes from their objects, whatever the texts hold (quotes, backslashes,
// control characters, Chinese, bytes above 0x7f, empty strings), and valid JSON.
TEST(CodecTest, DirectlyWrittenFramesMatchTheSerializerByteForByte) {
  std::vector<std::string> texts = {"",
                                    "plain",
                                    "<b>\"引号\"</b> \\ 反斜杠",
                                    std::string("nul\0inside", 11),
                                    "\b\f\n\r\t\x01\x1f\x7f",
                                    "emoji 😀 and 繁體",
                                    "/slash/ and \u2028 line separator"};
  const long kValidUtf8 = static_cast<long>(texts.size());
  std::mt19937 random(20261125);
  for (int i = 0; i < 500; ++i) {
    std::string text(random() % 40, ' ');
    for (auto& c : text) c = static_cast<char>(random() % 256);
    texts.push_back(std::move(text));
  }
  long seq = 0;
  for (const auto& text : texts) {
    engine::ConversationEvent event;
    event.conversation_id = "c_" + text;
    event.seq = ++seq * 7919;
    event.at = -5 + static_cast<std::int64_t>(seq) * 1'700'000'000'000LL % 4'000'000'000'000LL;
    event.kind = engine::EventKind::kMessage;
    event.author = {seq % 2 ? engine::AuthorRole::kVisitor : engine::AuthorRole::kAgent,
                    "id" + text, text + "名"};
    event.text = text;
    const std::string written = EventFrame(event);
    EXPECT_EQ(written, json::serialize(EventJson(event)));
    if (seq <= kValidUtf8) {  // the random ones are not UTF-8, which a parser refuses
      boost::system::error_code ec;
      (void)json::parse(written, ec);
      EXPECT_FALSE(ec) << written;
    }

    const engine::Ack ack{"c_" + text, seq};
    EXPECT_EQ(AckFrame(text, ack),
              json::serialize(json::object{{"type", "ack"},
                                           {"id", text},
                                           {"conversation", ack.conversation_id},
                                           {"seq", ack.seq}}));
  }
}

}  // namespace
}  // namespace kefu::protocol
