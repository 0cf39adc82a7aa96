#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "storage/sqlite/store_test_support.hpp"

namespace kefu::storage::sqlite {
namespace {

using engine::AgentStatus;
using engine::AuthorRole;
using engine::Role;

class SqliteStoreTest : public StoreFixture {
 protected:
  SqliteStoreTest() : StoreFixture("kefu-store") {}
  void SetUp() override {
    StoreFixture::SetUp();
    Open();
  }
  void CreateTenant(const std::string& id, const std::string& slug) {
    CreateTenantWithAgent(id, slug);
  }
};

TEST_F(SqliteStoreTest, MigratesAndFindsTenantsAndUsers) {
  CreateTenant("t1", "bank");
  auto tenant = store_->FindTenantBySlug("bank");
  ASSERT_TRUE(tenant && *tenant);
  EXPECT_EQ((*tenant)->id, "t1");
  auto user = store_->FindUserByEmail("t1", "agent@bank");
  ASSERT_TRUE(user && *user);
  EXPECT_EQ((*user)->name, "王小明");
  EXPECT_EQ((*user)->queue_ids, std::vector<std::string>{"q_t1"});
  auto missing = store_->FindUserByEmail("t1", "nobody@bank");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST_F(SqliteStoreTest, ItsThreadsCarryTheirNames) {
  // top -H, perf and /proc tell the writer and the checkpointer apart from the rest.
  std::multiset<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name)) names.insert(name);
  }
  EXPECT_EQ(names.count("kefu-writer"), 1u);
  EXPECT_EQ(names.count("kefu-checkpoint"), 1u);
}

TEST_F(SqliteStoreTest, DuplicateEmailIsAConflictAndDoesNotSpoilTheGroup) {
  CreateTenant("t1", "bank");
  UserRecord dup{"t1", "u_x", "agent@bank", "重复", Role::kAgent, "h", 1, false, {}, 3};
  UserRecord fresh{"t1", "u_y", "new@bank", "新人", Role::kAgent, "h", 1, false, {}, 3};
  std::promise<Result<void>> a, b;
  store_->CreateUser(dup, [&](Result<void> r) { a.set_value(r); });
  store_->CreateUser(fresh, [&](Result<void> r) { b.set_value(r); });
  auto first = a.get_future().get();
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(b.get_future().get());
  EXPECT_TRUE(*store_->FindUserByEmail("t1", "new@bank"));
}

TEST_F(SqliteStoreTest, EngineOutcomesPersistAndRestoreAcrossReopen) {
  CreateTenant("t1", "bank");
  ManualClock clock;
  engine::TenantEngine engine("t1", clock);
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  engine.Restore(*state);
  ASSERT_TRUE(engine.SetConnected("u_agent_t1", true));
  ASSERT_TRUE(engine.SetStatus("u_agent_t1", AgentStatus::kOnline));
  auto guard = std::make_shared<std::atomic<bool>>(false);
  auto persist = [&](const engine::Outcome& outcome) {
    ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", outcome, guard, d); }));
  };
  engine::Actor visitor{AuthorRole::kVisitor, "v1", "访客", {}};
  auto started = engine.Send({visitor, "k1", std::nullopt, "你好", "c1", "q_t1"});
  ASSERT_TRUE(started);
  persist(*started);
  auto second = engine.Send({visitor, "k2", std::nullopt, "卡被锁了", "", ""});
  ASSERT_TRUE(second);
  persist(*second);

  auto events = store_->EventsAfter("t1", "c1", 0, 100);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[0], started->events[0]);
  EXPECT_EQ((*events)[2].code, engine::SystemCode::kAssigned);
  EXPECT_EQ((*events)[3].text, "卡被锁了");
  auto after = store_->EventsAfter("t1", "c1", 2, 100);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->size(), 2u);

  store_.reset();
  Open();
  auto restored = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(restored);
  ASSERT_EQ(restored->open_conversations.size(), 1u);
  const auto& open = restored->open_conversations[0];
  EXPECT_EQ(open.snapshot.state, engine::ConversationState::kAssigned);
  EXPECT_EQ(open.snapshot.last_seq, 4);
  EXPECT_EQ(open.unread_seqs, (std::vector<long>{1, 4}));
  ASSERT_EQ(restored->keys.size(), 2u);
  EXPECT_EQ(restored->keys[1].ack, (engine::Ack{"c1", 4}));

  engine::TenantEngine reborn("t1", clock);
  reborn.Restore(*restored);
  auto retry = reborn.Send({visitor, "k2", std::nullopt, "卡被锁了", "", ""});
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->ack.seq, 4);
}

// A message changes only a conversation's counters, and the store then writes only those (a
// shorter path that leaves the indexes alone); every other change takes the full upsert. Either
// way what is read back is the latest snapshot.
TEST_F(SqliteStoreTest, ConversationWritesKeepTheLatestSnapshotWhateverChanged) {
  CreateTenant("t1", "bank");
  auto write = [&](const engine::ConversationSnapshot& snapshot) {
    engine::Outcome outcome;
    outcome.conversations.push_back(snapshot);
    ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", outcome, nullptr, d); }));
  };
  auto read = [&] {
    auto found = store_->FindConversation("t1", "c1");
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : engine::ConversationSnapshot{};
  };
  engine::ConversationSnapshot c;
  c.id = "c1";
  c.state = engine::ConversationState::kQueued;
  c.queue = {"q_t1", "默认"};
  c.visitor = {"v1", "访客 0001"};
  c.last_seq = 1;
  c.unread = 1;
  c.created_at = 1000;
  c.updated_at = 1000;
  c.priority = 3;
  c.queued_at = 1000;
  write(c);
  EXPECT_EQ(read(), c);

  c.last_seq = 2;  // a message: counters only
  c.unread = 2;
  c.updated_at = 2000;
  write(c);
  EXPECT_EQ(read(), c);

  c.state = engine::ConversationState::kAssigned;  // an assignment: state and agent too
  c.agent = engine::Ref{"u_agent_t1", "坐席"};
  c.last_seq = 3;
  c.updated_at = 3000;
  write(c);
  EXPECT_EQ(read(), c);

  c.queue = {"q_other", "信用卡"};  // a transfer with no new counters
  write(c);
  EXPECT_EQ(read(), c);
  c.priority = 7;
  write(c);
  EXPECT_EQ(read(), c);

  c.state = engine::ConversationState::kClosed;
  c.closed_by = engine::CloseReason::kAgent;
  c.last_seq = 4;
  c.updated_at = 4000;
  write(c);
  EXPECT_EQ(read(), c);

  // A classification set afterwards (REST) survives a later snapshot that does not carry it,
  // on either path; one that carries another replaces it.
  ASSERT_TRUE(Wait([&](Done d) {
    store_->SetConversationClassification("t1", "c1", {"cls_card", {"卡"}, "已解锁"}, d);
  }));
  c.last_seq = 5;
  c.updated_at = 5000;
  write(c);
  auto kept = read();
  EXPECT_EQ(kept.classification_id, "cls_card");
  EXPECT_EQ(kept.summary, "已解锁");
  EXPECT_EQ(kept.last_seq, 5);
  c.classification_id = "cls_loan";
  c.summary = "改为贷款";
  write(c);
  EXPECT_EQ(read(), c);
}

TEST_F(SqliteStoreTest, TenantsNeverSeeEachOther) {
  CreateTenant("t1", "bank");
  CreateTenant("t2", "shop");
  ManualClock clock;
  engine::TenantEngine engine("t1", clock);
  engine.Restore(*store_->LoadTenantState("t1", 0));
  auto started = engine.Send(
      {{AuthorRole::kVisitor, "v1", "访客", {}}, "k", std::nullopt, "秘密", "c1", "q_t1"});
  ASSERT_TRUE(started);
  ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", *started, nullptr, d); }));
  EXPECT_EQ(store_->EventsAfter("t1", "c1", 0, 10)->size(), 2u);
  EXPECT_TRUE(store_->EventsAfter("t2", "c1", 0, 10)->empty());
  EXPECT_FALSE(*store_->FindConversation("t2", "c1"));
  EXPECT_TRUE(store_->VisitorConversations("t2", "v1", 5)->empty());
  EXPECT_FALSE(*store_->FindUserByEmail("t2", "agent@bank"));
  EXPECT_TRUE(store_->LoadTenantState("t2", 0)->open_conversations.empty());
}

TEST_F(SqliteStoreTest, ManyConcurrentWritesShareCommits) {
  CreateTenant("t1", "bank");
  const auto commits_before = store_->stats().commits.load();
  constexpr int kWrites = 400;
  std::vector<std::promise<Result<void>>> done(kWrites);
  for (int i = 0; i < kWrites; ++i) {
    engine::Outcome outcome;
    engine::ConversationEvent event;
    event.conversation_id = "c-bulk";
    event.seq = i + 1;
    event.at = i;
    event.text = "m" + std::to_string(i);
    event.author = {AuthorRole::kVisitor, "v", "访客"};
    outcome.events.push_back(event);
    store_->AppendOutcome("t1", outcome, nullptr, [&, i](Result<void> r) { done[i].set_value(r); });
  }
  for (auto& d : done) ASSERT_TRUE(d.get_future().get());
  const auto commits = store_->stats().commits.load() - commits_before;
  EXPECT_LT(commits, static_cast<std::uint64_t>(kWrites)) << "group commit batches writes";
  EXPECT_EQ(store_->EventsAfter("t1", "c-bulk", 0, 1000)->size(),
            static_cast<std::size_t>(kWrites));
}

TEST_F(SqliteStoreTest, AFailedWriteTripsItsGuardForLaterWrites) {
  CreateTenant("t1", "bank");
  auto guard = std::make_shared<std::atomic<bool>>(false);
  engine::Outcome outcome;
  engine::ConversationEvent event;
  event.conversation_id = "c";
  event.seq = 1;
  outcome.events.push_back(event);
  ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", outcome, guard, d); }));
  auto duplicate_seq = Wait([&](Done d) { store_->AppendOutcome("t1", outcome, guard, d); });
  ASSERT_FALSE(duplicate_seq);
  EXPECT_TRUE(guard->load());
  outcome.events[0].seq = 2;
  auto later = Wait([&](Done d) { store_->AppendOutcome("t1", outcome, guard, d); });
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(store_->EventsAfter("t1", "c", 0, 10)->size(), 1u) << "nothing after the failure";
}

// A group is first applied without savepoints; a failure inside it must still fail that write
// alone (and trip its guard), while every other write queued with it commits.
TEST_F(SqliteStoreTest, OneFailingWriteAmongManyFailsAloneAndTheRestCommit) {
  CreateTenant("t1", "bank");
  auto first = [](long seq) {
    engine::Outcome outcome;
    engine::ConversationEvent event;
    event.conversation_id = "c-dup";
    event.seq = seq;
    event.author = {AuthorRole::kVisitor, "v", "访客"};
    outcome.events.push_back(event);
    return outcome;
  };
  ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", first(1), nullptr, d); }));
  const auto commits_before = store_->stats().commits.load();
  constexpr int kWrites = 300;
  constexpr int kFailing = 150;
  auto failing_guard = std::make_shared<std::atomic<bool>>(false);
  auto other_guard = std::make_shared<std::atomic<bool>>(false);
  std::vector<std::promise<Result<void>>> done(kWrites);
  for (int i = 0; i < kWrites; ++i) {
    engine::Outcome outcome = first(1);  // i == kFailing repeats c-dup's seq 1: a conflict
    if (i != kFailing) {
      outcome.events[0].conversation_id = "c-" + std::to_string(i);
      outcome.events[0].text = "m" + std::to_string(i);
    }
    store_->AppendOutcome("t1", outcome, i == kFailing ? failing_guard : other_guard,
                          [&, i](Result<void> r) { done[i].set_value(r); });
  }
  for (int i = 0; i < kWrites; ++i) {
    auto r = done[i].get_future().get();
    if (i == kFailing) {
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    } else {
      ASSERT_TRUE(r) << "write " << i << ": " << r.error().message;
      auto events = store_->EventsAfter("t1", "c-" + std::to_string(i), 0, 10);
      ASSERT_EQ(events->size(), 1u) << "write " << i;
      EXPECT_EQ((*events)[0].text, "m" + std::to_string(i));
    }
  }
  EXPECT_TRUE(failing_guard->load());
  EXPECT_FALSE(other_guard->load());
  EXPECT_EQ(store_->EventsAfter("t1", "c-dup", 0, 10)->size(), 1u);
  EXPECT_LT(store_->stats().commits.load() - commits_before, static_cast<std::uint64_t>(kWrites))
      << "the writes shared commits, so the failure happened inside a group";
}

// New visitors' rows wait for company: with a window far longer than the test, they commit
// only when a write someone waits for arrives, and then all in that one commit, in order.
TEST_F(SqliteStoreTest, NewVisitorRowsWaitForAWriteSomeoneWaitsFor) {
  CreateTenant("t1", "bank");
  store_.reset();
  store_ = std::make_unique<SqliteStore>(Path(), std::chrono::seconds(60));
  const auto commits_before = store_->stats().commits.load();
  constexpr int kVisitors = 50;
  std::vector<std::promise<Result<void>>> done(kVisitors);
  std::vector<std::future<Result<void>>> futures;
  for (int i = 0; i < kVisitors; ++i) {
    futures.push_back(done[i].get_future());
    store_->CreateVisitor({"t1", "v" + std::to_string(i), "访客", i},
                          [&, i](Result<void> r) { done[i].set_value(r); });
  }
  EXPECT_EQ(futures.front().wait_for(std::chrono::milliseconds(200)), std::future_status::timeout)
      << "a new visitor's row alone does not start a commit";
  EXPECT_EQ(store_->stats().commits.load(), commits_before);
  auto barrier =
      std::async(std::launch::async, [&] { return Wait([&](Done d) { store_->Barrier(d); }); });
  ASSERT_EQ(barrier.wait_for(std::chrono::seconds(20)), std::future_status::ready)
      << "a write someone waits for must not wait for the window";
  EXPECT_TRUE(barrier.get());
  for (auto& f : futures) {
    ASSERT_EQ(f.wait_for(std::chrono::seconds(1)), std::future_status::ready);
    EXPECT_TRUE(f.get());
  }
  EXPECT_EQ(store_->stats().commits.load() - commits_before, 1u);
  auto found = store_->FindVisitor("t1", "v49");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->name, "访客");
}

TEST_F(SqliteStoreTest, ClosingCommitsRowsThatWereWaitingForCompany) {
  CreateTenant("t1", "bank");
  store_.reset();
  store_ = std::make_unique<SqliteStore>(Path(), std::chrono::seconds(60));
  std::promise<Result<void>> done;
  store_->CreateVisitor({"t1", "v-late", "小红", 1}, [&](Result<void> r) { done.set_value(r); });
  auto closed = std::async(std::launch::async, [&] { store_->Close(); });
  ASSERT_EQ(closed.wait_for(std::chrono::seconds(20)), std::future_status::ready)
      << "closing must not wait for the window";
  EXPECT_TRUE(done.get_future().get());
  store_.reset();
  Open();
  auto found = store_->FindVisitor("t1", "v-late");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->name, "小红");
}

TEST_F(SqliteStoreTest, WritesAfterCloseFailCleanly) {
  store_->Close();
  auto r = Wait([&](Done d) { store_->Barrier(d); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

// Enough history for several background checkpoints: the log's gathered writes and the
// checkpointer must leave every committed event readable, during the run and after a reopen.
TEST_F(SqliteStoreTest, LongHistorySurvivesCheckpointsAndReopen) {
  CreateTenant("t1", "bank");
  constexpr int kConversations = 50;
  constexpr int kPerConversation = 200;
  const std::string padding(2000, 'x');  // 20 MB of events: past the checkpoint threshold
  for (int round = 0; round < kPerConversation; ++round) {
    std::vector<std::promise<Result<void>>> done(kConversations);
    for (int c = 0; c < kConversations; ++c) {
      engine::Outcome outcome;
      engine::ConversationEvent event;
      event.conversation_id = "c" + std::to_string(c);
      event.seq = round + 1;
      event.at = round;
      event.text = std::to_string(round) + padding;
      event.author = {AuthorRole::kVisitor, "v", "访客"};
      outcome.events.push_back(event);
      store_->AppendOutcome("t1", outcome, nullptr,
                            [&done, c](Result<void> r) { done[c].set_value(std::move(r)); });
    }
    std::vector<Result<void>> results;
    for (auto& d : done) results.push_back(d.get_future().get());
    for (const auto& r : results) ASSERT_TRUE(r) << r.error().message;
    if (round % 50 == 49) {
      auto events = store_->EventsAfter("t1", "c7", 0, 1000);
      ASSERT_TRUE(events);
      ASSERT_EQ(events->size(), static_cast<std::size_t>(round + 1));
    }
  }
  EXPECT_GT(store_->stats().checkpoints.load(), 0u);
  // The checkpointer wrote out the pages it copied, rather than leave them all to the one
  // database fsync that comes with a complete checkpoint.
  EXPECT_GT(store_->stats().database_write_backs.load(), 0u);
  store_.reset();
  Open();
  for (int c = 0; c < kConversations; ++c) {
    auto events = store_->EventsAfter("t1", "c" + std::to_string(c), 0, 1000);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), static_cast<std::size_t>(kPerConversation));
    EXPECT_EQ(events->back().text, std::to_string(kPerConversation - 1) + padding);
  }
}

TEST_F(SqliteStoreTest, KnowledgeBaseEntriesCategoriesGapsAndRatings) {
  CreateTenant("t1", "bank");
  CreateTenant("t2", "shop");
  bot::KbEntry lock;
  lock.id = "kb1";
  lock.question = "信用卡被锁了怎么办？";
  lock.similar = {"卡被冻结了", "信用卡不能用了"};
  lock.answer = "请在手机银行自助解锁。";
  lock.category = "信用卡";
  lock.tags = {"锁卡", "自助"};
  lock.valid_to = 5000;
  bot::KbEntry limit;
  limit.id = "kb2";
  limit.question = "转账限额是多少？";
  limit.answer = "单笔 5 万元。";
  limit.enabled = false;
  ASSERT_TRUE(Wait([&](Done d) { store_->PutKbEntries("t1", {lock, limit}, 10, d); }));

  auto entries = store_->ListKbEntries("t1");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].similar, lock.similar);
  EXPECT_EQ((*entries)[0].tags, lock.tags);
  EXPECT_EQ((*entries)[0].valid_to, 5000);
  EXPECT_FALSE((*entries)[1].enabled);
  EXPECT_TRUE(store_->ListKbEntries("t2")->empty()) << "tenants never see each other";
  EXPECT_EQ(*store_->ListKbCategories("t1"), std::vector<std::string>{"信用卡"});

  lock.answer = "新答案";
  lock.similar.clear();
  ASSERT_TRUE(Wait([&](Done d) { store_->PutKbEntries("t1", {lock}, 20, d); }));
  auto updated = store_->FindKbEntry("t1", "kb1");
  ASSERT_TRUE(updated && *updated);
  EXPECT_EQ((*updated)->answer, "新答案");
  EXPECT_TRUE((*updated)->similar.empty());
  EXPECT_FALSE(*store_->FindKbEntry("t2", "kb1"));

  auto in_use = Wait([&](Done d) { store_->DeleteKbCategory("t1", "信用卡", d); });
  ASSERT_FALSE(in_use);
  EXPECT_EQ(in_use.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Wait([&](Done d) { store_->DeleteKbEntry("t1", "kb1", d); }));
  auto gone = Wait([&](Done d) { store_->DeleteKbEntry("t1", "kb1", d); });
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Wait([&](Done d) { store_->DeleteKbCategory("t1", "信用卡", d); }));
  auto dup = Wait([&](Done d) { store_->CreateKbCategory("t1", "贷款", d); });
  EXPECT_TRUE(dup);
  dup = Wait([&](Done d) { store_->CreateKbCategory("t1", "贷款", d); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  KbGap gap{"怎么开发票", "怎么开发票？", 0, "", 0.1, 0, 100};
  ASSERT_TRUE(Wait([&](Done d) { store_->RecordKbGap("t1", gap, d); }));
  gap.question = "怎么开發票";
  gap.last_at = 200;
  ASSERT_TRUE(Wait([&](Done d) { store_->RecordKbGap("t1", gap, d); }));
  auto gaps = store_->ListKbGaps("t1", 10);
  ASSERT_TRUE(gaps);
  ASSERT_EQ(gaps->size(), 1u);
  EXPECT_EQ((*gaps)[0].count, 2);
  EXPECT_EQ((*gaps)[0].question, "怎么开發票");
  EXPECT_EQ((*gaps)[0].first_at, 100);
  EXPECT_EQ((*gaps)[0].last_at, 200);
  EXPECT_TRUE(store_->ListKbGaps("t2", 10)->empty());

  ASSERT_TRUE(Wait([&](Done d) { store_->RecordKbRating("t1", "kb2", true, d); }));
  ASSERT_TRUE(Wait([&](Done d) { store_->RecordKbRating("t1", "kb2", false, d); }));
  ASSERT_TRUE(Wait([&](Done d) { store_->RecordKbRating("t1", "kb2", false, d); }));
  auto ratings = store_->ListKbRatings("t1");
  ASSERT_TRUE(ratings);
  ASSERT_EQ(ratings->size(), 1u);
  EXPECT_EQ((*ratings)[0].helpful, 1);
  EXPECT_EQ((*ratings)[0].not_helpful, 2);

  EXPECT_FALSE(*store_->FindBotSettings("t1"));
  ASSERT_TRUE(Wait([&](Done d) { store_->PutBotSettings("t1", R"({"answer":0.8})", d); }));
  EXPECT_EQ(**store_->FindBotSettings("t1"), R"({"answer":0.8})");
}

}  // namespace
}  // namespace kefu::storage::sqlite

namespace kefu::storage::sqlite {
namespace {

TEST_F(SqliteStoreTest, BotConversationsPersistTheirRepliesGapsAndRatingsOnce) {
  CreateTenant("t1", "bank");
  ASSERT_TRUE(Wait([&](Done d) { store_->SetQueueBotFirst("t1", "q_t1", true, d); }));
  auto missing = Wait([&](Done d) { store_->SetQueueBotFirst("t1", "q_nope", true, d); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  ManualClock clock;
  engine::TenantEngine engine("t1", clock);
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  ASSERT_EQ(state->queues.size(), 1u);
  EXPECT_TRUE(state->queues[0].bot_first);
  engine.Restore(*state);
  auto guard = std::make_shared<std::atomic<bool>>(false);
  auto persist = [&](const engine::Outcome& outcome) {
    ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", outcome, guard, d); }));
  };
  engine::Actor visitor{AuthorRole::kVisitor, "v1", "访客", {}};
  engine::BotTurn turn;
  turn.bot_name = "智能助手";
  engine::BotMessage answer{"请在手机银行解锁。", {}};
  answer.reply.kind = engine::BotReplyKind::kAnswer;
  answer.reply.entry_id = "kb_1";
  answer.reply.question = "信用卡被锁了怎么办？";
  answer.reply.confidence = 0.8;
  turn.messages.push_back(answer);
  turn.gap = engine::KnowledgeGap{"卡锁了", "卡锁了？", "kb_1", 0.5, 0};
  auto started = engine.Send({visitor, "k1", std::nullopt, "卡锁了？", "c1", "q_t1"}, turn);
  ASSERT_TRUE(started);
  persist(*started);
  clock.Advance(1000);
  auto again = engine.Send({visitor, "k2", std::nullopt, "卡锁了", "", "q_t1"}, turn);
  ASSERT_TRUE(again);
  persist(*again);

  auto events = store_->EventsAfter("t1", "c1", 0, 10);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[1].author.role, AuthorRole::kBot);
  ASSERT_TRUE((*events)[1].bot.has_value());
  EXPECT_EQ(*(*events)[1].bot, answer.reply);
  EXPECT_FALSE((*events)[0].bot.has_value());
  auto conversation = store_->FindConversation("t1", "c1");
  ASSERT_TRUE(conversation && *conversation);
  EXPECT_EQ((*conversation)->state, engine::ConversationState::kBot);

  auto gaps = store_->ListKbGaps("t1", 10);
  ASSERT_TRUE(gaps);
  ASSERT_EQ(gaps->size(), 1u);
  EXPECT_EQ((*gaps)[0].count, 2);
  EXPECT_EQ((*gaps)[0].question, "卡锁了？");

  // A rating counts once per answer, even when a restarted engine lets it through again.
  engine::RateAnswer rate{visitor, "r1", "c1", 2, "kb_1", true, "智能助手", std::nullopt};
  auto rated = engine.Rate(rate);
  ASSERT_TRUE(rated);
  persist(*rated);
  engine::TenantEngine restarted("t1", clock);
  auto reloaded = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(reloaded);
  restarted.Restore(*reloaded);
  rate.idempotency_key = "r2";
  auto twice = restarted.Rate(rate);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->ratings.size(), 1u);
  persist(*twice);
  auto ratings = store_->ListKbRatings("t1");
  ASSERT_TRUE(ratings);
  ASSERT_EQ(ratings->size(), 1u);
  EXPECT_EQ((*ratings)[0].helpful, 1);
  EXPECT_EQ((*ratings)[0].not_helpful, 0);
}

// commit_delay: once acknowledged writes come closer together than the delay, a lone one waits
// for the next (here 100 ms later) to share its commit; without the delay each commits alone.
TEST_F(SqliteStoreTest, ACommitDelayLetsTheNextWriteShareTheCommit) {
  auto commits_for_a_pair = [&](std::chrono::microseconds delay) {
    store_ = std::make_unique<SqliteStore>(Path(), SqliteStore::kDefaultDeferWindow, delay);
    // Arrivals 1 ms apart teach the store the usual gap.
    for (int i = 0; i < 30; ++i) {
      store_->Barrier([](Result<void>) {});
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(Wait([&](Done d) { store_->Barrier(d); }));
    const auto before = store_->stats().commits.load();
    std::promise<Result<void>> first;
    store_->Barrier([&first](Result<void> r) { first.set_value(std::move(r)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_TRUE(Wait([&](Done d) { store_->Barrier(d); }));
    EXPECT_TRUE(first.get_future().get());
    const auto commits = store_->stats().commits.load() - before;
    store_.reset();
    return commits;
  };
  EXPECT_EQ(commits_for_a_pair(std::chrono::seconds(1)), 1u);
  EXPECT_EQ(commits_for_a_pair(std::chrono::microseconds(0)), 2u);
}
}  // namespace
}  // namespace kefu::storage::sqlite
