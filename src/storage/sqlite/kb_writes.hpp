// Knowledge-base writes that also run inside other transactions (a conversation outcome counts
// its knowledge gaps and answer ratings in the same commit as its events).
// Call on the writer thread only.
#pragma once

#include <string>

#include "common/result.hpp"
#include "engine/tenant_engine.hpp"
#include "storage/sqlite/connection.hpp"

namespace kefu::storage::sqlite {

// Counts one more ask of `gap.key`, keeping the latest wording and closest entry.
Result<void> UpsertKbGap(Connection& db, const std::string& tenant_id,
                         const engine::KnowledgeGap& gap);

// Counts a rating of one bot answer, once: a second rating of the same answer is ignored.
Result<void> CountKbRating(Connection& db, const std::string& tenant_id,
                           const engine::AnswerRating& rating);

}  // namespace kefu::storage::sqlite
