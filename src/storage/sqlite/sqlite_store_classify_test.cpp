// SqliteStore: the inquiry classification tree, settings, conversations' classification and the
// repeat-contact history; every read scoped by tenant.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/store_test_support.hpp"

namespace kefu::storage::sqlite {
namespace {

using engine::AuthorRole;
using engine::ClassificationNode;
using engine::Role;

ClassificationNode Node(std::string id, std::string parent, std::string name) {
  return ClassificationNode{std::move(id), std::move(parent), std::move(name), 0, true};
}

std::vector<ClassificationNode> BankTree() {
  return {Node("acct", "", "账户问题"), Node("card", "", "信用卡"),
          Node("acct-pwd", "acct", "密码重置"), Node("acct-lost", "acct", "挂失"),
          Node("card-limit", "card", "额度")};
}

class ClassificationStoreTest : public StoreFixture {
 protected:
  ClassificationStoreTest() : StoreFixture("kefu-classify") {}
  void SetUp() override {
    StoreFixture::SetUp();
    Open();
    CreateTenantWithAgent("t1", "bank");
    CreateTenantWithAgent("t2", "shop");
  }

  Result<void> PutTree(const std::string& tenant, std::vector<ClassificationNode> nodes) {
    return Wait([&](Done d) { store_->PutClassificationTree(tenant, nodes, d); });
  }

  std::vector<std::string> Ids(const std::string& tenant) {
    std::vector<std::string> ids;
    auto nodes = store_->ListClassificationNodes(tenant);
    EXPECT_TRUE(nodes);
    if (nodes) {
      for (const auto& n : *nodes) ids.push_back(n.id + (n.enabled ? "" : "(off)"));
    }
    return ids;
  }

  // Runs a conversation of `visitor` in tenant t1 through the engine and closes it as the agent.
  void CloseWith(engine::TenantEngine& engine, ManualClock& clock, const std::string& visitor,
                 const std::string& conversation, const std::string& classification,
                 const std::string& summary) {
    auto guard = std::make_shared<std::atomic<bool>>(false);
    engine::Actor customer{AuthorRole::kVisitor, visitor, "访客", {}};
    auto started =
        engine.Send({customer, "k-" + conversation, std::nullopt, "你好", conversation, "q_t1"});
    ASSERT_TRUE(started) << started.error().message;
    ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", *started, guard, d); }));
    clock.Advance(60 * 1000);
    engine::Actor agent{AuthorRole::kAgent, "u_agent_t1", "王小明", Role::kAgent};
    auto closed =
        engine.Close({agent, "k-close-" + conversation, conversation, classification, summary});
    ASSERT_TRUE(closed) << closed.error().message;
    ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", *closed, guard, d); }));
  }
};

TEST_F(ClassificationStoreTest, TreeIsStoredPerTenantParentsFirst) {
  ASSERT_TRUE(PutTree("t1", BankTree()));
  EXPECT_EQ(Ids("t1"),
            (std::vector<std::string>{"acct", "acct-pwd", "acct-lost", "card", "card-limit"}));
  EXPECT_TRUE(Ids("t2").empty());  // another tenant sees nothing

  // Each tenant may use the same node ids.
  ASSERT_TRUE(PutTree("t2", {Node("acct", "", "售后")}));
  EXPECT_EQ(Ids("t2"), (std::vector<std::string>{"acct"}));
  EXPECT_EQ((*store_->ListClassificationNodes("t2"))[0].name, "售后");
  EXPECT_EQ((*store_->ListClassificationNodes("t1"))[0].name, "账户问题");
}

TEST_F(ClassificationStoreTest, AnInvalidTreeChangesNothing) {
  ASSERT_TRUE(PutTree("t1", BankTree()));
  auto bad = PutTree("t1", {Node("a", "b", "甲"), Node("b", "a", "乙")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kBadFrame);
  EXPECT_EQ(Ids("t1").size(), 5u);
}

TEST_F(ClassificationStoreTest, SettingsDefaultAndArePerTenant) {
  auto defaults = store_->FindClassificationSettings("t1");
  ASSERT_TRUE(defaults);
  EXPECT_FALSE(defaults->required);
  EXPECT_EQ(defaults->repeat_window, 48LL * 60 * 60 * 1000);
  engine::ClassificationSettings required{true, 24LL * 60 * 60 * 1000};
  ASSERT_TRUE(Wait([&](Done d) { store_->PutClassificationSettings("t1", required, d); }));
  EXPECT_EQ(*store_->FindClassificationSettings("t1"), required);
  EXPECT_EQ(*store_->FindClassificationSettings("t2"), engine::ClassificationSettings{});
  // Routing settings in the same row are untouched, and the engine gets both.
  EXPECT_EQ(*store_->FindRoutingSettings("t1"), engine::RoutingSettings{});
  ASSERT_TRUE(PutTree("t1", BankTree()));
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->classification.settings, required);
  EXPECT_EQ(state->classification.tree.size(), 5u);
  EXPECT_TRUE(store_->LoadTenantState("t2", 0)->classification.tree.empty());
}

TEST_F(ClassificationStoreTest, ClosesKeepTheClassificationAndFeedTheRepeatRule) {
  ASSERT_TRUE(PutTree("t1", BankTree()));
  ManualClock clock;
  engine::TenantEngine engine("t1", clock);
  auto state = store_->LoadTenantState("t1", 0);
  ASSERT_TRUE(state);
  engine.Restore(*state);
  ASSERT_TRUE(engine.SetConnected("u_agent_t1", true));
  ASSERT_TRUE(engine.SetStatus("u_agent_t1", engine::AgentStatus::kOnline));

  CloseWith(engine, clock, "v1", "c1", "acct-pwd", "已指导客户重置密码");
  const Millis first_closed = clock.Now();
  clock.Advance(60 * 60 * 1000);
  CloseWith(engine, clock, "v1", "c2", "", "");
  CloseWith(engine, clock, "v2", "c3", "card-limit", "");

  // The row and the closed event both carry it.
  auto c1 = store_->FindConversation("t1", "c1");
  ASSERT_TRUE(c1 && *c1);
  EXPECT_EQ((*c1)->classification_id, "acct-pwd");
  EXPECT_EQ((*c1)->summary, "已指导客户重置密码");
  auto events = store_->EventsAfter("t1", "c1", 0, 100);
  ASSERT_TRUE(events);
  const auto& closed = events->back();
  ASSERT_EQ(closed.code, engine::SystemCode::kClosed);
  ASSERT_TRUE(closed.classification);
  EXPECT_EQ(closed.classification->path, (std::vector<std::string>{"账户问题", "密码重置"}));
  EXPECT_EQ(closed.classification->summary, "已指导客户重置密码");
  EXPECT_FALSE(store_->EventsAfter("t1", "c2", 0, 100)->back().classification);

  // The visitor's closed conversations, newest first, within the window asked for.
  auto past = store_->ClosedConversationsOf("t1", "v1", 0, 10);
  ASSERT_TRUE(past);
  ASSERT_EQ(past->size(), 2u);
  EXPECT_EQ((*past)[0].id, "c2");
  EXPECT_EQ((*past)[1].id, "c1");
  EXPECT_EQ((*past)[1].closed_at, first_closed);
  EXPECT_EQ((*past)[1].classification_id, "acct-pwd");
  EXPECT_EQ(store_->ClosedConversationsOf("t1", "v1", first_closed + 1, 10)->size(), 1u);
  EXPECT_TRUE(store_->ClosedConversationsOf("t2", "v1", 0, 10)->empty());

  // Deleting used nodes from the tree disables them (and keeps their parents); unused ones go.
  ASSERT_TRUE(PutTree("t1", {Node("wealth", "", "理财")}));
  EXPECT_EQ(Ids("t1"), (std::vector<std::string>{"wealth", "acct(off)", "acct-pwd(off)",
                                                 "card(off)", "card-limit(off)"}));
}

TEST_F(ClassificationStoreTest, ClassificationAfterTheCloseIsKeptAndScopedByTenant) {
  ManualClock clock;
  engine::TenantEngine engine("t1", clock);
  engine.Restore(*store_->LoadTenantState("t1", 0));
  ASSERT_TRUE(engine.SetConnected("u_agent_t1", true));
  ASSERT_TRUE(engine.SetStatus("u_agent_t1", engine::AgentStatus::kOnline));
  CloseWith(engine, clock, "v1", "c1", "", "");

  engine::ClassificationChoice choice{"acct-pwd", {"账户问题", "密码重置"}, "事后补充"};
  ASSERT_TRUE(Wait([&](Done d) { store_->SetConversationClassification("t1", "c1", choice, d); }));
  auto row = store_->FindConversation("t1", "c1");
  EXPECT_EQ((*row)->classification_id, "acct-pwd");
  EXPECT_EQ((*row)->summary, "事后补充");

  // A later write of the engine's (older, unclassified) projection does not undo it.
  auto guard = std::make_shared<std::atomic<bool>>(false);
  engine::Outcome stale;
  stale.conversations.push_back(*engine.FindConversation("c1"));
  ASSERT_TRUE(Wait([&](Done d) { store_->AppendOutcome("t1", stale, guard, d); }));
  EXPECT_EQ((*store_->FindConversation("t1", "c1"))->classification_id, "acct-pwd");

  // Another tenant's conversation is not found.
  auto foreign =
      Wait([&](Done d) { store_->SetConversationClassification("t2", "c1", choice, d); });
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kefu::storage::sqlite
