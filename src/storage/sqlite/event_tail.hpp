// The event log's unfolded tail: how a conversation's newest events are found before they are
// folded into the per-conversation index.
//
// Events are stored in `event_log`, a rowid table in commit order, so a commit writes the log's
// last page instead of a random leaf of a conversation-clustered table. The per-conversation index
// (`event_seqs`: tenant, conversation, seq -> log row) and the senders' idempotency keys
// (`event_keys`: tenant, sender, key -> log row) are written later, a conversation's rows at a
// time ("folding"), so that one leaf write covers many events instead of one per event. Until
// its rows are folded, a conversation's newest events are found through this tail, which the
// writer thread keeps and readers consult.
//
// Folding happens inside ordinary commit groups (no extra transaction or fsync): a conversation
// is folded when it holds kFoldRows unfolded events, when it is closed, or, oldest first, while
// the tail holds more than kMaxRows events. On start the tail is rebuilt from the rows of
// `event_log` above a persisted low-water mark that are not yet in `event_seqs`.
//
// The writer also checks here what the old clustered primary key and unique index enforced: each
// event's seq follows the conversation's stored ones, and no sender's idempotency key is stored
// twice (in the tail, in memory; folded, in `event_keys`). For every sender seen since start it
// remembers an upper bound of its folded keys (byte order): a new key above it cannot be in
// `event_keys`, so it needs no lookup. Keys made in increasing order (Kefu's clients prefix them
// with the time) then cost one lookup per sender and start, instead of a B-tree seek each.
//
// Thread-safety: the staging and folding calls are for the writer thread only, inside its
// transaction; Rows() and size() may be called from any thread.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace kefu::storage::sqlite {

class Connection;

class EventTail {
 public:
  // A conversation is folded once it holds this many unfolded events: one index leaf write
  // then covers them all.
  static constexpr std::size_t kFoldRows = 16;
  // Above this many unfolded events in all, the conversations holding the oldest are folded
  // (bounds memory and the rows rescanned on start).
  static constexpr std::size_t kMaxRows = 65536;

  struct Row {
    long seq = 0;
    std::int64_t log_id = 0;
    std::string sender_key;  // "sender\nidempotency key", empty when the event has none
  };

  // Rebuilds the tail on start (before any write).
  Result<void> Load(Connection& db);

  // --- Writer thread, inside the open transaction. ---

  // kConflict unless `seq` is above every stored and staged seq of the conversation and the
  // sender's idempotency key (if both are given) is not stored or staged yet.
  Result<void> Check(Connection& db, const std::string& tenant_id,
                     const std::string& conversation_id, long seq, const std::string& sender_id,
                     const std::string& idempotency_key);
  // An event row written in the open transaction (after Check).
  void Stage(const std::string& tenant_id, const std::string& conversation_id, long seq,
             std::int64_t log_id, const std::string& sender_id, const std::string& idempotency_key);
  // What is stored under a sender's idempotency key (committed, or staged in the open
  // transaction), and an upper bound of every key the sender has stored (byte order; "" when it
  // has none). For the engine, which keeps keys in memory for a short while only.
  struct KeyLookup {
    std::optional<std::pair<std::string, long>> original;  // conversation id, seq
    std::string sender_max;
  };
  Result<KeyLookup> FindKey(Connection& db, const std::string& tenant_id,
                            const std::string& sender_id, const std::string& idempotency_key);
  // The conversation is closed: fold its rows at this commit.
  void FoldSoon(const std::string& tenant_id, const std::string& conversation_id);
  // For a savepoint: RollbackTo(Mark()) forgets what was staged after the mark.
  std::size_t Mark() const { return staged_.size(); }
  void RollbackTo(std::size_t mark);
  // Writes the index rows of the conversations due for folding (and the low-water mark when it
  // moved far enough), in a savepoint of its own. On failure nothing is written or planned.
  Result<void> Fold(Connection& db);
  // The transaction committed: staged rows join the tail and folded conversations leave it.
  // Returns how many events were folded.
  std::size_t Committed();
  // The transaction was rolled back: forgets what was staged and planned.
  void RolledBack();

  // --- Any thread. ---

  // The conversation's committed, unfolded rows, in seq order.
  std::vector<Row> Rows(const std::string& tenant_id, const std::string& conversation_id) const;
  std::size_t size() const;

 private:
  struct Staged {
    std::string key;
    Row row;
  };

  Result<void> WriteFold(Connection& db, const std::set<std::string>& due);
  static std::string Key(const std::string& tenant_id, const std::string& conversation_id);
  static std::string SenderKey(const std::string& sender_id, const std::string& idempotency_key);
  // "tenant\nsender\nkey" from a conversation key ("tenant\nconversation") and a sender key.
  static std::string TenantSenderKey(const std::string& key, const std::string& sender_key);
  void RebuildStagedKeys();
  // Raises the sender's bound, if it has one, to a key folded at this commit.
  void NoteFolded(const std::string& key, const std::string& sender_key);

  mutable std::mutex mutex_;  // guards tail_, first_ and rows_ against readers
  // Open-addressing maps and sets (no node per entry, one probe of a metadata group): the
  // writer looks keys up in them for every event, and with std's node-based ones the lookups
  // were ~15% of its samples under S3. Their entries move when they grow.
  boost::unordered_flat_map<std::string, std::vector<Row>> tail_;
  std::map<std::int64_t, std::string> first_;  // each tailed conversation's first log id
  std::size_t rows_ = 0;

  // Writer thread only.
  std::vector<Staged> staged_;
  boost::unordered_flat_map<std::string, long> staged_last_;
  boost::unordered_flat_set<std::string> keys_;  // tenant\nsender\nkey of committed tail rows
  boost::unordered_flat_set<std::string> staged_keys_;  // and of staged ones
  std::vector<std::string> fold_soon_;
  std::vector<std::string> folding_;  // planned by Fold, applied by Committed
  std::int64_t low_ = 1;              // persisted low-water mark
  std::int64_t planned_low_ = 0;      // written by Fold, adopted by Committed (0: unchanged)
  std::int64_t next_log_id_ = 1;      // above every log row seen
  // "tenant\nsender" -> a key ≥ each of the sender's keys in event_keys ("" when it has none).
  boost::unordered_flat_map<std::string, std::string> folded_max_;
  // "tenant\nsender" -> a key ≥ each of the sender's keys staged since start or tailed at Load
  // (never lowered: rows that fold leave it an upper bound). One entry per sender since start,
  // like the engine's own bounds.
  boost::unordered_flat_map<std::string, std::string> tail_max_;
  void RaiseTailMax(const std::string& tenant_id, const std::string& sender_id,
                    const std::string& idempotency_key);
};

}  // namespace kefu::storage::sqlite
