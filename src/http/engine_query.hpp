// Reading a tenant's engine from a REST handler: the read runs on the tenant's strand and its
// result comes back to the handler's coroutine.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "common/result.hpp"
#include "engine/tenant_engine.hpp"
#include "realtime/hub.hpp"
#include "realtime/offload.hpp"

namespace kefu::http {

// Runs `read(const TenantEngine&)` on the tenant's strand (loading the runtime on first use) and
// hands back its result.
template <typename T, typename F>
boost::asio::awaitable<Result<T>> InspectEngine(realtime::Hub& hub, const std::string& tenant_id,
                                                F read) {
  auto runtime = co_await realtime::Offload(hub.blocking(), [&] { return hub.Runtime(tenant_id); });
  if (!runtime) co_return Unexpected{runtime.error()};
  auto start = [runtime = *runtime, read](auto done) {
    runtime->Inspect([done = std::move(done), read](const engine::TenantEngine& engine) mutable {
      done(read(engine));
    });
  };
  T value = co_await realtime::Await<T>(std::move(start));
  co_return value;
}

}  // namespace kefu::http
