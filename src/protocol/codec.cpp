#include "protocol/codec.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <string_view>

#include "protocol/routing_json.hpp"

namespace kefu::protocol {
namespace {

namespace json = boost::json;

json::object RefJson(const engine::Ref& ref) {
  return {{"id", ref.id}, {"name", ref.name}};
}

json::object LimitsJson(const Limits& limits) {
  return {{"max_frame_bytes", limits.max_frame_bytes},
          {"max_text_chars", limits.max_text_chars},
          {"rate_per_second", limits.rate_per_second},
          {"heartbeat_seconds", limits.heartbeat_seconds}};
}

json::array ConversationsJson(const std::vector<engine::ConversationSnapshot>& conversations) {
  json::array array;
  for (const auto& c : conversations) array.push_back(ConversationJson(c));
  return array;
}

// The frames sent for every message (a chat message's event, an ack) are written directly,
// in the key order of their JSON objects and escaped as Boost.JSON's serializer escapes: the same
// bytes (codec_test compares them over random strings), without building an object of allocated
// keys and values first. That was a tenth of the I/O threads' instructions per message.
void AppendQuoted(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out.push_back('"');
}

void AppendInt(std::string& out, std::int64_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

}  // namespace

json::object EventJson(const engine::ConversationEvent& event) {
  json::object o{{"type", "event"},
                 {"conversation", event.conversation_id},
                 {"seq", event.seq},
                 {"at", event.at},
                 {"kind", engine::ToString(event.kind)}};
  if (event.kind == engine::EventKind::kMessage) {
    o["author"] = json::object{{"role", engine::ToString(event.author.role)},
                               {"id", event.author.id},
                               {"name", event.author.name}};
    o["text"] = event.text;
    if (event.bot) o["bot"] = BotJson(*event.bot);
    return o;
  }
  o["code"] = engine::ToString(event.code);
  switch (event.code) {
    case engine::SystemCode::kQueued:
      o["queue"] = RefJson(event.ref);
      break;
    case engine::SystemCode::kAssigned:
      o["agent"] = RefJson(event.ref);
      break;
    case engine::SystemCode::kClosed:
      o["by"] = event.closed_by ? engine::ToString(*event.closed_by) : "agent";
      break;
    case engine::SystemCode::kNotice:
      o["text"] = event.text;
      o["purpose"] = engine::ToString(event.notice);
      if (!event.ref.id.empty()) o["agent"] = RefJson(event.ref);
      break;
    case engine::SystemCode::kTransferred: {
      const engine::TransferInfo t = event.transfer.value_or(engine::TransferInfo{});
      o["from"] = t.from ? json::value(RefJson(*t.from)) : json::value(nullptr);
      o[t.to_queue ? "to_queue" : "to_agent"] = RefJson(event.ref);
      o["note"] = t.note;
      o["by"] = engine::ToString(t.by);
      break;
    }
    case engine::SystemCode::kRequeued:
      o["agent"] = RefJson(event.ref);
      o["reason"] = engine::ToString(event.requeue.value_or(engine::RequeueReason::kNoAnswer));
      break;
  }
  return o;
}

json::object ConversationJson(const engine::ConversationSnapshot& c) {
  json::object o{{"id", c.id},
                 {"state", engine::ToString(c.state)},
                 {"queue", RefJson(c.queue)},
                 {"visitor", RefJson(c.visitor)},
                 {"agent", c.agent ? json::value(RefJson(*c.agent)) : json::value(nullptr)},
                 {"last_seq", c.last_seq},
                 {"unread", c.unread},
                 {"created_at", c.created_at},
                 {"updated_at", c.updated_at}};
  o["closed_by"] = c.closed_by ? json::value(engine::ToString(*c.closed_by)) : json::value(nullptr);
  o["priority"] = c.priority;
  o["queued_at"] = c.queued_at ? json::value(c.queued_at) : json::value(nullptr);
  // Whether an inquiry classification was recorded; which one is for staff (REST), not visitors.
  o["classified"] = !c.classification_id.empty();
  return o;
}

json::object AgentJson(const engine::AgentInfo& info, engine::AgentStatus status, int load) {
  json::array queues;
  for (const auto& id : info.queue_ids) queues.emplace_back(id);
  return {{"id", info.id},
          {"name", info.name},
          {"email", info.email},
          {"role", engine::ToString(info.role)},
          {"status", engine::ToString(status)},
          {"load", load},
          {"capacity", info.capacity},
          {"skills", SkillsJson(info.skills)},
          {"queues", std::move(queues)}};
}

json::object AgentSnapshotJson(const engine::AgentSnapshot& agent) {
  json::object o = AgentJson(agent.info, agent.status, agent.load);
  o["state"] = engine::ToString(engine::StateOf(agent));
  o["connected"] = agent.connected;
  return o;
}

json::object ErrorBodyJson(const Error& error) {
  return {{"error", json::object{{"code", ErrorCodeName(error.code)}, {"message", error.message}}}};
}

json::object QueueJson(const engine::QueueInfo& queue) {
  json::object o{
      {"id", queue.id}, {"slug", queue.slug}, {"name", queue.name}, {"bot_first", queue.bot_first}};
  AddRoutingFields(o, queue.routing);
  return o;
}

json::object BotJson(const engine::BotReply& reply) {
  json::object o{{"kind", engine::ToString(reply.kind)}};
  switch (reply.kind) {
    case engine::BotReplyKind::kAnswer:
      o["entry_id"] = reply.entry_id;
      o["question"] = reply.question;
      o["confidence"] = reply.confidence;
      if (reply.waiting) o["waiting"] = true;
      break;
    case engine::BotReplyKind::kClarify: {
      json::array choices;
      for (const auto& choice : reply.choices) {
        choices.push_back(
            json::object{{"entry_id", choice.entry_id}, {"question", choice.question}});
      }
      o["choices"] = std::move(choices);
      break;
    }
    case engine::BotReplyKind::kUnknown:
      break;
    case engine::BotReplyKind::kOffer:
    case engine::BotReplyKind::kTransfer:
      o["reason"] = reply.reason;
      if (!reply.detail.empty()) o["detail"] = reply.detail;
      break;
  }
  return o;
}

std::optional<engine::BotReply> ParseBotJson(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.get_object();
  auto string_of = [&](std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto kind = engine::ParseBotReplyKind(string_of("kind"));
  if (!kind) return std::nullopt;
  engine::BotReply reply;
  reply.kind = *kind;
  reply.entry_id = string_of("entry_id");
  reply.question = string_of("question");
  reply.reason = string_of("reason");
  reply.detail = string_of("detail");
  if (const auto* waiting = o.if_contains("waiting"); waiting && waiting->is_bool()) {
    reply.waiting = waiting->get_bool();
  }
  if (const auto* confidence = o.if_contains("confidence"); confidence && confidence->is_number()) {
    reply.confidence = confidence->to_number<double>();
  }
  if (const auto* choices = o.if_contains("choices"); choices && choices->is_array()) {
    for (const auto& choice : choices->get_array()) {
      if (!choice.is_object()) continue;
      const auto* id = choice.get_object().if_contains("entry_id");
      const auto* question = choice.get_object().if_contains("question");
      if (id == nullptr || question == nullptr || !id->is_string() || !question->is_string()) {
        continue;
      }
      reply.choices.push_back({std::string(id->get_string()), std::string(question->get_string())});
    }
  }
  return reply;
}

std::string EventFrame(const engine::ConversationEvent& event) {
  if (event.kind != engine::EventKind::kMessage || event.bot) {
    return json::serialize(EventJson(event));
  }
  // A chat message, the frame sent most: EventJson's keys in its order, written directly.
  std::string out;
  out.reserve(112 + event.conversation_id.size() + event.author.id.size() +
              event.author.name.size() + event.text.size());
  out += R"({"type":"event","conversation":)";
  AppendQuoted(out, event.conversation_id);
  out += R"(,"seq":)";
  AppendInt(out, event.seq);
  out += R"(,"at":)";
  AppendInt(out, event.at);
  out += R"(,"kind":)";
  AppendQuoted(out, engine::ToString(event.kind));
  out += R"(,"author":{"role":)";
  AppendQuoted(out, engine::ToString(event.author.role));
  out += R"(,"id":)";
  AppendQuoted(out, event.author.id);
  out += R"(,"name":)";
  AppendQuoted(out, event.author.name);
  out += R"(},"text":)";
  AppendQuoted(out, event.text);
  out += '}';
  return out;
}

std::string ConversationFrame(const engine::ConversationSnapshot& conversation) {
  return json::serialize(
      json::object{{"type", "conversation"}, {"conversation", ConversationJson(conversation)}});
}

std::string AgentFrame(const engine::AgentSnapshot& agent) {
  return json::serialize(json::object{{"type", "agent"}, {"agent", AgentSnapshotJson(agent)}});
}

std::string AckFrame(const std::string& id, const engine::Ack& ack) {
  // {"type":"ack","id":…,"conversation":…,"seq":…}, written directly (see AppendQuoted).
  std::string out;
  out.reserve(64 + id.size() + ack.conversation_id.size());
  out += R"({"type":"ack","id":)";
  AppendQuoted(out, id);
  out += R"(,"conversation":)";
  AppendQuoted(out, ack.conversation_id);
  out += R"(,"seq":)";
  AppendInt(out, ack.seq);
  out += '}';
  return out;
}

std::string StatusAckFrame(const std::string& id, engine::AgentStatus status) {
  return json::serialize(
      json::object{{"type", "ack"}, {"id", id}, {"status", engine::ToString(status)}});
}

std::string ErrorFrame(const std::optional<std::string>& id, const Error& error) {
  json::object o{{"type", "error"},
                 {"id", id ? json::value(*id) : json::value(nullptr)},
                 {"code", ErrorCodeName(error.code)},
                 {"message", error.message}};
  if (error.opens_at) o["opens_at"] = *error.opens_at;
  return json::serialize(o);
}

std::string TypingFrame(const std::string& conversation_id, const std::string& text, Millis at) {
  return json::serialize(json::object{
      {"type", "typing"}, {"conversation", conversation_id}, {"text", text}, {"at", at}});
}

std::string PongFrame(Millis now) {
  return json::serialize(json::object{{"type", "pong"}, {"at", now}});
}

std::string VisitorWelcomeFrame(const std::string& visitor_id, const std::string& visitor_name,
                                const std::string& token,
                                const std::vector<engine::ConversationSnapshot>& conversations,
                                const Limits& limits, const std::optional<BotIntro>& bot,
                                const std::optional<QueueIntro>& queue,
                                const std::optional<SelfServiceIntro>& self_service) {
  json::value queue_json = nullptr;
  if (queue) {
    queue_json = json::object{
        {"id", queue->id},
        {"slug", queue->slug},
        {"name", queue->name},
        {"open", queue->open},
        {"opens_at", queue->opens_at ? json::value(*queue->opens_at) : json::value(nullptr)}};
  }
  json::value bot_json = nullptr;
  if (bot) {
    bot_json = json::object{
        {"name", bot->name}, {"greeting", bot->greeting}, {"suggestions", bot->suggestions}};
  }
  return json::serialize(json::object{
      {"type", "welcome"},
      {"role", "visitor"},
      {"visitor", json::object{{"id", visitor_id}, {"name", visitor_name}, {"token", token}}},
      {"conversations", ConversationsJson(conversations)},
      {"bot", std::move(bot_json)},
      {"queue", std::move(queue_json)},
      {"self_service", self_service
                           ? json::value(json::object{{"name", self_service->name},
                                                      {"suggestions", self_service->suggestions}})
                           : json::value(nullptr)},
      {"limits", LimitsJson(limits)}});
}

std::string SuggestionsFrame(const std::string& id, const std::vector<SuggestionItem>& items) {
  json::array list;
  for (const auto& item : items) {
    list.push_back(json::object{{"entry_id", item.entry_id}, {"question", item.question}});
  }
  return json::serialize(
      json::object{{"type", "suggestions"}, {"id", id}, {"items", std::move(list)}});
}

std::string AgentWelcomeFrame(const engine::AgentSnapshot& agent,
                              const std::vector<engine::ConversationSnapshot>& conversations,
                              const Limits& limits) {
  return json::serialize(json::object{{"type", "welcome"},
                                      {"role", "agent"},
                                      {"agent", AgentSnapshotJson(agent)},
                                      {"conversations", ConversationsJson(conversations)},
                                      {"limits", LimitsJson(limits)}});
}

}  // namespace kefu::protocol
