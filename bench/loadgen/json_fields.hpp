// Reading optional fields of a server's JSON frame: absent or wrongly typed gives the empty
// value, which the checks then count as a mismatch.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string_view>

namespace kefu::bench {

inline std::string_view JsonString(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view{};
}

inline std::int64_t JsonInt(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}

}  // namespace kefu::bench
