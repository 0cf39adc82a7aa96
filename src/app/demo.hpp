// The demo tenant: a bank with two queues, three agents, a supervisor, an administrator, canned
// replies and FAQ entries — what `kefu serve --demo` shows a newcomer.
#pragma once

#include <string>

#include "storage/store.hpp"

namespace kefu::app {

inline constexpr const char* kDemoTenantSlug = "demo-bank";
inline constexpr const char* kDemoPassword = "kefu-demo";

// Creates the demo tenant unless it exists. Returns the text to print: URLs and logins.
// Throws std::runtime_error if storage fails.
std::string SeedDemoTenant(storage::Store& store, const std::string& base_url);

}  // namespace kefu::app
