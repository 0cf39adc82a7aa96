// Blocking use of the asynchronous Store, for setup commands that run before the server starts
// (demo data, bench-seed). Not for request paths: it parks the calling thread until the commit.
#pragma once

#include <functional>
#include <future>
#include <stdexcept>
#include <string>

#include "storage/store.hpp"

namespace kefu::app {

// Submits one write and waits for its commit; throws std::runtime_error("<what>: <reason>").
inline void WaitForWrite(const std::string& what,
                         const std::function<void(storage::Done)>& submit) {
  std::promise<Result<void>> promise;
  submit([&](Result<void> r) { promise.set_value(std::move(r)); });
  auto result = promise.get_future().get();
  if (!result) throw std::runtime_error(what + ": " + result.error().message);
}

}  // namespace kefu::app
