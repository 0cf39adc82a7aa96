#include "common/histogram.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>
#include <vector>

namespace kefu {
namespace {

constexpr std::array<std::uint64_t, 3> kBounds = {10, 100, 1000};

TEST(BucketHistogramTest, CountsEachValueInTheFirstBucketThatHoldsIt) {
  BucketHistogram h(kBounds);
  for (std::uint64_t v : {0, 10, 11, 100, 500, 1000, 1001, 99999}) h.Record(v);
  const auto s = h.Read();
  ASSERT_EQ(s.cumulative.size(), 4u);
  EXPECT_EQ(s.cumulative[0], 2u);  // 0, 10 (bounds are inclusive, as Prometheus' le)
  EXPECT_EQ(s.cumulative[1], 4u);  // + 11, 100
  EXPECT_EQ(s.cumulative[2], 6u);  // + 500, 1000
  EXPECT_EQ(s.cumulative[3], 8u);  // + 1001, 99999 in +Inf
  EXPECT_EQ(s.count, 8u);
  EXPECT_EQ(s.sum, 0u + 10 + 11 + 100 + 500 + 1000 + 1001 + 99999);
}

TEST(BucketHistogramTest, RendersPrometheusTextInTheExposedUnit) {
  BucketHistogram h(kBounds);
  h.Record(50);
  h.Record(2000);
  std::string out;
  h.Render(out, "x_seconds", "Test.", 1e3);
  EXPECT_NE(out.find("# TYPE x_seconds histogram\n"), std::string::npos);
  EXPECT_NE(out.find("x_seconds_bucket{le=\"0.01\"} 0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{le=\"0.1\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{le=\"1\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_sum 2.05\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_count 2\n"), std::string::npos) << out;
}

TEST(BucketHistogramTest, LosesNoRecordUnderConcurrentWriters) {
  BucketHistogram h(BucketHistogram::LatencyMicros());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&h, t] {
      for (std::uint64_t i = 0; i < 10000; ++i) h.Record(i * (t + 1));
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(h.Read().count, 40000u);
  EXPECT_EQ(h.Read().cumulative.back(), 40000u);
}

TEST(BucketHistogramTest, RefusesBoundsThatAreNotIncreasing) {
  static constexpr std::array<std::uint64_t, 3> kBad = {10, 10, 20};
  EXPECT_THROW(BucketHistogram{kBad}, std::invalid_argument);
  EXPECT_THROW(BucketHistogram{std::span<const std::uint64_t>{}}, std::invalid_argument);
}

}  // namespace
}  // namespace kefu
