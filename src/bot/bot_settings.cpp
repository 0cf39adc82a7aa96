#include "bot/bot_settings.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>

#include "text/utf8.hpp"

namespace kefu::bot {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxText = 500;
constexpr std::size_t kMaxPhrases = 100;
constexpr std::size_t kMaxPhraseChars = 32;
constexpr std::size_t kMaxWords = 2000;
constexpr std::size_t kMaxSynonymGroups = 1000;
constexpr std::size_t kMaxSynonymsPerGroup = 20;
constexpr std::size_t kMaxRoutes = 200;
constexpr std::size_t kMaxCategoryChars = 64;  // as a knowledge-base entry's category
constexpr std::size_t kMaxIdChars = 64;

Error Bad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kBadFrame, "'" + std::string(field) + "' " + std::string(why)};
}

std::size_t Chars(std::string_view s) {
  return text::CodePointCount(s);
}

// Each reader leaves `out` alone when the field is absent.
Result<void> ReadText(const json::object& o, std::string_view key, std::size_t min, std::size_t max,
                      std::string& out) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (!v->is_string()) return Unexpected{Bad(key, "must be a string")};
  std::string value(v->get_string());
  const auto n = Chars(value);
  if (n < min || n > max) {
    return Unexpected{
        Bad(key, "must have " + std::to_string(min) + "-" + std::to_string(max) + " characters")};
  }
  out = std::move(value);
  return {};
}

Result<void> ReadNumber(const json::object& o, std::string_view key, double min, double max,
                        double& out) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (!v->is_number()) return Unexpected{Bad(key, "must be a number")};
  const double value = v->to_number<double>();
  if (!std::isfinite(value) || value < min || value > max) {
    return Unexpected{Bad(key, fmt::format("must be between {:g} and {:g}", min, max))};
  }
  out = value;
  return {};
}

Result<void> ReadCount(const json::object& o, std::string_view key, int max, int& out) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > max) {
    return Unexpected{Bad(key, "must be an integer from 0 to " + std::to_string(max))};
  }
  out = static_cast<int>(v->get_int64());
  return {};
}

Result<std::vector<std::string>> Strings(const json::value& v, std::string_view key,
                                         std::size_t max_items, std::size_t max_chars) {
  if (!v.is_array()) return Unexpected{Bad(key, "must be an array of strings")};
  if (v.get_array().size() > max_items) {
    return Unexpected{Bad(key, "has more than " + std::to_string(max_items) + " items")};
  }
  std::vector<std::string> items;
  for (const auto& item : v.get_array()) {
    if (!item.is_string()) return Unexpected{Bad(key, "must be an array of strings")};
    std::string s(item.get_string());
    if (s.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines of a form
    if (Chars(s) > max_chars || s.find('\n') != std::string::npos) {
      return Unexpected{Bad(key, "has an item over " + std::to_string(max_chars) +
                                     " characters or with a line break")};
    }
    items.push_back(std::move(s));
  }
  return items;
}

json::array StringsJson(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.push_back(json::value(s));
  return a;
}

Result<std::vector<HandoffRoute>> Routes(const json::value& v) {
  constexpr std::string_view kKey = "handoff_routes";
  if (!v.is_array()) return Unexpected{Bad(kKey, "must be an array of {category, queue}")};
  if (v.get_array().size() > kMaxRoutes) {
    return Unexpected{Bad(kKey, "has more than " + std::to_string(kMaxRoutes) + " routes")};
  }
  std::vector<HandoffRoute> routes;
  for (const auto& item : v.get_array()) {
    const auto* o = item.if_object();
    const auto* category = o ? o->if_contains("category") : nullptr;
    const auto* queue = o ? o->if_contains("queue") : nullptr;
    if (category == nullptr || queue == nullptr || !category->is_string() || !queue->is_string()) {
      return Unexpected{Bad(kKey, "must be an array of {category, queue}")};
    }
    HandoffRoute route{std::string(category->get_string()), std::string(queue->get_string())};
    const auto chars = Chars(route.category);
    if (chars == 0 || chars > kMaxCategoryChars || route.category.find('\n') != std::string::npos) {
      return Unexpected{Bad(kKey, "has a category that is empty, over " +
                                      std::to_string(kMaxCategoryChars) +
                                      " characters or with a line break")};
    }
    if (route.queue_id.empty() || route.queue_id.size() > kMaxIdChars) {
      return Unexpected{Bad(kKey, "has a route without a queue")};
    }
    for (const auto& earlier : routes) {
      if (earlier.category == route.category) {
        return Unexpected{Bad(kKey, "names the category '" + route.category + "' twice")};
      }
    }
    routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace

std::string_view BotSettings::RouteFor(std::string_view category) const {
  for (const auto& route : handoff_routes) {
    if (route.category == category) return route.queue_id;
  }
  return {};
}

Result<BotSettings> ParseBotSettings(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) {
    return Fail(ErrorCode::kBadJson, "the settings must be a JSON object");
  }
  const auto& o = value.get_object();
  BotSettings s;
  for (auto r :
       {ReadText(o, "name", 1, 32, s.name), ReadText(o, "greeting", 0, kMaxText, s.greeting),
        ReadText(o, "clarify_prompt", 1, kMaxText, s.clarify_prompt),
        ReadText(o, "unknown_reply", 1, kMaxText, s.unknown_reply),
        ReadText(o, "offer_prompt", 1, kMaxText, s.offer_prompt),
        ReadText(o, "transfer_notice", 1, kMaxText, s.transfer_notice),
        ReadNumber(o, "answer_threshold", 0, 1, s.thresholds.answer),
        ReadNumber(o, "clarify_threshold", 0, 1, s.thresholds.clarify),
        ReadNumber(o, "tone_to_offer", 0, 100, s.handoff.tone_to_offer),
        ReadNumber(o, "tone_to_transfer", 0, 100, s.handoff.tone_to_transfer),
        ReadCount(o, "misses_to_offer", 20, s.handoff.misses_to_offer),
        ReadCount(o, "misses_to_transfer", 20, s.handoff.misses_to_transfer)}) {
    if (!r) return Unexpected{r.error()};
  }
  if (s.thresholds.clarify > s.thresholds.answer) {
    return Fail(ErrorCode::kBadFrame, "'clarify_threshold' must not be above 'answer_threshold'");
  }
  if (s.handoff.misses_to_offer > 0 && s.handoff.misses_to_transfer > 0 &&
      s.handoff.misses_to_transfer < s.handoff.misses_to_offer) {
    return Fail(ErrorCode::kBadFrame, "'misses_to_transfer' must not be below 'misses_to_offer'");
  }
  if (s.handoff.tone_to_transfer < s.handoff.tone_to_offer) {
    return Fail(ErrorCode::kBadFrame, "'tone_to_transfer' must not be below 'tone_to_offer'");
  }
  if (const auto* v = o.if_contains("suggestions"); v != nullptr) {
    if (!v->is_bool()) return Fail(ErrorCode::kBadFrame, "'suggestions' must be true or false");
    s.suggestions = v->get_bool();
  }
  if (const auto* v = o.if_contains("answer_while_waiting"); v != nullptr) {
    if (!v->is_bool()) {
      return Fail(ErrorCode::kBadFrame, "'answer_while_waiting' must be true or false");
    }
    s.answer_while_waiting = v->get_bool();
  }
  if (const auto* v = o.if_contains("handoff_phrases"); v != nullptr) {
    auto phrases = Strings(*v, "handoff_phrases", kMaxPhrases, kMaxPhraseChars);
    if (!phrases) return Unexpected{phrases.error()};
    s.handoff.request_phrases = std::move(*phrases);
  }
  if (const auto* v = o.if_contains("handoff_routes"); v != nullptr) {
    auto routes = Routes(*v);
    if (!routes) return Unexpected{routes.error()};
    s.handoff_routes = std::move(*routes);
  }
  if (const auto* v = o.if_contains("custom_words"); v != nullptr) {
    auto words = Strings(*v, "custom_words", kMaxWords, kMaxPhraseChars);
    if (!words) return Unexpected{words.error()};
    s.custom_words = std::move(*words);
  }
  if (const auto* v = o.if_contains("synonyms"); v != nullptr) {
    if (!v->is_array() || v->get_array().size() > kMaxSynonymGroups) {
      return Fail(ErrorCode::kBadFrame, "'synonyms' must be an array of at most " +
                                            std::to_string(kMaxSynonymGroups) + " groups of words");
    }
    s.synonyms.clear();
    for (const auto& group : v->get_array()) {
      auto words = Strings(group, "synonyms", kMaxSynonymsPerGroup, kMaxPhraseChars);
      if (!words) return Unexpected{words.error()};
      if (words->empty()) continue;
      if (words->size() < 2) {
        return Fail(ErrorCode::kBadFrame, "'synonyms' groups need at least two words");
      }
      s.synonyms.push_back(std::move(*words));
    }
  }
  return s;
}

std::string SerializeBotSettings(const BotSettings& s) {
  json::array synonyms;
  for (const auto& group : s.synonyms) synonyms.push_back(StringsJson(group));
  json::array routes;
  for (const auto& route : s.handoff_routes) {
    routes.push_back(json::object{{"category", route.category}, {"queue", route.queue_id}});
  }
  return json::serialize(json::object{
      {"name", s.name},
      {"greeting", s.greeting},
      {"answer_threshold", s.thresholds.answer},
      {"clarify_threshold", s.thresholds.clarify},
      {"clarify_prompt", s.clarify_prompt},
      {"unknown_reply", s.unknown_reply},
      {"offer_prompt", s.offer_prompt},
      {"transfer_notice", s.transfer_notice},
      {"handoff_phrases", StringsJson(s.handoff.request_phrases)},
      {"misses_to_offer", s.handoff.misses_to_offer},
      {"misses_to_transfer", s.handoff.misses_to_transfer},
      {"tone_to_offer", s.handoff.tone_to_offer},
      {"tone_to_transfer", s.handoff.tone_to_transfer},
      {"handoff_routes", std::move(routes)},
      {"suggestions", s.suggestions},
      {"answer_while_waiting", s.answer_while_waiting},
      {"custom_words", StringsJson(s.custom_words)},
      {"synonyms", std::move(synonyms)},
  });
}

}  // namespace kefu::bot
