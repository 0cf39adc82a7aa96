// REST of the inquiry classification (docs/protocol.md, "Inquiry classification"): the tree and
// the tenant's settings (editors change them, staff read them), a conversation's classification
// after its close, and the repeat-contact alert for a conversation.
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "common/log.hpp"
#include "engine/classification.hpp"
#include "engine/repeat_contact.hpp"
#include "http/rest.hpp"
#include "http/router.hpp"
#include "protocol/classification_json.hpp"
#include "realtime/offload.hpp"

namespace kefu::http {
namespace {

namespace beast_http = boost::beast::http;
namespace json = boost::json;
using boost::asio::awaitable;
using realtime::Offload;
using realtime::Principal;
using Status = beast_http::status;

// How many earlier conversations the repeat rule looks at (the newest within the window).
constexpr std::size_t kRepeatCandidates = 20;

bool IsEditor(const Principal& who) {
  return who.role != engine::Role::kAgent;
}

// The conversation, if `who` may see it: supervisors and administrators any of the tenant's,
// agents those assigned to them (a closed one stays with its last agent). Another tenant's is
// "not found", never "forbidden". Blocking.
Result<engine::ConversationSnapshot> VisibleConversation(storage::Store& store,
                                                         const Principal& who,
                                                         const std::string& id) {
  auto found = store.FindConversation(who.tenant_id, id);
  if (!found) return Unexpected{found.error()};
  if (!*found) return Fail(ErrorCode::kNotFound, "no such conversation");
  const bool mine = (*found)->agent && (*found)->agent->id == who.user_id;
  if (!IsEditor(who) && !mine) {
    return Fail(ErrorCode::kForbidden, "the conversation is not assigned to you");
  }
  return **found;
}

// After a change of the tree or the settings: the engine checks closes against the new policy.
Result<engine::ClassificationPolicy> Reapply(realtime::Hub& hub, const std::string& tenant_id) {
  auto policy = hub.store().FindClassificationPolicy(tenant_id);
  if (!policy) return policy;
  if (auto runtime = hub.Runtime(tenant_id)) (*runtime)->SetClassification(*policy);
  return policy;
}

}  // namespace

awaitable<Response> Router::ClassifyApi(const Request& request, const Principal& who) {
  const std::string path(PathOf(request));
  const auto method = request.method();
  using beast_http::verb;
  if (path == "/api/classification/tree" && (method == verb::get || method == verb::put)) {
    co_return co_await ClassificationTree(request, who);
  }
  if (path == "/api/classification/settings" && (method == verb::get || method == verb::put)) {
    co_return co_await ClassificationSettings(request, who);
  }
  if (path.starts_with("/api/conversations/")) {
    auto tail = Tail(request, "/api/conversations");
    if (tail.size() == 2 && tail[1] == "classification" &&
        (method == verb::get || method == verb::patch)) {
      co_return co_await ConversationClassification(request, who, tail[0]);
    }
    if (tail.size() == 2 && tail[1] == "repeat" && method == verb::get) {
      co_return co_await RepeatContact(request, who, tail[0]);
    }
  }
  co_return ErrorResponse(request, ErrorCode::kNotFound, "no such API endpoint");
}

awaitable<Response> Router::ClassificationTree(const Request& request, const Principal& who) {
  if (request.method() == beast_http::verb::get) {
    auto nodes = co_await Offload(
        hub_.blocking(), [&] { return hub_.store().ListClassificationNodes(who.tenant_id); });
    if (!nodes) co_return ErrorResponse(request, nodes.error());
    co_return JsonResponse(request, Status::ok,
                           json::object{{"nodes", protocol::ClassificationTreeJson(*nodes)}});
  }
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto submitted = protocol::ParseClassificationTree(*body);
  if (!submitted) co_return ErrorResponse(request, submitted.error());
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<engine::ClassificationPolicy> {
    auto stored = WaitFor([&](auto done) {
      hub_.store().PutClassificationTree(who.tenant_id, std::move(*submitted), std::move(done));
    });
    if (!stored) return Unexpected{stored.error()};
    return Reapply(hub_, who.tenant_id);
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  log::Info("event=classification_tree_saved tenant={} nodes={} by={}", who.tenant_id,
            saved->tree.size(), who.user_id);
  co_return JsonResponse(request, Status::ok,
                         json::object{{"nodes", protocol::ClassificationTreeJson(saved->tree)}});
}

awaitable<Response> Router::ClassificationSettings(const Request& request, const Principal& who) {
  if (request.method() == beast_http::verb::get) {
    auto settings = co_await Offload(
        hub_.blocking(), [&] { return hub_.store().FindClassificationSettings(who.tenant_id); });
    if (!settings) co_return ErrorResponse(request, settings.error());
    co_return JsonResponse(
        request, Status::ok,
        json::object{{"settings", protocol::ClassificationSettingsJson(*settings)}});
  }
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<engine::ClassificationSettings> {
    // Fields left out keep their value.
    auto current = hub_.store().FindClassificationSettings(who.tenant_id);
    if (!current) return current;
    auto settings = protocol::ParseClassificationSettings(*body, *current);
    if (!settings) return settings;
    auto stored = WaitFor([&](auto done) {
      hub_.store().PutClassificationSettings(who.tenant_id, *settings, std::move(done));
    });
    if (!stored) return Unexpected{stored.error()};
    if (auto policy = Reapply(hub_, who.tenant_id); !policy) return Unexpected{policy.error()};
    return settings;
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  log::Info("event=classification_settings_saved tenant={} required={} by={}", who.tenant_id,
            saved->required, who.user_id);
  co_return JsonResponse(request, Status::ok,
                         json::object{{"settings", protocol::ClassificationSettingsJson(*saved)}});
}

awaitable<Response> Router::ConversationClassification(const Request& request, const Principal& who,
                                                       std::string conversation_id) {
  const bool patch = request.method() == beast_http::verb::patch;
  json::object body;
  if (patch) {
    auto parsed = ParseBody(request);
    if (!parsed) co_return ErrorResponse(request, parsed.error());
    body = std::move(*parsed);
  }
  auto result = co_await Offload(hub_.blocking(), [&]() -> Result<json::value> {
    auto conversation = VisibleConversation(hub_.store(), who, conversation_id);
    if (!conversation) return Unexpected{conversation.error()};
    auto tree = hub_.store().ListClassificationNodes(who.tenant_id);
    if (!tree) return Unexpected{tree.error()};
    if (!patch) {
      if (conversation->classification_id.empty() && conversation->summary.empty()) {
        return json::value(nullptr);
      }
      return json::value(protocol::ClassificationChoiceJson(
          {conversation->classification_id, engine::PathOf(*tree, conversation->classification_id),
           conversation->summary}));
    }
    // While the conversation is open the classification comes with the close command.
    if (conversation->state != engine::ConversationState::kClosed) {
      return Fail(ErrorCode::kConflict, "classify an open conversation when closing it");
    }
    std::string id;
    std::string summary;
    for (const auto& [key, value] : body) {
      if (key == "classification" && value.is_string()) {
        id = std::string(value.get_string());
      } else if (key == "summary" && value.is_string()) {
        summary = std::string(value.get_string());
      } else if (!(key == "classification" && value.is_null())) {
        return Fail(ErrorCode::kBadFrame,
                    "the body is {\"classification\": node id, \"summary\": text}");
      }
    }
    auto choice = engine::ResolveChoice(*tree, id, summary);
    if (!choice) return Unexpected{choice.error()};
    auto stored = WaitFor([&](auto done) {
      hub_.store().SetConversationClassification(who.tenant_id, conversation_id, *choice,
                                                 std::move(done));
    });
    if (!stored) return Unexpected{stored.error()};
    // The engine's copy of this closed conversation no longer says whether it is classified:
    // the customer's next welcome reads it from the database.
    hub_.ForgetVisitor(who.tenant_id, conversation->visitor.id);
    return json::value(protocol::ClassificationChoiceJson(*choice));
  });
  if (!result) co_return ErrorResponse(request, result.error());
  if (patch) {
    log::Info("event=conversation_classified tenant={} conversation={} by={}", who.tenant_id,
              conversation_id, who.user_id);
  }
  co_return JsonResponse(request, Status::ok, json::object{{"classification", *result}});
}

awaitable<Response> Router::RepeatContact(const Request& request, const Principal& who,
                                          std::string conversation_id) {
  auto result = co_await Offload(hub_.blocking(), [&]() -> Result<json::value> {
    auto conversation = VisibleConversation(hub_.store(), who, conversation_id);
    if (!conversation) return Unexpected{conversation.error()};
    auto policy = hub_.store().FindClassificationPolicy(who.tenant_id);
    if (!policy) return Unexpected{policy.error()};
    const Millis window = policy->settings.repeat_window;
    auto past =
        hub_.store().ClosedConversationsOf(who.tenant_id, conversation->visitor.id,
                                           conversation->created_at - window, kRepeatCandidates);
    if (!past) return Unexpected{past.error()};
    return protocol::RepeatContactJson(
        engine::FindRepeatContact(*conversation, *past, window, policy->tree));
  });
  if (!result) co_return ErrorResponse(request, result.error());
  co_return JsonResponse(request, Status::ok, json::object{{"repeat", *result}});
}

}  // namespace kefu::http
