// Customer profile patches: the limits both the identity and the agents' edits obey.
#include "engine/profile.hpp"

#include <gtest/gtest.h>

namespace kefu::engine {
namespace {

TEST(ProfileTest, APatchSetsOnlyWhatItCarries) {
  CustomerProfile profile{.id = "v1", .name = "访客", .phone = "1", .note = "keep"};
  ProfilePatch patch;
  patch.name = "  李女士 ";
  patch.tags = std::vector<std::string>{" vip", "vip", "信用卡"};
  patch.attributes = std::vector<ProfileAttribute>{{" 城市 ", "上海"}};
  ASSERT_TRUE(CheckProfilePatch(patch));
  ApplyProfilePatch(profile, patch);
  EXPECT_EQ(profile.name, "李女士");
  EXPECT_EQ(profile.tags, (std::vector<std::string>{"vip", "信用卡"}));
  EXPECT_EQ(profile.attributes, (std::vector<ProfileAttribute>{{"城市", "上海"}}));
  EXPECT_EQ(profile.phone, "1");
  EXPECT_EQ(profile.note, "keep");
}

TEST(ProfileTest, LimitsAreEnforcedWithAReason) {
  auto refused = [](ProfilePatch patch) {
    auto r = CheckProfilePatch(patch);
    return !r && r.error().code == ErrorCode::kBadFrame && !r.error().message.empty();
  };
  EXPECT_TRUE(refused({.name = std::string("  ")}));
  EXPECT_TRUE(refused({.name = std::string(51 * 3, '\x41')}));
  EXPECT_FALSE(refused({.name = std::string(50, 'a')}));
  // 50 Chinese characters are 150 bytes but 50 characters.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "张";
  EXPECT_FALSE(refused({.name = fifty}));
  EXPECT_TRUE(refused({.email = std::string("not-an-email")}));
  EXPECT_FALSE(refused({.email = std::string()}));
  EXPECT_TRUE(refused({.vip = 10}));
  EXPECT_TRUE(refused({.vip = -1}));
  EXPECT_TRUE(refused({.tags = std::vector<std::string>(21, "a")}));
  EXPECT_TRUE(refused({.tags = std::vector<std::string>{""}}));
  EXPECT_TRUE(refused({.tags = std::vector<std::string>{"a\nb"}}));
  EXPECT_TRUE(refused({.attributes = std::vector<ProfileAttribute>{{"k", "1"}, {"k", "2"}}}));
  EXPECT_TRUE(refused({.attributes = std::vector<ProfileAttribute>{{"k", "a\tb"}}}));
  EXPECT_TRUE(refused({.attributes = std::vector<ProfileAttribute>(31, {"k", "v"})}));
  EXPECT_TRUE(refused({.note = std::string(1001, 'x')}));
  EXPECT_FALSE(refused({.note = std::string("第一行\n第二行")}));
  EXPECT_TRUE(refused({.phone = std::string("138\x01")}));
}

}  // namespace
}  // namespace kefu::engine
