// What the SQLite store tests share: waiting for a write, and a fresh database per test in its
// own temporary directory.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>

#include "storage/sqlite/sqlite_store.hpp"

namespace kefu::storage::sqlite {

// Blocks until a write completes; the tests' way to observe durability.
inline Result<void> Wait(const std::function<void(Done)>& submit) {
  std::promise<Result<void>> promise;
  auto future = promise.get_future();
  submit([&](Result<void> r) { promise.set_value(std::move(r)); });
  return future.get();
}

// A directory per test (named after `prefix`, the process and the test), removed afterwards.
// The store is opened by the test (Open), so migrations can be tested on an older file first.
class StoreFixture : public ::testing::Test {
 protected:
  explicit StoreFixture(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           (prefix_ + "-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Path() const { return (dir_ / "kefu.db").string(); }
  void Open() { store_ = std::make_unique<SqliteStore>(Path()); }

  // A tenant with one queue (q_<id>), an administrator and an agent in that queue.
  void CreateTenantWithAgent(const std::string& id, const std::string& slug) {
    UserRecord admin{
        id, "u_admin_" + id, "admin@" + slug, "管理员", engine::Role::kAdmin, "hash", 5, false, {},
        1};
    ASSERT_TRUE(Wait([&](Done d) {
      store_->CreateTenant({id, slug, "Tenant " + slug, 1}, {{"q_" + id, "retail", "个人业务"}},
                           admin, d);
    }));
    UserRecord agent{id, "u_agent_" + id, "agent@" + slug, "王小明", engine::Role::kAgent, "hash",
                     3,  false,           {"q_" + id},     2};
    ASSERT_TRUE(Wait([&](Done d) { store_->CreateUser(agent, d); }));
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;

 private:
  std::string prefix_;
};

}  // namespace kefu::storage::sqlite
