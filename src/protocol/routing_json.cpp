#include "protocol/routing_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/utf8_count.hpp"
#include "engine/business_hours.hpp"
#include "protocol/classification_json.hpp"
#include "protocol/codec.hpp"

namespace kefu::protocol {
namespace {

namespace json = boost::json;

constexpr Millis kSecond = 1000;

Unexpected Bad(std::string message) {
  return Fail(ErrorCode::kBadFrame, std::move(message));
}

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Result<std::string> Text(const json::value& v, std::string_view field, std::size_t max_chars) {
  if (!v.is_string()) return Bad(std::string(field) + " must be a string");
  std::string s(v.get_string());
  if (s.empty() || Blank(s)) return Bad(std::string(field) + " must not be empty");
  if (CodePoints(s) > max_chars) {
    return Bad(std::string(field) + " is longer than " + std::to_string(max_chars) + " characters");
  }
  if (s.find_first_of("\r\n") != std::string::npos) {
    return Bad(std::string(field) + " must be one line");
  }
  return s;
}

Result<long long> Integer(const json::value& v, std::string_view field, long long min,
                          long long max) {
  long long n = 0;
  if (v.is_int64()) {
    n = v.get_int64();
  } else if (v.is_uint64() && v.get_uint64() <= 1ULL << 62) {
    n = static_cast<long long>(v.get_uint64());
  } else if (v.is_double() &&
             v.get_double() == static_cast<double>(static_cast<long long>(v.get_double()))) {
    n = static_cast<long long>(v.get_double());
  } else {
    return Bad(std::string(field) + " must be a whole number");
  }
  if (n < min || n > max) {
    return Bad(std::string(field) + " must be between " + std::to_string(min) + " and " +
               std::to_string(max));
  }
  return n;
}

Result<Millis> Seconds(const json::value& v, std::string_view field, long long max) {
  auto n = Integer(v, field, 0, max);
  if (!n) return Unexpected{n.error()};
  return *n * kSecond;
}

Result<std::vector<std::string>> Names(const json::value& v, std::string_view field,
                                       std::size_t max_items) {
  if (!v.is_array()) return Bad(std::string(field) + " must be a list of names");
  std::vector<std::string> names;
  for (const auto& item : v.get_array()) {
    auto name = Text(item, field, 40);
    if (!name) return Unexpected{name.error()};
    if (std::find(names.begin(), names.end(), *name) == names.end()) names.push_back(*name);
  }
  if (names.size() > max_items) {
    return Bad(std::string(field) + " has more than " + std::to_string(max_items) + " items");
  }
  return names;
}

Result<engine::BusinessHours> Hours(const json::value& v) {
  if (!v.is_object()) return Bad("hours must be an object or null");
  const auto& o = v.get_object();
  engine::BusinessHours hours;
  hours.weekly.clear();
  for (const auto& [key, value] : o) {
    if (key == "time_zone") {
      auto zone = Text(value, "hours.time_zone", 64);
      if (!zone) return Unexpected{zone.error()};
      hours.time_zone = *zone;
    } else if (key == "weekly") {
      if (!value.is_array() || value.get_array().size() > 50) {
        return Bad("hours.weekly must be a list of at most 50 spans");
      }
      for (const auto& span : value.get_array()) {
        if (!span.is_object()) return Bad("each hours.weekly span must be an object");
        const auto& so = span.get_object();
        const auto* day = so.if_contains("day");
        const auto* open = so.if_contains("open");
        const auto* close = so.if_contains("close");
        if (!day || !open || !close || !open->is_string() || !close->is_string()) {
          return Bad("each hours.weekly span needs day, open and close");
        }
        auto d = Integer(*day, "hours.weekly.day", 1, 7);
        if (!d) return Unexpected{d.error()};
        auto from = engine::ParseMinuteOfDay(open->get_string());
        auto to = engine::ParseMinuteOfDay(close->get_string());
        if (!from || !to) return Bad("open and close must be times like 09:00");
        hours.weekly.push_back({static_cast<int>(*d), *from, *to});
      }
    } else if (key == "holidays") {
      if (!value.is_array() || value.get_array().size() > 400) {
        return Bad("hours.holidays must be a list of at most 400 dates");
      }
      for (const auto& date : value.get_array()) {
        if (!date.is_string()) return Bad("hours.holidays must be dates like 2026-10-01");
        hours.holidays.emplace_back(date.get_string());
      }
    } else {
      return Bad("unknown field hours." + std::string(key));
    }
  }
  if (auto problem = engine::ValidateHours(hours)) return Bad("hours: " + *problem);
  return hours;
}

json::value HoursJson(const std::optional<engine::BusinessHours>& hours) {
  if (!hours) return nullptr;
  json::array weekly;
  for (const auto& span : hours->weekly) {
    weekly.push_back(json::object{{"day", span.day},
                                  {"open", engine::FormatMinuteOfDay(span.open_minute)},
                                  {"close", engine::FormatMinuteOfDay(span.close_minute)}});
  }
  json::array holidays;
  for (const auto& date : hours->holidays) holidays.emplace_back(date);
  return json::object{
      {"time_zone", hours->time_zone}, {"weekly", std::move(weekly)}, {"holidays", holidays}};
}

// Applies one routing field; false when `key` is not a routing field.
Result<bool> ApplyRoutingField(std::string_view key, const json::value& value,
                               engine::QueueRouting& r) {
  constexpr long long kDay = 24 * 60 * 60;
  if (key == "skills") {
    auto names = Names(value, "skills", 20);
    if (!names) return Unexpected{names.error()};
    r.skills = *names;
  } else if (key == "strategy") {
    auto strategy = value.is_string() ? engine::ParseStrategy(value.get_string()) : std::nullopt;
    if (!strategy) {
      return Bad("strategy must be least_busy, longest_idle, round_robin or skill_level");
    }
    r.strategy = *strategy;
  } else if (key == "priority_rules") {
    if (!value.is_array() || value.get_array().size() > 20) {
      return Bad("priority_rules must be a list of at most 20 rules");
    }
    r.priority_rules.clear();
    for (const auto& rule : value.get_array()) {
      const auto* ro = rule.if_object();
      const auto* tag = ro ? ro->if_contains("tag") : nullptr;
      const auto* priority = ro ? ro->if_contains("priority") : nullptr;
      if (!tag || !priority) return Bad("each priority rule needs tag and priority");
      auto t = Text(*tag, "priority_rules.tag", 40);
      if (!t) return Unexpected{t.error()};
      auto p = Integer(*priority, "priority_rules.priority", 0, 9);
      if (!p) return Unexpected{p.error()};
      r.priority_rules.push_back({*t, static_cast<int>(*p)});
    }
  } else if (key == "sticky_window_s") {
    auto v = Seconds(value, key, engine::kMaxStickyWindow / kSecond);
    if (!v) return Unexpected{v.error()};
    r.sticky_window = *v;
  } else if (key == "sticky_wait_s") {
    auto v = Seconds(value, key, 3600);
    if (!v) return Unexpected{v.error()};
    r.sticky_wait = *v;
  } else if (key == "overflow_queue") {
    if (value.is_null()) {
      r.overflow_queue_id.clear();
    } else {
      auto id = Text(value, "overflow_queue", 64);
      if (!id) return Unexpected{id.error()};
      r.overflow_queue_id = *id;
    }
  } else if (key == "overflow_after_s") {
    auto v = Seconds(value, key, kDay);
    if (!v) return Unexpected{v.error()};
    r.overflow_after = *v;
  } else if (key == "assign_timeout_s") {
    auto v = Seconds(value, key, 3600);
    if (!v) return Unexpected{v.error()};
    r.assign_timeout = *v;
  } else if (key == "max_waiting") {
    auto v = Integer(value, key, 0, 100000);
    if (!v) return Unexpected{v.error()};
    r.max_waiting = static_cast<int>(*v);
  } else if (key == "notices") {
    if (!value.is_array() || value.get_array().size() > 10) {
      return Bad("notices must be a list of at most 10 notices");
    }
    r.notices.clear();
    for (const auto& notice : value.get_array()) {
      const auto* no = notice.if_object();
      const auto* after = no ? no->if_contains("after_s") : nullptr;
      const auto* text = no ? no->if_contains("text") : nullptr;
      if (!after || !text) return Bad("each notice needs after_s and text");
      auto a = Seconds(*after, "notices.after_s", kDay);
      if (!a) return Unexpected{a.error()};
      if (*a == 0) return Bad("notices.after_s must be at least 1");
      auto t = Text(*text, "notices.text", 500);
      if (!t) return Unexpected{t.error()};
      r.notices.push_back({*a, *t});
    }
    std::stable_sort(r.notices.begin(), r.notices.end(),
                     [](const auto& a, const auto& b) { return a.after < b.after; });
  } else if (key == "service_level_s") {
    auto v = Seconds(value, key, 3600);
    if (!v) return Unexpected{v.error()};
    if (*v == 0) return Bad("service_level_s must be at least 1");
    r.service_level = *v;
  } else if (key == "hours") {
    if (value.is_null()) {
      r.hours.reset();
    } else {
      auto hours = Hours(value);
      if (!hours) return Unexpected{hours.error()};
      r.hours = *hours;
    }
  } else {
    return false;
  }
  return true;
}

bool ValidSlug(std::string_view slug) {
  return !slug.empty() && slug.size() <= 40 && std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

void AddRoutingFields(json::object& o, const engine::QueueRouting& r) {
  json::array skills;
  for (const auto& s : r.skills) skills.emplace_back(s);
  json::array rules;
  for (const auto& rule : r.priority_rules) {
    rules.push_back(json::object{{"tag", rule.tag}, {"priority", rule.priority}});
  }
  json::array notices;
  for (const auto& n : r.notices) {
    notices.push_back(json::object{{"after_s", n.after / kSecond}, {"text", n.text}});
  }
  o["skills"] = std::move(skills);
  o["strategy"] = engine::ToString(r.strategy);
  o["priority_rules"] = std::move(rules);
  o["sticky_window_s"] = r.sticky_window / kSecond;
  o["sticky_wait_s"] = r.sticky_wait / kSecond;
  o["overflow_queue"] =
      r.overflow_queue_id.empty() ? json::value(nullptr) : json::value(r.overflow_queue_id);
  o["overflow_after_s"] = r.overflow_after / kSecond;
  o["assign_timeout_s"] = r.assign_timeout / kSecond;
  o["max_waiting"] = r.max_waiting;
  o["notices"] = std::move(notices);
  o["service_level_s"] = r.service_level / kSecond;
  o["hours"] = HoursJson(r.hours);
}

Result<engine::QueueInfo> ApplyQueueFields(const json::object& body, engine::QueueInfo queue,
                                           bool creating) {
  for (const auto& [key, value] : body) {
    if (key == "id") continue;
    if (key == "name") {
      auto name = Text(value, "name", 50);
      if (!name) return Unexpected{name.error()};
      queue.name = *name;
    } else if (key == "slug") {
      if (!creating) {
        if (value.is_string() && value.get_string() == queue.slug) continue;
        return Bad("slug cannot be changed (widgets use it)");
      }
      if (!value.is_string() || !ValidSlug(value.get_string())) {
        return Bad("slug must be 1-40 characters of a-z, 0-9, - and _");
      }
      queue.slug = std::string(value.get_string());
    } else if (key == "bot_first") {
      if (!value.is_bool()) return Bad("bot_first must be true or false");
      queue.bot_first = value.get_bool();
    } else {
      auto applied = ApplyRoutingField(key, value, queue.routing);
      if (!applied) return Unexpected{applied.error()};
      if (!*applied) return Bad("unknown field " + std::string(key));
    }
  }
  if (creating && (queue.slug.empty() || queue.name.empty())) {
    return Bad("a new queue needs slug and name");
  }
  if (queue.routing.overflow_queue_id == queue.id && !queue.id.empty()) {
    return Bad("a queue cannot overflow into itself");
  }
  return queue;
}

std::string RoutingToStorage(const engine::QueueRouting& routing) {
  json::object o;
  AddRoutingFields(o, routing);
  return json::serialize(o);
}

Result<engine::QueueRouting> RoutingFromStorage(std::string_view text) {
  engine::QueueRouting routing;
  if (text.empty() || text == "{}") return routing;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return Bad("stored routing is not a JSON object");
  for (const auto& [key, field] : value.get_object()) {
    auto applied = ApplyRoutingField(key, field, routing);
    if (!applied) return Unexpected{applied.error()};
  }
  return routing;
}

json::array SkillsJson(const std::vector<engine::Skill>& skills) {
  json::array list;
  for (const auto& s : skills) list.push_back(json::object{{"name", s.name}, {"level", s.level}});
  return list;
}

Result<std::vector<engine::Skill>> ParseSkills(const json::value& value) {
  if (!value.is_array() || value.get_array().size() > 50) {
    return Bad("skills must be a list of at most 50 {name, level}");
  }
  std::vector<engine::Skill> skills;
  for (const auto& item : value.get_array()) {
    const auto* o = item.if_object();
    const auto* name = o ? o->if_contains("name") : nullptr;
    const auto* level = o ? o->if_contains("level") : nullptr;
    if (!name || !level) return Bad("each skill needs name and level");
    auto n = Text(*name, "skills.name", 40);
    if (!n) return Unexpected{n.error()};
    auto l = Integer(*level, "skills.level", 1, 10);
    if (!l) return Unexpected{l.error()};
    auto same = std::find_if(skills.begin(), skills.end(),
                             [&](const engine::Skill& s) { return s.name == *n; });
    if (same != skills.end()) return Bad("skill " + *n + " is listed twice");
    skills.push_back({*n, static_cast<int>(*l)});
  }
  return skills;
}

std::string SkillsToStorage(const std::vector<engine::Skill>& skills) {
  return json::serialize(SkillsJson(skills));
}

std::vector<engine::Skill> SkillsFromStorage(std::string_view text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) return {};
  auto skills = ParseSkills(value);
  return skills ? *skills : std::vector<engine::Skill>{};
}

json::object AutoMessagesJson(const engine::AutoMessages& a) {
  return {{"greeting", a.greeting},
          {"closing", a.closing},
          {"reminder_after_s", a.reminder_after / kSecond},
          {"reminder", a.reminder},
          {"close_after_s", a.close_after / kSecond}};
}

Result<engine::AutoMessages> ParseAutoMessages(const json::value& value, engine::AutoMessages a) {
  if (!value.is_object()) return Bad("auto_messages must be an object");
  for (const auto& [key, field] : value.get_object()) {
    if (key == "greeting" || key == "closing" || key == "reminder") {
      if (!field.is_string()) return Bad("auto_messages." + std::string(key) + " must be text");
      const std::string text(field.get_string());
      if (CodePoints(text) > kMaxAutoMessage) {
        return Bad("auto_messages." + std::string(key) + " is longer than " +
                   std::to_string(kMaxAutoMessage) + " characters");
      }
      (key == "greeting" ? a.greeting : key == "closing" ? a.closing : a.reminder) = text;
    } else if (key == "reminder_after_s" || key == "close_after_s") {
      auto v = Seconds(field, key, 24 * 3600);
      if (!v) return Unexpected{v.error()};
      (key == "reminder_after_s" ? a.reminder_after : a.close_after) = *v;
    } else {
      return Bad("unknown field auto_messages." + std::string(key));
    }
  }
  return a;
}

json::object RoutingSettingsJson(const engine::RoutingSettings& s) {
  return {{"wrap_up_s", s.wrap_up / kSecond},
          {"disconnect_grace_s", s.disconnect_grace / kSecond},
          {"typing_preview", s.typing_preview},
          {"auto_messages", AutoMessagesJson(s.auto_messages)}};
}

Result<engine::RoutingSettings> ParseRoutingSettings(const json::value& value,
                                                     engine::RoutingSettings settings) {
  if (!value.is_object()) return Bad("routing settings must be an object");
  for (const auto& [key, field] : value.get_object()) {
    if (key == "wrap_up_s") {
      auto v = Seconds(field, key, 3600);
      if (!v) return Unexpected{v.error()};
      settings.wrap_up = *v;
    } else if (key == "disconnect_grace_s") {
      auto v = Seconds(field, key, 3600);
      if (!v) return Unexpected{v.error()};
      settings.disconnect_grace = *v;
    } else if (key == "typing_preview") {
      if (!field.is_bool()) return Bad("typing_preview must be true or false");
      settings.typing_preview = field.get_bool();
    } else if (key == "auto_messages") {
      auto automatic = ParseAutoMessages(field, settings.auto_messages);
      if (!automatic) return Unexpected{automatic.error()};
      settings.auto_messages = std::move(*automatic);
    } else {
      return Bad("unknown field " + std::string(key));
    }
  }
  return settings;
}

std::string EventDetailToStorage(const engine::ConversationEvent& event) {
  json::object o;
  if (event.transfer) {
    const auto& t = *event.transfer;
    o["from"] = t.from ? json::value(json::object{{"id", t.from->id}, {"name", t.from->name}})
                       : json::value(nullptr);
    o["to_queue"] = t.to_queue;
    o["note"] = t.note;
    o["by"] = engine::ToString(t.by);
  }
  if (event.requeue) o["reason"] = engine::ToString(*event.requeue);
  if (event.kind == engine::EventKind::kSystem && event.code == engine::SystemCode::kNotice &&
      event.notice != engine::NoticeKind::kWait) {
    o["notice"] = engine::ToString(event.notice);
  }
  if (event.classification) o["classification"] = ClassificationChoiceJson(*event.classification);
  return o.empty() ? std::string() : json::serialize(o);
}

void EventDetailFromStorage(std::string_view text, engine::ConversationEvent& event) {
  if (text.empty()) return;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return;
  const auto& o = value.get_object();
  auto string_of = [&](std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  if (event.code == engine::SystemCode::kTransferred) {
    engine::TransferInfo t;
    if (const auto* from = o.if_contains("from"); from && from->is_object()) {
      const auto& fo = from->get_object();
      const auto* id = fo.if_contains("id");
      const auto* name = fo.if_contains("name");
      if (id && name && id->is_string() && name->is_string()) {
        t.from = engine::Ref{std::string(id->get_string()), std::string(name->get_string())};
      }
    }
    if (const auto* q = o.if_contains("to_queue"); q && q->is_bool()) t.to_queue = q->get_bool();
    t.note = string_of("note");
    t.by = engine::ParseTransferBy(string_of("by")).value_or(engine::TransferBy::kAgent);
    event.transfer = std::move(t);
  }
  if (event.code == engine::SystemCode::kRequeued) {
    event.requeue = engine::ParseRequeueReason(string_of("reason"));
  }
  if (event.code == engine::SystemCode::kNotice) {
    event.notice = engine::ParseNoticeKind(string_of("notice")).value_or(engine::NoticeKind::kWait);
  }
  if (event.code == engine::SystemCode::kClosed) {
    if (const auto* c = o.if_contains("classification")) {
      event.classification = ParseClassificationChoice(*c);
    }
  }
}

json::object QueueStatsJson(const engine::QueueStats& s) {
  const int decided = s.answered + s.abandoned;
  json::value percent = nullptr;
  if (decided > 0) {
    percent = static_cast<double>(static_cast<long long>(1000.0 * s.within / decided + 0.5)) / 10;
  }
  return {{"id", s.id},
          {"name", s.name},
          {"waiting", s.waiting},
          {"oldest_queued_at",
           s.oldest_queued_at ? json::value(s.oldest_queued_at) : json::value(nullptr)},
          {"available_agents", s.available_agents},
          {"service_level", json::object{{"target_s", s.service_level_target / kSecond},
                                         {"answered", s.answered},
                                         {"within", s.within},
                                         {"abandoned", s.abandoned},
                                         {"percent", percent}}}};
}

std::string QueueStatusFrame(const std::string& conversation_id, const engine::WaitStatus& status) {
  json::value estimate = nullptr;
  if (status.estimated_wait) estimate = (*status.estimated_wait + kSecond - 1) / kSecond;
  return json::serialize(json::object{{"type", "queue_status"},
                                      {"conversation", conversation_id},
                                      {"position", status.position},
                                      {"waiting", status.waiting},
                                      {"estimated_wait_s", estimate}});
}

json::object BoardJson(const std::vector<engine::QueueStats>& queues,
                       const std::vector<engine::AgentSnapshot>& agents) {
  json::array q;
  for (const auto& s : queues) q.push_back(QueueStatsJson(s));
  json::array a;
  for (const auto& agent : agents) a.push_back(AgentSnapshotJson(agent));
  return {{"queues", std::move(q)}, {"agents", std::move(a)}};
}

std::string BoardFrame(const std::vector<engine::QueueStats>& queues,
                       const std::vector<engine::AgentSnapshot>& agents) {
  json::object o = BoardJson(queues, agents);
  o.emplace("type", "board");
  return json::serialize(o);
}

}  // namespace kefu::protocol
