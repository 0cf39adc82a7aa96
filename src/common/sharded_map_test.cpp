#include "common/sharded_map.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

// Both kinds of shards: node-based (stable references) and open addressing.
template <typename Map>
class ShardedMapTest : public ::testing::Test {};
using Kinds = ::testing::Types<ShardedMap<int>, ShardedMap<int, 64, false>>;
TYPED_TEST_SUITE(ShardedMapTest, Kinds);

TYPED_TEST(ShardedMapTest, FindsInsertsAndErasesLikeAMap) {
  TypeParam map;
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

TYPED_TEST(ShardedMapTest, ManyKeysSpreadOverTheShards) {
  // Keys shaped like the engine's (sender id, newline, client key).
  TypeParam map;
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
  // A sweep of every shard erases exactly the entries its predicate picks.
  std::size_t erased = 0;
  for (std::size_t shard = 0; shard < TypeParam::shard_count(); ++shard) {
    erased += map.EraseIfInShard(shard, [](const std::string&, int v) { return v % 4 == 1; });
  }
  EXPECT_EQ(erased, static_cast<std::size_t>(kKeys / 4));
  EXPECT_EQ(map.size(), static_cast<std::size_t>(kKeys / 4));
  EXPECT_EQ(map.Find("v" + std::to_string(1 % 977) + "\nm1"), nullptr);
  ASSERT_NE(map.Find("v" + std::to_string(3 % 977) + "\nm3"), nullptr);
}

}  // namespace
}  // namespace kefu
