// The event log in commit order and its folded per-conversation index and idempotency keys
// (event_tail.hpp): reads across the fold boundary, folding on close, the seq and key checks on
// both sides of the boundary, restart with an unfolded tail, and the migration of a clustered
// `events` table.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/event_tail.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/store_test_support.hpp"

namespace kefu::storage::sqlite {
namespace {

using engine::AuthorRole;
using engine::ConversationState;

class EventLogTest : public StoreFixture {
 protected:
  EventLogTest() : StoreFixture("kefu-event-log") {}

  // Appends one event; visitor messages on odd seqs, agent messages on even ones.
  Result<void> Append(const std::string& conversation, long seq,
                      std::optional<ConversationState> state = std::nullopt, long unread = 0,
                      const std::string& key = "", const std::string& tenant = "t1") {
    engine::Outcome outcome;
    engine::ConversationEvent event;
    event.conversation_id = conversation;
    event.seq = seq;
    event.at = 1000 + seq;
    event.text = "m" + std::to_string(seq);
    event.author = seq % 2 == 1 ? engine::Author{AuthorRole::kVisitor, "v", "访客"}
                                : engine::Author{AuthorRole::kAgent, "a", "王小明"};
    if (!key.empty()) {
      event.sender_id = event.author.id;
      event.idempotency_key = key;
    }
    outcome.events.push_back(event);
    if (state) {
      engine::ConversationSnapshot c;
      c.id = conversation;
      c.state = *state;
      c.queue = {"q_t1", "个人业务"};
      c.visitor = {"v", "访客"};
      c.last_seq = seq;
      c.unread = unread;
      c.created_at = c.updated_at = c.queued_at = 1000;
      outcome.conversations.push_back(c);
    }
    return Wait([&](Done d) { store_->AppendOutcome(tenant, outcome, nullptr, d); });
  }

  std::vector<long> Seqs(const std::string& conversation, long after, std::size_t limit = 1000) {
    auto events = store_->EventsAfter("t1", conversation, after, limit);
    EXPECT_TRUE(events);
    std::vector<long> seqs;
    if (!events) return seqs;
    for (const auto& e : *events) {
      EXPECT_EQ(e.text, "m" + std::to_string(e.seq));
      seqs.push_back(e.seq);
    }
    return seqs;
  }

  static std::vector<long> Range(long from, long to) {
    std::vector<long> out;
    for (long s = from; s <= to; ++s) out.push_back(s);
    return out;
  }

  std::int64_t Count(const std::string& sql) {
    Connection db(Path());
    auto stmt = db.Prepare(sql);
    auto row = stmt.Step();
    EXPECT_TRUE(row && *row);
    return stmt.Int(0);
  }
};

TEST_F(EventLogTest, ReadsAcrossTheFoldBoundaryBeforeAndAfterRestart) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  const long n = 2 * static_cast<long>(EventTail::kFoldRows) + 7;
  for (long seq = 1; seq <= n; ++seq) {
    ASSERT_TRUE(Append("c1", seq));
    ASSERT_TRUE(Append("c2", seq));
  }
  // Two folds per conversation; the last 7 events of each are still in the tail.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_seqs WHERE conversation_id = 'c1'"),
            2 * static_cast<long>(EventTail::kFoldRows));
  EXPECT_EQ(store_->stats().folded_events.load(), 4 * EventTail::kFoldRows);
  for (int pass = 0; pass < 2; ++pass) {
    EXPECT_EQ(store_->stats().tail_events.load(), 14u);
    EXPECT_EQ(Seqs("c1", 0), Range(1, n));
    EXPECT_EQ(Seqs("c2", 20), Range(21, n));
    EXPECT_EQ(Seqs("c1", n - 3), Range(n - 2, n)) << "from inside the tail";
    EXPECT_EQ(Seqs("c1", 30, 5), Range(31, 35)) << "a limit that crosses the boundary";
    EXPECT_EQ(Seqs("c1", 0, 10), Range(1, 10)) << "a limit inside the folded part";
    EXPECT_TRUE(Seqs("c1", n).empty());
    EXPECT_TRUE(Seqs("missing", 0).empty());
    store_.reset();
    Open();  // the tail is rebuilt from the log
  }
  // The rebuilt tail folds on as before.
  for (long seq = n + 1; seq <= 3 * static_cast<long>(EventTail::kFoldRows); ++seq) {
    ASSERT_TRUE(Append("c1", seq));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_seqs WHERE conversation_id = 'c1'"),
            3 * static_cast<long>(EventTail::kFoldRows));
  EXPECT_EQ(Seqs("c1", 0), Range(1, 3 * static_cast<long>(EventTail::kFoldRows)));
}

TEST_F(EventLogTest, ClosingAConversationFoldsItsEvents) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  ASSERT_TRUE(Append("c1", 1, ConversationState::kAssigned));
  ASSERT_TRUE(Append("c1", 2, ConversationState::kAssigned));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_seqs"), 0);
  ASSERT_TRUE(Append("c1", 3, ConversationState::kClosed));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_seqs"), 3);
  EXPECT_EQ(Seqs("c1", 0), Range(1, 3));
}

TEST_F(EventLogTest, ASeqThatDoesNotFollowTheStoredOnesIsAConflictOnBothSidesOfTheFold) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  const long folded = static_cast<long>(EventTail::kFoldRows);
  for (long seq = 1; seq <= folded; ++seq) ASSERT_TRUE(Append("c1", seq));
  ASSERT_EQ(Count("SELECT COUNT(*) FROM event_seqs"), folded) << "c1 is folded, its tail empty";
  for (long seq : {folded, 3L}) {
    auto again = Append("c1", seq);
    ASSERT_FALSE(again) << seq;
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  }
  ASSERT_TRUE(Append("c1", folded + 1));  // now in the tail
  for (long seq : {folded + 1, folded, 1L}) {
    auto again = Append("c1", seq);
    ASSERT_FALSE(again) << seq;
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  }
  store_.reset();
  Open();
  EXPECT_FALSE(Append("c1", folded + 1)) << "after a restart too";
  EXPECT_EQ(Seqs("c1", 0), Range(1, folded + 1)) << "nothing of the refused writes";
}

TEST_F(EventLogTest, ASendersIdempotencyKeyIsStoredOnceInTheTailFoldedAndAfterRestart) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  CreateTenantWithAgent("t2", "shop");
  auto conflict = [&](const std::string& conversation, long seq, const std::string& key) {
    auto r = Append(conversation, seq, std::nullopt, 0, key);
    EXPECT_FALSE(r) << conversation << " " << seq << " " << key;
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    }
  };
  // Visitor "v" sends on odd seqs, agent "a" on even ones.
  ASSERT_TRUE(Append("c1", 1, std::nullopt, 0, "k1"));
  conflict("c2", 1, "k1");                                    // same sender, another conversation
  ASSERT_TRUE(Append("c2", 1, std::nullopt, 0, "k2"));        // unfolded tail of c1 and c2
  ASSERT_TRUE(Append("c1", 2, std::nullopt, 0, "k1"));        // another sender may use the key
  ASSERT_TRUE(Append("c1", 1, std::nullopt, 0, "k1", "t2"));  // and another tenant
  const long folded = static_cast<long>(EventTail::kFoldRows);
  for (long seq = 3; seq <= folded; ++seq) {
    ASSERT_TRUE(Append("c1", seq, std::nullopt, 0, "c1-" + std::to_string(seq)));
  }
  ASSERT_EQ(Count("SELECT COUNT(*) FROM event_keys WHERE tenant_id = 't1'"), folded);
  conflict("c2", 3, "k1");    // folded key of v
  conflict("c2", 3, "c1-5");  // folded key of v
  conflict("c2", 3, "k2");    // tail key of v
  store_.reset();
  Open();
  conflict("c2", 3, "k1");
  conflict("c2", 3, "k2");
  ASSERT_TRUE(Append("c2", 3, std::nullopt, 0, "k3"));
  EXPECT_EQ(Seqs("c2", 0), (std::vector<long>{1, 3})) << "the refused writes left nothing";
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->keys.size(), static_cast<std::size_t>(folded + 2));
}

// The writer skips the lookup of a key above the sender's folded ones (event_tail.hpp): keys
// at or below that bound are still looked up, after a restart too, and only the sender's own
// keys count.
TEST_F(EventLogTest, KeysAboveASendersFoldedOnesSkipTheLookupAndTheRestAreStillChecked) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  auto key = [](int n) { return fmt::format("t{:04}", n); };
  const long folded = static_cast<long>(EventTail::kFoldRows);
  for (long seq = 1; seq <= folded; ++seq) {  // v sends t0001, t0003 …; the agent t0002 …
    ASSERT_TRUE(Append("c1", seq, std::nullopt, 0, key(static_cast<int>(seq))));
  }
  ASSERT_EQ(Count("SELECT COUNT(*) FROM event_keys WHERE tenant_id = 't1'"), folded);
  store_.reset();
  Open();
  const int last_of_v = static_cast<int>(folded) - 1;
  EXPECT_FALSE(Append("c2", 1, std::nullopt, 0, key(1))) << "below v's bound";
  EXPECT_FALSE(Append("c2", 1, std::nullopt, 0, key(last_of_v))) << "v's bound itself";
  EXPECT_TRUE(Append("c2", 1, std::nullopt, 0, key(2))) << "the agent's key, below v's bound";
  EXPECT_TRUE(Append("c2", 3, std::nullopt, 0, key(100))) << "above v's bound";
  EXPECT_FALSE(Append("c2", 5, std::nullopt, 0, key(100))) << "now in the tail";
  EXPECT_EQ(Seqs("c2", 0), (std::vector<long>{1, 3}));
}

// The engine asks the store about keys it no longer holds (Store::FindCommandKey): the original
// ack from the tail or the folded index, after a restart too, and a bound of the sender's keys.
TEST_F(EventLogTest, ACommandKeyIsFoundWithItsAckAndTheSendersLargestKey) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  CreateTenantWithAgent("t2", "shop");
  auto find = [&](const std::string& tenant, const std::string& sender, const std::string& key) {
    Result<Store::StoredKey> found = Fail(ErrorCode::kUnavailable, "no answer");
    EXPECT_TRUE(Wait([&](Done d) {
      store_->FindCommandKey(tenant, sender, key, [&, d](Result<Store::StoredKey> r) {
        found = std::move(r);
        d({});
      });
    }));
    EXPECT_TRUE(found) << (found ? "" : found.error().message);
    return found ? *found : Store::StoredKey{};
  };
  auto key = [](int n) { return fmt::format("k{:04}", n); };
  const long folded = static_cast<long>(EventTail::kFoldRows);
  for (long seq = 1; seq <= folded; ++seq) {  // v: k0001, k0003 …; the agent k0002 …
    ASSERT_TRUE(Append("c1", seq, std::nullopt, 0, key(static_cast<int>(seq))));
  }
  ASSERT_TRUE(Append("c2", 1, std::nullopt, 0, key(501)));  // in the tail
  ASSERT_EQ(Count("SELECT COUNT(*) FROM event_keys WHERE tenant_id = 't1'"), folded);
  for (int restart = 0; restart < 2; ++restart) {
    SCOPED_TRACE(restart ? "after a restart" : "before a restart");
    auto in_index = find("t1", "v", key(3));
    ASSERT_TRUE(in_index.original);
    EXPECT_EQ(*in_index.original, (engine::Ack{"c1", 3}));
    EXPECT_EQ(in_index.sender_max, key(501));
    auto in_tail = find("t1", "v", key(501));
    ASSERT_TRUE(in_tail.original);
    EXPECT_EQ(*in_tail.original, (engine::Ack{"c2", 1}));
    auto agents = find("t1", "a", key(3));
    EXPECT_FALSE(agents.original) << "another sender's key";
    EXPECT_EQ(agents.sender_max, key(static_cast<int>(folded)));
    auto elsewhere = find("t2", "v", key(3));
    EXPECT_FALSE(elsewhere.original) << "another tenant";
    EXPECT_EQ(elsewhere.sender_max, "");
    store_.reset();
    Open();
  }
}

TEST_F(EventLogTest, UnreadVisitorMessagesAreRestoredAcrossTheFoldBoundary) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  const long n = static_cast<long>(EventTail::kFoldRows) + 6;  // 16 folded, 6 in the tail
  for (long seq = 1; seq <= n; ++seq) {
    // Visitor messages are odd seqs; the newest 7 of them span both parts.
    ASSERT_TRUE(Append("c1", seq, ConversationState::kAssigned, 7));
  }
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  ASSERT_EQ(state->open_conversations.size(), 1u);
  EXPECT_EQ(state->open_conversations[0].unread_seqs,
            (std::vector<long>{9, 11, 13, 15, 17, 19, 21}));
}

TEST_F(EventLogTest, Migrations8And9MoveTheClusteredHistoryIntoTheLog) {
  {
    Connection db(Path(), Connection::Role::kWriter);
    auto version = Migrate(db, 7);
    ASSERT_TRUE(version);
    ASSERT_EQ(*version, 7);
    ASSERT_TRUE(db.Exec(
        "INSERT INTO tenants VALUES ('t1', 'bank', 'Bank', 1);"
        "INSERT INTO events (tenant_id, conversation_id, seq, at, kind, author_role, author_id, "
        "  author_name, text, sender_id, idempotency_key) VALUES "
        "  ('t1', 'c1', 2, 1002, 'message', 'agent', 'a', '王小明', 'm2', 'a', 'k2'),"
        "  ('t1', 'c1', 1, 1001, 'message', 'visitor', 'v', '访客', 'm1', 'v', 'k1'),"
        "  ('t1', 'c2', 1, 1000, 'message', 'visitor', 'v', '访客', 'm1', NULL, NULL);"));
  }
  Open();
  EXPECT_EQ(Seqs("c1", 0), Range(1, 2));
  EXPECT_EQ(Seqs("c2", 0), Range(1, 1));
  EXPECT_FALSE(Append("c1", 2)) << "the migrated index still refuses a repeated seq";
  EXPECT_FALSE(Append("c1", 3, std::nullopt, 0, "k1")) << "and a migrated key of v";
  ASSERT_TRUE(Append("c1", 3));
  EXPECT_EQ(Seqs("c1", 0), Range(1, 3));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE tenant_id = 't1'"), 4) << "the view";
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->keys.size(), 2u) << "idempotency keys survive the move";
}

// The keys applied since a time are read at start from the log's newest rows, without an index
// on time (migration 10): a bisection of the log's ids finds where to start, allowing for events
// committed a little after later-timed ones. Only the tenant's keys at or after the time come
// back, in time order.
TEST_F(EventLogTest, TheKeysOfTheRecentWindowAreFoundByBisectingTheLog) {
  Open();
  CreateTenantWithAgent("t1", "bank");
  CreateTenantWithAgent("t2", "shop");
  auto append = [&](const std::string& tenant, const std::string& conversation, long seq,
                    Millis at) {
    engine::Outcome outcome;
    engine::ConversationEvent event;
    event.conversation_id = conversation;
    event.seq = seq;
    event.at = at;
    event.text = "m" + std::to_string(seq);
    event.author = engine::Author{AuthorRole::kVisitor, "v", "访客"};
    event.sender_id = "v";
    event.idempotency_key = fmt::format("{}-k{:05}", conversation, seq);
    outcome.events.push_back(event);
    return Wait([&](Done d) { store_->AppendOutcome(tenant, outcome, nullptr, d); });
  };
  constexpr Millis kStep = 10'000;  // ten seconds apart: the bisection has rows to skip
  for (long seq = 1; seq <= 300; ++seq) {
    ASSERT_TRUE(append("t1", "c1", seq, seq * kStep));
    if (seq % 3 == 0) {
      ASSERT_TRUE(append("t2", "c1", seq, seq * kStep));
    }
    // From the middle on, each followed by an event timed 50 s earlier (a slow commit): a
    // bisection that took times for commit order would skip the rows before these.
    if (seq >= 150) {
      ASSERT_TRUE(append("t1", "c3", seq, seq * kStep - 50'000));
    }
  }
  // Committed last, timed 30 s before the newest row.
  ASSERT_TRUE(append("t1", "c2", 1, 300 * kStep - 30'000));
  const Millis since = 200 * kStep;
  for (int restart = 0; restart < 2; ++restart) {
    auto state = store_->LoadTenantState("t1", since);
    ASSERT_TRUE(state);
    ASSERT_EQ(state->keys.size(), 101u + 96u + 1u)
        << "seqs 200..300 of c1, 205..300 of c3 and the late one of c2";
    for (std::size_t i = 0; i < state->keys.size(); ++i) {
      EXPECT_GE(state->keys[i].at, since);
      if (i > 0) {
        EXPECT_LE(state->keys[i - 1].at, state->keys[i].at) << "in time order";
      }
    }
    EXPECT_EQ(state->keys.front().idempotency_key, "c1-k00200");
    EXPECT_EQ(state->keys.back().idempotency_key, "c1-k00300");
    EXPECT_EQ(std::count_if(state->keys.begin(), state->keys.end(),
                            [](const auto& k) { return k.ack.conversation_id == "c2"; }),
              1)
        << "the late one";
    EXPECT_TRUE(state->older_keys);
    store_.reset();
    Open();
  }
  auto all = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->keys.size(), 300u + 151u + 1u);
  auto none = store_->LoadTenantState("t1", 400 * kStep);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->keys.empty());
}

}  // namespace
}  // namespace kefu::storage::sqlite
