#include "recovery.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kefu::bench {
namespace {

constexpr std::int64_t kMs = 1'000'000;

// 40 seconds of 200 messages each at `normal_ms`, the seconds in `slow` at `slow_ms`.
std::vector<Histogram> Timeline(std::int64_t normal_ms, const std::vector<int>& slow,
                                std::int64_t slow_ms) {
  std::vector<Histogram> seconds(40);
  for (int s = 0; s < 40; ++s) {
    const bool is_slow = std::find(slow.begin(), slow.end(), s) != slow.end();
    for (int i = 0; i < 200; ++i) seconds[s].Record((is_slow ? slow_ms : normal_ms) * kMs);
  }
  return seconds;
}

RecoveryPlan S5Plan() {
  return {.storm_at = 25, .churn_every = 10};
}

TEST(RecoveryTest, NothingToMeasureWithoutAStorm) {
  EXPECT_FALSE(MeasureRecovery(Timeline(1, {}, 1), {.storm_at = -1}).has_value());
}

TEST(RecoveryTest, ChurnSecondsDoNotCountAsTheNormalLevel) {
  // Churns at 10 and 20 slow their next seconds; the storm slows 25 and 26.
  auto seconds = Timeline(2, {10, 11, 12, 20, 21, 22, 23, 24, 25, 26}, 100);
  const auto r = MeasureRecovery(seconds, S5Plan());
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->normal_p99_ms, 2.0, 0.05);
  EXPECT_NEAR(r->threshold_ms, 4.0, 0.1);
  EXPECT_EQ(r->window_seconds, 5);  // 25..29, the churn at 30 ends it
  ASSERT_TRUE(r->recovered_after_seconds.has_value());
  EXPECT_EQ(*r->recovered_after_seconds, 2);
}

TEST(RecoveryTest, ALaterSlowSecondPushesRecoveryBack) {
  auto seconds = Timeline(2, {25, 27}, 100);
  const auto r = MeasureRecovery(seconds, S5Plan());
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->recovered_after_seconds.has_value());
  EXPECT_EQ(*r->recovered_after_seconds, 3);
}

TEST(RecoveryTest, NoRecoveryWhenTheWindowEndsSlow) {
  auto seconds = Timeline(2, {25, 26, 27, 28, 29}, 100);
  const auto r = MeasureRecovery(seconds, S5Plan());
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->recovered_after_seconds.has_value());
}

TEST(RecoveryTest, ASecondWithNothingSentIsNoEvidenceOfRecovery) {
  auto seconds = Timeline(2, {25}, 100);
  seconds[29] = Histogram();
  const auto r = MeasureRecovery(seconds, S5Plan());
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->recovered_after_seconds.has_value());
}

TEST(RecoveryTest, WithoutChurnTheWindowRunsToTheEnd) {
  auto seconds = Timeline(2, {25, 26, 27}, 100);
  const auto r = MeasureRecovery(seconds, {.storm_at = 25});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->window_seconds, 15);
  ASSERT_TRUE(r->recovered_after_seconds.has_value());
  EXPECT_EQ(*r->recovered_after_seconds, 3);
}

}  // namespace
}  // namespace kefu::bench
