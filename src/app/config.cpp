#include "app/config.hpp"

#include <toml++/toml.h>

namespace kefu::app {

Result<void> ParseListen(const std::string& listen, ServeConfig& config) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(ErrorCode::kBadFrame, "listen must be host:port, e.g. 127.0.0.1:8080");
  }
  try {
    const int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    config.port = static_cast<unsigned short>(port);
  } catch (const std::exception&) {
    return Fail(ErrorCode::kBadFrame, "listen has an invalid port: " + listen);
  }
  config.listen_address = listen.substr(0, colon);
  return {};
}

Result<void> LoadConfigFile(const std::string& path, ServeConfig& config) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    return Fail(ErrorCode::kBadFrame, "config " + path + ": " + std::string(error.description()));
  }
  if (auto listen = table["listen"].value<std::string>()) {
    if (auto r = ParseListen(*listen, config); !r) return r;
  }
  if (auto v = table["data_dir"].value<std::string>()) config.data_dir = *v;
  if (auto v = table["web_root"].value<std::string>()) config.web_root = *v;
  if (auto v = table["demo"].value<bool>()) config.demo = *v;
  if (auto v = table["log_level"].value<std::string>()) config.log_level = *v;
  auto in_range = [&](const char* key, int& out, int min, int max) -> Result<void> {
    if (auto node = table[key]; node) {
      auto value = node.value<int64_t>();
      if (!value || *value < min || *value > max) {
        return Fail(ErrorCode::kBadFrame, std::string("config ") + key + " must be " +
                                              std::to_string(min) + "-" + std::to_string(max));
      }
      out = static_cast<int>(*value);
    }
    return {};
  };
  auto positive = [&](const char* key, int& out, int max) { return in_range(key, out, 1, max); };
  if (auto r = positive("io_threads", config.io_threads, 64); !r) return r;
  if (auto r = positive("blocking_threads", config.blocking_threads, 64); !r) return r;
  if (auto r = positive("rate_per_second", config.rate_per_second, 1'000'000); !r) return r;
  if (auto r = positive("idle_timeout_minutes", config.idle_timeout_minutes, 7 * 24 * 60); !r) {
    return r;
  }
  if (auto r = positive("idempotency_memory_seconds", config.idempotency_memory_seconds, 86400);
      !r) {
    return r;
  }
  return in_range("commit_delay_us", config.commit_delay_us, 0, 10'000);
}

}  // namespace kefu::app
