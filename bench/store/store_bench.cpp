// kefu_store_bench: the SQLite store alone, under the write pattern of a live chat — what a
// message costs the storage layer, without WebSockets, the engine or a load generator sharing
// the cores. Each write is the Outcome of one chat message (its event plus its conversation's
// new counters), submitted open-loop at a fixed rate (Poisson arrivals) from one thread, as the
// server's I/O threads do.
//
// Reports committed events per second, commit latency (submit -> durable callback, measured
// from the intended submit time), CPU per event for the whole process and per store thread,
// context switches per event, fsyncs per event and bytes written to disk per event.
//
// Usage: kefu_store_bench [--dir DIR] [--conversations N] [--rate EVENTS_PER_S] [--seconds S]
//                         [--warmup S] [--keys increasing|random]
// DIR must not exist or be empty; it is removed at the end. Idempotency keys increase per sender
// by default, as Kefu's clients make them; `random` makes each a random id, whose check then
// needs a lookup in `event_keys` (event_tail.hpp).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/ids.hpp"
#include "histogram.hpp"
#include "protocol.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

using kefu::storage::sqlite::SqliteStore;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string dir = "/tmp/kefu-store-bench";
  int conversations = 2000;
  double rate = 2500;
  double seconds = 20;
  double warmup = 5;
  bool random_keys = false;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--dir") {
      o.dir = value;
    } else if (flag == "--conversations") {
      o.conversations = std::stoi(value);
    } else if (flag == "--rate") {
      o.rate = std::stod(value);
    } else if (flag == "--seconds") {
      o.seconds = std::stod(value);
    } else if (flag == "--warmup") {
      o.warmup = std::stod(value);
    } else if (flag == "--keys" && (value == "increasing" || value == "random")) {
      o.random_keys = value == "random";
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      std::exit(2);
    }
  }
  return o;
}

// Per-thread CPU ticks and context switches, from /proc.
struct ThreadSample {
  std::string name;
  long user_ticks = 0;
  long system_ticks = 0;
  long switches = 0;
};

std::map<int, ThreadSample> SampleThreads() {
  std::map<int, ThreadSample> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) {
    const int tid = std::stoi(entry.path().filename().string());
    ThreadSample s;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(line.substr(close + 2));
    std::vector<std::string> f{std::istream_iterator<std::string>(fields), {}};
    if (f.size() < 13) continue;
    s.user_ticks = std::stol(f[11]);
    s.system_ticks = std::stol(f[12]);
    std::ifstream status(entry.path() / "status");
    while (std::getline(status, line)) {
      if (line.rfind("Name:", 0) == 0) s.name = line.substr(6);
      if (line.find("ctxt_switches:") != std::string::npos) {
        s.switches += std::stol(line.substr(line.find(':') + 1));
      }
    }
    out[tid] = s;
  }
  return out;
}

long WriteBytes() {
  std::ifstream io("/proc/self/io");
  std::string key;
  long value = 0;
  while (io >> key >> value) {
    if (key == "write_bytes:") return value;
  }
  return 0;
}

struct Conversation {
  kefu::engine::ConversationSnapshot snapshot;
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  std::filesystem::remove_all(o.dir);
  std::filesystem::create_directories(o.dir);
  const std::string tenant = kefu::NewId("t");
  const long ticks_per_s = sysconf(_SC_CLK_TCK);
  {
    SqliteStore store(o.dir + "/kefu.db");
    auto wait = [&](auto submit) {
      std::promise<kefu::Result<void>> done;
      auto f = done.get_future();
      submit([&](kefu::Result<void> r) { done.set_value(std::move(r)); });
      if (auto r = f.get(); !r) {
        std::fprintf(stderr, "setup write failed: %s\n", r.error().message.c_str());
        std::exit(1);
      }
    };
    const std::string queue = kefu::NewId("q");
    kefu::storage::UserRecord admin{tenant,
                                    kefu::NewId("u"),
                                    "admin@bench",
                                    "管理员",
                                    kefu::engine::Role::kAdmin,
                                    "hash",
                                    5,
                                    false,
                                    {},
                                    1};
    wait([&](kefu::storage::Done d) {
      store.CreateTenant({tenant, "bench", "Bench", 1}, {{queue, "retail", "个人业务"}}, admin,
                         std::move(d));
    });
    const kefu::engine::Ref agent{kefu::NewId("u"), "王小明"};

    // Every conversation opened and assigned, as the engine would have written them.
    std::vector<Conversation> conversations(static_cast<std::size_t>(o.conversations));
    kefu::Millis now = 1'700'000'000'000;
    for (auto& c : conversations) {
      auto& s = c.snapshot;
      s.id = kefu::NewId("c");
      s.state = kefu::engine::ConversationState::kAssigned;
      s.queue = {queue, "个人业务"};
      s.visitor = {kefu::NewId("v"), "访客"};
      s.agent = agent;
      s.created_at = s.updated_at = s.queued_at = now;
      kefu::engine::Outcome opened;
      kefu::engine::ConversationEvent e;
      e.conversation_id = s.id;
      e.seq = ++s.last_seq;
      e.at = now;
      e.kind = kefu::engine::EventKind::kSystem;
      e.code = kefu::engine::SystemCode::kAssigned;
      e.ref = agent;
      opened.events.push_back(e);
      opened.conversations.push_back(s);
      wait([&](kefu::storage::Done d) { store.AppendOutcome(tenant, opened, nullptr, d); });
    }

    // Open-loop message writes.
    std::mutex mutex;
    kefu::bench::Histogram latencies;  // microseconds
    std::atomic<long> completed{0};
    std::mt19937_64 rng(42);
    std::exponential_distribution<double> gap(o.rate);
    std::uniform_int_distribution<std::size_t> pick(0, conversations.size() - 1);
    const std::string text(64, 'x');
    const auto start = Clock::now();
    const auto measure_from = start + std::chrono::duration<double>(o.warmup);
    const auto end = measure_from + std::chrono::duration<double>(o.seconds);
    auto intended = start;
    bool sampled = false;
    std::map<int, ThreadSample> threads_before;
    long bytes_before = 0;
    rusage usage_before{};
    long completed_before = 0;
    std::uint64_t commits_before = 0, checkpoints_before = 0;
    while (intended < end) {
      intended +=
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(gap(rng)));
      std::this_thread::sleep_until(intended);
      if (!sampled && intended >= measure_from) {
        sampled = true;
        threads_before = SampleThreads();
        bytes_before = WriteBytes();
        getrusage(RUSAGE_SELF, &usage_before);
        completed_before = completed.load();
        commits_before = store.stats().commits.load();
        checkpoints_before = store.stats().checkpoints.load();
      }
      auto& s = conversations[pick(rng)].snapshot;
      kefu::engine::Outcome message;
      kefu::engine::ConversationEvent e;
      e.conversation_id = s.id;
      e.seq = ++s.last_seq;
      e.at = now + (intended - start) / std::chrono::milliseconds(1);
      e.kind = kefu::engine::EventKind::kMessage;
      e.author = {kefu::engine::AuthorRole::kVisitor, s.visitor.id, s.visitor.name};
      e.text = text;
      e.sender_id = s.visitor.id;
      if (o.random_keys) {
        e.idempotency_key = kefu::NewId("k");
      } else {  // one visitor per conversation: its seq orders its keys
        e.idempotency_key = kefu::bench::IncreasingKey('k', e.seq);
      }
      s.unread++;
      s.updated_at = e.at;
      message.events.push_back(std::move(e));
      message.conversations.push_back(s);
      const bool measured = intended >= measure_from;
      // Handed over, not copied, as the server's runtime does.
      auto shared = std::make_shared<const kefu::engine::Outcome>(std::move(message));
      store.AppendOutcome(
          tenant, std::move(shared), nullptr, [&, intended, measured](kefu::Result<void> r) {
            if (!r) {
              std::fprintf(stderr, "write failed: %s\n", r.error().message.c_str());
              std::exit(1);
            }
            completed.fetch_add(1);
            if (!measured) return;
            const auto micros =
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - intended)
                    .count();
            std::lock_guard lock(mutex);
            latencies.Record(micros);
          });
    }
    const auto threads_after = SampleThreads();
    const long bytes_after = WriteBytes();
    rusage usage_after{};
    getrusage(RUSAGE_SELF, &usage_after);
    const long events = completed.load() - completed_before;
    auto micros = [](const timeval& t) { return t.tv_sec * 1e6 + static_cast<double>(t.tv_usec); };
    const double cpu = micros(usage_after.ru_utime) + micros(usage_after.ru_stime) -
                       micros(usage_before.ru_utime) - micros(usage_before.ru_stime);
    const double ev = static_cast<double>(std::max(1L, events));
    std::printf("conversations %d, offered %.0f events/s for %.0f s: committed %.0f events/s\n",
                o.conversations, o.rate, o.seconds, ev / o.seconds);
    std::printf("process CPU %.1f us/event (%.1f%% of a core), disk writes %.1f KB/event\n",
                cpu / ev, cpu / o.seconds / 1e4,
                static_cast<double>(bytes_after - bytes_before) / ev / 1000);
    const double commits = static_cast<double>(store.stats().commits.load() - commits_before);
    std::printf(
        "commits %.0f (%.2f events each), checkpoints %llu\n", commits, ev / commits,
        static_cast<unsigned long long>(store.stats().checkpoints.load() - checkpoints_before));
    for (const auto& [tid, after] : threads_after) {
      auto before = threads_before.find(tid);
      if (before == threads_before.end()) continue;
      auto us = [&](long ticks) {
        return static_cast<double>(ticks) * 1e6 / static_cast<double>(ticks_per_s) / ev;
      };
      const double user = us(after.user_ticks - before->second.user_ticks);
      const double system = us(after.system_ticks - before->second.system_ticks);
      const double sw = static_cast<double>(after.switches - before->second.switches);
      std::printf(
          "  thread %d %-15s CPU %6.1f us/event (user %5.1f, system %5.1f), %5.2f "
          "switches/event\n",
          tid, after.name.c_str(), user + system, user, system, sw / ev);
    }
    // Let the tail drain before reading the latencies.
    store.Close();
    std::lock_guard lock(mutex);
    auto ms = [&](double q) { return static_cast<double>(latencies.Percentile(q)) / 1000; };
    std::printf("commit latency ms: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f (%llu)\n",
                ms(0.5), ms(0.9), ms(0.99), ms(0.999), static_cast<double>(latencies.max()) / 1000,
                static_cast<unsigned long long>(latencies.count()));
  }
  std::filesystem::remove_all(o.dir);
  return 0;
}
