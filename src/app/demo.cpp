#include "app/demo.hpp"

#include <fmt/format.h>

#include <future>
#include <stdexcept>

#include "app/store_wait.hpp"
#include "auth/password_hasher.hpp"
#include "bot/bot_settings.hpp"
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
      {"agent1@demo.kefu", "王小明", engine::Role::kAgent, {0, 1}},
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
  // 个人业务 is bot-first (the bot answers, hands over on request); 信用卡 goes to a person.
  const std::vector<engine::QueueInfo> queues = {{NewId("q"), "retail", "个人业务", true},
                                                 {NewId("q"), "cards", "信用卡", false}};
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
  // Team canned replies in the default categories (ids from migration 5), with variables that
  // the workspace expands when a reply is inserted.
  auto canned = [](std::string code, std::string title, std::string text, std::string category) {
    return storage::CannedReply{NewId("cr"),
                                std::move(code),
                                std::move(title),
                                std::move(text),
                                std::move(category),
                                "",
                                0};
  };
  const std::vector<storage::CannedReply> replies = {
      canned("hi", "开场问候",
             "您好，{客户名}！我是{企业名}客服{客服名}，很高兴为您服务，请问有什么可以帮您？",
             "greeting"),
      canned("again", "欢迎回来", "{客户名}您好，欢迎再次咨询，请问上次的问题解决了吗？",
             "greeting"),
      canned("sorry", "致歉", "非常抱歉给您带来不便，我们会尽快为您处理。", "apology"),
      canned("delay", "处理延误致歉",
             "抱歉让您久等了，{客户名}。您的问题我已记录并加急处理，有结果会第一时间通知您。",
             "apology"),
      canned("wait", "请稍候", "好的，请您稍等，我马上为您查询。", "waiting"),
      canned("check", "查询中", "正在为您核实信息，大约需要 2 分钟，请不要关闭对话窗口。",
             "waiting"),
      canned("thx", "感谢等待", "{客户名}，感谢您的耐心等待！请问还有其他可以帮您的吗？", "thanks"),
      canned("ty", "感谢配合", "感谢您的配合与理解！", "thanks"),
      canned("bye", "结束语", "感谢您的咨询，祝您生活愉快，再见！", "closing"),
      canned("rate", "邀请评价", "本次服务到此结束，欢迎您对{客服名}的服务进行评价，谢谢！",
             "closing"),
      canned("hotline", "客服热线", "如需电话办理，请拨打{企业名}客服热线 95555（7×24 小时）。",
             ""),
  };
  for (const auto& reply : replies) {
    Wait([&](storage::Done done) { store.CreateCannedReply(tenant.id, reply, std::move(done)); });
  }
  // A small bank knowledge base: enough for the bot to answer, clarify and miss in a demo.
  auto entry = [](std::string question, std::vector<std::string> similar, std::string answer,
                  std::string category) {
    bot::KbEntry e;
    e.id = NewId("kb");
    e.question = std::move(question);
    e.similar = std::move(similar);
    e.answer = std::move(answer);
    e.category = std::move(category);
    return e;
  };
  std::vector<bot::KbEntry> kb = {
      entry("信用卡被锁了怎么办？", {"信用卡锁卡了", "卡被冻结了怎么解锁", "信用卡不能用了"},
            "您可以在手机银行“信用卡-卡片管理”中自助解锁，或携带身份证到任一网点办理。", "信用卡"),
      entry("如何修改银行卡密码？", {"怎么改密码", "忘记密码了怎么办", "重置交易密码"},
            "登录手机银行，进入“我的-安全中心-密码管理”即可修改交易密码；忘记密码请携带身份证"
            "到网点重置。",
            "个人业务"),
      entry("转账限额是多少？", {"一天能转多少钱", "转账额度怎么调整", "单笔转账上限"},
            "手机银行单笔转账限额默认 5 万元，日累计 20 万元，可在网点申请调整。", "个人业务"),
      entry("信用卡账单日可以修改吗？", {"怎么改账单日", "更换账单日期"},
            "每张信用卡每年可修改一次账单日，请在手机银行“信用卡-账单设置”中操作。", "信用卡"),
      entry("信用卡怎么还款？", {"如何还信用卡", "还款方式有哪些", "自动还款怎么设置"},
            "可通过手机银行“信用卡-还款”、自动还款或网点柜台还款，设置自动还款后到期日自动扣款。",
            "信用卡"),
      entry("信用卡最低还款是多少？", {"最低还款额怎么算", "只还最低还款会怎样"},
            "最低还款额为账单金额的 10%，只还最低还款不影响征信，但未还部分将按日计息。", "信用卡"),
      entry("如何开通手机银行？", {"手机银行怎么注册", "下载手机银行"},
            "在应用商店下载本行手机银行，使用本人银行卡和预留手机号即可注册开通。", "电子银行"),
      entry("网点营业时间是几点？", {"银行几点开门", "周末营业吗"},
            "大部分网点工作日 9:00–17:00 营业，部分网点周末营业，具体请在手机银行“网点查询”"
            "中查看。",
            "网点服务"),
      entry("如何挂失银行卡？", {"银行卡丢了怎么办", "卡丢失挂失", "补办银行卡"},
            "请立即拨打客服热线或在手机银行“卡片管理-挂失”中办理临时挂失，再到网点办理正式挂失"
            "和补卡。",
            "个人业务"),
      entry("贷款利率是多少？", {"房贷利率", "消费贷款利息怎么算"},
            "贷款利率以签约时的贷款市场报价利率（LPR）为基础确定，具体请咨询客户经理。", "贷款"),
  };
  Wait([&](storage::Done done) {
    store.PutKbEntries(tenant.id, std::move(kb), clock.Now(), std::move(done));
  });
  // The bot of 个人业务 hands credit-card questions to the card team (docs/kb.md, "Handoff").
  bot::BotSettings bot_settings;
  bot_settings.handoff_routes = {{"信用卡", queues[1].id}};
  Wait([&](storage::Done done) {
    store.PutBotSettings(tenant.id, bot::SerializeBotSettings(bot_settings), std::move(done));
  });
  // The bank's inquiry classification (咨询分类), chosen by agents when closing a chat. Optional
  // in the demo (an administrator can require it in 咨询分类 settings).
  auto node = [](const char* id, const char* parent, const char* name) {
    return engine::ClassificationNode{id, parent, name, 0, true};
  };
  std::vector<engine::ClassificationNode> tree = {
      node("acct", "", "账户与银行卡"),
      node("acct-pwd", "acct", "密码重置"),
      node("acct-lost", "acct", "挂失与补卡"),
      node("acct-frozen", "acct", "账户冻结与解冻"),
      node("acct-open", "acct", "开户与销户"),
      node("card", "", "信用卡"),
      node("card-limit", "card", "额度调整"),
      node("card-bill", "card", "账单与还款"),
      node("card-bill-date", "card-bill", "账单日修改"),
      node("card-bill-pay", "card-bill", "还款方式"),
      node("card-bill-min", "card-bill", "最低还款"),
      node("card-lock", "card", "卡片锁定与解锁"),
      node("card-fee", "card", "年费"),
      node("transfer", "", "转账汇款"),
      node("transfer-limit", "transfer", "转账限额"),
      node("transfer-failed", "transfer", "转账失败"),
      node("ebank", "", "电子银行"),
      node("ebank-open", "ebank", "开通与注册"),
      node("ebank-login", "ebank", "登录问题"),
      node("loan", "", "贷款"),
      node("loan-rate", "loan", "利率咨询"),
      node("loan-prepay", "loan", "提前还款"),
      node("complaint", "", "投诉与建议"),
      node("complaint-service", "complaint", "服务投诉"),
      node("complaint-advice", "complaint", "产品建议"),
      node("other", "", "其他"),
  };
  Wait([&](storage::Done done) {
    store.PutClassificationTree(tenant.id, std::move(tree), std::move(done));
  });
  return banner;
}

}  // namespace kefu::app
