// Fitting MatchThresholds (answer / clarify) on labelled queries: how often the top candidate
// is right, and how often the top three hold a right one, as a function of the top candidate's
// confidence. Used by `kefu kb eval`; a tenant fits on its own labelled traffic.
// Thread-compatible (pure functions over their arguments).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace kefu::bot {

// One labelled query as ranked: the top candidate's confidence and where the gold was.
struct RankObservation {
  double confidence = 0;   // of the top candidate, in [0, 1]
  bool top1_gold = false;  // the top candidate is a right answer
  bool top3_gold = false;  // one of the top three is (implies nothing about top1)
};

// The queries whose top confidence is at or above `threshold`.
struct ThresholdPoint {
  double threshold = 0;
  std::size_t count = 0;      // queries at or above the threshold
  double share = 0;           // count / all observations
  double top1_precision = 0;  // of those: top candidate right (answer band precision)
  double top3_hit = 0;        // of those: a right one among the top three (clarify usefulness)
};

// Points at 0, step, 2·step, … up to 1 (step in (0, 1]); thresholds no query reaches are kept
// with count 0 and rates 0.
std::vector<ThresholdPoint> ThresholdTable(const std::vector<RankObservation>& observations,
                                           double step = 0.05);

struct ThresholdTargets {
  double answer_precision = 0.85;  // answered questions are right at least this often
  double clarify_top3 = 0.5;       // a clarification holds a right answer at least this often
  std::size_t min_support = 20;    // a threshold needs this many queries at or above it
};

struct FittedThresholds {
  // The lowest table threshold whose queries meet the target with enough support, or none
  // (no threshold does: keep the defaults, or the labels are too incomplete to fit on).
  std::optional<double> answer;
  std::optional<double> clarify;
};

// Picks the lowest thresholds meeting `targets` on `table` (from ThresholdTable); a fitted
// clarify is never above a fitted answer.
FittedThresholds FitThresholds(const std::vector<ThresholdPoint>& table,
                               const ThresholdTargets& targets = {});

}  // namespace kefu::bot
