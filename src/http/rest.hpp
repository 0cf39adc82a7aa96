// Building blocks of REST handlers: JSON responses, errors as HTTP statuses, request bodies,
// paths and query parameters. Pure functions; thread-safe.
#pragma once

#include <boost/beast/http/status.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "http/http_types.hpp"

namespace kefu::http {

Response JsonResponse(const Request& request, boost::beast::http::status status,
                      const boost::json::value& body);
// The one place REST errors become HTTP statuses.
Response ErrorResponse(const Request& request, const Error& error);
Response ErrorResponse(const Request& request, ErrorCode code, std::string message);

// The request's path without the query.
std::string_view PathOf(const Request& request);
// A query parameter, percent-decoded; nullopt when absent.
std::optional<std::string> QueryParam(const Request& request, std::string_view name);
// A non-negative integer query parameter within [0, max], or `fallback` when absent.
Result<long> QueryInteger(const Request& request, std::string_view name, long fallback, long max);

Result<boost::json::object> ParseBody(const Request& request);
// The path's segments after the prefix, percent-decoded ("/api/kb/entries/kb_1/similar" →
// ["kb_1", "similar"] for prefix "/api/kb/entries").
std::vector<std::string> Tail(const Request& request, std::string_view prefix);
// Blocks the calling thread (a blocking-pool thread) until the write is durable.
Result<void> WaitFor(const std::function<void(std::function<void(Result<void>)>)>& submit);
// A string field of `min`..`max` bytes.
Result<std::string> StringField(const boost::json::object& body, std::string_view key,
                                std::size_t min, std::size_t max);

}  // namespace kefu::http
