// A Prometheus histogram with fixed bucket bounds, recorded lock-free from any thread: what the
// server measures per commit or per message, so that a load test (or a scrape) can read the
// distribution of the server's own latencies, not only their sums.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kefu {

class BucketHistogram {
 public:
  static constexpr std::size_t kMaxBounds = 32;

  // `bounds`: inclusive upper bounds, strictly increasing, at most kMaxBounds; an implicit
  // +Inf bucket follows. The span must outlive the histogram (use a static array).
  explicit BucketHistogram(std::span<const std::uint64_t> bounds);

  void Record(std::uint64_t value);

  // Cumulative counts per bound and then +Inf, the sum and the count, as read now. Buckets are
  // read one after another, so a concurrent Record may show in some and not yet in others.
  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  // bounds.size() + 1 entries
    std::uint64_t sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot Read() const;

  // Appends the histogram in Prometheus text format; recorded values are divided by `divisor`
  // for the exposed unit (1e6 for microseconds exposed as seconds).
  void Render(std::string& out, std::string_view name, std::string_view help, double divisor) const;

  // Latency bounds in microseconds, 100 µs to 1 s: fine where the targets are (1–10 ms).
  static std::span<const std::uint64_t> LatencyMicros();
  // Small counts (writes per commit), 1 to 512.
  static std::span<const std::uint64_t> Sizes();

 private:
  std::span<const std::uint64_t> bounds_;
  std::array<std::atomic<std::uint64_t>, kMaxBounds + 1> counts_{};
  std::atomic<std::uint64_t> sum_{0};
};

}  // namespace kefu
