// Router: answers every plain HTTP request — the REST API (docs/protocol.md), health, metrics and
// static files. Handlers never throw on bad input: they answer 4xx with a reason.
//
// Thread-safe (state lives in the Hub and the Store).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <filesystem>

#include "http/http_types.hpp"
#include "http/kb_imports.hpp"
#include "realtime/hub.hpp"
#include "realtime/principal.hpp"

namespace kefu::http {

struct RouterOptions {
  std::filesystem::path web_root;
  Millis session_ttl = 12LL * 60 * 60 * 1000;
};

class Router {
 public:
  Router(realtime::Hub& hub, RouterOptions options);

  // Answers `request`. `from_loopback` tells whether the peer is on this machine (metrics).
  boost::asio::awaitable<Response> Handle(Request request, bool from_loopback);

  // The staff member a request's session cookie belongs to, if the session is valid and the
  // request is same-origin (a cross-site page must not ride on an agent's cookie). Blocking.
  std::optional<realtime::Principal> AuthenticateUpgrade(const Request& request);
  // Whether the request carries a session cookie at all (cheap; no database).
  bool HasSessionCookie(const Request& request) const;

  std::uint64_t requests() const { return requests_.load(); }

 private:
  using Handler = boost::asio::awaitable<Response> (Router::*)(const Request&,
                                                               const realtime::Principal&);

  Result<realtime::Principal> Authenticate(const Request& request);
  boost::asio::awaitable<Response> WithPrincipal(const Request& request, Handler handler,
                                                 bool mutating);

  boost::asio::awaitable<Response> Login(const Request& request);
  boost::asio::awaitable<Response> Logout(const Request& request, const realtime::Principal& who);
  boost::asio::awaitable<Response> Me(const Request& request, const realtime::Principal& who);
  boost::asio::awaitable<Response> Queues(const Request& request, const realtime::Principal& who);
  boost::asio::awaitable<Response> Events(const Request& request, const realtime::Principal& who);
  boost::asio::awaitable<Response> ListUsers(const Request& request,
                                             const realtime::Principal& who);
  boost::asio::awaitable<Response> CreateUser(const Request& request,
                                              const realtime::Principal& who);
  boost::asio::awaitable<Response> CreateTenant(const Request& request,
                                                const realtime::Principal& who);
  Response Metrics(const Request& request) const;

  // Knowledge base and bot (kb_api.cpp).
  boost::asio::awaitable<Response> KnowledgeApi(const Request& request,
                                                const realtime::Principal& who);
  boost::asio::awaitable<Response> ListEntries(const Request& request,
                                               const realtime::Principal& who);
  boost::asio::awaitable<Response> GetEntry(const Request& request, const realtime::Principal& who,
                                            std::string id);
  boost::asio::awaitable<Response> SaveEntry(const Request& request, const realtime::Principal& who,
                                             std::optional<std::string> id);
  boost::asio::awaitable<Response> DeleteEntry(const Request& request,
                                               const realtime::Principal& who, std::string id);
  boost::asio::awaitable<Response> AddSimilar(const Request& request,
                                              const realtime::Principal& who, std::string id);
  boost::asio::awaitable<Response> ListCategories(const Request& request,
                                                  const realtime::Principal& who);
  boost::asio::awaitable<Response> CreateCategory(const Request& request,
                                                  const realtime::Principal& who);
  boost::asio::awaitable<Response> DeleteCategory(const Request& request,
                                                  const realtime::Principal& who, std::string name);
  boost::asio::awaitable<Response> StartImport(const Request& request,
                                               const realtime::Principal& who);
  void RunImport(const std::shared_ptr<ImportJob>& job, const std::string& tenant_id,
                 bot::KbFormat format, const std::string& contents, const std::string& user_id);
  Response ImportStatus(const Request& request, const realtime::Principal& who,
                        const std::string& id);
  boost::asio::awaitable<Response> Export(const Request& request, const realtime::Principal& who);
  boost::asio::awaitable<Response> ListGaps(const Request& request, const realtime::Principal& who);
  boost::asio::awaitable<Response> DeleteGap(const Request& request,
                                             const realtime::Principal& who);
  boost::asio::awaitable<Response> GetBotSettings(const Request& request,
                                                  const realtime::Principal& who);
  boost::asio::awaitable<Response> PutBotSettings(const Request& request,
                                                  const realtime::Principal& who);
  // Canned replies and their categories (canned_api.cpp).
  boost::asio::awaitable<Response> CannedApi(const Request& request,
                                             const realtime::Principal& who);
  // routing_api.cpp
  boost::asio::awaitable<Response> RoutingApi(const Request& request,
                                              const realtime::Principal& who);
  boost::asio::awaitable<Response> SaveQueue(const Request& request, const realtime::Principal& who,
                                             std::string queue_id);
  boost::asio::awaitable<Response> PatchUser(const Request& request, const realtime::Principal& who,
                                             std::string user_id);
  boost::asio::awaitable<Response> RoutingSettings(const Request& request,
                                                   const realtime::Principal& who);
  // classify_api.cpp
  boost::asio::awaitable<Response> ClassifyApi(const Request& request,
                                               const realtime::Principal& who);
  boost::asio::awaitable<Response> ClassificationTree(const Request& request,
                                                      const realtime::Principal& who);
  boost::asio::awaitable<Response> ClassificationSettings(const Request& request,
                                                          const realtime::Principal& who);
  boost::asio::awaitable<Response> ConversationClassification(const Request& request,
                                                              const realtime::Principal& who,
                                                              std::string conversation_id);
  boost::asio::awaitable<Response> RepeatContact(const Request& request,
                                                 const realtime::Principal& who,
                                                 std::string conversation_id);

  // profile_api.cpp
  boost::asio::awaitable<Response> ProfileApi(const Request& request,
                                              const realtime::Principal& who);
  boost::asio::awaitable<Response> CustomerProfile(const Request& request,
                                                   const realtime::Principal& who,
                                                   std::string visitor_id);

  realtime::Hub& hub_;
  RouterOptions options_;
  std::string dummy_hash_;  // verified against when an email is unknown, so timing reveals nothing
  std::atomic<std::uint64_t> requests_{0};
  std::shared_ptr<ImportJobs> imports_ = std::make_shared<ImportJobs>();
};

}  // namespace kefu::http
