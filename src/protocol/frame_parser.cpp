#include "protocol/frame_parser.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/ids.hpp"

namespace kefu::protocol {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxShortString = 256;

// Field readers: each returns the value or an error naming the field.
Result<std::string> RequiredString(const json::object& o, std::string_view key,
                                   std::size_t max_bytes = kMaxShortString) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return Fail(ErrorCode::kBadFrame, "missing field '" + std::string(key) + "'");
  if (!v->is_string()) {
    return Fail(ErrorCode::kBadFrame, "field '" + std::string(key) + "' must be a string");
  }
  const auto& s = v->get_string();
  if (s.size() > max_bytes) {
    return Fail(ErrorCode::kBadFrame, "field '" + std::string(key) + "' is too long");
  }
  return std::string(s);
}

Result<std::string> OptionalString(const json::object& o, std::string_view key,
                                   std::size_t max_bytes = kMaxShortString) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  return RequiredString(o, key, max_bytes);
}

Result<std::string> CommandId(const json::object& o) {
  auto id = RequiredString(o, "id");
  if (!id) return id;
  if (!IsPlainKey(*id)) {
    return Fail(ErrorCode::kBadFrame,
                "'id' must be 1-64 printable ASCII characters without spaces");
  }
  return id;
}

Result<std::string> ConversationId(const json::object& o) {
  auto id = RequiredString(o, "conversation");
  if (!id) return id;
  if (!IsPlainKey(*id)) return Fail(ErrorCode::kBadFrame, "'conversation' is malformed");
  return id;
}

Result<long> NonNegativeInteger(const json::value& v, std::string_view what) {
  if (v.is_int64() && v.get_int64() >= 0) return static_cast<long>(v.get_int64());
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<long>(v.get_uint64());
  }
  return Fail(ErrorCode::kBadFrame, std::string(what) + " must be a non-negative integer");
}

// A command about one event: its conversation and sequence number.
Result<std::pair<std::string, long>> ConversationAndSeq(const json::object& o) {
  auto conversation = ConversationId(o);
  if (!conversation) return Unexpected{conversation.error()};
  const json::value* seq = o.if_contains("seq");
  if (seq == nullptr) return Fail(ErrorCode::kBadFrame, "missing field 'seq'");
  auto value = NonNegativeInteger(*seq, "'seq'");
  if (!value) return Unexpected{value.error()};
  return std::pair{std::move(*conversation), *value};
}

Result<ClientFrame> ParseHello(const json::object& o) {
  Hello hello;
  auto role = RequiredString(o, "role");
  if (!role) return Unexpected{role.error()};
  if (*role == "visitor") {
    hello.role = Hello::Role::kVisitor;
    auto tenant = RequiredString(o, "tenant", 64);
    if (!tenant) return Unexpected{tenant.error()};
    hello.tenant = *tenant;
    auto token = OptionalString(o, "visitor_token");
    auto name = OptionalString(o, "name", 64);
    auto queue = OptionalString(o, "queue", 64);
    auto identity = OptionalString(o, "identity", kMaxIdentityBytes);
    for (auto* r : {&token, &name, &queue, &identity}) {
      if (!*r) return Unexpected{r->error()};
    }
    hello.visitor_token = *token;
    hello.name = *name;
    hello.queue = *queue;
    hello.identity = *identity;
  } else if (*role == "agent") {
    hello.role = Hello::Role::kAgent;
  } else {
    return Fail(ErrorCode::kBadFrame, "'role' must be \"visitor\" or \"agent\"");
  }
  if (const json::value* resume = o.if_contains("resume"); resume && !resume->is_null()) {
    if (!resume->is_object()) return Fail(ErrorCode::kBadFrame, "'resume' must be an object");
    if (resume->get_object().size() > kMaxResumeEntries) {
      return Fail(ErrorCode::kBadFrame, "'resume' has too many conversations");
    }
    for (const auto& [key, value] : resume->get_object()) {
      if (!IsPlainKey(key)) return Fail(ErrorCode::kBadFrame, "'resume' has a malformed id");
      auto seq = NonNegativeInteger(value, "a resume sequence");
      if (!seq) return Unexpected{seq.error()};
      hello.resume[std::string(key)] = *seq;
    }
  }
  return ClientFrame{std::move(hello)};
}

Result<ClientFrame> ParseCommand(std::string_view type, const json::object& o,
                                 const std::string& id) {
  if (type == "send") {
    SendCommand send{id, std::nullopt, {}};
    if (const auto* c = o.if_contains("conversation"); c && !c->is_null()) {
      auto conversation = ConversationId(o);
      if (!conversation) return Unexpected{conversation.error()};
      send.conversation = *conversation;
    }
    // Text length is the engine's rule (in characters); here only the type and a byte bound.
    auto text = RequiredString(o, "text", 64 * 1024);
    if (!text) return Unexpected{text.error()};
    send.text = std::move(*text);
    return ClientFrame{std::move(send)};
  }
  if (type == "close") {
    auto conversation = ConversationId(o);
    auto classification = OptionalString(o, "classification", 64);
    auto summary = OptionalString(o, "summary", kMaxSummaryChars * 4);
    for (auto* r : {&conversation, &classification, &summary}) {
      if (!*r) return Unexpected{r->error()};
    }
    if (!classification->empty() && !IsPlainKey(*classification)) {
      return Fail(ErrorCode::kBadFrame, "'classification' is malformed");
    }
    return ClientFrame{CloseCommand{id, *conversation, *classification, *summary}};
  }
  if (type == "read") {
    auto target = ConversationAndSeq(o);
    if (!target) return Unexpected{target.error()};
    return ClientFrame{ReadCommand{id, target->first, target->second}};
  }
  if (type == "status") {
    auto status = RequiredString(o, "status");
    if (!status) return Unexpected{status.error()};
    auto parsed = engine::ParseAgentStatus(*status);
    if (!parsed || *parsed == engine::AgentStatus::kWrapUp) {
      return Fail(ErrorCode::kBadFrame, "'status' must be online, away or offline");
    }
    auto agent = OptionalString(o, "agent", 64);
    if (!agent) return Unexpected{agent.error()};
    if (!agent->empty() && !IsPlainKey(*agent)) {
      return Fail(ErrorCode::kBadFrame, "'agent' is malformed");
    }
    return ClientFrame{StatusCommand{id, *parsed, *agent}};
  }
  if (type == "transfer") {
    auto conversation = ConversationId(o);
    auto agent = OptionalString(o, "agent", 64);
    auto queue = OptionalString(o, "queue", 64);
    auto note = OptionalString(o, "note", kMaxNoteChars * 4);
    for (auto* r : {&conversation, &agent, &queue, &note}) {
      if (!*r) return Unexpected{r->error()};
    }
    if (agent->empty() == queue->empty()) {
      return Fail(ErrorCode::kBadFrame, "give exactly one of 'agent' and 'queue'");
    }
    if ((!agent->empty() && !IsPlainKey(*agent)) || (!queue->empty() && !IsPlainKey(*queue))) {
      return Fail(ErrorCode::kBadFrame, "'agent' or 'queue' is malformed");
    }
    return ClientFrame{TransferCommand{id, *conversation, *agent, *queue, *note}};
  }
  if (type == "leave_message") {
    auto name = OptionalString(o, "name", kMaxLeftNameChars * 4);
    auto contact = RequiredString(o, "contact", kMaxContactChars * 4);
    auto text = RequiredString(o, "text", kMaxLeftTextChars * 4);
    auto queue = OptionalString(o, "queue", 64);
    for (auto* r : {&name, &contact, &text, &queue}) {
      if (!*r) return Unexpected{r->error()};
    }
    return ClientFrame{LeaveMessageCommand{id, *name, *contact, *text, *queue}};
  }
  if (type == "handoff") {
    auto conversation = ConversationId(o);
    if (!conversation) return Unexpected{conversation.error()};
    return ClientFrame{HandoffCommand{id, *conversation}};
  }
  if (type == "rate") {
    auto target = ConversationAndSeq(o);
    if (!target) return Unexpected{target.error()};
    const json::value* helpful = o.if_contains("helpful");
    if (helpful == nullptr || !helpful->is_bool()) {
      return Fail(ErrorCode::kBadFrame, "'helpful' must be true or false");
    }
    return ClientFrame{RateCommand{id, target->first, target->second, helpful->get_bool()}};
  }
  if (type == "suggest") {
    // Up to kMaxSuggestChars characters of UTF-8 (at most 4 bytes each); the exact count is
    // checked where the text is used.
    auto text = RequiredString(o, "text", kMaxSuggestChars * 4);
    if (!text) return Unexpected{text.error()};
    return ClientFrame{SuggestCommand{id, std::move(*text)}};
  }
  if (type == "typing") {
    // As for suggest: bytes here, characters where it is used. Empty is allowed (cleared).
    const json::value* text = o.if_contains("text");
    if (text == nullptr || !text->is_string())
      return Fail(ErrorCode::kBadFrame, "'text' must be a string");
    if (text->get_string().size() > kMaxTypingChars * 4) {
      return Fail(ErrorCode::kBadFrame, "'text' is too long");
    }
    return ClientFrame{TypingCommand{id, std::string(text->get_string())}};
  }
  return Fail(ErrorCode::kUnknownType, "unknown frame type '" + std::string(type) + "'");
}

}  // namespace

ParsedFrame ParseClientFrame(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 8;  // frames are flat; deep nesting is an attack, not a message
  // Into a buffer on the stack (a frame is small; a larger one goes on in the heap): the tree's
  // nodes are not allocated and freed one by one.
  unsigned char scratch[4096];
  json::monotonic_resource resource(scratch, sizeof scratch);
  json::value value = json::parse(text, ec, &resource, options);
  if (ec) return {std::nullopt, Fail(ErrorCode::kBadJson, "the frame is not valid JSON")};
  if (!value.is_object()) {
    return {std::nullopt, Fail(ErrorCode::kBadJson, "the frame must be a JSON object")};
  }
  const json::object& o = value.get_object();

  std::optional<std::string> id;
  if (const auto* raw = o.if_contains("id");
      raw && raw->is_string() && IsPlainKey(raw->get_string())) {
    id = std::string(raw->get_string());
  }
  auto type = RequiredString(o, "type", 32);
  if (!type) return {id, Unexpected{type.error()}};
  if (*type == "ping") return {id, ClientFrame{Ping{}}};
  if (*type == "hello") return {id, ParseHello(o)};
  static constexpr std::string_view kCommands[] = {"send",          "close", "read",    "status",
                                                   "handoff",       "rate",  "suggest", "transfer",
                                                   "leave_message", "typing"};
  if (std::find(std::begin(kCommands), std::end(kCommands), *type) == std::end(kCommands)) {
    return {id, Fail(ErrorCode::kUnknownType, "unknown frame type '" + *type + "'")};
  }
  auto command_id = CommandId(o);
  if (!command_id) return {id, Unexpected{command_id.error()}};
  return {id, ParseCommand(*type, o, *command_id)};
}

}  // namespace kefu::protocol
