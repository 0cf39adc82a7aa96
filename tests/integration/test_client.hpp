// Test clients: a WebSocket client and an HTTP client that talk to a Kefu server the way the
// widget and the workspace do. Not thread-safe; one per test thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kefu::testing {

using namespace std::chrono_literals;

struct HttpResult {
  int status = 0;
  boost::json::value body;  // null if the body is not JSON
  std::string raw_body;
  std::string set_cookie;
};

// Minimal HTTP/1.1 client: one request per connection.
HttpResult HttpRequest(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = "", const std::string& cookie = "",
                       const std::string& csrf = "");

// Writes `text` as it is and returns everything the server answers until it closes.
std::string RawHttp(unsigned short port, const std::string& text);

// A signed-in staff member: the cookie and CSRF token from POST /api/auth/login.
struct Login {
  std::string cookie;  // "kefu_session=…"
  std::string csrf;
  boost::json::object user;
};
std::optional<Login> SignIn(unsigned short port, const std::string& tenant,
                            const std::string& email, const std::string& password);

class WsClient {
 public:
  WsClient() = default;
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Opens ws://127.0.0.1:port/ws. Returns false if the upgrade fails.
  bool Connect(unsigned short port, const std::string& cookie = "", const std::string& origin = "");
  void Send(const std::string& text);
  void Send(const boost::json::object& frame) { Send(boost::json::serialize(frame)); }
  void SendBinary(const std::string& data);
  // One text message sent as several WebSocket frames (a first frame and continuations), one
  // piece each; a piece may end inside a UTF-8 character.
  void SendFragmented(const std::vector<std::string>& pieces);
  // The start of one text frame that announces `length` payload bytes: its header and a few
  // bytes of payload, then nothing. For the server's size limit, which must act on the header:
  // a client that kept writing the whole payload would race the server's reset of the
  // connection against its own read of the close frame.
  void SendFrameHeaderOnly(std::uint64_t length);

  // The next frame, or nullopt if none arrives within `timeout` or the connection closed.
  // After a timeout the client is unusable (the read was cancelled).
  std::optional<boost::json::object> Read(std::chrono::milliseconds timeout = 10s);
  // The first frame satisfying `match`: from those passed over earlier (skipped()), else read
  // until one arrives; frames passed over are appended to skipped().
  std::optional<boost::json::object> ReadUntil(
      const std::function<bool(const boost::json::object&)>& match,
      std::chrono::milliseconds timeout = 10s);
  // Reads until the frame of `type` (and `id`, if given).
  std::optional<boost::json::object> Expect(const std::string& type, const std::string& id = "",
                                            std::chrono::milliseconds timeout = 10s);

  bool closed() const { return closed_; }
  int close_code() const { return close_code_; }
  std::string close_reason() const { return close_reason_; }
  std::vector<boost::json::object>& skipped() { return skipped_; }
  void Close();

 private:
  boost::asio::io_context io_;
  std::optional<boost::beast::websocket::stream<boost::beast::tcp_stream>> ws_;
  boost::beast::flat_buffer buffer_;
  std::vector<boost::json::object> skipped_;
  std::deque<boost::json::object> unread_;  // later frames of the last message read
  bool closed_ = false;
  int close_code_ = 0;
  std::string close_reason_;
};

}  // namespace kefu::testing
