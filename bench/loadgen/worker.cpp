// A load-generator worker. Commands from the coordinator, one per line:
//   connect agents|visitors   open this worker's share at the configured rate; answers
//                             "connected <ok> <failed> <elapsed_ns>"
//   step <k> <start_ns> <rate>  from start_ns (CLOCK_MONOTONIC) on, this worker's visitors send
//                             <rate> messages per second in all (Poisson); answers "ok"
//   churn <fraction> | storm <count>  drop that many visitor connections at once and reconnect
//                             them (resume); answers "ok"
//   stop                      no new messages or replies; answers "ok"
//   pending                   answers "pending <unacked> <not_ready> <queued_frames>"
//   report <db|->             checks every ack against the database (when given), then prints
//                             histograms, counters and per-visitor high-water marks; ends "end"
//   quit
//
// Every visitor message is "lg <visitor> <n> <t_ns> <padding>", every agent reply
// "la <visitor> <n> <t_ns> <padding>": n counts per conversation from 1 and t_ns is the intended
// send time, so the receiver checks order, loss and duplicates and measures end-to-end latency
// from the intended time (no coordinated omission) without any clock synchronisation.
#include "worker.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <charconv>
#include <chrono>
#include <deque>
#include <istream>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <sstream>

#include "histogram.hpp"

namespace kefu::bench {
namespace {

namespace asio = boost::asio;

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Splits "lg 12 3 4567 ..." into its numbers; false if the text is not one of ours.
bool ParseTag(std::string_view text, char kind, std::int64_t& visitor, std::int64_t& n,
              std::int64_t& t) {
  if (text.size() < 3 || text[0] != 'l' || text[1] != kind || text[2] != ' ') return false;
  const char* p = text.data() + 3;
  const char* end = text.data() + text.size();
  for (std::int64_t* out : {&visitor, &n, &t}) {
    auto [next, ec] = std::from_chars(p, end, *out);
    if (ec != std::errc{}) return false;
    p = next;
    if (p < end && *p == ' ') ++p;
  }
  return true;
}

struct Pending {
  std::string id;
  std::string conversation;  // empty for visitor messages
  std::string text;
  std::int64_t n = 0;
  std::int64_t intended = 0;
  bool sent = false;
  bool ever_sent = false;  // on an earlier connection: a resend
};

struct AgentConversation {
  std::int64_t visitor = -1;
  std::int64_t received = 0;     // highest visitor message number seen, in order
  std::set<std::int64_t> holes;  // numbers below `received` not seen (yet)
  std::int64_t next_reply = 1;
  std::int64_t reply_acked = 0;
};

struct Client {
  Role role = Role::kVisitor;
  int index = 0;  // global number
  std::shared_ptr<WsConnection> conn;
  std::unique_ptr<ProtocolSession> session;
  ClientState state;
  bool ready = false;
  bool ever_ready = false;
  bool gave_up = false;
  int attempts = 0;
  std::int64_t connect_started = 0;
  std::deque<Pending> unacked;
  std::int64_t next_n = 1;  // visitor: next message number; agent: reply key counter
  // Visitor side.
  std::int64_t acked = 0;              // highest acknowledged message number
  std::int64_t replies_received = 0;   // highest agent reply number seen, in order
  std::set<std::int64_t> reply_holes;  // numbers below `replies_received` not seen (yet)
  // Agent side, per conversation (open addressing: looked up for every message; a reference
  // into it lasts until the next insert).
  boost::unordered_flat_map<std::string, AgentConversation> conversations;
};

struct Job {
  std::int64_t at = 0;
  // kStepBegins makes `step` current; kRetry resends a client's unsent messages after an error.
  enum class Kind {
    kVisitorSend,
    kAgentReply,
    kReconnect,
    kRetry,
    kStepBegins
  } kind = Kind::kVisitorSend;
  int client = 0;  // local index into clients_
  std::uint64_t generation = 0;
  int step = 0;
  std::string conversation{};
  bool operator>(const Job& other) const { return at > other.at; }
};

struct StepHistograms {
  Histogram ack, e2e, e2e_v2a, e2e_a2v;
  std::uint64_t acks = 0;  // acks received while this step was current
};

class Worker {
 public:
  Worker(const WorkerConfig& config, int fd)
      : config_(config),
        io_(1),
        control_(io_, fd),
        timer_(io_),
        pacer_(io_),
        rng_(static_cast<unsigned>(config.worker * 7919 + NowNs())) {
    for (int i = config.worker; i < config.visitors; i += config.workers) {
      visitors_.push_back(AddClient(Role::kVisitor, i));
    }
    for (int j = config.worker; j < config.agents; j += config.workers) {
      agents_.push_back(AddClient(Role::kAgent, j));
    }
    padding_ = "您好，我想咨询一下信用卡账单和分期还款的问题，谢谢。";
    while (padding_.size() < static_cast<std::size_t>(config.text_bytes)) padding_ += padding_;
  }

  int Run() {
    ReadCommand();
    io_.run();
    return 0;
  }

 private:
  int AddClient(Role role, int index) {
    auto client = std::make_unique<Client>();
    client->role = role;
    client->index = index;
    clients_.push_back(std::move(client));
    return static_cast<int>(clients_.size() - 1);
  }

  // --- control channel -------------------------------------------------------------------

  void ReadCommand() {
    asio::async_read_until(control_, input_, '\n',
                           [this](boost::system::error_code ec, std::size_t) {
                             if (ec) {
                               io_.stop();
                               return;
                             }
                             std::istream in(&input_);
                             std::string line;
                             std::getline(in, line);
                             Handle(line);
                             if (!quitting_) ReadCommand();
                           });
  }

  void Reply(std::string text) {
    text += '\n';
    // Replies are small and rare: a blocking write keeps their order simple.
    asio::write(control_, asio::buffer(text));
  }

  void Handle(const std::string& line) {
    std::istringstream in(line);
    std::string command;
    in >> command;
    if (command == "connect") {
      std::string what;
      in >> what;
      BeginConnecting(what == "agents" ? agents_ : visitors_);
    } else if (command == "step") {
      int k = 0;
      std::int64_t start = 0;
      double rate = 0;
      in >> k >> start >> rate;
      BeginStep(k, start, rate);
      Reply("ok");
    } else if (command == "churn" || command == "storm") {
      double amount = 0;
      in >> amount;
      const auto count =
          command == "churn"
              ? static_cast<std::size_t>(amount * static_cast<double>(visitors_.size()))
              : static_cast<std::size_t>(amount);
      Churn(count);
      Reply("ok");
    } else if (command == "stop") {
      stopped_ = true;
      current_step_ = -1;  // acks that trail in while draining belong to no step
      ++generation_;
      Reply("ok");
    } else if (command == "pending") {
      std::size_t unacked = 0, not_ready = 0, queued = 0;
      for (const auto& c : clients_) {
        unacked += c->unacked.size();
        if (!c->ready && !c->gave_up) ++not_ready;
        if (c->conn) queued += c->conn->queued();
      }
      Reply("pending " + std::to_string(unacked) + " " + std::to_string(not_ready) + " " +
            std::to_string(queued));
    } else if (command == "report") {
      std::string db;
      in >> db;
      Report(db);
    } else if (command == "quit") {
      quitting_ = true;
      for (auto& c : clients_) {
        if (c->conn) c->conn->Abort();
      }
      io_.stop();
    } else {
      Reply("error unknown command");
    }
  }

  // --- connections -----------------------------------------------------------------------

  void BeginConnecting(const std::vector<int>& group) {
    connect_group_ = group;
    connect_next_ = 0;
    connect_done_ = 0;
    connect_failed_ = 0;
    connect_inflight_ = 0;
    connect_began_ = NowNs();
    if (group.empty()) {
      Reply("connected 0 0 0");
      return;
    }
    PaceConnects();
  }

  void PaceConnects() {
    const double elapsed = static_cast<double>(NowNs() - connect_began_) / 1e9;
    const auto allowed = static_cast<std::size_t>(elapsed * config_.connect_rate) + 1;
    while (connect_next_ < connect_group_.size() && connect_next_ < allowed &&
           connect_inflight_ < config_.max_inflight_connects) {
      ++connect_inflight_;
      Connect(connect_group_[connect_next_++]);
    }
    if (connect_next_ < connect_group_.size()) {
      pacer_.expires_after(std::chrono::milliseconds(1));
      pacer_.async_wait([this](boost::system::error_code ec) {
        if (!ec) PaceConnects();
      });
    }
  }

  void ConnectFinished(bool ok) {
    --connect_inflight_;
    ++connect_done_;
    if (!ok) ++connect_failed_;
    if (connect_done_ == connect_group_.size()) {
      const auto elapsed = NowNs() - connect_began_;
      Reply("connected " + std::to_string(connect_done_ - connect_failed_) + " " +
            std::to_string(connect_failed_) + " " + std::to_string(elapsed));
      connect_group_.clear();
    } else if (connect_next_ < connect_group_.size()) {
      PaceConnects();
    }
  }

  void Connect(int local) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    c.ready = false;
    c.connect_started = NowNs();
    c.session = config_.protocol->NewSession(c.role, c.index, c.state);
    WsHandlers handlers;
    handlers.on_open = [this, local] { OnOpen(local); };
    handlers.on_frame = [this, local](std::string_view frame) { OnFrame(local, frame); };
    handlers.on_close = [this, local](const std::string& why) { OnClose(local, why); };
    WsTarget target = config_.protocol->Target(c.role, c.index);
    if (target.endpoint.address().is_loopback() && target.endpoint.address().is_v4()) {
      // 127.0.0.2 ... 127.0.0.251, by client: see WsTarget::source.
      target.source = boost::asio::ip::address_v4(0x7f000002u + static_cast<unsigned>(local % 250));
    }
    c.conn = std::make_shared<WsConnection>(io_, std::move(target), std::move(handlers));
    c.conn->Start();
  }

  void OnOpen(int local) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    out_.clear();
    c.session->OnOpen(out_);
    for (auto& frame : out_) c.conn->Send(std::move(frame));
  }

  void OnClose(int local, const std::string& why) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    const bool was_ready = c.ready;
    c.ready = false;
    c.conn.reset();
    if (!was_ready && !c.ever_ready) {
      // Never got in: a failed handshake, counted once, not retried.
      c.gave_up = true;
      ++counters_["connect_failures"];
      if (failure_samples_ < 5) {
        ++failure_samples_;
        ++counters_["connect_failure_logged"];
        std::fprintf(stderr, "loadgen: connect failed: %s\n", why.c_str());
      }
      ConnectFinished(false);
      return;
    }
    ++counters_["disconnects"];
    if (!config_.reconnect || !config_.protocol->resumable()) {
      c.gave_up = true;
      return;
    }
    ScheduleReconnect(local);
  }

  void ScheduleReconnect(int local) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    const int attempt = std::min(++c.attempts, 10);
    std::uniform_int_distribution<int> jitter(0, 100);
    Push({.at = NowNs() + (std::int64_t{50} * attempt + jitter(rng_)) * 1'000'000,
          .kind = Job::Kind::kReconnect,
          .client = local});
  }

  void Churn(std::size_t count) {
    std::vector<int> candidates;
    for (int local : visitors_) {
      if (clients_[static_cast<std::size_t>(local)]->ready) candidates.push_back(local);
    }
    std::shuffle(candidates.begin(), candidates.end(), rng_);
    if (candidates.size() > count) candidates.resize(count);
    for (int local : candidates) {
      Client& c = *clients_[static_cast<std::size_t>(local)];
      c.conn->Abort();
      c.conn.reset();
      c.ready = false;
      ++counters_["churned"];
      Connect(local);
    }
  }

  // --- frames ----------------------------------------------------------------------------

  void OnFrame(int local, std::string_view frame) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    out_.clear();
    in_.clear();
    c.session->OnFrame(frame, out_, in_);
    for (auto& f : out_) c.conn->Send(std::move(f));
    for (auto& item : in_) {
      switch (item.kind) {
        case Inbound::Kind::kReady:
          OnReady(local);
          break;
        case Inbound::Kind::kAck:
          OnAck(c, item);
          break;
        case Inbound::Kind::kEvent:
          OnEvent(local, c, item);
          break;
        case Inbound::Kind::kError:
          OnError(local, c, item);
          break;
        case Inbound::Kind::kDuplicate:
          ++counters_["protocol_duplicates"];
          break;
      }
      if (!c.conn) return;  // the frame closed the connection
    }
  }

  void OnReady(int local) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    const bool first = !c.ever_ready;
    c.ready = true;
    c.ever_ready = true;
    c.attempts = 0;
    if (first) {
      connect_latency_.Record(NowNs() - c.connect_started);
      ConnectFinished(true);
    } else {
      ++counters_["reconnects"];
      reconnect_latency_.Record(NowNs() - c.connect_started);
    }
    // Whatever was not acknowledged goes again, with the same keys.
    for (auto& p : c.unacked) p.sent = false;
    Flush(c);
  }

  void Flush(Client& c) {
    if (!c.ready || !c.conn) return;
    for (auto& p : c.unacked) {
      if (p.sent) continue;
      out_.clear();
      c.session->EncodeSend(p.id, p.conversation, p.text, p.ever_sent, out_);
      for (auto& f : out_) c.conn->Send(std::move(f));
      p.sent = true;
      p.ever_sent = true;
    }
  }

  void OnAck(Client& c, const Inbound& ack) {
    auto it = std::find_if(c.unacked.begin(), c.unacked.end(),
                           [&](const Pending& p) { return p.id == ack.id; });
    if (it == c.unacked.end()) {
      ++counters_["unexpected_acks"];
      return;
    }
    const std::int64_t now = NowNs();
    const int step = StepOf(it->intended);
    if (step >= 0) Step(step).ack.Record(now - it->intended);
    if (current_step_ >= 0) ++Step(current_step_).acks;
    if (config_.keep_acked) acked_records_.push_back({ack.conversation, ack.seq, it->text});
    if (c.role == Role::kVisitor) {
      ++acked_visitor_;
      c.acked = std::max(c.acked, it->n);
    } else {
      ++acked_agent_;
      auto& conv = c.conversations[it->conversation];
      conv.reply_acked = std::max(conv.reply_acked, it->n);
    }
    c.unacked.erase(it);
  }

  void OnError(int local, Client& c, const Inbound& error) {
    ++counters_["errors"];
    if (error_samples_ < 5) {
      ++error_samples_;
      std::fprintf(stderr, "loadgen: server error: %s\n", error.error.c_str());
    }
    if (error.fatal) {
      ++counters_["fatal_errors"];
      if (c.conn) c.conn->Abort();
      OnClose(local, error.error);
      return;
    }
    if (error.id.empty()) return;
    auto it = std::find_if(c.unacked.begin(), c.unacked.end(),
                           [&](const Pending& p) { return p.id == error.id; });
    if (it == c.unacked.end()) return;
    if (error.error.starts_with("unavailable") || error.error.starts_with("rate_limited")) {
      it->sent = false;  // sent again on the next flush or reconnect
      ++counters_["retried"];
      Push({.at = NowNs() + 100'000'000, .kind = Job::Kind::kRetry, .client = local});
    } else {
      ++counters_["rejected"];
      c.unacked.erase(it);
    }
  }

  void OnEvent(int local, Client& c, const Inbound& event) {
    if (event.seq > 0) {
      auto& last = c.state.last_seq[event.conversation];
      if (event.seq != last + 1) {
        ++counters_[event.seq <= last ? "seq_duplicates" : "seq_gaps"];
        if (event.seq <= last) return;  // never count a duplicate twice below
      }
      last = event.seq;
    }
    if (!event.is_message) return;
    const std::int64_t now = NowNs();
    std::int64_t visitor = 0, n = 0, t = 0;
    if (c.role == Role::kAgent && event.from_visitor) {
      if (!ParseTag(event.text, 'g', visitor, n, t)) {
        ++counters_["foreign_messages"];
        return;
      }
      auto& conv = c.conversations[event.conversation];
      conv.visitor = visitor;
      if (!CheckOrder(conv.received, conv.holes, n)) return;
      ++received_by_agents_;
      RecordEndToEnd(t, now, true);
      if (stopped_) return;
      if (config_.think_ms <= 0) {
        SendReply(local, event.conversation, now);
      } else {
        std::exponential_distribution<double> think(1.0 / config_.think_ms);
        Push({.at = now + static_cast<std::int64_t>(think(rng_) * 1e6),
              .kind = Job::Kind::kAgentReply,
              .client = local,
              .generation = generation_,
              .conversation = event.conversation});
      }
    } else if (c.role == Role::kVisitor && !event.from_visitor) {
      if (!ParseTag(event.text, 'a', visitor, n, t)) {
        ++counters_["foreign_messages"];
        return;
      }
      if (visitor != c.index) ++counters_["misdelivered"];
      if (!CheckOrder(c.replies_received, c.reply_holes, n)) return;
      ++received_by_visitors_;
      RecordEndToEnd(t, now, false);
    }
    // A sender's own message coming back is only checked for its seq above.
  }

  // Advances `high` if `n` is the next number. A number past it leaves holes, counted as gaps;
  // one that fills a hole later arrived out of order (no longer a gap, counted as reordered);
  // any other number at or below `high` is a duplicate. Returns whether `n` is new.
  bool CheckOrder(std::int64_t& high, std::set<std::int64_t>& holes, std::int64_t n) {
    if (n == high + 1) {
      high = n;
      return true;
    }
    if (n <= high) {
      if (holes.erase(n) > 0) {
        --counters_["gaps"];
        ++counters_["reordered"];
        return true;
      }
      ++counters_["duplicates"];
      return false;
    }
    counters_["gaps"] += n - high - 1;
    // Remember the holes while they are few: a jump of thousands is a broken run, not a reorder.
    for (std::int64_t k = high + 1; k < n && holes.size() < 4096; ++k) holes.insert(k);
    high = n;
    return true;
  }

  void RecordEndToEnd(std::int64_t intended, std::int64_t now, bool to_agent) {
    const int step = StepOf(intended);
    if (step < 0) return;
    auto& h = Step(step);
    h.e2e.Record(now - intended);
    (to_agent ? h.e2e_v2a : h.e2e_a2v).Record(now - intended);
    // The same latency by the second of its intended send time, to see recovery from a storm.
    const auto second = static_cast<std::size_t>((intended - step_starts_.front()) / 1'000'000'000);
    if (timeline_.size() <= second) timeline_.resize(second + 1);
    timeline_[second].Record(now - intended);
  }

  // --- sending ---------------------------------------------------------------------------

  std::string Text(char kind, std::int64_t visitor, std::int64_t n, std::int64_t t) const {
    std::string text = "l";
    text += kind;
    text += ' ' + std::to_string(visitor) + ' ' + std::to_string(n) + ' ' + std::to_string(t) + ' ';
    // Pad with whole UTF-8 characters (3 bytes each here) up to about text_bytes.
    std::size_t pos = 0;
    while (text.size() + 3 <= static_cast<std::size_t>(config_.text_bytes) &&
           pos + 3 <= padding_.size()) {
      text.append(padding_, pos, 3);
      pos += 3;
    }
    return text;
  }

  void SendVisitorMessage(int local, std::int64_t intended) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    if (c.gave_up) return;
    Pending p;
    p.n = c.next_n++;
    p.id = IncreasingKey('m', p.n);
    p.intended = intended;
    p.text = Text('g', c.index, p.n, intended);
    c.unacked.push_back(std::move(p));
    ++sent_visitor_;
    Flush(c);
  }

  void SendReply(int local, const std::string& conversation, std::int64_t intended) {
    Client& c = *clients_[static_cast<std::size_t>(local)];
    if (c.gave_up) return;
    auto& conv = c.conversations[conversation];
    Pending p;
    p.n = conv.next_reply++;
    p.id = IncreasingKey('r', c.next_n++);
    p.conversation = conversation;
    p.intended = intended;
    p.text = Text('a', conv.visitor, p.n, intended);
    c.unacked.push_back(std::move(p));
    ++sent_agent_;
    Flush(c);
  }

  // --- schedule --------------------------------------------------------------------------

  void BeginStep(int k, std::int64_t start, double rate) {
    if (static_cast<int>(step_starts_.size()) <= k)
      step_starts_.resize(static_cast<std::size_t>(k) + 1, start);
    step_starts_[static_cast<std::size_t>(k)] = start;
    ++generation_;  // forget the old rate's schedule; Poisson arrivals are memoryless
    rate_per_visitor_ = visitors_.empty() ? 0 : rate / static_cast<double>(visitors_.size());
    if (rate_per_visitor_ > 0) {
      std::exponential_distribution<double> gap(rate_per_visitor_);
      for (int local : visitors_) {
        Push({.at = start + static_cast<std::int64_t>(gap(rng_) * 1e9),
              .kind = Job::Kind::kVisitorSend,
              .client = local,
              .generation = generation_});
      }
    }
    // Acks are attributed to the step that is current when they arrive.
    Push({.at = start, .kind = Job::Kind::kStepBegins, .step = k});
  }

  int StepOf(std::int64_t t) const {
    int step = -1;
    for (std::size_t k = 0; k < step_starts_.size(); ++k) {
      if (step_starts_[k] <= t) step = static_cast<int>(k);
    }
    return step;
  }

  StepHistograms& Step(int k) {
    if (static_cast<int>(steps_.size()) <= k) steps_.resize(static_cast<std::size_t>(k) + 1);
    return steps_[static_cast<std::size_t>(k)];
  }

  void Push(Job job) {
    const bool earlier = jobs_.empty() || job.at < jobs_.top().at;
    jobs_.push(std::move(job));
    if (earlier) Arm();
  }

  void Arm() {
    if (jobs_.empty()) return;
    const auto delay =
        std::chrono::nanoseconds(std::max<std::int64_t>(0, jobs_.top().at - NowNs()));
    timer_.expires_after(delay);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (ec) return;  // re-armed for an earlier job
      RunDue();
    });
  }

  void RunDue() {
    const std::int64_t now = NowNs();
    while (!jobs_.empty() && jobs_.top().at <= now) {
      Job job = jobs_.top();
      jobs_.pop();
      switch (job.kind) {
        case Job::Kind::kVisitorSend:
          if (job.generation != generation_ || stopped_) break;
          SendVisitorMessage(job.client, job.at);
          {
            std::exponential_distribution<double> gap(rate_per_visitor_);
            job.at += static_cast<std::int64_t>(gap(rng_) * 1e9);
            jobs_.push(std::move(job));
          }
          break;
        case Job::Kind::kAgentReply:
          // A reply still thinking when the run stops is never sent. Sent during the drain, it
          // could be acknowledged to its agent between the workers' reports and reach its
          // visitor only after them: a loss that was not one.
          if (stopped_) break;
          SendReply(job.client, job.conversation, job.at);
          break;
        case Job::Kind::kReconnect:
          if (!clients_[static_cast<std::size_t>(job.client)]->conn) Connect(job.client);
          break;
        case Job::Kind::kRetry:
          Flush(*clients_[static_cast<std::size_t>(job.client)]);
          break;
        case Job::Kind::kStepBegins:
          current_step_ = job.step;
          break;
      }
    }
    Arm();
  }

  // --- report ----------------------------------------------------------------------------

  void Report(const std::string& db_path) {
    if (db_path != "-" && !db_path.empty()) {
      sqlite3* db = nullptr;
      if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        counters_["db_checked"] = static_cast<std::int64_t>(acked_records_.size());
        counters_["db_missing"] = config_.protocol->CountMissing(db, acked_records_);
      } else {
        counters_["db_open_failed"] = 1;
      }
      sqlite3_close(db);
    }
    std::string out;
    auto hist = [&](const std::string& name, int step, const Histogram& h) {
      if (h.count())
        out += "hist " + name + " " + std::to_string(step) + " " + h.Serialize() + "\n";
    };
    hist("connect", -1, connect_latency_);
    hist("reconnect", -1, reconnect_latency_);
    for (std::size_t k = 0; k < steps_.size(); ++k) {
      const auto& s = steps_[k];
      const int step = static_cast<int>(k);
      hist("ack", step, s.ack);
      hist("e2e", step, s.e2e);
      hist("e2e_v2a", step, s.e2e_v2a);
      hist("e2e_a2v", step, s.e2e_a2v);
      out += "stepacks " + std::to_string(step) + " " + std::to_string(s.acks) + "\n";
    }
    for (std::size_t k = 0; k < timeline_.size(); ++k) {
      hist("second", static_cast<int>(k), timeline_[k]);
    }
    std::int64_t unacked = 0;
    for (const auto& c : clients_) unacked += static_cast<std::int64_t>(c->unacked.size());
    counters_["unacked_at_end"] = unacked;
    for (const auto& [name, value] : counters_) {
      out += "count " + name + " " + std::to_string(value) + "\n";
    }
    for (int local : visitors_) {
      const Client& c = *clients_[static_cast<std::size_t>(local)];
      out += "vis " + std::to_string(c.index) + " " + std::to_string(c.acked) + " " +
             std::to_string(c.replies_received) + "\n";
    }
    for (int local : agents_) {
      for (const auto& [id, conv] : clients_[static_cast<std::size_t>(local)]->conversations) {
        if (conv.visitor < 0) continue;
        out += "conv " + std::to_string(conv.visitor) + " " + std::to_string(conv.received) + " " +
               std::to_string(conv.reply_acked) + "\n";
      }
    }
    out += "end\n";
    asio::write(control_, asio::buffer(out));
  }

  const WorkerConfig& config_;
  asio::io_context io_;
  asio::posix::stream_descriptor control_;
  asio::streambuf input_;
  asio::steady_timer timer_;
  asio::steady_timer pacer_;
  std::mt19937_64 rng_;
  std::string padding_;

  std::vector<std::unique_ptr<Client>> clients_;
  std::vector<int> visitors_;
  std::vector<int> agents_;

  std::vector<int> connect_group_;
  std::size_t connect_next_ = 0;
  std::size_t connect_done_ = 0;
  std::size_t connect_failed_ = 0;
  int connect_inflight_ = 0;
  std::int64_t connect_began_ = 0;

  std::priority_queue<Job, std::vector<Job>, std::greater<>> jobs_;
  std::uint64_t generation_ = 0;
  double rate_per_visitor_ = 0;
  bool stopped_ = false;
  bool quitting_ = false;
  std::vector<std::int64_t> step_starts_;
  std::vector<Histogram> timeline_;  // e2e latency by intended second since the first step
  int current_step_ = -1;
  std::vector<StepHistograms> steps_;
  Histogram connect_latency_;
  Histogram reconnect_latency_;
  std::map<std::string, std::int64_t> counters_;
  // The counters every message bumps, looked up once: a std::map's references stay valid, and a
  // lookup by name per message was a string construction and a tree walk of string compares.
  std::int64_t& sent_visitor_ = counters_["sent_visitor"];
  std::int64_t& sent_agent_ = counters_["sent_agent"];
  std::int64_t& acked_visitor_ = counters_["acked_visitor"];
  std::int64_t& acked_agent_ = counters_["acked_agent"];
  std::int64_t& received_by_agents_ = counters_["received_by_agents"];
  std::int64_t& received_by_visitors_ = counters_["received_by_visitors"];
  std::vector<AckRecord> acked_records_;
  int error_samples_ = 0;
  int failure_samples_ = 0;

  std::vector<std::string> out_;
  std::vector<Inbound> in_;
};

}  // namespace

int RunWorker(const WorkerConfig& config, int fd) {
  Worker worker(config, fd);
  return worker.Run();
}

}  // namespace kefu::bench
