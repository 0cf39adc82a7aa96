// SqliteStore: customer profiles — identity and agent patches, what each keeps, tenant scope.
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/store_test_support.hpp"

namespace kefu::storage::sqlite {
namespace {

using engine::ProfileAttribute;
using engine::ProfilePatch;

class ProfileStoreTest : public StoreFixture {
 protected:
  ProfileStoreTest() : StoreFixture("kefu-profile") {}
  void SetUp() override {
    StoreFixture::SetUp();
    Open();
    CreateTenantWithAgent("t1", "bank");
    CreateTenantWithAgent("t2", "shop");
  }
  Result<void> Patch(const std::string& tenant, const std::string& visitor,
                     const ProfilePatch& patch, Millis at, std::optional<engine::Ref> by,
                     std::optional<std::string> create_as = std::nullopt) {
    return Wait(
        [&](Done d) { store_->PatchVisitorProfile(tenant, visitor, patch, at, by, create_as, d); });
  }
};

TEST_F(ProfileStoreTest, IdentityCreatesAndAgentEditsPersistAcrossVisits) {
  ProfilePatch identity;
  identity.name = "张先生";
  identity.phone = "13800000000";
  identity.vip = 3;
  identity.tags = std::vector<std::string>{"vip", "信用卡"};
  identity.attributes = std::vector<ProfileAttribute>{{"会员等级", "金卡"}, {"积分", "1200"}};
  identity.user_id = "u-42";
  ASSERT_TRUE(Patch("t1", "vu_1", identity, 100, std::nullopt, "访客1"));

  auto first = store_->FindVisitorProfile("t1", "vu_1");
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->name, "张先生");
  EXPECT_EQ((*first)->vip, 3);
  EXPECT_EQ((*first)->tags, (std::vector<std::string>{"vip", "信用卡"}));
  EXPECT_EQ((*first)->attributes.size(), 2u);
  EXPECT_EQ((*first)->attributes[1], (ProfileAttribute{"积分", "1200"}));
  EXPECT_EQ((*first)->user_id, "u-42");
  EXPECT_EQ((*first)->created_at, 100);
  EXPECT_FALSE((*first)->updated_by);

  // An agent adds a note and an email; the next visit's identity leaves them alone.
  ProfilePatch edit;
  edit.note = "客户偏好电话联系\n上午不方便";
  edit.email = "zhang@example.cn";
  ASSERT_TRUE(Patch("t1", "vu_1", edit, 200, engine::Ref{"u_agent_t1", "王小明"}));
  auto edited = store_->FindVisitorProfile("t1", "vu_1");
  ASSERT_TRUE(edited && *edited);
  EXPECT_EQ((*edited)->note, "客户偏好电话联系\n上午不方便");
  EXPECT_EQ((*edited)->updated_by, (engine::Ref{"u_agent_t1", "王小明"}));
  EXPECT_EQ((*edited)->updated_at, 200);

  ProfilePatch again;
  again.vip = 4;
  ASSERT_TRUE(Patch("t1", "vu_1", again, 300, std::nullopt, "访客1"));
  auto later = store_->FindVisitorProfile("t1", "vu_1");
  ASSERT_TRUE(later && *later);
  EXPECT_EQ((*later)->vip, 4);
  EXPECT_EQ((*later)->email, "zhang@example.cn");
  EXPECT_EQ((*later)->note, "客户偏好电话联系\n上午不方便");
  EXPECT_EQ((*later)->name, "张先生");
  EXPECT_EQ((*later)->created_at, 100);
}

TEST_F(ProfileStoreTest, AnonymousVisitorsHaveAnEmptyProfileAndMissingOnesAreNotFound) {
  ASSERT_TRUE(Wait([&](Done d) { store_->CreateVisitor({"t1", "v_anon", "访客7788", 5}, d); }));
  auto anon = store_->FindVisitorProfile("t1", "v_anon");
  ASSERT_TRUE(anon && *anon);
  EXPECT_EQ((*anon)->name, "访客7788");
  EXPECT_TRUE((*anon)->tags.empty());
  EXPECT_TRUE((*anon)->user_id.empty());

  ProfilePatch edit;
  edit.tags = std::vector<std::string>{"投诉"};
  auto missing = Patch("t1", "v_none", edit, 10, engine::Ref{"u", "n"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  // Another tenant's visitor is not there either.
  auto other = Patch("t2", "v_anon", edit, 10, engine::Ref{"u", "n"});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(*store_->FindVisitorProfile("t2", "v_anon"));
}

}  // namespace
}  // namespace kefu::storage::sqlite
