#include "http/static_files.hpp"

#include <boost/beast/http.hpp>
#include <fstream>
#include <sstream>

namespace kefu::http {
namespace {

namespace beast_http = boost::beast::http;

std::string_view ContentType(const std::filesystem::path& path) {
  const auto ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

}  // namespace

std::optional<Response> ServeStatic(const std::filesystem::path& root, const Request& request) {
  if (request.method() != beast_http::verb::get && request.method() != beast_http::verb::head) {
    return std::nullopt;
  }
  std::string_view target = request.target();
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target.front() != '/' || target.find("..") != std::string_view::npos ||
      target.find('\0') != std::string_view::npos || target.find('\\') != std::string_view::npos) {
    return std::nullopt;
  }
  std::error_code ec;
  const auto base = std::filesystem::weakly_canonical(root, ec);
  if (ec) return std::nullopt;
  auto path = std::filesystem::weakly_canonical(base / std::string(target.substr(1)), ec);
  if (ec) return std::nullopt;
  // Belt and braces: after resolving links the file must still be inside the web root.
  auto relative = path.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  if (std::filesystem::is_directory(path, ec)) path /= "index.html";
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;

  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  Response response{beast_http::status::ok, request.version()};
  response.set(beast_http::field::content_type, ContentType(path));
  // Built assets carry content hashes in their names; pages and the widget loader must not be
  // cached for long so that an upgrade reaches every visitor.
  const bool hashed = path.string().find("/assets/") != std::string::npos;
  response.set(beast_http::field::cache_control,
               hashed ? "public, max-age=31536000, immutable" : "no-cache");
  response.set("X-Content-Type-Options", "nosniff");
  if (path.extension() == ".html") {
    response.set("Content-Security-Policy",
                 "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                 "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'");
    response.set("X-Frame-Options", "SAMEORIGIN");
  }
  response.body() = body.str();
  if (request.method() == beast_http::verb::head) {
    response.content_length(response.body().size());
    response.body().clear();
  }
  return response;
}

}  // namespace kefu::http
