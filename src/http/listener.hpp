// Listener: accepts TCP connections and serves HTTP/1.1 on each, handing WebSocket upgrades of
// /ws to the realtime module.
//
// Thread-safe: Stop() may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "http/router.hpp"

namespace kefu::http {

class Listener {
 public:
  Listener(boost::asio::io_context& io, Router& router, realtime::Hub& hub);

  // Binds and listens. Port 0 picks a free port. Returns the bound port. Throws
  // boost::system::system_error if the address cannot be bound (a start-up failure).
  unsigned short Bind(const std::string& address, unsigned short port);
  // Starts accepting on the io_context's threads.
  void Start();
  // Stops accepting; open connections are not touched.
  void Stop();

 private:
  boost::asio::io_context& io_;
  Router& router_;
  realtime::Hub& hub_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace kefu::http
