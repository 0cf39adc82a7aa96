// Time for the domain: milliseconds since the Unix epoch, read through an injectable Clock so
// that engines run in virtual time under test.
#pragma once

#include <atomic>
#include <cstdint>

namespace kefu {

using Millis = std::int64_t;  // milliseconds since the Unix epoch (or a duration in ms)

// Thread-safe: implementations must allow concurrent Now() calls.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis Now() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  Millis Now() const override;
};

// Time that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start = 1'700'000'000'000) : now_(start) {}
  Millis Now() const override { return now_.load(); }
  void Set(Millis now) { now_.store(now); }
  void Advance(Millis delta) { now_.fetch_add(delta); }

 private:
  std::atomic<Millis> now_;
};

}  // namespace kefu
