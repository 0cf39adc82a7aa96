// Error codes shared by every module, and the one place they map to HTTP statuses and
// protocol error codes. Thread-safe (all functions are pure).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kefu {

// Expected failures. Bugs are not errors: they abort.
enum class ErrorCode {
  kBadJson,             // a frame or body that is not a JSON object
  kBadFrame,            // a field missing, of the wrong type, or malformed
  kUnknownType,         // a frame type the protocol does not have
  kHelloRequired,       // a command before hello
  kAlreadyHello,        // a second hello
  kUnauthorized,        // no or bad credentials
  kUnknownTenant,       // a tenant slug that does not exist
  kForbidden,           // authenticated, but the role or ownership does not allow it
  kNotFound,            // no such record in this tenant
  kConflict,            // a unique key already exists
  kConversationClosed,  // send or close on a closed conversation
  kTextEmpty,           // a blank message
  kTextTooLong,         // a message over the length limit
  kFrameTooLarge,       // a frame or body over the size limit
  kRateLimited,         // too many commands per second
  kUnavailable,         // shutting down, or storage failed: retry with the same key
  kQueueFull,           // the queue has its maximum number of waiting conversations
  kQueueClosed,         // outside the queue's business hours
  kAgentUnavailable,    // a transfer to an agent who cannot take the conversation now
  kBadIdentity,         // a visitor identity that is malformed, tampered with or expired
  // An agent's close without the inquiry classification the tenant requires.
  kClassificationRequired,
};

struct Error {
  ErrorCode code;
  std::string message;  // for humans; never contains secrets
  // kQueueClosed: when the queue opens next (ms since the epoch), if it does.
  std::optional<long long> opens_at = {};
};

// The snake_case code used in error frames and REST error bodies, e.g. "text_too_long".
std::string_view ErrorCodeName(ErrorCode code);

// The HTTP status a REST handler answers for this code.
int HttpStatusFor(ErrorCode code);

}  // namespace kefu
