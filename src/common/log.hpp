// The logging facade: structured `key=value` lines. Thread-safe.
// Log where an error is handled, not at every layer; never log secrets (passwords, tokens).
#pragma once

#include <fmt/format.h>

#include <exception>
#include <string>
#include <string_view>

namespace kefu::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void SetLevel(Level level);
void Write(Level level, std::string_view line);

template <typename... Args>
void Debug(fmt::format_string<Args...> format, Args&&... args) {
  Write(Level::kDebug, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Info(fmt::format_string<Args...> format, Args&&... args) {
  Write(Level::kInfo, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Warn(fmt::format_string<Args...> format, Args&&... args) {
  Write(Level::kWarn, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Error(fmt::format_string<Args...> format, Args&&... args) {
  Write(Level::kError, fmt::format(format, std::forward<Args>(args)...));
}

// The top-level catch of a session's coroutines: logs `failure` (if any) as
// `event=<event> error="…"`. A bug in one session ends that session only, never the server.
void Uncaught(const std::exception_ptr& failure, std::string_view event);

}  // namespace kefu::log
