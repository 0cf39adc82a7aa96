// Parsing of client WebSocket frames (docs/protocol.md). The input is untrusted: every failure
// is an Error with a reason, never an exception or a crash. Thread-safe (pure functions).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.hpp"
#include "engine/types.hpp"

namespace kefu::protocol {

inline constexpr std::size_t kMaxResumeEntries = 200;

struct Hello {
  enum class Role { kVisitor, kAgent } role = Role::kVisitor;
  std::string tenant;                  // visitor: tenant slug
  std::string visitor_token;           // visitor: may be empty
  std::string name;                    // visitor: optional display name
  std::string queue;                   // visitor: optional queue slug
  std::string identity;                // visitor: optional signed identity (docs/routing.md)
  std::map<std::string, long> resume;  // conversation id -> last seq seen
};
struct SendCommand {
  std::string id;
  std::optional<std::string> conversation;
  std::string text;
};
struct CloseCommand {
  std::string id;
  std::string conversation;
  std::string classification = {};  // staff: a node id of the tenant's tree; empty: none
  std::string summary = {};  // staff: ≤ kMaxSummaryChars characters (checked by the engine)
};
struct ReadCommand {
  std::string id;
  std::string conversation;
  long seq = 0;
};
struct StatusCommand {
  std::string id;
  engine::AgentStatus status = engine::AgentStatus::kOnline;
  std::string agent;  // another agent's id (supervisors); empty: oneself
};
struct TransferCommand {
  std::string id;
  std::string conversation;
  std::string agent;  // exactly one of agent and queue
  std::string queue;
  std::string note;
};
// A visitor's message for the team when nobody can chat (closed hours, a full queue).
struct LeaveMessageCommand {
  std::string id;
  std::string name;
  std::string contact;
  std::string text;
  std::string queue;  // slug; empty: the hello's queue
};
struct HandoffCommand {
  std::string id;
  std::string conversation;
};
struct RateCommand {
  std::string id;
  std::string conversation;
  long seq = 0;
  bool helpful = false;
};
// Suggestions while typing; not durable (no ack).
struct SuggestCommand {
  std::string id;
  std::string text;
};
// The visitor's draft, for the assigned agent's typing preview; not durable (no ack), never
// stored. Empty text: the visitor cleared or sent it.
struct TypingCommand {
  std::string id;
  std::string text;
};
struct Ping {};

inline constexpr std::size_t kMaxTypingChars = 1000;

inline constexpr std::size_t kMaxSuggestChars = 200;

inline constexpr std::size_t kMaxIdentityBytes = 2048;
inline constexpr std::size_t kMaxNoteChars = 500;
inline constexpr std::size_t kMaxSummaryChars = 500;
inline constexpr std::size_t kMaxLeftNameChars = 50;
inline constexpr std::size_t kMaxContactChars = 100;
inline constexpr std::size_t kMaxLeftTextChars = 2000;

using ClientFrame = std::variant<Hello, SendCommand, CloseCommand, ReadCommand, StatusCommand,
                                 HandoffCommand, RateCommand, SuggestCommand, TransferCommand,
                                 LeaveMessageCommand, TypingCommand, Ping>;

struct ParsedFrame {
  std::optional<std::string> id;  // the command's key when it could be read, for error frames
  Result<ClientFrame> frame;
};

// Parses one text frame. Errors: kBadJson (not a JSON object, invalid UTF-8), kBadFrame (missing
// or mistyped field, malformed id), kUnknownType.
ParsedFrame ParseClientFrame(std::string_view text);

}  // namespace kefu::protocol
