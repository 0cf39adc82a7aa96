#include "common/ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kefu {
namespace {

TEST(IdsTest, NewIdHasPrefixAndIsUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = NewId("c");
    ASSERT_EQ(id.substr(0, 2), "c_");
    ASSERT_EQ(id.size(), 22u);
    ASSERT_TRUE(seen.insert(id).second);
  }
}

TEST(IdsTest, RandomTokenIsUrlSafe) {
  auto token = RandomToken(32);
  EXPECT_EQ(token.size(), 43u);
  for (char c : token) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
}

TEST(IdsTest, PlainKey) {
  EXPECT_TRUE(IsPlainKey("k-1"));
  EXPECT_FALSE(IsPlainKey(""));
  EXPECT_FALSE(IsPlainKey("has space"));
  EXPECT_FALSE(IsPlainKey(std::string(65, 'a')));
  EXPECT_FALSE(IsPlainKey("tab\t"));
}

}  // namespace
}  // namespace kefu
