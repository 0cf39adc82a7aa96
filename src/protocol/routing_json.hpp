// JSON of queue routing, agents' skills, routing settings, transfers and the live queue figures
// (docs/routing.md, docs/protocol.md). The parsers validate untrusted REST bodies: each error
// names the field and the rule. Storage keeps the same JSON. Thread-safe (pure functions).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "engine/tenant_engine.hpp"

namespace kefu::protocol {

// The routing fields of a Queue object (merged into QueueJson).
void AddRoutingFields(boost::json::object& queue, const engine::QueueRouting& routing);

// Applies the fields present in `body` to `queue` (a PATCH, or a POST onto defaults). Accepts
// name, slug (only when `creating`), bot_first and the routing fields; ignores id; rejects
// anything else. kBadFrame with the reason.
Result<engine::QueueInfo> ApplyQueueFields(const boost::json::object& body, engine::QueueInfo queue,
                                           bool creating);

// Storage form of a queue's routing (the routing fields as a JSON object), and back. A stored
// value that does not parse yields the defaults (and is reported by the caller).
std::string RoutingToStorage(const engine::QueueRouting& routing);
Result<engine::QueueRouting> RoutingFromStorage(std::string_view text);

boost::json::array SkillsJson(const std::vector<engine::Skill>& skills);
Result<std::vector<engine::Skill>> ParseSkills(const boost::json::value& value);
std::string SkillsToStorage(const std::vector<engine::Skill>& skills);
std::vector<engine::Skill> SkillsFromStorage(std::string_view text);

boost::json::object RoutingSettingsJson(const engine::RoutingSettings& settings);
// Applies the fields present to `base` (fields left out keep their value; the same for the
// fields of `auto_messages`). kBadFrame with the reason.
Result<engine::RoutingSettings> ParseRoutingSettings(const boost::json::value& value,
                                                     engine::RoutingSettings base = {});
// Longest automatic message, in characters.
inline constexpr std::size_t kMaxAutoMessage = 500;

// The detail of a transferred/requeued event as storage keeps it; and back.
std::string EventDetailToStorage(const engine::ConversationEvent& event);
void EventDetailFromStorage(std::string_view text, engine::ConversationEvent& event);

// Live figures.
boost::json::object QueueStatsJson(const engine::QueueStats& stats);
std::string QueueStatusFrame(const std::string& conversation_id, const engine::WaitStatus& status);
boost::json::object BoardJson(const std::vector<engine::QueueStats>& queues,
                              const std::vector<engine::AgentSnapshot>& agents);
std::string BoardFrame(const std::vector<engine::QueueStats>& queues,
                       const std::vector<engine::AgentSnapshot>& agents);

}  // namespace kefu::protocol
