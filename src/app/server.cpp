#include "app/server.hpp"

#include <boost/asio.hpp>
#include <filesystem>
#include <future>

#include "app/demo.hpp"
#include "auth/token_signer.hpp"
#include "common/log.hpp"
#include "common/thread_name.hpp"
#include "http/listener.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::app {

namespace asio = boost::asio;

// The I/O threads share one io_context. With Asio's default hint, every handler posted from an
// I/O thread (the tenant strand publishing a commit, each session's send after it) goes to the
// shared queue and wakes the other, idle thread: several futex wake-ups and context switches per
// message, which cost more than the work itself on a small virtual machine. A hint of 1 keeps
// what an I/O thread posts on that thread's own queue; the other threads still take socket
// events and whatever other threads post (commits, offloaded work). Locking stays on: 1 is a
// scheduling hint, not ASIO_CONCURRENCY_HINT_UNSAFE. Measured in docs/benchmarks.md (session 11).
constexpr int kIoConcurrencyHint = 1;

struct Server::Parts {
  Parts(const ServeConfig& c, const Clock& clk)
      : config(c),
        clock(clk),
        io(kIoConcurrencyHint),
        blocking(static_cast<std::size_t>(c.blocking_threads)),
        work(asio::make_work_guard(io)),
        store((std::filesystem::create_directories(c.data_dir), c.data_dir + "/kefu.db"),
              storage::sqlite::SqliteStore::kDefaultDeferWindow,
              std::chrono::microseconds{c.commit_delay_us}),
        signer(auth::LoadOrCreateSecret(c.data_dir + "/secret.key")),
        hub(io.get_executor(), blocking, store, clock, signer, HubOptionsFor(c)),
        router(hub, http::RouterOptions{c.web_root}),
        listener(io, router, hub) {}

  static realtime::HubOptions HubOptionsFor(const ServeConfig& c) {
    realtime::HubOptions options;
    options.tenant_settings.idle_timeout = Millis{c.idle_timeout_minutes} * 60 * 1000;
    options.tenant_settings.idempotency_window = Millis{c.idempotency_memory_seconds} * 1000;
    options.limits.rate_per_second = c.rate_per_second;
    return options;
  }

  ServeConfig config;
  const Clock& clock;
  asio::io_context io;
  asio::thread_pool blocking;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  storage::sqlite::SqliteStore store;
  auth::TokenSigner signer;
  realtime::Hub hub;
  http::Router router;
  http::Listener listener;
  unsigned short port = 0;
  std::vector<std::thread> threads;
  bool stopped = false;
};

Server::Server(const ServeConfig& config, const Clock& clock)
    : parts_(std::make_unique<Parts>(config, clock)) {
  parts_->port = parts_->listener.Bind(config.listen_address, config.port);
}

Server::~Server() {
  Stop();
}

std::string Server::SeedDemo() {
  return SeedDemoTenant(parts_->store, base_url());
}

void Server::Start() {
  parts_->listener.Start();
  for (int i = 0; i < parts_->config.io_threads; ++i) {
    parts_->threads.emplace_back([this] { parts_->io.run(); });
    NameThread(parts_->threads.back(), fmt::format("kefu-io-{}", i));
  }
  log::Info("event=listening url={} data_dir={} web_root={}", base_url(), parts_->config.data_dir,
            parts_->config.web_root);
}

void Server::Stop() {
  if (!parts_ || parts_->stopped) return;
  parts_->stopped = true;
  auto& p = *parts_;
  p.listener.Stop();
  p.hub.Shutdown();
  // Let sessions send their close frames; clients that do not answer are cut off below.
  for (int i = 0; i < 50 && p.hub.counters().connections_open.load() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Everything queued is committed before the threads go away: no acknowledged work is lost,
  // and work not yet acknowledged is either committed or never acknowledged.
  p.store.Close();
  p.work.reset();
  p.io.stop();
  for (auto& thread : p.threads) thread.join();
  p.threads.clear();
  p.blocking.join();
  log::Info("event=stopped");
}

void Server::RunUntilSignalled() {
  std::promise<int> signalled;
  asio::signal_set signals(parts_->io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int signal) {
    if (!ec) signalled.set_value(signal);
  });
  const int signal = signalled.get_future().get();
  log::Info("event=signal signal={} action=graceful_stop", signal);
  Stop();
}

unsigned short Server::port() const {
  return parts_->port;
}

std::string Server::base_url() const {
  return "http://" + parts_->config.listen_address + ":" + std::to_string(parts_->port);
}

}  // namespace kefu::app
