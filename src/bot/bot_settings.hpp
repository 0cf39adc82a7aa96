// BotSettings: one tenant's bot configuration — its name and wording, the answer/clarify
// thresholds, the handoff policy and routes, suggestions, and the tenant's own words and
// synonyms — with
// its JSON form (REST `GET/PUT /api/bot/settings`, stored as one document per tenant).
// Value type; the functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/handoff.hpp"
#include "bot/matcher.hpp"
#include "common/result.hpp"

namespace kefu::bot {

// Where the bot hands over a conversation whose question belongs to a knowledge-base category.
struct HandoffRoute {
  std::string category;  // a category name as entries carry it
  std::string queue_id;  // the tenant's queue (checked by the settings API, not here)
  bool operator==(const HandoffRoute&) const = default;
};

struct BotSettings {
  std::string name = "智能助手";
  std::string greeting = "您好，我是智能助手，请问有什么可以帮您？您也可以随时输入“转人工”。";
  MatchThresholds thresholds;
  std::string clarify_prompt = "您可能想问：";
  std::string unknown_reply =
      "抱歉，我还没有学会回答这个问题。您可以换个说法，或输入“转人工”咨询人工客服。";
  std::string offer_prompt = "看起来我没能帮到您，需要为您转接人工客服吗？";
  std::string transfer_notice = "好的，正在为您转接人工客服，请稍候。";
  HandoffPolicy handoff;
  // Handoffs go to the queue routed for the category of the question the bot last matched;
  // a category without a route stays in the conversation's own queue. Each category once.
  std::vector<HandoffRoute> handoff_routes;
  bool suggestions = true;
  // Self-service while waiting for a person: suggestions as the customer types, and the bot's
  // confident answers beside the queue (the question still reaches the agent).
  bool answer_while_waiting = true;
  std::vector<std::string> custom_words;
  std::vector<std::vector<std::string>> synonyms;  // each group: the first is the canonical word

  // The queue routed for `category`, or empty.
  std::string_view RouteFor(std::string_view category) const;
};

// Parses and validates a settings document; fields left out keep their defaults. kBadJson when
// it is not a JSON object, kBadFrame with the field and the reason otherwise.
Result<BotSettings> ParseBotSettings(std::string_view json);

// The full document (every field), readable by ParseBotSettings.
std::string SerializeBotSettings(const BotSettings& settings);

}  // namespace kefu::bot
