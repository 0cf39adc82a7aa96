#include "text/ngrams.hpp"

#include <gtest/gtest.h>

namespace kefu::text {
namespace {

using Strings = std::vector<std::string>;

TEST(NgramsTest, UnitsAreCharactersAndAsciiRuns) {
  EXPECT_EQ(CharUnigrams("qq还款4000元"), (Strings{"qq", "还", "款", "4000", "元"}));
  EXPECT_EQ(CharUnigrams("利率0.05"), (Strings{"利", "率", "0.05"}));
  EXPECT_TRUE(CharUnigrams("").empty());
}

TEST(NgramsTest, BigramsIgnoreSeparators) {
  EXPECT_EQ(CharBigrams("还款 日期"), (Strings{"还款", "款日", "日期"}));
  EXPECT_EQ(CharBigrams("qq号"), (Strings{"qq号"}));
  EXPECT_TRUE(CharBigrams("还").empty());
}

}  // namespace
}  // namespace kefu::text
