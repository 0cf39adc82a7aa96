// The knowledge base over REST (entries, import with bad rows, export, settings, tenant
// isolation) and the bot in a live conversation over WebSocket (suggestions, answer, rating,
// unknown question and knowledge gap, handoff with the transcript).
#include <gtest/gtest.h>

#include <thread>

#include "server_fixture.hpp"

namespace kefu::testing {
namespace {

class KbTest : public ServerTest {
 protected:
  // Polls an import job until it ends.
  static json::object WaitForJob(const Login& login, const std::string& id) {
    for (int i = 0; i < 200; ++i) {
      auto status = HttpRequest(port_, "GET", "/api/kb/import/" + id, "", login.cookie);
      EXPECT_EQ(status.status, 200) << status.raw_body;
      if (status.status != 200) break;
      json::object job = status.body.at("job").as_object();
      if (job.at("state") == "done" || job.at("state") == "failed") return job;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "the import job did not end";
    return {};
  }

  static json::object Import(const Login& login, const std::string& format,
                             const std::string& contents) {
    auto started = HttpRequest(port_, "POST", "/api/kb/import?format=" + format, contents,
                               login.cookie, login.csrf);
    EXPECT_EQ(started.status, 202) << started.raw_body;
    if (started.status != 202) return {};
    return WaitForJob(login, std::string(started.body.at("job").at("id").as_string()));
  }

  static json::array Search(const Login& login, const std::string& encoded_query) {
    auto found =
        HttpRequest(port_, "GET", "/api/kb/entries?limit=200&q=" + encoded_query, "", login.cookie);
    EXPECT_EQ(found.status, 200) << found.raw_body;
    return found.status == 200 ? found.body.at("entries").as_array() : json::array{};
  }

  static std::string QueueId(const Login& login) {
    auto queues = HttpRequest(port_, "GET", "/api/queues", "", login.cookie);
    return std::string(queues.body.at("queues").at(0).at("id").as_string());
  }
};

constexpr const char* kCsv =
    "question,similar,answer,category,tags,enabled,valid_from,valid_to\n"
    "信用卡被锁了怎么办？,信用卡锁卡了|卡被冻结了,请在手机银行“卡片管理”中自助解锁。,信用卡,,,,\n"
    "没有答案的问题,,,信用卡,,,,\n"
    "如何开通手机银行？,手机银行怎么注册,下载本行手机银行用本人银行卡注册。,电子银行,,yes,,\n"
    "日期写错了,,答案,信用卡,,,2026-13-45,\n"
    "\"多行的\n问题\",,答案,信用卡,,,,\n"
    "有效期反了,,答案,信用卡,,,2026-12-31,2026-01-01\n"
    "转账限额是多少？,一天能转多少钱,单笔 5 万元，日累计 20 万元。,个人业务,限额|转账,true,,\n";

TEST_F(KbTest, CsvImportKeepsGoodRowsAndReportsBadOnesWithLines) {
  auto boss = NewTenant(Unique("kbimp"));
  auto job = Import(boss, "csv", kCsv);
  ASSERT_EQ(job.at("state"), "done") << json::serialize(job);
  EXPECT_EQ(job.at("accepted"), 3);
  EXPECT_EQ(job.at("rejected"), 4);
  std::map<std::int64_t, std::string> errors;
  for (const auto& e : job.at("errors").as_array()) {
    errors[e.at("line").as_int64()] = std::string(e.at("reason").as_string());
  }
  ASSERT_EQ(errors.size(), 4u) << json::serialize(job);
  EXPECT_NE(errors[3].find("answer"), std::string::npos);
  EXPECT_NE(errors[5].find("2026-13-45"), std::string::npos);
  EXPECT_TRUE(errors.count(6)) << "a question with a line break inside is rejected";
  EXPECT_TRUE(errors.count(8)) << "valid_to before valid_from is rejected (the quoted line "
                                  "break makes row 6 two lines)";

  // The good rows are there and searchable at once; the bad ones are not.
  auto all = HttpRequest(port_, "GET", "/api/kb/entries", "", boss.cookie);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.body.at("total"), 3);
  auto hits = Search(boss, "%E4%BF%A1%E7%94%A8%E5%8D%A1%E9%94%81%E4%BA%86");  // 信用卡锁了
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].at("question"), "信用卡被锁了怎么办？");
  EXPECT_GT(hits[0].at("confidence").as_double(), 0.5);

  // Importing the same file again updates by standard question instead of doubling.
  auto again = Import(boss, "csv", kCsv);
  EXPECT_EQ(again.at("accepted"), 3);
  all = HttpRequest(port_, "GET", "/api/kb/entries", "", boss.cookie);
  EXPECT_EQ(all.body.at("total"), 3);

  // Export gives a file the import reads back.
  auto exported = HttpRequest(port_, "GET", "/api/kb/export?format=csv", "", boss.cookie);
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.raw_body.find("转账限额是多少？"), std::string::npos);
  auto reimport = Import(boss, "csv", exported.raw_body);
  EXPECT_EQ(reimport.at("accepted"), 3);
  EXPECT_EQ(reimport.at("rejected"), 0);
}

TEST_F(KbTest, JsonLinesImportAndBrokenFiles) {
  auto boss = NewTenant(Unique("kbjsonl"));
  const std::string jsonl =
      R"({"question":"网点几点开门？","similar":["银行几点上班"],"answer":"工作日 9:00 营业。"})"
      "\n"
      "not json at all\n"
      R"({"question":"缺答案"})"
      "\n"
      R"({"question":"类型错了","answer":"答案","similar":"应为数组"})"
      "\n";
  auto job = Import(boss, "jsonl", jsonl);
  EXPECT_EQ(job.at("accepted"), 1);
  EXPECT_EQ(job.at("rejected"), 3);

  // Not a file at all, an unknown format, a CSV without the needed columns.
  auto bad_format =
      HttpRequest(port_, "POST", "/api/kb/import?format=xlsx", "x", boss.cookie, boss.csrf);
  EXPECT_EQ(bad_format.status, 400);
  auto no_columns = Import(boss, "csv", "foo,bar\n1,2\n");
  EXPECT_EQ(no_columns.at("state"), "failed");
  EXPECT_FALSE(no_columns.at("message").as_string().empty());
  // Nothing else was lost or added.
  auto all = HttpRequest(port_, "GET", "/api/kb/entries", "", boss.cookie);
  EXPECT_EQ(all.body.at("total"), 1);
}

TEST_F(KbTest, EntriesCrudSimilarQuestionsAndRoles) {
  auto boss = NewTenant(Unique("kbcrud"));
  auto created = HttpRequest(port_, "POST", "/api/kb/entries",
                             R"({"question":"如何挂失银行卡？","similar":["银行卡丢了"],
                                 "answer":"请立即致电挂失。","category":"个人业务",
                                 "tags":["挂失"],"valid_to":"2099-01-01"})",
                             boss.cookie, boss.csrf);
  ASSERT_EQ(created.status, 201) << created.raw_body;
  const std::string id(created.body.at("entry").at("id").as_string());
  EXPECT_TRUE(created.body.at("entry").at("valid_to").as_string().starts_with("2099-01-01"));
  EXPECT_TRUE(created.body.at("entry").at("valid_from").is_null());

  auto invalid = HttpRequest(port_, "POST", "/api/kb/entries", R"({"question":"","answer":"a"})",
                             boss.cookie, boss.csrf);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_FALSE(invalid.body.at("error").at("message").as_string().empty());
  auto no_csrf = HttpRequest(port_, "POST", "/api/kb/entries", R"({"question":"q","answer":"a"})",
                             boss.cookie);
  EXPECT_EQ(no_csrf.status, 403);

  // "Add as similar question", with the duplicate check in matching form.
  auto added = HttpRequest(port_, "POST", "/api/kb/entries/" + id + "/similar",
                           R"({"question":"卡丢了怎么办"})", boss.cookie, boss.csrf);
  ASSERT_EQ(added.status, 200) << added.raw_body;
  EXPECT_EQ(added.body.at("entry").at("similar").as_array().size(), 2u);
  auto twice = HttpRequest(port_, "POST", "/api/kb/entries/" + id + "/similar",
                           R"({"question":"卡丢了怎么办？"})", boss.cookie, boss.csrf);
  EXPECT_EQ(twice.status, 409);

  auto updated =
      HttpRequest(port_, "PUT", "/api/kb/entries/" + id,
                  R"({"question":"如何挂失银行卡？","answer":"新的答案","enabled":false})",
                  boss.cookie, boss.csrf);
  ASSERT_EQ(updated.status, 200) << updated.raw_body;
  auto fetched = HttpRequest(port_, "GET", "/api/kb/entries/" + id, "", boss.cookie);
  EXPECT_EQ(fetched.body.at("entry").at("answer"), "新的答案");
  EXPECT_EQ(fetched.body.at("entry").at("enabled"), false);

  // Categories: in use cannot be deleted; a fresh one can.
  auto categories = HttpRequest(port_, "GET", "/api/kb/categories", "", boss.cookie);
  ASSERT_EQ(categories.status, 200);
  auto made = HttpRequest(port_, "POST", "/api/kb/categories", R"({"name":"理财"})", boss.cookie,
                          boss.csrf);
  EXPECT_EQ(made.status, 201) << made.raw_body;
  auto dup = HttpRequest(port_, "POST", "/api/kb/categories", R"({"name":"理财"})", boss.cookie,
                         boss.csrf);
  EXPECT_EQ(dup.status, 409);
  auto gone = HttpRequest(port_, "DELETE", "/api/kb/categories/%E7%90%86%E8%B4%A2", "", boss.cookie,
                          boss.csrf);
  EXPECT_EQ(gone.status, 200) << gone.raw_body;

  // Another tenant sees none of it.
  auto other = NewTenant(Unique("kbother"));
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/kb/entries/" + id, "", other.cookie).status, 404);
  EXPECT_EQ(
      HttpRequest(port_, "DELETE", "/api/kb/entries/" + id, "", other.cookie, other.csrf).status,
      404);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/kb/entries", "", other.cookie).body.at("total"), 0);

  // Agents read (assist) but do not edit; settings are for administrators.
  auto agent = SignIn(port_, "demo-bank", "agent1@demo.kefu", "kefu-demo");
  ASSERT_TRUE(agent);
  EXPECT_EQ(
      HttpRequest(port_, "GET", "/api/kb/entries?q=%E5%AF%86%E7%A0%81", "", agent->cookie).status,
      200);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/kb/entries", R"({"question":"q","answer":"a"})",
                        agent->cookie, agent->csrf)
                .status,
            403);
  EXPECT_EQ(
      HttpRequest(port_, "POST", "/api/kb/import?format=csv", kCsv, agent->cookie, agent->csrf)
          .status,
      403);
  EXPECT_EQ(HttpRequest(port_, "PUT", "/api/bot/settings", "{}", agent->cookie, agent->csrf).status,
            403);

  auto deleted = HttpRequest(port_, "DELETE", "/api/kb/entries/" + id, "", boss.cookie, boss.csrf);
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/kb/entries/" + id, "", boss.cookie).status, 404);
}

TEST_F(KbTest, BotSettingsValidateAndPersist) {
  auto boss = NewTenant(Unique("kbset"));
  auto bad =
      HttpRequest(port_, "PUT", "/api/bot/settings",
                  R"({"answer_threshold":0.3,"clarify_threshold":0.5})", boss.cookie, boss.csrf);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.at("error").at("message").as_string().find("clarify_threshold"),
            std::string::npos);
  auto good =
      HttpRequest(port_, "PUT", "/api/bot/settings",
                  R"({"name":"小招","handoff_phrases":["找客服"]})", boss.cookie, boss.csrf);
  ASSERT_EQ(good.status, 200) << good.raw_body;
  auto read = HttpRequest(port_, "GET", "/api/bot/settings", "", boss.cookie);
  EXPECT_EQ(read.body.at("settings").at("name"), "小招");
  EXPECT_EQ(read.body.at("settings").at("handoff_phrases").as_array().size(), 1u);
}

// The issue's conversation: suggestions, an answer, a rating, an unknown question recorded as a
// gap, then 转人工 — and the agent receives the whole bot transcript.
TEST_F(KbTest, BotAnswersThenHandsOverWithTheTranscript) {
  const std::string slug = Unique("kbbot");
  auto boss = NewTenant(slug);
  ASSERT_EQ(Import(boss, "csv", kCsv).at("state"), "done");
  const std::string queue = QueueId(boss);
  auto patched = HttpRequest(port_, "PATCH", "/api/queues/" + queue, R"({"bot_first":true})",
                             boss.cookie, boss.csrf);
  ASSERT_EQ(patched.status, 200) << patched.raw_body;
  EXPECT_EQ(patched.body.at("queue").at("bot_first"), true);

  WsClient agent;
  ConnectAgent(agent, boss);
  WsClient visitor;
  auto welcome = ConnectVisitor(visitor, slug);
  ASSERT_TRUE(welcome.at("bot").is_object()) << json::serialize(welcome);
  EXPECT_EQ(welcome.at("bot").at("name"), "智能助手");

  visitor.Send(json::object{{"type", "suggest"}, {"id", "s1"}, {"text", "信用"}});
  auto suggestions = visitor.Expect("suggestions", "s1");
  ASSERT_TRUE(suggestions);
  ASSERT_FALSE(suggestions->at("items").as_array().empty());
  for (const auto& item : suggestions->at("items").as_array()) {
    EXPECT_TRUE(item.at("question").as_string().starts_with("信用")) << json::serialize(item);
  }
  visitor.Send(json::object{{"type", "suggest"}, {"id", "s2"}, {"text", std::string(201, 'x')}});
  auto too_long = visitor.Expect("error", "s2");
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->at("code"), "bad_frame");

  auto bot_event = [&](const std::string& kind) {
    return visitor.ReadUntil([&](const json::object& f) {
      return f.at("type") == "event" && f.contains("bot") &&
             f.at("bot").at("kind") == json::value(kind);
    });
  };
  visitor.Send(json::object{{"type", "send"}, {"id", "m1"}, {"text", "信用卡被锁了怎么办？"}});
  auto ack = visitor.Expect("ack", "m1");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());
  auto answer = bot_event("answer");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->at("author").at("role"), "bot");
  EXPECT_NE(answer->at("text").as_string().find("卡片管理"), std::string::npos);
  const std::int64_t answer_seq = answer->at("seq").as_int64();

  // Rating: not helpful makes the bot offer a person; a second rating is acked, not counted.
  visitor.Send(json::object{{"type", "rate"},
                            {"id", "r1"},
                            {"conversation", conversation},
                            {"seq", answer_seq},
                            {"helpful", false}});
  ASSERT_TRUE(visitor.Expect("ack", "r1"));
  ASSERT_TRUE(bot_event("offer"));
  visitor.Send(json::object{{"type", "rate"},
                            {"id", "r2"},
                            {"conversation", conversation},
                            {"seq", answer_seq},
                            {"helpful", false}});
  auto second = visitor.Expect("ack", "r2");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->at("seq"), 0);
  visitor.Send(json::object{{"type", "rate"},
                            {"id", "r3"},
                            {"conversation", conversation},
                            {"seq", 1},
                            {"helpful", true}});
  auto not_answer = visitor.Expect("error", "r3");
  ASSERT_TRUE(not_answer);
  EXPECT_EQ(not_answer->at("code"), "not_found");

  visitor.Send(json::object{{"type", "send"}, {"id", "m2"}, {"text", "你们的火星分行在哪里"}});
  ASSERT_TRUE(visitor.Expect("ack", "m2"));
  ASSERT_TRUE(bot_event("unknown"));
  auto gaps = HttpRequest(port_, "GET", "/api/kb/gaps", "", boss.cookie);
  ASSERT_EQ(gaps.status, 200);
  ASSERT_EQ(gaps.body.at("gaps").as_array().size(), 1u) << gaps.raw_body;
  EXPECT_EQ(gaps.body.at("gaps").at(0).at("question"), "你们的火星分行在哪里");

  visitor.Send(json::object{{"type", "send"}, {"id", "m3"}, {"text", "转人工"}});
  ASSERT_TRUE(visitor.Expect("ack", "m3"));
  auto transfer = bot_event("transfer");
  ASSERT_TRUE(transfer);
  EXPECT_EQ(transfer->at("bot").at("reason"), "explicit_request");

  // The agent now gets the conversation (its first sight of it), then every event from seq 1:
  // the bot transcript.
  auto offered = agent.ReadUntil([&](const json::object& f) {
    return f.at("type") == "conversation" &&
           f.at("conversation").at("id") == json::value(conversation);
  });
  ASSERT_TRUE(offered);
  EXPECT_EQ(offered->at("conversation").at("state"), "assigned");
  auto events =
      HttpRequest(port_, "GET", "/api/conversations/" + conversation + "/events", "", boss.cookie);
  ASSERT_EQ(events.status, 200) << events.raw_body;
  std::vector<std::string> kinds;
  for (const auto& e : events.body.at("events").as_array()) {
    const auto& o = e.as_object();
    kinds.push_back(o.contains("bot") ? std::string(o.at("bot").at("kind").as_string())
                    : o.at("kind") == "system"
                        ? std::string(o.at("code").as_string())
                        : std::string(o.at("author").at("role").as_string()));
  }
  const std::vector<std::string> expected = {"visitor", "answer",   "offer",  "visitor", "unknown",
                                             "visitor", "transfer", "queued", "assigned"};
  EXPECT_EQ(kinds, expected);
  auto assigned = agent.ReadUntil([&](const json::object& f) {
    return f.at("type") == "event" && f.at("conversation") == json::value(conversation) &&
           f.at("seq") == 2;
  });
  ASSERT_TRUE(assigned) << "the agent is sent the bot's answer too";
  EXPECT_EQ(assigned->at("bot").at("kind"), "answer");

  // Asking for a person again conflicts: the conversation is with one.
  visitor.Send(json::object{{"type", "handoff"}, {"id", "h1"}, {"conversation", conversation}});
  auto conflict = visitor.Expect("error", "h1");
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->at("code"), "conflict");
}

// A bot-first entry queue whose bot hands credit-card questions to the queue that serves them:
// routes are checked against the tenant's queues, and the handoff names the route's reason.
TEST_F(KbTest, BotHandsOverToTheQueueRoutedForTheTopic) {
  const std::string slug = Unique("kbroute");
  auto boss = NewTenant(slug);
  ASSERT_EQ(Import(boss, "csv", kCsv).at("state"), "done");
  const std::string general = QueueId(boss);  // the queue the administrator serves
  auto front =
      HttpRequest(port_, "POST", "/api/queues",
                  R"({"slug":"front","name":"总入口","bot_first":true})", boss.cookie, boss.csrf);
  ASSERT_EQ(front.status, 201) << front.raw_body;
  ASSERT_EQ(front.body.at("queue").at("bot_first"), true);

  auto settings = [&](const std::string& queue) {
    return json::serialize(json::object{
        {"handoff_routes", json::array{json::object{{"category", "信用卡"}, {"queue", queue}}}}});
  };
  // A queue the tenant does not have (or another tenant's) is refused with the reason.
  auto other = NewTenant(Unique("kbroute-other"));
  for (const std::string& foreign : {std::string("q_nope"), QueueId(other)}) {
    auto bad =
        HttpRequest(port_, "PUT", "/api/bot/settings", settings(foreign), boss.cookie, boss.csrf);
    EXPECT_EQ(bad.status, 400) << bad.raw_body;
    EXPECT_NE(bad.raw_body.find("unknown queue"), std::string::npos) << bad.raw_body;
  }
  auto good =
      HttpRequest(port_, "PUT", "/api/bot/settings", settings(general), boss.cookie, boss.csrf);
  ASSERT_EQ(good.status, 200) << good.raw_body;
  EXPECT_EQ(good.body.at("settings").at("handoff_routes").at(0).at("queue"), json::value(general));

  WsClient agent;
  ConnectAgent(agent, boss);
  WsClient visitor;
  ConnectVisitor(visitor, slug, "", {}, "front");
  visitor.Send(json::object{{"type", "send"}, {"id", "m1"}, {"text", "信用卡被锁了怎么办？"}});
  auto ack = visitor.Expect("ack", "m1");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());
  visitor.Send(json::object{{"type", "send"}, {"id", "m2"}, {"text", "转人工"}});
  ASSERT_TRUE(visitor.Expect("ack", "m2"));
  auto moved = visitor.ReadUntil([&](const json::object& f) {
    return f.at("type") == "event" && f.contains("code") && f.at("code") == "transferred";
  });
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->at("by"), "bot");
  EXPECT_EQ(moved->at("note"), "信用卡");
  EXPECT_EQ(moved->at("to_queue").at("id"), json::value(general));

  auto offered = agent.ReadUntil([&](const json::object& f) {
    return f.at("type") == "conversation" &&
           f.at("conversation").at("id") == json::value(conversation);
  });
  ASSERT_TRUE(offered);
  EXPECT_EQ(offered->at("conversation").at("state"), "assigned");
  EXPECT_EQ(offered->at("conversation").at("queue").at("id"), json::value(general));
}

}  // namespace
}  // namespace kefu::testing
