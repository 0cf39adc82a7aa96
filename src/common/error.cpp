#include "common/error.hpp"

namespace kefu {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadJson:
      return "bad_json";
    case ErrorCode::kBadFrame:
      return "bad_frame";
    case ErrorCode::kUnknownType:
      return "unknown_type";
    case ErrorCode::kHelloRequired:
      return "hello_required";
    case ErrorCode::kAlreadyHello:
      return "already_hello";
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kUnknownTenant:
      return "unknown_tenant";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kConversationClosed:
      return "conversation_closed";
    case ErrorCode::kTextEmpty:
      return "text_empty";
    case ErrorCode::kTextTooLong:
      return "text_too_long";
    case ErrorCode::kFrameTooLarge:
      return "frame_too_large";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kQueueFull:
      return "queue_full";
    case ErrorCode::kQueueClosed:
      return "queue_closed";
    case ErrorCode::kAgentUnavailable:
      return "agent_unavailable";
    case ErrorCode::kBadIdentity:
      return "bad_identity";
    case ErrorCode::kClassificationRequired:
      return "classification_required";
  }
  return "unknown";
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadJson:
    case ErrorCode::kBadFrame:
    case ErrorCode::kUnknownType:
    case ErrorCode::kHelloRequired:
    case ErrorCode::kAlreadyHello:
    case ErrorCode::kTextEmpty:
    case ErrorCode::kTextTooLong:
    case ErrorCode::kBadIdentity:
      return 400;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kUnknownTenant:
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
    case ErrorCode::kConversationClosed:
    case ErrorCode::kAgentUnavailable:
    case ErrorCode::kClassificationRequired:
      return 409;
    case ErrorCode::kFrameTooLarge:
      return 413;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
    case ErrorCode::kQueueFull:
    case ErrorCode::kQueueClosed:
      return 503;
  }
  return 500;
}

}  // namespace kefu
