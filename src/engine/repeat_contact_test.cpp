#include "engine/repeat_contact.hpp"

#include <gtest/gtest.h>

#include "auth/identity.hpp"

namespace kefu::engine {
namespace {

constexpr Millis kHour = 60 * 60 * 1000;
constexpr Millis kWindow = 48 * kHour;
constexpr Millis kNow = 1'700'000'000'000;

ConversationSnapshot Current(const std::string& id, const std::string& visitor,
                             Millis created_at = kNow) {
  ConversationSnapshot c;
  c.id = id;
  c.visitor = Ref{visitor, "访客"};
  c.created_at = created_at;
  c.state = ConversationState::kAssigned;
  return c;
}

std::vector<ClassificationNode> Tree() {
  return {ClassificationNode{"acct", "", "账户问题", 0, true},
          ClassificationNode{"acct-pwd", "acct", "密码重置", 0, true},
          ClassificationNode{"old", "", "旧分类", 1, false}};
}

TEST(RepeatContact, Rule) {
  struct Row {
    const char* name;
    std::vector<PastConversation> past;
    std::optional<std::string> expected;  // the previous conversation's id
  };
  const std::vector<Row> rows = {
      {"no history", {}, std::nullopt},
      {"inside the window", {{"p1", "v1", kNow - 3 * kHour, "acct-pwd", "已重置"}}, "p1"},
      {"exactly at the window's edge", {{"p1", "v1", kNow - kWindow, "", ""}}, "p1"},
      {"one millisecond outside", {{"p1", "v1", kNow - kWindow - 1, "", ""}}, std::nullopt},
      {"long ago", {{"p1", "v1", kNow - 30 * 24 * kHour, "", ""}}, std::nullopt},
      {"another visitor", {{"p1", "v2", kNow - kHour, "", ""}}, std::nullopt},
      {"the current conversation itself", {{"c1", "v1", kNow - kHour, "", ""}}, std::nullopt},
      {"closed after the current one started", {{"p1", "v1", kNow + 1, "", ""}}, std::nullopt},
      {"closed the moment the current one started", {{"p1", "v1", kNow, "", ""}}, "p1"},
      {"the latest previous one wins",
       {{"p1", "v1", kNow - 40 * kHour, "", ""},
        {"p3", "v1", kNow - 2 * kHour, "", ""},
        {"p2", "v1", kNow - 10 * kHour, "", ""}},
       "p3"},
      {"latest of this visitor, not of others",
       {{"p1", "v1", kNow - 10 * kHour, "", ""}, {"p2", "v2", kNow - kHour, "", ""}},
       "p1"},
      {"same millisecond: the larger id",
       {{"p1", "v1", kNow - kHour, "", ""}, {"p2", "v1", kNow - kHour, "", ""}},
       "p2"},
  };
  for (const auto& row : rows) {
    auto repeat = FindRepeatContact(Current("c1", "v1"), row.past, kWindow, Tree());
    ASSERT_EQ(repeat.has_value(), row.expected.has_value()) << row.name;
    if (repeat) {
      EXPECT_EQ(repeat->conversation_id, *row.expected) << row.name;
    }
  }
}

TEST(RepeatContact, CarriesClassificationPathAndSummary) {
  auto repeat = FindRepeatContact(Current("c1", "v1"),
                                  {{"p1", "v1", kNow - 3 * kHour, "acct-pwd", "已指导重置密码"}},
                                  kWindow, Tree());
  ASSERT_TRUE(repeat);
  EXPECT_EQ(repeat->closed_at, kNow - 3 * kHour);
  EXPECT_EQ(repeat->classification_id, "acct-pwd");
  EXPECT_EQ(repeat->classification_path, (std::vector<std::string>{"账户问题", "密码重置"}));
  EXPECT_EQ(repeat->summary, "已指导重置密码");

  // A node disabled since still names the earlier conversation; an unclassified one has no path.
  repeat = FindRepeatContact(Current("c1", "v1"), {{"p1", "v1", kNow - kHour, "old", ""}}, kWindow,
                             Tree());
  ASSERT_TRUE(repeat);
  EXPECT_EQ(repeat->classification_path, (std::vector<std::string>{"旧分类"}));
  repeat =
      FindRepeatContact(Current("c1", "v1"), {{"p1", "v1", kNow - kHour, "", ""}}, kWindow, Tree());
  ASSERT_TRUE(repeat);
  EXPECT_TRUE(repeat->classification_path.empty());
}

TEST(RepeatContact, WindowIsTheTenantSetting) {
  const std::vector<PastConversation> past = {{"p1", "v1", kNow - 5 * kHour, "", ""}};
  EXPECT_FALSE(FindRepeatContact(Current("c1", "v1"), past, 4 * kHour, Tree()));
  EXPECT_TRUE(FindRepeatContact(Current("c1", "v1"), past, 5 * kHour, Tree()));
}

TEST(RepeatContact, AVerifiedCustomerIsRecognisedOnAnotherDevice) {
  // The visitor hello gives a verified customer the id StableId("vu_", tenant "\n" user id) on
  // every device (websocket_session.cpp); an anonymous visitor gets a random id per browser.
  const std::string phone = auth::StableId("vu_", std::string("t_bank\n") + "cust-42");
  const std::string laptop = auth::StableId("vu_", std::string("t_bank\n") + "cust-42");
  const std::string other_tenant = auth::StableId("vu_", std::string("t_shop\n") + "cust-42");
  ASSERT_EQ(phone, laptop);
  const std::vector<PastConversation> past = {{"p1", phone, kNow - kHour, "acct-pwd", ""}};
  EXPECT_TRUE(FindRepeatContact(Current("c1", laptop), past, kWindow, Tree()));
  EXPECT_FALSE(FindRepeatContact(Current("c1", other_tenant), past, kWindow, Tree()));
  EXPECT_FALSE(FindRepeatContact(Current("c1", "v_anonymous"), past, kWindow, Tree()));
}

}  // namespace
}  // namespace kefu::engine
