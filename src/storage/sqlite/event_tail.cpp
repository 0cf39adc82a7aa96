#include "storage/sqlite/event_tail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "common/error.hpp"
#include "storage/sqlite/connection.hpp"

namespace kefu::storage::sqlite {
namespace {

// The low-water mark is rewritten only when it moved this many log rows: a stale mark is safe
// (start rescans a little more) and saves a page write on most folding commits.
constexpr std::int64_t kLowMarkStep = 4096;

// Senders whose key bound is remembered (~100 bytes each); past it the bounds are forgotten and
// read again, one lookup per sender.
constexpr std::size_t kMaxSendersBounded = std::size_t{1} << 17;

// The sender's largest key in event_keys (byte order), "" when it has none.
Result<std::string> LargestFoldedKey(Connection& db, const std::string& tenant_id,
                                     const std::string& sender_id) {
  auto stmt = db.Prepare(
      "SELECT idempotency_key FROM event_keys WHERE tenant_id = ? AND sender_id = ? "
      "ORDER BY idempotency_key DESC LIMIT 1");
  stmt.Bind(1, tenant_id).Bind(2, sender_id);
  auto row = stmt.Step();
  if (!row) return Unexpected{row.error()};
  return *row ? stmt.Text(0) : std::string();
}

}  // namespace

std::string EventTail::Key(const std::string& tenant_id, const std::string& conversation_id) {
  std::string key;
  key.reserve(tenant_id.size() + 1 + conversation_id.size());
  key.append(tenant_id).push_back('\n');
  key.append(conversation_id);
  return key;
}

std::string EventTail::SenderKey(const std::string& sender_id, const std::string& idempotency_key) {
  if (sender_id.empty() || idempotency_key.empty()) return {};
  return sender_id + '\n' + idempotency_key;
}

std::string EventTail::TenantSenderKey(const std::string& key, const std::string& sender_key) {
  return key.substr(0, key.find('\n') + 1) + sender_key;
}

Result<void> EventTail::Load(Connection& db) {
  {
    auto stmt = db.Prepare("SELECT low FROM event_log_fold WHERE id = 1");
    auto row = stmt.Step();
    if (!row) return Unexpected{row.error()};
    if (*row) low_ = stmt.Int(0);
  }
  {
    auto stmt = db.Prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM event_log");
    auto row = stmt.Step();
    if (!row) return Unexpected{row.error()};
    next_log_id_ = stmt.Int(0);
  }
  auto stmt = db.Prepare(
      "SELECT l.id, l.tenant_id, l.conversation_id, l.seq, l.sender_id, l.idempotency_key "
      "FROM event_log l WHERE l.id >= ? AND "
      "NOT EXISTS (SELECT 1 FROM event_seqs s WHERE s.tenant_id = l.tenant_id AND "
      "s.conversation_id = l.conversation_id AND s.seq = l.seq) ORDER BY l.id");
  stmt.Bind(1, low_);
  std::lock_guard lock(mutex_);
  tail_.clear();
  first_.clear();
  keys_.clear();
  rows_ = 0;
  for (;;) {
    auto row = stmt.Step();
    if (!row) return Unexpected{row.error()};
    if (!*row) break;
    const std::string key = Key(stmt.Text(1), stmt.Text(2));
    auto& rows = tail_[key];
    if (rows.empty()) first_[stmt.Int(0)] = key;
    Row tailed{static_cast<long>(stmt.Int(3)), stmt.Int(0), SenderKey(stmt.Text(4), stmt.Text(5))};
    if (!tailed.sender_key.empty()) {
      keys_.insert(stmt.Text(1) + '\n' + tailed.sender_key);
      RaiseTailMax(stmt.Text(1), stmt.Text(4), stmt.Text(5));
    }
    rows.push_back(std::move(tailed));
    ++rows_;
  }
  return {};
}

Result<void> EventTail::Check(Connection& db, const std::string& tenant_id,
                              const std::string& conversation_id, long seq,
                              const std::string& sender_id, const std::string& idempotency_key) {
  const std::string key = Key(tenant_id, conversation_id);
  long last = 0;
  if (auto staged = staged_last_.find(key); staged != staged_last_.end()) {
    last = staged->second;
  } else if (auto tailed = tail_.find(key); tailed != tail_.end()) {
    last = tailed->second.back().seq;
  } else {
    auto stmt = db.Prepare(
        "SELECT COALESCE(MAX(seq), 0) FROM event_seqs WHERE tenant_id = ? AND "
        "conversation_id = ?");
    stmt.Bind(1, tenant_id).Bind(2, conversation_id);
    auto row = stmt.Step();
    if (!row) return Unexpected{row.error()};
    last = static_cast<long>(stmt.Int(0));
  }
  if (seq <= last) {
    return Fail(ErrorCode::kConflict,
                fmt::format("event {} of conversation {} does not follow the stored event {}", seq,
                            conversation_id, last));
  }
  const std::string sender_key = SenderKey(sender_id, idempotency_key);
  if (sender_key.empty()) return {};
  const std::string full_key = tenant_id + '\n' + sender_key;
  bool stored = keys_.contains(full_key) || staged_keys_.contains(full_key);
  if (!stored) {
    std::string sender = tenant_id + '\n' + sender_id;
    auto bound = folded_max_.find(sender);
    if (bound == folded_max_.end()) {
      if (folded_max_.size() >= kMaxSendersBounded) folded_max_.clear();
      auto largest = LargestFoldedKey(db, tenant_id, sender_id);
      if (!largest) return Unexpected{largest.error()};
      bound = folded_max_.emplace(std::move(sender), std::move(*largest)).first;
    }
    if (idempotency_key <= bound->second) {
      auto stmt = db.Prepare(
          "SELECT 1 FROM event_keys WHERE tenant_id = ? AND sender_id = ? AND idempotency_key = "
          "?");
      stmt.Bind(1, tenant_id).Bind(2, sender_id).Bind(3, idempotency_key);
      auto row = stmt.Step();
      if (!row) return Unexpected{row.error()};
      stored = *row;
    }
  }
  if (stored) {
    return Fail(ErrorCode::kConflict,
                fmt::format("idempotency key {} of sender {} is already stored", idempotency_key,
                            sender_id));
  }
  return {};
}

void EventTail::Stage(const std::string& tenant_id, const std::string& conversation_id, long seq,
                      std::int64_t log_id, const std::string& sender_id,
                      const std::string& idempotency_key) {
  std::string key = Key(tenant_id, conversation_id);
  staged_last_[key] = seq;
  Row row{seq, log_id, SenderKey(sender_id, idempotency_key)};
  if (!row.sender_key.empty()) {
    staged_keys_.insert(tenant_id + '\n' + row.sender_key);
    RaiseTailMax(tenant_id, sender_id, idempotency_key);
  }
  staged_.push_back(Staged{std::move(key), std::move(row)});
  next_log_id_ = std::max(next_log_id_, log_id + 1);
}

void EventTail::RaiseTailMax(const std::string& tenant_id, const std::string& sender_id,
                             const std::string& idempotency_key) {
  std::string& max = tail_max_[tenant_id + '\n' + sender_id];
  if (idempotency_key > max) max = idempotency_key;
}

Result<EventTail::KeyLookup> EventTail::FindKey(Connection& db, const std::string& tenant_id,
                                                const std::string& sender_id,
                                                const std::string& idempotency_key) {
  KeyLookup found;
  const std::string sender = tenant_id + '\n' + sender_id;
  if (auto tailed = tail_max_.find(sender); tailed != tail_max_.end()) {
    found.sender_max = tailed->second;
  }
  auto largest = LargestFoldedKey(db, tenant_id, sender_id);
  if (!largest) return Unexpected{largest.error()};
  found.sender_max = std::max(found.sender_max, *largest);
  const std::string sender_key = SenderKey(sender_id, idempotency_key);
  if (sender_key.empty()) return found;
  const std::string full_key = tenant_id + '\n' + sender_key;
  if (keys_.contains(full_key) || staged_keys_.contains(full_key)) {
    // Rare (a retry of a key still in the tail): a scan of the tail is fine.
    auto match = [&](const std::string& conversation_key, const Row& row) {
      if (row.sender_key != sender_key || !conversation_key.starts_with(tenant_id + '\n')) {
        return false;
      }
      found.original =
          std::make_pair(conversation_key.substr(conversation_key.find('\n') + 1), row.seq);
      return true;
    };
    for (const auto& staged : staged_) {
      if (match(staged.key, staged.row)) return found;
    }
    std::lock_guard lock(mutex_);
    for (const auto& [conversation_key, rows] : tail_) {
      for (const auto& row : rows) {
        if (match(conversation_key, row)) return found;
      }
    }
  }
  auto stmt = db.Prepare(
      "SELECT l.conversation_id, l.seq FROM event_keys k JOIN event_log l ON l.id = k.log_id "
      "WHERE k.tenant_id = ? AND k.sender_id = ? AND k.idempotency_key = ?");
  stmt.Bind(1, tenant_id).Bind(2, sender_id).Bind(3, idempotency_key);
  auto row = stmt.Step();
  if (!row) return Unexpected{row.error()};
  if (*row) found.original = std::make_pair(stmt.Text(0), static_cast<long>(stmt.Int(1)));
  return found;
}

void EventTail::FoldSoon(const std::string& tenant_id, const std::string& conversation_id) {
  fold_soon_.push_back(Key(tenant_id, conversation_id));
}

void EventTail::RollbackTo(std::size_t mark) {
  if (mark >= staged_.size()) return;
  staged_.resize(mark);
  staged_last_.clear();
  staged_keys_.clear();
  for (const auto& s : staged_) {
    staged_last_[s.key] = s.row.seq;
    if (!s.row.sender_key.empty()) {
      staged_keys_.insert(TenantSenderKey(s.key, s.row.sender_key));
    }
  }
}

Result<void> EventTail::Fold(Connection& db) {
  folding_.clear();
  planned_low_ = 0;
  std::unordered_map<std::string, std::size_t> staged_count;
  for (const auto& s : staged_) ++staged_count[s.key];
  auto count_of = [&](const std::string& key) {
    std::size_t n = 0;
    if (auto it = staged_count.find(key); it != staged_count.end()) n += it->second;
    if (auto it = tail_.find(key); it != tail_.end()) n += it->second.size();
    return n;
  };

  std::set<std::string> due;  // ordered: the index rows go in in key order
  for (const auto& [key, n] : staged_count) {
    if (count_of(key) >= kFoldRows) due.insert(key);
  }
  for (const auto& key : fold_soon_) {
    if (count_of(key) > 0) due.insert(key);
  }
  std::size_t remaining = rows_ + staged_.size();
  for (const auto& key : due) remaining -= count_of(key);
  for (auto it = first_.begin(); remaining > kMaxRows && it != first_.end(); ++it) {
    if (due.insert(it->second).second) remaining -= count_of(it->second);
  }
  if (due.empty()) return {};

  // In a savepoint of its own: should a write fail, the rows stay in the tail and the rest of
  // the transaction is unharmed.
  if (auto r = db.Exec("SAVEPOINT fold"); !r) return r;
  auto written = WriteFold(db, due);
  if (!written) {
    (void)db.Exec("ROLLBACK TO fold; RELEASE fold");
    planned_low_ = 0;
    return written;
  }
  if (auto r = db.Exec("RELEASE fold"); !r) {
    planned_low_ = 0;
    return r;
  }
  folding_.assign(due.begin(), due.end());
  return {};
}

Result<void> EventTail::WriteFold(Connection& db, const std::set<std::string>& due) {
  for (const auto& key : due) {
    const auto split = key.find('\n');
    const std::string tenant_id = key.substr(0, split);
    const std::string conversation_id = key.substr(split + 1);
    auto insert = [&](const Row& row) -> Result<void> {
      auto stmt = db.Prepare(
          "INSERT INTO event_seqs (tenant_id, conversation_id, seq, log_id) VALUES (?,?,?,?)");
      // By reference: the texts outlive both statements' runs.
      stmt.BindRef(1, tenant_id)
          .BindRef(2, conversation_id)
          .Bind(3, std::int64_t{row.seq})
          .Bind(4, row.log_id);
      if (auto r = stmt.Run(); !r) return r;
      if (row.sender_key.empty()) return {};
      const auto cut = row.sender_key.find('\n');
      auto keyed = db.Prepare(
          "INSERT INTO event_keys (tenant_id, sender_id, idempotency_key, log_id) "
          "VALUES (?,?,?,?)");
      keyed.BindRef(1, tenant_id)
          .BindRef(2, std::string_view(row.sender_key).substr(0, cut))
          .BindRef(3, std::string_view(row.sender_key).substr(cut + 1))
          .Bind(4, row.log_id);
      return keyed.Run();
    };
    if (auto tailed = tail_.find(key); tailed != tail_.end()) {
      for (const auto& row : tailed->second) {
        if (auto r = insert(row); !r) return r;
      }
    }
    for (const auto& s : staged_) {
      if (s.key != key) continue;
      if (auto r = insert(s.row); !r) return r;
    }
  }

  // The lowest log row still unfolded after this commit.
  std::int64_t low = next_log_id_;
  for (const auto& [log_id, key] : first_) {
    if (!due.contains(key)) {
      low = log_id;
      break;
    }
  }
  for (const auto& s : staged_) {
    if (s.row.log_id < low && !due.contains(s.key)) low = s.row.log_id;
  }
  if (low - low_ >= kLowMarkStep) {
    auto stmt = db.Prepare("UPDATE event_log_fold SET low = ? WHERE id = 1");
    stmt.Bind(1, low);
    if (auto r = stmt.Run(); !r) return r;
    planned_low_ = low;
  }
  return {};
}

std::size_t EventTail::Committed() {
  std::size_t folded_rows = 0;
  {
    const std::unordered_set<std::string> folded(folding_.begin(), folding_.end());
    std::lock_guard lock(mutex_);
    for (auto& s : staged_) {
      if (folded.contains(s.key)) {
        ++folded_rows;
        NoteFolded(s.key, s.row.sender_key);
        continue;
      }
      if (!s.row.sender_key.empty()) {
        keys_.insert(TenantSenderKey(s.key, s.row.sender_key));
      }
      auto& rows = tail_[s.key];
      if (rows.empty()) first_[s.row.log_id] = s.key;
      rows.push_back(s.row);
      ++rows_;
    }
    for (const auto& key : folding_) {
      auto it = tail_.find(key);
      if (it == tail_.end()) continue;
      first_.erase(it->second.front().log_id);
      rows_ -= it->second.size();
      folded_rows += it->second.size();
      for (const auto& row : it->second) {
        if (row.sender_key.empty()) continue;
        keys_.erase(TenantSenderKey(key, row.sender_key));
        NoteFolded(key, row.sender_key);
      }
      tail_.erase(it);
    }
  }
  if (planned_low_ != 0) low_ = planned_low_;
  RolledBack();  // clears the staging
  return folded_rows;
}

void EventTail::NoteFolded(const std::string& key, const std::string& sender_key) {
  if (sender_key.empty() || folded_max_.empty()) return;
  const auto cut = sender_key.find('\n');
  const std::string sender = key.substr(0, key.find('\n')) + '\n' + sender_key.substr(0, cut);
  auto bound = folded_max_.find(sender);
  if (bound == folded_max_.end()) return;  // its first check reads the bound from event_keys
  std::string_view idempotency_key = std::string_view(sender_key).substr(cut + 1);
  if (idempotency_key > bound->second) bound->second = idempotency_key;
}

void EventTail::RolledBack() {
  staged_.clear();
  staged_last_.clear();
  staged_keys_.clear();
  fold_soon_.clear();
  folding_.clear();
  planned_low_ = 0;
}

std::vector<EventTail::Row> EventTail::Rows(const std::string& tenant_id,
                                            const std::string& conversation_id) const {
  const std::string key = Key(tenant_id, conversation_id);
  std::lock_guard lock(mutex_);
  auto it = tail_.find(key);
  if (it == tail_.end()) return {};
  return it->second;
}

std::size_t EventTail::size() const {
  std::lock_guard lock(mutex_);
  return rows_;
}

}  // namespace kefu::storage::sqlite
