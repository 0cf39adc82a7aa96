#include "recovery.hpp"

#include <algorithm>
#include <cmath>

namespace kefu::bench {

namespace {

double P99Ms(const Histogram& h) {
  return static_cast<double>(h.Percentile(0.99)) / 1e6;
}

}  // namespace

std::optional<Recovery> MeasureRecovery(const std::vector<Histogram>& seconds,
                                        const RecoveryPlan& plan) {
  if (plan.storm_at < 0) return std::nullopt;
  const int total = static_cast<int>(seconds.size());
  const int storm = static_cast<int>(std::floor(plan.storm_at));
  if (storm >= total) return std::nullopt;

  std::vector<double> churns;
  if (plan.churn_every > 0) {
    for (double c = plan.churn_every; c < total; c += plan.churn_every) churns.push_back(c);
  }
  // A second [s, s + 1) is disturbed by an event at e while it overlaps [e, e + settle).
  auto disturbed = [&](int s) {
    return std::any_of(churns.begin(), churns.end(),
                       [&](double e) { return s + 1 > e && s < e + plan.settle_seconds; });
  };

  Histogram normal;
  for (int s = 0; s < storm; ++s) {
    if (!disturbed(s)) normal.Merge(seconds[static_cast<std::size_t>(s)]);
  }
  if (normal.count() == 0) return std::nullopt;

  int end = total;  // the window stops at the next churn after the storm
  for (double c : churns) {
    if (c > plan.storm_at) {
      end = std::min(end, static_cast<int>(std::ceil(c)));
      break;
    }
  }
  if (end <= storm + 1) return std::nullopt;

  Recovery r;
  r.normal_p99_ms = P99Ms(normal);
  r.threshold_ms = plan.factor * r.normal_p99_ms;
  r.window_seconds = end - storm;
  // Walk back from the window's end while seconds are at the normal level.
  int first_good = end;
  while (first_good - 1 > storm) {
    const Histogram& h = seconds[static_cast<std::size_t>(first_good - 1)];
    if (h.count() == 0 || P99Ms(h) > r.threshold_ms) break;  // no evidence is no recovery
    --first_good;
  }
  if (first_good < end) r.recovered_after_seconds = first_good - storm;
  return r;
}

}  // namespace kefu::bench
