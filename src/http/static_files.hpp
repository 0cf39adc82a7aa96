// Static files of the web front end (web/dist): the widget script, the agent workspace, the demo
// page. Thread-safe (reads files; no state).
#pragma once

#include <filesystem>
#include <optional>

#include "http/http_types.hpp"

namespace kefu::http {

// The response for a GET/HEAD of a file under `root`, or nullopt if there is none. Directory
// paths serve their index.html. Paths that escape `root` are never served. Blocking (file I/O).
std::optional<Response> ServeStatic(const std::filesystem::path& root, const Request& request);

}  // namespace kefu::http
