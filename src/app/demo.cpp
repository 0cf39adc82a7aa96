#include "app/demo.hpp"

#include <fmt/format.h>

#include <future>
#include <stdexcept>

#include "app/store_wait.hpp"
#include "auth/password_hasher.hpp"
#include "common/clock.hpp"
#include "common/ids.hpp"

namespace kefu::app {
namespace {

void Wait(const std::function<void(storage::Done)>& submit) {
  WaitForWrite("demo data", submit);
}

struct DemoUser {
  const char* email;
  const char* name;
  engine::Role role;
  std::vector<int> queues;  // indexes into the demo queues
};

}  // namespace

std::string SeedDemoTenant(storage::Store& store, const std::string& base_url) {
  const std::vector<DemoUser> people = {
      {"admin@demo.kefu", "系统管理员", engine::Role::kAdmin, {}},
      {"supervisor@demo.kefu", "陈主管", engine::Role::kSupervisor, {}},
      {"agent1@demo.kefu", "王小明", engine::Role::kAgent, {0}},
      {"agent2@demo.kefu", "李娜", engine::Role::kAgent, {0, 1}},
      {"agent3@demo.kefu", "张伟", engine::Role::kAgent, {1}},
  };
  std::string logins;
  for (const auto& p : people) {
    logins += fmt::format("    {:<22} {:<10} {}\n", p.email, engine::ToString(p.role), p.name);
  }
  const std::string banner = fmt::format(
      "\nKefu demo is running.\n"
      "  Demo bank page with the chat widget: {0}/demo/\n"
      "  Agent workspace:                     {0}/agent/   (tenant: {1})\n"
      "  Logins (password for all: {2}):\n{3}",
      base_url, kDemoTenantSlug, kDemoPassword, logins);

  auto existing = store.FindTenantBySlug(kDemoTenantSlug);
  if (!existing) throw std::runtime_error("demo data: " + existing.error().message);
  if (*existing) return banner;

  SystemClock clock;
  const Millis now = clock.Now();
  storage::TenantRecord tenant{NewId("t"), kDemoTenantSlug, "Kefu 示范银行", now};
  const std::vector<engine::QueueInfo> queues = {{NewId("q"), "retail", "个人业务"},
                                                 {NewId("q"), "cards", "信用卡"}};
  std::vector<storage::UserRecord> users;
  for (const auto& p : people) {
    storage::UserRecord user{tenant.id, NewId("u"),
                             p.email,   p.name,
                             p.role,    auth::HashPassword(kDemoPassword),
                             5,         p.role == engine::Role::kAdmin,
                             {},        now};
    for (int q : p.queues) user.queue_ids.push_back(queues[static_cast<std::size_t>(q)].id);
    users.push_back(std::move(user));
  }
  Wait([&](storage::Done done) { store.CreateTenant(tenant, queues, users[0], std::move(done)); });
  for (std::size_t i = 1; i < users.size(); ++i) {
    Wait([&](storage::Done done) { store.CreateUser(users[i], std::move(done)); });
  }
  const std::vector<storage::CannedReply> replies = {
      {NewId("r"), "hi", "问候", "您好，很高兴为您服务，请问有什么可以帮您？"},
      {NewId("r"), "wait", "请稍候", "好的，请您稍等，我马上为您查询。"},
      {NewId("r"), "sorry", "致歉", "非常抱歉给您带来不便，我们会尽快为您处理。"},
      {NewId("r"), "thx", "感谢", "感谢您的耐心等待！"},
      {NewId("r"), "bye", "结束语", "感谢您的咨询，祝您生活愉快，再见！"},
  };
  for (const auto& reply : replies) {
    Wait([&](storage::Done done) { store.AddCannedReply(tenant.id, reply, std::move(done)); });
  }
  const std::vector<storage::FaqEntry> faqs = {
      {NewId("f"), "信用卡被锁了怎么办？",
       "您可以在手机银行“信用卡-卡片管理”中自助解锁，或携带身份证到任一网点办理。", "信用卡"},
      {NewId("f"), "如何修改银行卡密码？",
       "登录手机银行，进入“我的-安全中心-密码管理”即可修改交易密码。", "个人业务"},
      {NewId("f"), "转账限额是多少？",
       "手机银行单笔转账限额默认 5 万元，日累计 20 万元，可在网点申请调整。", "个人业务"},
      {NewId("f"), "信用卡账单日可以修改吗？",
       "每张信用卡每年可修改一次账单日，请在手机银行“信用卡-账单设置”中操作。", "信用卡"},
  };
  for (const auto& faq : faqs) {
    Wait([&](storage::Done done) { store.AddFaqEntry(tenant.id, faq, std::move(done)); });
  }
  return banner;
}

}  // namespace kefu::app
