#include "engine/types.hpp"

#include <array>
#include <utility>

namespace kefu::engine {
namespace {

// One table per enum keeps ToString and Parse* in agreement.
template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<ConversationState, 5> kStates{{{ConversationState::kNew, "new"},
                                               {ConversationState::kBot, "bot"},
                                               {ConversationState::kQueued, "queued"},
                                               {ConversationState::kAssigned, "assigned"},
                                               {ConversationState::kClosed, "closed"}}};
constexpr Names<AgentStatus, 4> kStatuses{{{AgentStatus::kOnline, "online"},
                                           {AgentStatus::kAway, "away"},
                                           {AgentStatus::kWrapUp, "wrap_up"},
                                           {AgentStatus::kOffline, "offline"}}};
constexpr Names<AgentState, 5> kAgentStates{{{AgentState::kOnline, "online"},
                                             {AgentState::kBusy, "busy"},
                                             {AgentState::kAway, "away"},
                                             {AgentState::kWrapUp, "wrap_up"},
                                             {AgentState::kOffline, "offline"}}};
constexpr Names<Strategy, 4> kStrategies{{{Strategy::kLeastBusy, "least_busy"},
                                          {Strategy::kLongestIdle, "longest_idle"},
                                          {Strategy::kRoundRobin, "round_robin"},
                                          {Strategy::kSkillLevel, "skill_level"}}};
constexpr Names<TransferBy, 4> kTransferBy{{{TransferBy::kAgent, "agent"},
                                            {TransferBy::kSupervisor, "supervisor"},
                                            {TransferBy::kOverflow, "overflow"},
                                            {TransferBy::kBot, "bot"}}};
constexpr Names<RequeueReason, 3> kRequeueReasons{
    {{RequeueReason::kNoAnswer, "no_answer"},
     {RequeueReason::kAgentOffline, "agent_offline"},
     {RequeueReason::kAgentDisconnected, "agent_disconnected"}}};
constexpr Names<NoticeKind, 4> kNoticeKinds{{{NoticeKind::kWait, "wait"},
                                             {NoticeKind::kGreeting, "greeting"},
                                             {NoticeKind::kClosing, "closing"},
                                             {NoticeKind::kReminder, "reminder"}}};
constexpr Names<Role, 3> kRoles{
    {{Role::kAgent, "agent"}, {Role::kSupervisor, "supervisor"}, {Role::kAdmin, "admin"}}};
constexpr Names<AuthorRole, 4> kAuthorRoles{{{AuthorRole::kVisitor, "visitor"},
                                             {AuthorRole::kAgent, "agent"},
                                             {AuthorRole::kBot, "bot"},
                                             {AuthorRole::kSystem, "system"}}};
constexpr Names<EventKind, 2> kKinds{
    {{EventKind::kMessage, "message"}, {EventKind::kSystem, "system"}}};
constexpr Names<SystemCode, 6> kCodes{{{SystemCode::kQueued, "queued"},
                                       {SystemCode::kAssigned, "assigned"},
                                       {SystemCode::kClosed, "closed"},
                                       {SystemCode::kNotice, "notice"},
                                       {SystemCode::kTransferred, "transferred"},
                                       {SystemCode::kRequeued, "requeued"}}};
constexpr Names<CloseReason, 3> kReasons{{{CloseReason::kVisitor, "visitor"},
                                          {CloseReason::kAgent, "agent"},
                                          {CloseReason::kIdle, "idle"}}};
constexpr Names<BotReplyKind, 5> kBotKinds{{{BotReplyKind::kAnswer, "answer"},
                                            {BotReplyKind::kClarify, "clarify"},
                                            {BotReplyKind::kUnknown, "unknown"},
                                            {BotReplyKind::kOffer, "offer"},
                                            {BotReplyKind::kTransfer, "transfer"}}};

template <typename E, std::size_t N>
std::string_view Name(const Names<E, N>& names, E value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const Names<E, N>& names, std::string_view s) {
  for (const auto& [e, name] : names) {
    if (name == s) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(ConversationState v) {
  return Name(kStates, v);
}
std::string_view ToString(AgentStatus v) {
  return Name(kStatuses, v);
}
std::string_view ToString(Role v) {
  return Name(kRoles, v);
}
std::string_view ToString(AuthorRole v) {
  return Name(kAuthorRoles, v);
}
std::string_view ToString(EventKind v) {
  return Name(kKinds, v);
}
std::string_view ToString(SystemCode v) {
  return Name(kCodes, v);
}
std::string_view ToString(CloseReason v) {
  return Name(kReasons, v);
}
std::string_view ToString(BotReplyKind v) {
  return Name(kBotKinds, v);
}

std::optional<ConversationState> ParseConversationState(std::string_view s) {
  return Parse(kStates, s);
}
std::optional<AgentStatus> ParseAgentStatus(std::string_view s) {
  return Parse(kStatuses, s);
}
std::optional<Role> ParseRole(std::string_view s) {
  return Parse(kRoles, s);
}
std::optional<AuthorRole> ParseAuthorRole(std::string_view s) {
  return Parse(kAuthorRoles, s);
}
std::optional<EventKind> ParseEventKind(std::string_view s) {
  return Parse(kKinds, s);
}
std::optional<SystemCode> ParseSystemCode(std::string_view s) {
  return Parse(kCodes, s);
}
std::optional<CloseReason> ParseCloseReason(std::string_view s) {
  return Parse(kReasons, s);
}

std::optional<BotReplyKind> ParseBotReplyKind(std::string_view s) {
  return Parse(kBotKinds, s);
}

std::string_view ToString(AgentState v) {
  return Name(kAgentStates, v);
}
std::string_view ToString(Strategy v) {
  return Name(kStrategies, v);
}
std::string_view ToString(TransferBy v) {
  return Name(kTransferBy, v);
}
std::string_view ToString(RequeueReason v) {
  return Name(kRequeueReasons, v);
}
std::optional<Strategy> ParseStrategy(std::string_view s) {
  return Parse(kStrategies, s);
}
std::optional<TransferBy> ParseTransferBy(std::string_view s) {
  return Parse(kTransferBy, s);
}
std::optional<RequeueReason> ParseRequeueReason(std::string_view s) {
  return Parse(kRequeueReasons, s);
}
std::string_view ToString(NoticeKind v) {
  return Name(kNoticeKinds, v);
}
std::optional<NoticeKind> ParseNoticeKind(std::string_view s) {
  return Parse(kNoticeKinds, s);
}

std::string ExpandAutoText(std::string_view text, std::string_view agent_name,
                           std::string_view customer_name, std::string_view queue_name) {
  static constexpr std::pair<std::string_view, int> kVariables[] = {
      {"{客服名}", 0},        {"{agent_name}", 0}, {"{客户名}", 1},
      {"{customer_name}", 1}, {"{队列}", 2},       {"{queue}", 2}};
  const std::string_view values[] = {agent_name, customer_name, queue_name};
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    if (text[i] == '{') {
      for (const auto& [name, which] : kVariables) {
        if (text.substr(i, name.size()) == name) {
          out += values[which];
          i += name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

AgentState StateOf(const AgentSnapshot& agent) {
  if (!agent.connected) return AgentState::kOffline;
  switch (agent.status) {
    case AgentStatus::kOnline:
      return agent.load >= agent.info.capacity ? AgentState::kBusy : AgentState::kOnline;
    case AgentStatus::kAway:
      return AgentState::kAway;
    case AgentStatus::kWrapUp:
      return AgentState::kWrapUp;
    case AgentStatus::kOffline:
      return AgentState::kOffline;
  }
  return AgentState::kOffline;
}

}  // namespace kefu::engine
