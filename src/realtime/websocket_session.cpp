#include "realtime/websocket_session.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/container/devector.hpp>
#include <chrono>

#include "auth/identity.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "engine/business_hours.hpp"
#include "engine/profile.hpp"
#include "protocol/frame_parser.hpp"
#include "realtime/offload.hpp"
#include "text/utf8.hpp"

namespace kefu::realtime {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(use_awaitable);

constexpr auto kHelloTimeout = std::chrono::seconds(10);
constexpr std::size_t kHardFrameLimit = 1024 * 1024;
constexpr std::size_t kSyncPage = 500;
// Bounds of one outgoing WebSocket message that carries several frames.
constexpr std::size_t kMaxFramesPerMessage = 256;
constexpr std::size_t kMaxMessageBytes = 256 * 1024;
constexpr std::size_t kSuggestions = 5;
// What a connection's read buffer may keep between messages (see ReadLoop).
constexpr std::size_t kIdleReadBuffer = 64;

// Every coroutine of a session ends here; a failure is logged and ends that session only.
void LogFailure(const std::exception_ptr& failure) {
  log::Uncaught(failure, "ws_session_failed");
}

std::string DefaultVisitorName(const std::string& visitor_id) {
  std::string tail = visitor_id.substr(visitor_id.size() >= 4 ? visitor_id.size() - 4 : 0);
  for (char& c : tail) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "访客 " + tail;
}

// The profile fields a verified identity carries (the user id always; the others when given),
// held to the limits of an agent's edit.
Result<engine::ProfilePatch> ProfileOf(const auth::VerifiedIdentity& identity) {
  engine::ProfilePatch patch;
  patch.user_id = identity.user_id;
  if (!identity.name.empty()) patch.name = identity.name;
  patch.tags = identity.tags;
  patch.phone = identity.phone;
  patch.email = identity.email;
  patch.vip = identity.vip;
  if (identity.attributes) {
    auto& attributes = patch.attributes.emplace();
    for (const auto& [key, value] : *identity.attributes) attributes.push_back({key, value});
  }
  if (auto checked = engine::CheckProfilePatch(patch); !checked) {
    return Fail(ErrorCode::kBadIdentity, "identity " + checked.error().message);
  }
  return patch;
}

class WebSocketSession final : public Subscriber,
                               public Closable,
                               public std::enable_shared_from_this<WebSocketSession> {
 public:
  // The WebSocket runs on the bare socket: its own timeouts (Run) replace tcp_stream's, whose
  // bookkeeping on every read and write (a timer state, a shared implementation, a work guard)
  // is then not paid.
  WebSocketSession(Hub& hub, beast::tcp_stream stream, std::optional<Principal> principal)
      : hub_(hub),
        ws_(Adopt(std::move(stream))),
        principal_(std::move(principal)),
        hello_timer_(ws_.get_executor()),
        limits_(hub.options().limits),
        tokens_(2.0 * limits_.rate_per_second),
        last_refill_(std::chrono::steady_clock::now()) {}

  asio::any_io_executor executor() { return ws_.get_executor(); }

  // The socket's executor is the connection's strand by its own type, not behind
  // any_io_executor: every operation and post copied and dispatched through the type-erased
  // wrapper.
  using Strand = asio::strand<asio::io_context::executor_type>;
  using Socket = asio::basic_stream_socket<asio::ip::tcp, Strand>;
  static Socket Adopt(beast::tcp_stream stream) {
    const auto executor = stream.get_executor();
    const Strand* strand = executor.target<Strand>();
    asio::ip::tcp::socket socket = stream.release_socket();
    boost::system::error_code ignored;
    const auto endpoint = socket.local_endpoint(ignored);  // v4 if it cannot say
    const auto protocol = ignored ? asio::ip::tcp::v4() : endpoint.protocol();
    const auto handle = socket.release();
    if (strand != nullptr) return Socket(*strand, protocol, handle);
    // Not accepted on an io_context strand (the listener's are): a strand of its context.
    auto& context = asio::query(executor, asio::execution::context);
    return Socket(asio::make_strand(static_cast<asio::io_context&>(context)), protocol, handle);
  }

  awaitable<void> Run(beast::http::request<beast::http::string_body> request) {
    // The coroutine frame owns the session for as long as it reads.
    auto self = shared_from_this();
    ws_.set_option(websocket::stream_base::timeout{
        std::chrono::seconds(10), std::chrono::seconds(60), /*keep_alive_pings=*/true});
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "kefu"); }));
    ws_.read_message_max(kHardFrameLimit);
    auto [ec] = co_await ws_.async_accept(request, kTuple);
    // The upgrade request's header fields are heap nodes; the frame would keep them for the
    // whole session.
    request = {};
    if (ec) co_return;
    ws_.text(true);
    auto& counters = hub_.counters();
    counters.connections_open.fetch_add(1);
    counters.connections_total.fetch_add(1);
    hub_.Register(shared_from_this());
    ArmHelloTimer();

    co_await ReadLoop();

    hello_timer_.cancel();
    hub_.Unregister(this);
    counters.connections_open.fetch_sub(1);
    if (runtime_) runtime_->Unsubscribe(this, is_agent_ ? actor_.id : std::string());
  }

  // Subscriber: called on the runtime's strand; hop to ours.
  void OnEvent(std::shared_ptr<const SharedEvent> event) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), event = std::move(event)] {
      self->Deliver([self, event] { self->HandleEvent(event); });
    });
  }
  void OnConversation(const engine::ConversationSnapshot& conversation,
                      std::shared_ptr<const std::string> frame) override {
    asio::post(ws_.get_executor(),
               [self = shared_from_this(), id = conversation.id, frame = std::move(frame)] {
                 self->Deliver([self, id, frame] {
                   self->tracks_.try_emplace(id);
                   self->Send(frame);
                 });
               });
  }
  void OnFrame(std::shared_ptr<const std::string> frame) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), frame = std::move(frame)] {
      self->Deliver([self, frame] { self->Send(frame); });
    });
  }

  void CloseForShutdown() override {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
      self->RequestClose(websocket::close_code::going_away, "server shutting down");
    });
  }

 private:
  // Per-conversation delivery state: what this client has been sent, and events held back while
  // missing ones are fetched from storage.
  struct Track {
    long last_sent = 0;
    bool syncing = false;
    std::vector<std::shared_ptr<const SharedEvent>> held;
  };

  awaitable<void> ReadLoop() {
    beast::flat_buffer buffer;
    for (;;) {
      // An idle connection keeps no read buffer. Beast prepares 1.5 KiB of the caller's buffer
      // before it reads from the socket, and a connection mostly waits: that alone was 14% of
      // a connection's memory (docs/benchmarks.md, S1). So the wait is for a message's first
      // byte, into a buffer of one byte, and only then is the rest of the message read.
      buffer.clear();
      if (buffer.capacity() > kIdleReadBuffer) buffer.shrink_to_fit();
      auto [ec, bytes] = co_await ws_.async_read_some(buffer, 1, kTuple);
      if (!ec && !ws_.is_message_done()) {
        auto [rest_ec, rest] = co_await ws_.async_read(buffer, kTuple);
        ec = rest_ec;
        bytes += rest;
      }
      if (ec == websocket::error::message_too_big) {
        RequestClose(websocket::close_code::too_big, "frame_too_large");
        co_return;
      }
      if (ec) co_return;
      hub_.counters().frames_in.fetch_add(1);
      hub_.counters().bytes_in.fetch_add(bytes);
      if (!ws_.got_text()) {
        SendError(std::nullopt, {ErrorCode::kBadFrame, "binary frames are not supported"});
        continue;
      }
      if (bytes > limits_.max_frame_bytes) {
        SendError(std::nullopt, {ErrorCode::kFrameTooLarge,
                                 "frame is " + std::to_string(bytes) + " bytes; the limit is " +
                                     std::to_string(limits_.max_frame_bytes)});
        continue;
      }
      const auto data = buffer.cdata();
      auto hello =
          HandleFrame(std::string_view(static_cast<const char*>(data.data()), data.size()));
      if (hello) co_await HandleHello(std::move(*hello));
      if (close_) co_return;
    }
  }

  // Handles one frame at once, except a hello, which it returns for the caller to await: the
  // only frame whose handling waits (for the tenant, for a snapshot). Not a coroutine: a frame
  // allocated and resumed for every message was part of what a message cost.
  std::optional<protocol::Hello> HandleFrame(std::string_view text) {
    auto parsed = protocol::ParseClientFrame(text);
    if (!parsed.frame) {
      SendError(parsed.id, parsed.frame.error());
      return std::nullopt;
    }
    auto& frame = *parsed.frame;
    if (std::holds_alternative<protocol::Ping>(frame)) {
      Send(std::make_shared<const std::string>(protocol::PongFrame(hub_.clock().Now())));
      return std::nullopt;
    }
    if (auto* hello = std::get_if<protocol::Hello>(&frame)) {
      if (hello_started_) {
        SendError(parsed.id, {ErrorCode::kAlreadyHello, "hello was already sent"});
        return std::nullopt;
      }
      hello_started_ = true;
      hello_timer_.cancel();
      return std::move(*hello);
    }
    if (!welcomed_) {
      SendError(parsed.id, {ErrorCode::kHelloRequired, "send hello first"});
      return std::nullopt;
    }
    if (hub_.shutting_down()) {
      SendError(parsed.id, {ErrorCode::kUnavailable, "the server is shutting down; retry"});
      return std::nullopt;
    }
    if (!TakeToken()) {
      SendError(parsed.id,
                {ErrorCode::kRateLimited, "more than " + std::to_string(limits_.rate_per_second) +
                                              " commands per second; retry later"});
      return std::nullopt;
    }
    std::visit([&](auto& command) { Dispatch(command); }, frame);
    return std::nullopt;
  }

  awaitable<void> HandleHello(protocol::Hello hello) {
    if (hello.role == protocol::Hello::Role::kAgent) {
      co_await AgentHello(std::move(hello));
    } else {
      co_await VisitorHello(std::move(hello));
    }
  }

  awaitable<void> AgentHello(protocol::Hello hello) {
    if (!principal_) {
      SendError(std::nullopt, {ErrorCode::kUnauthorized, "sign in first: no valid session"});
      RequestClose(websocket::close_code::policy_error, "unauthorized");
      co_return;
    }
    auto runtime =
        co_await Offload(hub_.blocking(), [&] { return hub_.Runtime(principal_->tenant_id); });
    if (!runtime) {
      SendError(std::nullopt, runtime.error());
      RequestClose(websocket::close_code::try_again_later, "unavailable");
      co_return;
    }
    runtime_ = *runtime;
    tenant_id_ = principal_->tenant_id;
    is_agent_ = true;
    actor_ = engine::Actor{engine::AuthorRole::kAgent, principal_->user_id, principal_->name,
                           principal_->role};
    using Snapshot =
        std::pair<std::optional<engine::AgentSnapshot>, std::vector<engine::ConversationSnapshot>>;
    // Named, not a temporary inside the co_await expression: GCC 12 destroys such temporaries
    // twice, which here would release the session's shared_ptr once too often.
    auto subscribe = [self = shared_from_this()](auto callback) {
      const auto role = self->principal_->role;
      self->runtime_->SubscribeAgent(
          self->actor_.id, role == engine::Role::kSupervisor || role == engine::Role::kAdmin, self,
          [callback = std::move(callback)](auto agent, auto conversations) mutable {
            callback(Snapshot{std::move(agent), std::move(conversations)});
          });
    };
    auto snapshot = co_await Await<Snapshot>(std::move(subscribe));
    if (!snapshot.first) {
      SendError(std::nullopt, {ErrorCode::kUnauthorized, "this account no longer exists"});
      RequestClose(websocket::close_code::policy_error, "unauthorized");
      co_return;
    }
    Send(std::make_shared<const std::string>(
        protocol::AgentWelcomeFrame(*snapshot.first, snapshot.second, limits_)));
    Welcome(snapshot.second, hello.resume);
  }

  struct Prepared {
    std::shared_ptr<TenantRuntime> runtime;
    std::string visitor_id;
    std::string visitor_name;
    std::string queue_id;
    bool bot_first = false;
    std::vector<engine::ConversationSnapshot> recent;
    std::shared_ptr<Knowledge> knowledge;
    std::optional<protocol::QueueIntro> queue;
    std::vector<std::string> tags;
    std::optional<Error> identity_error;
    // A returning visitor prepared on the I/O thread: their name and conversations are to come
    // from the runtime's memory (TenantRuntime::WelcomeFromMemory).
    bool from_memory = false;
    // What the runtime may remember of this visitor for their next welcome (not for verified
    // identities, whose profile the site may change with every visit).
    std::optional<TenantRuntime::Remember> remember;
  };

  // What a visitor's welcome needs: the tenant, who the visitor is, the queue, the bot and the
  // recent conversations. With `cached_only` it runs on this I/O thread and gives up (nullopt)
  // as soon as an answer would need the database; otherwise it runs on the blocking pool and
  // always answers. A new anonymous visitor of a loaded tenant needs nothing from the database
  // (the visitor row is a write, queued), so first visits and bursts of them skip the pool; a
  // returning one (a page load, a reconnect) is left `from_memory` for the tenant's runtime,
  // which remembers the visitors it welcomed.
  std::optional<Result<Prepared>> Prepare(const protocol::Hello& hello, bool cached_only) {
    std::optional<storage::TenantRecord> tenant;
    if (cached_only) {
      tenant = hub_.CachedTenantBySlug(hello.tenant);
      if (!tenant) return std::nullopt;
    } else {
      auto found = hub_.TenantBySlug(hello.tenant);
      if (!found) return Result<Prepared>(Unexpected{found.error()});
      if (!*found) {
        return Result<Prepared>(
            Fail(ErrorCode::kUnknownTenant, "no tenant '" + hello.tenant + "'"));
      }
      tenant = std::move(*found);
    }
    Prepared p;
    std::optional<engine::ProfilePatch> identity_patch;
    const auto& tenant_id = tenant->id;
    auto& store = hub_.store();
    // A verified identity makes the customer the same on every device; an anonymous token
    // the same in this browser.
    if (!hello.identity.empty()) {
      if (cached_only) return std::nullopt;
      auto secret = store.FindIdentitySecret(tenant_id);
      if (!secret) return Result<Prepared>(Unexpected{secret.error()});
      auto verified =
          auth::VerifyIdentity(hello.identity, secret->value_or(std::string()), hub_.clock().Now());
      // What the site says goes into the customer's profile; what it leaves out keeps the
      // agents' values. Tags are also trusted for routing (priority rules).
      auto patch = verified ? ProfileOf(*verified)
                            : Result<engine::ProfilePatch>(Unexpected{verified.error()});
      if (patch) {
        p.visitor_id = auth::StableId("vu_", tenant_id + "\n" + verified->user_id);
        p.visitor_name = verified->name;
        if (p.visitor_name.empty()) {
          auto record = store.FindVisitor(tenant_id, p.visitor_id);
          p.visitor_name = record && *record ? (*record)->name : DefaultVisitorName(p.visitor_id);
        }
        p.tags = std::move(verified->tags);
        identity_patch = std::move(*patch);  // written once the runtime is at hand
      } else {
        p.identity_error = patch.error();
      }
    }
    bool returning = false;  // an anonymous visitor's token: the row has the name
    if (p.visitor_id.empty()) {
      auto identity = hub_.signer().VerifyVisitor(hello.visitor_token);
      if (identity && identity->tenant_id == tenant_id) {
        p.visitor_id = identity->visitor_id;
        returning = true;
        p.from_memory = cached_only;
      }
    }
    std::optional<std::vector<engine::QueueInfo>> queues;
    if (cached_only) {
      queues = hub_.CachedQueuesOf(tenant_id);
      if (!queues) return std::nullopt;
    } else {
      auto listed = hub_.QueuesOf(tenant_id);
      if (!listed) return Result<Prepared>(Unexpected{listed.error()});
      queues = std::move(*listed);
    }
    if (queues->empty()) {
      return Result<Prepared>(Fail(ErrorCode::kUnavailable, "this tenant has no queue"));
    }
    // The bot's models (the jieba dictionary alone is tens of MiB) are loaded only for
    // tenants that use it. Without its knowledge base the bot hands every conversation to a
    // person: a broken bot must not keep customers from being served.
    // Tenants without a bot-first queue but with a knowledge base get self-service while
    // their customers wait.
    const bool uses_bot =
        std::any_of(queues->begin(), queues->end(), [](const auto& q) { return q.bot_first; });
    if (cached_only) {
      auto knowledge = hub_.CachedKnowledge(tenant_id, uses_bot);
      if (!knowledge) return std::nullopt;
      p.knowledge = std::move(*knowledge);
    } else if (auto knowledge =
                   uses_bot ? hub_.KnowledgeOf(tenant_id) : hub_.KnowledgeIfAny(tenant_id)) {
      p.knowledge = std::move(*knowledge);
    } else {
      log::Error("event=knowledge_unavailable tenant={} error=\"{}\"", tenant_id,
                 knowledge.error().message);
    }
    if (cached_only) {
      auto runtime = hub_.CachedRuntime(tenant_id);
      if (!runtime) return std::nullopt;
      p.runtime = std::move(*runtime);
    } else {
      auto runtime = hub_.Runtime(tenant_id);
      if (!runtime) return Result<Prepared>(Unexpected{runtime.error()});
      p.runtime = std::move(*runtime);
    }
    // Nothing below gives up any more: the visitor row may be written.
    const bool verified = identity_patch.has_value();
    if (identity_patch) {
      // Once the row holds what the site said, a welcome from memory would be stale.
      store.PatchVisitorProfile(tenant_id, p.visitor_id, *identity_patch, hub_.clock().Now(),
                                std::nullopt, p.visitor_name,
                                [runtime = p.runtime, visitor_id = p.visitor_id](Result<void>) {
                                  runtime->ForgetVisitor(visitor_id);
                                });
    }
    // Read before the database is: what the runtime is told to remember must not be older than
    // what it learnt meanwhile.
    const std::uint64_t generation = p.runtime->memo_generation();
    if (returning && !p.from_memory) {
      auto record = store.FindVisitor(tenant_id, p.visitor_id);
      if (record && *record) p.visitor_name = (*record)->name;
    }
    const bool known = !p.visitor_name.empty() || p.from_memory;
    const bool fresh = p.visitor_id.empty();  // a new id has no conversations to look up
    if (fresh) p.visitor_id = NewId("v");
    if (!known) {
      p.visitor_name = hello.name.empty() ? DefaultVisitorName(p.visitor_id) : hello.name;
      store.CreateVisitor({tenant_id, p.visitor_id, p.visitor_name, hub_.clock().Now()},
                          [](Result<void>) {});
    }
    const engine::QueueInfo* chosen = &queues->front();
    for (const auto& queue : *queues) {
      if (queue.slug == hello.queue) chosen = &queue;
    }
    p.queue_id = chosen->id;
    p.bot_first = chosen->bot_first;
    protocol::QueueIntro intro{chosen->id, chosen->slug, chosen->name, true, std::nullopt};
    if (chosen->routing.hours) {
      const Millis now = hub_.clock().Now();
      intro.open = engine::IsOpen(*chosen->routing.hours, now);
      if (!intro.open) intro.opens_at = engine::NextOpening(*chosen->routing.hours, now);
    }
    p.queue = std::move(intro);
    if (!fresh && !p.from_memory) {
      auto recent = store.VisitorConversations(tenant_id, p.visitor_id, kWelcomeHistory);
      if (!recent) return Result<Prepared>(Unexpected{recent.error()});
      p.recent = std::move(*recent);
    }
    if (!verified && !p.from_memory) {
      p.remember = TenantRuntime::Remember{p.visitor_name, generation};
    }
    return Result<Prepared>(std::move(p));
  }

  awaitable<void> VisitorHello(protocol::Hello hello) {
    std::optional<Result<Prepared>> ready = Prepare(hello, /*cached_only=*/true);
    std::optional<TenantRuntime::Remembered> remembered;
    if (ready && *ready && (*ready)->from_memory) {
      // Named for the same reason as in AgentHello.
      auto recall = [self = shared_from_this(), runtime = (*ready)->runtime,
                     id = (*ready)->visitor_id](auto callback) {
        runtime->WelcomeFromMemory(id, self, std::move(callback));
      };
      remembered = co_await Await<std::optional<TenantRuntime::Remembered>>(std::move(recall));
      if (!remembered) ready.reset();
    }
    auto& counters = hub_.counters();
    if (!ready) {
      // Everything that touches the database happens in one trip to the blocking pool.
      ready = co_await Offload(hub_.blocking(), [&] { return *Prepare(hello, false); });
      counters.visitor_welcomes_from_storage.fetch_add(1);
    } else if (remembered) {
      counters.visitor_welcomes_from_memory.fetch_add(1);
      (*ready)->visitor_name = std::move(remembered->name);
    }
    auto& prepared = *ready;
    if (!prepared) {
      SendError(std::nullopt, prepared.error());
      const bool unknown = prepared.error().code == ErrorCode::kUnknownTenant;
      RequestClose(
          unknown ? websocket::close_code::policy_error : websocket::close_code::try_again_later,
          unknown ? "unknown_tenant" : "unavailable");
      co_return;
    }
    runtime_ = prepared->runtime;
    tenant_id_ = runtime_->tenant().id;
    queue_id_ = prepared->queue_id;
    knowledge_ = prepared->knowledge;
    actor_ = engine::Actor{
        engine::AuthorRole::kVisitor,
        prepared->visitor_id,
        hello.name.empty() || !prepared->tags.empty() ? prepared->visitor_name : hello.name,
        {},
        std::move(prepared->tags)};
    std::optional<engine::ConversationSnapshot> open;
    std::vector<engine::ConversationSnapshot> conversations;
    if (remembered) {
      open = std::move(remembered->open);  // already subscribed
      conversations = std::move(remembered->recent);
    } else {
      std::vector<std::string> ids;
      for (const auto& c : prepared->recent) ids.push_back(c.id);
      // Named for the same reason as in AgentHello.
      auto subscribe = [self = shared_from_this(), ids,
                        remember = std::move(prepared->remember)](auto callback) mutable {
        self->runtime_->SubscribeVisitor(self->actor_.id, self, ids, std::move(remember),
                                         std::move(callback));
      };
      open = co_await Await<std::optional<engine::ConversationSnapshot>>(std::move(subscribe));
      conversations = std::move(prepared->recent);
    }
    // The engine's view of the open conversation is the freshest; the database's for the rest.
    if (open) {
      std::erase_if(conversations, [&](const auto& c) { return c.id == open->id; });
      conversations.push_back(*open);
    }
    // The bot introduces itself when the visitor's conversation is (or will start) with it.
    std::optional<protocol::BotIntro> intro;
    const bool with_bot =
        open ? open->state == engine::ConversationState::kBot : prepared->bot_first;
    if (knowledge_ && with_bot) intro = knowledge_->Intro();
    std::optional<protocol::SelfServiceIntro> self_service;
    if (knowledge_) self_service = knowledge_->SelfService();
    Send(std::make_shared<const std::string>(protocol::VisitorWelcomeFrame(
        actor_.id, actor_.name, hub_.signer().SignVisitor({tenant_id_, actor_.id}), conversations,
        limits_, intro, prepared->queue, self_service)));
    Welcome(conversations, hello.resume);
    if (prepared->identity_error) SendError(std::nullopt, *prepared->identity_error);
  }

  // After the welcome frame: replay what each listed conversation's client has not seen, then
  // whatever arrived live in the meantime.
  void Welcome(const std::vector<engine::ConversationSnapshot>& conversations,
               const std::map<std::string, long>& resume) {
    welcomed_ = true;
    for (const auto& c : conversations) {
      auto it = resume.find(c.id);
      Track& track = tracks_[c.id];
      track.last_sent = it == resume.end() ? 0 : it->second;
      if (c.last_seq > track.last_sent) StartSync(c.id);
    }
    auto early = std::move(early_);
    for (auto& deliver : early) deliver();
  }

  void Deliver(std::function<void()> deliver) {
    if (close_) return;
    if (!welcomed_) {
      early_.push_back(std::move(deliver));
      return;
    }
    deliver();
  }

  void HandleEvent(const std::shared_ptr<const SharedEvent>& event) {
    Track& track = tracks_[event->conversation_id];
    if (track.syncing) {
      track.held.push_back(event);
      return;
    }
    if (event->seq <= track.last_sent) return;  // already sent: never twice
    if (event->seq == track.last_sent + 1) {
      track.last_sent = event->seq;
      Send(std::shared_ptr<const std::string>(event, &event->frame));
      return;
    }
    // A gap (a conversation newly assigned to this agent, say): everything published is
    // durable, so the missing events are in the database.
    track.held.push_back(event);
    StartSync(event->conversation_id);
  }

  void StartSync(const std::string& conversation_id) {
    Track& track = tracks_[conversation_id];
    if (track.syncing) return;
    track.syncing = true;
    asio::co_spawn(ws_.get_executor(), Sync(shared_from_this(), conversation_id), LogFailure);
  }

  static awaitable<void> Sync(std::shared_ptr<WebSocketSession> self, std::string conversation_id) {
    self->hub_.counters().resume_fetches.fetch_add(1);
    for (;;) {
      const long after = self->tracks_[conversation_id].last_sent;
      auto events = co_await Offload(self->hub_.blocking(), [&] {
        return self->hub_.store().EventsAfter(self->tenant_id_, conversation_id, after, kSyncPage);
      });
      if (!events) {
        // Better a reconnect (and a resume) than a silent gap.
        self->RequestClose(websocket::close_code::try_again_later, "unavailable");
        co_return;
      }
      Track& track = self->tracks_[conversation_id];
      for (const auto& event : *events) {
        if (event.seq != track.last_sent + 1) continue;
        track.last_sent = event.seq;
        self->Send(std::make_shared<const std::string>(protocol::EventFrame(event)));
      }
      if (events->size() < kSyncPage) break;
    }
    Track& track = self->tracks_[conversation_id];
    track.syncing = false;
    auto held = std::move(track.held);
    std::sort(held.begin(), held.end(),
              [](const auto& a, const auto& b) { return a->seq < b->seq; });
    for (const auto& event : held) self->HandleEvent(event);
  }

  // Commands. Replies come back on the runtime's strand; they hop to ours to write.
  void Dispatch(protocol::Hello&) {}
  void Dispatch(protocol::Ping&) {}

  void Dispatch(protocol::SendCommand& send) {
    engine::SendMessage command{actor_,
                                send.id,
                                send.conversation,
                                std::move(send.text),
                                is_agent_ ? std::string() : NewId("c"),
                                queue_id_};
    // The bot's turn is computed on the tenant's strand, against the engine's current state,
    // and handed to the engine as input.
    runtime_->Execute(
        [command = std::move(command), knowledge = knowledge_,
         &clock = hub_.clock()](engine::TenantEngine& engine) {
          std::optional<engine::BotTurn> turn;
          if (knowledge) {
            if (auto context = engine.BotContextFor(command)) {
              turn = knowledge->Respond(command.text, *context, clock.Now());
            }
          }
          return engine.Send(command, turn);
        },
        AckReply(send.id, /*message=*/true));
  }

  void Dispatch(protocol::HandoffCommand& handoff) {
    if (is_agent_) {
      SendError(handoff.id, {ErrorCode::kForbidden, "only visitors ask for a person"});
      return;
    }
    engine::RequestHuman command{actor_, handoff.id, handoff.conversation, DefaultBot().name, {}};
    if (knowledge_) {
      command.bot_name = knowledge_->bot_name();
      command.notice = knowledge_->TransferNotice("visitor_button");
    } else {
      command.notice = {
          DefaultBot().transfer_notice,
          engine::BotReply{engine::BotReplyKind::kTransfer, {}, {}, 0, {}, "visitor_button", {}}};
    }
    runtime_->Execute([command = std::move(command)](
                          engine::TenantEngine& engine) { return engine.Handoff(command); },
                      AckReply(handoff.id, false));
  }

  void Dispatch(protocol::RateCommand& rate) {
    if (is_agent_) {
      SendError(rate.id, {ErrorCode::kForbidden, "only visitors rate answers"});
      return;
    }
    asio::co_spawn(ws_.get_executor(), Rate(shared_from_this(), std::move(rate)), LogFailure);
  }

  // A rating names a bot answer by its seq: the answer's entry comes from the stored event.
  static awaitable<void> Rate(std::shared_ptr<WebSocketSession> self, protocol::RateCommand rate) {
    auto events = co_await Offload(self->hub_.blocking(), [&] {
      return self->hub_.store().EventsAfter(self->tenant_id_, rate.conversation, rate.seq - 1, 1);
    });
    if (!events) {
      self->SendError(rate.id, events.error());
      co_return;
    }
    if (events->empty() || events->front().seq != rate.seq || !events->front().bot ||
        events->front().bot->kind != engine::BotReplyKind::kAnswer) {
      self->SendError(rate.id, {ErrorCode::kNotFound, "no bot answer with this seq"});
      co_return;
    }
    engine::RateAnswer command{
        self->actor_, rate.id,           rate.conversation, rate.seq, events->front().bot->entry_id,
        rate.helpful, DefaultBot().name, std::nullopt};
    if (self->knowledge_) {
      command.bot_name = self->knowledge_->bot_name();
      command.offer = self->knowledge_->NotHelpfulOffer();
    }
    self->runtime_->Execute([command = std::move(command)](
                                engine::TenantEngine& engine) { return engine.Rate(command); },
                            self->AckReply(rate.id, false));
  }

  void Dispatch(protocol::SuggestCommand& suggest) {
    if (is_agent_) {
      SendError(suggest.id, {ErrorCode::kForbidden, "suggestions are for visitors"});
      return;
    }
    if (text::CodePointCount(suggest.text) > protocol::kMaxSuggestChars) {
      SendError(suggest.id, {ErrorCode::kBadFrame, "'text' has more than " +
                                                       std::to_string(protocol::kMaxSuggestChars) +
                                                       " characters"});
      return;
    }
    std::vector<protocol::SuggestionItem> items;
    if (knowledge_) items = knowledge_->Suggest(suggest.text, hub_.clock().Now(), kSuggestions);
    Send(std::make_shared<const std::string>(protocol::SuggestionsFrame(suggest.id, items)));
  }

  void Dispatch(protocol::TypingCommand& typing) {
    if (is_agent_) {
      SendError(typing.id, {ErrorCode::kForbidden, "only visitors' drafts are previewed"});
      return;
    }
    if (text::CodePointCount(typing.text) > protocol::kMaxTypingChars) {
      SendError(typing.id, {ErrorCode::kBadFrame, "'text' has more than " +
                                                      std::to_string(protocol::kMaxTypingChars) +
                                                      " characters"});
      return;
    }
    runtime_->Typing(actor_.id, std::move(typing.text));
  }

  static const bot::BotSettings& DefaultBot() {
    static const bot::BotSettings defaults;
    return defaults;
  }

  void Dispatch(protocol::CloseCommand& close) {
    engine::CloseConversation command{actor_, close.id, close.conversation,
                                      std::move(close.classification), std::move(close.summary)};
    runtime_->Execute([command = std::move(command)](
                          engine::TenantEngine& engine) { return engine.Close(command); },
                      AckReply(close.id, false));
  }

  void Dispatch(protocol::ReadCommand& read) {
    if (!is_agent_) {
      SendError(read.id, {ErrorCode::kForbidden, "only agents mark messages read"});
      return;
    }
    runtime_->Execute([command = engine::MarkRead{actor_, read.conversation, read.seq}](
                          engine::TenantEngine& engine) { return engine.Read(command); },
                      AckReply(read.id, false));
  }

  bool IsSupervisor() const {
    return is_agent_ && (actor_.staff_role == engine::Role::kSupervisor ||
                         actor_.staff_role == engine::Role::kAdmin);
  }

  void Dispatch(protocol::TransferCommand& transfer) {
    if (!is_agent_) {
      SendError(transfer.id, {ErrorCode::kForbidden, "only staff transfer conversations"});
      return;
    }
    if (text::CodePointCount(transfer.note) > protocol::kMaxNoteChars) {
      SendError(transfer.id, {ErrorCode::kTextTooLong, "the note is longer than 500 characters"});
      return;
    }
    engine::TransferConversation command{actor_,         transfer.id,    transfer.conversation,
                                         transfer.agent, transfer.queue, transfer.note};
    runtime_->Execute([command = std::move(command)](
                          engine::TenantEngine& engine) { return engine.Transfer(command); },
                      AckReply(transfer.id, false));
  }

  void Dispatch(protocol::LeaveMessageCommand& leave) {
    if (is_agent_) {
      SendError(leave.id, {ErrorCode::kForbidden, "messages are left by visitors"});
      return;
    }
    auto too_long = [&](const std::string& s, std::size_t max) {
      return text::CodePointCount(s) > max;
    };
    auto blank = [](const std::string& s) {
      return s.find_first_not_of(" \t\r\n") == std::string::npos;
    };
    if (blank(leave.contact) || too_long(leave.contact, protocol::kMaxContactChars) ||
        blank(leave.text) || too_long(leave.text, protocol::kMaxLeftTextChars) ||
        too_long(leave.name, protocol::kMaxLeftNameChars)) {
      SendError(leave.id, {ErrorCode::kBadFrame,
                           "contact (1-100 characters) and text (1-2000) are required; name is "
                           "at most 50"});
      return;
    }
    asio::co_spawn(ws_.get_executor(), LeaveMessage(shared_from_this(), std::move(leave)),
                   LogFailure);
  }

  static awaitable<void> LeaveMessage(std::shared_ptr<WebSocketSession> self,
                                      protocol::LeaveMessageCommand leave) {
    auto queues = co_await Offload(self->hub_.blocking(),
                                   [&] { return self->hub_.QueuesOf(self->tenant_id_); });
    if (!queues) {
      self->SendError(leave.id, queues.error());
      co_return;
    }
    storage::LeftMessage message;
    message.tenant_id = self->tenant_id_;
    // The same command retried is the same message.
    message.id = auth::StableId("lm_", self->actor_.id + "\n" + leave.id);
    for (const auto& queue : *queues) {
      if (queue.id == self->queue_id_ || (!leave.queue.empty() && queue.slug == leave.queue)) {
        message.queue = engine::Ref{queue.id, queue.name};
        if (queue.slug == leave.queue) break;
      }
    }
    message.visitor = engine::Ref{self->actor_.id, self->actor_.name};
    message.name = leave.name;
    message.contact = leave.contact;
    message.text = leave.text;
    message.at = self->hub_.clock().Now();
    self->hub_.store().AddLeftMessage(
        message, [self, id = leave.id, message_id = message.id](Result<void> done) {
          asio::post(self->ws_.get_executor(), [self, id, message_id, done] {
            if (!done) {
              self->SendError(id, done.error());
              return;
            }
            self->Send(std::make_shared<const std::string>(boost::json::serialize(
                boost::json::object{{"type", "ack"}, {"id", id}, {"message", message_id}})));
          });
        });
  }

  void Dispatch(protocol::StatusCommand& status) {
    if (!is_agent_) {
      SendError(status.id, {ErrorCode::kForbidden, "only agents have a status"});
      return;
    }
    if (!status.agent.empty() && status.agent != actor_.id && !IsSupervisor()) {
      SendError(status.id, {ErrorCode::kForbidden, "only supervisors set another agent's status"});
      return;
    }
    const std::string target = status.agent.empty() ? actor_.id : status.agent;
    auto self = shared_from_this();
    runtime_->Execute(
        [agent_id = target, value = status.status](engine::TenantEngine& engine) {
          return engine.SetStatus(agent_id, value);
        },
        [self, id = status.id, value = status.status](Result<engine::Outcome> outcome) {
          asio::post(self->ws_.get_executor(), [self, id, value, outcome = std::move(outcome)] {
            if (!outcome) {
              self->SendError(id, outcome.error());
            } else {
              self->Send(std::make_shared<const std::string>(protocol::StatusAckFrame(id, value)));
            }
          });
        });
  }

  TenantRuntime::Reply AckReply(std::string id, bool message) {
    return [self = shared_from_this(), id = std::move(id), message,
            received = std::chrono::steady_clock::now()](Result<engine::Outcome> outcome) {
      asio::post(
          self->ws_.get_executor(), [self, id, message, received, outcome = std::move(outcome)] {
            if (!outcome) {
              self->SendError(id, outcome.error());
              return;
            }
            if (message) {
              auto& counters = self->hub_.counters();
              counters.messages_acked.fetch_add(1);
              counters.ack_latency.Record(
                  static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                 std::chrono::steady_clock::now() - received)
                                                 .count()));
            }
            self->Send(std::make_shared<const std::string>(protocol::AckFrame(id, outcome->ack)));
          });
    };
  }

  bool TakeToken() {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - last_refill_).count();
    last_refill_ = now;
    const double burst = 2.0 * limits_.rate_per_second;
    tokens_ = std::min(burst, tokens_ + elapsed * limits_.rate_per_second);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

  void ArmHelloTimer() {
    hello_timer_.expires_after(kHelloTimeout);
    hello_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->hello_started_) return;
      self->RequestClose(websocket::close_code::policy_error, "hello_timeout");
    });
  }

  void SendError(const std::optional<std::string>& id, const Error& error) {
    hub_.counters().error_frames.fetch_add(1);
    Send(std::make_shared<const std::string>(protocol::ErrorFrame(id, error)));
  }

  // Queues a frame. Frames go out in the order queued; a client that cannot keep up is
  // disconnected (it will resume) rather than allowed to grow our memory without bound.
  void Send(std::shared_ptr<const std::string> frame) {
    if (close_) return;
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    if (queued_bytes_ > hub_.options().max_write_queue_bytes) {
      queue_.clear();
      queued_bytes_ = 0;
      RequestClose(websocket::close_code::try_again_later, "slow_consumer");
      return;
    }
    StartWriting();
  }

  void RequestClose(websocket::close_code code, std::string_view reason) {
    if (close_) return;
    close_ = websocket::close_reason(code, reason);
    StartWriting();
  }

  // The write starts from the strand's queue, not inline: what is already queued behind this
  // handler (a committed message's event and its ack reach the sender as two handlers posted
  // back to back) joins the first WebSocket message, one send instead of two.
  void StartWriting() {
    if (writing_) return;
    writing_ = true;
    asio::post(ws_.get_executor(), [self = shared_from_this()] { self->WriteNext(); });
  }

  // Writes what is queued. Frames queued while a write is in flight leave together in the next
  // WebSocket message, separated by newlines: under load one send carries many frames (an ack
  // and its event, a burst of events for an agent), which is what a message costs least with.
  // A chain of completion handlers, not a coroutine: spawning one for every burst of writes
  // (a frame, an awaitable thread, a dispatch) was a good part of what a send cost.
  void WriteNext() {
    static constexpr char kSeparator = '\n';
    write_batch_.clear();
    write_buffers_.clear();
    if (queue_.empty()) return FinishWriting();
    std::size_t batch_bytes = 0;
    while (!queue_.empty() && write_batch_.size() < kMaxFramesPerMessage &&
           (write_batch_.empty() || batch_bytes + queue_.front()->size() <= kMaxMessageBytes)) {
      batch_bytes += queue_.front()->size();
      write_batch_.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    queued_bytes_ -= batch_bytes;
    for (const auto& frame : write_batch_) {
      if (!write_buffers_.empty()) write_buffers_.emplace_back(&kSeparator, 1);
      write_buffers_.emplace_back(asio::buffer(*frame));
    }
    ws_.async_write(write_buffers_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                      self->Written(ec, bytes);
                    });
  }

  void Written(beast::error_code ec, std::size_t bytes) {
    if (ec) {
      queue_.clear();
      queued_bytes_ = 0;
      write_batch_ = {};
      write_buffers_ = {};
      writing_ = false;
      return;
    }
    auto& counters = hub_.counters();
    counters.frames_out.fetch_add(write_batch_.size());
    counters.messages_out.fetch_add(1);
    counters.bytes_out.fetch_add(bytes);
    WriteNext();
  }

  // The queue is empty: the batch's memory goes (most connections are idle most of the time),
  // and a requested close is sent.
  void FinishWriting() {
    write_batch_ = {};
    write_buffers_ = {};
    if (close_ && !close_sent_) {
      close_sent_ = true;
      ws_.async_close(*close_,
                      [self = shared_from_this()](beast::error_code) { self->writing_ = false; });
      return;
    }
    writing_ = false;
  }

  Hub& hub_;
  websocket::stream<Socket> ws_;
  std::optional<Principal> principal_;
  asio::steady_timer hello_timer_;
  protocol::Limits limits_;

  bool hello_started_ = false;
  bool welcomed_ = false;
  bool is_agent_ = false;
  std::shared_ptr<TenantRuntime> runtime_;
  std::string tenant_id_;
  std::string queue_id_;
  std::shared_ptr<Knowledge> knowledge_;  // visitors: the tenant's bot, if it could be loaded
  engine::Actor actor_;
  std::unordered_map<std::string, Track> tracks_;
  std::vector<std::function<void()>> early_;

  double tokens_;
  std::chrono::steady_clock::time_point last_refill_;

  // Unlike std::deque, allocates nothing while empty, which is how most connections spend their
  // time.
  boost::container::devector<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  // The WebSocket message in flight: its frames and their buffers (with separators).
  std::vector<std::shared_ptr<const std::string>> write_batch_;
  std::vector<asio::const_buffer> write_buffers_;
  std::optional<websocket::close_reason> close_;
  bool close_sent_ = false;
};

}  // namespace

void RunWebSocketSession(Hub& hub, beast::tcp_stream stream,
                         beast::http::request<beast::http::string_body> request,
                         std::optional<Principal> principal) {
  auto session = std::make_shared<WebSocketSession>(hub, std::move(stream), std::move(principal));
  asio::co_spawn(session->executor(), session->Run(std::move(request)),
                 [session](std::exception_ptr e) { LogFailure(e); });
}

}  // namespace kefu::realtime
