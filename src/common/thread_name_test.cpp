#include "common/thread_name.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

namespace kefu {
namespace {

// Starts a thread, names it from this one, and returns the name the thread itself reads.
std::string NameSeenInside(std::string_view name) {
  std::promise<void> named;
  std::string inside;
  std::thread worker([&, ready = named.get_future()]() mutable {
    ready.wait();
    inside = ThisThreadName();
  });
  NameThread(worker, name);
  named.set_value();
  worker.join();
  return inside;
}

TEST(ThreadNameTest, NamesThatThreadOnly) {
  const std::string before = ThisThreadName();
  EXPECT_EQ(NameSeenInside("kefu-test-1"), "kefu-test-1");
  EXPECT_EQ(ThisThreadName(), before);
}

TEST(ThreadNameTest, LongNamesAreCutToTheKernelsFifteenBytes) {
  EXPECT_EQ(NameSeenInside("kefu-checkpointer-thread"), "kefu-checkpoint");
}

}  // namespace
}  // namespace kefu
