#include "bot/threshold_fit.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace kefu::bot {
namespace {

// n observations at `confidence` of which `right1` have a right top-1 and `right3` (≥ right1)
// a right answer among the top three.
void Add(std::vector<RankObservation>& out, std::size_t n, double confidence, std::size_t right1,
         std::size_t right3) {
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(RankObservation{confidence, i < right1, i < right3});
  }
}

TEST(KbEvalThresholdFit, TableCountsQueriesAtOrAboveEachThreshold) {
  std::vector<RankObservation> observations;
  Add(observations, 4, 0.95, 4, 4);
  Add(observations, 4, 0.6, 1, 2);
  Add(observations, 2, 0.1, 0, 0);
  const auto table = ThresholdTable(observations, 0.25);
  ASSERT_EQ(table.size(), 5u);  // 0, .25, .5, .75, 1
  struct Row {
    double threshold;
    std::size_t count;
    double share, precision, top3;
  };
  const std::vector<Row> expected = {
      {0.0, 10, 1.0, 0.5, 0.6}, {0.25, 8, 0.8, 5.0 / 8, 6.0 / 8}, {0.5, 8, 0.8, 5.0 / 8, 6.0 / 8},
      {0.75, 4, 0.4, 1.0, 1.0}, {1.0, 0, 0.0, 0.0, 0.0},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("threshold " + std::to_string(expected[i].threshold));
    EXPECT_DOUBLE_EQ(table[i].threshold, expected[i].threshold);
    EXPECT_EQ(table[i].count, expected[i].count);
    EXPECT_DOUBLE_EQ(table[i].share, expected[i].share);
    EXPECT_DOUBLE_EQ(table[i].top1_precision, expected[i].precision);
    EXPECT_DOUBLE_EQ(table[i].top3_hit, expected[i].top3);
  }
}

TEST(KbEvalThresholdFit, ConfidenceJustBelowAThresholdCountsAsPrinted) {
  const std::vector<RankObservation> observations = {{0.75 - 1e-12, true, true}};
  const auto table = ThresholdTable(observations, 0.25);
  ASSERT_EQ(table.size(), 5u);
  EXPECT_EQ(table[3].count, 1u);
}

TEST(KbEvalThresholdFit, BadStepGivesNoTable) {
  EXPECT_TRUE(ThresholdTable({}, 0).empty());
  EXPECT_TRUE(ThresholdTable({}, 1.5).empty());
  EXPECT_EQ(ThresholdTable({}, 0.5).size(), 3u);
}

TEST(KbEvalThresholdFit, PicksTheLowestThresholdsMeetingTheTargets) {
  // Precision rises with confidence: 30% below 0.5, 60% in [0.5, 0.8), 95% from 0.8.
  std::vector<RankObservation> rising;
  Add(rising, 100, 0.3, 30, 50);
  Add(rising, 100, 0.6, 60, 80);
  Add(rising, 100, 0.9, 95, 100);
  // Flat and low everywhere (incomplete labels): no answer threshold.
  std::vector<RankObservation> flat;
  Add(flat, 100, 0.3, 10, 20);
  Add(flat, 100, 0.9, 12, 22);
  // Only a handful of queries reach the precise region: not enough support.
  std::vector<RankObservation> sparse;
  Add(sparse, 200, 0.3, 20, 120);
  Add(sparse, 5, 0.95, 5, 5);

  struct Case {
    std::string name;
    const std::vector<RankObservation>* observations;
    ThresholdTargets targets;
    std::optional<double> answer, clarify;
  };
  const std::vector<Case> cases = {
      {"rising, defaults", &rising, {}, 0.65, 0.0},
      {"rising, strict clarify", &rising, {0.85, 0.85, 20}, 0.65, 0.35},
      {"rising, 96% precision unreachable", &rising, {0.96, 0.5, 20}, std::nullopt, 0.0},
      {"flat", &flat, {}, std::nullopt, std::nullopt},
      {"sparse, support 20", &sparse, {}, std::nullopt, 0.0},
      {"sparse, support 5", &sparse, {0.85, 0.5, 5}, 0.35, 0.0},
      // clarify is capped at answer when the top-3 target is only met higher up.
      {"clarify above answer is capped", &rising, {0.7, 0.99, 20}, 0.35, 0.35},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto fit = FitThresholds(ThresholdTable(*c.observations, 0.05), c.targets);
    ASSERT_EQ(fit.answer.has_value(), c.answer.has_value());
    if (c.answer) {
      EXPECT_NEAR(*fit.answer, *c.answer, 1e-9);
    }
    ASSERT_EQ(fit.clarify.has_value(), c.clarify.has_value());
    if (c.clarify) {
      EXPECT_NEAR(*fit.clarify, *c.clarify, 1e-9);
    }
  }
}

}  // namespace
}  // namespace kefu::bot
