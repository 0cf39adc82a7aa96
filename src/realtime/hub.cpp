#include "realtime/hub.hpp"

#include "common/log.hpp"

namespace kefu::realtime {

Hub::Hub(boost::asio::any_io_executor executor, boost::asio::thread_pool& blocking,
         storage::Store& store, const Clock& clock, const auth::TokenSigner& signer,
         HubOptions options)
    : executor_(std::move(executor)),
      blocking_(blocking),
      store_(store),
      clock_(clock),
      signer_(signer),
      options_(options) {}

Hub::~Hub() {
  for (auto& [id, runtime] : runtimes_) runtime->Stop();
}

Result<std::shared_ptr<TenantRuntime>> Hub::Runtime(const std::string& tenant_id) {
  if (auto cached = CachedRuntime(tenant_id)) return std::move(*cached);
  // Load outside the lock; if two threads race, the first to insert wins and the other's copy
  // is dropped before anyone used it.
  auto tenant = store_.FindTenant(tenant_id);
  if (!tenant) return Unexpected{tenant.error()};
  if (!*tenant) return Fail(ErrorCode::kUnknownTenant, "no such tenant");
  auto state =
      store_.LoadTenantState(tenant_id, clock_.Now() - options_.tenant_settings.idempotency_window);
  if (!state) return Unexpected{state.error()};
  auto runtime = std::make_shared<TenantRuntime>(executor_, **tenant, store_, clock_,
                                                 options_.tenant_settings, *state, counters_);
  std::lock_guard lock(mutex_);
  auto [it, inserted] = runtimes_.emplace(tenant_id, runtime);
  if (inserted) {
    runtime->Start();
    log::Info("event=tenant_loaded tenant={} open_conversations={} agents={}", tenant_id,
              state->open_conversations.size(), state->agents.size());
  }
  return it->second;
}

Result<std::shared_ptr<Knowledge>> Hub::KnowledgeOf(const std::string& tenant_id) {
  std::lock_guard lock(knowledge_mutex_);
  if (auto it = knowledge_.find(tenant_id); it != knowledge_.end()) return it->second;
  auto loaded = Knowledge::Load(text_models_, store_, tenant_id);
  if (!loaded) return loaded;
  knowledge_.emplace(tenant_id, *loaded);
  return loaded;
}

Result<std::shared_ptr<Knowledge>> Hub::KnowledgeIfAny(const std::string& tenant_id) {
  if (auto cached = CachedKnowledge(tenant_id, /*uses_bot=*/false)) return std::move(*cached);
  auto any = store_.HasKbEntries(tenant_id);
  if (!any) return Unexpected{any.error()};
  if (!*any) {
    std::lock_guard lock(knowledge_mutex_);
    // A concurrent KnowledgeOf may have loaded it meanwhile.
    if (auto it = knowledge_.find(tenant_id); it != knowledge_.end()) return it->second;
    without_kb_.insert(tenant_id);
    return std::shared_ptr<Knowledge>();
  }
  return KnowledgeOf(tenant_id);
}

Result<std::vector<engine::QueueInfo>> Hub::QueuesOf(const std::string& tenant_id) {
  if (auto cached = CachedQueuesOf(tenant_id)) return std::move(*cached);
  auto queues = store_.ListQueues(tenant_id);
  if (!queues) return queues;
  std::lock_guard lock(mutex_);
  queues_.insert_or_assign(tenant_id, *queues);
  return queues;
}

void Hub::OnQueuesChanged(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  queues_.erase(tenant_id);
}

Result<std::optional<storage::TenantRecord>> Hub::TenantBySlug(const std::string& slug) {
  if (auto cached = CachedTenantBySlug(slug)) return cached;
  auto tenant = store_.FindTenantBySlug(slug);
  if (!tenant) return tenant;
  if (*tenant) {
    std::lock_guard lock(mutex_);
    tenants_by_slug_.emplace(slug, **tenant);
  }
  return tenant;
}

void Hub::ForgetVisitor(const std::string& tenant_id, const std::string& visitor_id) {
  if (auto runtime = CachedRuntime(tenant_id)) (*runtime)->ForgetVisitor(visitor_id);
}

std::optional<std::shared_ptr<TenantRuntime>> Hub::CachedRuntime(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  if (auto it = runtimes_.find(tenant_id); it != runtimes_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::shared_ptr<Knowledge>> Hub::CachedKnowledge(const std::string& tenant_id,
                                                               bool uses_bot) {
  std::lock_guard lock(knowledge_mutex_);
  if (auto it = knowledge_.find(tenant_id); it != knowledge_.end()) return it->second;
  if (!uses_bot && without_kb_.contains(tenant_id)) return std::shared_ptr<Knowledge>();
  return std::nullopt;
}

std::optional<std::vector<engine::QueueInfo>> Hub::CachedQueuesOf(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  if (auto it = queues_.find(tenant_id); it != queues_.end()) return it->second;
  return std::nullopt;
}

std::optional<storage::TenantRecord> Hub::CachedTenantBySlug(const std::string& slug) {
  std::lock_guard lock(mutex_);
  if (auto it = tenants_by_slug_.find(slug); it != tenants_by_slug_.end()) return it->second;
  return std::nullopt;
}

void Hub::OnUserChanged(const storage::UserRecord& user) {
  std::shared_ptr<TenantRuntime> runtime;
  {
    std::lock_guard lock(mutex_);
    if (auto it = runtimes_.find(user.tenant_id); it != runtimes_.end()) runtime = it->second;
  }
  // A runtime loaded later reads the user from the database.
  if (runtime) runtime->UpsertAgent(user.ToAgentInfo());
}

void Hub::Register(const std::shared_ptr<Closable>& session) {
  std::lock_guard lock(mutex_);
  sessions_.emplace(session.get(), session);
}

void Hub::Unregister(const Closable* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

void Hub::Shutdown() {
  shutting_down_.store(true);
  std::vector<std::shared_ptr<Closable>> open;
  std::vector<std::shared_ptr<TenantRuntime>> runtimes;
  {
    // Collect under the lock, close outside it: closing may re-enter Unregister.
    std::lock_guard lock(mutex_);
    for (auto& [ptr, weak] : sessions_) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
    for (auto& [id, runtime] : runtimes_) runtimes.push_back(runtime);
  }
  for (auto& session : open) session->CloseForShutdown();
  for (auto& runtime : runtimes) runtime->Stop();
}

}  // namespace kefu::realtime
