// REST of customer profiles (docs/protocol.md, "Customer profile"): the profile and the
// customer's conversations for the workspace's side panel, and an agent's edit.
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "common/log.hpp"
#include "engine/classification.hpp"
#include "http/rest.hpp"
#include "http/router.hpp"
#include "protocol/codec.hpp"
#include "protocol/profile_json.hpp"
#include "realtime/offload.hpp"

namespace kefu::http {
namespace {

namespace beast_http = boost::beast::http;
namespace json = boost::json;
using boost::asio::awaitable;
using realtime::Offload;
using realtime::Principal;
using Status = beast_http::status;

// How many of the customer's conversations the panel lists (newest first).
constexpr std::size_t kHistory = 20;

struct Customer {
  engine::CustomerProfile profile;
  std::vector<engine::ConversationSnapshot> newest_first;
};

// The customer, if `who` may see them: supervisors and administrators any of the tenant's;
// agents a customer one of whose recent conversations is (or, closed, was last) theirs. Another
// tenant's customer is "not found", never "forbidden". Blocking.
Result<Customer> VisibleCustomer(storage::Store& store, const Principal& who,
                                 const std::string& visitor_id) {
  auto profile = store.FindVisitorProfile(who.tenant_id, visitor_id);
  if (!profile) return Unexpected{profile.error()};
  if (!*profile) return Fail(ErrorCode::kNotFound, "no such customer");
  auto conversations = store.VisitorConversations(who.tenant_id, visitor_id, kHistory);
  if (!conversations) return Unexpected{conversations.error()};
  std::reverse(conversations->begin(), conversations->end());
  if (who.role == engine::Role::kAgent) {
    const bool served = std::any_of(conversations->begin(), conversations->end(),
                                    [&](auto& c) { return c.agent && c.agent->id == who.user_id; });
    if (!served) return Fail(ErrorCode::kForbidden, "you have not served this customer");
  }
  return Customer{std::move(**profile), std::move(*conversations)};
}

json::object HistoryItemJson(const engine::ConversationSnapshot& c,
                             const std::vector<engine::ClassificationNode>& tree) {
  json::object o{
      {"id", c.id},
      {"state", engine::ToString(c.state)},
      {"queue", json::object{{"id", c.queue.id}, {"name", c.queue.name}}},
      {"agent", c.agent ? json::value(json::object{{"id", c.agent->id}, {"name", c.agent->name}})
                        : json::value(nullptr)},
      {"created_at", c.created_at},
      {"updated_at", c.updated_at},
      {"closed_by",
       c.closed_by ? json::value(engine::ToString(*c.closed_by)) : json::value(nullptr)},
      {"summary", c.summary},
      {"last_seq", c.last_seq}};
  if (c.classification_id.empty()) {
    o["classification"] = nullptr;
  } else {
    json::array path;
    for (auto& name : engine::PathOf(tree, c.classification_id)) path.emplace_back(name);
    o["classification"] = json::object{{"id", c.classification_id}, {"path", std::move(path)}};
  }
  return o;
}

}  // namespace

awaitable<Response> Router::ProfileApi(const Request& request, const Principal& who) {
  auto tail = Tail(request, "/api/visitors");
  const auto method = request.method();
  if (tail.size() == 2 && tail[1] == "profile" &&
      (method == beast_http::verb::get || method == beast_http::verb::patch)) {
    co_return co_await CustomerProfile(request, who, tail[0]);
  }
  co_return ErrorResponse(request, ErrorCode::kNotFound, "no such API endpoint");
}

awaitable<Response> Router::CustomerProfile(const Request& request, const Principal& who,
                                            std::string visitor_id) {
  std::optional<engine::ProfilePatch> patch;
  if (request.method() == beast_http::verb::patch) {
    auto body = ParseBody(request);
    if (!body) co_return ErrorResponse(request, body.error());
    auto parsed = protocol::ParseProfilePatch(*body);
    if (!parsed) co_return ErrorResponse(request, parsed.error());
    patch = std::move(*parsed);
  }
  auto result = co_await Offload(hub_.blocking(), [&]() -> Result<json::object> {
    auto customer = VisibleCustomer(hub_.store(), who, visitor_id);
    if (!customer) return Unexpected{customer.error()};
    if (patch) {
      auto user = hub_.store().FindUser(who.tenant_id, who.user_id);
      if (!user) return Unexpected{user.error()};
      const engine::Ref by{who.user_id, *user ? (*user)->name : std::string()};
      auto stored = WaitFor([&](auto done) {
        hub_.store().PatchVisitorProfile(who.tenant_id, visitor_id, *patch, hub_.clock().Now(), by,
                                         std::nullopt, std::move(done));
      });
      if (!stored) return Unexpected{stored.error()};
      // The name may have changed: the customer's next welcome reads it from the database.
      hub_.ForgetVisitor(who.tenant_id, visitor_id);
      auto saved = hub_.store().FindVisitorProfile(who.tenant_id, visitor_id);
      if (!saved) return Unexpected{saved.error()};
      if (!*saved) return Fail(ErrorCode::kNotFound, "no such customer");
      return json::object{{"profile", protocol::CustomerProfileJson(**saved)}};
    }
    auto tree = hub_.store().ListClassificationNodes(who.tenant_id);
    if (!tree) return Unexpected{tree.error()};
    json::array history;
    for (const auto& c : customer->newest_first) history.push_back(HistoryItemJson(c, *tree));
    return json::object{{"profile", protocol::CustomerProfileJson(customer->profile)},
                        {"conversations", std::move(history)}};
  });
  if (!result) co_return ErrorResponse(request, result.error());
  if (patch) {
    // Who changed which customer, never what (profiles hold personal data).
    log::Info("event=profile_updated tenant={} visitor={} by={}", who.tenant_id, visitor_id,
              who.user_id);
  }
  co_return JsonResponse(request, Status::ok, std::move(*result));
}

}  // namespace kefu::http
