// The XMPP driver's catch-up after a drop, fed with frames as ejabberd 23.01 sends them
// (bench/peers/ejabberd/README.md): stanza counting for <a h/>, the archive query and its pages,
// own messages found in the archive taken as acknowledged, and messages that come twice.
#include <gtest/gtest.h>

#include "protocol.hpp"

namespace kefu::bench {

std::unique_ptr<Protocol> MakeXmppProtocol(const ProtocolOptions& options);

namespace {

struct Frames {
  std::vector<std::string> out;
  std::vector<Inbound> in;
};

class XmppCatchUpTest : public ::testing::Test {
 protected:
  XmppCatchUpTest() : protocol_(MakeXmppProtocol(Options())) {}

  static ProtocolOptions Options() {
    ProtocolOptions o;
    o.name = "xmpp";
    o.agents = 10;
    return o;
  }

  // Visitor v3 (talks to a3) through login until the server's <enabled/>.
  std::unique_ptr<ProtocolSession> LogIn() {
    auto session = protocol_->NewSession(Role::kVisitor, 3, state_);
    Frames f;
    session->OnOpen(f.out);
    Feed(*session, "<stream:features><mechanisms><mechanism>PLAIN</mechanism></mechanisms>");
    Feed(*session, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    Feed(*session, "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>");
    Feed(*session, "<iq xmlns='jabber:client' type='result' id='bind1'><bind/></iq>");
    return session;
  }

  static Frames Feed(ProtocolSession& session, std::string_view frame) {
    Frames f;
    session.OnFrame(frame, f.out, f.in);
    return f;
  }

  static std::string Live(const std::string& key, const std::string& archive_id) {
    return "<message xmlns='jabber:client' to='v3@localhost' from='a3@localhost/lg' "
           "type='chat' id='" +
           key + "'><archived by='v3@localhost' id='" + archive_id +
           "'/><stanza-id xmlns='urn:xmpp:sid:0' by='v3@localhost' id='" + archive_id +
           "'/><body>la 3 " + key + "</body></message>";
  }

  static std::string Archived(const std::string& archive_id, const std::string& from,
                              const std::string& to, const std::string& key) {
    return "<message xmlns='jabber:client' to='v3@localhost/lg' from='v3@localhost'><result "
           "id='" +
           archive_id +
           "' queryid='c' xmlns='urn:xmpp:mam:2'><forwarded xmlns='urn:xmpp:forward:0'><message "
           "xml:lang='en' to='" +
           to + "' from='" + from + "' type='chat' id='" + key + "' xmlns='jabber:client'><body>" +
           key + "</body></message></forwarded></result></message>";
  }

  static std::string Fin(bool complete, const std::string& last) {
    return "<iq xmlns='jabber:client' type='result' id='mam'><fin complete='" +
           std::string(complete ? "true" : "false") +
           "' xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'><last>" + last +
           "</last></set></fin></iq>";
  }

  std::unique_ptr<Protocol> protocol_;
  ClientState state_;
};

TEST_F(XmppCatchUpTest, FirstLoginGoesLiveAtOnceAndAcksCountPresence) {
  auto s = LogIn();
  const Frames enabled = Feed(*s, "<enabled xmlns='urn:xmpp:sm:3'/>");
  ASSERT_EQ(enabled.out, std::vector<std::string>{"<presence/>"});
  ASSERT_EQ(enabled.in.size(), 1u);
  EXPECT_EQ(enabled.in[0].kind, Inbound::Kind::kReady);

  Frames sent;
  s->EncodeSend("m000000000001", "", "hello", false, sent.out);
  ASSERT_EQ(sent.out.size(), 2u);  // the message, then <r/> in its own frame
  EXPECT_NE(sent.out[0].find("to='a3@localhost'"), std::string::npos);
  EXPECT_TRUE(Feed(*s, "<a h='1' xmlns='urn:xmpp:sm:3'/>").in.empty());  // presence only
  const Frames acked = Feed(*s, "<a h='2' xmlns='urn:xmpp:sm:3'/>");
  ASSERT_EQ(acked.in.size(), 1u);
  EXPECT_EQ(acked.in[0].kind, Inbound::Kind::kAck);
  EXPECT_EQ(acked.in[0].id, "m000000000001");
  EXPECT_EQ(acked.in[0].conversation, "v3|a3@localhost");
  EXPECT_EQ(state_.acked_through, "m000000000001");
}

TEST_F(XmppCatchUpTest, ALoginAfterADropPagesThroughTheArchiveBeforeGoingLive) {
  {
    auto first = LogIn();
    Feed(*first, "<enabled xmlns='urn:xmpp:sm:3'/>");
    const Frames live = Feed(*first, Live("r000000000007", "1795000000000100"));
    ASSERT_EQ(live.in.size(), 1u);
    EXPECT_EQ(live.in[0].kind, Inbound::Kind::kEvent);
    EXPECT_EQ(live.in[0].conversation, "a3@localhost");
    EXPECT_EQ(state_.archive_after, "1795000000000100");
    Frames sent;
    first->EncodeSend("m000000000001", "", "one", false, sent.out);  // never acknowledged
    first->EncodeSend("m000000000002", "", "two", false, sent.out);
  }
  auto s = LogIn();
  const Frames enabled = Feed(*s, "<enabled xmlns='urn:xmpp:sm:3'/>");
  ASSERT_EQ(enabled.out.size(), 1u);
  EXPECT_NE(enabled.out[0].find("<after>1795000000000100</after>"), std::string::npos);
  EXPECT_TRUE(enabled.in.empty());  // not ready before the catch-up

  // Page 1: our first message was stored before the drop (so it counts as acknowledged), and a
  // reply we had already received live comes again.
  Frames own =
      Feed(*s, Archived("1795000000000200", "v3@localhost/lg", "a3@localhost", "m000000000001"));
  ASSERT_EQ(own.in.size(), 1u);
  EXPECT_EQ(own.in[0].kind, Inbound::Kind::kAck);
  EXPECT_EQ(own.in[0].id, "m000000000001");
  EXPECT_EQ(own.in[0].conversation, "v3|a3@localhost");
  const Frames again =
      Feed(*s, Archived("1795000000000300", "a3@localhost/lg", "v3@localhost", "r000000000007"));
  ASSERT_EQ(again.in.size(), 1u);
  EXPECT_EQ(again.in[0].kind, Inbound::Kind::kDuplicate);
  const Frames next = Feed(*s, Fin(false, "1795000000000300"));
  ASSERT_EQ(next.out.size(), 1u);
  EXPECT_NE(next.out[0].find("<after>1795000000000300</after>"), std::string::npos);

  // Page 2: a reply we missed, then the end.
  const Frames missed =
      Feed(*s, Archived("1795000000000400", "a3@localhost/lg", "v3@localhost", "r000000000009"));
  ASSERT_EQ(missed.in.size(), 1u);
  EXPECT_EQ(missed.in[0].kind, Inbound::Kind::kEvent);
  EXPECT_TRUE(missed.in[0].from_visitor == false);
  const Frames done = Feed(*s, Fin(true, "1795000000000400"));
  ASSERT_EQ(done.out, std::vector<std::string>{"<presence/>"});
  ASSERT_EQ(done.in.size(), 1u);
  EXPECT_EQ(done.in[0].kind, Inbound::Kind::kReady);

  // The offline store flushes the missed reply once more: dropped.
  EXPECT_EQ(Feed(*s, Live("r000000000009", "1795000000000400")).in.at(0).kind,
            Inbound::Kind::kDuplicate);

  // Two queries and the presence were stanzas 1-3: the resent message is stanza 4.
  Frames sent;
  s->EncodeSend("m000000000002", "", "two", true, sent.out);
  EXPECT_TRUE(Feed(*s, "<a h='3' xmlns='urn:xmpp:sm:3'/>").in.empty());
  const Frames acked = Feed(*s, "<a h='4' xmlns='urn:xmpp:sm:3'/>");
  ASSERT_EQ(acked.in.size(), 1u);
  EXPECT_EQ(acked.in[0].id, "m000000000002");

  // Our own message found in a later catch-up, already acknowledged: nothing to report.
  state_.archive_after.clear();
  auto later = LogIn();
  Feed(*later, "<enabled xmlns='urn:xmpp:sm:3'/>");
  EXPECT_TRUE(
      Feed(*later, Archived("1795000000000200", "v3@localhost/lg", "a3@localhost", "m000000000001"))
          .in.empty());
}

TEST_F(XmppCatchUpTest, AFailedQueryGoesLiveWithAnError) {
  state_.sessions = 1;  // a reconnect
  auto s = LogIn();
  Feed(*s, "<enabled xmlns='urn:xmpp:sm:3'/>");
  const Frames failed = Feed(*s,
                             "<iq xmlns='jabber:client' type='error' id='mam'><error "
                             "type='wait'/></iq>");
  ASSERT_EQ(failed.out, std::vector<std::string>{"<presence/>"});
  ASSERT_EQ(failed.in.size(), 2u);
  EXPECT_EQ(failed.in[0].kind, Inbound::Kind::kError);
  EXPECT_EQ(failed.in[1].kind, Inbound::Kind::kReady);
}

}  // namespace
}  // namespace kefu::bench
