// `kefu bench-seed`: prepares a data directory for the load generator — a tenant with one queue
// and M agents, each with a signed-in session — so that a run does not spend minutes on
// argon2id logins. Writes the session cookie values, one per line, for kefu-loadgen --tokens.
#pragma once

#include <string>
#include <vector>

#include "auth/token_signer.hpp"
#include "common/clock.hpp"
#include "storage/store.hpp"

namespace kefu::app {

struct BenchSeedOptions {
  std::string tenant = "bench";
  int agents = 10;
  int capacity = 20;  // concurrent conversations per agent
};

// Creates what is missing (the tenant, agents agentN@bench.kefu) and a fresh 7-day session for
// every agent. Returns the session tokens in agent order. Throws std::runtime_error on failure.
std::vector<std::string> SeedBenchTenant(storage::Store& store, const auth::TokenSigner& signer,
                                         const Clock& clock, const BenchSeedOptions& options);

}  // namespace kefu::app
