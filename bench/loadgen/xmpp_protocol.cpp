// XMPP over WebSocket (RFC 7395) against ejabberd: written once the peer's exchange is captured.
#include "protocol.hpp"

namespace kefu::bench {

std::unique_ptr<Protocol> MakeXmppProtocol(const ProtocolOptions&) { return nullptr; }

}  // namespace kefu::bench
