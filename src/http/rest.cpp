#include "http/rest.hpp"

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <future>

#include "protocol/codec.hpp"

namespace kefu::http {

namespace beast_http = boost::beast::http;
namespace json = boost::json;

Response JsonResponse(const Request& request, beast_http::status status, const json::value& body) {
  Response response{status, request.version()};
  response.set(beast_http::field::content_type, "application/json; charset=utf-8");
  response.set(beast_http::field::cache_control, "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.body() = json::serialize(body);
  return response;
}

Response ErrorResponse(const Request& request, const Error& error) {
  return JsonResponse(request, static_cast<beast_http::status>(HttpStatusFor(error.code)),
                      protocol::ErrorBodyJson(error));
}

Response ErrorResponse(const Request& request, ErrorCode code, std::string message) {
  return ErrorResponse(request, Error{code, std::move(message)});
}

std::string_view PathOf(const Request& request) {
  std::string_view target = request.target();
  return target.substr(0, target.find('?'));
}

std::optional<std::string> QueryParam(const Request& request, std::string_view name) {
  auto url = boost::urls::parse_origin_form(request.target());
  if (!url) return std::nullopt;
  auto params = url->params();
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

Result<long> QueryInteger(const Request& request, std::string_view name, long fallback, long max) {
  auto text = QueryParam(request, name);
  if (!text) return fallback;
  long value = 0;
  const auto* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0 || value > max) {
    return Fail(ErrorCode::kBadFrame,
                "'" + std::string(name) + "' must be an integer from 0 to " + std::to_string(max));
  }
  return value;
}

Result<json::object> ParseBody(const Request& request) {
  boost::system::error_code ec;
  json::value value = json::parse(request.body(), ec);
  if (ec || !value.is_object()) {
    return Fail(ErrorCode::kBadJson, "the request body must be a JSON object");
  }
  return std::move(value.get_object());
}

Result<std::string> StringField(const json::object& body, std::string_view key, std::size_t min,
                                std::size_t max) {
  const json::value* v = body.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    return Fail(ErrorCode::kBadFrame, "'" + std::string(key) + "' must be a string");
  }
  std::string value(v->get_string());
  if (value.size() < min || value.size() > max) {
    return Fail(ErrorCode::kBadFrame, "'" + std::string(key) + "' must be " + std::to_string(min) +
                                          "-" + std::to_string(max) + " bytes long");
  }
  return value;
}

std::vector<std::string> Tail(const Request& request, std::string_view prefix) {
  std::vector<std::string> out;
  auto url = boost::urls::parse_origin_form(request.target());
  if (!url) return out;
  std::size_t skip = 0;
  for (std::size_t i = 0; i < prefix.size(); ++i) skip += prefix[i] == '/' ? 1 : 0;
  std::size_t index = 0;
  for (auto segment : url->segments()) {
    if (index++ >= skip) out.emplace_back(segment);
  }
  return out;
}

Result<void> WaitFor(const std::function<void(std::function<void(Result<void>)>)>& submit) {
  std::promise<Result<void>> promise;
  submit([&](Result<void> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

}  // namespace kefu::http
