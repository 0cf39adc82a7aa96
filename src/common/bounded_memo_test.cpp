#include "common/bounded_memo.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

TEST(BoundedMemoTest, ForgetsTheEntryPutLongestAgoWhenFull) {
  BoundedMemo<int> memo(3);
  memo.Put("a", 1);
  memo.Put("b", 2);
  memo.Put("c", 3);
  memo.Put("d", 4);
  EXPECT_EQ(memo.size(), 3u);
  EXPECT_EQ(memo.Find("a"), nullptr);
  ASSERT_NE(memo.Find("d"), nullptr);
  EXPECT_EQ(*memo.Find("d"), 4);
}

TEST(BoundedMemoTest, TouchingAnEntryKeepsItOverOlderOnes) {
  BoundedMemo<int> memo(3);
  memo.Put("a", 1);
  memo.Put("b", 2);
  memo.Put("c", 3);
  EXPECT_TRUE(memo.Touch("a"));
  EXPECT_FALSE(memo.Touch("zz"));
  memo.Put("d", 4);
  EXPECT_NE(memo.Find("a"), nullptr) << "touched after b";
  EXPECT_EQ(memo.Find("b"), nullptr);
  memo.Put("a", 10);  // a replacement renews too
  memo.Put("e", 5);
  ASSERT_NE(memo.Find("a"), nullptr);
  EXPECT_EQ(*memo.Find("a"), 10);
  EXPECT_EQ(memo.Find("c"), nullptr);
}

TEST(BoundedMemoTest, ErasedEntriesAreGoneAndFreeTheirPlace) {
  BoundedMemo<std::string> memo(2);
  memo.Put("a", "x");
  memo.Put("b", "y");
  EXPECT_TRUE(memo.Erase("a"));
  EXPECT_FALSE(memo.Erase("a"));
  memo.Put("c", "z");
  EXPECT_EQ(memo.size(), 2u);
  EXPECT_NE(memo.Find("b"), nullptr) << "the erased entry made room; nothing else was evicted";
  EXPECT_NE(memo.Find("c"), nullptr);
}

TEST(BoundedMemoTest, StaysBoundedUnderManyRenewalsOfFewKeys) {
  BoundedMemo<int> memo(4);
  for (int i = 0; i < 10000; ++i) {
    if (i % 2 == 0) {
      memo.Put(std::to_string(i % 3), i);
    } else {
      memo.Touch(std::to_string(i % 3));
    }
  }
  EXPECT_EQ(memo.size(), 3u);
  for (int i = 0; i < 100; ++i) memo.Put("k" + std::to_string(i), i);
  EXPECT_EQ(memo.size(), 4u);
  for (int i = 96; i < 100; ++i) EXPECT_NE(memo.Find("k" + std::to_string(i)), nullptr) << i;
}

}  // namespace
}  // namespace kefu
