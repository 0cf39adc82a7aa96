// Principal: an authenticated staff member (agent, supervisor, administrator).
#pragma once

#include <string>

#include "engine/types.hpp"

namespace kefu::realtime {

struct Principal {
  std::string tenant_id;
  std::string user_id;
  std::string name;
  std::string email;
  engine::Role role = engine::Role::kAgent;
  bool platform_admin = false;
  std::string csrf_token;
  std::string session_hash;  // to end the session on logout
};

}  // namespace kefu::realtime
