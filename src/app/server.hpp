// Server: every module wired together — store, hub, router, listener and their threads. Used by
// `kefu serve` and, in-process on port 0, by the integration tests.
//
// Thread-safe: Stop() may be called from any thread (a signal handler's strand, a test).
#pragma once

#include <memory>
#include <thread>
#include <vector>

#include "app/config.hpp"
#include "common/clock.hpp"

namespace kefu::app {

class Server {
 public:
  // Opens the data directory (creating it), migrates the database and binds the port. Throws
  // std::exception on any start-up failure, with a message that says what to fix.
  Server(const ServeConfig& config, const Clock& clock);
  ~Server();

  // Seeds the demo tenant if it does not exist yet; returns the text to print (URLs, logins).
  std::string SeedDemo();
  // Starts serving on the I/O threads.
  void Start();
  // Graceful stop: stop accepting, close sessions with 1001, commit everything queued, join.
  void Stop();
  // Blocks until SIGINT or SIGTERM, then stops.
  void RunUntilSignalled();

  unsigned short port() const;
  std::string base_url() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace kefu::app
