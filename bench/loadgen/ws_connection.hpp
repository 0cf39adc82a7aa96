// One client WebSocket connection on a single-threaded io_context, with callbacks: open, each
// text frame, close. Frames queued with Send() go out in order, one write in flight at a time.
// The owner calls Detach() before dropping its pointer so no callback reaches a dead owner.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kefu::bench {

struct WsTarget {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host;         // Host header
  std::string path;         // e.g. "/ws"
  std::string subprotocol;  // Sec-WebSocket-Protocol, empty for none
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Cookie", "..."}
  // The local address to connect from; unspecified: the kernel's choice. Spreading loopback
  // clients over 127.0.0.0/8 gives each source address its own ephemeral ports, as real
  // clients from many addresses have: from one address, 15,000 connections to one server port
  // leave the kernel searching a crowded port range on every connect (a reconnect storm of
  // 5,000 spent a second of both cores in __inet_hash_connect before the server saw them).
  boost::asio::ip::address source;
};

struct WsHandlers {
  std::function<void()> on_open;
  std::function<void(std::string_view)> on_frame;
  std::function<void(const std::string& why)> on_close;
};

class WsConnection : public std::enable_shared_from_this<WsConnection> {
 public:
  WsConnection(boost::asio::io_context& io, WsTarget target, WsHandlers handlers);

  void Start();
  void Send(std::string frame);
  // Closes the socket at once (no close handshake): what a crashed or unplugged client does.
  void Abort();
  void Detach() { handlers_ = {}; }

  bool open() const { return open_; }
  std::size_t queued() const { return queue_.size(); }

 private:
  void Fail(const std::string& why);
  void ReadNext();
  void WriteNext();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  WsTarget target_;
  WsHandlers handlers_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool open_ = false;
  bool failed_ = false;
};

}  // namespace kefu::bench
