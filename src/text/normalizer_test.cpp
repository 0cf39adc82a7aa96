#include "text/normalizer.hpp"

#include <gtest/gtest.h>

namespace kefu::text {
namespace {

class NormalizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = Normalizer::Create();
    ASSERT_TRUE(created) << created.error().message;
    normalizer_ = std::move(created.value()).release();
  }
  static void TearDownTestSuite() {
    delete normalizer_;
    normalizer_ = nullptr;
  }
  static Normalizer* normalizer_;
};
Normalizer* NormalizerTest::normalizer_ = nullptr;

struct Case {
  const char* input;
  const char* expected;
};

TEST_F(NormalizerTest, FoldsWidthCaseAndScript) {
  const Case cases[] = {
      {"ＡＢＣ１２３", "abc123"},      // full-width letters and digits
      {"ＱＱ号", "qq号"},              // full-width + case
      {"Hello World", "hello world"},  // case folding
      {"Straße", "strasse"},           // full case folding, not just lower case
      {"①", "1"},                      // NFKC compatibility
      {"ｶﾀｶﾅ", "カタカナ"},            // half-width katakana → full-width (NFKC)
      {"轉人工", "转人工"},            // Traditional → Simplified
      {"還款日期", "还款日期"},
      {"帳戶", "账户"},
      {"帳號", "账号"},  // variant: OpenCC keeps 帐 here
      {"接著", "接着"},
      {"怎麼", "怎么"},
      {"怎么", "怎么"},  // idempotent on Simplified (tw2sp gives 怎幺)
      {"稽核", "审核"},  // Taiwan word without an OpenCC entry
      {"裡面", "里面"},
      {"裏面", "里面"},
      {"微粒貸", "微粒贷"},
      {"軟體", "软件"},  // Taiwan phrasing (tw2sp)
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(normalizer_->Fold(input), expected) << input;
  }
}

TEST_F(NormalizerTest, MatchingFormStripsPunctuationAndSpace) {
  const Case cases[] = {
      {"你好！请问，怎么还款？", "你好 请问 怎么还款"},
      {"  还款　日期  ", "还款 日期"},  // U+3000 ideographic space
      {"【微粒贷】额度……", "微粒贷 额度"},
      {"利率0.05%", "利率0.05"},       // the decimal point between digits stays
      {"ｈｔｔｐ：／／ｘ", "http x"},  // full-width ASCII punctuation
      {"😀😀额度", "额度"},              // emoji are separators
      {"", ""},
      {"？！。", ""},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(normalizer_->NormalizeForMatching(input), expected) << input;
  }
}

TEST_F(NormalizerTest, MalformedUtf8DoesNotCrash) {
  const std::string bad = std::string("额度") + "\xFF\xC3" + "还";
  const std::string folded = normalizer_->NormalizeForMatching(bad);
  EXPECT_EQ(folded, "额度 还");  // U+FFFD is a symbol, hence a separator
}

}  // namespace
}  // namespace kefu::text
