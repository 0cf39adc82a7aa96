#include "bot/threshold_fit.hpp"

#include <algorithm>
#include <cmath>

namespace kefu::bot {

std::vector<ThresholdPoint> ThresholdTable(const std::vector<RankObservation>& observations,
                                           double step) {
  std::vector<ThresholdPoint> table;
  if (!(step > 0 && step <= 1)) return table;
  const auto steps = static_cast<std::size_t>(std::llround(1.0 / step));
  for (std::size_t i = 0; i <= steps; ++i) {
    ThresholdPoint point;
    point.threshold = std::min(1.0, static_cast<double>(i) * step);
    std::size_t top1 = 0, top3 = 0;
    for (const RankObservation& o : observations) {
      // A small tolerance: a confidence of 0.7499999 is 0.75 as printed.
      if (o.confidence + 1e-9 < point.threshold) continue;
      ++point.count;
      if (o.top1_gold) ++top1;
      if (o.top3_gold || o.top1_gold) ++top3;
    }
    if (!observations.empty()) {
      point.share = static_cast<double>(point.count) / static_cast<double>(observations.size());
    }
    if (point.count > 0) {
      point.top1_precision = static_cast<double>(top1) / static_cast<double>(point.count);
      point.top3_hit = static_cast<double>(top3) / static_cast<double>(point.count);
    }
    table.push_back(point);
  }
  return table;
}

FittedThresholds FitThresholds(const std::vector<ThresholdPoint>& table,
                               const ThresholdTargets& targets) {
  FittedThresholds fit;
  for (const ThresholdPoint& point : table) {  // ascending thresholds: the first is the lowest
    if (point.count < std::max<std::size_t>(targets.min_support, 1)) continue;
    if (!fit.answer && point.top1_precision >= targets.answer_precision) {
      fit.answer = point.threshold;
    }
    if (!fit.clarify && point.top3_hit >= targets.clarify_top3) fit.clarify = point.threshold;
  }
  if (fit.answer && fit.clarify && *fit.clarify > *fit.answer) fit.clarify = fit.answer;
  return fit;
}

}  // namespace kefu::bot
