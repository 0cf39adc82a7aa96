#include "storage/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <limits>
#include <unordered_map>

#include "common/log.hpp"
#include "common/thread_name.hpp"
#include "protocol/codec.hpp"
#include "protocol/routing_json.hpp"
#include "storage/sqlite/kb_writes.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/query.hpp"

namespace kefu::storage::sqlite {
namespace {

using engine::ConversationEvent;
using engine::ConversationSnapshot;

// Upper bound of writes in one transaction: large enough to amortise the fsync, small enough
// that the first write in a group is not held back long.
constexpr std::size_t kMaxGroup = 1024;

// The checkpointer copies the log into the database once this many of its pages (16 MiB) are
// not yet copied: a page changed many times in between is copied once. Counting what is left to
// copy, not the log's length, matters under steady load: the log starts over only when a write
// transaction begins with every frame copied, which a checkpointer running beside the writer
// rarely achieves, so the log's length stays above any threshold and a trigger on it would start
// a checkpoint (and a database fsync) after every commit.
constexpr int kBackgroundCheckpointFrames = 4096;
// Once the log is this long (256 MiB), the writer copies the last frames itself between two
// commits, right after the checkpointer has copied the bulk, so that its next commit starts the
// log over; it waits for the checkpointer unless the log has grown to twice this. That copy ends
// with a database fsync, which holds commits back once per cycle (a cycle lasts about 3 s under
// S3 at 10k msgs/s); the checkpointer has already written out what it copied (see
// WriteBackDatabase), so that fsync is left with the catch-up's few pages. In return the log's
// file is overwritten, not extended, and a commit's fdatasync then has no file size to record
// (0.22 against 0.32-0.39 ms for 20 pages on this machine's disk).
constexpr int kLogRestartFrames = 16 * kBackgroundCheckpointFrames;
constexpr int kWriterCatchUpFrames = 512;
constexpr int kCheckpointerNice = 10;
// The checkpointer writes the database's dirty pages out this many bytes of the file at a time,
// so that a commit's fdatasync queues on the disk behind one such range at most; in at most
// kMaxWriteBackRanges calls, so that a database of many GiB costs no more system calls (each
// call skips clean pages by the page cache's dirty tags, however large its range).
constexpr off_t kWriteBackRange = 1 << 20;
constexpr off_t kMaxWriteBackRanges = 256;

// Starts the write-out of `fd`'s dirty pages, a range at a time, and waits for each. Not a sync:
// no device cache flush and no metadata; durability stays with SQLite's own syncs.
void WriteBackDatabase(int fd) {
  struct stat file {};
  if (fstat(fd, &file) != 0) return;
  constexpr off_t kPage = 4096;
  const off_t range =
      std::max(kWriteBackRange, (file.st_size / kMaxWriteBackRanges + kPage - 1) / kPage * kPage);
  for (off_t at = 0; at < file.st_size; at += range) {
    sync_file_range(
        fd, at, range,
        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
  }
}

const char* kUserColumns =
    "tenant_id, id, email, name, role, password_hash, capacity, platform_admin, created_at, "
    "skills";

// Reads a row of kUserColumns; queue_ids are filled by the caller.
UserRecord ReadUser(const Statement& row) {
  UserRecord user{row.Text(0),
                  row.Text(1),
                  row.Text(2),
                  row.Text(3),
                  engine::ParseRole(row.Text(4)).value_or(engine::Role::kAgent),
                  row.Text(5),
                  static_cast<int>(row.Int(6)),
                  row.Int(7) != 0,
                  {},
                  row.Int(8)};
  user.skills = protocol::SkillsFromStorage(row.Text(9));
  return user;
}

TenantRecord ReadTenant(const Statement& row) {
  return TenantRecord{row.Text(0), row.Text(1), row.Text(2), row.Int(3)};
}

const char* kConversationColumns =
    "id, visitor_id, visitor_name, queue_id, queue_name, state, agent_id, agent_name, last_seq, "
    "unread, closed_by, created_at, updated_at, priority, queued_at, classification_id, summary";

ConversationSnapshot ReadConversation(const Statement& row) {
  ConversationSnapshot c;
  c.id = row.Text(0);
  c.visitor = {row.Text(1), row.Text(2)};
  c.queue = {row.Text(3), row.Text(4)};
  c.state = engine::ParseConversationState(row.Text(5)).value_or(engine::ConversationState::kNew);
  if (!row.IsNull(6)) c.agent = engine::Ref{row.Text(6), row.Text(7)};
  c.last_seq = row.Int(8);
  c.unread = row.Int(9);
  if (!row.IsNull(10)) c.closed_by = engine::ParseCloseReason(row.Text(10));
  c.created_at = row.Int(11);
  c.updated_at = row.Int(12);
  c.priority = static_cast<int>(row.Int(13));
  c.queued_at = row.Int(14);
  c.classification_id = row.Text(15);
  c.summary = row.Text(16);
  return c;
}

// An event's columns in event_log, aliased `l`.
const char* kLogEventColumns =
    "l.conversation_id, l.seq, l.at, l.kind, l.author_role, l.author_id, l.author_name, l.text, "
    "l.code, l.ref_id, l.ref_name, l.closed_by, l.sender_id, l.idempotency_key, l.bot, l.detail";

ConversationEvent ReadEvent(const Statement& row) {
  ConversationEvent e;
  e.conversation_id = row.Text(0);
  e.seq = row.Int(1);
  e.at = row.Int(2);
  e.kind = engine::ParseEventKind(row.Text(3)).value_or(engine::EventKind::kMessage);
  e.author = {engine::ParseAuthorRole(row.Text(4)).value_or(engine::AuthorRole::kSystem),
              row.Text(5), row.Text(6)};
  e.text = row.Text(7);
  if (!row.IsNull(8)) e.code = engine::ParseSystemCode(row.Text(8)).value_or(e.code);
  e.ref = {row.Text(9), row.Text(10)};
  if (!row.IsNull(11)) e.closed_by = engine::ParseCloseReason(row.Text(11));
  e.sender_id = row.Text(12);
  e.idempotency_key = row.Text(13);
  if (!row.IsNull(14)) e.bot = protocol::ParseBotJson(row.Text(14));
  if (!row.IsNull(15)) protocol::EventDetailFromStorage(row.Text(15), e);
  return e;
}

// Appends an event to the log (its seq must follow the conversation's stored ones, its sender's
// idempotency key must be new) and stages it in the tail until the commit.
Result<void> InsertEvent(Connection& db, EventTail& tail, const std::string& tenant_id,
                         const ConversationEvent& e) {
  if (auto r = tail.Check(db, tenant_id, e.conversation_id, e.seq, e.sender_id, e.idempotency_key);
      !r) {
    return r;
  }
  auto stmt = db.Prepare(
      "INSERT INTO event_log (tenant_id, conversation_id, seq, at, kind, author_role, author_id, "
      "author_name, text, code, ref_id, ref_name, closed_by, sender_id, idempotency_key, bot, "
      "detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  // The texts are bound by reference: they live in the outcome being written (or are static
  // names), and the statement runs before this returns. The two made here are copied.
  const bool system = e.kind == engine::EventKind::kSystem;
  stmt.BindRef(1, tenant_id)
      .BindRef(2, e.conversation_id)
      .Bind(3, std::int64_t{e.seq})
      .Bind(4, std::int64_t{e.at})
      .BindRef(5, engine::ToString(e.kind))
      .BindRef(6, engine::ToString(e.author.role))
      .BindRef(7, e.author.id)
      .BindRef(8, e.author.name)
      .BindRef(9, e.text)
      .BindRefOrNull(10, system ? std::optional(engine::ToString(e.code)) : std::nullopt)
      .BindRefNullIfEmpty(11, e.ref.id)
      .BindRefNullIfEmpty(12, e.ref.name)
      .BindRefOrNull(13, e.closed_by ? std::optional(engine::ToString(*e.closed_by)) : std::nullopt)
      .BindRefNullIfEmpty(14, e.sender_id)
      .BindRefNullIfEmpty(15, e.idempotency_key)
      .BindOptional(
          16, e.bot ? std::optional<std::string>(boost::json::serialize(protocol::BotJson(*e.bot)))
                    : std::nullopt)
      .BindNullIfEmpty(17, protocol::EventDetailToStorage(e));
  if (auto r = stmt.Run(); !r) return r;
  tail.Stage(tenant_id, e.conversation_id, e.seq, sqlite3_last_insert_rowid(db.handle()),
             e.sender_id, e.idempotency_key);
  return {};
}

// Binds a conversation's columns, as ?1 to ?18 in the order of the upsert's column list. The
// texts are bound by reference: `tenant_id` and `c` must outlive the statement's last step.
void BindConversation(Statement& stmt, const std::string& tenant_id,
                      const ConversationSnapshot& c) {
  std::optional<std::string_view> agent_id;
  std::optional<std::string_view> agent_name;
  if (c.agent) {
    agent_id = c.agent->id;
    agent_name = c.agent->name;
  }
  stmt.BindRef(1, tenant_id)
      .BindRef(2, c.id)
      .BindRef(3, c.visitor.id)
      .BindRef(4, c.visitor.name)
      .BindRef(5, c.queue.id)
      .BindRef(6, c.queue.name)
      .BindRef(7, engine::ToString(c.state))
      .BindRefOrNull(8, agent_id)
      .BindRefOrNull(9, agent_name)
      .Bind(10, std::int64_t{c.last_seq})
      .Bind(11, std::int64_t{c.unread})
      .BindRefOrNull(12, c.closed_by ? std::optional(engine::ToString(*c.closed_by)) : std::nullopt)
      .Bind(13, std::int64_t{c.created_at})
      .Bind(14, std::int64_t{c.updated_at})
      .Bind(15, std::int64_t{c.priority})
      .Bind(16, std::int64_t{c.queued_at})
      .BindRefNullIfEmpty(17, c.classification_id)
      .BindRefNullIfEmpty(18, c.summary);
}

Result<void> UpsertConversation(Connection& db, const std::string& tenant_id,
                                const ConversationSnapshot& c) {
  // Most writes of a conversation follow a new message, which changes only its counters.
  // Setting just those leaves the indexes on the other columns alone (open conversations by
  // state, above all): one B-tree page less to write, log and checkpoint per message. The WHERE
  // clause holds exactly when the upsert below would leave every other column as it is.
  auto counters = db.Prepare(
      "UPDATE conversations SET last_seq = ?10, unread = ?11, updated_at = ?14 "
      "WHERE tenant_id = ?1 AND id = ?2 AND state = ?7 AND agent_id IS ?8 AND agent_name IS ?9 "
      "AND closed_by IS ?12 AND queue_id = ?5 AND queue_name = ?6 AND priority = ?15 "
      "AND queued_at = ?16 AND (?17 IS NULL OR classification_id IS ?17) "
      "AND (?18 IS NULL OR summary IS ?18)");
  BindConversation(counters, tenant_id, c);  // ?3, ?4 and ?13 are bound and unused
  if (auto r = counters.Run(); !r) return r;
  if (sqlite3_changes(db.handle()) == 1) return {};

  auto stmt = db.Prepare(
      "INSERT INTO conversations (tenant_id, id, visitor_id, visitor_name, queue_id, queue_name, "
      "state, agent_id, agent_name, last_seq, unread, closed_by, created_at, updated_at, priority, "
      "queued_at, classification_id, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
      "ON CONFLICT (tenant_id, id) DO UPDATE "
      "SET state=excluded.state, agent_id=excluded.agent_id, agent_name=excluded.agent_name, "
      "last_seq=excluded.last_seq, unread=excluded.unread, closed_by=excluded.closed_by, "
      "updated_at=excluded.updated_at, queue_id=excluded.queue_id, "
      "queue_name=excluded.queue_name, priority=excluded.priority, queued_at=excluded.queued_at, "
      // A classification set after the close (REST) is not undone by an older projection.
      "classification_id=COALESCE(excluded.classification_id, classification_id), "
      "summary=COALESCE(excluded.summary, summary)");
  BindConversation(stmt, tenant_id, c);
  return stmt.Run();
}

Result<void> InsertUser(Connection& db, const UserRecord& user) {
  auto stmt = db.Prepare(
      "INSERT INTO users (tenant_id, id, email, name, role, password_hash, capacity, "
      "platform_admin, created_at, skills) VALUES (?,?,?,?,?,?,?,?,?,?)");
  stmt.Bind(1, user.tenant_id)
      .Bind(2, user.id)
      .Bind(3, user.email)
      .Bind(4, user.name)
      .Bind(5, engine::ToString(user.role))
      .Bind(6, user.password_hash)
      .Bind(7, std::int64_t{user.capacity})
      .Bind(8, std::int64_t{user.platform_admin ? 1 : 0})
      .Bind(9, std::int64_t{user.created_at})
      .Bind(10, protocol::SkillsToStorage(user.skills));
  if (auto r = stmt.Run(); !r) {
    if (r.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "a user with this email already exists");
    }
    return r;
  }
  for (const auto& queue_id : user.queue_ids) {
    auto member =
        db.Prepare("INSERT INTO queue_members (tenant_id, queue_id, user_id) VALUES (?,?,?)");
    member.Bind(1, user.tenant_id).Bind(2, queue_id).Bind(3, user.id);
    if (auto r = member.Run(); !r) return r;
  }
  return {};
}

Result<void> InsertQueue(Connection& db, const std::string& tenant_id,
                         const engine::QueueInfo& queue) {
  auto stmt = db.Prepare(
      "INSERT INTO queues (tenant_id, id, slug, name, bot_first, routing, position) VALUES "
      "(?,?,?,?,?,?, (SELECT COUNT(*) FROM queues WHERE tenant_id = ?))");
  stmt.Bind(1, tenant_id)
      .Bind(2, queue.id)
      .Bind(3, queue.slug)
      .Bind(4, queue.name)
      .Bind(5, std::int64_t{queue.bot_first ? 1 : 0})
      .Bind(6, protocol::RoutingToStorage(queue.routing))
      .Bind(7, tenant_id);
  return stmt.Run();
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, std::chrono::milliseconds defer_window,
                         std::chrono::microseconds commit_delay)
    : path_(path), defer_window_(defer_window), commit_delay_(commit_delay) {
  writer_connection_ = std::make_unique<Connection>(path_, Connection::Role::kWriter);
  auto migrated = Migrate(*writer_connection_);
  if (!migrated) throw std::runtime_error(migrated.error().message);
  if (auto loaded = tail_.Load(*writer_connection_); !loaded) {
    throw std::runtime_error(loaded.error().message);
  }
  stats_.tail_events.store(tail_.size());
  sqlite3_wal_hook(writer_connection_->handle(), &SqliteStore::OnWalCommit, this);
  checkpointer_ = std::thread([this] { CheckpointLoop(); });
  writer_ = std::thread([this] { WriterLoop(); });
  NameThread(checkpointer_, "kefu-checkpoint");
  NameThread(writer_, "kefu-writer");
}

SqliteStore::~SqliteStore() {
  Close();
}

void SqliteStore::Close() {
  {
    std::lock_guard lock(write_mutex_);
    if (closing_) return;
    closing_ = true;
  }
  write_ready_.notify_all();
  if (writer_.joinable()) writer_.join();
  {
    std::lock_guard lock(checkpoint_mutex_);
    checkpointer_stopping_ = true;
  }
  checkpoint_wanted_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
}

int SqliteStore::OnWalCommit(void* store, sqlite3*, const char*, int frames) {
  auto* self = static_cast<SqliteStore*>(store);
  if (frames < self->wal_frames_) {  // the log started over
    self->backfilled_frames_.store(0);
    self->writer_checkpointed_at_ = 0;
    self->stats_.log_restarts.fetch_add(1);
  }
  self->wal_frames_ = frames;
  const int to_copy = frames - std::min(frames, self->backfilled_frames_.load());
  // A reader still on an old snapshot keeps the log from starting over: the writer then tries
  // again only after another checkpoint's worth of frames, not after every commit.
  const bool writer_may = frames >= self->writer_checkpointed_at_ + kBackgroundCheckpointFrames;
  if (frames >= kLogRestartFrames && writer_may &&
      (to_copy <= kWriterCatchUpFrames || frames >= 2 * kLogRestartFrames)) {
    self->writer_must_checkpoint_ = true;
    self->writer_checkpointed_at_ = frames;
  } else if (to_copy >= kBackgroundCheckpointFrames ||
             (frames >= kLogRestartFrames && to_copy > kWriterCatchUpFrames)) {
    {
      std::lock_guard lock(self->checkpoint_mutex_);
      if (self->checkpoint_requested_) return SQLITE_OK;
      self->checkpoint_requested_ = true;
    }
    self->checkpoint_wanted_.notify_one();
  }
  return SQLITE_OK;
}

void SqliteStore::Checkpoint(Connection& db, int write_back_fd) {
  const auto started = std::chrono::steady_clock::now();
  int copied = -1;
  // PASSIVE: copies what no reader still needs and never blocks the writer. The next write
  // transaction after a complete checkpoint starts the log over from its beginning.
  const int rc =
      sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
  // SQLite syncs the database file only after a checkpoint that copied every frame the log holds
  // by the time it ends. Under steady load only the writer's catch-up achieves that (the writer
  // appends while the checkpointer copies), so the pages of all the checkpoints before it stayed
  // dirty in the page cache and that one fsync, on the commit path, wrote them all: under S3 at
  // 10k msgs/s it grew from 5 to 25 ms within 12 s, a p99 spike at every log restart. The
  // checkpointer now writes them out itself, before it publishes the copied frames (the writer
  // catches up once they are).
  if (rc == SQLITE_OK && write_back_fd >= 0 && copied > backfilled_frames_.load()) {
    WriteBackDatabase(write_back_fd);
    stats_.database_write_backs.fetch_add(1);
  }
  if (rc == SQLITE_OK && copied >= 0) backfilled_frames_.store(copied);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    log::Warn("event=checkpoint_failed error=\"{}\"", sqlite3_errstr(rc));
  }
  stats_.checkpoints.fetch_add(1);
  stats_.checkpoint_micros.fetch_add(
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - started)
                                     .count()));
}

void SqliteStore::CheckpointLoop() {
  // Background work: when the cores are busy, commits and message handling go first. (Linux
  // applies a nice value to the calling thread alone.)
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kCheckpointerNice) != 0) {
    log::Warn("event=checkpointer_priority_unchanged");
  }
  std::unique_ptr<Connection> db;
  // Its own descriptor of the database file, for WriteBackDatabase: the page cache is the
  // file's, whichever descriptor asks.
  const int write_back_fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  struct CloseFd {
    int fd;
    ~CloseFd() {
      if (fd >= 0) close(fd);
    }
  } close_fd{write_back_fd};
  for (;;) {
    {
      std::unique_lock lock(checkpoint_mutex_);
      checkpoint_wanted_.wait(lock,
                              [&] { return checkpointer_stopping_ || checkpoint_requested_; });
      if (checkpointer_stopping_) return;
    }
    try {
      if (!db) db = std::make_unique<Connection>(path_);
      Checkpoint(*db, write_back_fd);
    } catch (const std::exception& error) {
      log::Warn("event=checkpoint_failed error=\"{}\"", error.what());
    }
    std::lock_guard lock(checkpoint_mutex_);
    checkpoint_requested_ = false;
  }
}

void SqliteStore::Enqueue(Write write) {
  {
    std::unique_lock lock(write_mutex_);
    if (!closing_) {
      write.submitted = std::chrono::steady_clock::now();
      // A deferrable write wakes the writer only to start its wait, or when enough wait. While
      // the writer gathers urgent writes (commit_delay), only a full enough group wakes it.
      bool wake = !write.deferrable || pending_.empty() || pending_.size() + 1 >= kMaxGroup;
      if (gathering_) wake = pending_.size() + 1 >= kGatherEnough;
      if (!write.deferrable) {
        ++urgent_pending_;
        if (commit_delay_.count() > 0) NoteUrgentArrival(write.submitted);
      }
      pending_.push_back(std::move(write));
      lock.unlock();
      if (wake) write_ready_.notify_one();
      return;
    }
  }
  write.done(Fail(ErrorCode::kUnavailable, "storage is shutting down"));
}

void SqliteStore::NoteUrgentArrival(std::chrono::steady_clock::time_point at) {
  if (last_urgent_.time_since_epoch().count() != 0) {
    const auto gap = std::min<std::chrono::microseconds>(
        std::chrono::duration_cast<std::chrono::microseconds>(at - last_urgent_),
        std::chrono::seconds(1));
    // A moving average over about the last eight arrivals.
    urgent_gap_ += (gap - urgent_gap_) / 8;
  }
  last_urgent_ = at;
}

void SqliteStore::WriterLoop() {
  std::deque<Write> group;
  for (;;) {
    {
      std::unique_lock lock(write_mutex_);
      write_ready_.wait(lock, [&] { return closing_ || !pending_.empty(); });
      if (pending_.empty()) return;  // closing and drained
      // Only writes nobody waits for: give others a moment to join them in one commit.
      while (!closing_ && urgent_pending_ == 0 && pending_.size() < kMaxGroup) {
        const auto due = pending_.front().submitted + defer_window_;
        if (write_ready_.wait_until(lock, due) == std::cv_status::timeout) break;
      }
      // A lone urgent write, when others usually follow within commit_delay: wait for them
      // (up to commit_delay after the first was submitted), so that one fsync serves several.
      if (!closing_ && commit_delay_.count() > 0 && urgent_pending_ > 0 &&
          pending_.size() < kGatherEnough && urgent_gap_ < commit_delay_) {
        gathering_ = true;
        const auto due = pending_.front().submitted + commit_delay_;
        write_ready_.wait_until(lock, due,
                                [&] { return closing_ || pending_.size() >= kGatherEnough; });
        gathering_ = false;
      }
      // Take everything that accumulated while the last commit was in its fsync: that is what
      // makes one fsync serve many messages under load.
      while (!pending_.empty() && group.size() < kMaxGroup) {
        if (!pending_.front().deferrable) --urgent_pending_;
        group.push_back(std::move(pending_.front()));
        pending_.pop_front();
      }
    }
    CommitGroup(group);
    group.clear();
    if (writer_must_checkpoint_) {
      writer_must_checkpoint_ = false;
      Checkpoint(*writer_connection_);
    }
  }
}

void SqliteStore::CommitGroup(std::deque<Write>& group) {
  const auto started = std::chrono::steady_clock::now();
  Connection& db = *writer_connection_;
  std::vector<Result<void>> results(group.size());
  std::size_t written = 0;
  std::size_t events = 0;
  for (const Write& write : group) {
    if (write.deferrable) continue;  // its wait is by design; the histogram is for acks
    stats_.commit_wait.Record(static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(started - write.submitted).count()));
  }

  // Applies the group inside the open transaction. With savepoints, a failing write (a
  // duplicate email, say) rolls back alone, trips its guard and the rest of the group still
  // commits; without them, the first failure stops the pass and returns false.
  auto apply_group = [&](bool savepoints) {
    written = 0;
    events = 0;
    for (std::size_t i = 0; i < group.size(); ++i) {
      Write& write = group[i];
      if (!write.apply) {
        results[i] = {};  // a barrier: durable once this group commits
        continue;
      }
      if (write.guard && write.guard->load()) {
        results[i] = Fail(ErrorCode::kUnavailable, "an earlier write of this engine failed");
        continue;
      }
      if (savepoints) (void)db.Prepare("SAVEPOINT w").Run();
      const std::size_t staged = tail_.Mark();
      results[i] = write.apply(db);
      if (results[i]) {
        if (savepoints) (void)db.Prepare("RELEASE w").Run();
        ++written;
        events += write.events;
        continue;
      }
      if (!savepoints) return false;
      (void)db.Exec("ROLLBACK TO w; RELEASE w");
      tail_.RollbackTo(staged);
      if (write.guard) write.guard->store(true);
    }
    return true;
  };
  // Almost every group applies without a failure, so it is first applied without savepoints
  // (two statements less per write). Should a write fail, the transaction is rolled back and
  // the group applied again, a savepoint per write.
  auto begun = db.Prepare("BEGIN IMMEDIATE").Run();
  if (begun && !apply_group(false)) {
    (void)db.Exec("ROLLBACK");
    tail_.RolledBack();
    begun = db.Prepare("BEGIN IMMEDIATE").Run();
    if (begun) apply_group(true);
  }
  if (!begun) {
    for (auto& r : results) r = Unexpected{begun.error()};
    written = 0;
    events = 0;
    tail_.RolledBack();
  }
  if (begun) {
    // The event index rows of conversations due for folding ride on this commit. Should that
    // fail (it cannot unless the database is damaged), the rows simply stay in the tail.
    if (auto folded = tail_.Fold(db); !folded) {
      log::Warn("event=event_fold_failed error=\"{}\"", folded.error().message);
    }
    if (auto committed = db.Prepare("COMMIT").Run(); !committed) {
      (void)db.Exec("ROLLBACK");
      tail_.RolledBack();
      for (std::size_t i = 0; i < group.size(); ++i) {
        if (results[i]) results[i] = Unexpected{committed.error()};
        if (group[i].guard) group[i].guard->store(true);
      }
      written = 0;
      events = 0;
    } else {
      stats_.folded_events.fetch_add(tail_.Committed());
      stats_.tail_events.store(tail_.size());
    }
  }
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  stats_.commits.fetch_add(1);
  stats_.writes.fetch_add(written);
  stats_.events.fetch_add(events);
  stats_.commit_latency.Record(static_cast<std::uint64_t>(micros));
  stats_.commit_writes.Record(group.size());
  for (const auto& r : results) {
    if (!r) stats_.failed_writes.fetch_add(1);
  }
  std::uint64_t previous = stats_.max_batch.load();
  while (group.size() > previous &&
         !stats_.max_batch.compare_exchange_weak(previous, group.size())) {
  }
  for (std::size_t i = 0; i < group.size(); ++i) group[i].done(std::move(results[i]));
}

void SqliteStore::AppendOutcome(const std::string& tenant_id,
                                std::shared_ptr<const engine::Outcome> outcome,
                                const WriteGuard& guard, Done done) {
  Write write;
  write.events = outcome->events.size();
  write.guard = guard;
  write.done = std::move(done);
  write.apply = [this, tenant_id, outcome = std::move(outcome)](Connection& db) -> Result<void> {
    for (const auto& event : outcome->events) {
      if (auto r = InsertEvent(db, tail_, tenant_id, event); !r) return r;
    }
    for (const auto& conversation : outcome->conversations) {
      if (auto r = UpsertConversation(db, tenant_id, conversation); !r) return r;
      // A closed conversation's history is cold: its index rows are written at this commit.
      if (conversation.state == engine::ConversationState::kClosed) {
        tail_.FoldSoon(tenant_id, conversation.id);
      }
    }
    for (const auto& gap : outcome->gaps) {
      if (auto r = UpsertKbGap(db, tenant_id, gap); !r) return r;
    }
    for (const auto& rating : outcome->ratings) {
      if (auto r = CountKbRating(db, tenant_id, rating); !r) return r;
    }
    return {};
  };
  Enqueue(std::move(write));
}

void SqliteStore::Barrier(Done done) {
  Enqueue(Write{{}, nullptr, std::move(done), 0});
}

void SqliteStore::FindCommandKey(const std::string& tenant_id, const std::string& sender_id,
                                 const std::string& key,
                                 std::function<void(Result<StoredKey>)> done) {
  // On the writer, in its transaction, so that it sees every write submitted before; answered
  // after that commit.
  auto found = std::make_shared<StoredKey>();
  Enqueue(
      Write{[this, tenant_id, sender_id, key, found](Connection& db) -> Result<void> {
              auto lookup = tail_.FindKey(db, tenant_id, sender_id, key);
              if (!lookup) return Unexpected{lookup.error()};
              if (lookup->original) {
                found->original = engine::Ack{lookup->original->first, lookup->original->second};
              }
              found->sender_max = std::move(lookup->sender_max);
              return {};
            },
            nullptr,
            [found, done = std::move(done)](Result<void> r) {
              if (!r) {
                done(Unexpected{r.error()});
              } else {
                done(std::move(*found));
              }
            },
            0});
}

void SqliteStore::CreateTenant(const TenantRecord& tenant,
                               const std::vector<engine::QueueInfo>& queues,
                               const UserRecord& admin, Done done) {
  Enqueue(Write{[tenant, queues, admin](Connection& db) -> Result<void> {
                  auto stmt = db.Prepare(
                      "INSERT INTO tenants (id, slug, name, created_at) VALUES (?,?,?,?)");
                  stmt.Bind(1, tenant.id)
                      .Bind(2, tenant.slug)
                      .Bind(3, tenant.name)
                      .Bind(4, tenant.created_at);
                  if (auto r = stmt.Run(); !r) {
                    if (r.error().code == ErrorCode::kConflict) {
                      return Fail(ErrorCode::kConflict, "a tenant with this slug already exists");
                    }
                    return r;
                  }
                  for (const auto& queue : queues) {
                    if (auto r = InsertQueue(db, tenant.id, queue); !r) return r;
                  }
                  return InsertUser(db, admin);
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::CreateUser(const UserRecord& user, Done done) {
  Enqueue(
      Write{[user](Connection& db) { return InsertUser(db, user); }, nullptr, std::move(done), 0});
}

void SqliteStore::CreateQueue(const std::string& tenant_id, const engine::QueueInfo& queue,
                              Done done) {
  Enqueue(Write{[tenant_id, queue](Connection& db) { return InsertQueue(db, tenant_id, queue); },
                nullptr, std::move(done), 0});
}

void SqliteStore::SetQueueBotFirst(const std::string& tenant_id, const std::string& queue_id,
                                   bool bot_first, Done done) {
  Enqueue(Write{
      [tenant_id, queue_id, bot_first](Connection& db) -> Result<void> {
        auto stmt = db.Prepare("UPDATE queues SET bot_first = ? WHERE tenant_id = ? AND id = ?");
        stmt.Bind(1, std::int64_t{bot_first ? 1 : 0}).Bind(2, tenant_id).Bind(3, queue_id);
        if (auto r = stmt.Run(); !r) return r;
        if (sqlite3_changes(db.handle()) == 0) {
          return Fail(ErrorCode::kNotFound, "no such queue");
        }
        return {};
      },
      nullptr, std::move(done), 0});
}

void SqliteStore::CreateSession(const SessionRecord& session, Done done) {
  Enqueue(
      Write{[session](Connection& db) {
              auto stmt = db.Prepare(
                  "INSERT INTO sessions (token_hash, tenant_id, user_id, csrf_token, created_at, "
                  "expires_at) VALUES (?,?,?,?,?,?)");
              stmt.Bind(1, session.token_hash)
                  .Bind(2, session.tenant_id)
                  .Bind(3, session.user_id)
                  .Bind(4, session.csrf_token)
                  .Bind(5, session.created_at)
                  .Bind(6, session.expires_at);
              return stmt.Run();
            },
            nullptr, std::move(done), 0});
}

void SqliteStore::DeleteSession(const std::string& token_hash, Done done) {
  Enqueue(Write{[token_hash](Connection& db) {
                  auto stmt = db.Prepare("DELETE FROM sessions WHERE token_hash = ?");
                  stmt.Bind(1, token_hash);
                  return stmt.Run();
                },
                nullptr, std::move(done), 0});
}

void SqliteStore::CreateVisitor(const VisitorRecord& visitor, Done done) {
  Enqueue(Write{[visitor](Connection& db) {
                  auto stmt = db.Prepare(
                      "INSERT OR IGNORE INTO visitors (tenant_id, id, name, created_at) "
                      "VALUES (?,?,?,?)");
                  stmt.Bind(1, visitor.tenant_id)
                      .Bind(2, visitor.id)
                      .Bind(3, visitor.name)
                      .Bind(4, visitor.created_at);
                  return stmt.Run();
                },
                nullptr,
                std::move(done),
                0,
                {},
                /*deferrable=*/true});
}

SqliteStore::ReadLease::~ReadLease() {
  std::lock_guard lock(store_.read_mutex_);
  store_.idle_readers_.push_back(std::move(connection_));
}

SqliteStore::ReadLease SqliteStore::Lease() {
  {
    std::lock_guard lock(read_mutex_);
    if (!idle_readers_.empty()) {
      auto connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReadLease(*this, std::move(connection));
    }
  }
  return ReadLease(*this, std::make_unique<Connection>(path_));
}

Result<std::optional<TenantRecord>> SqliteStore::FindTenantBySlug(const std::string& slug) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT id, slug, name, created_at FROM tenants WHERE slug = ?");
  stmt.Bind(1, slug);
  return QueryOne<TenantRecord>(stmt, ReadTenant);
}

Result<std::optional<TenantRecord>> SqliteStore::FindTenant(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare("SELECT id, slug, name, created_at FROM tenants WHERE id = ?");
  stmt.Bind(1, tenant_id);
  return QueryOne<TenantRecord>(stmt, ReadTenant);
}

Result<std::vector<std::string>> SqliteStore::QueueIdsOf(Connection& db,
                                                         const std::string& tenant_id,
                                                         const std::string& user_id) {
  auto stmt = db.Prepare(
      "SELECT m.queue_id FROM queue_members m JOIN queues q ON q.tenant_id = m.tenant_id AND "
      "q.id = m.queue_id WHERE m.tenant_id = ? AND m.user_id = ? ORDER BY q.position");
  stmt.Bind(1, tenant_id).Bind(2, user_id);
  return QueryAll<std::string>(stmt, [](const Statement& row) { return row.Text(0); });
}

Result<std::optional<UserRecord>> SqliteStore::FindUserWhere(const std::string& where,
                                                             const std::string& tenant_id,
                                                             const std::string& value) {
  auto db = Lease();
  Result<std::optional<UserRecord>> user = std::optional<UserRecord>{};
  {
    auto stmt = db->Prepare(std::string("SELECT ") + kUserColumns +
                            " FROM users WHERE tenant_id = ? AND " + where + " = ?");
    stmt.Bind(1, tenant_id).Bind(2, value);
    user = QueryOne<UserRecord>(stmt, ReadUser);
  }
  if (!user || !*user) return user;
  auto queues = QueueIdsOf(*db, tenant_id, (*user)->id);
  if (!queues) return Unexpected{queues.error()};
  (*user)->queue_ids = std::move(*queues);
  return user;
}

Result<std::optional<UserRecord>> SqliteStore::FindUserByEmail(const std::string& tenant_id,
                                                               const std::string& email) {
  return FindUserWhere("email", tenant_id, email);
}

Result<std::optional<UserRecord>> SqliteStore::FindUser(const std::string& tenant_id,
                                                        const std::string& user_id) {
  return FindUserWhere("id", tenant_id, user_id);
}

Result<std::vector<UserRecord>> SqliteStore::ListUsers(const std::string& tenant_id) {
  // Two queries for the whole tenant, not two per user: this runs at every tenant load.
  auto db = Lease();
  Result<std::vector<UserRecord>> users = std::vector<UserRecord>{};
  {
    auto stmt = db->Prepare(std::string("SELECT ") + kUserColumns +
                            " FROM users WHERE tenant_id = ? ORDER BY created_at, id");
    stmt.Bind(1, tenant_id);
    users = QueryAll<UserRecord>(stmt, ReadUser);
  }
  if (!users) return users;
  auto stmt = db->Prepare(
      "SELECT m.user_id, m.queue_id FROM queue_members m JOIN queues q ON q.tenant_id = "
      "m.tenant_id AND q.id = m.queue_id WHERE m.tenant_id = ? ORDER BY q.position");
  stmt.Bind(1, tenant_id);
  auto memberships = QueryAll<std::pair<std::string, std::string>>(
      stmt, [](const Statement& row) { return std::make_pair(row.Text(0), row.Text(1)); });
  if (!memberships) return Unexpected{memberships.error()};
  std::unordered_map<std::string, UserRecord*> by_id;
  for (auto& user : *users) by_id.emplace(user.id, &user);
  for (const auto& [user_id, queue_id] : *memberships) {
    if (auto it = by_id.find(user_id); it != by_id.end()) it->second->queue_ids.push_back(queue_id);
  }
  return users;
}

Result<std::optional<SessionRecord>> SqliteStore::FindSession(const std::string& token_hash) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT token_hash, tenant_id, user_id, csrf_token, created_at, expires_at FROM sessions "
      "WHERE token_hash = ?");
  stmt.Bind(1, token_hash);
  return QueryOne<SessionRecord>(stmt, [](const Statement& row) {
    return SessionRecord{row.Text(0), row.Text(1), row.Text(2),
                         row.Text(3), row.Int(4),  row.Int(5)};
  });
}

Result<std::optional<VisitorRecord>> SqliteStore::FindVisitor(const std::string& tenant_id,
                                                              const std::string& visitor_id) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT tenant_id, id, name, created_at FROM visitors WHERE tenant_id = ? AND id = ?");
  stmt.Bind(1, tenant_id).Bind(2, visitor_id);
  return QueryOne<VisitorRecord>(stmt, [](const Statement& row) {
    return VisitorRecord{row.Text(0), row.Text(1), row.Text(2), row.Int(3)};
  });
}

Result<std::vector<engine::QueueInfo>> SqliteStore::ListQueues(const std::string& tenant_id) {
  auto db = Lease();
  auto stmt = db->Prepare(
      "SELECT id, slug, name, bot_first, routing FROM queues WHERE tenant_id = ? "
      "ORDER BY position");
  stmt.Bind(1, tenant_id);
  return QueryAll<engine::QueueInfo>(stmt, [](const Statement& row) {
    engine::QueueInfo queue{row.Text(0), row.Text(1), row.Text(2), row.Int(3) != 0};
    auto routing = protocol::RoutingFromStorage(row.Text(4));
    if (routing) {
      queue.routing = std::move(*routing);
    } else {
      log::Error("event=bad_stored_routing queue={} error=\"{}\"", queue.id,
                 routing.error().message);
    }
    return queue;
  });
}

namespace {

// How far an event's time may run ahead of a later-committed event's: times are taken by the
// engine, a little before the commit (a queue of writes, a stalled disk), and log ids follow
// commit order. Generous: reading a minute more at start costs little.
constexpr Millis kLogTimeSkew = 60'000;

// The id of the first log row whose time is at least `at - kLogTimeSkew`, or past the last row:
// a bisection of the log's ids, which follow commit order and so, within the skew, time. It
// only bounds a read: should the clock have stepped back further than the skew, the read
// starts too late and misses keys, which the engine then asks the store about (RestoredState).
Result<std::int64_t> FirstLogIdNear(Connection& db, Millis at) {
  const Millis target = at - kLogTimeSkew;
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  {
    auto bounds =
        db.Prepare("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) + 1 FROM event_log");
    auto row = bounds.Step();
    if (!row) return Unexpected{row.error()};
    lo = bounds.Int(0);
    hi = bounds.Int(1);
  }
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    auto probe = db.Prepare("SELECT id, at FROM event_log WHERE id >= ? ORDER BY id LIMIT 1");
    probe.Bind(1, mid);
    auto row = probe.Step();
    if (!row) return Unexpected{row.error()};
    if (!*row) break;  // nothing at or past mid (cannot happen: mid is below the last id + 1)
    const std::int64_t id = probe.Int(0);
    const Millis row_at = probe.Int(1);
    if (row_at < target) {
      lo = id + 1;
    } else {
      hi = mid;  // ids from mid to this one's are absent, so the first is at or below mid
    }
  }
  return lo;
}

}  // namespace

Result<engine::RestoredState> SqliteStore::LoadTenantState(const std::string& tenant_id,
                                                           Millis keys_since) {
  engine::RestoredState state;
  auto queues = ListQueues(tenant_id);
  if (!queues) return Unexpected{queues.error()};
  state.queues = std::move(*queues);
  auto users = ListUsers(tenant_id);
  if (!users) return Unexpected{users.error()};
  for (const auto& user : *users) state.agents.push_back(user.ToAgentInfo());

  auto db = Lease();
  {
    auto stmt = db->Prepare(std::string("SELECT ") + kConversationColumns +
                            " FROM conversations WHERE tenant_id = ? AND state <> 'closed'");
    stmt.Bind(1, tenant_id);
    auto open = QueryAll<engine::RestoredState::Conversation>(stmt, [](const Statement& row) {
      auto snapshot = ReadConversation(row);
      const Millis last_activity = snapshot.updated_at;
      return engine::RestoredState::Conversation{std::move(snapshot), last_activity, {}};
    });
    if (!open) return Unexpected{open.error()};
    state.open_conversations = std::move(*open);
  }
  // Unread messages are always the visitor's latest ones (reading or replying clears all up to a
  // point), so the newest `unread` visitor messages are exactly the unread set.
  for (auto& open : state.open_conversations) {
    if (open.snapshot.unread == 0) continue;
    const auto wanted = static_cast<std::size_t>(open.snapshot.unread);
    // Newest first: the conversation's unfolded tail, then its folded events.
    std::vector<long> seqs;
    const auto tail = tail_.Rows(tenant_id, open.snapshot.id);
    for (auto row = tail.rbegin(); row != tail.rend() && seqs.size() < wanted; ++row) {
      auto one = db->Prepare(
          "SELECT 1 FROM event_log WHERE id = ? AND kind = 'message' AND author_role = 'visitor'");
      one.Bind(1, row->log_id);
      auto hit = one.Step();
      if (!hit) return Unexpected{hit.error()};
      if (*hit) seqs.push_back(row->seq);
    }
    if (seqs.size() < wanted) {
      auto stmt = db->Prepare(
          "SELECT s.seq FROM event_seqs s JOIN event_log l ON l.id = s.log_id "
          "WHERE s.tenant_id = ? AND s.conversation_id = ? AND s.seq < ? AND l.kind = 'message' "
          "AND l.author_role = 'visitor' ORDER BY s.seq DESC LIMIT ?");
      stmt.Bind(1, tenant_id)
          .Bind(2, open.snapshot.id)
          .Bind(3, std::int64_t{tail.empty() ? std::numeric_limits<long>::max() : tail.front().seq})
          .Bind(4, static_cast<std::int64_t>(wanted - seqs.size()));
      auto folded = QueryAll<long>(stmt, [](const Statement& row) { return long{row.Int(0)}; });
      if (!folded) return Unexpected{folded.error()};
      seqs.insert(seqs.end(), folded->begin(), folded->end());
    }
    open.unread_seqs.assign(seqs.rbegin(), seqs.rend());
  }
  // The keys applied since `keys_since`: the log's rows from the first one near that time on
  // (no index on time: one was a B-tree leaf written at every commit, for a read at start).
  auto first = FirstLogIdNear(*db, keys_since);
  if (!first) return Unexpected{first.error()};
  auto stmt = db->Prepare(
      "SELECT sender_id, idempotency_key, conversation_id, seq, at FROM event_log "
      "WHERE id >= ? AND tenant_id = ? AND idempotency_key IS NOT NULL AND at >= ?");
  stmt.Bind(1, *first).Bind(2, tenant_id).Bind(3, std::int64_t{keys_since});
  auto keys = QueryAll<engine::RestoredState::RememberedKey>(stmt, [](const Statement& row) {
    return engine::RestoredState::RememberedKey{row.Text(0), row.Text(1),
                                                engine::Ack{row.Text(2), row.Int(3)}, row.Int(4)};
  });
  if (!keys) return Unexpected{keys.error()};
  std::stable_sort(keys->begin(), keys->end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  state.keys = std::move(*keys);
  state.older_keys = keys_since > 0;
  // Each customer's last agent, for sticky routing (the longest window allowed is 30 days).
  auto last = db->Prepare(
      "SELECT visitor_id, agent_id, MAX(updated_at) FROM conversations WHERE tenant_id = ? AND "
      "state = 'closed' AND agent_id IS NOT NULL AND updated_at >= ? GROUP BY visitor_id");
  last.Bind(1, tenant_id).Bind(2, std::int64_t{keys_since - 29LL * 24 * 60 * 60 * 1000});
  auto last_agents = QueryAll<engine::RestoredState::LastAgent>(last, [](const Statement& row) {
    return engine::RestoredState::LastAgent{row.Text(0), row.Text(1), row.Int(2)};
  });
  if (!last_agents) return Unexpected{last_agents.error()};
  state.last_agents = std::move(*last_agents);
  auto routing = FindRoutingSettings(tenant_id);
  if (!routing) return Unexpected{routing.error()};
  state.routing = *routing;
  auto classification = FindClassificationPolicy(tenant_id);
  if (!classification) return Unexpected{classification.error()};
  state.classification = std::move(*classification);
  return state;
}

Result<std::vector<ConversationEvent>> SqliteStore::EventsAfter(const std::string& tenant_id,
                                                                const std::string& conversation_id,
                                                                long after_seq, std::size_t limit) {
  // The tail is read before the database: a row it lists is committed, and a row folded since
  // is found twice (once in each part) and kept once. Rows committed after this read are newer
  // than any it lists, so what is returned never skips an event.
  const auto tail = tail_.Rows(tenant_id, conversation_id);
  auto db = Lease();
  auto stmt = db->Prepare(std::string("SELECT ") + kLogEventColumns +
                          " FROM event_seqs s JOIN event_log l ON l.id = s.log_id "
                          "WHERE s.tenant_id = ? AND s.conversation_id = ? AND s.seq > ? "
                          "ORDER BY s.seq LIMIT ?");
  stmt.Bind(1, tenant_id)
      .Bind(2, conversation_id)
      .Bind(3, std::int64_t{after_seq})
      .Bind(4, static_cast<std::int64_t>(limit));
  auto events = QueryAll<ConversationEvent>(stmt, ReadEvent);
  if (!events) return events;
  long last = events->empty() ? after_seq : events->back().seq;
  for (const auto& row : tail) {
    if (events->size() >= limit) break;
    if (row.seq <= last) continue;
    auto one = db->Prepare(std::string("SELECT ") + kLogEventColumns +
                           " FROM event_log l WHERE l.id = ? AND l.tenant_id = ? AND "
                           "l.conversation_id = ?");
    one.Bind(1, row.log_id).Bind(2, tenant_id).Bind(3, conversation_id);
    auto event = QueryOne<ConversationEvent>(one, ReadEvent);
    if (!event) return Unexpected{event.error()};
    if (!*event) continue;
    last = (*event)->seq;
    events->push_back(std::move(**event));
  }
  return events;
}

Result<std::optional<ConversationSnapshot>> SqliteStore::FindConversation(
    const std::string& tenant_id, const std::string& conversation_id) {
  auto db = Lease();
  auto stmt = db->Prepare(std::string("SELECT ") + kConversationColumns +
                          " FROM conversations WHERE tenant_id = ? AND id = ?");
  stmt.Bind(1, tenant_id).Bind(2, conversation_id);
  return QueryOne<ConversationSnapshot>(stmt, ReadConversation);
}

Result<std::vector<ConversationSnapshot>> SqliteStore::VisitorConversations(
    const std::string& tenant_id, const std::string& visitor_id, std::size_t limit) {
  auto db = Lease();
  auto stmt = db->Prepare(std::string("SELECT ") + kConversationColumns +
                          " FROM conversations WHERE tenant_id = ? AND visitor_id = ? "
                          "ORDER BY created_at DESC, id DESC LIMIT ?");
  stmt.Bind(1, tenant_id).Bind(2, visitor_id).Bind(3, static_cast<std::int64_t>(limit));
  auto newest_first = QueryAll<ConversationSnapshot>(stmt, ReadConversation);
  if (!newest_first) return newest_first;
  std::reverse(newest_first->begin(), newest_first->end());
  return newest_first;
}

}  // namespace kefu::storage::sqlite
