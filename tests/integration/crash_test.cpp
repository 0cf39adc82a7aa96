// Durability under kill -9: a visitor streams messages, the server process is killed with SIGKILL
// mid-stream and restarted. Every acknowledged message must be in the database and delivered
// after resume; retried unacknowledged messages must not be duplicated.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "storage/sqlite/sqlite_store.hpp"
#include "test_client.hpp"

extern char** environ;

namespace kefu::testing {
namespace {

namespace json = boost::json;

// The kefu binary as a child process on a free port.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& data_dir, const std::string& extra_config = "") {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    // The client streams as fast as it can: lift the per-connection rate limit.
    const std::string config = data_dir + ".toml";
    std::ofstream(config) << "rate_per_second = 100000\n" << extra_config;
    std::vector<std::string> args = {KEFU_BINARY, "serve",       "--demo",   "--data", data_dir,
                                     "--listen",  "127.0.0.1:0", "--config", config};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, KEFU_BINARY, &actions, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start " + std::string(KEFU_BINARY));
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    // Read stdout until the "listening on http://127.0.0.1:PORT" line.
    std::string seen;
    char chunk[512];
    const std::string marker = "listening on http://127.0.0.1:";
    while (seen.find(marker) == std::string::npos ||
           seen.find('\n', seen.find(marker)) == std::string::npos) {
      const ssize_t n = ::read(out[0], chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("server exited before listening: " + seen);
      seen.append(chunk, static_cast<std::size_t>(n));
    }
    port_ = static_cast<unsigned short>(std::stoi(seen.substr(seen.find(marker) + marker.size())));
    // Keep draining stdout so that the child never blocks on a full pipe.
    drain_ = std::thread([fd = out[0]] {
      char sink[512];
      while (::read(fd, sink, sizeof sink) > 0) {
      }
      ::close(fd);
    });
  }
  ~ServerProcess() {
    Kill(SIGKILL);
    if (drain_.joinable()) drain_.join();
  }
  void Kill(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  unsigned short port() const { return port_; }

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::thread drain_;
};

struct Sent {
  std::string text;
  long seq = 0;  // 0 until acknowledged
};

TEST(CrashTest, EveryAcknowledgedMessageSurvivesKillNine) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kefu-crash-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::map<std::string, Sent> sent;  // idempotency key -> message
  std::string token, conversation;
  int next = 0;

  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    auto server = std::make_unique<ServerProcess>(dir.string());
    WsClient visitor;
    ASSERT_TRUE(visitor.Connect(server->port()));
    visitor.Send(json::object{
        {"type", "hello"}, {"role", "visitor"}, {"tenant", "demo-bank"}, {"visitor_token", token}});
    auto welcome = visitor.Expect("welcome");
    ASSERT_TRUE(welcome);
    token = std::string(welcome->at("visitor").at("token").as_string());

    // First retry everything not acknowledged before the last kill, with the same keys.
    int outstanding = 0;
    for (const auto& [key, message] : sent) {
      if (message.seq != 0) continue;
      visitor.Send(json::object{{"type", "send"}, {"id", key}, {"text", message.text}});
      ++outstanding;
    }
    // Then stream new messages in pipelined batches; once this round has some acknowledgements,
    // kill the server while a batch is in flight, and read acks until the connection dies.
    std::thread killer;
    int acked_this_round = 0;
    bool alive = true;
    auto record_ack = [&](const json::object& frame) {
      const std::string key(frame.at("id").as_string());
      conversation = std::string(frame.at("conversation").as_string());
      const long seq = frame.at("seq").as_int64();
      auto& message = sent.at(key);
      if (message.seq != 0) {
        EXPECT_EQ(message.seq, seq) << "a retried key gets its original ack";
      }
      message.seq = seq;
      ++acked_this_round;
    };
    while (alive) {
      for (int i = 0; i < 10; ++i) {
        const std::string key = "m-" + std::to_string(next);
        sent[key] = Sent{"消息 " + std::to_string(next), 0};
        ++next;
        visitor.Send(json::object{{"type", "send"}, {"id", key}, {"text", sent[key].text}});
        ++outstanding;
      }
      if (acked_this_round >= 40 && !killer.joinable()) {
        killer = std::thread([&server, round] {
          std::this_thread::sleep_for(std::chrono::milliseconds(1 + 3 * round));
          server->Kill(SIGKILL);
        });
      }
      while (outstanding > 0) {
        auto frame = visitor.Read(std::chrono::seconds(10));
        if (!frame) {
          alive = false;
          break;
        }
        if ((*frame).at("type") == "ack") {
          record_ack(*frame);
          --outstanding;
        } else if ((*frame).at("type") == "error") {
          --outstanding;  // e.g. unavailable while shutting down: retried next round
        }
      }
    }
    ASSERT_TRUE(killer.joinable()) << "the round reached the kill";
    killer.join();
  }

  // Restart once more and read the whole history back through resume.
  auto server = std::make_unique<ServerProcess>(dir.string());
  WsClient visitor;
  ASSERT_TRUE(visitor.Connect(server->port()));
  visitor.Send(json::object{
      {"type", "hello"}, {"role", "visitor"}, {"tenant", "demo-bank"}, {"visitor_token", token}});
  auto welcome = visitor.Expect("welcome");
  ASSERT_TRUE(welcome);
  ASSERT_FALSE(conversation.empty());
  long last_seq = 0;
  for (const auto& c : welcome->at("conversations").as_array()) {
    if (c.at("id") == conversation.c_str()) last_seq = c.at("last_seq").as_int64();
  }
  ASSERT_GT(last_seq, 0);
  std::map<long, std::string> delivered;
  std::multiset<std::string> texts;
  for (long seq = 1; seq <= last_seq; ++seq) {
    auto event = visitor.ReadUntil([&](const json::object& f) {
      return f.at("type") == "event" && f.at("conversation") == conversation.c_str();
    });
    ASSERT_TRUE(event) << "seq " << seq << " of " << last_seq;
    ASSERT_EQ(event->at("seq").as_int64(), seq) << "no gap, no duplicate";
    if (event->at("kind") == "message") {
      delivered[seq] = std::string(event->at("text").as_string());
      texts.insert(delivered[seq]);
    }
  }
  server.reset();

  int acknowledged = 0;
  for (const auto& [key, message] : sent) {
    EXPECT_LE(texts.count(message.text), 1u) << message.text << " was stored twice";
    if (message.seq == 0) continue;
    ++acknowledged;
    auto it = delivered.find(message.seq);
    ASSERT_NE(it, delivered.end())
        << "acknowledged " << key << " at seq " << message.seq << " is lost";
    EXPECT_EQ(it->second, message.text);
  }
  EXPECT_GT(acknowledged, 100) << "the test exercised enough acknowledged messages";

  // And the database itself holds them, read directly.
  storage::sqlite::SqliteStore store((dir / "kefu.db").string());
  auto tenant = store.FindTenantBySlug("demo-bank");
  ASSERT_TRUE(tenant && *tenant);
  auto events = store.EventsAfter((*tenant)->id, conversation, 0, 100000);
  ASSERT_TRUE(events);
  std::set<long> stored;
  for (const auto& e : *events) stored.insert(e.seq);
  for (const auto& [key, message] : sent) {
    if (message.seq != 0) {
      EXPECT_TRUE(stored.count(message.seq)) << key;
    }
  }
  std::filesystem::remove_all(dir);
}

// The engine holds command keys in memory for a short while (here 1 s); a retry after that is
// answered from the database with the original ack, before and after a kill -9, and stores
// nothing twice. Keys below the sender's largest are looked up too, not taken as new.
TEST(CrashTest, OldKeysAreAnsweredFromTheDatabase) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kefu-old-keys-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string config = "idempotency_memory_seconds = 1\n";
  std::string token;
  auto connect = [&](ServerProcess& server, WsClient& visitor) {
    ASSERT_TRUE(visitor.Connect(server.port()));
    visitor.Send(json::object{
        {"type", "hello"}, {"role", "visitor"}, {"tenant", "demo-bank"}, {"visitor_token", token}});
    auto welcome = visitor.Expect("welcome");
    ASSERT_TRUE(welcome);
    token = std::string(welcome->at("visitor").at("token").as_string());
  };
  auto send = [](WsClient& visitor, const std::string& key, const std::string& text) {
    visitor.Send(json::object{{"type", "send"}, {"id", key}, {"text", text}});
    auto ack = visitor.Expect("ack", key);
    EXPECT_TRUE(ack) << key;
    return ack ? std::make_pair(std::string(ack->at("conversation").as_string()),
                                ack->at("seq").as_int64())
               : std::make_pair(std::string(), std::int64_t{0});
  };
  std::map<std::string, std::pair<std::string, std::int64_t>> acks;
  {
    ServerProcess server(dir.string(), config);
    WsClient visitor;
    connect(server, visitor);
    for (const char* key : {"k-0003", "k-0005", "k-0004"}) acks[key] = send(visitor, key, key);
    std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // out of memory
    acks["k-0006"] = send(visitor, "k-0006", "k-0006");
    EXPECT_GT(acks["k-0006"].second, acks["k-0004"].second) << "a new key after the window";
    for (const char* key : {"k-0003", "k-0004", "k-0005"}) {
      EXPECT_EQ(send(visitor, key, "again"), acks[key]) << key << " retried after the window";
    }
    server.Kill(SIGKILL);
  }
  ServerProcess server(dir.string(), config);
  WsClient visitor;
  connect(server, visitor);
  for (const auto& [key, ack] : acks) {
    EXPECT_EQ(send(visitor, key, "again"), ack) << key << " retried after a restart";
  }
  const auto next = send(visitor, "k-0001", "k-0001");
  EXPECT_EQ(next.first, acks["k-0003"].first);
  EXPECT_GT(next.second, acks["k-0006"].second) << "an unseen key below the largest is new";
  server.Kill(SIGKILL);

  storage::sqlite::SqliteStore store((dir / "kefu.db").string());
  auto tenant = store.FindTenantBySlug("demo-bank");
  ASSERT_TRUE(tenant && *tenant);
  auto events = store.EventsAfter((*tenant)->id, next.first, 0, 1000);
  ASSERT_TRUE(events);
  std::multiset<std::string> texts;
  for (const auto& e : *events) {
    if (e.author.role == engine::AuthorRole::kVisitor) texts.insert(e.text);
  }
  EXPECT_EQ(texts, (std::multiset<std::string>{"k-0001", "k-0003", "k-0004", "k-0005", "k-0006"}))
      << "every message once, no retry stored";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kefu::testing
