// REST of queueing and routing (docs/protocol.md, REST; docs/routing.md): queues, agents'
// skills and capacity, tenant routing settings, transfer targets, the supervisors' board, left
// messages and the identity secret.
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "auth/identity.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/engine_query.hpp"
#include "http/rest.hpp"
#include "http/router.hpp"
#include "protocol/codec.hpp"
#include "protocol/routing_json.hpp"
#include "realtime/offload.hpp"

namespace kefu::http {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
namespace json = boost::json;
using asio::awaitable;
using realtime::Await;
using realtime::Offload;
using realtime::Principal;
using Status = beast_http::status;

bool IsAdmin(const Principal& who) {
  return who.role == engine::Role::kAdmin;
}
bool IsSupervisor(const Principal& who) {
  return who.role != engine::Role::kAgent;
}

}  // namespace

awaitable<Response> Router::RoutingApi(const Request& request, const Principal& who) {
  const std::string path(PathOf(request));
  const auto method = request.method();
  using beast_http::verb;
  if (path == "/api/queues" && method == verb::post) co_return co_await SaveQueue(request, who, {});
  if (path.starts_with("/api/queues/") && method == verb::patch) {
    auto tail = Tail(request, "/api/queues");
    if (tail.size() == 1) co_return co_await SaveQueue(request, who, tail[0]);
  }
  if (path.starts_with("/api/users/") && method == verb::patch) {
    auto tail = Tail(request, "/api/users");
    if (tail.size() == 1) co_return co_await PatchUser(request, who, tail[0]);
  }
  if (path == "/api/routing/settings") co_return co_await RoutingSettings(request, who);
  if (path == "/api/transfer-targets" && method == verb::get) {
    auto targets = co_await InspectEngine<json::object>(
        hub_, who.tenant_id, [](const engine::TenantEngine& engine) {
          json::array agents;
          for (const auto& agent : engine.Agents()) {
            agents.push_back(protocol::AgentSnapshotJson(agent));
          }
          json::array queues;
          for (const auto& queue : engine.Queues()) {
            queues.push_back(json::object{{"id", queue.id},
                                          {"name", queue.name},
                                          {"waiting", engine.router().WaitingIn(queue.id)}});
          }
          return json::object{{"agents", std::move(agents)}, {"queues", std::move(queues)}};
        });
    if (!targets) co_return ErrorResponse(request, targets.error());
    co_return JsonResponse(request, Status::ok, *targets);
  }
  if (path == "/api/conversations" && method == verb::get) {
    if (!IsSupervisor(who)) {
      co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
    }
    const std::string agent = QueryParam(request, "agent").value_or(std::string());
    if (agent.empty()) co_return ErrorResponse(request, ErrorCode::kBadFrame, "agent is required");
    // Named, not a temporary inside the co_await expression: GCC 12 destroys such temporaries
    // twice (here the captured string).
    auto read = [agent](const engine::TenantEngine& engine) {
      json::array conversations;
      for (const auto& c : engine.OpenConversationsOfAgent(agent)) {
        conversations.push_back(protocol::ConversationJson(c));
      }
      return conversations;
    };
    auto list = co_await InspectEngine<json::array>(hub_, who.tenant_id, std::move(read));
    if (!list) co_return ErrorResponse(request, list.error());
    co_return JsonResponse(request, Status::ok, json::object{{"conversations", std::move(*list)}});
  }
  if (path == "/api/board" && method == verb::get) {
    if (!IsSupervisor(who)) {
      co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
    }
    auto board = co_await InspectEngine<json::object>(
        hub_, who.tenant_id, [](const engine::TenantEngine& engine) {
          return protocol::BoardJson(engine.Board(), engine.Agents());
        });
    if (!board) co_return ErrorResponse(request, board.error());
    co_return JsonResponse(request, Status::ok, *board);
  }
  if (path == "/api/left-messages" && method == verb::get) {
    if (!IsSupervisor(who)) {
      co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
    }
    auto limit = QueryInteger(request, "limit", 100, 500);
    if (!limit) co_return ErrorResponse(request, limit.error());
    auto messages = co_await Offload(hub_.blocking(), [&] {
      return hub_.store().ListLeftMessages(who.tenant_id, static_cast<std::size_t>(*limit));
    });
    if (!messages) co_return ErrorResponse(request, messages.error());
    json::array list;
    for (const auto& m : *messages) {
      list.push_back(json::object{{"id", m.id},
                                  {"queue", {{"id", m.queue.id}, {"name", m.queue.name}}},
                                  {"visitor", {{"id", m.visitor.id}, {"name", m.visitor.name}}},
                                  {"name", m.name},
                                  {"contact", m.contact},
                                  {"text", m.text},
                                  {"at", m.at}});
    }
    co_return JsonResponse(request, Status::ok, json::object{{"messages", std::move(list)}});
  }
  if (path == "/api/settings/identity" && method == verb::get) {
    if (!IsAdmin(who))
      co_return ErrorResponse(request, ErrorCode::kForbidden, "administrators only");
    // Created on first use; shown only to administrators, never logged.
    auto secret = co_await Offload(hub_.blocking(), [&]() -> Result<std::string> {
      auto found = hub_.store().FindIdentitySecret(who.tenant_id);
      if (!found) return Unexpected{found.error()};
      if (*found) return **found;
      std::string fresh = auth::NewIdentitySecret();
      auto stored = WaitFor([&](auto done) {
        hub_.store().PutIdentitySecret(who.tenant_id, fresh, std::move(done));
      });
      if (!stored) return Unexpected{stored.error()};
      return fresh;
    });
    if (!secret) co_return ErrorResponse(request, secret.error());
    co_return JsonResponse(request, Status::ok, json::object{{"secret", *secret}});
  }
  co_return ErrorResponse(request, ErrorCode::kNotFound, "no such API endpoint");
}

awaitable<Response> Router::SaveQueue(const Request& request, const Principal& who,
                                      std::string queue_id) {
  if (!IsAdmin(who)) co_return ErrorResponse(request, ErrorCode::kForbidden, "administrators only");
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  const bool creating = queue_id.empty();
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<engine::QueueInfo> {
    auto queues = hub_.store().ListQueues(who.tenant_id);
    if (!queues) return Unexpected{queues.error()};
    engine::QueueInfo base;
    if (creating) {
      base.id = NewId("q");
    } else {
      auto it = std::find_if(queues->begin(), queues->end(),
                             [&](const auto& q) { return q.id == queue_id; });
      if (it == queues->end()) return Fail(ErrorCode::kNotFound, "no such queue");
      base = *it;
    }
    auto queue = protocol::ApplyQueueFields(*body, base, creating);
    if (!queue) return queue;
    for (const auto& other : *queues) {
      if (creating && other.slug == queue->slug) {
        return Fail(ErrorCode::kConflict, "a queue with this slug exists");
      }
    }
    const auto& overflow = queue->routing.overflow_queue_id;
    if (!overflow.empty() && std::none_of(queues->begin(), queues->end(),
                                          [&](const auto& q) { return q.id == overflow; })) {
      return Fail(ErrorCode::kBadFrame, "overflow_queue is not a queue of this tenant");
    }
    auto stored = WaitFor([&](auto done) {
      if (creating) {
        hub_.store().CreateQueue(who.tenant_id, *queue, std::move(done));
      } else {
        hub_.store().UpdateQueue(who.tenant_id, *queue, std::move(done));
      }
    });
    if (!stored) return Unexpected{stored.error()};
    hub_.OnQueuesChanged(who.tenant_id);
    if (auto runtime = hub_.Runtime(who.tenant_id)) (*runtime)->UpsertQueue(*queue);
    return queue;
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  log::Info("event=queue_saved tenant={} queue={} created={} by={}", who.tenant_id, saved->id,
            creating, who.user_id);
  co_return JsonResponse(request, creating ? Status::created : Status::ok,
                         json::object{{"queue", protocol::QueueJson(*saved)}});
}

awaitable<Response> Router::PatchUser(const Request& request, const Principal& who,
                                      std::string user_id) {
  if (!IsAdmin(who)) co_return ErrorResponse(request, ErrorCode::kForbidden, "administrators only");
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<storage::UserRecord> {
    auto found = hub_.store().FindUser(who.tenant_id, user_id);
    if (!found) return Unexpected{found.error()};
    if (!*found) return Fail(ErrorCode::kNotFound, "no such user");
    storage::UserRecord user = **found;
    auto queues = hub_.store().ListQueues(who.tenant_id);
    if (!queues) return Unexpected{queues.error()};
    for (const auto& [key, value] : *body) {
      if (key == "id") continue;
      if (key == "name") {
        if (!value.is_string() || value.get_string().empty() || value.get_string().size() > 150) {
          return Fail(ErrorCode::kBadFrame, "name must be 1-50 characters");
        }
        user.name = std::string(value.get_string());
      } else if (key == "role") {
        auto role = value.is_string() ? engine::ParseRole(value.get_string()) : std::nullopt;
        if (!role) return Fail(ErrorCode::kBadFrame, "role must be agent, supervisor or admin");
        if (user.id == who.user_id && *role != engine::Role::kAdmin) {
          return Fail(ErrorCode::kConflict, "you cannot take away your own administrator role");
        }
        user.role = *role;
      } else if (key == "capacity") {
        if (!value.is_int64() || value.get_int64() < 0 || value.get_int64() > 50) {
          return Fail(ErrorCode::kBadFrame, "capacity must be 0-50");
        }
        user.capacity = static_cast<int>(value.get_int64());
      } else if (key == "skills") {
        auto skills = protocol::ParseSkills(value);
        if (!skills) return Unexpected{skills.error()};
        user.skills = std::move(*skills);
      } else if (key == "queues") {
        if (!value.is_array()) return Fail(ErrorCode::kBadFrame, "queues must be a list of ids");
        std::vector<std::string> ids;
        for (const auto& id : value.get_array()) {
          if (!id.is_string() || std::none_of(queues->begin(), queues->end(), [&](const auto& q) {
                return q.id == id.get_string();
              })) {
            return Fail(ErrorCode::kBadFrame, "queues must be ids of this tenant's queues");
          }
          if (std::find(ids.begin(), ids.end(), id.get_string()) == ids.end()) {
            ids.emplace_back(id.get_string());
          }
        }
        user.queue_ids = std::move(ids);
      } else {
        return Fail(ErrorCode::kBadFrame, "unknown field " + std::string(key));
      }
    }
    auto stored = WaitFor([&](auto done) { hub_.store().UpdateUser(user, std::move(done)); });
    if (!stored) return Unexpected{stored.error()};
    return user;
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  hub_.OnUserChanged(*saved);
  log::Info("event=user_changed tenant={} user={} by={}", who.tenant_id, saved->id, who.user_id);
  co_return JsonResponse(
      request, Status::ok,
      json::object{
          {"user", protocol::AgentJson(saved->ToAgentInfo(), engine::AgentStatus::kOffline, 0)}});
}

awaitable<Response> Router::RoutingSettings(const Request& request, const Principal& who) {
  if (request.method() == beast_http::verb::get) {
    auto settings = co_await Offload(
        hub_.blocking(), [&] { return hub_.store().FindRoutingSettings(who.tenant_id); });
    if (!settings) co_return ErrorResponse(request, settings.error());
    co_return JsonResponse(request, Status::ok,
                           json::object{{"settings", protocol::RoutingSettingsJson(*settings)}});
  }
  if (request.method() != beast_http::verb::put) {
    co_return ErrorResponse(request, ErrorCode::kNotFound, "no such API endpoint");
  }
  if (!IsAdmin(who)) co_return ErrorResponse(request, ErrorCode::kForbidden, "administrators only");
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  std::optional<engine::RoutingSettings> settings;
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<void> {
    // Fields left out keep their value.
    auto current = hub_.store().FindRoutingSettings(who.tenant_id);
    if (!current) return Unexpected{current.error()};
    auto parsed = protocol::ParseRoutingSettings(*body, *current);
    if (!parsed) return Unexpected{parsed.error()};
    settings = std::move(*parsed);
    auto stored = WaitFor([&](auto done) {
      hub_.store().PutRoutingSettings(who.tenant_id, *settings, std::move(done));
    });
    if (!stored) return stored;
    if (auto runtime = hub_.Runtime(who.tenant_id)) (*runtime)->SetRoutingSettings(*settings);
    return {};
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  co_return JsonResponse(request, Status::ok,
                         json::object{{"settings", protocol::RoutingSettingsJson(*settings)}});
}

}  // namespace kefu::http
