// SqliteStore: the embedded Store. One writer thread owns the write connection and commits
// queued writes in groups; reads use a small pool of read connections (WAL lets them run while
// the writer commits); a checkpointer thread copies the write-ahead log into the database so
// that no commit waits for a checkpoint.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/event_tail.hpp"
#include "storage/store.hpp"

namespace kefu::storage::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path` and runs migrations. Throws std::runtime_error if
  // the database cannot be opened or migrated (a start-up failure).
  //
  // Writes nobody waits for (a new visitor's row) may wait up to `defer_window` for company,
  // so that a burst of new visitors costs one commit rather than one each. A write someone
  // waits for commits them along at once, in order: nothing is reordered.
  //
  // `commit_delay` (0: off) trades latency for fsyncs at moderate rates: a lone write someone
  // waits for, when such writes have lately come less than `commit_delay` apart, waits up to
  // that long for others to share its commit (like PostgreSQL's commit_delay). Under heavy load
  // groups form by themselves while the previous commit syncs, and the wait does not apply.
  explicit SqliteStore(const std::string& path,
                       std::chrono::milliseconds defer_window = kDefaultDeferWindow,
                       std::chrono::microseconds commit_delay = {});
  static constexpr std::chrono::milliseconds kDefaultDeferWindow{20};
  // Commits everything queued, then stops the writer.
  ~SqliteStore() override;

  // Stops accepting writes, commits everything already queued and joins the writer. Later
  // writes fail with kUnavailable. Idempotent.
  void Close();

  using Store::AppendOutcome;
  void AppendOutcome(const std::string& tenant_id, std::shared_ptr<const engine::Outcome> outcome,
                     const WriteGuard& guard, Done done) override;
  void Barrier(Done done) override;
  void FindCommandKey(const std::string& tenant_id, const std::string& sender_id,
                      const std::string& key, std::function<void(Result<StoredKey>)> done) override;
  void CreateTenant(const TenantRecord& tenant, const std::vector<engine::QueueInfo>& queues,
                    const UserRecord& admin, Done done) override;
  void CreateUser(const UserRecord& user, Done done) override;
  void CreateQueue(const std::string& tenant_id, const engine::QueueInfo& queue,
                   Done done) override;
  void SetQueueBotFirst(const std::string& tenant_id, const std::string& queue_id, bool bot_first,
                        Done done) override;
  void UpdateQueue(const std::string& tenant_id, const engine::QueueInfo& queue,
                   Done done) override;
  void UpdateUser(const UserRecord& user, Done done) override;
  void PutRoutingSettings(const std::string& tenant_id, const engine::RoutingSettings& settings,
                          Done done) override;
  void PutIdentitySecret(const std::string& tenant_id, const std::string& secret,
                         Done done) override;
  void AddLeftMessage(const LeftMessage& message, Done done) override;
  void CreateSession(const SessionRecord& session, Done done) override;
  void DeleteSession(const std::string& token_hash, Done done) override;
  void CreateVisitor(const VisitorRecord& visitor, Done done) override;
  void PatchVisitorProfile(const std::string& tenant_id, const std::string& visitor_id,
                           const engine::ProfilePatch& patch, Millis at,
                           const std::optional<engine::Ref>& by,
                           const std::optional<std::string>& create_as, Done done) override;
  Result<std::optional<engine::CustomerProfile>> FindVisitorProfile(
      const std::string& tenant_id, const std::string& visitor_id) override;
  void CreateCannedReply(const std::string& tenant_id, const CannedReply& reply,
                         Done done) override;
  void UpdateCannedReply(const std::string& tenant_id, const CannedReply& reply,
                         Done done) override;
  void DeleteCannedReply(const std::string& tenant_id, const std::string& reply_id,
                         const std::string& owner_id, Done done) override;
  void PutCannedReplies(const std::string& tenant_id, std::vector<CannedReply> replies,
                        Done done) override;
  void CreateCannedCategory(const std::string& tenant_id, const CannedCategory& category,
                            Done done) override;
  void RenameCannedCategory(const std::string& tenant_id, const std::string& category_id,
                            const std::string& name, Done done) override;
  void DeleteCannedCategory(const std::string& tenant_id, const std::string& category_id,
                            Done done) override;
  void PutKbEntries(const std::string& tenant_id, std::vector<bot::KbEntry> entries, Millis at,
                    Done done) override;
  void DeleteKbEntry(const std::string& tenant_id, const std::string& entry_id, Done done) override;
  void CreateKbCategory(const std::string& tenant_id, const std::string& name, Done done) override;
  void DeleteKbCategory(const std::string& tenant_id, const std::string& name, Done done) override;
  void RecordKbGap(const std::string& tenant_id, const KbGap& gap, Done done) override;
  void DeleteKbGap(const std::string& tenant_id, const std::string& key, Done done) override;
  void RecordKbRating(const std::string& tenant_id, const std::string& entry_id, bool helpful,
                      Done done) override;
  void PutBotSettings(const std::string& tenant_id, const std::string& json, Done done) override;

  Result<std::optional<TenantRecord>> FindTenantBySlug(const std::string& slug) override;
  Result<std::optional<TenantRecord>> FindTenant(const std::string& tenant_id) override;
  Result<std::optional<UserRecord>> FindUserByEmail(const std::string& tenant_id,
                                                    const std::string& email) override;
  Result<std::optional<UserRecord>> FindUser(const std::string& tenant_id,
                                             const std::string& user_id) override;
  Result<std::vector<UserRecord>> ListUsers(const std::string& tenant_id) override;
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) override;
  Result<std::optional<VisitorRecord>> FindVisitor(const std::string& tenant_id,
                                                   const std::string& visitor_id) override;
  Result<std::vector<engine::QueueInfo>> ListQueues(const std::string& tenant_id) override;
  Result<std::vector<CannedReply>> ListCannedReplies(const std::string& tenant_id,
                                                     const std::string& viewer_id) override;
  Result<std::optional<CannedReply>> FindCannedReply(const std::string& tenant_id,
                                                     const std::string& reply_id) override;
  Result<std::vector<CannedCategory>> ListCannedCategories(const std::string& tenant_id) override;
  Result<std::vector<bot::KbEntry>> ListKbEntries(const std::string& tenant_id) override;
  Result<bool> HasKbEntries(const std::string& tenant_id) override;
  Result<std::optional<bot::KbEntry>> FindKbEntry(const std::string& tenant_id,
                                                  const std::string& entry_id) override;
  Result<std::vector<std::string>> ListKbCategories(const std::string& tenant_id) override;
  Result<std::vector<KbGap>> ListKbGaps(const std::string& tenant_id, std::size_t limit) override;
  Result<std::vector<KbRatings>> ListKbRatings(const std::string& tenant_id) override;
  Result<std::optional<std::string>> FindBotSettings(const std::string& tenant_id) override;
  Result<engine::RoutingSettings> FindRoutingSettings(const std::string& tenant_id) override;
  Result<std::optional<std::string>> FindIdentitySecret(const std::string& tenant_id) override;
  Result<std::vector<LeftMessage>> ListLeftMessages(const std::string& tenant_id,
                                                    std::size_t limit) override;
  Result<engine::RestoredState> LoadTenantState(const std::string& tenant_id,
                                                Millis keys_since) override;
  Result<std::vector<engine::ConversationEvent>> EventsAfter(const std::string& tenant_id,
                                                             const std::string& conversation_id,
                                                             long after_seq,
                                                             std::size_t limit) override;
  Result<std::optional<engine::ConversationSnapshot>> FindConversation(
      const std::string& tenant_id, const std::string& conversation_id) override;
  Result<std::vector<engine::ConversationSnapshot>> VisitorConversations(
      const std::string& tenant_id, const std::string& visitor_id, std::size_t limit) override;

  void PutClassificationTree(const std::string& tenant_id,
                             std::vector<engine::ClassificationNode> submitted, Done done) override;
  void PutClassificationSettings(const std::string& tenant_id,
                                 const engine::ClassificationSettings& settings,
                                 Done done) override;
  void SetConversationClassification(const std::string& tenant_id,
                                     const std::string& conversation_id,
                                     const engine::ClassificationChoice& choice,
                                     Done done) override;
  Result<std::vector<engine::ClassificationNode>> ListClassificationNodes(
      const std::string& tenant_id) override;
  Result<engine::ClassificationSettings> FindClassificationSettings(
      const std::string& tenant_id) override;
  Result<engine::ClassificationPolicy> FindClassificationPolicy(
      const std::string& tenant_id) override;
  Result<std::vector<engine::PastConversation>> ClosedConversationsOf(const std::string& tenant_id,
                                                                      const std::string& visitor_id,
                                                                      Millis closed_since,
                                                                      std::size_t limit) override;

  const StoreStats& stats() const override { return stats_; }

 private:
  struct Write {
    std::function<Result<void>(Connection&)> apply;  // empty for a barrier
    WriteGuard guard;
    Done done;
    std::size_t events = 0;
    std::chrono::steady_clock::time_point submitted{};  // set when queued
    bool deferrable = false;  // may wait up to defer_window_ for other writes to join it
  };

  // Borrows a read connection for the duration of a read.
  class ReadLease {
   public:
    ReadLease(SqliteStore& store, std::unique_ptr<Connection> connection)
        : store_(store), connection_(std::move(connection)) {}
    ~ReadLease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    SqliteStore& store_;
    std::unique_ptr<Connection> connection_;
  };

  void Enqueue(Write write);
  void WriterLoop();
  void CheckpointLoop();
  // One passive checkpoint on `db`, counted in the stats; records what the log has copied. With
  // a descriptor of the database file, the pages it copied are written out before that.
  void Checkpoint(Connection& db, int write_back_fd = -1);
  // The writer connection's WAL hook: runs on the writer thread after each commit.
  static int OnWalCommit(void* store, sqlite3* db, const char* name, int frames);
  void CommitGroup(std::deque<Write>& group);
  ReadLease Lease();
  Result<std::vector<std::string>> QueueIdsOf(Connection& db, const std::string& tenant_id,
                                              const std::string& user_id);
  Result<std::optional<UserRecord>> FindUserWhere(const std::string& where,
                                                  const std::string& tenant_id,
                                                  const std::string& value);

  const std::string path_;
  StoreStats stats_;

  std::mutex write_mutex_;
  std::condition_variable write_ready_;
  std::deque<Write> pending_;
  std::size_t urgent_pending_ = 0;  // writes in pending_ that are not deferrable
  const std::chrono::milliseconds defer_window_;
  const std::chrono::microseconds commit_delay_;
  static constexpr std::size_t kGatherEnough = 8;
  bool gathering_ = false;  // the writer waits out commit_delay_ for company
  // Arrivals of urgent writes: the last one and a moving average of the gaps (write_mutex_).
  std::chrono::steady_clock::time_point last_urgent_{};
  std::chrono::microseconds urgent_gap_{std::chrono::seconds(1)};
  void NoteUrgentArrival(std::chrono::steady_clock::time_point at);
  bool closing_ = false;
  std::unique_ptr<Connection> writer_connection_;
  std::thread writer_;
  bool writer_must_checkpoint_ = false;  // writer thread only
  int wal_frames_ = 0;                   // the log's size after the last commit; writer only
  int writer_checkpointed_at_ = 0;       // the log's size at the writer's last checkpoint
  EventTail tail_;                       // events not yet in the per-conversation index

  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wanted_;
  bool checkpoint_requested_ = false;
  bool checkpointer_stopping_ = false;
  // How many of the log's frames the last checkpoint had copied into the database (SQLite's
  // nBackfill), so that the writer asks for a checkpoint by what is still to copy, not by the
  // log's size. Set by whichever thread checkpointed; reset by the writer when the log restarts.
  std::atomic<int> backfilled_frames_{0};
  std::thread checkpointer_;

  std::mutex read_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace kefu::storage::sqlite
