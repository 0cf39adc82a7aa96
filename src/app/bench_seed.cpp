#include "app/bench_seed.hpp"

#include <fmt/format.h>

#include <future>
#include <stdexcept>

#include "app/store_wait.hpp"
#include "auth/password_hasher.hpp"
#include "common/ids.hpp"

namespace kefu::app {
namespace {

void Wait(const std::function<void(storage::Done)>& submit) {
  WaitForWrite("bench seed", submit);
}

template <typename T>
T Check(Result<T> result) {
  if (!result) throw std::runtime_error("bench seed: " + result.error().message);
  return std::move(*result);
}

}  // namespace

std::vector<std::string> SeedBenchTenant(storage::Store& store, const auth::TokenSigner& signer,
                                         const Clock& clock, const BenchSeedOptions& options) {
  if (!storage::IsValidSlug(options.tenant))
    throw std::runtime_error("bench seed: bad tenant slug");
  const Millis now = clock.Now();
  // One argon2id hash for every bench account: they share the password "kefu-bench".
  const std::string password_hash = auth::HashPassword("kefu-bench");
  auto tenant = Check(store.FindTenantBySlug(options.tenant));
  std::string queue_id;
  if (!tenant) {
    storage::TenantRecord record{NewId("t"), options.tenant, "Load test", now};
    const std::vector<engine::QueueInfo> queues = {{NewId("q"), "general", "综合咨询"}};
    queue_id = queues[0].id;
    storage::UserRecord admin{record.id,
                              NewId("u"),
                              "admin@" + options.tenant + ".kefu",
                              "管理员",
                              engine::Role::kAdmin,
                              password_hash,
                              5,
                              false,
                              {},
                              now};
    Wait([&](storage::Done done) { store.CreateTenant(record, queues, admin, std::move(done)); });
    tenant = record;
  } else {
    const auto queues = Check(store.ListQueues(tenant->id));
    if (queues.empty()) throw std::runtime_error("bench seed: the tenant has no queue");
    queue_id = queues.front().id;
  }
  std::vector<std::string> tokens;
  for (int i = 0; i < options.agents; ++i) {
    const std::string email = fmt::format("agent{}@{}.kefu", i, options.tenant);
    auto user = Check(store.FindUserByEmail(tenant->id, email));
    if (!user) {
      storage::UserRecord record{tenant->id,
                                 NewId("u"),
                                 email,
                                 fmt::format("坐席{:04d}", i),
                                 engine::Role::kAgent,
                                 password_hash,
                                 options.capacity,
                                 false,
                                 {queue_id},
                                 now};
      Wait([&](storage::Done done) { store.CreateUser(record, std::move(done)); });
      user = record;
    }
    std::string token = RandomToken(32);
    storage::SessionRecord session{
        signer.HashSessionToken(token),    tenant->id, user->id, RandomToken(24), now,
        now + Millis{7} * 24 * 3600 * 1000};
    Wait([&](storage::Done done) { store.CreateSession(session, std::move(done)); });
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace kefu::app
