#include "common/histogram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace kefu {
namespace {

constexpr std::array<std::uint64_t, 22> kLatencyMicros = {
    100,   250,   500,   750,   1000,  1500,  2000,   3000,   4000,   5000,   7500,
    10000, 15000, 20000, 30000, 50000, 75000, 100000, 250000, 500000, 750000, 1000000};

constexpr std::array<std::uint64_t, 15> kSizes = {1,  2,  3,  4,  6,   8,   12, 16,
                                                  24, 32, 48, 64, 128, 256, 512};

}  // namespace

BucketHistogram::BucketHistogram(std::span<const std::uint64_t> bounds) : bounds_(bounds) {
  if (bounds.empty() || bounds.size() > kMaxBounds ||
      !std::is_sorted(bounds.begin(), bounds.end(), std::less_equal<>())) {
    throw std::invalid_argument("histogram bounds must be 1..32 strictly increasing values");
  }
}

void BucketHistogram::Record(std::uint64_t value) {
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

BucketHistogram::Snapshot BucketHistogram::Read() const {
  Snapshot snapshot;
  snapshot.cumulative.reserve(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(running);
  }
  snapshot.count = running;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

void BucketHistogram::Render(std::string& out, std::string_view name, std::string_view help,
                             double divisor) const {
  const Snapshot snapshot = Read();
  out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", name, help, name);
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name,
                       static_cast<double>(bounds_[i]) / divisor, snapshot.cumulative[i]);
  }
  out += fmt::format("{}_bucket{{le=\"+Inf\"}} {}\n", name, snapshot.count);
  out += fmt::format("{}_sum {}\n{}_count {}\n", name, static_cast<double>(snapshot.sum) / divisor,
                     name, snapshot.count);
}

std::span<const std::uint64_t> BucketHistogram::LatencyMicros() {
  return kLatencyMicros;
}
std::span<const std::uint64_t> BucketHistogram::Sizes() {
  return kSizes;
}

}  // namespace kefu
