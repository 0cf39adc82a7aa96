#include "auth/identity.hpp"

#include <gtest/gtest.h>

namespace kefu::auth {
namespace {

constexpr Millis kNow = 1'790'000'000'000;  // 2026-09
const std::string kSecret = "0123456789abcdef0123456789abcdef";

std::string Payload(long long exp, const std::string& extra = R"(,"tags":["vip","gold"])") {
  return R"({"user_id":"u-42","name":"张先生")" + extra + R"(,"exp":)" + std::to_string(exp) + "}";
}

TEST(IdentityTest, ValidTokenYieldsUserNameAndTags) {
  auto token = SignIdentity(Payload(kNow / 1000 + 600), kSecret);
  auto identity = VerifyIdentity(token, kSecret, kNow);
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->user_id, "u-42");
  EXPECT_EQ(identity->name, "张先生");
  EXPECT_EQ(identity->tags, (std::vector<std::string>{"vip", "gold"}));
}

TEST(IdentityTest, ProfileFieldsAreCarriedAndOptional) {
  auto token = SignIdentity(
      Payload(kNow / 1000 + 600, R"(,"phone":"13800000000","email":"zhang@example.cn","vip":3,)"
                                 R"("attrs":{"会员等级":"金卡","积分":1200,"实名":true})"),
      kSecret);
  auto identity = VerifyIdentity(token, kSecret, kNow);
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->phone, "13800000000");
  EXPECT_EQ(identity->email, "zhang@example.cn");
  EXPECT_EQ(identity->vip, 3);
  ASSERT_TRUE(identity->attributes);
  using Attr = std::pair<std::string, std::string>;
  EXPECT_EQ(*identity->attributes,
            (std::vector<Attr>{{"会员等级", "金卡"}, {"积分", "1200"}, {"实名", "true"}}));
  // Left out: unset, so that the visit keeps what agents recorded.
  auto bare = VerifyIdentity(SignIdentity(Payload(kNow / 1000 + 600, ""), kSecret), kSecret, kNow);
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->phone);
  EXPECT_FALSE(bare->vip);
  EXPECT_FALSE(bare->attributes);
  for (const std::string& extra :
       {std::string(R"(,"vip":10)"), std::string(R"(,"vip":"3")"), std::string(R"(,"attrs":["a"])"),
        std::string(R"(,"attrs":{"a":{"b":1}})"), std::string(R"(,"phone":138)")}) {
    auto bad =
        VerifyIdentity(SignIdentity(Payload(kNow / 1000 + 600, extra), kSecret), kSecret, kNow);
    ASSERT_FALSE(bad) << extra;
    EXPECT_EQ(bad.error().code, ErrorCode::kBadIdentity);
  }
}

TEST(IdentityTest, TamperedPayloadOrSignatureIsRejected) {
  auto token = SignIdentity(Payload(kNow / 1000 + 600), kSecret);
  // Another payload with the original signature: a customer granting themselves "vip".
  auto forged = SignIdentity(Payload(kNow / 1000 + 600, R"(,"tags":["vip","platinum"])"), kSecret);
  const std::string mixed = forged.substr(0, forged.find('.')) + token.substr(token.find('.'));
  for (const std::string& bad : {mixed, token.substr(0, token.size() - 1) + "0",
                                 SignIdentity(Payload(kNow / 1000 + 600), "another-secret"),
                                 std::string("no-dot"), std::string(".")}) {
    auto identity = VerifyIdentity(bad, kSecret, kNow);
    ASSERT_FALSE(identity) << bad;
    EXPECT_EQ(identity.error().code, ErrorCode::kBadIdentity);
  }
}

TEST(IdentityTest, ExpiredTokenIsRejected) {
  auto token = SignIdentity(Payload(kNow / 1000 - 1), kSecret);
  auto identity = VerifyIdentity(token, kSecret, kNow);
  ASSERT_FALSE(identity);
  EXPECT_NE(identity.error().message.find("expired"), std::string::npos);
}

TEST(IdentityTest, MalformedPayloadsAreRejectedWithAReason) {
  for (const std::string& payload :
       {std::string("[]"), std::string(R"({"name":"x","exp":99999999999})"),
        std::string(R"({"user_id":"","exp":99999999999})"),
        std::string(R"({"user_id":"a","tags":"vip","exp":99999999999})"),
        std::string(R"({"user_id":"a"})"), std::string("not json")}) {
    auto identity = VerifyIdentity(SignIdentity(payload, kSecret), kSecret, kNow);
    ASSERT_FALSE(identity) << payload;
    EXPECT_FALSE(identity.error().message.empty());
  }
  EXPECT_FALSE(VerifyIdentity(SignIdentity(Payload(kNow), kSecret), "", kNow));
}

TEST(IdentityTest, StableIdsAndSecrets) {
  EXPECT_EQ(StableId("v_", "t1:u-42"), StableId("v_", "t1:u-42"));
  EXPECT_NE(StableId("v_", "t1:u-42"), StableId("v_", "t2:u-42"));
  EXPECT_EQ(StableId("v_", "x").size(), 2u + 24u);
  EXPECT_EQ(NewIdentitySecret().size(), 64u);
  EXPECT_NE(NewIdentitySecret(), NewIdentitySecret());
}

}  // namespace
}  // namespace kefu::auth
