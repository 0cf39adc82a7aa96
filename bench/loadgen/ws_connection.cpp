#include "ws_connection.hpp"

#include <netinet/in.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket.hpp>

namespace kefu::bench {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {
using BindAddressNoPort =
    boost::asio::detail::socket_option::boolean<IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT>;
}  // namespace

WsConnection::WsConnection(boost::asio::io_context& io, WsTarget target, WsHandlers handlers)
    : ws_(io), target_(std::move(target)), handlers_(std::move(handlers)) {}

void WsConnection::Start() {
  auto self = shared_from_this();
  beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
  if (!target_.source.is_unspecified()) {
    auto& socket = beast::get_lowest_layer(ws_).socket();
    boost::system::error_code ec;
    socket.open(target_.endpoint.protocol(), ec);
    // Port 0 with IP_BIND_ADDRESS_NO_PORT: the port is chosen at connect time, unique per
    // (source, destination) rather than per source alone.
    if (!ec) socket.set_option(BindAddressNoPort(true), ec);
    if (!ec) socket.bind({target_.source, 0}, ec);
    if (ec) return Fail("bind: " + ec.message());
  }
  beast::get_lowest_layer(ws_).async_connect(target_.endpoint, [self](beast::error_code ec) {
    if (ec) return self->Fail("connect: " + ec.message());
    boost::system::error_code ignored;
    beast::get_lowest_layer(self->ws_).socket().set_option(boost::asio::ip::tcp::no_delay(true),
                                                           ignored);
    beast::get_lowest_layer(self->ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    self->ws_.set_option(timeouts);
    self->ws_.set_option(websocket::stream_base::decorator([self](websocket::request_type& req) {
      if (!self->target_.subprotocol.empty()) {
        req.set(beast::http::field::sec_websocket_protocol, self->target_.subprotocol);
      }
      for (const auto& [name, value] : self->target_.headers) req.set(name, value);
    }));
    self->ws_.text(true);
    self->ws_.read_message_max(8u << 20);
    self->ws_.async_handshake(self->target_.host, self->target_.path,
                              [self](beast::error_code hec) {
                                if (hec) return self->Fail("handshake: " + hec.message());
                                self->open_ = true;
                                if (self->handlers_.on_open) self->handlers_.on_open();
                                self->ReadNext();
                                self->WriteNext();
                              });
  });
}

void WsConnection::ReadNext() {
  auto self = shared_from_this();
  ws_.async_read(buffer_, [self](beast::error_code ec, std::size_t) {
    if (ec) return self->Fail("read: " + ec.message());
    const auto data = self->buffer_.cdata();
    if (self->handlers_.on_frame) {
      self->handlers_.on_frame(
          std::string_view(static_cast<const char*>(data.data()), data.size()));
    }
    self->buffer_.consume(self->buffer_.size());
    if (!self->failed_) self->ReadNext();
  });
}

void WsConnection::Send(std::string frame) {
  if (failed_) return;
  queue_.push_back(std::move(frame));
  if (open_) WriteNext();
}

void WsConnection::WriteNext() {
  if (writing_ || queue_.empty() || failed_) return;
  writing_ = true;
  auto self = shared_from_this();
  ws_.async_write(boost::asio::buffer(queue_.front()), [self](beast::error_code ec, std::size_t) {
    self->writing_ = false;
    if (ec) return self->Fail("write: " + ec.message());
    self->queue_.pop_front();
    self->WriteNext();
  });
}

void WsConnection::Abort() {
  if (failed_) return;
  failed_ = true;
  open_ = false;
  boost::system::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  handlers_ = {};
}

void WsConnection::Fail(const std::string& why) {
  if (failed_) return;
  failed_ = true;
  open_ = false;
  boost::system::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  auto on_close = std::move(handlers_.on_close);
  handlers_ = {};
  if (on_close) on_close(why);
}

}  // namespace kefu::bench
