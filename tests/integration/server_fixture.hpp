// A real Kefu server in-process on port 0 with the demo tenant, shared by a test suite, plus
// helpers that sign staff in and open widget and workspace connections.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "app/server.hpp"
#include "test_client.hpp"

namespace kefu::testing {

namespace json = boost::json;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() /
           ("kefu-it-" + std::to_string(::getpid()) + "-" + std::to_string(++suite_counter_));
    std::filesystem::remove_all(dir_);
    app::ServeConfig config;
    config.port = 0;
    config.data_dir = dir_.string();
    config.web_root = (dir_ / "web").string();
    server_ = std::make_unique<app::Server>(config, clock_);
    server_->SeedDemo();
    server_->Start();
    port_ = server_->port();
    admin_ = SignIn(port_, "demo-bank", "admin@demo.kefu", "kefu-demo");
    ASSERT_TRUE(admin_) << "the demo administrator signs in";
  }
  static void TearDownTestSuite() {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A fresh tenant with one queue ("general") whose administrator also serves that queue, so
  // that each test has agents and conversations of its own.
  static Login NewTenant(const std::string& slug) {
    auto created = HttpRequest(
        port_, "POST", "/api/tenants",
        json::serialize(json::object{
            {"slug", slug},
            {"name", "Tenant " + slug},
            {"admin", {{"email", "boss@" + slug}, {"name", "老板"}, {"password", "password-1"}}}}),
        admin_->cookie, admin_->csrf);
    EXPECT_EQ(created.status, 201) << created.raw_body;
    auto login = SignIn(port_, slug, "boss@" + slug, "password-1");
    EXPECT_TRUE(login);
    return login.value_or(Login{});
  }

  // Opens a workspace connection and (optionally) goes online.
  static void ConnectAgent(WsClient& client, const Login& login, bool online = true,
                           const json::object& resume = {}) {
    ASSERT_TRUE(client.Connect(port_, login.cookie));
    client.Send(json::object{{"type", "hello"}, {"role", "agent"}, {"resume", resume}});
    auto welcome = client.Expect("welcome");
    ASSERT_TRUE(welcome);
    ASSERT_EQ(welcome->at("role"), "agent");
    if (online) {
      client.Send(json::object{{"type", "status"}, {"id", "online-1"}, {"status", "online"}});
      ASSERT_TRUE(client.Expect("ack", "online-1"));
    }
  }

  // Opens a widget connection; returns the welcome frame.
  static json::object ConnectVisitor(WsClient& client, const std::string& tenant,
                                     const std::string& token = "", const json::object& resume = {},
                                     const std::string& queue = "") {
    EXPECT_TRUE(client.Connect(port_));
    client.Send(json::object{{"type", "hello"},
                             {"role", "visitor"},
                             {"tenant", tenant},
                             {"visitor_token", token},
                             {"queue", queue},
                             {"resume", resume}});
    auto welcome = client.Expect("welcome");
    EXPECT_TRUE(welcome);
    return welcome.value_or(json::object{});
  }

  static std::string Unique(const std::string& prefix) {
    return prefix + std::to_string(++unique_counter_);
  }

  static inline std::filesystem::path dir_;
  static inline SystemClock clock_;
  static inline std::unique_ptr<app::Server> server_;
  static inline unsigned short port_ = 0;
  static inline std::optional<Login> admin_;
  static inline std::atomic<int> suite_counter_{0};
  static inline std::atomic<int> unique_counter_{0};
};

inline bool IsEvent(const json::object& f, const std::string& conversation, long seq) {
  return f.at("type") == "event" && f.at("conversation") == conversation.c_str() &&
         f.at("seq").as_int64() == seq;
}

}  // namespace kefu::testing
