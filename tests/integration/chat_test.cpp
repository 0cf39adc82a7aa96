// The live chat over WebSocket: a visitor and an agent talk; reconnect and resume; idempotency;
// every kind of bad frame; limits.
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "auth/identity.hpp"
#include "server_fixture.hpp"

namespace kefu::testing {
namespace {

using ChatTest = ServerTest;

// Collects the events of one conversation from a client until `seq`, checking order.
std::vector<json::object> EventsUntil(WsClient& client, const std::string& conversation, long seq,
                                      long after = 0) {
  std::vector<json::object> events;
  long last = after;
  while (last < seq) {
    auto frame = client.ReadUntil([&](const json::object& f) {
      return f.at("type") == "event" && f.at("conversation") == conversation.c_str();
    });
    if (!frame) {
      ADD_FAILURE() << "missing events after seq " << last << " of " << seq;
      return events;
    }
    const long got = frame->at("seq").as_int64();
    EXPECT_EQ(got, last + 1) << "events arrive in order with no gap or duplicate";
    last = got;
    events.push_back(std::move(*frame));
  }
  return events;
}

TEST_F(ChatTest, VisitorAndAgentTalkOnTheDemoTenant) {
  auto agent_login = SignIn(port_, "demo-bank", "agent1@demo.kefu", "kefu-demo");
  ASSERT_TRUE(agent_login);
  WsClient agent;
  ConnectAgent(agent, *agent_login);

  WsClient visitor;
  // 信用卡 ("cards") is the demo's human-first queue; 个人业务 starts with the bot.
  auto welcome = ConnectVisitor(visitor, "demo-bank", "", {}, "cards");
  ASSERT_TRUE(welcome.at("visitor").at("token").is_string());
  EXPECT_TRUE(welcome.at("conversations").as_array().empty());

  visitor.Send(json::object{{"type", "send"}, {"id", "v-1"}, {"text", "你好，我的信用卡被锁了"}});
  auto ack = visitor.Expect("ack", "v-1");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->at("seq"), 1);
  const std::string conversation(ack->at("conversation").as_string());

  // The visitor sees its message, the queue notice and the assignment with the agent's name.
  auto visitor_events = EventsUntil(visitor, conversation, 3);
  ASSERT_EQ(visitor_events.size(), 3u);
  EXPECT_EQ(visitor_events[0].at("text"), "你好，我的信用卡被锁了");
  EXPECT_EQ(visitor_events[1].at("code"), "queued");
  EXPECT_EQ(visitor_events[2].at("code"), "assigned");
  EXPECT_EQ(visitor_events[2].at("agent").at("name"), "王小明");

  // The agent gets the conversation and its whole history.
  auto offered = agent.ReadUntil([&](const json::object& f) {
    return f.at("type") == "conversation" && f.at("conversation").at("id") == conversation.c_str();
  });
  ASSERT_TRUE(offered);
  EXPECT_EQ(offered->at("conversation").at("state"), "assigned");
  auto agent_events = EventsUntil(agent, conversation, 3);
  ASSERT_EQ(agent_events.size(), 3u);
  EXPECT_EQ(agent_events[0].at("author").at("role"), "visitor");

  agent.Send(json::object{{"type", "send"},
                          {"id", "a-1"},
                          {"conversation", conversation},
                          {"text", "您好，我来帮您处理"}});
  auto agent_ack = agent.Expect("ack", "a-1");
  ASSERT_TRUE(agent_ack);
  EXPECT_EQ(agent_ack->at("seq"), 4);
  auto reply =
      visitor.ReadUntil([&](const json::object& f) { return IsEvent(f, conversation, 4); });
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->at("text"), "您好，我来帮您处理");
  EXPECT_EQ(reply->at("author").at("name"), "王小明");

  agent.Send(json::object{{"type", "close"}, {"id", "a-2"}, {"conversation", conversation}});
  ASSERT_TRUE(agent.Expect("ack", "a-2"));
  auto closed =
      visitor.ReadUntil([&](const json::object& f) { return IsEvent(f, conversation, 5); });
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->at("code"), "closed");
  EXPECT_EQ(closed->at("by"), "agent");

  // After the close the visitor's next message starts a new conversation.
  visitor.Send(json::object{{"type", "send"}, {"id", "v-2"}, {"text", "还有一个问题"}});
  auto next = visitor.Expect("ack", "v-2");
  ASSERT_TRUE(next);
  EXPECT_NE(next->at("conversation"), conversation.c_str());
  EXPECT_EQ(next->at("seq"), 1);
}

TEST_F(ChatTest, ReconnectResumesWithNoGapAndNoDuplicate) {
  const auto slug = Unique("resume-");
  auto boss = NewTenant(slug);
  WsClient agent;
  ConnectAgent(agent, boss);

  auto visitor = std::make_unique<WsClient>();
  auto welcome = ConnectVisitor(*visitor, slug);
  const std::string token(welcome.at("visitor").at("token").as_string());
  visitor->Send(json::object{{"type", "send"}, {"id", "m-1"}, {"text", "第一条"}});
  auto ack = visitor->Expect("ack", "m-1");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());
  EventsUntil(*visitor, conversation, 3);  // message, queued, assigned: seen
  EventsUntil(agent, conversation, 3);
  visitor->Close();
  visitor.reset();

  // While the visitor is away the agent writes five messages.
  for (int i = 1; i <= 5; ++i) {
    const std::string id = "r-" + std::to_string(i);
    agent.Send(json::object{{"type", "send"},
                            {"id", id},
                            {"conversation", conversation},
                            {"text", "回复 " + std::to_string(i)}});
    ASSERT_TRUE(agent.Expect("ack", id));
  }

  // The visitor comes back having seen seq 3: it gets exactly 4..8, then live events.
  WsClient back;
  auto again = ConnectVisitor(back, slug, token, json::object{{conversation, 3}});
  ASSERT_EQ(again.at("visitor").at("id"), welcome.at("visitor").at("id"))
      << "the signed token keeps the visitor's identity";
  auto missed = EventsUntil(back, conversation, 8, /*after=*/3);
  ASSERT_EQ(missed.size(), 5u);
  EXPECT_EQ(missed.front().at("seq"), 4);
  EXPECT_EQ(missed.front().at("text"), "回复 1");
  agent.Send(json::object{
      {"type", "send"}, {"id", "r-6"}, {"conversation", conversation}, {"text", "在吗"}});
  auto live = back.ReadUntil([](const json::object& f) { return f.at("type") == "event"; });
  ASSERT_TRUE(live);
  EXPECT_EQ(live->at("seq"), 9) << "the first live event follows the replay without a duplicate";

  // A client that has seen nothing (a reload without local history) gets everything from seq 1.
  WsClient fresh;
  ConnectVisitor(fresh, slug, token);
  auto all = EventsUntil(fresh, conversation, 9);
  EXPECT_EQ(all.size(), 9u);
}

// The first visitor of a tenant loads it (through the blocking pool); later new visitors are
// prepared from memory on the I/O thread. Both must welcome alike and remember the visitor.
TEST_F(ChatTest, NewVisitorsOfALoadedTenantAreWelcomedAliveAndRemembered) {
  const auto slug = Unique("warm-");
  auto boss = NewTenant(slug);
  WsClient first;
  auto cold = ConnectVisitor(first, slug);

  WsClient second;
  ASSERT_TRUE(second.Connect(port_));
  second.Send(
      json::object{{"type", "hello"}, {"role", "visitor"}, {"tenant", slug}, {"name", "小红"}});
  auto warm = second.Expect("welcome");
  ASSERT_TRUE(warm);
  EXPECT_EQ(warm->at("visitor").at("name"), "小红");
  EXPECT_NE(warm->at("visitor").at("id"), cold.at("visitor").at("id"));
  EXPECT_EQ(warm->at("queue"), cold.at("queue"));
  EXPECT_EQ(warm->contains("bot"), cold.contains("bot"));
  EXPECT_EQ(warm->at("conversations").as_array().size(), 0u);
  const std::string token(warm->at("visitor").at("token").as_string());
  second.Send(json::object{{"type", "send"}, {"id", "w-1"}, {"text", "你好"}});
  ASSERT_TRUE(second.Expect("ack", "w-1"));  // the visitor row was queued before: durable
  second.Close();

  WsClient back;
  auto again = ConnectVisitor(back, slug, token);
  EXPECT_EQ(again.at("visitor").at("id"), warm->at("visitor").at("id"));
  EXPECT_EQ(again.at("visitor").at("name"), "小红") << "the visitor row was written";
  EXPECT_EQ(again.at("conversations").as_array().size(), 1u);
}

// Visitor welcomes by source, read from /metrics: {from memory, from the database}.
std::pair<long, long> WelcomeSources(unsigned short port) {
  auto metrics = HttpRequest(port, "GET", "/metrics");
  auto count = [&](const std::string& source) {
    const std::string key = "kefu_visitor_welcomes_total{source=\"" + source + "\"} ";
    auto at = metrics.raw_body.find(key);
    return at == std::string::npos ? -1L : std::stol(metrics.raw_body.substr(at + key.size()));
  };
  return {count("memory"), count("database")};
}

TEST_F(ChatTest, ReturningVisitorsAreWelcomedFromMemoryAsTheDatabaseWould) {
  const auto slug = Unique("memo-");
  auto boss = NewTenant(slug);
  WsClient agent;
  ConnectAgent(agent, boss);
  WsClient first;
  ASSERT_TRUE(first.Connect(port_));
  first.Send(
      json::object{{"type", "hello"}, {"role", "visitor"}, {"tenant", slug}, {"name", "小明"}});
  auto hello = first.Expect("welcome");
  ASSERT_TRUE(hello);
  const std::string token(hello->at("visitor").at("token").as_string());
  const std::string visitor(hello->at("visitor").at("id").as_string());
  first.Send(json::object{{"type", "send"}, {"id", "m-1"}, {"text", "你好"}});
  auto ack = first.Expect("ack", "m-1");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());
  EventsUntil(agent, conversation, 3);
  agent.Send(json::object{
      {"type", "send"}, {"id", "a-1"}, {"conversation", conversation}, {"text", "您好"}});
  ASSERT_TRUE(agent.Expect("ack", "a-1"));
  first.Close();

  // Back (a page load): from memory, with the conversation and what was missed.
  const auto before = WelcomeSources(port_);
  ASSERT_GE(before.first, 0) << "the metric exists";
  WsClient back;
  auto remembered = ConnectVisitor(back, slug, token, json::object{{conversation, 1}});
  const auto after = WelcomeSources(port_);
  EXPECT_EQ(after.first, before.first + 1) << "welcomed from memory";
  EXPECT_EQ(after.second, before.second) << "no trip to the database";
  EXPECT_EQ(remembered.at("visitor").at("id"), visitor.c_str());
  EXPECT_EQ(remembered.at("visitor").at("name"), "小明");
  ASSERT_EQ(remembered.at("conversations").as_array().size(), 1u);
  EXPECT_EQ(remembered.at("conversations").as_array()[0].at("id"), conversation.c_str());
  auto missed = EventsUntil(back, conversation, 4, /*after=*/1);
  ASSERT_FALSE(missed.empty());
  EXPECT_EQ(missed.back().at("text"), "您好");
  back.Close();

  // An agent changes something else in the profile: the next welcome reads the database, and
  // says the same.
  auto patched = HttpRequest(port_, "PATCH", "/api/visitors/" + visitor + "/profile",
                             R"({"phone":"13800000000"})", boss.cookie, boss.csrf);
  ASSERT_EQ(patched.status, 200) << patched.raw_body;
  WsClient again;
  auto read = ConnectVisitor(again, slug, token);
  const auto reread = WelcomeSources(port_);
  EXPECT_EQ(reread.second, after.second + 1) << "forgotten after the profile changed";
  EXPECT_EQ(read.at("visitor"), remembered.at("visitor"));
  EXPECT_EQ(read.at("conversations"), remembered.at("conversations"));
  again.Close();

  // A new name is seen at once, and remembered.
  patched = HttpRequest(port_, "PATCH", "/api/visitors/" + visitor + "/profile",
                        R"({"name":"王五"})", boss.cookie, boss.csrf);
  ASSERT_EQ(patched.status, 200) << patched.raw_body;
  for (int i = 0; i < 2; ++i) {
    WsClient renamed;
    auto welcome = ConnectVisitor(renamed, slug, token);
    EXPECT_EQ(welcome.at("visitor").at("name"), "王五") << i;
    renamed.Close();
  }
  const auto last = WelcomeSources(port_);
  EXPECT_EQ(last.second, reread.second + 1);
  EXPECT_EQ(last.first, reread.first + 1);

  // A second conversation joins the remembered ones.
  WsClient closer;
  ConnectVisitor(closer, slug, token);
  closer.Send(json::object{{"type", "close"}, {"id", "c-1"}, {"conversation", conversation}});
  ASSERT_TRUE(closer.Expect("ack", "c-1"));
  closer.Send(json::object{{"type", "send"}, {"id", "m-2"}, {"text", "还有一个问题"}});
  auto second = closer.Expect("ack", "m-2");
  ASSERT_TRUE(second);
  EXPECT_NE(second->at("conversation"), conversation.c_str());
  closer.Send(
      json::object{{"type", "close"}, {"id", "c-2"}, {"conversation", second->at("conversation")}});
  ASSERT_TRUE(closer.Expect("ack", "c-2"));
  closer.Close();
  WsClient both;
  auto listed = ConnectVisitor(both, slug, token);
  auto conversations = listed.at("conversations").as_array();
  ASSERT_EQ(conversations.size(), 2u);
  EXPECT_EQ(conversations[0].at("id"), conversation.c_str()) << "oldest first";
  EXPECT_EQ(conversations[0].at("state"), "closed");
  EXPECT_EQ(conversations[1].at("id"), second->at("conversation"));
  EXPECT_EQ(conversations[1].at("state"), "closed");
  EXPECT_EQ(WelcomeSources(port_).second, last.second) << "all from memory";
  both.Close();
  // The database's account of the closed conversation is the same as the memory's.
  patched = HttpRequest(port_, "PATCH", "/api/visitors/" + visitor + "/profile",
                        R"({"phone":"13900000000"})", boss.cookie, boss.csrf);
  ASSERT_EQ(patched.status, 200) << patched.raw_body;
  WsClient stored;
  auto from_database = ConnectVisitor(stored, slug, token);
  EXPECT_EQ(WelcomeSources(port_).second, last.second + 1);
  EXPECT_EQ(from_database.at("conversations"), listed.at("conversations"));
}

TEST_F(ChatTest, WhatTheSiteSaysOfAVerifiedCustomerIsSeenOnTheirNextVisit) {
  const auto slug = Unique("memo-id-");
  auto boss = NewTenant(slug);
  auto secret = HttpRequest(port_, "GET", "/api/settings/identity", "", boss.cookie);
  ASSERT_EQ(secret.status, 200) << secret.raw_body;
  const std::string key(secret.body.as_object().at("secret").as_string());
  // With `say`, the visitor also sends a message and waits for its ack: the writer commits in
  // order, so the visit's own writes (the site's profile) are durable by then.
  int said = 0;
  auto visit = [&](const std::string& name, const std::string& token, bool say = false) {
    WsClient client;
    EXPECT_TRUE(client.Connect(port_));
    json::object hello{{"type", "hello"}, {"role", "visitor"}, {"tenant", slug}};
    if (!name.empty()) {
      hello["identity"] = auth::SignIdentity(
          json::serialize(json::object{{"user_id", "c-42"}, {"name", name}, {"exp", 4102444800}}),
          key);
    }
    if (!token.empty()) hello["visitor_token"] = token;
    client.Send(hello);
    auto welcome = client.Expect("welcome");
    EXPECT_TRUE(welcome);
    if (say) {
      const std::string id = "say-" + std::to_string(++said);
      client.Send(json::object{{"type", "send"}, {"id", id}, {"text", "你好"}});
      EXPECT_TRUE(client.Expect("ack", id));
    }
    client.Close();
    return welcome.value_or(json::object{});
  };
  auto first = visit("张三", "", /*say=*/true);
  ASSERT_EQ(first.at("visitor").at("name"), "张三");
  const std::string token(first.at("visitor").at("token").as_string());
  EXPECT_EQ(visit("", token).at("visitor").at("name"), "张三") << "from the database";
  EXPECT_EQ(visit("", token).at("visitor").at("name"), "张三") << "from memory";
  EXPECT_EQ(visit("张三丰", "", /*say=*/true).at("visitor").at("name"), "张三丰");
  // The site's new name reached the row; what the runtime remembered is forgotten.
  for (int i = 0; i < 50; ++i) {
    auto back = visit("", token);
    if (back.at("visitor").at("name") == "张三丰") break;
    ASSERT_LT(i, 49) << "still " << back.at("visitor").at("name");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(visit("", token).at("visitor").at("name"), "张三丰");
}

TEST_F(ChatTest, AgentReconnectGetsMissedEventsAndUnreadCounts) {
  const auto slug = Unique("agent-resume-");
  auto boss = NewTenant(slug);
  auto agent = std::make_unique<WsClient>();
  ConnectAgent(*agent, boss);
  WsClient visitor;
  ConnectVisitor(visitor, slug);
  visitor.Send(json::object{{"type", "send"}, {"id", "v1"}, {"text", "一"}});
  auto ack = visitor.Expect("ack", "v1");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());
  EventsUntil(*agent, conversation, 3);
  agent->Close();
  agent.reset();
  visitor.Send(json::object{{"type", "send"}, {"id", "v2"}, {"text", "二"}});
  ASSERT_TRUE(visitor.Expect("ack", "v2"));
  visitor.Send(json::object{{"type", "send"}, {"id", "v3"}, {"text", "三"}});
  ASSERT_TRUE(visitor.Expect("ack", "v3"));

  WsClient back;
  ASSERT_TRUE(back.Connect(port_, boss.cookie));
  back.Send(json::object{{"type", "hello"}, {"role", "agent"}, {"resume", {{conversation, 3}}}});
  auto welcome = back.Expect("welcome");
  ASSERT_TRUE(welcome);
  auto conversations = welcome->at("conversations").as_array();
  ASSERT_EQ(conversations.size(), 1u) << "the agent keeps its chats across a reconnect";
  EXPECT_EQ(conversations[0].at("unread"), 3);
  auto missed = EventsUntil(back, conversation, 5, /*after=*/3);
  ASSERT_EQ(missed.size(), 2u);
  EXPECT_EQ(missed[1].at("text"), "三");

  back.Send(
      json::object{{"type", "read"}, {"id", "rd"}, {"conversation", conversation}, {"seq", 5}});
  ASSERT_TRUE(back.Expect("ack", "rd"));
  auto update =
      back.ReadUntil([](const json::object& f) { return f.at("type") == "conversation"; });
  ASSERT_TRUE(update);
  EXPECT_EQ(update->at("conversation").at("unread"), 0);
}

TEST_F(ChatTest, DuplicateIdempotencyKeyIsAppliedOnce) {
  const auto slug = Unique("idem-");
  NewTenant(slug);
  WsClient visitor;
  ConnectVisitor(visitor, slug);
  visitor.Send(json::object{{"type", "send"}, {"id", "same"}, {"text", "只发一次"}});
  visitor.Send(json::object{{"type", "send"}, {"id", "same"}, {"text", "只发一次"}});
  auto first = visitor.Expect("ack", "same");
  auto second = visitor.Expect("ack", "same");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->at("seq"), second->at("seq"));
  EXPECT_EQ(first->at("conversation"), second->at("conversation"));
  visitor.Send(json::object{{"type", "send"}, {"id", "other"}, {"text", "下一条"}});
  auto third = visitor.Expect("ack", "other");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->at("seq"), 3) << "1 = message, 2 = queued; the duplicate made nothing";
  int copies = 0;
  while (visitor.ReadUntil(
      [](const json::object& f) {
        return f.at("type") == "event" && f.contains("text") && f.at("text") == "只发一次";
      },
      500ms)) {
    ++copies;
  }
  EXPECT_EQ(copies, 1);
}

TEST_F(ChatTest, BadFramesGetErrorsAndTheConnectionStaysUsable) {
  const auto slug = Unique("bad-");
  NewTenant(slug);
  WsClient visitor;
  ASSERT_TRUE(visitor.Connect(port_));
  visitor.Send(json::object{{"type", "send"}, {"id", "early"}, {"text", "hi"}});
  auto early = visitor.Expect("error", "early");
  ASSERT_TRUE(early);
  EXPECT_EQ(early->at("code"), "hello_required");
  visitor.Send(json::object{{"type", "hello"}, {"role", "visitor"}, {"tenant", slug}});
  ASSERT_TRUE(visitor.Expect("welcome"));

  struct Row {
    std::string frame;
    std::string code;
  };
  const std::vector<Row> rows = {
      {"this is not json", "bad_json"},
      {"[1,2,3]", "bad_json"},
      {R"({"type":"dance","id":"x1"})", "unknown_type"},
      {R"({"type":"send","text":"no id"})", "bad_frame"},
      {R"({"type":"send","id":"x2","text":12})", "bad_frame"},
      {R"({"type":"send","id":"x3","text":"   "})", "text_empty"},
      {R"({"type":"send","id":"x4","text":")" + std::string(4001, 'a') + R"("})", "text_too_long"},
      {R"({"type":"send","id":"x5","text":")" + std::string(20000, 'a') + R"("})",
       "frame_too_large"},
      {R"({"type":"send","id":"x6","conversation":"c_nope","text":"hi"})", "not_found"},
      {R"({"type":"read","id":"x7","conversation":"c_nope","seq":1})", "forbidden"},
      {R"({"type":"status","id":"x8","status":"online"})", "forbidden"},
      {R"({"type":"hello","role":"visitor","tenant":"x"})", "already_hello"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.frame.substr(0, 60));
    visitor.Send(row.frame);
    auto error = visitor.Expect("error");
    ASSERT_TRUE(error);
    EXPECT_EQ(error->at("code"), row.code.c_str());
    EXPECT_FALSE(error->at("message").as_string().empty());
    visitor.Send(R"({"type":"ping"})");
    ASSERT_TRUE(visitor.Expect("pong")) << "still usable";
  }
  visitor.SendBinary("\x01\x02");
  auto binary = visitor.Expect("error");
  ASSERT_TRUE(binary);
  EXPECT_EQ(binary->at("code"), "bad_frame");

  // A frame over the hard limit is not even buffered: its header alone closes the connection
  // with 1009.
  visitor.SendFrameHeaderOnly(2 * 1024 * 1024);
  EXPECT_FALSE(visitor.Read(10s));
  EXPECT_TRUE(visitor.closed());
  EXPECT_EQ(visitor.close_code(), 1009);
}

// The server waits for a message's first byte before it reads the rest (an idle connection keeps
// no read buffer): messages in several frames, split inside a character or after one byte, and
// messages following each other closely arrive whole.
TEST_F(ChatTest, FragmentedMessagesArriveWhole) {
  const auto slug = Unique("fragments-");
  NewTenant(slug);
  WsClient visitor;
  ConnectVisitor(visitor, slug);
  const std::string frame =
      json::serialize(json::object{{"type", "send"}, {"id", "f-1"}, {"text", "你好，分片消息"}});
  const std::size_t inside_a_character = frame.find("你") + 1;
  visitor.SendFragmented({frame.substr(0, 1), frame.substr(1, inside_a_character - 1),
                          frame.substr(inside_a_character, 7),
                          frame.substr(inside_a_character + 7)});
  auto ack = visitor.Expect("ack", "f-1");
  ASSERT_TRUE(ack) << "a message in four frames is one frame for the protocol";
  const std::string conversation(ack->at("conversation").as_string());
  const long seq = ack->at("seq").as_int64();
  auto event =
      visitor.ReadUntil([&](const json::object& f) { return IsEvent(f, conversation, seq); });
  ASSERT_TRUE(event);
  EXPECT_EQ(event->at("text"), "你好，分片消息");

  for (int i = 2; i <= 4; ++i) {
    visitor.Send(json::object{
        {"type", "send"}, {"id", "f-" + std::to_string(i)}, {"text", "第" + std::to_string(i)}});
  }
  for (int i = 2; i <= 4; ++i) ASSERT_TRUE(visitor.Expect("ack", "f-" + std::to_string(i)));

  // Broken UTF-8 across the frames of one message is refused by the WebSocket layer itself.
  visitor.SendFragmented({R"({"type":"send","id":"f-5","text":")", "\xe4\xbd", "\"}"});
  EXPECT_FALSE(visitor.Read(10s));
  EXPECT_TRUE(visitor.closed());
  EXPECT_EQ(visitor.close_code(), 1007) << "invalid frame payload data";
}

TEST_F(ChatTest, CommandsOverTheRateLimitAreRefusedNotDropped) {
  const auto slug = Unique("rate-");
  NewTenant(slug);
  WsClient visitor;
  ConnectVisitor(visitor, slug);
  for (int i = 0; i < 80; ++i) {
    visitor.Send(json::object{{"type", "send"}, {"id", "b" + std::to_string(i)}, {"text", "x"}});
  }
  int acks = 0, limited = 0;
  for (int answered = 0; answered < 80;) {
    auto frame = visitor.Read();
    ASSERT_TRUE(frame);
    if (frame->at("type") == "ack") ++acks, ++answered;
    if (frame->at("type") == "error") {
      EXPECT_EQ(frame->at("code"), "rate_limited");
      ++limited, ++answered;
    }
  }
  EXPECT_GT(limited, 0);
  EXPECT_GE(acks, 40) << "the burst is allowed";
  EXPECT_EQ(acks + limited, 80) << "every command gets exactly one answer";
}

TEST_F(ChatTest, UnknownTenantAndMissingSessionAreRefused) {
  WsClient visitor;
  ASSERT_TRUE(visitor.Connect(port_));
  visitor.Send(json::object{{"type", "hello"}, {"role", "visitor"}, {"tenant", "no-such-tenant"}});
  auto error = visitor.Expect("error");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->at("code"), "unknown_tenant");
  EXPECT_FALSE(visitor.Read());
  EXPECT_EQ(visitor.close_code(), 1008);

  WsClient agent;
  ASSERT_TRUE(agent.Connect(port_));
  agent.Send(json::object{{"type", "hello"}, {"role", "agent"}});
  auto unauthorized = agent.Expect("error");
  ASSERT_TRUE(unauthorized);
  EXPECT_EQ(unauthorized->at("code"), "unauthorized");

  // A page on another site cannot ride on an agent's cookie.
  auto login = SignIn(port_, "demo-bank", "agent2@demo.kefu", "kefu-demo");
  ASSERT_TRUE(login);
  WsClient hijack;
  ASSERT_TRUE(hijack.Connect(port_, login->cookie, "http://evil.example"));
  hijack.Send(json::object{{"type", "hello"}, {"role", "agent"}});
  auto refused = hijack.Expect("error");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->at("code"), "unauthorized");
}

TEST_F(ChatTest, TamperedVisitorTokenGetsANewIdentity) {
  const auto slug = Unique("token-");
  NewTenant(slug);
  WsClient first;
  auto welcome = ConnectVisitor(first, slug);
  std::string token(welcome.at("visitor").at("token").as_string());
  first.Send(json::object{{"type", "send"}, {"id", "s"}, {"text", "私人信息"}});
  ASSERT_TRUE(first.Expect("ack", "s"));
  token.back() = token.back() == 'a' ? 'b' : 'a';
  WsClient forger;
  auto other = ConnectVisitor(forger, slug, token);
  EXPECT_NE(other.at("visitor").at("id"), welcome.at("visitor").at("id"));
  EXPECT_TRUE(other.at("conversations").as_array().empty()) << "no access to the victim's chats";
}

TEST_F(ChatTest, TenantsCannotReachEachOthersConversations) {
  const auto a = Unique("iso-a-"), b = Unique("iso-b-");
  auto boss_a = NewTenant(a);
  auto boss_b = NewTenant(b);
  WsClient visitor;
  ConnectVisitor(visitor, a);
  visitor.Send(json::object{{"type", "send"}, {"id", "s"}, {"text", "A 的秘密"}});
  auto ack = visitor.Expect("ack", "s");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());

  auto own = HttpRequest(port_, "GET", "/api/conversations/" + conversation + "/events", "",
                         boss_a.cookie);
  EXPECT_EQ(own.status, 200);
  auto foreign = HttpRequest(port_, "GET", "/api/conversations/" + conversation + "/events", "",
                             boss_b.cookie);
  EXPECT_EQ(foreign.status, 404) << foreign.raw_body;

  WsClient agent_b;
  ConnectAgent(agent_b, boss_b);
  agent_b.Send(json::object{
      {"type", "send"}, {"id", "x"}, {"conversation", conversation}, {"text", "偷看"}});
  auto error = agent_b.Expect("error", "x");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->at("code"), "not_found");
  agent_b.Send(json::object{{"type", "close"}, {"id", "y"}, {"conversation", conversation}});
  auto close_error = agent_b.Expect("error", "y");
  ASSERT_TRUE(close_error);
  EXPECT_EQ(close_error->at("code"), "not_found");
}

TEST_F(ChatTest, QueuedConversationGoesToTheAgentWhoComesOnline) {
  const auto slug = Unique("queue-");
  auto boss = NewTenant(slug);
  WsClient visitor;
  ConnectVisitor(visitor, slug);
  visitor.Send(json::object{{"type", "send"}, {"id", "q"}, {"text", "有人吗"}});
  auto ack = visitor.Expect("ack", "q");
  ASSERT_TRUE(ack);
  const std::string conversation(ack->at("conversation").as_string());
  auto queued =
      visitor.ReadUntil([&](const json::object& f) { return IsEvent(f, conversation, 2); });
  ASSERT_TRUE(queued);
  EXPECT_EQ(queued->at("code"), "queued");

  WsClient agent;
  ConnectAgent(agent, boss);
  auto assigned =
      visitor.ReadUntil([&](const json::object& f) { return IsEvent(f, conversation, 3); });
  ASSERT_TRUE(assigned);
  EXPECT_EQ(assigned->at("code"), "assigned");
  EXPECT_EQ(assigned->at("agent").at("name"), "老板");
  auto events = EventsUntil(agent, conversation, 3);
  EXPECT_EQ(events.size(), 3u);
}

}  // namespace
}  // namespace kefu::testing
