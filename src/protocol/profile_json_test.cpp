// The profile edit body: types, limits and the JSON staff read.
#include "protocol/profile_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kefu::protocol {
namespace {

TEST(ProfileJsonTest, AnEditParsesAndTheProfileReadsBack) {
  auto patch = ParseProfilePatch(boost::json::parse(
      R"({"name":"李女士","vip":2,"tags":["vip"],"attributes":[{"key":"城市","value":"上海"}],)"
      R"("note":"第一行\n第二行","email":""})"));
  ASSERT_TRUE(patch) << patch.error().message;
  EXPECT_EQ(patch->name, "李女士");
  EXPECT_EQ(patch->vip, 2);
  EXPECT_FALSE(patch->phone);
  EXPECT_FALSE(patch->user_id);

  engine::CustomerProfile profile{
      .id = "vu_1", .user_id = "u-1", .updated_by = engine::Ref{"a", "王"}};
  engine::ApplyProfilePatch(profile, *patch);
  auto json = CustomerProfileJson(profile);
  EXPECT_EQ(json["verified"], true);
  EXPECT_EQ(json["user_id"], "u-1");
  EXPECT_EQ(json["attributes"].as_array()[0].as_object().at("value"), "上海");
  EXPECT_EQ(json["updated_by"].as_object().at("name"), "王");
}

TEST(ProfileJsonTest, BadBodiesAreRefusedWithAReason) {
  for (const char* body :
       {R"([])", R"({"vip":"3"})", R"({"vip":12})", R"({"tags":"vip"})", R"({"tags":[1]})",
        R"({"attributes":[{"key":"a"}]})", R"({"attributes":[{"key":"a","value":1}]})",
        R"({"user_id":"u-9"})", R"({"email":"nobody"})", R"({"name":""})", R"({"other":1})"}) {
    auto patch = ParseProfilePatch(boost::json::parse(body));
    ASSERT_FALSE(patch) << body;
    EXPECT_EQ(patch.error().code, ErrorCode::kBadFrame);
    EXPECT_FALSE(patch.error().message.empty());
  }
}

}  // namespace
}  // namespace kefu::protocol
