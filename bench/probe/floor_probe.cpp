// kefu_floor_probe: what S3's traffic costs this machine with nothing but the sockets — no
// WebSocket, no JSON, no engine, no storage. A relay (this process, --relay-threads epoll
// threads) and --clients client processes replay S3's pattern on loopback: visitors send
// open-loop (Poisson) at half the rate; the relay acks each message to its sender and forwards it
// to the conversation's agent, who answers at once; the answer is acked and forwarded back. Each
// inbound message is one read for the relay and two sends (ack, forward), one send and two reads
// for the clients, as in Kefu and its load generator. Frame sizes default to S3's measured
// payload bytes (kefu_bytes_in/out_total per acknowledged message).
//
// With --durable DIR the relay is the smallest fsync-before-ack server: its threads only read,
// and hand each round's messages to one writer thread, which appends them to a SQLite table (WAL,
// synchronous=FULL, one transaction per batch, one plain insert per message: no index, no
// conversation row, no idempotency key) and, once committed, sends the acks and forwards itself.
// That is the floor of any SQLite-backed relay on this machine. With --handback 1 the writer
// instead hands the committed messages back to the threads that read them, through a queue and
// an eventfd each, and those threads send: the extra wake-up a server pays when its I/O threads,
// not its writer, own the sockets (as Kefu's do).
//
// It prints CPU per relayed message for the relay and the clients, the whole machine's busy time
// per message (all processes and kernel threads; the cores that is at the rate), and end-to-end
// and ack latency. Softirq time is printed for information only: with tick-based CPU accounting
// (CONFIG_TICK_CPU_ACCOUNTING without CONFIG_IRQ_TIME_ACCOUNTING, as on the reference machine) a
// tick in a softirq is charged both to the softirq bucket of /proc/stat and to the system time of
// the process it interrupted, so it is already inside the processes' figures. Every Kefu server
// and load generator on this machine pays at least this; storage comes on top
// (kefu_store_bench, or --durable here).
//
// Usage: kefu_floor_probe [--rate MSGS_PER_S] [--seconds S] [--warmup S] [--visitors N]
//                         [--agents N] [--clients N] [--relay-threads N]
//                         [--msg-bytes B] [--ack-bytes B] [--event-bytes B] [--durable DIR]
//                         [--handback 0|1]
// DIR must not exist; it is removed at the end. The relay's threads write to sockets another thread
// reads (each send is one small frame, so the kernel keeps frames whole); a short or refused send
// is counted and fails the run.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "histogram.hpp"

namespace {

struct Options {
  double rate = 10000;  // relayed messages per second: visitor messages plus agents' answers
  double seconds = 10;
  double warmup = 3;
  int visitors = 2000;
  int agents = 100;
  int clients = 2;
  int relay_threads = 2;
  int msg_bytes = 130;
  int ack_bytes = 150;
  int event_bytes = 440;
  std::string durable;  // a directory for the SQLite database; empty: no storage
  int handback = 0;     // --durable: 1 to hand committed messages back to their reading thread
};

// Every frame starts with this header; the rest up to `size` is padding.
struct Header {
  std::uint16_t size;
  char kind;  // 'V' visitor message, 'A' agent answer, 'k' ack, 'v' visitor's message to the
              // agent, 'a' agent's answer to the visitor
  char pad;
  std::uint32_t visitor;
  std::int64_t t_ns;  // intended send time of the message, CLOCK_MONOTONIC
};
static_assert(sizeof(Header) == 16);

std::int64_t NowNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

[[noreturn]] void Die(const char* what) {
  std::perror(what);
  std::exit(2);
}

// Moves all `size` bytes through `io` (read or write), past short transfers and EINTR.
template <typename Io, typename Byte>
void Transfer(Io io, int fd, Byte* p, std::size_t size, const char* what) {
  while (size > 0) {
    const ssize_t n = io(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) Die(what);
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void WriteAll(int fd, const void* data, std::size_t size) {
  Transfer(::write, fd, static_cast<const char*>(data), size, "write");
}

void ReadAll(int fd, void* data, std::size_t size) {
  Transfer(::read, fd, static_cast<char*>(data), size, "read");
}

// Adds `fd` to the epoll `ep`, readable, reported with `tag`.
void Watch(int ep, int fd, std::uint64_t tag) {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = tag;
  if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0) Die("epoll_ctl");
}

void NoDelay(int fd) {
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Sends one frame of `size` bytes (at least the header): the header, then padding. True if the
// kernel took it whole.
bool SendFrame(int fd, int size, char kind, std::uint32_t visitor, std::int64_t t_ns) {
  thread_local std::vector<char> buf(65536, 'x');
  const auto bytes = static_cast<std::size_t>(std::clamp<int>(size, sizeof(Header), 65535));
  const Header h{static_cast<std::uint16_t>(bytes), kind, 0, visitor, t_ns};
  std::memcpy(buf.data(), &h, sizeof h);
  return send(fd, buf.data(), bytes, MSG_DONTWAIT | MSG_NOSIGNAL) == static_cast<ssize_t>(bytes);
}

// Splits a connection's byte stream into frames; calls `on(header)` for each whole one.
class Reader {
 public:
  template <typename On>
  bool Read(int fd, On on) {
    const ssize_t n = recv(fd, buf_.data() + used_, buf_.size() - used_, 0);
    if (n <= 0) return n < 0 && (errno == EAGAIN || errno == EINTR);
    used_ += static_cast<std::size_t>(n);
    std::size_t at = 0;
    while (used_ - at >= sizeof(Header)) {
      Header h;
      std::memcpy(&h, buf_.data() + at, sizeof h);
      if (h.size < sizeof(Header) || h.size > buf_.size()) return false;
      if (used_ - at < h.size) break;
      on(h);
      at += h.size;
    }
    std::memmove(buf_.data(), buf_.data() + at, used_ - at);
    used_ -= at;
    return true;
  }

 private:
  std::vector<char> buf_ = std::vector<char>(8192);
  std::size_t used_ = 0;
};

// A line from `fd` (a client's report), without its newline.
std::string ReadLine(int fd) {
  std::string line;
  char ch;
  while (read(fd, &ch, 1) == 1 && ch != '\n') line += ch;
  return line;
}

// --- the client processes -----------------------------------------------------------------

void RunClient(const Options& o, int index, int port, int control, int report) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const auto connect_as = [&](char role, std::uint32_t id) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) Die("socket");
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) Die("connect");
    NoDelay(fd);
    char hello[5] = {role};
    std::memcpy(hello + 1, &id, 4);
    WriteAll(fd, hello, sizeof hello);
    return fd;
  };
  std::vector<int> visitor_fd(static_cast<std::size_t>(o.visitors), -1);
  std::vector<int> agent_fd(static_cast<std::size_t>(o.agents), -1);
  std::vector<std::uint32_t> mine;
  for (int a = index; a < o.agents; a += o.clients)
    agent_fd[a] = connect_as('a', static_cast<std::uint32_t>(a));
  for (int v = index; v < o.visitors; v += o.clients) {
    visitor_fd[v] = connect_as('v', static_cast<std::uint32_t>(v));
    mine.push_back(static_cast<std::uint32_t>(v));
  }

  const int ep = epoll_create1(0);
  const int timer = timerfd_create(CLOCK_MONOTONIC, 0);
  std::vector<Reader> readers(static_cast<std::size_t>(o.visitors + o.agents));
  const auto watch = [&](int fd, std::uint64_t tag) { Watch(ep, fd, tag); };
  // Tags: 0 .. visitors-1 visitors, visitors .. +agents agents, then the timer and control.
  const std::uint64_t kTimer = static_cast<std::uint64_t>(o.visitors + o.agents);
  const std::uint64_t kControl = kTimer + 1;
  for (int v : mine) {
    fcntl(visitor_fd[v], F_SETFL, O_NONBLOCK);
    watch(visitor_fd[v], static_cast<std::uint64_t>(v));
  }
  for (int a = index; a < o.agents; a += o.clients) {
    fcntl(agent_fd[a], F_SETFL, O_NONBLOCK);
    watch(agent_fd[a], static_cast<std::uint64_t>(o.visitors + a));
  }
  watch(timer, kTimer);
  watch(control, kControl);

  char go = 0;
  ReadAll(control, &go, 1);

  std::mt19937_64 rng(0x5eed + static_cast<unsigned>(index));
  std::exponential_distribution<double> gap(o.rate / 2 / o.clients / 1e9);  // per ns
  std::uniform_int_distribution<std::size_t> pick(0, mine.size() - 1);
  std::int64_t due = NowNs();
  const auto arm = [&] {
    itimerspec spec{};
    spec.it_value.tv_sec = due / 1'000'000'000;
    spec.it_value.tv_nsec = due % 1'000'000'000;
    timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, nullptr);
  };
  arm();
  long failed_sends = 0, sent = 0, answers = 0;
  kefu::bench::Histogram e2e, ack;  // nanoseconds
  const auto send_frame = [&](int fd, char kind, std::uint32_t visitor, std::int64_t t_ns) {
    if (!SendFrame(fd, o.msg_bytes, kind, visitor, t_ns)) ++failed_sends;
  };
  // 's' from the parent stops sending and answering; 'r', sent once the relay has gone quiet,
  // asks for the report: what is already readable is counted first.
  bool sending = true, reporting = false;
  long to_agents = 0, to_visitors = 0;
  std::vector<epoll_event> events(256);
  for (;;) {
    const int timeout_ms = reporting ? 0 : -1;
    const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Die("epoll_wait");
    if (n == 0 && reporting) {  // nothing left to read
      // Three lines: the counts, then the two histograms for the parent to merge.
      const std::string text = std::to_string(sent) + " " + std::to_string(answers) + " " +
                               std::to_string(failed_sends) + " " + std::to_string(to_agents) +
                               " " + std::to_string(to_visitors) + "\n" + e2e.Serialize() + "\n" +
                               ack.Serialize() + "\n";
      WriteAll(report, text.data(), text.size());
      std::_Exit(0);
    }
    for (int i = 0; i < n; ++i) {
      const std::uint64_t tag = events[i].data.u64;
      if (tag == kTimer) {
        std::uint64_t expirations;
        if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN) Die("timerfd");
        if (!sending) continue;
        const std::int64_t now = NowNs();
        while (due <= now) {
          const std::uint32_t v = mine[pick(rng)];
          send_frame(visitor_fd[v], 'V', v, due);
          ++sent;
          due += static_cast<std::int64_t>(gap(rng)) + 1;
        }
        arm();
      } else if (tag == kControl) {
        char command;
        ReadAll(control, &command, 1);
        sending = false;
        reporting = command == 'r';
      } else {
        const bool agent = tag >= static_cast<std::uint64_t>(o.visitors);
        const int fd = agent ? agent_fd[tag - o.visitors] : visitor_fd[tag];
        const bool ok = readers[tag].Read(fd, [&](const Header& h) {
          const std::int64_t now = NowNs();
          if (h.kind == 'k') {
            ack.Record(now - h.t_ns);
          } else if (h.kind == 'v') {  // the agent answers at once, until told to stop
            ++to_agents;
            e2e.Record(now - h.t_ns);
            if (sending) {
              send_frame(fd, 'A', h.visitor, now);
              ++answers;
            }
          } else if (h.kind == 'a') {
            ++to_visitors;
            e2e.Record(now - h.t_ns);
          }
        });
        if (!ok) Die("client read");
      }
    }
  }
}

// --- the relay ----------------------------------------------------------------------------

struct Relay {
  explicit Relay(const Options& options)
      : o(options),
        visitor_fd(static_cast<std::size_t>(options.visitors), -1),
        agent_fd(static_cast<std::size_t>(options.agents), -1) {
    for (int t = 0; t < options.relay_threads; ++t) inboxes.push_back(std::make_unique<Inbox>());
  }

  // A message read by relay thread `thread` from `fd`.
  struct Item {
    int fd;
    Header h;
    int thread;
  };
  // --handback: committed messages back to the thread that read them, woken by an eventfd, as
  // a completion posted to an I/O thread (Kefu's writer to its runtime) wakes it.
  struct Inbox {
    std::mutex mu;
    std::vector<Item> items;
    int event_fd = eventfd(0, EFD_NONBLOCK);
  };
  std::vector<std::unique_ptr<Inbox>> inboxes;

  const Options& o;
  std::vector<int> visitor_fd, agent_fd;
  std::atomic<long> relayed{0}, failed_sends{0}, commits{0};
  std::atomic<long> uncommitted{0};  // --durable: handed to the writer, not yet answered
  std::atomic<bool> stop{false};

  // --durable: what the reading threads hand the writer.
  std::mutex mu;
  std::condition_variable wake;
  std::vector<Item> queue;

  void Send(int fd, int size, char kind, const Header& h) {
    if (!SendFrame(fd, size, kind, h.visitor, h.t_ns))
      failed_sends.fetch_add(1, std::memory_order_relaxed);
  }

  // The ack to the sender and the message to the other side.
  void Answer(int fd, const Header& h) {
    Send(fd, o.ack_bytes, 'k', h);
    if (h.kind == 'V') {
      Send(agent_fd[h.visitor % static_cast<std::uint32_t>(o.agents)], o.event_bytes, 'v', h);
    } else if (h.kind == 'A') {
      Send(visitor_fd[h.visitor], o.event_bytes, 'a', h);
    }
  }

  // Relay thread `thread`, one epoll over the connections `conns` (fd, is agent).
  void Serve(int thread, const std::vector<std::pair<int, bool>>& conns) {
    const int ep = epoll_create1(0);
    std::vector<Reader> readers(conns.size());
    for (std::size_t i = 0; i < conns.size(); ++i) Watch(ep, conns[i].first, i);
    Inbox& inbox = *inboxes[static_cast<std::size_t>(thread)];
    Watch(ep, inbox.event_fd, conns.size());
    std::vector<epoll_event> events(256);
    std::vector<Item> round, back;
    long count = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
      for (int i = 0; i < n; ++i) {
        if (events[i].data.u64 == conns.size()) {  // committed messages handed back
          std::uint64_t wakes;
          if (read(inbox.event_fd, &wakes, sizeof wakes) < 0 && errno != EAGAIN) Die("eventfd");
          {
            std::lock_guard lock(inbox.mu);
            back.swap(inbox.items);
          }
          for (const auto& item : back) Answer(item.fd, item.h);
          count += static_cast<long>(back.size());
          uncommitted.fetch_sub(static_cast<long>(back.size()), std::memory_order_relaxed);
          back.clear();
          continue;
        }
        const int fd = conns[events[i].data.u64].first;
        readers[events[i].data.u64].Read(fd, [&](const Header& h) {
          if (h.visitor >= static_cast<std::uint32_t>(o.visitors)) return;
          if (o.durable.empty()) {
            ++count;
            Answer(fd, h);
          } else {
            round.push_back({fd, h, thread});
          }
        });
      }
      if (!round.empty()) {
        {
          std::lock_guard lock(mu);
          queue.insert(queue.end(), round.begin(), round.end());
        }
        uncommitted.fetch_add(static_cast<long>(round.size()), std::memory_order_relaxed);
        wake.notify_one();
        round.clear();
      }
      relayed.fetch_add(count, std::memory_order_relaxed);
      count = 0;
    }
  }

  // --durable: commits what the readers hand over, a batch per transaction, then answers it.
  void Write() {
    sqlite3* db = nullptr;
    const std::string path = o.durable + "/floor.db";
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("sqlite3_open");
    const auto exec = [&](const char* sql) {
      if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
        std::exit(2);
      }
    };
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec(
        "CREATE TABLE messages(id INTEGER PRIMARY KEY, visitor INTEGER, kind INTEGER, t INTEGER, "
        "body BLOB)");
    sqlite3_stmt *insert = nullptr, *begin = nullptr, *commit = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO messages(visitor, kind, t, body) VALUES (?, ?, ?, ?)", -1,
                       &insert, nullptr);
    sqlite3_prepare_v2(db, "BEGIN", -1, &begin, nullptr);
    sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nullptr);
    const std::vector<char> body(static_cast<std::size_t>(std::max(o.msg_bytes - 16, 0)), 'x');
    std::vector<Item> batch;
    std::vector<std::vector<Item>> by_thread(inboxes.size());
    for (;;) {
      {
        std::unique_lock lock(mu);
        wake.wait(lock, [&] { return !queue.empty() || stop.load(); });
        if (queue.empty()) break;
        batch.swap(queue);
      }
      sqlite3_step(begin);
      sqlite3_reset(begin);
      for (const auto& [fd, h, thread] : batch) {
        sqlite3_bind_int64(insert, 1, h.visitor);
        sqlite3_bind_int(insert, 2, h.kind);
        sqlite3_bind_int64(insert, 3, h.t_ns);
        sqlite3_bind_blob(insert, 4, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE) Die("insert");
        sqlite3_reset(insert);
      }
      if (sqlite3_step(commit) != SQLITE_DONE) Die("commit");
      sqlite3_reset(commit);
      commits.fetch_add(1, std::memory_order_relaxed);
      if (o.handback) {
        for (const auto& item : batch)
          by_thread[static_cast<std::size_t>(item.thread)].push_back(item);
        for (std::size_t t = 0; t < by_thread.size(); ++t) {
          if (by_thread[t].empty()) continue;
          {
            std::lock_guard lock(inboxes[t]->mu);
            auto& items = inboxes[t]->items;
            items.insert(items.end(), by_thread[t].begin(), by_thread[t].end());
          }
          const std::uint64_t one = 1;
          if (write(inboxes[t]->event_fd, &one, sizeof one) < 0) Die("eventfd");
          by_thread[t].clear();
        }
      } else {
        for (const auto& item : batch) Answer(item.fd, item.h);
        relayed.fetch_add(static_cast<long>(batch.size()), std::memory_order_relaxed);
        uncommitted.fetch_sub(static_cast<long>(batch.size()), std::memory_order_relaxed);
      }
      batch.clear();
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_close(db);
  }
};

struct Cpu {
  double user = 0, system = 0;  // seconds
};

Cpu ProcessCpu(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
  return {utime / hz, stime / hz};
}

std::vector<double> MachineCpu() {  // user nice system idle iowait irq softirq steal, seconds
  std::ifstream in("/proc/stat");
  std::string cpu;
  in >> cpu;
  std::vector<double> v(8);
  const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (double& x : v) {
    in >> x;
    x /= hz;
  }
  return v;
}

int Usage() {
  std::fprintf(
      stderr,
      "usage: kefu_floor_probe [--rate MSGS_PER_S] [--seconds S] [--warmup S] [--visitors N]\n"
      "                        [--agents N] [--clients N] [--relay-threads N]\n"
      "                        [--msg-bytes B] [--ack-bytes B] [--event-bytes B] [--durable DIR]\n"
      "                        [--handback 0|1]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  const std::map<std::string, double*> reals{
      {"--rate", &o.rate}, {"--seconds", &o.seconds}, {"--warmup", &o.warmup}};
  const std::map<std::string, int*> counts{
      {"--visitors", &o.visitors},       {"--agents", &o.agents},
      {"--clients", &o.clients},         {"--relay-threads", &o.relay_threads},
      {"--msg-bytes", &o.msg_bytes},     {"--ack-bytes", &o.ack_bytes},
      {"--event-bytes", &o.event_bytes}, {"--handback", &o.handback}};
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return Usage();
    const char* value = argv[++i];
    if (flag == "--durable") {
      o.durable = value;
    } else if (auto real = reals.find(flag); real != reals.end()) {
      *real->second = std::atof(value);
    } else if (auto count = counts.find(flag); count != counts.end()) {
      *count->second = std::atoi(value);
    } else {
      return Usage();
    }
  }
  if (o.rate <= 0 || o.seconds <= 0 || o.visitors < 1 || o.agents < 1 || o.clients < 1 ||
      o.relay_threads < 1 || o.visitors < o.clients || o.agents < o.clients) {
    return Usage();
  }

  if (!o.durable.empty()) {
    std::error_code ec;
    if (std::filesystem::exists(o.durable) || !std::filesystem::create_directories(o.durable, ec)) {
      std::fprintf(stderr, "--durable %s: must be a directory that does not exist yet\n",
                   o.durable.c_str());
      return 2;
    }
  }
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener, 4096) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    Die("listen");
  }
  const int port = ntohs(addr.sin_port);

  // The clients are forked before any thread starts.
  std::vector<pid_t> pids;
  std::vector<int> controls, reports;
  for (int c = 0; c < o.clients; ++c) {
    int control[2], report[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, control) != 0 || pipe(report) != 0) Die("socketpair");
    const pid_t pid = fork();
    if (pid < 0) Die("fork");
    if (pid == 0) {
      close(listener);
      RunClient(o, c, port, control[1], report[1]);
    }
    pids.push_back(pid);
    controls.push_back(control[0]);
    reports.push_back(report[0]);
  }

  Relay relay(o);
  std::vector<std::vector<std::pair<int, bool>>> shares(static_cast<std::size_t>(o.relay_threads));
  for (int i = 0; i < o.visitors + o.agents; ++i) {
    const int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) Die("accept");
    char hello[5];
    ReadAll(fd, hello, sizeof hello);
    std::uint32_t id;
    std::memcpy(&id, hello + 1, 4);
    const bool agent = hello[0] == 'a';
    if (agent ? id >= relay.agent_fd.size() : id >= relay.visitor_fd.size()) Die("hello");
    (agent ? relay.agent_fd : relay.visitor_fd)[id] = fd;
    NoDelay(fd);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    shares[static_cast<std::size_t>(i % o.relay_threads)].emplace_back(fd, agent);
  }
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < shares.size(); ++t) {
    threads.emplace_back([&relay, &shares, t] { relay.Serve(static_cast<int>(t), shares[t]); });
  }
  if (!o.durable.empty()) threads.emplace_back([&relay] { relay.Write(); });
  for (int fd : controls) WriteAll(fd, "g", 1);

  std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup));
  const auto cpu0 = [&] {
    std::vector<Cpu> v{ProcessCpu(getpid())};
    for (pid_t p : pids) v.push_back(ProcessCpu(p));
    return v;
  };
  const std::vector<Cpu> before = cpu0();
  const std::vector<double> machine0 = MachineCpu();
  const long relayed0 = relay.relayed.load(), commits0 = relay.commits.load();
  const auto t0 = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  const std::vector<Cpu> after = cpu0();
  const std::vector<double> machine1 = MachineCpu();
  const long relayed = relay.relayed.load() - relayed0, commits = relay.commits.load() - commits0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Stop the clients, wait until the relay has relayed nothing for 300 ms with nothing
  // uncommitted (at most 10 s: a slow fsync on a loaded machine must not fail the checks), then
  // ask for the reports.
  for (int fd : controls) WriteAll(fd, "s", 1);
  for (int quiet = 0, waited = 0; quiet < 3 && waited < 100; ++waited) {
    const long seen = relay.relayed.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    quiet = relay.relayed.load() == seen && relay.uncommitted.load() == 0 ? quiet + 1 : 0;
  }
  for (int fd : controls) WriteAll(fd, "r", 1);
  long sent = 0, answers = 0, client_failed = 0, to_agents = 0, to_visitors = 0;
  kefu::bench::Histogram e2e, ack;  // all clients' together
  for (int fd : reports) {
    long s = 0, a = 0, f = 0, v = 0, r = 0;
    kefu::bench::Histogram client_e2e, client_ack;
    if (std::sscanf(ReadLine(fd).c_str(), "%ld %ld %ld %ld %ld", &s, &a, &f, &v, &r) != 5 ||
        !client_e2e.Parse(ReadLine(fd)) || !client_ack.Parse(ReadLine(fd))) {
      std::fprintf(stderr, "a client did not report\n");
      return 1;
    }
    sent += s, answers += a, client_failed += f, to_agents += v, to_visitors += r;
    e2e.Merge(client_e2e);
    ack.Merge(client_ack);
  }
  {
    std::lock_guard lock(relay.mu);
    relay.stop = true;
  }
  relay.wake.notify_all();
  for (auto& t : threads) t.join();
  if (!o.durable.empty()) std::filesystem::remove_all(o.durable);
  for (pid_t p : pids) waitpid(p, nullptr, 0);

  if (relayed <= 0) {
    std::fprintf(stderr, "nothing relayed\n");
    return 1;
  }
  const double per = 1e6 / static_cast<double>(relayed);
  double clients_user = 0, clients_system = 0;
  for (std::size_t i = 1; i < after.size(); ++i) {
    clients_user += after[i].user - before[i].user;
    clients_system += after[i].system - before[i].system;
  }
  const double relay_user = after[0].user - before[0].user;
  const double relay_system = after[0].system - before[0].system;
  double machine_total = 0;
  for (std::size_t i = 0; i < machine0.size(); ++i) machine_total += machine1[i] - machine0[i];
  const double softirq = machine1[6] - machine0[6];
  const double idle = machine1[3] - machine0[3] + machine1[4] - machine0[4];
  const double processes_us = (relay_user + relay_system + clients_user + clients_system) * per;
  // /proc/stat covers both cores over the window: its busy share times the cores is CPU seconds.
  const double busy_us = (machine_total - idle) * per;
  const double rate = static_cast<double>(relayed) / wall;

  std::printf("offered %.0f msgs/s, relayed %.0f msgs/s (%ld in %.1f s)\n", o.rate, rate, relayed,
              wall);
  std::printf("relay    user %6.1f  system %6.1f CPU us/msg\n", relay_user * per,
              relay_system * per);
  std::printf("clients  user %6.1f  system %6.1f CPU us/msg\n", clients_user * per,
              clients_system * per);
  std::printf("both            %6.1f CPU us/msg = %.2f cores at %.0f msgs/s\n", processes_us,
              processes_us * rate / 1e6, rate);
  std::printf(
      "machine busy    %6.1f CPU us/msg = %.2f cores (idle and iowait %.1f%%; softirq %.1f us/msg, "
      "inside the above)\n",
      busy_us, busy_us * rate / 1e6, 100 * idle / machine_total, softirq * per);
  if (commits > 0)
    std::printf("durable: %ld commits, %.1f messages each\n", commits,
                static_cast<double>(relayed) / commits);
  std::printf("visitor messages %ld, agent answers %ld\n", sent, answers);
  const auto ms = [](std::int64_t ns) { return static_cast<double>(ns) / 1e6; };
  std::printf("e2e p50 %.3f p99 %.3f max %.3f ms; ack p99 %.3f ms\n", ms(e2e.Percentile(0.5)),
              ms(e2e.Percentile(0.99)), ms(e2e.max()), ms(ack.Percentile(0.99)));
  // Every message sent was acked and delivered, every answer too: nothing lost or doubled.
  bool ok = true;
  const auto check = [&](const char* what, long got, long want) {
    if (got == want) return;
    std::printf("FAILED: %s %ld, expected %ld\n", what, got, want);
    ok = false;
  };
  check("acks", static_cast<long>(ack.count()), sent + answers);
  check("visitor messages delivered to agents", to_agents, sent);
  check("answers delivered to visitors", to_visitors, answers);
  check("sends short or refused", relay.failed_sends.load() + client_failed, 0);
  if (ok) std::printf("checks passed: every message acked and delivered once\n");
  return ok ? 0 : 1;
}
