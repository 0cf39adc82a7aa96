// XMPP over WebSocket (RFC 7395) as ejabberd speaks it (bench/peers/ejabberd/README.md has the
// captured exchange): open, SASL PLAIN, restart, bind, stream management (XEP-0198), presence.
// A message is acknowledged when the server's <a h='N'/> covers it; we ask with <r/> after each
// one, each element in its own frame. Visitor vN talks to agent a(N % agents); a conversation
// is the peer's bare JID. There is no sequence number, so order, loss and duplicates are checked
// from the numbers in the text alone.
//
// After a drop the client logs in afresh (a killed server keeps no stream to resume) and catches
// up as XMPP clients do: it pages through its message archive (XEP-0313) after the newest archive
// id it saw, takes its own messages found there as acknowledged, and only then sends presence
// (which flushes the offline store) and resends the rest with the same ids. Messages that come
// twice are dropped by the sender's id, as clients dedupe by origin id (XEP-0359).
#include <sqlite3.h>

#include <deque>

#include "protocol.hpp"

namespace kefu::bench {
namespace {

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// The value of attribute `name` in the first tag of `xml` (either quote style), or "".
std::string_view Attribute(std::string_view xml, std::string_view name) {
  const auto tag_end = xml.find('>');
  const std::string_view tag = xml.substr(0, tag_end);
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const std::size_t eq = pos + name.size();
    if (pos > 0 && tag[pos - 1] == ' ' && eq + 1 < tag.size() && tag[eq] == '=' &&
        (tag[eq + 1] == '\'' || tag[eq + 1] == '"')) {
      const char quote = tag[eq + 1];
      const auto close = tag.find(quote, eq + 2);
      if (close == std::string_view::npos) return {};
      return tag.substr(eq + 2, close - eq - 2);
    }
    pos = eq;
  }
  return {};
}

// The decimal archive ids ejabberd hands out (µs timestamps) compare as numbers; so do the load
// generator's fixed-width keys as strings. Longer is larger, then byte order.
bool Newer(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() > b.size() : a > b;
}

class XmppSession final : public ProtocolSession {
 public:
  XmppSession(Role role, int index, const ProtocolOptions& options, ClientState& state)
      : role_(role), options_(options), state_(state), resume_(state.sessions++ > 0) {
    user_ = (role == Role::kVisitor ? "v" : "a") + std::to_string(index);
    me_ = user_ + "@" + options.xmpp_domain;
    if (role == Role::kVisitor) {
      peer_ = "a" + std::to_string(index % std::max(1, options.agents)) + "@" + options.xmpp_domain;
    }
  }

  void OnOpen(std::vector<std::string>& out) override { out.push_back(Open()); }

  void OnFrame(std::string_view frame, std::vector<std::string>& out,
               std::vector<Inbound>& in) override {
    if (frame.starts_with("<message")) {
      ++received_;
      if (frame.find("<result ") != std::string_view::npos &&
          frame.find("<forwarded") != std::string_view::npos) {
        OnArchived(frame, in);
      } else {
        OnMessage(frame, in);
      }
    } else if (frame.starts_with("<r ") || frame.starts_with("<r/")) {
      out.push_back("<a xmlns='urn:xmpp:sm:3' h='" + std::to_string(received_) + "'/>");
    } else if (frame.starts_with("<a ")) {
      OnAckUpTo(std::atoll(std::string(Attribute(frame, "h")).c_str()), in);
    } else if (frame.starts_with("<presence")) {
      ++received_;
    } else if (frame.starts_with("<iq")) {
      const std::string_view id = Attribute(frame, "id");
      if (id == "bind1") {
        out.emplace_back("<enable xmlns='urn:xmpp:sm:3'/>");
      } else {
        ++received_;
        if (id == "mam") OnQueryPage(frame, out, in);
      }
    } else if (frame.starts_with("<stream:features")) {
      if (frame.find("<mechanisms") != std::string_view::npos) {
        const std::string plain = std::string(1, '\0') + user_ + '\0' + options_.password;
        out.push_back("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
                      Base64(plain) + "</auth>");
      } else if (frame.find("<bind") != std::string_view::npos) {
        out.emplace_back(
            "<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            "<resource>lg</resource></bind></iq>");
      }
    } else if (frame.starts_with("<success")) {
      out.push_back(Open());
    } else if (frame.starts_with("<enabled")) {
      if (resume_) {
        // A new login after a drop: first what the archive holds since the newest archive id
        // seen, then presence (which also flushes the offline store) and new sends.
        SendQuery(out);
      } else {
        GoLive(out, in);
      }
    } else if (frame.starts_with("<failure") || frame.starts_with("<stream:error")) {
      in.push_back({.kind = Inbound::Kind::kError, .error = std::string(frame), .fatal = true});
    }
  }

  void EncodeSend(const std::string& id, const std::string& conversation, const std::string& text,
                  bool /*retry*/, std::vector<std::string>& out) override {
    const std::string& to = role_ == Role::kVisitor ? peer_ : conversation;
    // Our texts are digits, spaces and CJK: nothing to escape.
    out.push_back("<message to='" + to + "' type='chat' id='" + id + "'><body>" + text +
                  "</body></message>");
    out.emplace_back("<r xmlns='urn:xmpp:sm:3'/>");
    unacked_.push_back({++sent_, id, to});
  }

 private:
  struct Sent {
    std::int64_t stanza = 0;
    std::string id;
    std::string to;
  };

  std::string Open() const {
    return "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"" + options_.xmpp_domain +
           "\" version=\"1.0\"/>";
  }

  // One page of this user's archive (both directions) after the newest archive id seen. The
  // query is a stanza: the server's <a h='N'/> counts it.
  void SendQuery(std::vector<std::string>& out) {
    std::string after;
    if (!state_.archive_after.empty()) after = "<after>" + state_.archive_after + "</after>";
    out.push_back(
        "<iq type='set' id='mam'><query xmlns='urn:xmpp:mam:2' queryid='c'>"
        "<set xmlns='http://jabber.org/protocol/rsm'><max>250</max>" +
        after + "</set></query></iq>");
    ++sent_;
  }

  void GoLive(std::vector<std::string>& out, std::vector<Inbound>& in) {
    out.emplace_back("<presence/>");  // needed to receive messages sent to the bare JID
    ++sent_;
    in.push_back({.kind = Inbound::Kind::kReady});
  }

  // The end of a catch-up page: the next page, or live. A failed query goes live too, with the
  // error counted: what it would have brought shows up as a gap.
  void OnQueryPage(std::string_view frame, std::vector<std::string>& out,
                   std::vector<Inbound>& in) {
    if (Attribute(frame, "type") != "result") {
      in.push_back({.kind = Inbound::Kind::kError, .error = "archive query failed"});
      GoLive(out, in);
    } else if (frame.find("complete='true'") == std::string_view::npos &&
               frame.find("complete=\"true\"") == std::string_view::npos &&
               frame.find("<last>") != std::string_view::npos) {
      SendQuery(out);
    } else {
      GoLive(out, in);
    }
  }

  void SeeArchiveId(std::string_view id) {
    if (!id.empty() && Newer(id, state_.archive_after)) state_.archive_after = id;
  }

  void OnMessage(std::string_view frame, std::vector<Inbound>& in) {
    if (Attribute(frame, "type") == "error") {
      in.push_back({.kind = Inbound::Kind::kError, .error = "message bounced"});
      return;
    }
    const auto stanza_id = frame.find("<stanza-id ");
    if (stanza_id != std::string_view::npos) SeeArchiveId(Attribute(frame.substr(stanza_id), "id"));
    Received(frame, in);
  }

  // A message from the archive: <message><result id='S'><forwarded>...<message ...>.
  void OnArchived(std::string_view frame, std::vector<Inbound>& in) {
    SeeArchiveId(Attribute(frame.substr(frame.find("<result ")), "id"));
    const auto inner = frame.find("<message", frame.find("<forwarded"));
    if (inner == std::string_view::npos) return;
    const std::string_view message = frame.substr(inner);
    std::string_view from = Attribute(message, "from");
    from = from.substr(0, from.find('/'));
    if (from != me_) {
      Received(message, in);
      return;
    }
    // One of ours, stored before the connection dropped: stored is acknowledged, so it is not
    // sent again. Only keys newer than the last acknowledged one were still waiting.
    const std::string_view key = Attribute(message, "id");
    if (key.empty() || !Newer(key, state_.acked_through)) return;
    state_.acked_through = key;
    std::string_view to = Attribute(message, "to");
    to = to.substr(0, to.find('/'));
    Inbound a{.kind = Inbound::Kind::kAck, .id = std::string(key)};
    a.conversation = user_ + "|" + std::string(to);
    in.push_back(std::move(a));
  }

  // A chat message for us, live, from the offline store or from the archive. A sender's key seen
  // before means it came twice: from the archive and the offline store, or resent by a sender
  // whose acknowledgement was lost.
  void Received(std::string_view message, std::vector<Inbound>& in) {
    std::string_view from = Attribute(message, "from");
    from = from.substr(0, from.find('/'));
    const auto open = message.find("<body>");
    const auto close = message.find("</body>");
    if (open == std::string_view::npos || close == std::string_view::npos) return;
    const std::string_view key = Attribute(message, "id");
    if (!key.empty() &&
        !state_.received_keys.insert(std::string(from) + '\n' + std::string(key)).second) {
      in.push_back({.kind = Inbound::Kind::kDuplicate});
      return;
    }
    Inbound e{.kind = Inbound::Kind::kEvent};
    e.conversation = from;
    e.is_message = true;
    e.from_visitor = from.starts_with("v");
    e.text = message.substr(open + 6, close - open - 6);
    in.push_back(std::move(e));
  }

  void OnAckUpTo(std::int64_t h, std::vector<Inbound>& in) {
    while (!unacked_.empty() && unacked_.front().stanza <= h) {
      Inbound a{.kind = Inbound::Kind::kAck, .id = unacked_.front().id};
      a.conversation = user_ + "|" + unacked_.front().to;  // sender|peer, for the archive check
      if (Newer(a.id, state_.acked_through)) state_.acked_through = a.id;
      in.push_back(std::move(a));
      unacked_.pop_front();
    }
  }

  Role role_;
  const ProtocolOptions& options_;
  ClientState& state_;
  bool resume_;  // a login after a drop: catch up from the archive first
  std::string user_;
  std::string me_;  // our bare JID
  std::string peer_;
  std::int64_t received_ = 0;  // stanzas received since <enabled/>
  std::int64_t sent_ = 0;      // stanzas sent since <enable/> (queries and presence included)
  std::deque<Sent> unacked_;
};

class XmppProtocol final : public Protocol {
 public:
  explicit XmppProtocol(ProtocolOptions options) : options_(std::move(options)) {}
  std::string name() const override { return "xmpp"; }

  WsTarget Target(Role, int) const override {
    WsTarget target = ServerTarget(options_, "/ws");
    target.subprotocol = "xmpp";
    return target;
  }

  std::unique_ptr<ProtocolSession> NewSession(Role role, int index,
                                              ClientState& state) const override {
    return std::make_unique<XmppSession>(role, index, options_, state);
  }

  bool resumable() const override { return true; }

  // Every acknowledged message must be in its sender's archive (ejabberd writes that row
  // before it acks).
  std::int64_t CountMissing(sqlite3* db, const std::vector<AckRecord>& acked) const override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM archive WHERE username = ?1 AND bare_peer = ?2 "
                           "AND txt = ?3",
                           -1, &stmt, nullptr) != SQLITE_OK) {
      return -1;
    }
    std::int64_t missing = 0;
    for (const auto& record : acked) {
      const auto bar = record.conversation.find('|');
      const std::string user = record.conversation.substr(0, bar);
      const std::string peer = bar == std::string::npos ? "" : record.conversation.substr(bar + 1);
      sqlite3_reset(stmt);
      sqlite3_bind_text(stmt, 1, user.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, peer.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, record.text.c_str(), -1, SQLITE_STATIC);
      if (sqlite3_step(stmt) != SQLITE_ROW || sqlite3_column_int64(stmt, 0) < 1) ++missing;
    }
    sqlite3_finalize(stmt);
    return missing;
  }

 private:
  ProtocolOptions options_;
};

}  // namespace

std::unique_ptr<Protocol> MakeXmppProtocol(const ProtocolOptions& options) {
  return std::make_unique<XmppProtocol>(options);
}

}  // namespace kefu::bench
