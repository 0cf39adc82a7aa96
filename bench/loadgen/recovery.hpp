// How long latency takes to return to its normal level after a disturbance (S5's reconnect
// storm), from end-to-end latencies binned by the second of their intended send time.
#pragma once

#include <optional>
#include <vector>

#include "histogram.hpp"

namespace kefu::bench {

struct RecoveryPlan {
  double storm_at = -1;    // seconds after the first step began
  double churn_every = 0;  // 0: no periodic churn; else churns at churn_every, 2·churn_every, ...
  double settle_seconds = 5;  // seconds after a churn that do not count as the normal level
  double factor = 2;          // "back to normal": a second's p99 at most factor × the normal p99
};

struct Recovery {
  double normal_p99_ms = 0;  // p99 over the undisturbed seconds before the storm
  double threshold_ms = 0;
  int window_seconds = 0;  // from the storm's second to the next churn (or the end)
  // Seconds from the start of the storm's second to the first second from which every second of
  // the window has its p99 under the threshold; empty if the window ends first.
  std::optional<int> recovered_after_seconds;
};

// seconds[s] holds the latencies of messages meant to be sent in [s, s + 1) after the first step
// began. Empty if there is no storm, no undisturbed second before it, or no second after it.
std::optional<Recovery> MeasureRecovery(const std::vector<Histogram>& seconds,
                                        const RecoveryPlan& plan);

}  // namespace kefu::bench
