// Hub: the live side of the server. Owns the tenant runtimes (loaded on first use), the shared
// services sessions need (store, signer, blocking pool), the registry of open sessions for
// graceful shutdown, and the counters behind /metrics.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "auth/token_signer.hpp"
#include "common/histogram.hpp"
#include "protocol/codec.hpp"
#include "realtime/knowledge.hpp"
#include "realtime/tenant_runtime.hpp"
#include "storage/store.hpp"

namespace kefu::realtime {

struct RuntimeCounters {
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::uint64_t> connections_total{0};
  std::atomic<std::uint64_t> frames_in{0};
  std::atomic<std::uint64_t> frames_out{0};
  std::atomic<std::uint64_t> messages_out{0};  // WebSocket messages: one or more frames each
  std::atomic<std::uint64_t> bytes_in{0};
  std::atomic<std::uint64_t> bytes_out{0};
  std::atomic<std::uint64_t> error_frames{0};
  std::atomic<std::uint64_t> messages_acked{0};
  std::atomic<std::uint64_t> events_committed{0};
  std::atomic<std::uint64_t> resume_fetches{0};
  // Visitor welcomes by where the visitor's name and conversations came from.
  std::atomic<std::uint64_t> visitor_welcomes_from_memory{0};
  std::atomic<std::uint64_t> visitor_welcomes_from_storage{0};
  // Per acknowledged message: from its frame being read to its ack being queued for the
  // client (µs), so the engine, the commit and the thread hops, without the network.
  BucketHistogram ack_latency{BucketHistogram::LatencyMicros()};
};

struct HubOptions {
  engine::TenantSettings tenant_settings;
  protocol::Limits limits;
  std::size_t max_write_queue_bytes = 4 * 1024 * 1024;  // a slower client is disconnected
};

// A session the hub can ask to close at shutdown.
class Closable {
 public:
  virtual ~Closable() = default;
  virtual void CloseForShutdown() = 0;
};

class Hub {
 public:
  Hub(boost::asio::any_io_executor executor, boost::asio::thread_pool& blocking,
      storage::Store& store, const Clock& clock, const auth::TokenSigner& signer,
      HubOptions options);
  ~Hub();

  // The runtime of a tenant, loading it on first use. Blocking (reads the database on first
  // use): call from the blocking pool. kUnknownTenant if no such tenant; kUnavailable on
  // storage failure.
  Result<std::shared_ptr<TenantRuntime>> Runtime(const std::string& tenant_id);
  // The bot of a tenant (knowledge base, settings), loading it on first use. Blocking on first
  // use: call from the blocking pool.
  Result<std::shared_ptr<Knowledge>> KnowledgeOf(const std::string& tenant_id);
  // The bot of a tenant that has a knowledge base (self-service while waiting), or null —
  // without loading the text models for tenants that have none. Blocking on first use.
  Result<std::shared_ptr<Knowledge>> KnowledgeIfAny(const std::string& tenant_id);
  // A tenant's queues, cached (every visitor hello needs them). Blocking on a cache miss.
  Result<std::vector<engine::QueueInfo>> QueuesOf(const std::string& tenant_id);
  // Forgets the cached queues after a change.
  void OnQueuesChanged(const std::string& tenant_id);
  // A tenant by slug, cached. Blocking on a cache miss.
  Result<std::optional<storage::TenantRecord>> TenantBySlug(const std::string& slug);
  // The same lookups for the I/O threads: what is already in memory, or nullopt where the
  // answer would need the database. CachedKnowledge answers as KnowledgeOf would if
  // `uses_bot`, else as KnowledgeIfAny (a null pointer: the tenant has no knowledge base).
  std::optional<std::shared_ptr<TenantRuntime>> CachedRuntime(const std::string& tenant_id);
  // After a visitor's row or a closed conversation of theirs changed outside the engine: their
  // next welcome reads the database (TenantRuntime::ForgetVisitor), if the tenant is loaded.
  void ForgetVisitor(const std::string& tenant_id, const std::string& visitor_id);
  std::optional<std::shared_ptr<Knowledge>> CachedKnowledge(const std::string& tenant_id,
                                                            bool uses_bot);
  std::optional<std::vector<engine::QueueInfo>> CachedQueuesOf(const std::string& tenant_id);
  std::optional<storage::TenantRecord> CachedTenantBySlug(const std::string& slug);
  // Tells a loaded runtime about a new or changed staff member.
  void OnUserChanged(const storage::UserRecord& user);

  void Register(const std::shared_ptr<Closable>& session);
  void Unregister(const Closable* session);
  // Asks every open session to close (1001) and stops the runtimes' timers.
  void Shutdown();
  bool shutting_down() const { return shutting_down_.load(); }

  storage::Store& store() { return store_; }
  const auth::TokenSigner& signer() const { return signer_; }
  const Clock& clock() const { return clock_; }
  boost::asio::thread_pool& blocking() { return blocking_; }
  const HubOptions& options() const { return options_; }
  RuntimeCounters& counters() { return counters_; }
  const RuntimeCounters& counters() const { return counters_; }

 private:
  boost::asio::any_io_executor executor_;
  boost::asio::thread_pool& blocking_;
  storage::Store& store_;
  const Clock& clock_;
  const auth::TokenSigner& signer_;
  HubOptions options_;
  RuntimeCounters counters_;
  std::atomic<bool> shutting_down_{false};

  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<TenantRuntime>> runtimes_;
  TextModels text_models_;
  std::mutex knowledge_mutex_;  // held while loading, so a tenant's knowledge loads once
  std::unordered_map<std::string, std::shared_ptr<Knowledge>> knowledge_;
  // Tenants found without a knowledge base. Every change to one goes through KnowledgeOf,
  // which loads it, so the loaded map answers first from then on.
  std::unordered_set<std::string> without_kb_;
  std::unordered_map<std::string, storage::TenantRecord> tenants_by_slug_;
  std::unordered_map<std::string, std::vector<engine::QueueInfo>> queues_;
  std::unordered_map<const Closable*, std::weak_ptr<Closable>> sessions_;
};

}  // namespace kefu::realtime
