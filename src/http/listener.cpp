#include "http/listener.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <optional>

#include "bot/kb_import.hpp"
#include "common/log.hpp"
#include "realtime/offload.hpp"
#include "realtime/websocket_session.hpp"

namespace kefu::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = beast::http;
using asio::awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kBodyLimit = 1024 * 1024;

Response PlainError(beast_http::status status, std::string_view text) {
  Response response{status, 11};
  response.set(beast_http::field::content_type, "text/plain; charset=utf-8");
  response.body() = std::string(text) + "\n";
  response.keep_alive(false);
  response.prepare_payload();
  return response;
}

awaitable<void> Serve(beast::tcp_stream stream, Router& router, realtime::Hub& hub) {
  boost::system::error_code ignored;
  // Asked of the kernel only for plain requests (a WebSocket upgrade never needs it): one
  // system call less per chat connection.
  std::optional<bool> loopback;
  beast::flat_buffer buffer;
  for (;;) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kBodyLimit);
    stream.expires_after(kRequestTimeout);
    auto [header_ec, header_bytes] =
        co_await beast_http::async_read_header(stream, buffer, parser, kTuple);
    boost::system::error_code ec = header_ec;
    if (!ec) {
      // Knowledge-base files are the one upload larger than an ordinary request.
      std::string_view target = parser.get().target();
      if (target.substr(0, target.find('?')) == "/api/kb/import") {
        parser.body_limit(bot::kMaxImportBytes);
      }
      auto [body_ec, body_bytes] = co_await beast_http::async_read(stream, buffer, parser, kTuple);
      ec = body_ec;
    }
    if (ec == beast_http::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::connection_reset) {
      break;
    }
    if (ec) {
      // Malformed or oversized: answer with a reason and drop the connection.
      const bool too_big =
          ec == beast_http::error::body_limit || ec == beast_http::error::header_limit;
      auto response = PlainError(
          too_big ? beast_http::status::payload_too_large : beast_http::status::bad_request,
          too_big ? "request too large" : "malformed request");
      co_await beast_http::async_write(stream, response, kTuple);
      break;
    }
    Request request = parser.release();
    if (beast::websocket::is_upgrade(request)) {
      std::string_view target = request.target();
      if (target.substr(0, target.find('?')) != "/ws") {
        auto response = PlainError(beast_http::status::not_found, "no WebSocket endpoint here");
        co_await beast_http::async_write(stream, response, kTuple);
        break;
      }
      // Visitors carry no session: only a request with the cookie costs a trip to the
      // blocking pool (a reconnect storm of visitors must not queue there twice).
      std::optional<realtime::Principal> principal;
      if (router.HasSessionCookie(request)) {
        principal = co_await realtime::Offload(hub.blocking(),
                                               [&] { return router.AuthenticateUpgrade(request); });
      }
      realtime::RunWebSocketSession(hub, std::move(stream), std::move(request),
                                    std::move(principal));
      co_return;
    }
    const bool keep_alive = request.keep_alive();
    if (!loopback) {
      const auto remote = stream.socket().remote_endpoint(ignored);
      loopback = !ignored && remote.address().is_loopback();
    }
    Response response = co_await router.Handle(std::move(request), *loopback);
    response.keep_alive(keep_alive);
    response.set(beast_http::field::server, "kefu");
    if (response.find(beast_http::field::content_length) == response.end()) {
      response.prepare_payload();
    }
    auto [write_error, written] = co_await beast_http::async_write(stream, response, kTuple);
    if (write_error || !keep_alive) break;
  }
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace

Listener::Listener(asio::io_context& io, Router& router, realtime::Hub& hub)
    : io_(io), router_(router), hub_(hub), acceptor_(asio::make_strand(io)) {}

unsigned short Listener::Bind(const std::string& address, unsigned short port) {
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address(address), port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint().port();
}

void Listener::Start() {
  asio::co_spawn(
      acceptor_.get_executor(),
      [this]() -> awaitable<void> {
        for (;;) {
          // Each connection gets its own strand: its handlers never run concurrently.
          auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), kTuple);
          if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
          if (ec) {
            // Out of file descriptors, typically: back off briefly instead of spinning.
            log::Warn("event=accept_failed error=\"{}\"", ec.message());
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(kTuple);
            continue;
          }
          socket.set_option(asio::ip::tcp::no_delay(true));
          auto executor = socket.get_executor();
          asio::co_spawn(
              executor, Serve(beast::tcp_stream(std::move(socket)), router_, hub_),
              [](std::exception_ptr failure) { log::Uncaught(failure, "http_session_failed"); });
        }
      },
      asio::detached);
}

void Listener::Stop() {
  asio::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
}

}  // namespace kefu::http
