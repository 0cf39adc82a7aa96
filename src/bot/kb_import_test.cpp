#include "bot/kb_import.hpp"

#include <gtest/gtest.h>

namespace kefu::bot {
namespace {

TEST(KbImportTest, CsvKeepsGoodRowsAndReportsBadOnesWithTheirLines) {
  const std::string csv =
      "\xEF\xBB\xBFid,question,similar,answer,category,tags,enabled,valid_from,valid_to\r\n"
      "kb1,信用卡被锁了怎么办？,\"卡被冻结了\n信用卡不能用了\",请自助解锁。,信用卡,锁卡|自助,是,,"
      "\r\n"
      "kb2,,,没有问题的答案,,,,,\r\n"
      "kb3,转账限额,,,,,,,\r\n"
      "kb4,积分怎么兑换,,\"在\"\"积分商城\"\"兑换, 即可\",,,maybe,,\r\n"
      "kb5,账单日,,每年可改一次,信用卡,,false,2026-01-01,2025-01-01\r\n"
      "kb1,重复的编号,,答案,,,,,\r\n"
      "bad id!,问题,,答案,,,,,\r\n"
      ",没有编号的新条目,,答案,,,,2026-01-01,2026-12-31T08:00:00Z\r\n";
  auto parsed = ParseKbImport(csv, KbFormat::kCsv);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->rows, 8u);
  ASSERT_EQ(parsed->entries.size(), 2u);
  const auto& first = parsed->entries[0];
  EXPECT_EQ(first.id, "kb1");
  EXPECT_EQ(first.similar, (std::vector<std::string>{"卡被冻结了", "信用卡不能用了"}));
  EXPECT_EQ(first.tags, (std::vector<std::string>{"锁卡", "自助"}));
  EXPECT_TRUE(first.enabled);
  EXPECT_TRUE(parsed->entries[1].id.empty());
  EXPECT_EQ(parsed->entries[1].valid_from, 1767225600000);
  EXPECT_EQ(parsed->entries[1].valid_to, 1798704000000);
  // The quoted cell spans lines 2-3, so the next rows start one line later.
  std::vector<std::size_t> lines;
  for (const auto& e : parsed->errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<std::size_t>{4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(parsed->errors[0].reason, "question is empty");
  EXPECT_EQ(parsed->errors[1].reason, "answer is empty");
  EXPECT_NE(parsed->errors[2].reason.find("enabled"), std::string::npos);
  EXPECT_NE(parsed->errors[3].reason.find("valid_from"), std::string::npos);
  EXPECT_NE(parsed->errors[4].reason.find("earlier"), std::string::npos);
}

TEST(KbImportTest, JsonLinesReportsWrongTypesAndBrokenLines) {
  const std::string jsonl =
      R"({"id":"a","question":"怎么开发票","similar":["发票怎么开"],"answer":"在订单页申请。"})"
      "\n"
      "{not json\n"
      "\n"
      R"({"id":"b","question":"q","answer":"a","similar":"not a list"})"
      "\n"
      R"({"id":"c","question":"q","answer":"a","enabled":"yes"})"
      "\n"
      R"([1,2])"
      "\n";
  auto parsed = ParseKbImport(jsonl, KbFormat::kJsonLines);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].similar, std::vector<std::string>{"发票怎么开"});
  ASSERT_EQ(parsed->errors.size(), 4u);
  EXPECT_EQ(parsed->errors[0].line, 2u);
  EXPECT_EQ(parsed->errors[1].line, 4u);
  EXPECT_EQ(parsed->errors[2].line, 5u);
  EXPECT_EQ(parsed->errors[3].line, 6u);
}

TEST(KbImportTest, UnreadableFilesFailAsAWhole) {
  EXPECT_FALSE(ParseKbImport("", KbFormat::kCsv));
  EXPECT_FALSE(ParseKbImport("id,title\n1,2\n", KbFormat::kCsv));
  auto unterminated = ParseKbImport("question,answer\n\"open,a\n", KbFormat::kCsv);
  ASSERT_TRUE(unterminated);
  ASSERT_EQ(unterminated->errors.size(), 1u);
  EXPECT_NE(unterminated->errors[0].reason.find("never closed"), std::string::npos);
  EXPECT_FALSE(ParseKbFormat("xlsx"));
}

TEST(KbImportTest, ExportReadsBackUnchangedInBothFormats) {
  KbEntry e;
  e.id = "kb-1";
  e.question = "含,逗号和\"引号\"的问题";
  e.similar = {"第一种问法", "第二种"};
  e.answer = "多行\n答案";
  e.category = "信用卡";
  e.tags = {"标签"};
  e.enabled = false;
  e.valid_from = 1767225600000;
  KbEntry plain;
  plain.id = "kb-2";
  plain.question = "简单问题";
  plain.answer = "简单答案";
  for (auto format : {KbFormat::kCsv, KbFormat::kJsonLines}) {
    auto parsed = ParseKbImport(ExportKb({e, plain}, format), format);
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->errors.empty()) << parsed->errors[0].reason;
    ASSERT_EQ(parsed->entries.size(), 2u);
    const auto& back = parsed->entries[0];
    EXPECT_EQ(back.question, e.question);
    EXPECT_EQ(back.similar, e.similar);
    EXPECT_EQ(back.answer, e.answer);
    EXPECT_EQ(back.tags, e.tags);
    EXPECT_FALSE(back.enabled);
    EXPECT_EQ(back.valid_from, e.valid_from);
    EXPECT_EQ(back.valid_to, e.valid_to);
    EXPECT_EQ(parsed->entries[1].answer, plain.answer);
  }
}

TEST(KbImportTest, Dates) {
  EXPECT_EQ(*ParseKbDate("1970-01-02"), 86400000);
  EXPECT_EQ(*ParseKbDate("1970-01-01T00:01:02Z"), 62000);
  EXPECT_EQ(*ParseKbDate("1970-01-01T00:01Z"), 60000);
  for (const char* bad : {"2026-02-30", "2026/01/01", "2026-01-01T25:00:00Z", "tomorrow", ""}) {
    EXPECT_FALSE(ParseKbDate(bad)) << bad;
  }
  EXPECT_EQ(FormatKbDate(62000, false), "1970-01-01T00:01:02Z");
  EXPECT_EQ(FormatKbDate(0, false), "");
}

}  // namespace
}  // namespace kefu::bot
