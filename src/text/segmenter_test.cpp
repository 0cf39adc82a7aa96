#include "text/segmenter.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace kefu::text {
namespace {

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& token : tokens) out.push_back(token.text);
  return out;
}

using Strings = std::vector<std::string>;

// A small dictionary in jieba's format keeps these tests hermetic.
constexpr std::string_view kSmallDictionary =
    "还款 5000 v\n"
    "日期 4000 n\n"
    "还款日 100 n\n"
    "怎么 8000 r\n"
    "提前 3000 v\n"
    "额度 2000 n\n"
    "提高 2500 v\n"
    "高额 300 n\n"
    "的 50000 uj\n"
    "吗 9000 y\n"
    "微信 1500 nz\n"
    "QQ 800 eng\n"
    "qq号 200 n\n"
    "号 500 m\n";

class SegmenterTest : public ::testing::Test {
 protected:
  SegmenterTest() : segmenter_(Dictionary::Parse(kSmallDictionary).value()) {}
  Segmenter segmenter_;
};

TEST_F(SegmenterTest, MaxProbabilityPath) {
  const struct {
    const char* text;
    Strings expected;
  } cases[] = {
      {"怎么提前还款", {"怎么", "提前", "还款"}},
      {"提高额度", {"提高", "额度"}},  // not 提 + 高额 + 度
      {"还款日期", {"还款", "日期"}},  // 还款+日期 beats 还款日+期
      {"额度吗", {"额度", "吗"}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(Texts(segmenter_.Segment(c.text)), c.expected) << c.text;
}

TEST_F(SegmenterTest, UnknownCharactersAndAsciiRuns) {
  EXPECT_EQ(Texts(segmenter_.Segment("微粒贷额度")), (Strings{"微", "粒", "贷", "额度"}));
  EXPECT_EQ(Texts(segmenter_.Segment("qq号还款4000")), (Strings{"qq号", "还款", "4000"}));
  EXPECT_EQ(Texts(segmenter_.Segment("app还款")), (Strings{"app", "还款"}));
  const auto tokens = segmenter_.Segment("借4000");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_FALSE(tokens[0].known);
  EXPECT_EQ(tokens[1].pos, "m");
}

TEST_F(SegmenterTest, SeparatorsEndWords) {
  EXPECT_EQ(Texts(segmenter_.Segment("还 款")), (Strings{"还", "款"}));
  EXPECT_EQ(Texts(segmenter_.Segment("额度, 还款")), (Strings{"额度", "还款"}));
}

TEST_F(SegmenterTest, FunctionWordsFromTags) {
  const auto tokens = segmenter_.Segment("怎么还款的吗");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_TRUE(tokens[0].IsFunctionWord());   // r
  EXPECT_FALSE(tokens[1].IsFunctionWord());  // v
  EXPECT_TRUE(tokens[2].IsFunctionWord());   // uj
  EXPECT_TRUE(tokens[3].IsFunctionWord());   // y
}

TEST_F(SegmenterTest, CustomWordsLayerOverTheDictionary) {
  EXPECT_EQ(Texts(segmenter_.Segment("微粒贷额度")), (Strings{"微", "粒", "贷", "额度"}));
  segmenter_.AddWord("微粒贷");
  EXPECT_EQ(Texts(segmenter_.Segment("微粒贷额度")), (Strings{"微粒贷", "额度"}));
  // A tenant word that competes with dictionary words still wins when it is given a frequency.
  segmenter_.AddWord("高额度", 100000);
  EXPECT_EQ(Texts(segmenter_.Segment("高额度")), (Strings{"高额度"}));
  EXPECT_TRUE(segmenter_.RemoveWord("高额度"));
  segmenter_.AddWord("提高额", 100000);
  EXPECT_TRUE(segmenter_.RemoveWord("提高额"));
  EXPECT_FALSE(segmenter_.RemoveWord("提高额"));
  EXPECT_EQ(Texts(segmenter_.Segment("提高额度")), (Strings{"提高", "额度"}));
  // Another segmenter over the same dictionary does not see the first one's words.
  Segmenter other(Dictionary::Parse(kSmallDictionary).value());
  EXPECT_EQ(Texts(other.Segment("微粒贷")), (Strings{"微", "粒", "贷"}));
}

TEST_F(SegmenterTest, SynonymsMapToTheCanonicalWord) {
  segmenter_.AddSynonym("微粒货", "微粒贷");  // a frequent typo
  segmenter_.AddSynonym("日子", "日期");
  const auto tokens = segmenter_.Segment("微粒货还款日子");
  EXPECT_EQ(Texts(tokens), (Strings{"微粒贷", "还款", "日期"}));
  EXPECT_EQ(tokens[0].surface, "微粒货");
  EXPECT_TRUE(segmenter_.RemoveSynonym("日子"));
  EXPECT_FALSE(segmenter_.RemoveSynonym("日子"));
  // The word stays a tenant word; only the mapping is gone.
  EXPECT_EQ(Texts(segmenter_.Segment("日子")), (Strings{"日子"}));
}

TEST(DictionaryTest, RejectsBadLinesWithTheLineNumber) {
  auto parsed = Dictionary::Parse("还款 5000 v\n日期 many n\n");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(Dictionary::Load("/nonexistent/dict.txt"));
}

TEST(DictionaryTest, LookupReportsWordsAndPrefixes) {
  auto dictionary = Dictionary::Parse(kSmallDictionary).value();
  EXPECT_TRUE(dictionary->Lookup("还款").is_word);
  EXPECT_TRUE(dictionary->Lookup("还款").is_prefix);  // 还款日
  EXPECT_FALSE(dictionary->Lookup("还款日").is_prefix);
  EXPECT_FALSE(dictionary->Lookup("还").is_word);
  EXPECT_TRUE(dictionary->Lookup("还").is_prefix);
  EXPECT_TRUE(dictionary->Lookup("qq").is_word);  // lower-cased at load
}

// The real jieba dictionary, when the machine has it (Debian's python3-jieba).
TEST(JiebaDictionaryTest, SegmentsCustomerQuestions) {
  if (!std::filesystem::exists(kDefaultJiebaDictionary)) GTEST_SKIP() << "no jieba dictionary";
  auto dictionary = Dictionary::Load();
  ASSERT_TRUE(dictionary) << dictionary.error().message;
  EXPECT_GT((*dictionary)->size(), 300000u);
  Segmenter segmenter(*dictionary);
  EXPECT_EQ(Texts(segmenter.Segment("我想提前还款")), (Strings{"我", "想", "提前", "还款"}));
  EXPECT_EQ(Texts(segmenter.Segment("怎么更换绑定的银行卡")),
            (Strings{"怎么", "更换", "绑定", "的", "银行卡"}));
}

}  // namespace
}  // namespace kefu::text
