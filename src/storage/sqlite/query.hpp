// Helpers shared by the SqliteStore translation units: a statement's rows as values.
#pragma once

#include <optional>
#include <vector>

#include "common/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace kefu::storage::sqlite {

// Steps `stmt` once: the row made by `read`, nothing if there is none, or the failure.
template <typename T, typename Read>
Result<std::optional<T>> QueryOne(Statement& stmt, Read read) {
  auto row = stmt.Step();
  if (!row) return Unexpected{row.error()};
  if (!*row) return std::optional<T>{};
  return std::optional<T>(read(stmt));
}

// Steps `stmt` to the end: every row made by `read`, or the failure.
template <typename T, typename Read>
Result<std::vector<T>> QueryAll(Statement& stmt, Read read) {
  std::vector<T> rows;
  for (;;) {
    auto row = stmt.Step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return rows;
    rows.push_back(read(stmt));
  }
}

}  // namespace kefu::storage::sqlite
