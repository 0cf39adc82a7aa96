// FrameReader reads a server frame's fields while parsing: the same fields as a Boost.JSON tree
// read by JsonString/JsonInt (json_fields.hpp), which the load generator used before, on frames
// of every type Kefu sends and on awkward ones.
#include "frame_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "json_fields.hpp"

namespace kefu::bench {
namespace {

namespace json = boost::json;

// The fields as the tree gives them; false if the frame is not a JSON object.
bool FromTree(std::string_view frame, FrameFields& f) {
  json::error_code ec;
  json::value value = json::parse(frame, ec);
  if (ec || !value.is_object()) return false;
  const auto& o = value.get_object();
  f.type = JsonString(o, "type");
  f.id = JsonString(o, "id");
  f.conversation = JsonString(o, "conversation");
  f.kind = JsonString(o, "kind");
  f.text = JsonString(o, "text");
  f.code = JsonString(o, "code");
  f.message = JsonString(o, "message");
  f.seq = JsonInt(o, "seq");
  if (const auto* author = o.if_contains("author"); author && author->is_object()) {
    f.author_role = JsonString(author->get_object(), "role");
  }
  if (const auto* visitor = o.if_contains("visitor"); visitor && visitor->is_object()) {
    f.visitor_token = JsonString(visitor->get_object(), "token");
  }
  return true;
}

TEST(FrameReaderTest, ReadsWhatATreeReadsFromEveryKindOfFrame) {
  const std::string long_text(5000, 'x');
  const std::vector<std::string> frames = {
      R"({"type":"event","conversation":"c_1","seq":7,"at":1700000000000,"kind":"message","author":{"role":"visitor","id":"v_1","name":"访客"},"text":"lg 3 12345 pad"})",
      R"({"type":"ack","id":"k000000000001","conversation":"c_1","seq":8})",
      R"({"type":"event","conversation":"c_2","seq":1,"at":5,"kind":"system","code":"assigned","agent":{"id":"u_1","name":"王小明"}})",
      R"({"type":"welcome","visitor":{"id":"v_9","token":"tok.en\/with\"escapes\u4e2d"},"conversations":[{"id":"c_1","type":"x","text":"inside an array"}],"limits":{"max_frame_bytes":65536}})",
      R"({"type":"error","id":"k1","code":"rate_limited","message":"more than 20 commands per second; retry later"})",
      R"({"type":"conversation","conversation":{"id":"c_1","state":"assigned","text":"nested"}})",
      R"({"type":"pong","at":1})",
      // Escapes, a long string (delivered to the handler in parts), unicode escapes.
      R"({"type":"event","kind":"message","text":"a\"b\\c\nd\u0001\u00e9\ud83d\ude00","seq":2})",
      R"({"type":"event","kind":"message","text":")" + long_text + R"(\n","seq":3})",
      // Duplicated keys (the last wins), values of other types, a seq that is not an int64.
      R"({"type":"ack","type":"event","seq":1,"seq":"2","id":5,"conversation":null})",
      R"({"type":"event","text":"first","text":["second"],"author":{"role":"visitor"},"author":{"id":"a"}})",
      R"({"type":"event","author":{"role":"agent"},"author":"visitor","seq":18446744073709551615})",
      R"({"type":"event","seq":-3,"kind":true,"code":1.5,"message":{"text":"deep"}})",
      R"({"author":{"role":{"role":"visitor"}},"visitor":[{"token":"no"}]})",
      R"({})",
  };
  FrameReader reader;
  for (const auto& frame : frames) {
    FrameFields expected;
    ASSERT_TRUE(FromTree(frame, expected)) << frame;
    ASSERT_TRUE(reader.Read(frame)) << frame;
    const FrameFields& got = reader.fields();
    EXPECT_EQ(got.type, expected.type) << frame;
    EXPECT_EQ(got.id, expected.id) << frame;
    EXPECT_EQ(got.conversation, expected.conversation) << frame;
    EXPECT_EQ(got.kind, expected.kind) << frame;
    EXPECT_EQ(got.text, expected.text) << frame;
    EXPECT_EQ(got.code, expected.code) << frame;
    EXPECT_EQ(got.message, expected.message) << frame;
    EXPECT_EQ(got.seq, expected.seq) << frame;
    EXPECT_EQ(got.author_role, expected.author_role) << frame;
    EXPECT_EQ(got.visitor_token, expected.visitor_token) << frame;
  }
  // And what a tree refuses.
  for (const std::string bad :
       {"", "[1,2]", "\"text\"", "{\"type\":", "{\"a\":1} trailing", "nul"}) {
    FrameFields ignored;
    EXPECT_FALSE(FromTree(bad, ignored)) << bad;
    EXPECT_FALSE(reader.Read(bad)) << bad;
  }
  // A reader is reused frame after frame: nothing of one frame leaks into the next.
  ASSERT_TRUE(reader.Read(R"({"type":"pong"})"));
  EXPECT_EQ(reader.fields().type, "pong");
  EXPECT_TRUE(reader.fields().text.empty());
  EXPECT_EQ(reader.fields().seq, 0);
}

}  // namespace
}  // namespace kefu::bench
