// Versioned schema migrations, applied in order at start. Never edit a released migration:
// add a new one. Not thread-safe: run once on the writer connection before serving.
#pragma once

#include <limits>

#include "common/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace kefu::storage::sqlite {

// Brings the schema to the newest version (or to `target`, for tests of a migration); returns
// the version reached.
Result<int> Migrate(Connection& db, int target = std::numeric_limits<int>::max());

}  // namespace kefu::storage::sqlite
