#include "storage/records.hpp"

namespace kefu::storage {

engine::AgentInfo UserRecord::ToAgentInfo() const {
  return engine::AgentInfo{id, name, email, role, capacity, queue_ids, skills};
}

bool IsValidSlug(std::string_view slug) {
  if (slug.size() < 2 || slug.size() > 40 || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace kefu::storage
