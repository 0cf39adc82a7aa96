// The Socket.IO relay peer (bench/peers/socketio/), spoken directly in Engine.IO v4 framing over
// a WebSocket: "0{open}" → "40" → "40{sid}"; emits with ack "42<n>[...]" answered "43<n>[...]";
// events "42[...]"; ping "2" answered "3". A reconnecting client connects with
// "40{"resume":true,"seen":{conversation: last seq}}" and resends unacknowledged messages marked
// "retry" (bench/peers/socketio/README.md).
#include <boost/json.hpp>
#include <charconv>
#include <unordered_map>

#include "json_fields.hpp"
#include "protocol.hpp"

namespace kefu::bench {
namespace {

namespace json = boost::json;

class SocketIoSession final : public ProtocolSession {
 public:
  explicit SocketIoSession(ClientState& state) : state_(state), resume_(state.sessions++ > 0) {}

  void OnOpen(std::vector<std::string>&) override {}  // the server speaks first

  void OnFrame(std::string_view frame, std::vector<std::string>& out,
               std::vector<Inbound>& in) override {
    if (frame.empty()) return;
    if (frame == "2") {
      out.emplace_back("3");
    } else if (frame[0] == '0') {
      out.push_back(Connect());
    } else if (frame.starts_with("40")) {
      in.push_back({.kind = Inbound::Kind::kReady});
    } else if (frame.starts_with("44")) {
      in.push_back({.kind = Inbound::Kind::kError, .error = std::string(frame), .fatal = true});
    } else if (frame.starts_with("42")) {
      OnEvent(frame.substr(2), in);
    } else if (frame.starts_with("43")) {
      OnAck(frame.substr(2), in);
    }
  }

  void EncodeSend(const std::string& id, const std::string& conversation, const std::string& text,
                  bool retry, std::vector<std::string>& out) override {
    const int n = next_ack_++;
    pending_[n] = id;
    json::object payload{{"id", id}, {"text", text}};
    if (!conversation.empty()) payload["conversation"] = conversation;
    if (retry) payload["retry"] = true;  // the relay looks for it before storing it again
    json::array args{"send", std::move(payload)};
    out.push_back("42" + std::to_string(n) + json::serialize(args));
  }

 private:
  // The Socket.IO CONNECT. A reconnecting client asks for what it missed: every message of its
  // conversations after the last seq it saw (all of a conversation it has not seen yet).
  std::string Connect() const {
    if (!resume_) return "40";
    json::object seen;
    for (const auto& [conversation, seq] : state_.last_seq) seen[conversation] = seq;
    return "40" + json::serialize(json::object{{"resume", true}, {"seen", std::move(seen)}});
  }

  void OnEvent(std::string_view body, std::vector<Inbound>& in) {
    boost::system::error_code ec;
    auto value = json::parse(body, ec);
    if (ec || !value.is_array() || value.as_array().size() < 2) return;
    const auto& args = value.as_array();
    if (!args[0].is_string() || args[0].get_string() != "event" || !args[1].is_object()) return;
    const auto& o = args[1].get_object();
    Inbound e{.kind = Inbound::Kind::kEvent};
    e.conversation = JsonString(o, "conversation");
    e.seq = JsonInt(o, "seq");
    e.is_message = true;
    e.from_visitor = JsonString(o, "author") == "visitor";
    e.text = JsonString(o, "text");
    in.push_back(std::move(e));
  }

  void OnAck(std::string_view body, std::vector<Inbound>& in) {
    int n = 0;
    auto [rest, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
    if (ec != std::errc{}) return;
    auto it = pending_.find(n);
    if (it == pending_.end()) return;
    const std::string id = std::move(it->second);
    pending_.erase(it);
    boost::system::error_code jec;
    auto value = json::parse(
        std::string_view(rest, static_cast<std::size_t>(body.data() + body.size() - rest)), jec);
    if (jec || !value.is_array() || value.as_array().empty() || !value.as_array()[0].is_object()) {
      in.push_back({.kind = Inbound::Kind::kError, .id = id, .error = "bad ack"});
      return;
    }
    const auto& o = value.as_array()[0].get_object();
    if (o.contains("error")) {
      in.push_back(
          {.kind = Inbound::Kind::kError, .id = id, .error = std::string(JsonString(o, "error"))});
      return;
    }
    Inbound a{.kind = Inbound::Kind::kAck, .id = id};
    a.conversation = JsonString(o, "conversation");
    a.seq = JsonInt(o, "seq");
    in.push_back(std::move(a));
  }

  ClientState& state_;
  bool resume_;
  int next_ack_ = 0;
  std::unordered_map<int, std::string> pending_;
};

class SocketIoProtocol final : public Protocol {
 public:
  explicit SocketIoProtocol(ProtocolOptions options) : options_(std::move(options)) {}
  std::string name() const override { return "socketio"; }

  WsTarget Target(Role role, int index) const override {
    const bool visitor = role == Role::kVisitor;
    return ServerTarget(options_, std::string("/socket.io/?EIO=4&transport=websocket&role=") +
                                      (visitor ? "visitor&user=v" : "agent&user=a") +
                                      std::to_string(index));
  }

  std::unique_ptr<ProtocolSession> NewSession(Role, int, ClientState& state) const override {
    return std::make_unique<SocketIoSession>(state);
  }

  bool resumable() const override { return true; }

  std::int64_t CountMissing(sqlite3* db, const std::vector<AckRecord>& acked) const override {
    return CountMissingTexts(db, "SELECT conversation, seq, text FROM messages", acked);
  }

 private:
  ProtocolOptions options_;
};

}  // namespace

std::unique_ptr<Protocol> MakeSocketIoProtocol(const ProtocolOptions& options) {
  return std::make_unique<SocketIoProtocol>(options);
}

}  // namespace kefu::bench
