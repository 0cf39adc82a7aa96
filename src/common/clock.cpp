#include "common/clock.hpp"

#include <chrono>

namespace kefu {

Millis SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace kefu
