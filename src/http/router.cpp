#include "http/router.hpp"

#include <sodium.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "auth/password_hasher.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/engine_query.hpp"
#include "http/rest.hpp"
#include "http/static_files.hpp"
#include "protocol/classification_json.hpp"
#include "protocol/codec.hpp"
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

constexpr std::string_view kSessionCookie = "kefu_session";
// How many of a customer's latest conversations are searched for one the agent serves now.
constexpr std::size_t kServingLookback = 10;

std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
  auto header = request.find(beast_http::field::cookie);
  if (header == request.end()) return std::nullopt;
  std::string_view cookies = header->value();
  while (!cookies.empty()) {
    auto end = cookies.find(';');
    std::string_view pair = cookies.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (end == std::string_view::npos) break;
    cookies.remove_prefix(end + 1);
  }
  return std::nullopt;
}

// True unless the request carries an Origin whose host differs from Host.
bool SameOrigin(const Request& request) {
  auto origin = request.find(beast_http::field::origin);
  if (origin == request.end()) return true;
  auto host = request.find(beast_http::field::host);
  if (host == request.end()) return false;
  auto parsed = boost::urls::parse_uri(origin->value());
  if (!parsed) return false;
  return parsed->encoded_host_and_port() == host->value();
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

json::object UserJson(const storage::UserRecord& user, engine::AgentStatus status, int load) {
  return protocol::AgentJson(user.ToAgentInfo(), status, load);
}

json::object TenantJson(const storage::TenantRecord& tenant) {
  return {{"id", tenant.id}, {"slug", tenant.slug}, {"name", tenant.name}};
}

Result<storage::UserRecord> ValidateNewUser(const json::object& body, const std::string& tenant_id,
                                            const std::vector<engine::QueueInfo>& queues,
                                            Millis now) {
  storage::UserRecord user;
  user.tenant_id = tenant_id;
  user.id = NewId("u");
  user.created_at = now;
  auto email = StringField(body, "email", 3, 254);
  if (!email) return Unexpected{email.error()};
  if (email->find('@') == std::string::npos)
    return Fail(ErrorCode::kBadFrame, "'email' is invalid");
  user.email = *email;
  auto name = StringField(body, "name", 1, 64);
  if (!name) return Unexpected{name.error()};
  user.name = *name;
  auto password = StringField(body, "password", 8, 256);
  if (!password) return Unexpected{password.error()};
  user.password_hash = *password;  // hashed by the caller, off the I/O thread
  if (const auto* role = body.if_contains("role"); role != nullptr) {
    auto parsed = role->is_string() ? engine::ParseRole(role->get_string()) : std::nullopt;
    if (!parsed) return Fail(ErrorCode::kBadFrame, "'role' must be agent, supervisor or admin");
    user.role = *parsed;
  }
  if (const auto* capacity = body.if_contains("capacity"); capacity != nullptr) {
    if (!capacity->is_int64() || capacity->get_int64() < 1 || capacity->get_int64() > 50) {
      return Fail(ErrorCode::kBadFrame, "'capacity' must be an integer from 1 to 50");
    }
    user.capacity = static_cast<int>(capacity->get_int64());
  }
  if (const auto* wanted = body.if_contains("queues"); wanted != nullptr) {
    if (!wanted->is_array())
      return Fail(ErrorCode::kBadFrame, "'queues' must be an array of slugs");
    for (const auto& slug : wanted->get_array()) {
      auto it = std::find_if(queues.begin(), queues.end(), [&](const auto& q) {
        return slug.is_string() && q.slug == slug.get_string();
      });
      if (it == queues.end()) {
        return Fail(ErrorCode::kBadFrame, "'queues' names a queue that does not exist");
      }
      user.queue_ids.push_back(it->id);
    }
  }
  return user;
}

std::int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

std::int64_t OpenFds() {
  // Linux 6.2+ reports the number of open descriptors as the directory's size: one stat instead
  // of listing 15,000 entries on an I/O thread at every scrape. Older kernels report 0.
  struct stat dir {};
  if (::stat("/proc/self/fd", &dir) == 0 && dir.st_size > 0) return dir.st_size;
  std::error_code ec;
  std::int64_t count = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++count;
  }
  return count;
}

}  // namespace

Router::Router(realtime::Hub& hub, RouterOptions options)
    : hub_(hub), options_(std::move(options)), dummy_hash_(auth::HashPassword(RandomToken(16))) {}

awaitable<Response> Router::Handle(Request request, bool from_loopback) {
  requests_.fetch_add(1);
  const std::string path(PathOf(request));
  const auto method = request.method();
  using beast_http::verb;

  if (path == "/healthz")
    co_return JsonResponse(request, beast_http::status::ok, {{"status", "ok"}});
  if (path == "/readyz") {
    if (hub_.shutting_down()) {
      co_return ErrorResponse(request, ErrorCode::kUnavailable, "shutting down");
    }
    co_return JsonResponse(request, beast_http::status::ok, {{"status", "ready"}});
  }
  if (path == "/metrics") {
    if (!from_loopback) co_return ErrorResponse(request, ErrorCode::kForbidden, "loopback only");
    co_return Metrics(request);
  }
  if (path.starts_with("/api/")) {
    if (path == "/api/auth/login" && method == verb::post) co_return co_await Login(request);
    if (path == "/api/auth/logout" && method == verb::post) {
      co_return co_await WithPrincipal(request, &Router::Logout, true);
    }
    if (path == "/api/auth/me" && method == verb::get) {
      co_return co_await WithPrincipal(request, &Router::Me, false);
    }
    if (path == "/api/queues" && method == verb::get) {
      co_return co_await WithPrincipal(request, &Router::Queues, false);
    }
    if (path == "/api/canned-replies" || path.starts_with("/api/canned-replies/") ||
        path == "/api/canned-categories" || path.starts_with("/api/canned-categories/")) {
      co_return co_await WithPrincipal(request, &Router::CannedApi, method != verb::get);
    }
    if (path.starts_with("/api/conversations/") && path.ends_with("/events") &&
        method == verb::get) {
      co_return co_await WithPrincipal(request, &Router::Events, false);
    }
    if (path.starts_with("/api/classification/") ||
        (path.starts_with("/api/conversations/") &&
         (path.ends_with("/classification") || path.ends_with("/repeat")))) {
      co_return co_await WithPrincipal(request, &Router::ClassifyApi, method != verb::get);
    }
    if ((path == "/api/queues" && method == verb::post) || path.starts_with("/api/queues/") ||
        path.starts_with("/api/users/") || path == "/api/routing/settings" ||
        path == "/api/transfer-targets" || path == "/api/board" || path == "/api/left-messages" ||
        (path == "/api/conversations" && method == verb::get) || path == "/api/settings/identity") {
      co_return co_await WithPrincipal(request, &Router::RoutingApi, method != verb::get);
    }
    if (path.starts_with("/api/visitors/")) {
      co_return co_await WithPrincipal(request, &Router::ProfileApi, method != verb::get);
    }
    if (path.starts_with("/api/kb/") || path == "/api/bot/settings") {
      co_return co_await WithPrincipal(request, &Router::KnowledgeApi, method != verb::get);
    }
    if (path == "/api/users" && method == verb::get) {
      co_return co_await WithPrincipal(request, &Router::ListUsers, false);
    }
    if (path == "/api/users" && method == verb::post) {
      co_return co_await WithPrincipal(request, &Router::CreateUser, true);
    }
    if (path == "/api/tenants" && method == verb::post) {
      co_return co_await WithPrincipal(request, &Router::CreateTenant, true);
    }
    co_return ErrorResponse(request, ErrorCode::kNotFound, "no such API endpoint");
  }
  auto file =
      co_await Offload(hub_.blocking(), [&] { return ServeStatic(options_.web_root, request); });
  if (file) co_return std::move(*file);
  Response missing{beast_http::status::not_found, request.version()};
  missing.set(beast_http::field::content_type, "text/plain; charset=utf-8");
  missing.body() = "404 not found\n";
  co_return missing;
}

Result<Principal> Router::Authenticate(const Request& request) {
  auto token = CookieValue(request, kSessionCookie);
  if (!token || token->empty() || token->size() > 128) {
    return Fail(ErrorCode::kUnauthorized, "sign in first");
  }
  const std::string hash = hub_.signer().HashSessionToken(*token);
  auto session = hub_.store().FindSession(hash);
  if (!session) return Unexpected{session.error()};
  if (!*session || (*session)->expires_at <= hub_.clock().Now()) {
    return Fail(ErrorCode::kUnauthorized, "the session has expired; sign in again");
  }
  auto user = hub_.store().FindUser((*session)->tenant_id, (*session)->user_id);
  if (!user) return Unexpected{user.error()};
  if (!*user) return Fail(ErrorCode::kUnauthorized, "this account no longer exists");
  const auto& u = **user;
  return Principal{
      u.tenant_id, u.id, u.name, u.email, u.role, u.platform_admin, (*session)->csrf_token, hash};
}

bool Router::HasSessionCookie(const Request& request) const {
  auto token = CookieValue(request, kSessionCookie);
  return token && !token->empty();
}

std::optional<Principal> Router::AuthenticateUpgrade(const Request& request) {
  if (!SameOrigin(request)) return std::nullopt;
  auto principal = Authenticate(request);
  if (!principal) return std::nullopt;
  return std::move(*principal);
}

awaitable<Response> Router::WithPrincipal(const Request& request, Handler handler, bool mutating) {
  auto principal = co_await Offload(hub_.blocking(), [&] { return Authenticate(request); });
  if (!principal) co_return ErrorResponse(request, principal.error());
  if (mutating) {
    // Double defence against cross-site requests: SameSite=Strict cookies, and a token only our
    // own pages can read.
    auto header = request.find("X-CSRF-Token");
    if (header == request.end() || !ConstantTimeEquals(header->value(), principal->csrf_token)) {
      co_return ErrorResponse(request, ErrorCode::kForbidden, "missing or wrong X-CSRF-Token");
    }
  }
  co_return co_await (this->*handler)(request, *principal);
}

awaitable<Response> Router::Login(const Request& request) {
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto tenant_slug = StringField(*body, "tenant", 1, 64);
  auto email = StringField(*body, "email", 1, 254);
  auto password = StringField(*body, "password", 1, 256);
  for (const auto* field : {&tenant_slug, &email, &password}) {
    if (!*field) co_return ErrorResponse(request, field->error());
  }
  struct Signed {
    storage::TenantRecord tenant;
    storage::UserRecord user;
  };
  // Password verification is deliberately slow: it runs on the blocking pool.
  auto found = co_await Offload(hub_.blocking(), [&]() -> Result<Signed> {
    auto tenant = hub_.TenantBySlug(*tenant_slug);
    if (!tenant) return Unexpected{tenant.error()};
    std::optional<storage::UserRecord> user;
    if (*tenant) {
      auto lookup = hub_.store().FindUserByEmail((*tenant)->id, *email);
      if (!lookup) return Unexpected{lookup.error()};
      user = std::move(*lookup);
    }
    const bool ok = auth::VerifyPassword(*password, user ? user->password_hash : dummy_hash_);
    if (!ok || !user) return Fail(ErrorCode::kUnauthorized, "wrong tenant, email or password");
    return Signed{**tenant, std::move(*user)};
  });
  if (!found) {
    if (found.error().code == ErrorCode::kUnauthorized) {
      log::Info("event=login_failed tenant={}", *tenant_slug);
    }
    co_return ErrorResponse(request, found.error());
  }
  const std::string token = RandomToken(32);
  const Millis now = hub_.clock().Now();
  storage::SessionRecord session{hub_.signer().HashSessionToken(token),
                                 found->user.tenant_id,
                                 found->user.id,
                                 RandomToken(24),
                                 now,
                                 now + options_.session_ttl};
  auto stored = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().CreateSession(session, std::move(done)); });
  if (!stored) co_return ErrorResponse(request, stored.error());
  log::Info("event=login tenant={} user={}", found->user.tenant_id, found->user.id);

  auto response = JsonResponse(request, beast_http::status::ok,
                               {{"user", UserJson(found->user, engine::AgentStatus::kOffline, 0)},
                                {"tenant", TenantJson(found->tenant)},
                                {"csrf_token", session.csrf_token}});
  response.set(beast_http::field::set_cookie, std::string(kSessionCookie) + "=" + token +
                                                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                                  std::to_string(options_.session_ttl / 1000));
  co_return response;
}

awaitable<Response> Router::Logout(const Request& request, const Principal& who) {
  auto deleted = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().DeleteSession(who.session_hash, std::move(done)); });
  if (!deleted) co_return ErrorResponse(request, deleted.error());
  auto response = JsonResponse(request, beast_http::status::ok, {{"status", "signed out"}});
  response.set(beast_http::field::set_cookie,
               std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  co_return response;
}

awaitable<Response> Router::Me(const Request& request, const Principal& who) {
  auto found = co_await Offload(hub_.blocking(), [&] {
    auto user = hub_.store().FindUser(who.tenant_id, who.user_id);
    auto tenant = hub_.store().FindTenant(who.tenant_id);
    return std::make_pair(std::move(user), std::move(tenant));
  });
  if (!found.first || !*found.first || !found.second || !*found.second) {
    co_return ErrorResponse(request, ErrorCode::kUnavailable, "cannot read the account");
  }
  co_return JsonResponse(request, beast_http::status::ok,
                         {{"user", UserJson(**found.first, engine::AgentStatus::kOffline, 0)},
                          {"tenant", TenantJson(**found.second)},
                          {"csrf_token", who.csrf_token}});
}

awaitable<Response> Router::Queues(const Request& request, const Principal& who) {
  auto queues =
      co_await Offload(hub_.blocking(), [&] { return hub_.store().ListQueues(who.tenant_id); });
  if (!queues) co_return ErrorResponse(request, queues.error());
  json::array list;
  for (const auto& q : *queues) list.push_back(protocol::QueueJson(q));
  co_return JsonResponse(request, beast_http::status::ok, {{"queues", std::move(list)}});
}

awaitable<Response> Router::Events(const Request& request, const Principal& who) {
  auto url = boost::urls::parse_origin_form(request.target());
  if (!url) co_return ErrorResponse(request, ErrorCode::kBadFrame, "malformed URL");
  const std::string path(PathOf(request));
  const std::string prefix = "/api/conversations/";
  const std::string id = path.substr(prefix.size(), path.size() - prefix.size() - 7);
  long after = 0;
  if (auto it = url->params().find("after"); it != url->params().end()) {
    try {
      after = std::stol((*it).value);
    } catch (const std::exception&) {
      co_return ErrorResponse(request, ErrorCode::kBadFrame, "'after' must be an integer");
    }
  }
  auto result =
      co_await Offload(hub_.blocking(), [&]() -> Result<std::vector<engine::ConversationEvent>> {
        auto conversation = hub_.store().FindConversation(who.tenant_id, id);
        if (!conversation) return Unexpected{conversation.error()};
        // Another tenant's conversation is "not found", never "forbidden": ids must not leak.
        if (!*conversation) return Fail(ErrorCode::kNotFound, "no such conversation");
        const bool staff_wide = who.role != engine::Role::kAgent;
        const bool mine = (*conversation)->agent && (*conversation)->agent->id == who.user_id;
        if (!staff_wide && !mine) {
          // The agent serving a customer now may read the customer's earlier conversations
          // (the repeat-contact alert links to the previous transcript).
          auto recent = hub_.store().VisitorConversations(
              who.tenant_id, (*conversation)->visitor.id, kServingLookback);
          if (!recent) return Unexpected{recent.error()};
          const bool serving = std::any_of(recent->begin(), recent->end(), [&](const auto& c) {
            return c.state != engine::ConversationState::kClosed && c.agent &&
                   c.agent->id == who.user_id;
          });
          if (!serving || (*conversation)->state != engine::ConversationState::kClosed) {
            return Fail(ErrorCode::kForbidden, "the conversation is not assigned to you");
          }
        }
        return hub_.store().EventsAfter(who.tenant_id, id, after, 1000);
      });
  if (!result) co_return ErrorResponse(request, result.error());
  json::array events;
  for (const auto& e : *result) {
    auto event = protocol::EventJson(e);
    // Staff only (never in frames, which visitors share): what the agent recorded at the close.
    if (e.classification) {
      event["classification"] = protocol::ClassificationChoiceJson(*e.classification);
    }
    events.push_back(std::move(event));
  }
  co_return JsonResponse(request, beast_http::status::ok, {{"events", std::move(events)}});
}

awaitable<Response> Router::ListUsers(const Request& request, const Principal& who) {
  if (who.role == engine::Role::kAgent) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto users =
      co_await Offload(hub_.blocking(), [&] { return hub_.store().ListUsers(who.tenant_id); });
  if (!users) co_return ErrorResponse(request, users.error());
  // Status and load are the engine's, live (staff who never connected are offline).
  using Live = std::unordered_map<std::string, engine::AgentSnapshot>;
  auto read = [](const engine::TenantEngine& engine) {
    Live live;
    for (auto& agent : engine.Agents()) live.emplace(agent.info.id, std::move(agent));
    return live;
  };
  auto live = co_await InspectEngine<Live>(hub_, who.tenant_id, std::move(read));
  if (!live) co_return ErrorResponse(request, live.error());
  json::array list;
  for (const auto& u : *users) {
    auto it = live->find(u.id);
    if (it == live->end()) {
      list.push_back(UserJson(u, engine::AgentStatus::kOffline, 0));
      continue;
    }
    json::object o = UserJson(u, it->second.status, it->second.load);
    o["state"] = engine::ToString(engine::StateOf(it->second));
    o["connected"] = it->second.connected;
    list.push_back(std::move(o));
  }
  co_return JsonResponse(request, beast_http::status::ok, {{"users", std::move(list)}});
}

awaitable<Response> Router::CreateUser(const Request& request, const Principal& who) {
  if (who.role != engine::Role::kAdmin) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "administrators only");
  }
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto user = co_await Offload(hub_.blocking(), [&]() -> Result<storage::UserRecord> {
    auto queues = hub_.store().ListQueues(who.tenant_id);
    if (!queues) return Unexpected{queues.error()};
    auto validated = ValidateNewUser(*body, who.tenant_id, *queues, hub_.clock().Now());
    if (validated) validated->password_hash = auth::HashPassword(validated->password_hash);
    return validated;
  });
  if (!user) co_return ErrorResponse(request, user.error());
  auto stored = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().CreateUser(*user, std::move(done)); });
  if (!stored) co_return ErrorResponse(request, stored.error());
  hub_.OnUserChanged(*user);
  log::Info("event=user_created tenant={} user={} by={}", who.tenant_id, user->id, who.user_id);
  co_return JsonResponse(request, beast_http::status::created,
                         {{"user", UserJson(*user, engine::AgentStatus::kOffline, 0)}});
}

awaitable<Response> Router::CreateTenant(const Request& request, const Principal& who) {
  if (!who.platform_admin) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "platform administrators only");
  }
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto slug = StringField(*body, "slug", 2, 40);
  auto name = StringField(*body, "name", 1, 100);
  for (const auto* field : {&slug, &name}) {
    if (!*field) co_return ErrorResponse(request, field->error());
  }
  if (!storage::IsValidSlug(*slug)) {
    co_return ErrorResponse(request, ErrorCode::kBadFrame,
                            "'slug' must be lowercase letters, digits and '-'");
  }
  const json::value* admin_value = body->if_contains("admin");
  if (admin_value == nullptr || !admin_value->is_object()) {
    co_return ErrorResponse(request, ErrorCode::kBadFrame, "'admin' must be an object");
  }
  storage::TenantRecord tenant{NewId("t"), *slug, *name, hub_.clock().Now()};
  engine::QueueInfo queue{NewId("q"), "general", "默认队列"};
  json::object admin_body = admin_value->get_object();
  admin_body["role"] = "admin";
  admin_body["queues"] = json::array{"general"};
  auto admin = co_await Offload(hub_.blocking(), [&]() -> Result<storage::UserRecord> {
    auto validated = ValidateNewUser(admin_body, tenant.id, {queue}, tenant.created_at);
    if (validated) validated->password_hash = auth::HashPassword(validated->password_hash);
    return validated;
  });
  if (!admin) co_return ErrorResponse(request, admin.error());
  auto stored = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().CreateTenant(tenant, {queue}, *admin, std::move(done)); });
  if (!stored) co_return ErrorResponse(request, stored.error());
  log::Info("event=tenant_created tenant={} slug={} by={}", tenant.id, tenant.slug, who.user_id);
  co_return JsonResponse(request, beast_http::status::created,
                         {{"tenant", TenantJson(tenant)},
                          {"user", UserJson(*admin, engine::AgentStatus::kOffline, 0)}});
}

Response Router::Metrics(const Request& request) const {
  const auto& c = hub_.counters();
  const auto& s = hub_.store().stats();
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::string out;
  auto metric = [&](std::string_view name, std::string_view type, std::string_view help,
                    auto value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
  };
  metric("kefu_connections_open", "gauge", "Open WebSocket connections.",
         c.connections_open.load());
  metric("kefu_connections_total", "counter", "WebSocket connections accepted.",
         c.connections_total.load());
  metric("kefu_frames_in_total", "counter", "WebSocket frames received.", c.frames_in.load());
  metric("kefu_frames_out_total", "counter", "Protocol frames sent.", c.frames_out.load());
  metric("kefu_ws_messages_out_total", "counter",
         "WebSocket messages sent (frames queued together share one).", c.messages_out.load());
  metric("kefu_bytes_in_total", "counter", "WebSocket payload bytes received.", c.bytes_in.load());
  metric("kefu_bytes_out_total", "counter", "WebSocket payload bytes sent.", c.bytes_out.load());
  metric("kefu_error_frames_total", "counter", "Error frames sent.", c.error_frames.load());
  metric("kefu_messages_acked_total", "counter", "Messages acknowledged after commit.",
         c.messages_acked.load());
  metric("kefu_events_committed_total", "counter", "Conversation events committed.",
         c.events_committed.load());
  metric("kefu_resume_fetches_total", "counter", "Event replays read from storage.",
         c.resume_fetches.load());
  out += fmt::format(
      "# HELP kefu_visitor_welcomes_total Visitor welcomes, by where the visitor's name and "
      "conversations came from (the runtime's memory, or a trip to the database).\n"
      "# TYPE kefu_visitor_welcomes_total counter\n"
      "kefu_visitor_welcomes_total{{source=\"memory\"}} {}\n"
      "kefu_visitor_welcomes_total{{source=\"database\"}} {}\n",
      c.visitor_welcomes_from_memory.load(), c.visitor_welcomes_from_storage.load());
  metric("kefu_http_requests_total", "counter", "HTTP requests answered.", requests_.load());
  metric("kefu_storage_commits_total", "counter",
         "Write transactions committed (one WAL fsync each).", s.commits.load());
  metric("kefu_storage_writes_total", "counter", "Writes committed.", s.writes.load());
  metric("kefu_storage_failed_writes_total", "counter", "Writes that failed.",
         s.failed_writes.load());
  metric("kefu_storage_commit_seconds_total", "counter", "Time spent in write transactions.",
         static_cast<double>(s.commit_latency.Read().sum) / 1e6);
  metric("kefu_storage_max_batch", "gauge", "Largest number of writes in one commit.",
         s.max_batch.load());
  metric("kefu_storage_checkpoints_total", "counter",
         "Write-ahead log checkpoints (on their own thread).", s.checkpoints.load());
  metric("kefu_storage_checkpoint_seconds_total", "counter", "Time spent in checkpoints.",
         static_cast<double>(s.checkpoint_micros.load()) / 1e6);
  metric("kefu_storage_log_restarts_total", "counter",
         "Times the write-ahead log started over from its beginning after a full checkpoint.",
         s.log_restarts.load());
  metric("kefu_storage_database_write_backs_total", "counter",
         "Checkpoints whose copied pages the checkpointer wrote out to the database file itself.",
         s.database_write_backs.load());
  metric("kefu_storage_folded_events_total", "counter",
         "Events folded from the event log's tail into its per-conversation and key indexes.",
         s.folded_events.load());
  metric("kefu_storage_tail_events", "gauge", "Events in the event log's tail (not yet folded).",
         s.tail_events.load());
  c.ack_latency.Render(out, "kefu_message_ack_latency_seconds",
                       "From a message's frame being read to its ack being queued (engine, "
                       "commit and thread hops; no network).",
                       1e6);
  s.commit_latency.Render(out, "kefu_storage_commit_duration_seconds",
                          "Write transactions' duration, the WAL fsync included.", 1e6);
  s.commit_wait.Render(out, "kefu_storage_commit_wait_seconds",
                       "From a write's submission to the start of the commit carrying it.", 1e6);
  s.commit_writes.Render(out, "kefu_storage_commit_writes", "Writes per commit.", 1);
  metric("process_cpu_seconds_total", "counter", "User and system CPU time.", cpu);
  metric("process_resident_memory_bytes", "gauge", "Resident memory.", ResidentBytes());
  metric("process_open_fds", "gauge", "Open file descriptors.", OpenFds());
  Response response{beast_http::status::ok, request.version()};
  response.set(beast_http::field::content_type, "text/plain; version=0.0.4");
  response.body() = std::move(out);
  return response;
}

}  // namespace kefu::http
