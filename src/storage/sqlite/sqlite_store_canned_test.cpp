// Canned replies in SQLite: default categories, scopes and their unique codes, tenant isolation,
// imports, category deletion, and migration 5 of the replies that existed before it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <map>

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/store_test_support.hpp"

namespace kefu::storage::sqlite {
namespace {

CannedReply Reply(std::string id, std::string code, std::string owner = "",
                  std::string category = "") {
  std::string text = "正文 " + code;
  return CannedReply{std::move(id),       std::move(code),  "标题", std::move(text),
                     std::move(category), std::move(owner), 1};
}

std::vector<std::string> Codes(const std::vector<CannedReply>& replies) {
  std::vector<std::string> codes;
  for (const auto& r : replies) codes.push_back(r.code + (r.personal() ? "@" + r.owner_id : ""));
  return codes;
}

class SqliteStoreCannedTest : public StoreFixture {
 protected:
  SqliteStoreCannedTest() : StoreFixture("kefu-canned") {}

  void CreateTenant(const std::string& id) {
    UserRecord admin{
        id, "admin_" + id, "admin@" + id, "管理员", engine::Role::kAdmin, "hash", 5, false, {}, 1};
    ASSERT_TRUE(Wait([&](Done d) {
      store_->CreateTenant({id, "slug-" + id, "Tenant " + id, 1}, {{"q_" + id, "retail", "零售"}},
                           admin, d);
    }));
  }
  Result<void> Create(const std::string& tenant, const CannedReply& reply) {
    return Wait([&](Done d) { store_->CreateCannedReply(tenant, reply, d); });
  }
};

TEST_F(SqliteStoreCannedTest, NewTenantsStartWithTheEditableDefaultCategories) {
  Open();
  CreateTenant("t1");
  auto categories = store_->ListCannedCategories("t1");
  ASSERT_TRUE(categories);
  std::vector<std::string> names;
  for (const auto& c : *categories) names.push_back(c.id + "=" + c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"greeting=问候", "apology=致歉", "waiting=等待",
                                             "thanks=感谢", "closing=结束语"}));

  ASSERT_TRUE(Wait([&](Done d) { store_->CreateCannedCategory("t1", {"c_x", "售后", 0}, d); }));
  auto renamed = Wait([&](Done d) { store_->RenameCannedCategory("t1", "greeting", "开场", d); });
  EXPECT_TRUE(renamed);
  auto taken = Wait([&](Done d) { store_->RenameCannedCategory("t1", "apology", "售后", d); });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  auto duplicate = Wait([&](Done d) { store_->CreateCannedCategory("t1", {"c_y", "开场", 0}, d); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto missing = Wait([&](Done d) { store_->RenameCannedCategory("t1", "nope", "x", d); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  categories = store_->ListCannedCategories("t1");
  ASSERT_TRUE(categories);
  ASSERT_EQ(categories->size(), 6u);
  EXPECT_EQ(categories->front().name, "开场");
  EXPECT_EQ(categories->back().name, "售后") << "a new category comes after the others";
}

TEST_F(SqliteStoreCannedTest, CodesAreUniquePerScopeAndPersonalRepliesStayWithTheirOwner) {
  Open();
  CreateTenant("t1");
  ASSERT_TRUE(Create("t1", Reply("r1", "thx")));
  ASSERT_TRUE(Create("t1", Reply("r2", "hi")));
  auto team_twice = Create("t1", Reply("r3", "thx"));
  ASSERT_FALSE(team_twice);
  EXPECT_EQ(team_twice.error().code, ErrorCode::kConflict);
  // A personal reply may shadow the team's code; another agent may use the same code too.
  ASSERT_TRUE(Create("t1", Reply("p1", "thx", "agent_a")));
  ASSERT_TRUE(Create("t1", Reply("p2", "thx", "agent_b")));
  auto personal_twice = Create("t1", Reply("p3", "thx", "agent_a"));
  ASSERT_FALSE(personal_twice);
  EXPECT_EQ(personal_twice.error().code, ErrorCode::kConflict);

  auto seen_by_a = store_->ListCannedReplies("t1", "agent_a");
  ASSERT_TRUE(seen_by_a);
  EXPECT_EQ(Codes(*seen_by_a), (std::vector<std::string>{"hi", "thx@agent_a", "thx"}));
  auto team_only = store_->ListCannedReplies("t1", "");
  ASSERT_TRUE(team_only);
  EXPECT_EQ(Codes(*team_only), (std::vector<std::string>{"hi", "thx"}));
}

TEST_F(SqliteStoreCannedTest, UpdatesAndDeletesMatchIdAndOwner) {
  Open();
  CreateTenant("t1");
  ASSERT_TRUE(Create("t1", Reply("p1", "mine", "agent_a", "thanks")));
  ASSERT_TRUE(Create("t1", Reply("p2", "other", "agent_a")));

  auto changed = Reply("p1", "mine2", "agent_a", "closing");
  changed.text = "新的正文 {客户名}";
  ASSERT_TRUE(Wait([&](Done d) { store_->UpdateCannedReply("t1", changed, d); }));
  auto found = store_->FindCannedReply("t1", "p1");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->code, "mine2");
  EXPECT_EQ((*found)->text, "新的正文 {客户名}");
  EXPECT_EQ((*found)->category_id, "closing");
  EXPECT_EQ((*found)->owner_id, "agent_a");

  auto someone_else = Reply("p1", "mine3", "agent_b");
  auto stolen = Wait([&](Done d) { store_->UpdateCannedReply("t1", someone_else, d); });
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().code, ErrorCode::kNotFound);
  auto clash = Reply("p1", "other", "agent_a");
  auto clashed = Wait([&](Done d) { store_->UpdateCannedReply("t1", clash, d); });
  ASSERT_FALSE(clashed);
  EXPECT_EQ(clashed.error().code, ErrorCode::kConflict);

  auto wrong_owner = Wait([&](Done d) { store_->DeleteCannedReply("t1", "p1", "", d); });
  ASSERT_FALSE(wrong_owner);
  EXPECT_EQ(wrong_owner.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Wait([&](Done d) { store_->DeleteCannedReply("t1", "p1", "agent_a", d); }));
  auto gone = store_->FindCannedReply("t1", "p1");
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

TEST_F(SqliteStoreCannedTest, TenantsAreIsolated) {
  Open();
  CreateTenant("t1");
  CreateTenant("t2");
  ASSERT_TRUE(Create("t1", Reply("r1", "thx")));
  ASSERT_TRUE(Create("t2", Reply("r2", "thx"))) << "codes are unique per tenant only";
  auto t2 = store_->ListCannedReplies("t2", "");
  ASSERT_TRUE(t2);
  ASSERT_EQ(t2->size(), 1u);
  EXPECT_EQ(t2->front().id, "r2");
  auto foreign = store_->FindCannedReply("t2", "r1");
  ASSERT_TRUE(foreign);
  EXPECT_FALSE(*foreign);
  auto deleted = Wait([&](Done d) { store_->DeleteCannedReply("t2", "r1", "", d); });
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Wait([&](Done d) { store_->DeleteCannedCategory("t2", "thanks", d); }));
  EXPECT_EQ(store_->ListCannedCategories("t1")->size(), 5u);
  EXPECT_EQ(store_->ListCannedCategories("t2")->size(), 4u);
}

TEST_F(SqliteStoreCannedTest, ImportReplacesByCodeWithinTheScopeAndKeepsIds) {
  Open();
  CreateTenant("t1");
  ASSERT_TRUE(Create("t1", Reply("r1", "thx")));
  ASSERT_TRUE(Create("t1", Reply("p1", "thx", "agent_a")));
  auto replacement = Reply("new_id", "thx", "", "thanks");
  replacement.text = "导入的正文";
  ASSERT_TRUE(Wait([&](Done d) {
    store_->PutCannedReplies("t1", {replacement, Reply("r9", "bye", "", "closing")}, d);
  }));
  auto team = store_->ListCannedReplies("t1", "");
  ASSERT_TRUE(team);
  ASSERT_EQ(team->size(), 2u);
  EXPECT_EQ((*team)[1].id, "r1") << "the existing reply keeps its id";
  EXPECT_EQ((*team)[1].text, "导入的正文");
  EXPECT_EQ((*team)[1].category_id, "thanks");
  auto personal = store_->FindCannedReply("t1", "p1");
  ASSERT_TRUE(personal && *personal);
  EXPECT_EQ((*personal)->text, "正文 thx") << "a team import never touches personal replies";
}

TEST_F(SqliteStoreCannedTest, DeletingACategoryUncategorisesItsReplies) {
  Open();
  CreateTenant("t1");
  ASSERT_TRUE(Create("t1", Reply("r1", "thx", "", "thanks")));
  ASSERT_TRUE(Create("t1", Reply("p1", "ty", "agent_a", "thanks")));
  ASSERT_TRUE(Wait([&](Done d) { store_->DeleteCannedCategory("t1", "thanks", d); }));
  EXPECT_EQ((*store_->FindCannedReply("t1", "r1"))->category_id, "");
  EXPECT_EQ((*store_->FindCannedReply("t1", "p1"))->category_id, "");
  auto again = Wait([&](Done d) { store_->DeleteCannedCategory("t1", "thanks", d); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreCannedTest, Migration5KeepsExistingRepliesAsCategorisedTeamReplies) {
  {
    Connection db(Path(), Connection::Role::kWriter);
    auto version = Migrate(db, 4);
    ASSERT_TRUE(version);
    ASSERT_EQ(*version, 4);
    ASSERT_TRUE(
        db.Exec("INSERT INTO tenants VALUES ('t1', 'bank', 'Bank', 1);"
                "INSERT INTO canned_replies VALUES ('t1', 'r1', 'thx', '感谢', '谢谢您'),"
                "  ('t1', 'r2', 'HI', '问候', '您好'), ('t1', 'r3', 'x1', '稍候片刻', '请稍候'),"
                "  ('t1', 'r4', 'card', '办卡', '请带身份证');"));
  }
  Open();
  auto replies = store_->ListCannedReplies("t1", "");
  ASSERT_TRUE(replies);
  std::map<std::string, std::string> categories;
  for (const auto& r : *replies) {
    EXPECT_FALSE(r.personal());
    categories[r.id] = r.category_id;
  }
  EXPECT_EQ(categories, (std::map<std::string, std::string>{
                            {"r1", "thanks"}, {"r2", "greeting"}, {"r3", "waiting"}, {"r4", ""}}));
  EXPECT_EQ(store_->ListCannedCategories("t1")->size(), 5u) << "existing tenants get the defaults";
}

}  // namespace
}  // namespace kefu::storage::sqlite
