// The REST API: sign-in, sessions and CSRF, roles enforced on the server, tenants and users,
// bad requests; health and metrics; graceful shutdown.
#include <fcntl.h>
#include <unistd.h>

#include <vector>

#include "server_fixture.hpp"

namespace kefu::testing {
namespace {

using RestTest = ServerTest;

TEST_F(RestTest, SignInOutAndSessionChecks) {
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/auth/login",
                        R"({"tenant":"demo-bank","email":"agent1@demo.kefu","password":"nope"})")
                .status,
            401);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/auth/login",
                        R"({"tenant":"nowhere","email":"agent1@demo.kefu","password":"kefu-demo"})")
                .status,
            401);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/auth/login", "{not json").status, 400);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/auth/login", R"({"tenant":1})").status, 400);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/auth/me").status, 401);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/auth/me", "", "kefu_session=forged").status, 401);

  auto login = SignIn(port_, "demo-bank", "agent1@demo.kefu", "kefu-demo");
  ASSERT_TRUE(login);
  auto me = HttpRequest(port_, "GET", "/api/auth/me", "", login->cookie);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body.at("user").at("email"), "agent1@demo.kefu");
  EXPECT_EQ(me.body.at("tenant").at("slug"), "demo-bank");
  EXPECT_EQ(me.body.at("csrf_token"), login->csrf.c_str());
  EXPECT_EQ(me.raw_body.find("password"), std::string::npos) << "no hash ever leaves the server";

  auto queues = HttpRequest(port_, "GET", "/api/queues", "", login->cookie);
  ASSERT_EQ(queues.status, 200);
  EXPECT_EQ(queues.body.at("queues").as_array().size(), 2u);
  auto canned = HttpRequest(port_, "GET", "/api/canned-replies", "", login->cookie);
  ASSERT_EQ(canned.status, 200);
  EXPECT_GE(canned.body.at("canned_replies").as_array().size(), 3u);

  EXPECT_EQ(HttpRequest(port_, "POST", "/api/auth/logout", "", login->cookie).status, 403)
      << "logout needs the CSRF token";
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/auth/logout", "", login->cookie, login->csrf).status,
            200);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/auth/me", "", login->cookie).status, 401)
      << "the session is gone";
}

TEST_F(RestTest, RolesAreEnforcedOnTheServer) {
  auto agent = SignIn(port_, "demo-bank", "agent2@demo.kefu", "kefu-demo");
  auto supervisor = SignIn(port_, "demo-bank", "supervisor@demo.kefu", "kefu-demo");
  ASSERT_TRUE(agent && supervisor);
  const std::string body =
      R"({"email":"temp@demo.kefu","name":"临时坐席","password":"temp-pass-1","queues":["retail"]})";
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/users", body, agent->cookie, agent->csrf).status, 403);
  EXPECT_EQ(
      HttpRequest(port_, "POST", "/api/users", body, supervisor->cookie, supervisor->csrf).status,
      403);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/users", "", agent->cookie).status, 403);
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/users", "", supervisor->cookie).status, 200);
  EXPECT_EQ(
      HttpRequest(
          port_, "POST", "/api/tenants",
          R"({"slug":"x-bank","name":"X","admin":{"email":"a@x","name":"A","password":"password-1"}})",
          supervisor->cookie, supervisor->csrf)
          .status,
      403);
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/users", body, admin_->cookie).status, 403)
      << "no CSRF token";
  EXPECT_EQ(HttpRequest(port_, "POST", "/api/users", body, admin_->cookie, "wrong").status, 403);
}

TEST_F(RestTest, AdministratorCreatesAnAgentWhoCanWork) {
  const std::string body =
      R"({"email":"new.agent@demo.kefu","name":"赵新","password":"new-agent-1","queues":["cards"],"capacity":3})";
  auto created = HttpRequest(port_, "POST", "/api/users", body, admin_->cookie, admin_->csrf);
  ASSERT_EQ(created.status, 201) << created.raw_body;
  EXPECT_EQ(created.body.at("user").at("capacity"), 3);
  auto again = HttpRequest(port_, "POST", "/api/users", body, admin_->cookie, admin_->csrf);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body.at("error").at("code"), "conflict");

  struct Bad {
    std::string body;
    std::string why;
  };
  const std::vector<Bad> bad = {
      {R"({"email":"no-at-sign","name":"x","password":"long-enough"})", "email"},
      {R"({"email":"a@b","name":"","password":"long-enough"})", "name"},
      {R"({"email":"a@b","name":"x","password":"short"})", "password"},
      {R"({"email":"a@b","name":"x","password":"long-enough","role":"god"})", "role"},
      {R"({"email":"a@b","name":"x","password":"long-enough","capacity":0})", "capacity"},
      {R"({"email":"a@b","name":"x","password":"long-enough","queues":["nope"]})", "queue"},
  };
  for (const auto& b : bad) {
    auto r = HttpRequest(port_, "POST", "/api/users", b.body, admin_->cookie, admin_->csrf);
    EXPECT_EQ(r.status, 400) << b.why;
    EXPECT_EQ(r.body.at("error").at("code"), "bad_frame") << b.why;
  }

  // The new agent signs in, goes online and is offered a chat of the cards queue.
  auto login = SignIn(port_, "demo-bank", "new.agent@demo.kefu", "new-agent-1");
  ASSERT_TRUE(login);
  WsClient agent;
  ConnectAgent(agent, *login);
  WsClient visitor;
  ASSERT_TRUE(visitor.Connect(port_));
  visitor.Send(json::object{
      {"type", "hello"}, {"role", "visitor"}, {"tenant", "demo-bank"}, {"queue", "cards"}});
  ASSERT_TRUE(visitor.Expect("welcome"));
  visitor.Send(json::object{{"type", "send"}, {"id", "c1"}, {"text", "信用卡账单日能改吗"}});
  ASSERT_TRUE(visitor.Expect("ack", "c1"));
  auto offered =
      agent.ReadUntil([](const json::object& f) { return f.at("type") == "conversation"; });
  ASSERT_TRUE(offered);
  EXPECT_EQ(offered->at("conversation").at("queue").at("name"), "信用卡");
}

TEST_F(RestTest, BadRequestsAreAnsweredNotFatal) {
  // The server refuses an oversized body from its headers, before reading it.
  auto big = RawHttp(
      port_, "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n{");
  EXPECT_NE(big.find("413"), std::string::npos) << big;
  auto garbage = RawHttp(port_, "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_NE(garbage.find("400"), std::string::npos) << garbage;
  EXPECT_EQ(HttpRequest(port_, "GET", "/api/nothing-here").status, 404);
  EXPECT_EQ(HttpRequest(port_, "GET", "/../../etc/passwd").status, 404);
  EXPECT_EQ(HttpRequest(port_, "GET", "/%2e%2e/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(HttpRequest(port_, "DELETE", "/api/users").status, 404);
  auto health = HttpRequest(port_, "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  auto metrics = HttpRequest(port_, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.raw_body.find("kefu_storage_commits_total"), std::string::npos);
  EXPECT_NE(metrics.raw_body.find("process_resident_memory_bytes"), std::string::npos);
}

// The value of an unlabelled sample (or of one bucket, with its label) in /metrics text.
double MetricValue(const std::string& text, const std::string& sample) {
  const std::string prefix = "\n" + sample + " ";
  const auto at = text.find(prefix);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + prefix.size()));
}

TEST_F(RestTest, MetricsHistogramsCountEveryAcknowledgedMessageAndCommit) {
  auto before = HttpRequest(port_, "GET", "/metrics").raw_body;
  const double acks = MetricValue(before, "kefu_message_ack_latency_seconds_count");
  const double commits = MetricValue(before, "kefu_storage_commit_duration_seconds_count");
  ASSERT_GE(acks, 0) << before;
  ASSERT_GE(commits, 0) << before;

  WsClient visitor;
  ASSERT_TRUE(visitor.Connect(port_));
  visitor.Send(json::object{{"type", "hello"}, {"role", "visitor"}, {"tenant", "demo-bank"}});
  ASSERT_TRUE(visitor.Expect("welcome"));
  for (int i = 0; i < 3; ++i) {
    const std::string id = "m" + std::to_string(i);
    visitor.Send(json::object{{"type", "send"}, {"id", id}, {"text", "指标测试"}});
    ASSERT_TRUE(visitor.Expect("ack", id));
  }

  auto after = HttpRequest(port_, "GET", "/metrics").raw_body;
  EXPECT_EQ(MetricValue(after, "kefu_message_ack_latency_seconds_count"), acks + 3);
  EXPECT_EQ(MetricValue(after, "kefu_message_ack_latency_seconds_bucket{le=\"+Inf\"}"), acks + 3);
  EXPECT_GE(MetricValue(after, "kefu_storage_commit_duration_seconds_count"), commits + 1);
  EXPECT_GE(MetricValue(after, "kefu_storage_commit_wait_seconds_count"), 3);
  EXPECT_GE(MetricValue(after, "kefu_storage_commit_writes_sum"), 3);
  EXPECT_NE(after.find("# TYPE kefu_storage_commit_duration_seconds histogram"), std::string::npos);
}

TEST_F(RestTest, MetricsCountOpenDescriptors) {
  // The server runs in this process: descriptors opened here are its descriptors.
  const double before =
      MetricValue(HttpRequest(port_, "GET", "/metrics").raw_body, "process_open_fds");
  ASSERT_GT(before, 0);
  std::vector<int> opened;
  for (int i = 0; i < 64; ++i) opened.push_back(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  const double during =
      MetricValue(HttpRequest(port_, "GET", "/metrics").raw_body, "process_open_fds");
  for (int fd : opened) ::close(fd);
  // A few descriptors of the server's own (the scrape's socket, a database file) may come and go.
  EXPECT_GE(during, before + 60);
  EXPECT_LE(during, before + 70);
}

TEST(ShutdownTest, GracefulStopClosesSessionsWithGoingAway) {
  auto dir = std::filesystem::temp_directory_path() / ("kefu-stop-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  app::ServeConfig config;
  config.port = 0;
  config.data_dir = dir.string();
  SystemClock clock;
  auto server = std::make_unique<app::Server>(config, clock);
  server->SeedDemo();
  server->Start();
  WsClient visitor;
  ASSERT_TRUE(visitor.Connect(server->port()));
  visitor.Send(json::object{{"type", "hello"}, {"role", "visitor"}, {"tenant", "demo-bank"}});
  ASSERT_TRUE(visitor.Expect("welcome"));
  visitor.Send(json::object{{"type", "send"}, {"id", "last"}, {"text", "关机前最后一条"}});
  ASSERT_TRUE(visitor.Expect("ack", "last"));
  std::thread stopper([&] { server->Stop(); });
  EXPECT_FALSE(visitor.Read(10s));
  stopper.join();
  EXPECT_EQ(visitor.close_code(), 1001);
  server.reset();

  // The acknowledged message is there after a restart.
  server = std::make_unique<app::Server>(config, clock);
  server->Start();
  auto login = SignIn(server->port(), "demo-bank", "supervisor@demo.kefu", "kefu-demo");
  ASSERT_TRUE(login);
  server.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kefu::testing
