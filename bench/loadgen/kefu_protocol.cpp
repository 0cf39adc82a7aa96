// Kefu's own protocol (docs/protocol.md): hello/welcome, send/ack, events with per-conversation
// seq, resume by last seq, agents signed in by a session cookie.
#include <boost/json.hpp>

#include "frame_reader.hpp"
#include "protocol.hpp"

namespace kefu::bench {
namespace {

namespace json = boost::json;

constexpr std::string_view kOnlineKey = "go-online";

class KefuSession final : public ProtocolSession {
 public:
  KefuSession(Role role, std::string tenant, ClientState& state)
      : role_(role), tenant_(std::move(tenant)), state_(state) {}

  void OnOpen(std::vector<std::string>& out) override {
    json::object hello{{"type", "hello"}};
    if (role_ == Role::kVisitor) {
      hello["role"] = "visitor";
      hello["tenant"] = tenant_;
      if (!state_.visitor_token.empty()) hello["visitor_token"] = state_.visitor_token;
    } else {
      hello["role"] = "agent";
    }
    if (!state_.last_seq.empty()) {
      json::object resume;
      for (const auto& [conversation, seq] : state_.last_seq) resume[conversation] = seq;
      hello["resume"] = std::move(resume);
    }
    out.push_back(json::serialize(hello));
  }

  // A WebSocket message from Kefu carries one or more frames, one per line.
  void OnFrame(std::string_view message, std::vector<std::string>& out,
               std::vector<Inbound>& in) override {
    for (;;) {
      const std::size_t end = message.find('\n');
      OnOneFrame(message.substr(0, end), out, in);
      if (end == std::string_view::npos) return;
      message.remove_prefix(end + 1);
    }
  }

  void OnOneFrame(std::string_view frame, std::vector<std::string>& out, std::vector<Inbound>& in) {
    // Read while parsing, by one reader reused frame after frame (a worker is one thread).
    thread_local FrameReader reader;
    if (!reader.Read(frame)) {
      in.push_back({.kind = Inbound::Kind::kError, .error = "unparsable server frame"});
      return;
    }
    const FrameFields& f = reader.fields();
    if (f.type == "event") {
      Inbound e{.kind = Inbound::Kind::kEvent};
      e.conversation = f.conversation;
      e.seq = f.seq;
      e.is_message = f.kind == "message";
      if (e.is_message) {
        e.text = f.text;
        e.from_visitor = f.author_role == "visitor";
      }
      in.push_back(std::move(e));
    } else if (f.type == "ack") {
      if (f.id == kOnlineKey) {
        in.push_back({.kind = Inbound::Kind::kReady});  // the agent now takes conversations
      } else {
        Inbound a{.kind = Inbound::Kind::kAck};
        a.id = f.id;
        a.conversation = f.conversation;
        a.seq = f.seq;
        in.push_back(std::move(a));
      }
    } else if (f.type == "welcome") {
      if (role_ == Role::kVisitor) {
        if (!f.visitor_token.empty()) state_.visitor_token = f.visitor_token;
        in.push_back({.kind = Inbound::Kind::kReady});
      } else {
        // Agents start offline: go online, and count as ready once that is acknowledged.
        out.push_back(json::serialize(
            json::object{{"type", "status"}, {"id", kOnlineKey}, {"status", "online"}}));
      }
    } else if (f.type == "error") {
      Inbound e{.kind = Inbound::Kind::kError};
      e.id = f.id;
      e.error = f.code + ": " + f.message;
      e.fatal = f.code == "unauthorized" || f.code == "unknown_tenant";
      in.push_back(std::move(e));
    }
    // conversation, agent and pong frames carry nothing the scenario checks.
  }

  void EncodeSend(const std::string& id, const std::string& conversation, const std::string& text,
                  bool /*retry: the key alone makes a resend safe*/,
                  std::vector<std::string>& out) override {
    json::object send{{"type", "send"}, {"id", id}, {"text", text}};
    if (!conversation.empty()) send["conversation"] = conversation;
    out.push_back(json::serialize(send));
  }

 private:
  Role role_;
  std::string tenant_;
  ClientState& state_;
};

class KefuProtocol final : public Protocol {
 public:
  explicit KefuProtocol(ProtocolOptions options) : options_(std::move(options)) {}

  std::string name() const override { return "kefu"; }

  WsTarget Target(Role role, int index) const override {
    WsTarget target = ServerTarget(options_, "/ws");
    if (role == Role::kAgent) {
      const auto& tokens = options_.agent_tokens;
      if (!tokens.empty()) {
        target.headers.emplace_back(
            "Cookie", "kefu_session=" + tokens[static_cast<std::size_t>(index) % tokens.size()]);
      }
    }
    return target;
  }

  std::unique_ptr<ProtocolSession> NewSession(Role role, int, ClientState& state) const override {
    return std::make_unique<KefuSession>(role, options_.tenant, state);
  }

  bool resumable() const override { return true; }

  std::int64_t CountMissing(sqlite3* db, const std::vector<AckRecord>& acked) const override {
    return CountMissingTexts(db,
                             "SELECT conversation_id, seq, text FROM events WHERE tenant_id = "
                             "(SELECT id FROM tenants WHERE slug = ?1) AND kind = 'message'",
                             acked, options_.tenant);
  }

 private:
  ProtocolOptions options_;
};

}  // namespace

std::unique_ptr<Protocol> MakeKefuProtocol(const ProtocolOptions& options) {
  return std::make_unique<KefuProtocol>(options);
}

}  // namespace kefu::bench
