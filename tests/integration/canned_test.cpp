// Canned replies over REST: team replies managed by supervisors and administrators only,
// personal replies seen and edited by their owner only, codes unique per scope (a personal code
// may shadow the team's), categories, filters, import with a per-row report, export, and tenant
// isolation.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace kefu::testing {
namespace {

class CannedTest : public ServerTest {
 protected:
  // A fresh tenant with its administrator and two agents.
  struct Team {
    Login admin;
    Login agent_a;
    Login agent_b;
  };
  static Team NewTeam(const std::string& slug) {
    Team team;
    team.admin = NewTenant(slug);
    for (auto [who, login] : {std::pair{"a", &team.agent_a}, std::pair{"b", &team.agent_b}}) {
      const std::string email = std::string(who) + "@" + slug;
      auto created = HttpRequest(
          port_, "POST", "/api/users",
          json::serialize(json::object{
              {"email", email}, {"name", "坐席" + std::string(who)}, {"password", "password-1"}}),
          team.admin.cookie, team.admin.csrf);
      EXPECT_EQ(created.status, 201) << created.raw_body;
      *login = SignIn(port_, slug, email, "password-1").value_or(Login{});
    }
    return team;
  }

  static HttpResult Call(const Login& who, const std::string& method, const std::string& target,
                         const json::object& body = {}) {
    return HttpRequest(port_, method, target, method == "GET" ? "" : json::serialize(body),
                       who.cookie, who.csrf);
  }

  static std::vector<std::string> Codes(const Login& who, const std::string& query = "") {
    auto list = Call(who, "GET", "/api/canned-replies" + query);
    EXPECT_EQ(list.status, 200) << list.raw_body;
    std::vector<std::string> codes;
    if (list.status != 200) return codes;
    for (const auto& r : list.body.at("canned_replies").as_array()) {
      codes.push_back(std::string(r.at("code").as_string()) + ":" +
                      std::string(r.at("scope").as_string()));
    }
    return codes;
  }
};

TEST_F(CannedTest, TheDemoTenantHasCategorisedTeamRepliesWithThx) {
  auto agent = SignIn(port_, "demo-bank", "agent1@demo.kefu", "kefu-demo");
  ASSERT_TRUE(agent);
  auto list = Call(*agent, "GET", "/api/canned-replies?q=thx");
  ASSERT_EQ(list.status, 200);
  const auto& replies = list.body.at("canned_replies").as_array();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].at("category_id"), "thanks");
  EXPECT_EQ(replies[0].at("scope"), "team");
  EXPECT_EQ(replies[0].at("editable"), false) << "agents do not edit team replies";
  EXPECT_NE(replies[0].at("text").as_string().find("{客户名}"), std::string::npos);
  auto categories = Call(*agent, "GET", "/api/canned-categories");
  ASSERT_EQ(categories.status, 200);
  EXPECT_EQ(categories.body.at("categories").as_array().size(), 5u);
}

TEST_F(CannedTest, TeamRepliesAreManagedBySupervisorsAndAdminsOnly) {
  auto team = NewTeam("canned-roles");
  const json::object reply{{"code", "THX"},
                           {"title", "感谢"},
                           {"text", "谢谢 {客户名}"},
                           {"category_id", "thanks"},
                           {"scope", "team"}};
  EXPECT_EQ(Call(team.agent_a, "POST", "/api/canned-replies", reply).status, 403);
  auto created = Call(team.admin, "POST", "/api/canned-replies", reply);
  ASSERT_EQ(created.status, 201) << created.raw_body;
  const std::string id(created.body.at("canned_reply").at("id").as_string());
  EXPECT_EQ(created.body.at("canned_reply").at("code"), "thx") << "codes are stored lowercase";
  EXPECT_EQ(Call(team.admin, "POST", "/api/canned-replies", reply).status, 409);

  EXPECT_EQ(Call(team.agent_a, "PUT", "/api/canned-replies/" + id, {{"text", "改"}}).status, 403);
  EXPECT_EQ(Call(team.agent_a, "DELETE", "/api/canned-replies/" + id).status, 403);
  auto edited = Call(team.admin, "PUT", "/api/canned-replies/" + id,
                     {{"text", "非常感谢"}, {"category_id", nullptr}});
  ASSERT_EQ(edited.status, 200) << edited.raw_body;
  EXPECT_EQ(edited.body.at("canned_reply").at("category_id"), nullptr);
  EXPECT_EQ(edited.body.at("canned_reply").at("title"), "感谢") << "fields not sent are kept";

  // Validation errors are 400 with a reason.
  for (const auto& bad : {json::object{{"code", "a b"}, {"text", "x"}, {"scope", "team"}},
                          json::object{{"code", "ok"}, {"text", ""}, {"scope", "team"}},
                          json::object{{"code", "ok"}, {"text", "x"}, {"scope", "everyone"}},
                          json::object{{"code", "ok"}, {"text", "x"}, {"category_id", "nope"}},
                          json::object{{"code", "ok"}, {"text", "x"}, {"color", "red"}},
                          json::object{{"text", "x"}}}) {
    auto refused = Call(team.admin, "POST", "/api/canned-replies", bad);
    EXPECT_EQ(refused.status, 400) << json::serialize(bad);
    EXPECT_FALSE(refused.body.at("error").at("message").as_string().empty());
  }
  EXPECT_EQ(Call(team.admin, "DELETE", "/api/canned-replies/" + id).status, 200);
  EXPECT_EQ(Call(team.admin, "DELETE", "/api/canned-replies/" + id).status, 404);
}

TEST_F(CannedTest, PersonalRepliesBelongToTheirOwnerAndMayShadowTeamCodes) {
  auto team = NewTeam("canned-personal");
  ASSERT_EQ(Call(team.admin, "POST", "/api/canned-replies",
                 {{"code", "thx"}, {"text", "团队的感谢"}, {"scope", "team"}})
                .status,
            201);
  auto mine = Call(team.agent_a, "POST", "/api/canned-replies",
                   {{"code", "thx"}, {"text", "我的感谢"}, {"category_id", "thanks"}});
  ASSERT_EQ(mine.status, 201) << "a personal code may shadow the team's";
  EXPECT_EQ(mine.body.at("canned_reply").at("scope"), "personal");
  EXPECT_EQ(mine.body.at("canned_reply").at("editable"), true);
  const std::string id(mine.body.at("canned_reply").at("id").as_string());
  EXPECT_EQ(Call(team.agent_a, "POST", "/api/canned-replies", {{"code", "thx"}, {"text", "again"}})
                .status,
            409);
  EXPECT_EQ(
      Call(team.agent_b, "POST", "/api/canned-replies", {{"code", "thx"}, {"text", "b的"}}).status,
      201)
      << "personal codes are unique per agent";

  EXPECT_EQ(Codes(team.agent_a), (std::vector<std::string>{"thx:personal", "thx:team"}));
  EXPECT_EQ(Codes(team.agent_b), (std::vector<std::string>{"thx:personal", "thx:team"}));
  EXPECT_EQ(Codes(team.admin), (std::vector<std::string>{"thx:team"}))
      << "not even an administrator sees an agent's personal replies";
  for (const auto* who : {&team.agent_b, &team.admin}) {
    EXPECT_EQ(Call(*who, "PUT", "/api/canned-replies/" + id, {{"text", "x"}}).status, 404);
    EXPECT_EQ(Call(*who, "DELETE", "/api/canned-replies/" + id).status, 404);
  }
  EXPECT_EQ(Call(team.agent_a, "PUT", "/api/canned-replies/" + id, {{"text", "改好了"}}).status,
            200);

  // Filters: scope, category ("none" for uncategorised) and text.
  EXPECT_EQ(Codes(team.agent_a, "?scope=personal"), (std::vector<std::string>{"thx:personal"}));
  EXPECT_EQ(Codes(team.agent_a, "?category=thanks"), (std::vector<std::string>{"thx:personal"}));
  EXPECT_EQ(Codes(team.agent_a, "?category=none"), (std::vector<std::string>{"thx:team"}));
  EXPECT_EQ(Codes(team.agent_a, "?q=%E5%9B%A2%E9%98%9F"), (std::vector<std::string>{"thx:team"}));
  EXPECT_EQ(Codes(team.agent_a, "?q=THX").size(), 2u) << "case-insensitive";
}

TEST_F(CannedTest, CategoriesAreEditedByStaffWithRightsAndIsolatedPerTenant) {
  auto team = NewTeam("canned-categories");
  EXPECT_EQ(Call(team.agent_a, "POST", "/api/canned-categories", {{"name", "售后"}}).status, 403);
  auto created = Call(team.admin, "POST", "/api/canned-categories", {{"name", " 售后 "}});
  ASSERT_EQ(created.status, 201) << created.raw_body;
  EXPECT_EQ(created.body.at("category").at("name"), "售后");
  EXPECT_EQ(created.body.at("category").at("position"), 6);
  EXPECT_EQ(Call(team.admin, "POST", "/api/canned-categories", {{"name", "售后"}}).status, 409);
  EXPECT_EQ(Call(team.admin, "POST", "/api/canned-categories", {{"name", ""}}).status, 400);
  EXPECT_EQ(
      Call(team.admin, "PATCH", "/api/canned-categories/greeting", {{"name", "开场白"}}).status,
      200);
  EXPECT_EQ(Call(team.agent_a, "DELETE", "/api/canned-categories/greeting").status, 403);
  auto personal = Call(team.agent_a, "POST", "/api/canned-replies",
                       {{"code", "hey"}, {"text", "嗨"}, {"category_id", "greeting"}});
  ASSERT_EQ(personal.status, 201);
  EXPECT_EQ(Call(team.admin, "DELETE", "/api/canned-categories/greeting").status, 200);
  auto after = Call(team.agent_a, "GET", "/api/canned-replies");
  EXPECT_EQ(after.body.at("canned_replies").at(0).at("category_id"), nullptr)
      << "replies of a deleted category become uncategorised";

  // Another tenant's administrator cannot touch this tenant's categories or replies.
  auto other = NewTenant("canned-other");
  const std::string id(personal.body.at("canned_reply").at("id").as_string());
  EXPECT_EQ(Call(other, "DELETE", "/api/canned-replies/" + id).status, 404);
  EXPECT_EQ(Call(*admin_, "PATCH", "/api/canned-categories/thanks", {{"name", "x"}}).status, 200)
      << "the demo tenant's own category";
  auto mine = Call(team.admin, "GET", "/api/canned-categories");
  for (const auto& c : mine.body.at("categories").as_array()) EXPECT_NE(c.at("name"), "x");
  EXPECT_EQ(Call(*admin_, "PATCH", "/api/canned-categories/thanks", {{"name", "感谢"}}).status,
            200);
}

TEST_F(CannedTest, ImportKeepsGoodRowsReportsBadOnesAndExportReadsBack) {
  auto team = NewTeam("canned-import");
  const std::string csv =
      "code,title,text,category\n"
      "hi,问候,您好 {客户名},问候\n"
      "bad code,坏,正文,\n"
      "new,新分类,正文,售后\n"
      "empty,空,,\n";
  auto agent_import = HttpRequest(port_, "POST", "/api/canned-replies/import?format=csv", csv,
                                  team.agent_a.cookie, team.agent_a.csrf);
  EXPECT_EQ(agent_import.status, 403) << "team imports are for supervisors and admins";

  auto report = HttpRequest(port_, "POST", "/api/canned-replies/import?format=csv", csv,
                            team.admin.cookie, team.admin.csrf);
  ASSERT_EQ(report.status, 200) << report.raw_body;
  EXPECT_EQ(report.body.at("rows"), 4);
  EXPECT_EQ(report.body.at("accepted"), 2);
  EXPECT_EQ(report.body.at("created"), 2);
  EXPECT_EQ(report.body.at("rejected"), 2);
  EXPECT_EQ(report.body.at("categories_created"), json::array{"售后"});
  const auto& errors = report.body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("line"), 3);
  EXPECT_EQ(errors[1].at("line"), 5);
  EXPECT_EQ(errors[1].at("reason"), "text is empty");

  // The same file again updates instead of doubling.
  auto again = HttpRequest(port_, "POST", "/api/canned-replies/import?format=csv", csv,
                           team.admin.cookie, team.admin.csrf);
  EXPECT_EQ(again.body.at("updated"), 2);
  EXPECT_EQ(Codes(team.admin).size(), 2u);

  // An agent's personal import may only use existing categories.
  auto personal =
      HttpRequest(port_, "POST", "/api/canned-replies/import?format=jsonl&scope=personal",
                  "{\"code\":\"p1\",\"text\":\"个人\",\"category\":\"感谢\"}\n"
                  "{\"code\":\"p2\",\"text\":\"个人\",\"category\":\"不存在\"}\n",
                  team.agent_a.cookie, team.agent_a.csrf);
  ASSERT_EQ(personal.status, 200) << personal.raw_body;
  EXPECT_EQ(personal.body.at("accepted"), 1);
  EXPECT_EQ(personal.body.at("errors").at(0).at("line"), 2);
  EXPECT_EQ(Codes(team.agent_b, "?scope=personal").size(), 0u);

  auto exported =
      HttpRequest(port_, "GET", "/api/canned-replies/export?format=csv", "", team.admin.cookie);
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.raw_body.find("hi,问候,您好 {客户名},问候"), std::string::npos)
      << exported.raw_body;
  EXPECT_EQ(exported.raw_body.find("p1"), std::string::npos) << "team export only";
  auto mine = HttpRequest(port_, "GET", "/api/canned-replies/export?format=jsonl&scope=personal",
                          "", team.agent_a.cookie);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.raw_body.find("\"code\":\"p1\""), std::string::npos);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/canned-replies/import?format=xlsx", csv,
                        team.admin.cookie, team.admin.csrf)
                .status,
            400);
}

}  // namespace
}  // namespace kefu::testing
