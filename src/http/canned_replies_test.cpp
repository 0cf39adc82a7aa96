// Canned replies' validation and file formats: table-driven rules, a per-row import report with
// line numbers, and export/import round trips.
#include "http/canned_replies.hpp"

#include <gtest/gtest.h>

namespace kefu::http::canned {
namespace {

storage::CannedReply Make(std::string code, std::string title, std::string text) {
  storage::CannedReply reply;
  reply.code = std::move(code);
  reply.title = std::move(title);
  reply.text = std::move(text);
  return reply;
}

TEST(CannedRepliesTest, NormalizeValidatesEachField) {
  struct Case {
    const char* name;
    storage::CannedReply reply;
    const char* reason;  // nullptr when valid
  };
  const std::string long_text(kMaxTextChars + 1, 'a');
  const std::vector<Case> cases = {
      {"plain", Make("thx", "感谢", "谢谢{客户名}"), nullptr},
      {"dash and digits", Make("a-1_b", "t", "x"), nullptr},
      {"empty code", Make("  ", "t", "x"), "code is empty"},
      {"slash in code", Make("/thx", "t", "x"), "code must be"},
      {"space in code", Make("t x", "t", "x"), "code must be"},
      {"chinese code", Make("谢谢", "t", "x"), "code must be"},
      {"long code", Make(std::string(33, 'a'), "t", "x"), "code must be"},
      {"empty text", Make("a", "t", " \n "), "text is empty"},
      {"long text", Make("a", "t", long_text), "longer than 2000"},
      {"title with line break", Make("a", "x\ny", "x"), "title has a line break"},
      {"long title", Make("a", std::string(65, 'b'), "x"), "title is longer"},
      {"bad utf-8", Make("a", "t", "\xff\xfe"), "UTF-8"},
  };
  for (auto c : cases) {
    auto r = Normalize(c.reply);
    if (c.reason == nullptr) {
      EXPECT_TRUE(r) << c.name << ": " << (r ? "" : r.error().message);
    } else {
      ASSERT_FALSE(r) << c.name;
      EXPECT_EQ(r.error().code, ErrorCode::kBadFrame) << c.name;
      EXPECT_NE(r.error().message.find(c.reason), std::string::npos)
          << c.name << ": " << r.error().message;
    }
  }
}

TEST(CannedRepliesTest, NormalizeLowercasesCodesAndDerivesAMissingTitle) {
  auto reply =
      Make("  THX ", "", "  感谢您的耐心等待，祝您生活愉快！请问还有其他问题吗？\n第二行 ");
  ASSERT_TRUE(Normalize(reply));
  EXPECT_EQ(reply.code, "thx");
  EXPECT_EQ(reply.title, "感谢您的耐心等待，祝您生活愉快！请问还有");
  EXPECT_EQ(reply.text, "感谢您的耐心等待，祝您生活愉快！请问还有其他问题吗？\n第二行");
}

TEST(CannedRepliesTest, CategoryNames) {
  EXPECT_EQ(*CategoryName(" 售后 "), "售后");
  EXPECT_FALSE(CategoryName(""));
  EXPECT_FALSE(CategoryName("a\nb"));
  EXPECT_FALSE(CategoryName(std::string(33, 'x')));
}

TEST(CannedRepliesTest, CsvImportKeepsGoodRowsAndReportsBadOnesByLine) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "Code,Title,Text,Category\r\n"
      "thx,感谢,\"感谢您，{客户名}！\",感谢\r\n"
      "bad code,标题,正文,\r\n"
      "\r\n"
      "multi,,\"第一行\n第二行, 含逗号\",\r\n"
      "empty,标题,,\r\n"
      "THX,重复,再次,\r\n"
      "a,b,c,d,e\r\n"
      "last,结尾,再见,结束语";
  auto parsed = ParseImport(csv, Format::kCsv);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->seen, 7u);
  ASSERT_EQ(parsed->rows.size(), 3u);
  EXPECT_EQ(parsed->rows[0].reply.code, "thx");
  EXPECT_EQ(parsed->rows[0].reply.text, "感谢您，{客户名}！");
  EXPECT_EQ(parsed->rows[0].category, "感谢");
  EXPECT_EQ(parsed->rows[0].line, 2u);
  EXPECT_EQ(parsed->rows[1].reply.text, "第一行\n第二行, 含逗号");
  EXPECT_EQ(parsed->rows[1].reply.title, "第一行");
  EXPECT_EQ(parsed->rows[1].line, 5u);
  EXPECT_EQ(parsed->rows[2].line, 10u);
  ASSERT_EQ(parsed->errors.size(), 4u);
  EXPECT_EQ(parsed->errors[0].line, 3u);
  EXPECT_NE(parsed->errors[0].reason.find("code must be"), std::string::npos);
  EXPECT_EQ(parsed->errors[1].line, 7u);
  EXPECT_EQ(parsed->errors[1].reason, "text is empty");
  EXPECT_EQ(parsed->errors[2].line, 8u);
  EXPECT_EQ(parsed->errors[2].reason, "code 'thx' is already used on line 2");
  EXPECT_EQ(parsed->errors[3].line, 9u);
}

TEST(CannedRepliesTest, WholeFileFailures) {
  EXPECT_FALSE(ParseImport("", Format::kCsv));
  auto no_text = ParseImport("code,title\nthx,感谢\n", Format::kCsv);
  ASSERT_FALSE(no_text);
  EXPECT_NE(no_text.error().message.find("code and text"), std::string::npos);
  auto huge = ParseImport(std::string(kMaxImportBytes + 1, 'a'), Format::kJsonLines);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::kFrameTooLarge);
  EXPECT_FALSE(ParseFormat("xlsx"));
}

TEST(CannedRepliesTest, AnUnclosedQuoteKeepsTheRowsBeforeIt) {
  auto parsed = ParseImport("code,text\nok,好的\nbad,\"never closed\n", Format::kCsv);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->rows.size(), 1u);
  ASSERT_EQ(parsed->errors.size(), 1u);
  EXPECT_NE(parsed->errors[0].reason.find("line 3"), std::string::npos);
}

TEST(CannedRepliesTest, JsonLinesImport) {
  const std::string jsonl =
      "{\"code\":\"hi\",\"title\":\"问候\",\"text\":\"您好\",\"category\":\"问候\"}\n"
      "\n"
      "not json\n"
      "{\"code\":\"n\",\"text\":5}\n"
      "{\"code\":\"x\",\"text\":\"无分类\",\"category\":null}\n";
  auto parsed = ParseImport(jsonl, Format::kJsonLines);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->seen, 4u);
  ASSERT_EQ(parsed->rows.size(), 2u);
  EXPECT_EQ(parsed->rows[1].line, 5u);
  EXPECT_EQ(parsed->rows[1].category, "");
  ASSERT_EQ(parsed->errors.size(), 2u);
  EXPECT_EQ(parsed->errors[0].line, 3u);
  EXPECT_EQ(parsed->errors[0].reason, "not a JSON object");
  EXPECT_EQ(parsed->errors[1].line, 4u);
  EXPECT_EQ(parsed->errors[1].reason, "text must be a string");
}

TEST(CannedRepliesTest, ExportRoundTripsInBothFormats) {
  std::vector<storage::CannedReply> replies = {
      Make("thx", "感谢", "感谢您，\"{客户名}\"！\n再见"),
      Make("hi", "问候", "您好"),
  };
  replies[0].category_id = "c1";
  replies[1].category_id = "gone";
  const std::map<std::string, std::string> names = {{"c1", "感谢, 致意"}};
  for (auto format : {Format::kCsv, Format::kJsonLines}) {
    auto parsed = ParseImport(Export(replies, names, format), format);
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->errors.empty());
    ASSERT_EQ(parsed->rows.size(), 2u);
    EXPECT_EQ(parsed->rows[0].reply.text, replies[0].text);
    EXPECT_EQ(parsed->rows[0].reply.title, "感谢");
    EXPECT_EQ(parsed->rows[0].category, "感谢, 致意");
    EXPECT_EQ(parsed->rows[1].category, "") << "an unknown category is exported as none";
  }
}

}  // namespace
}  // namespace kefu::http::canned
