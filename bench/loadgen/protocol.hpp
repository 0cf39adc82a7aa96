// What the load generator needs from a chat protocol, so one scenario drives Kefu and its peers
// (a Socket.IO relay, ejabberd over XMPP) alike. A ProtocolSession lives as long as one
// connection; the ClientState it is given outlives reconnects (Kefu resumes from it).
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ws_connection.hpp"

struct sqlite3;

namespace kefu::bench {

enum class Role { kVisitor, kAgent };

// What a server frame meant, reduced to what the scenario checks.
struct Inbound {
  // kDuplicate: a message the client had already received, dropped by the protocol's own dedupe
  // (XMPP: the same sender's key again, from a catch-up or a resend); counted, not delivered.
  enum class Kind { kReady, kAck, kEvent, kError, kDuplicate };
  Kind kind = Kind::kEvent;
  std::string id{};            // kAck, kError: the command's key
  std::string conversation{};  // kAck, kEvent: conversation key (for XMPP: the peer's bare JID)
  std::int64_t seq = 0;        // kAck, kEvent: 0 when the protocol has no sequence numbers
  bool is_message = false;     // kEvent: a chat message (not a system event)
  bool from_visitor = false;   // kEvent: authored by a visitor
  std::string text{};          // kEvent: message text
  std::string error{};         // kError: code and reason
  bool fatal = false;          // kError: the connection is useless (bad login, unknown tenant)
};

// Survives reconnects of one simulated person.
struct ClientState {
  std::string visitor_token;  // Kefu: anonymous visitor identity
  boost::unordered_flat_map<std::string, std::int64_t> last_seq;  // per conversation, for resume
  int sessions = 0;  // connection attempts so far (the Socket.IO relay resumes after the first)
  // XMPP: where a message archive (MAM) catch-up starts (the newest archive id seen), the newest
  // own key acknowledged, and the sender and key of every message received (to drop what comes
  // twice).
  std::string archive_after;
  std::string acked_through;
  std::unordered_set<std::string> received_keys;
};

class ProtocolSession {
 public:
  virtual ~ProtocolSession() = default;
  // Frames to send right after the WebSocket opens.
  virtual void OnOpen(std::vector<std::string>& out) = 0;
  // Decodes one frame: appends frames to answer with (handshake steps, heartbeats) to `out`
  // and what the frame meant to `in`.
  virtual void OnFrame(std::string_view frame, std::vector<std::string>& out,
                       std::vector<Inbound>& in) = 0;
  // A chat message. `conversation` is empty for a visitor's messages: the protocol knows where
  // they go. `retry`: sent before on an earlier connection and never acknowledged.
  virtual void EncodeSend(const std::string& id, const std::string& conversation,
                          const std::string& text, bool retry, std::vector<std::string>& out) = 0;
};

struct AckRecord {
  std::string conversation;
  std::int64_t seq = 0;
  std::string text;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  virtual std::string name() const = 0;
  virtual WsTarget Target(Role role, int index) const = 0;
  virtual std::unique_ptr<ProtocolSession> NewSession(Role role, int index,
                                                      ClientState& state) const = 0;
  // Whether a dropped connection can reconnect and resume without loss (resend with the same
  // key, replay after the last seq): Kefu and the Socket.IO relay by seq; ejabberd through a
  // message archive query (XEP-0313) after a fresh login.
  virtual bool resumable() const = 0;
  // How many of `acked` are missing from the server's database (opened read-only), or -1 if
  // this protocol has no check.
  virtual std::int64_t CountMissing(sqlite3* db, const std::vector<AckRecord>& acked) const = 0;
};

struct ProtocolOptions {
  std::string name;  // kefu | socketio | xmpp
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string tenant = "bench";           // kefu
  std::vector<std::string> agent_tokens;  // kefu: session cookie values, one per agent
  std::string xmpp_domain = "localhost";  // xmpp
  std::string password = "bench";         // xmpp
  int agents = 1;                         // xmpp: visitor i talks to agent i % agents
};

std::unique_ptr<Protocol> MakeProtocol(const ProtocolOptions& options);

// A client's n-th idempotency key: `kind` then n zero-padded to 12 digits, so that a client's keys
// increase in byte order as Kefu's web client makes them (a time prefix); the server checks such
// a key without a database lookup (docs/protocol.md).
std::string IncreasingKey(char kind, std::int64_t n);

// The server's address and Host header from `options`, with this path.
WsTarget ServerTarget(const ProtocolOptions& options, std::string path);

// How many of `acked` are missing: `sql` selects (conversation, seq, text) of every stored
// message (with ?1 = `extra` when it has a parameter), read in one pass whatever the server's
// indexes; a record counts as missing when no row has its conversation and seq or the text
// differs. -1 if the query does not prepare or fails.
std::int64_t CountMissingTexts(sqlite3* db, const char* sql, const std::vector<AckRecord>& acked,
                               const std::string& extra = {});

}  // namespace kefu::bench
