#include "test_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace kefu::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;

HttpResult HttpRequest(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const std::string& cookie,
                       const std::string& csrf) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::http::request<beast::http::string_body> request{beast::http::string_to_verb(method),
                                                         target, 11};
  request.set(beast::http::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(beast::http::field::content_type, "application/json");
  if (!cookie.empty()) request.set(beast::http::field::cookie, cookie);
  if (!csrf.empty()) request.set("X-CSRF-Token", csrf);
  request.body() = body;
  request.prepare_payload();
  beast::http::write(stream, request);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> response;
  beast::http::read(stream, buffer, response);
  HttpResult result;
  result.status = static_cast<int>(response.result_int());
  result.raw_body = response.body();
  boost::system::error_code ec;
  result.body = json::parse(response.body(), ec);
  if (ec) result.body = nullptr;
  if (auto it = response.find(beast::http::field::set_cookie); it != response.end()) {
    result.set_cookie = std::string(it->value());
  }
  return result;
}

std::string RawHttp(unsigned short port, const std::string& text) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(text));
  std::string answer;
  boost::system::error_code ec;
  char chunk[4096];
  for (;;) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    answer.append(chunk, n);
    if (ec) break;
  }
  return answer;
}

std::optional<Login> SignIn(unsigned short port, const std::string& tenant,
                            const std::string& email, const std::string& password) {
  auto result = HttpRequest(
      port, "POST", "/api/auth/login",
      json::serialize(json::object{{"tenant", tenant}, {"email", email}, {"password", password}}));
  if (result.status != 200) return std::nullopt;
  Login login;
  login.cookie = result.set_cookie.substr(0, result.set_cookie.find(';'));
  login.csrf = std::string(result.body.at("csrf_token").as_string());
  login.user = result.body.at("user").as_object();
  return login;
}

bool WsClient::Connect(unsigned short port, const std::string& cookie, const std::string& origin) {
  ws_.emplace(io_);
  boost::system::error_code ec;
  beast::get_lowest_layer(*ws_).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return false;
  ws_->set_option(beast::websocket::stream_base::decorator(
      [cookie, origin](beast::websocket::request_type& request) {
        if (!cookie.empty()) request.set(beast::http::field::cookie, cookie);
        if (!origin.empty()) request.set(beast::http::field::origin, origin);
      }));
  ws_->handshake("127.0.0.1:" + std::to_string(port), "/ws", ec);
  closed_ = static_cast<bool>(ec);
  return !ec;
}

void WsClient::Send(const std::string& text) {
  ws_->text(true);
  boost::system::error_code ec;
  ws_->write(asio::buffer(text), ec);
  if (ec) closed_ = true;
}

void WsClient::SendFragmented(const std::vector<std::string>& pieces) {
  ws_->text(true);
  boost::system::error_code ec;
  for (std::size_t i = 0; i < pieces.size() && !ec; ++i) {
    ws_->write_some(i + 1 == pieces.size(), asio::buffer(pieces[i]), ec);
  }
  if (ec) closed_ = true;
}

void WsClient::SendBinary(const std::string& data) {
  ws_->binary(true);
  boost::system::error_code ec;
  ws_->write(asio::buffer(data), ec);
  if (ec) closed_ = true;
}

void WsClient::SendFrameHeaderOnly(std::uint64_t length) {
  // RFC 6455 5.2: FIN + text, masked, 64-bit length, masking key, then 16 masked bytes.
  std::string frame = {'\x81', '\xff'};
  for (int shift = 56; shift >= 0; shift -= 8) {
    frame.push_back(static_cast<char>((length >> shift) & 0xff));
  }
  const char mask[4] = {'\x12', '\x34', '\x56', '\x78'};
  frame.append(mask, 4);
  for (int i = 0; i < 16; ++i) frame.push_back(static_cast<char>('x' ^ mask[i % 4]));
  boost::system::error_code ec;
  asio::write(beast::get_lowest_layer(*ws_).socket(), asio::buffer(frame), ec);
  if (ec) closed_ = true;
}

std::optional<json::object> WsClient::Read(std::chrono::milliseconds timeout) {
  if (!unread_.empty()) {
    auto frame = std::move(unread_.front());
    unread_.pop_front();
    return frame;
  }
  if (closed_) return std::nullopt;
  buffer_.clear();
  bool done = false;
  boost::system::error_code result;
  ws_->async_read(buffer_, [&](boost::system::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  io_.restart();
  io_.run_for(timeout);
  if (!done) {
    beast::get_lowest_layer(*ws_).cancel();
    io_.restart();
    io_.run();
    closed_ = true;
    return std::nullopt;
  }
  if (result) {
    closed_ = true;
    close_code_ = ws_->reason().code;
    close_reason_ = std::string(ws_->reason().reason.c_str());
    return std::nullopt;
  }
  // One message may carry several frames, one per line: the first is returned, the rest wait.
  const std::string message = beast::buffers_to_string(buffer_.data());
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = message.find('\n', start);
    boost::system::error_code ec;
    auto value = json::parse(std::string_view(message).substr(start, end - start), ec);
    unread_.push_back(ec || !value.is_object() ? json::object{{"type", "<not json>"}}
                                               : value.as_object());
    if (end == std::string::npos) break;
    start = end + 1;
  }
  auto frame = std::move(unread_.front());
  unread_.pop_front();
  return frame;
}

std::optional<json::object> WsClient::ReadUntil(
    const std::function<bool(const json::object&)>& match, std::chrono::milliseconds timeout) {
  // Frames passed over by an earlier wait come first, in arrival order.
  for (auto it = skipped_.begin(); it != skipped_.end(); ++it) {
    if (match(*it)) {
      auto frame = std::move(*it);
      skipped_.erase(it);
      return frame;
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining <= 0ms) return std::nullopt;
    auto frame = Read(remaining);
    if (!frame) return std::nullopt;
    if (match(*frame)) return frame;
    skipped_.push_back(std::move(*frame));
  }
}

std::optional<json::object> WsClient::Expect(const std::string& type, const std::string& id,
                                             std::chrono::milliseconds timeout) {
  return ReadUntil(
      [&](const json::object& f) {
        if (f.at("type").as_string() != type) return false;
        return id.empty() ||
               (f.contains("id") && f.at("id").is_string() && f.at("id").as_string() == id);
      },
      timeout);
}

void WsClient::Close() {
  if (closed_ || !ws_) return;
  boost::system::error_code ec;
  ws_->close(beast::websocket::close_code::normal, ec);
  closed_ = true;
}

}  // namespace kefu::testing
