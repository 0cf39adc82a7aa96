// Offload: run blocking work (SQLite reads, argon2) on the blocking pool from a coroutine and
// resume on the coroutine's own executor, so that no I/O thread ever blocks.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <type_traits>

namespace kefu::realtime {

template <typename F>
boost::asio::awaitable<std::invoke_result_t<F>> Offload(boost::asio::thread_pool& pool, F work) {
  using R = std::invoke_result_t<F>;
  // std::optional because co_spawn's completion needs a default-constructible value.
  std::optional<R> result = co_await boost::asio::co_spawn(
      pool, [&]() -> boost::asio::awaitable<std::optional<R>> { co_return work(); },
      boost::asio::use_awaitable);
  co_return std::move(*result);
}

// Turns a callback API (`start(callback)`, the callback called once on any thread) into an
// awaitable that resumes on the awaiting coroutine's own executor.
template <typename T, typename Start>
boost::asio::awaitable<T> Await(Start start) {
  namespace asio = boost::asio;
  return asio::async_initiate<decltype(asio::use_awaitable), void(T)>(
      [start = std::move(start)](auto handler) mutable {
        auto executor = asio::get_associated_executor(handler);
        // Shared so that the callback stays copyable (std::function) while the handler is not.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        start([shared, executor](T value) mutable {
          asio::post(executor, [shared, value = std::move(value)]() mutable {
            std::move (*shared)(std::move(value));
          });
        });
      },
      asio::use_awaitable);
}

}  // namespace kefu::realtime
