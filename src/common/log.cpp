#include "common/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace kefu::log {
namespace {

spdlog::logger& Logger() {
  // Built on first use so that tests and tools that never log pay nothing.
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto created = spdlog::stderr_color_mt("kefu");
    created->set_pattern("%Y-%m-%dT%H:%M:%S.%e level=%l %v");
    return created;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpd(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

void SetLevel(Level level) {
  Logger().set_level(ToSpd(level));
}

void Write(Level level, std::string_view line) {
  Logger().log(ToSpd(level), "{}", line);
}

void Uncaught(const std::exception_ptr& failure, std::string_view event) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& error) {
    Error("event={} error=\"{}\"", event, error.what());
  } catch (...) {
    Error("event={} error=\"unknown exception\"", event);
  }
}

}  // namespace kefu::log
