// kefu-loadgen: drives a chat server with simulated visitors and agents from several processes
// and reports throughput, latency percentiles, server cost and correctness. Method and targets:
// ../shared/design/benchmarks.md; results: docs/benchmarks.md.
//
// The coordinator (this process) forks --processes workers before any thread exists, gives each
// a share of the connections, and steps them through: connect agents, connect visitors, hold,
// one or more rate steps, stop, drain, report. It samples the server's CPU, memory and syscalls
// from /proc/<pid> and Kefu's own counters from /metrics around every phase.
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <thread>

#include "histogram.hpp"
#include "protocol.hpp"
#include "recovery.hpp"
#include "worker.hpp"

namespace kefu::bench {
std::unique_ptr<Protocol> MakeKefuProtocol(const ProtocolOptions& options);
std::unique_ptr<Protocol> MakeSocketIoProtocol(const ProtocolOptions& options);
std::unique_ptr<Protocol> MakeXmppProtocol(const ProtocolOptions& options);

std::unique_ptr<Protocol> MakeProtocol(const ProtocolOptions& options) {
  if (options.name == "kefu") return MakeKefuProtocol(options);
  if (options.name == "socketio") return MakeSocketIoProtocol(options);
  if (options.name == "xmpp") return MakeXmppProtocol(options);
  return nullptr;
}
}  // namespace kefu::bench

namespace {

using namespace kefu::bench;
namespace json = boost::json;

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void SleepUntil(std::int64_t t) {
  const auto now = NowNs();
  if (t > now) std::this_thread::sleep_for(std::chrono::nanoseconds(t - now));
}

// --- the server, seen from outside ---------------------------------------------------------

struct ServerSample {
  bool ok = false;
  double cpu_seconds = 0;
  double rss_bytes = 0;
  double syscalls = 0;  // read-like + write-like syscalls (/proc/<pid>/io syscr + syscw)
  std::map<std::string, double> metrics;  // Kefu's /metrics, when asked for
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string HttpGet(const std::string& host, int port, const std::string& target) {
  namespace beast = boost::beast;
  try {
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(5));
    stream.connect({boost::asio::ip::make_address(host), static_cast<unsigned short>(port)});
    beast::http::request<beast::http::empty_body> req{beast::http::verb::get, target, 11};
    req.set(beast::http::field::host, host);
    beast::http::write(stream, req);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> res;
    beast::http::read(stream, buffer, res);
    return res.body();
  } catch (const std::exception&) {
    return {};
  }
}

struct ServerProbe {
  int pid = 0;
  std::string host;
  int metrics_port = 0;  // 0: no /metrics

  ServerSample Sample() const {
    ServerSample s;
    if (pid > 0) {
      const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
      const auto close = stat.rfind(')');
      if (close != std::string::npos) {
        std::istringstream in(stat.substr(close + 2));
        std::string field;
        std::vector<std::string> fields;
        while (in >> field) fields.push_back(field);
        // After "pid (comm) ": state is field 0; utime 11, stime 12; rss (pages) 21.
        if (fields.size() > 21) {
          const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
          s.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / tick;
          s.rss_bytes = std::stod(fields[21]) * static_cast<double>(sysconf(_SC_PAGESIZE));
          s.ok = true;
        }
      }
      std::istringstream io(ReadFile("/proc/" + std::to_string(pid) + "/io"));
      std::string key;
      double value = 0;
      while (io >> key >> value) {
        if (key == "syscr:" || key == "syscw:") s.syscalls += value;
      }
    }
    if (metrics_port > 0) {
      std::istringstream text(HttpGet(host, metrics_port, "/metrics"));
      std::string line;
      while (std::getline(text, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.rfind(' ');
        if (space == std::string::npos) continue;
        try {
          s.metrics[line.substr(0, space)] = std::stod(line.substr(space + 1));
        } catch (...) {
        }
      }
    }
    return s;
  }
};

double Metric(const ServerSample& s, const std::string& name) {
  auto it = s.metrics.find(name);
  return it == s.metrics.end() ? 0 : it->second;
}

// --- workers -------------------------------------------------------------------------------

struct WorkerHandle {
  pid_t pid = 0;
  int fd = -1;
  std::string buffer;

  void Send(const std::string& line) const {
    const std::string text = line + "\n";
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
      const auto n = ::write(fd, p, left);
      if (n <= 0) throw std::runtime_error("worker is gone");
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  }

  std::string ReadLine() {
    for (;;) {
      const auto nl = buffer.find('\n');
      if (nl != std::string::npos) {
        std::string line = buffer.substr(0, nl);
        buffer.erase(0, nl + 1);
        return line;
      }
      char chunk[65536];
      const auto n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("worker " + std::to_string(pid) + " died");
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }
};

struct Options {
  std::string protocol = "kefu";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string tenant = "bench";
  std::string tokens_file;
  int visitors = 100;
  int agents = 10;
  int processes = 2;
  double connect_rate = 2000;
  double hold_seconds = 0;
  std::vector<double> rates;  // visitor messages per second, one per step
  double step_seconds = 10;
  double warmup_seconds = 1;
  double think_ms = 0;
  int text_bytes = 64;
  double drain_seconds = 15;
  bool reconnect = false;
  double churn_every = 0;  // seconds; 0 = none
  double churn_fraction = 0.1;
  double storm_at = -1;  // seconds after the first step began
  int storm_count = 0;
  int server_pid = 0;
  int metrics_port = 0;
  std::string db;
  std::string before_db_check;
  std::string out;
  std::string label;
  std::string xmpp_domain = "localhost";
};

double Ms(std::int64_t ns) {
  return static_cast<double>(ns) / 1e6;
}

json::object Percentiles(const Histogram& h) {
  return {{"count", h.count()},
          {"p50_ms", Ms(h.Percentile(0.50))},
          {"p90_ms", Ms(h.Percentile(0.90))},
          {"p99_ms", Ms(h.Percentile(0.99))},
          {"p999_ms", Ms(h.Percentile(0.999))},
          {"max_ms", Ms(h.max())}};
}

std::string Fmt(double v, int digits = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

int Coordinate(const Options& o, std::vector<WorkerHandle>& workers) {
  ServerProbe probe{o.server_pid, o.host, o.metrics_port};
  json::object result;
  result["protocol"] = o.protocol;
  result["label"] = o.label;
  result["visitors"] = o.visitors;
  result["agents"] = o.agents;
  result["processes"] = o.processes;
  result["think_ms"] = o.think_ms;
  result["text_bytes"] = o.text_bytes;

  auto broadcast = [&](const std::string& line) {
    for (auto& w : workers) w.Send(line);
  };
  auto expect_all = [&](const std::string& prefix) {
    std::vector<std::string> lines;
    for (auto& w : workers) {
      auto line = w.ReadLine();
      if (!line.starts_with(prefix)) throw std::runtime_error("worker said: " + line);
      lines.push_back(std::move(line));
    }
    return lines;
  };

  const ServerSample idle = probe.Sample();
  std::int64_t connect_failures = 0;
  auto connect = [&](const std::string& what, int total) {
    const auto before = probe.Sample();
    const auto began = NowNs();
    broadcast("connect " + what);
    std::int64_t ok = 0, failed = 0;
    for (const auto& line : expect_all("connected")) {
      std::istringstream in(line.substr(10));
      std::int64_t a = 0, b = 0;
      in >> a >> b;
      ok += a;
      failed += b;
    }
    const double seconds = static_cast<double>(NowNs() - began) / 1e9;
    const auto after = probe.Sample();
    connect_failures += failed;
    std::cerr << "loadgen: " << ok << "/" << total << " " << what << " connected in "
              << Fmt(seconds) << " s (" << Fmt(static_cast<double>(ok) / seconds, 0) << "/s), "
              << failed << " failed\n";
    return json::object{{"connected", ok},
                        {"failed", failed},
                        {"seconds", seconds},
                        {"per_second", static_cast<double>(ok) / seconds},
                        {"server_cpu_seconds", after.cpu_seconds - before.cpu_seconds}};
  };
  result["connect_agents"] = connect("agents", o.agents);
  result["connect_visitors"] = connect("visitors", o.visitors);

  const ServerSample after_connect = probe.Sample();
  if (o.hold_seconds > 0) {
    std::this_thread::sleep_for(std::chrono::duration<double>(o.hold_seconds));
  }
  const ServerSample connected = probe.Sample();
  const int connections = o.visitors + o.agents;
  if (idle.ok && connected.ok) {
    result["server_rss_idle_bytes"] = idle.rss_bytes;
    result["server_rss_connected_bytes"] = connected.rss_bytes;
    result["server_rss_per_connection_bytes"] =
        (connected.rss_bytes - idle.rss_bytes) / std::max(1, connections);
    if (o.hold_seconds > 0) {
      result["hold_seconds"] = o.hold_seconds;
      result["hold_server_cpu_percent"] =
          100.0 * (connected.cpu_seconds - after_connect.cpu_seconds) / o.hold_seconds;
    }
  }

  // Rate steps.
  json::array steps;
  std::vector<ServerSample> samples;
  std::int64_t first_start = 0;
  bool storm_done = o.storm_at < 0;
  std::int64_t next_churn = 0;  // churn runs on its own clock across steps
  for (std::size_t k = 0; k < o.rates.size(); ++k) {
    const double warm = k == 0 ? o.warmup_seconds : 0;
    const std::int64_t start = NowNs() + 100'000'000 + static_cast<std::int64_t>(warm * 1e9);
    if (k == 0) first_start = start;
    broadcast("step " + std::to_string(k) + " " + std::to_string(start) + " " +
              std::to_string(o.rates[k] / static_cast<double>(workers.size())));
    expect_all("ok");
    SleepUntil(start);
    samples.push_back(probe.Sample());
    const std::int64_t end = start + static_cast<std::int64_t>(o.step_seconds * 1e9);
    if (next_churn == 0) {
      next_churn = o.churn_every > 0 ? start + static_cast<std::int64_t>(o.churn_every * 1e9)
                                     : std::numeric_limits<std::int64_t>::max();
    }
    while (NowNs() < end) {
      std::int64_t wake = std::min(end, next_churn);
      const std::int64_t storm_time = first_start + static_cast<std::int64_t>(o.storm_at * 1e9);
      if (!storm_done) wake = std::min(wake, storm_time);
      SleepUntil(wake);
      const auto now = NowNs();
      if (!storm_done && now >= storm_time) {
        storm_done = true;
        std::cerr << "loadgen: reconnect storm of " << o.storm_count << " visitors\n";
        broadcast("storm " + std::to_string(o.storm_count / static_cast<int>(workers.size())));
        expect_all("ok");
      }
      if (now >= next_churn && now < end) {
        broadcast("churn " + std::to_string(o.churn_fraction));
        expect_all("ok");
        next_churn += static_cast<std::int64_t>(o.churn_every * 1e9);
      }
    }
    samples.push_back(probe.Sample());
    std::cerr << "loadgen: step " << k << " (" << o.rates[k] << " visitor msgs/s) done\n";
  }

  // Stop, then wait for everything in flight.
  broadcast("stop");
  expect_all("ok");
  const std::int64_t drain_end = NowNs() + static_cast<std::int64_t>(o.drain_seconds * 1e9);
  std::int64_t unacked = 0;
  for (;;) {
    broadcast("pending");
    unacked = 0;
    for (const auto& line : expect_all("pending")) {
      std::istringstream in(line.substr(8));
      std::int64_t a = 0;
      in >> a;
      unacked += a;
    }
    if (unacked == 0 || NowNs() >= drain_end) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  // Deliveries trail acks by a little; give them a moment, then check the database.
  std::this_thread::sleep_for(std::chrono::milliseconds(o.think_ms > 0 ? 500 : 300));
  if (!o.before_db_check.empty()) {
    const int rc = std::system(o.before_db_check.c_str());
    if (rc != 0) std::cerr << "loadgen: --before-db-check exited with " << rc << "\n";
  }

  broadcast("report " + (o.db.empty() ? std::string("-") : o.db));
  std::map<std::string, Histogram> hists;  // "name/step"
  std::map<std::string, std::int64_t> counters;
  std::map<int, std::int64_t> step_acks;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> vis;  // acked, replies seen
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>
      conv;  // seen by agent, replies acked
  for (auto& w : workers) {
    for (;;) {
      const std::string line = w.ReadLine();
      if (line == "end") break;
      std::istringstream in(line);
      std::string kind;
      in >> kind;
      if (kind == "hist") {
        std::string name;
        int step = 0;
        in >> name >> step;
        std::string rest;
        std::getline(in, rest);
        Histogram h;
        if (!h.Parse(rest)) throw std::runtime_error("bad histogram from worker");
        hists[name + "/" + std::to_string(step)].Merge(h);
      } else if (kind == "count") {
        std::string name;
        std::int64_t value = 0;
        in >> name >> value;
        counters[name] += value;
      } else if (kind == "stepacks") {
        int step = 0;
        std::int64_t n = 0;
        in >> step >> n;
        step_acks[step] += n;
      } else if (kind == "vis") {
        std::int64_t v = 0, a = 0, r = 0;
        in >> v >> a >> r;
        vis[v] = {a, r};
      } else if (kind == "conv") {
        std::int64_t v = 0, s = 0, r = 0;
        in >> v >> s >> r;
        auto& entry = conv[v];
        entry.first = std::max(entry.first, s);
        entry.second = std::max(entry.second, r);
      }
    }
  }

  // Loss: an acknowledged message that its receiver never saw.
  std::int64_t lost_visitor = 0, lost_agent = 0;
  for (const auto& [v, mine] : vis) {
    const auto it = conv.find(v);
    const std::int64_t seen = it == conv.end() ? 0 : it->second.first;
    lost_visitor += std::max<std::int64_t>(0, mine.first - seen);
    const std::int64_t replies_acked = it == conv.end() ? 0 : it->second.second;
    lost_agent += std::max<std::int64_t>(0, replies_acked - mine.second);
  }

  for (std::size_t k = 0; k < o.rates.size(); ++k) {
    const int step = static_cast<int>(k);
    const auto& before = samples[2 * k];
    const auto& after = samples[2 * k + 1];
    const double acks = static_cast<double>(step_acks[step]);
    const double rate = acks / o.step_seconds;
    json::object s{{"step", step},
                   {"offered_visitor_msgs_per_s", o.rates[k]},
                   {"acked_msgs", acks},
                   {"durable_msgs_per_s", rate},
                   {"ack", Percentiles(hists["ack/" + std::to_string(step)])},
                   {"e2e", Percentiles(hists["e2e/" + std::to_string(step)])},
                   {"e2e_visitor_to_agent", Percentiles(hists["e2e_v2a/" + std::to_string(step)])},
                   {"e2e_agent_to_visitor", Percentiles(hists["e2e_a2v/" + std::to_string(step)])}};
    if (before.ok && after.ok && acks > 0) {
      const double cpu = after.cpu_seconds - before.cpu_seconds;
      s["server_cpu_percent"] = 100.0 * cpu / o.step_seconds;
      s["server_cpu_us_per_msg"] = 1e6 * cpu / acks;
      s["server_syscalls_per_msg"] = (after.syscalls - before.syscalls) / acks;
      s["server_rss_bytes"] = after.rss_bytes;
    }
    if (o.metrics_port > 0 && acks > 0) {
      const double commits = Metric(after, "kefu_storage_commits_total") -
                             Metric(before, "kefu_storage_commits_total");
      const double writes =
          Metric(after, "kefu_storage_writes_total") - Metric(before, "kefu_storage_writes_total");
      s["fsyncs_per_msg"] = commits / acks;
      s["writes_per_commit"] = commits > 0 ? writes / commits : 0;
      // The server's own view of where a message's time goes, from its histograms.
      json::object server_ms;
      for (const auto& [key, family] :
           {std::pair{"ack", "kefu_message_ack_latency_seconds"},
            std::pair{"commit_wait", "kefu_storage_commit_wait_seconds"},
            std::pair{"commit", "kefu_storage_commit_duration_seconds"}}) {
        for (const auto& [suffix, q] : {std::pair{"_p50", 0.5}, std::pair{"_p99", 0.99}}) {
          if (auto v = BucketQuantile(before.metrics, after.metrics, family, q)) {
            server_ms[std::string(key) + suffix] = *v * 1e3;
          }
        }
      }
      if (!server_ms.empty()) s["server_ms"] = std::move(server_ms);
    }
    steps.push_back(std::move(s));
  }
  result["steps"] = std::move(steps);
  // End-to-end latency by the second of intended sending, and how fast a storm is absorbed.
  std::vector<Histogram> seconds;
  for (const auto& [key, h] : hists) {
    if (key.rfind("second/", 0) != 0) continue;
    const auto k = static_cast<std::size_t>(std::stoi(key.substr(7)));
    if (seconds.size() <= k) seconds.resize(k + 1);
    seconds[k] = h;
  }
  if (!seconds.empty()) {
    json::array timeline;
    for (std::size_t k = 0; k < seconds.size(); ++k) {
      json::object t{{"second", k},
                     {"msgs", seconds[k].count()},
                     {"p50_ms", Ms(seconds[k].Percentile(0.5))},
                     {"p99_ms", Ms(seconds[k].Percentile(0.99))},
                     {"max_ms", Ms(seconds[k].max())}};
      timeline.push_back(std::move(t));
    }
    result["timeline"] = std::move(timeline);
  }
  const auto recovery =
      MeasureRecovery(seconds, {.storm_at = o.storm_at, .churn_every = o.churn_every});
  if (recovery) {
    json::object r{{"normal_p99_ms", recovery->normal_p99_ms},
                   {"threshold_ms", recovery->threshold_ms},
                   {"window_seconds", recovery->window_seconds}};
    if (recovery->recovered_after_seconds) {
      r["recovered_after_seconds"] = *recovery->recovered_after_seconds;
    }
    result["storm_recovery"] = std::move(r);
  }
  if (hists.count("connect/-1")) result["connect_latency"] = Percentiles(hists["connect/-1"]);
  if (hists.count("reconnect/-1")) result["reconnect_latency"] = Percentiles(hists["reconnect/-1"]);

  json::object checks;
  for (const auto& [name, value] : counters) checks[name] = value;
  checks["lost_visitor_messages"] = lost_visitor;
  checks["lost_agent_replies"] = lost_agent;
  checks["unacked_after_drain"] = unacked;
  checks["connect_failures"] = connect_failures;
  auto counter = [&](const std::string& name) {
    auto it = counters.find(name);
    return it == counters.end() ? 0 : it->second;
  };
  std::vector<std::string> problems;
  auto require_zero = [&](const std::string& name, std::int64_t value) {
    if (value != 0) problems.push_back(name + "=" + std::to_string(value));
  };
  require_zero("lost_visitor_messages", lost_visitor);
  require_zero("lost_agent_replies", lost_agent);
  require_zero("duplicates", counter("duplicates"));
  require_zero("gaps", counter("gaps"));
  require_zero("reordered", counter("reordered"));
  require_zero("seq_duplicates", counter("seq_duplicates"));
  require_zero("seq_gaps", counter("seq_gaps"));
  require_zero("misdelivered", counter("misdelivered"));
  require_zero("unexpected_acks", counter("unexpected_acks"));
  require_zero("unacked_after_drain", unacked);
  require_zero("connect_failures", connect_failures);
  if (!o.db.empty()) {
    require_zero("db_missing", counter("db_missing"));
    require_zero("db_open_failed", counter("db_open_failed"));
  }
  checks["passed"] = problems.empty();
  result["checks"] = std::move(checks);

  // Human summary on stderr, JSON on stdout or --out.
  for (const auto& step : result["steps"].as_array()) {
    const auto& s = step.as_object();
    const auto& e2e = s.at("e2e").as_object();
    const auto& ack = s.at("ack").as_object();
    std::cerr << "loadgen: step " << s.at("step").as_int64() << ": "
              << Fmt(s.at("durable_msgs_per_s").to_number<double>(), 0)
              << " durable msgs/s; e2e p50 " << Fmt(e2e.at("p50_ms").to_number<double>()) << " p99 "
              << Fmt(e2e.at("p99_ms").to_number<double>()) << " p99.9 "
              << Fmt(e2e.at("p999_ms").to_number<double>()) << " max "
              << Fmt(e2e.at("max_ms").to_number<double>()) << " ms; ack p99 "
              << Fmt(ack.at("p99_ms").to_number<double>()) << " ms";
    if (s.contains("server_cpu_us_per_msg")) {
      std::cerr << "; server " << Fmt(s.at("server_cpu_us_per_msg").to_number<double>(), 1)
                << " CPU us/msg, " << Fmt(s.at("server_syscalls_per_msg").to_number<double>(), 2)
                << " read/write syscalls/msg";
    }
    if (s.contains("fsyncs_per_msg")) {
      std::cerr << ", " << Fmt(s.at("fsyncs_per_msg").to_number<double>(), 3) << " fsyncs/msg";
    }
    if (s.contains("server_ms")) {
      const auto& server = s.at("server_ms").as_object();
      auto part = [&](const char* label, const char* key) {
        if (!server.contains(std::string(key) + "_p99")) return;
        std::cerr << " " << label << " "
                  << Fmt(server.at(std::string(key) + "_p50").to_number<double>()) << "/"
                  << Fmt(server.at(std::string(key) + "_p99").to_number<double>());
      };
      std::cerr << "; server p50/p99 ms:";
      part("ack", "ack");
      part("commit-wait", "commit_wait");
      part("commit", "commit");
    }
    std::cerr << "\n";
  }
  if (recovery) {
    const int from = static_cast<int>(o.storm_at) - 2;
    const int to = static_cast<int>(o.storm_at) + recovery->window_seconds;
    for (int k = std::max(0, from); k < std::min<int>(to, static_cast<int>(seconds.size())); ++k) {
      const auto& h = seconds[static_cast<std::size_t>(k)];
      std::cerr << "loadgen: second " << k << ": " << h.count() << " msgs, e2e p50 "
                << Fmt(Ms(h.Percentile(0.5))) << " p99 " << Fmt(Ms(h.Percentile(0.99))) << " max "
                << Fmt(Ms(h.max())) << " ms\n";
    }
    std::cerr << "loadgen: storm at " << o.storm_at << " s; normal p99 "
              << Fmt(recovery->normal_p99_ms) << " ms; ";
    if (recovery->recovered_after_seconds) {
      std::cerr << "every second from " << *recovery->recovered_after_seconds
                << " s after it is under " << Fmt(recovery->threshold_ms) << " ms\n";
    } else {
      std::cerr << "not back under " << Fmt(recovery->threshold_ms) << " ms within the "
                << recovery->window_seconds << " s before the next churn\n";
    }
  }
  if (result.contains("server_rss_per_connection_bytes")) {
    std::cerr << "loadgen: server RSS "
              << Fmt(result["server_rss_per_connection_bytes"].to_number<double>() / 1024, 1)
              << " KiB per connection\n";
  }
  if (problems.empty()) {
    std::cerr << "loadgen: checks passed (order, loss, duplicates"
              << (o.db.empty() ? "" : ", database") << ")\n";
  } else {
    std::cerr << "loadgen: CHECKS FAILED:";
    for (const auto& p : problems) std::cerr << " " << p;
    std::cerr << "\n";
  }
  const std::string text = json::serialize(result);
  if (o.out.empty()) {
    std::cout << text << "\n";
  } else {
    std::ofstream(o.out) << text << "\n";
  }
  return problems.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kefu-loadgen: load generator for Kefu and its peers"};
  Options o;
  std::string rates = "100";
  app.add_option("--protocol", o.protocol, "kefu | socketio | xmpp");
  app.add_option("--host", o.host, "Server address (loopback)");
  app.add_option("--port", o.port, "Server port");
  app.add_option("--tenant", o.tenant, "Kefu tenant slug");
  app.add_option("--tokens", o.tokens_file, "Kefu: file of agent session tokens, one per line");
  app.add_option("--visitors", o.visitors, "Visitor connections");
  app.add_option("--agents", o.agents, "Agent connections");
  app.add_option("--processes", o.processes, "Worker processes");
  app.add_option("--connect-rate", o.connect_rate, "Handshakes per second, in all");
  app.add_option("--hold", o.hold_seconds, "Seconds to hold idle connections before sending");
  app.add_option("--rates", rates, "Visitor messages per second in all, one per step (a,b,c)");
  app.add_option("--step-seconds", o.step_seconds, "Seconds per rate step");
  app.add_option("--warmup", o.warmup_seconds, "Seconds of sending before the first step counts");
  app.add_option("--think-ms", o.think_ms, "Mean agent think time before each reply (ms)");
  app.add_option("--text-bytes", o.text_bytes, "Message size in bytes");
  app.add_option("--drain", o.drain_seconds, "Seconds to wait for outstanding acks at the end");
  app.add_flag("--reconnect", o.reconnect, "Reconnect and resume dropped connections");
  app.add_option("--churn-every", o.churn_every, "Every N seconds, drop and reconnect visitors");
  app.add_option("--churn-fraction", o.churn_fraction, "Fraction of visitors dropped per churn");
  app.add_option("--storm-at", o.storm_at, "Seconds into the run for a reconnect storm");
  app.add_option("--storm-count", o.storm_count, "Visitors dropped at once in the storm");
  app.add_option("--server-pid", o.server_pid, "Server process for CPU, RSS and syscalls");
  app.add_option("--metrics-port", o.metrics_port, "Kefu /metrics port (0: none)");
  app.add_option("--db", o.db, "Check every acknowledged message in this SQLite file");
  app.add_option("--before-db-check", o.before_db_check,
                 "Shell command run after the drain, before --db is opened (e.g. stop a server "
                 "that keeps working on a backlog, which a reader's lock would disturb)");
  app.add_option("--out", o.out, "Write the JSON result here (default stdout)");
  app.add_option("--label", o.label, "Name of the run, copied into the result");
  app.add_option("--xmpp-domain", o.xmpp_domain, "XMPP domain");
  CLI11_PARSE(app, argc, argv);

  {
    std::istringstream in(rates);
    std::string item;
    while (std::getline(in, item, ',')) {
      if (!item.empty()) o.rates.push_back(std::stod(item));
    }
  }
  o.processes = std::max(1, o.processes);

  ProtocolOptions p;
  p.name = o.protocol;
  p.host = o.host;
  p.port = o.port;
  p.tenant = o.tenant;
  p.xmpp_domain = o.xmpp_domain;
  p.agents = o.agents;
  if (!o.tokens_file.empty()) {
    std::ifstream in(o.tokens_file);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) p.agent_tokens.push_back(line);
    }
    if (static_cast<int>(p.agent_tokens.size()) < o.agents) {
      std::cerr << "loadgen: " << o.tokens_file << " has " << p.agent_tokens.size()
                << " tokens for " << o.agents << " agents\n";
      return 2;
    }
  }
  auto protocol = MakeProtocol(p);
  if (!protocol) {
    std::cerr << "loadgen: unknown protocol " << o.protocol << "\n";
    return 2;
  }

  std::vector<WorkerHandle> workers;
  for (int w = 0; w < o.processes; ++w) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
      std::perror("socketpair");
      return 1;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
      std::perror("fork");
      return 1;
    }
    if (pid == 0) {
      ::close(fds[0]);
      for (auto& other : workers) ::close(other.fd);
      WorkerConfig config;
      config.worker = w;
      config.workers = o.processes;
      config.visitors = o.visitors;
      config.agents = o.agents;
      config.connect_rate = o.connect_rate / o.processes;
      config.think_ms = o.think_ms;
      config.text_bytes = o.text_bytes;
      config.reconnect = o.reconnect;
      config.keep_acked = !o.db.empty();
      config.protocol = protocol.get();
      std::_Exit(RunWorker(config, fds[1]));
    }
    ::close(fds[1]);
    workers.push_back({pid, fds[0], {}});
  }

  int code = 1;
  try {
    code = Coordinate(o, workers);
  } catch (const std::exception& error) {
    std::cerr << "loadgen: " << error.what() << "\n";
  }
  for (auto& w : workers) {
    try {
      w.Send("quit");
    } catch (...) {
    }
    ::close(w.fd);
  }
  for (auto& w : workers) ::waitpid(w.pid, nullptr, 0);
  return code;
}
