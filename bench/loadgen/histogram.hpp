// A log-linear latency histogram in the manner of HdrHistogram: 128 linear sub-buckets per
// power of two, so any recorded value is reported within 0.8% of itself. Fixed memory (~36 KiB),
// O(1) record, mergeable across processes through a compact text form.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kefu::bench {

class Histogram {
 public:
  Histogram();

  void Record(std::int64_t value);  // negative values count as 0
  void Merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::int64_t min() const { return count_ ? min_ : 0; }
  std::int64_t max() const { return max_; }
  double mean() const {
    return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0;
  }
  // The value at quantile q in [0, 1]: the highest value of the bucket that holds it, capped by
  // the exact maximum.
  std::int64_t Percentile(double q) const;

  // "count min max sum index:count ..." and back. Parse returns false on malformed text.
  std::string Serialize() const;
  bool Parse(const std::string& text);

  static std::size_t IndexOf(std::uint64_t value);
  static std::uint64_t HighestOf(std::size_t index);  // largest value that maps to `index`

 private:
  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  std::int64_t sum_ = 0;
};

// The value at quantile q of what a Prometheus histogram `family` (its `_bucket{le="..."}` lines,
// as read from /metrics into name -> value maps) recorded between two scrapes, interpolated
// linearly inside the bucket that holds it. Empty if the family is absent or nothing was
// recorded; the highest finite bound if the quantile falls in the +Inf bucket.
std::optional<double> BucketQuantile(const std::map<std::string, double>& before,
                                     const std::map<std::string, double>& after,
                                     const std::string& family, double q);

}  // namespace kefu::bench
