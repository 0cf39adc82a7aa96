// Server configuration: defaults, then a TOML file, then command-line flags.
#pragma once

#include <string>

#include "common/result.hpp"

namespace kefu::app {

struct ServeConfig {
  std::string listen_address = "127.0.0.1";
  unsigned short port = 8080;
  std::string data_dir = "./data";
  std::string web_root = "web/dist";
  int io_threads = 2;
  int blocking_threads = 2;
  bool demo = false;
  int idle_timeout_minutes = 30;
  // How long command keys are held in memory (older ones are looked up in the database).
  int idempotency_memory_seconds = 120;
  int rate_per_second = 20;  // commands per WebSocket connection (burst: twice this)
  // Microseconds a lone acknowledged write may wait for others to share its fsync (0: off).
  int commit_delay_us = 0;
  std::string log_level = "info";
};

// Reads `path` (TOML) over `config`. Keys: listen ("host:port"), data_dir, web_root, io_threads,
// blocking_threads, demo, idle_timeout_minutes, idempotency_memory_seconds, rate_per_second,
// commit_delay_us, log_level. kBadFrame with the
// reason for a file that cannot be read, does not parse, or has a value of the wrong type or range.
Result<void> LoadConfigFile(const std::string& path, ServeConfig& config);

// Parses "host:port" into the config. kBadFrame if malformed.
Result<void> ParseListen(const std::string& listen, ServeConfig& config);

}  // namespace kefu::app
