// WebSocket sessions: one per connected widget or workspace, speaking docs/protocol.md.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>

#include "realtime/hub.hpp"
#include "realtime/principal.hpp"

namespace kefu::realtime {

// Takes over `stream` after an HTTP upgrade request and serves it until it closes. `principal`
// is the staff member the request's session cookie authenticated, if any. Returns at once; the
// session runs on the stream's executor, which must be a strand.
void RunWebSocketSession(Hub& hub, boost::beast::tcp_stream stream,
                         boost::beast::http::request<boost::beast::http::string_body> request,
                         std::optional<Principal> principal);

}  // namespace kefu::realtime
