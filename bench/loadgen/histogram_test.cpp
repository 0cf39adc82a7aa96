#include "histogram.hpp"

#include <gtest/gtest.h>

#include <random>

namespace kefu::bench {
namespace {

TEST(HistogramTest, SmallValuesAreExact) {
  Histogram h;
  for (int v = 1; v <= 100; ++v) h.Record(v);
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.min(), 1);
  EXPECT_EQ(h.max(), 100);
  EXPECT_EQ(h.Percentile(0.5), 50);
  EXPECT_EQ(h.Percentile(0.99), 99);
  EXPECT_EQ(h.Percentile(1.0), 100);
}

TEST(HistogramTest, EveryValueMapsToABucketThatHoldsIt) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t v = rng() >> (rng() % 40 + 20);
    const auto index = Histogram::IndexOf(v);
    ASSERT_GE(Histogram::HighestOf(index), v);
    if (index > 0) {
      ASSERT_LT(Histogram::HighestOf(index - 1), v) << v;
    }
    // Relative error of the reported value stays under 1%.
    ASSERT_LE(static_cast<double>(Histogram::HighestOf(index) - v),
              0.008 * static_cast<double>(v) + 1);
  }
}

TEST(HistogramTest, PercentilesOfAKnownDistribution) {
  Histogram h;
  for (int v = 1; v <= 1000000; ++v) h.Record(v * 1000);  // 1 µs .. 1 s in ns
  EXPECT_NEAR(static_cast<double>(h.Percentile(0.5)), 500e6, 500e6 * 0.01);
  EXPECT_NEAR(static_cast<double>(h.Percentile(0.99)), 990e6, 990e6 * 0.01);
  EXPECT_NEAR(static_cast<double>(h.Percentile(0.999)), 999e6, 999e6 * 0.01);
  EXPECT_EQ(h.Percentile(1.0), 1000000000);
}

TEST(HistogramTest, SerializeParseAndMergeRoundTrip) {
  Histogram a, b;
  for (int v = 0; v < 5000; ++v) a.Record(v * 37);
  for (int v = 0; v < 300; ++v) b.Record(v * 100003);
  Histogram parsed;
  ASSERT_TRUE(parsed.Parse(a.Serialize()));
  EXPECT_EQ(parsed.Serialize(), a.Serialize());
  Histogram merged;
  merged.Merge(a);
  merged.Merge(b);
  EXPECT_EQ(merged.count(), 5300u);
  EXPECT_EQ(merged.max(), 299 * 100003);
  EXPECT_EQ(merged.min(), 0);
}

TEST(HistogramTest, RejectsMalformedText) {
  Histogram h;
  EXPECT_FALSE(h.Parse(""));
  EXPECT_FALSE(h.Parse("3 1 2 3 5:1"));          // counts do not add up
  EXPECT_FALSE(h.Parse("1 1 1 1 999999999:1"));  // bucket out of range
  EXPECT_FALSE(h.Parse("1 1 1 1 x"));
  EXPECT_TRUE(h.Parse("0 0 0 0"));
}

TEST(BucketQuantileTest, InterpolatesInsideTheBucketOfTheDeltaBetweenScrapes) {
  // Before: 100 values at or under 1 ms. Between the scrapes: 50 more under 1 ms, 40 in
  // (1, 2] ms and 10 in (2, 5] ms.
  const std::map<std::string, double> before = {{"x_bucket{le=\"0.001\"}", 100},
                                                {"x_bucket{le=\"0.002\"}", 100},
                                                {"x_bucket{le=\"0.005\"}", 100},
                                                {"x_bucket{le=\"+Inf\"}", 100},
                                                {"x_count", 100}};
  const std::map<std::string, double> after = {{"x_bucket{le=\"0.001\"}", 150},
                                               {"x_bucket{le=\"0.002\"}", 190},
                                               {"x_bucket{le=\"0.005\"}", 200},
                                               {"x_bucket{le=\"+Inf\"}", 200},
                                               {"x_count", 200}};
  EXPECT_NEAR(*BucketQuantile(before, after, "x", 0.5), 0.001, 1e-12);    // the 50th of 100
  EXPECT_NEAR(*BucketQuantile(before, after, "x", 0.7), 0.0015, 1e-12);   // 20 of 40 into (1, 2]
  EXPECT_NEAR(*BucketQuantile(before, after, "x", 0.95), 0.0035, 1e-12);  // 5 of 10 into (2, 5]
  EXPECT_NEAR(*BucketQuantile(before, after, "x", 0.25), 0.0005, 1e-12);
}

TEST(BucketQuantileTest, ReportsTheHighestBoundForTheOverflowAndNothingWhenEmpty) {
  const std::map<std::string, double> none;
  const std::map<std::string, double> after = {{"x_bucket{le=\"0.001\"}", 1},
                                               {"x_bucket{le=\"+Inf\"}", 10}};
  EXPECT_EQ(*BucketQuantile(none, after, "x", 0.99), 0.001);
  EXPECT_FALSE(BucketQuantile(after, after, "x", 0.5).has_value());  // nothing in between
  EXPECT_FALSE(BucketQuantile(none, after, "y", 0.5).has_value());   // no such family
}

}  // namespace
}  // namespace kefu::bench
