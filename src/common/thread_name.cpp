#include "common/thread_name.hpp"

#include <pthread.h>

#include <array>

namespace kefu {

namespace {
constexpr std::size_t kMaxName = 15;  // TASK_COMM_LEN - 1
}  // namespace

void NameThread(std::thread& thread, std::string_view name) {
  const std::string cut(name.substr(0, kMaxName));
  (void)pthread_setname_np(thread.native_handle(), cut.c_str());
}

std::string ThisThreadName() {
  std::array<char, kMaxName + 1> buffer{};
  if (pthread_getname_np(pthread_self(), buffer.data(), buffer.size()) != 0) return {};
  return buffer.data();
}

}  // namespace kefu
