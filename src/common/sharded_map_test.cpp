#include "common/sharded_map.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

TEST(ShardedMapTest, FindsInsertsAndErasesLikeAMap) {
  ShardedMap<int> map;
  EXPECT_EQ(map.Find("a"), nullptr);
  EXPECT_TRUE(map.Insert("a", 1));
  EXPECT_FALSE(map.Insert("a", 2)) << "an existing key keeps its value";
  ASSERT_NE(map.Find("a"), nullptr);
  EXPECT_EQ(*map.Find("a"), 1);
  EXPECT_TRUE(map.Erase("a"));
  EXPECT_FALSE(map.Erase("a"));
  EXPECT_EQ(map.Find("a"), nullptr);
  EXPECT_EQ(map.size(), 0u);
}

TEST(ShardedMapTest, ManyKeysSpreadOverTheShards) {
  // Keys shaped like the engine's (sender id, newline, client key).
  ShardedMap<int> map;
  constexpr int kKeys = 100'000;
  for (int i = 0; i < kKeys; ++i) {
    ASSERT_TRUE(map.Insert("v" + std::to_string(i % 977) + "\nm" + std::to_string(i), i));
  }
  EXPECT_EQ(map.size(), static_cast<std::size_t>(kKeys));
  // 64 shards: about 1,560 each. A shard far above that would rehash far more at once.
  EXPECT_LT(map.LargestShard(), 2u * kKeys / 64);
  for (int i = 0; i < kKeys; i += 2) {
    EXPECT_TRUE(map.Erase("v" + std::to_string(i % 977) + "\nm" + std::to_string(i)));
  }
  EXPECT_EQ(map.size(), static_cast<std::size_t>(kKeys / 2));
  for (int i = 1; i < kKeys; i += 2) {
    const int* found = map.Find("v" + std::to_string(i % 977) + "\nm" + std::to_string(i));
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, i);
  }
}

}  // namespace
}  // namespace kefu
