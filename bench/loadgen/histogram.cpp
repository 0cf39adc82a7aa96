#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <sstream>

namespace kefu::bench {
namespace {

constexpr int kSubBits = 7;
constexpr std::uint64_t kSub = 1u << kSubBits;  // sub-buckets per power of two
constexpr std::uint64_t kLinear = kSub * 2;     // values below this are exact
constexpr std::size_t kBuckets = kLinear + 64 * kSub;

}  // namespace

Histogram::Histogram() : buckets_(kBuckets, 0) {}

std::size_t Histogram::IndexOf(std::uint64_t value) {
  if (value < kLinear) return static_cast<std::size_t>(value);
  const int top = 63 - std::countl_zero(value);  // >= kSubBits + 1
  const int shift = top - kSubBits;
  const std::uint64_t mantissa = value >> shift;  // in [kSub, 2 * kSub)
  return static_cast<std::size_t>(kLinear + static_cast<std::uint64_t>(shift - 1) * kSub +
                                  (mantissa - kSub));
}

std::uint64_t Histogram::HighestOf(std::size_t index) {
  if (index < kLinear) return index;
  const std::uint64_t rest = index - kLinear;
  const int shift = static_cast<int>(rest / kSub) + 1;
  const std::uint64_t mantissa = kSub + rest % kSub;
  return ((mantissa + 1) << shift) - 1;
}

void Histogram::Record(std::int64_t value) {
  if (value < 0) value = 0;
  ++buckets_[IndexOf(static_cast<std::uint64_t>(value))];
  if (count_ == 0 || value < min_) min_ = value;
  max_ = std::max(max_, value);
  sum_ += value;
  ++count_;
}

void Histogram::Merge(const Histogram& other) {
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
  min_ = count_ ? std::min(min_, other.min_) : other.min_;
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
  count_ += other.count_;
}

std::int64_t Histogram::Percentile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      return std::min<std::int64_t>(static_cast<std::int64_t>(HighestOf(i)), max_);
    }
  }
  return max_;
}

std::string Histogram::Serialize() const {
  std::ostringstream out;
  out << count_ << ' ' << min() << ' ' << max_ << ' ' << sum_;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    if (buckets_[i]) out << ' ' << i << ':' << buckets_[i];
  }
  return out.str();
}

bool Histogram::Parse(const std::string& text) {
  std::istringstream in(text);
  Histogram parsed;
  if (!(in >> parsed.count_ >> parsed.min_ >> parsed.max_ >> parsed.sum_)) return false;
  std::string item;
  std::uint64_t total = 0;
  while (in >> item) {
    const auto colon = item.find(':');
    if (colon == std::string::npos) return false;
    try {
      const auto index = std::stoull(item.substr(0, colon));
      const auto n = std::stoull(item.substr(colon + 1));
      if (index >= kBuckets) return false;
      parsed.buckets_[index] += n;
      total += n;
    } catch (...) {
      return false;
    }
  }
  if (total != parsed.count_) return false;
  *this = std::move(parsed);
  return true;
}

std::optional<double> BucketQuantile(const std::map<std::string, double>& before,
                                     const std::map<std::string, double>& after,
                                     const std::string& family, double q) {
  const std::string prefix = family + "_bucket{le=\"";
  std::vector<std::pair<double, double>> buckets;  // (upper bound, cumulative count delta)
  for (auto it = after.lower_bound(prefix); it != after.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    const std::string le = it->first.substr(prefix.size(), it->first.size() - prefix.size() - 2);
    double bound = 0;
    try {
      bound = le == "+Inf" ? std::numeric_limits<double>::infinity() : std::stod(le);
    } catch (...) {
      continue;
    }
    auto old = before.find(it->first);
    buckets.emplace_back(bound, it->second - (old == before.end() ? 0 : old->second));
  }
  std::sort(buckets.begin(), buckets.end());
  if (buckets.empty() || buckets.back().second <= 0) return std::nullopt;
  const double target = q * buckets.back().second;
  double lower = 0;
  double below = 0;
  for (const auto& [bound, cumulative] : buckets) {
    if (cumulative >= target && cumulative > below) {
      if (std::isinf(bound)) return lower;
      return lower + (bound - lower) * (target - below) / (cumulative - below);
    }
    lower = bound;
    below = cumulative;
  }
  return lower;
}

}  // namespace kefu::bench
