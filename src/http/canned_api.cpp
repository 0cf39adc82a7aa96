// REST API of canned replies (docs/protocol.md, "Canned replies"): team and personal replies,
// their categories, import and export. Team replies and categories are edited by supervisors and
// administrators; a personal reply is seen and edited by its owner only (anyone else is told it
// does not exist, so that ids do not leak). Every handler is blocking work run on the blocking
// pool: reads, validation and the writes they wait for.
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/canned_replies.hpp"
#include "http/rest.hpp"
#include "http/router.hpp"
#include "realtime/offload.hpp"

namespace kefu::http {
namespace {

namespace beast_http = boost::beast::http;
namespace json = boost::json;
using realtime::Principal;
using storage::CannedCategory;
using storage::CannedReply;
using Status = beast_http::status;

constexpr std::size_t kMaxQueryBytes = 200;

bool IsEditor(const Principal& who) {
  return who.role != engine::Role::kAgent;
}

Response Forbidden(const Request& request) {
  return ErrorResponse(request, ErrorCode::kForbidden,
                       "team canned replies and categories are edited by supervisors and admins");
}

json::object ReplyJson(const CannedReply& r, const Principal& who) {
  return {
      {"id", r.id},
      {"code", r.code},
      {"title", r.title},
      {"text", r.text},
      {"category_id", r.category_id.empty() ? json::value(nullptr) : json::value(r.category_id)},
      {"scope", r.personal() ? "personal" : "team"},
      {"updated_at", r.updated_at},
      {"editable", r.personal() ? r.owner_id == who.user_id : IsEditor(who)}};
}

json::object CategoryJson(const CannedCategory& c) {
  return {{"id", c.id}, {"name", c.name}, {"position", c.position}};
}

// "team" or "personal"; `fallback` when absent.
Result<bool> ParsePersonal(const std::optional<std::string>& scope, bool fallback) {
  if (!scope) return fallback;
  if (*scope == "personal") return true;
  if (*scope == "team") return false;
  return Fail(ErrorCode::kBadFrame, "scope must be team or personal");
}

// Byte-wise containment after ASCII lowercasing: enough for codes, titles and Chinese text.
bool Contains(std::string_view haystack, std::string_view needle) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != haystack.end();
}

Result<std::vector<CannedCategory>> Categories(storage::Store& store, const Principal& who) {
  return store.ListCannedCategories(who.tenant_id);
}

// The reply with `id` as `who` may see it: another agent's personal reply is not found.
Result<CannedReply> Visible(storage::Store& store, const Principal& who, const std::string& id) {
  auto found = store.FindCannedReply(who.tenant_id, id);
  if (!found) return Unexpected{found.error()};
  if (!*found || ((*found)->personal() && (*found)->owner_id != who.user_id)) {
    return Fail(ErrorCode::kNotFound, "no such canned reply");
  }
  return std::move(**found);
}

class CannedHandlers {
 public:
  CannedHandlers(storage::Store& store, Millis now, const Request& request, const Principal& who)
      : store_(store), now_(now), request_(request), who_(who) {}

  Response Dispatch() {
    const std::string path(PathOf(request_));
    const auto method = request_.method();
    using beast_http::verb;
    if (path == "/api/canned-replies") {
      if (method == verb::get) return List();
      if (method == verb::post) return Save(std::nullopt);
    } else if (path == "/api/canned-replies/import" && method == verb::post) {
      return Import();
    } else if (path == "/api/canned-replies/export" && method == verb::get) {
      return Export();
    } else if (path.starts_with("/api/canned-replies/")) {
      auto tail = Tail(request_, "/api/canned-replies");
      if (tail.size() == 1 && !tail[0].empty()) {
        if (method == verb::put) return Save(tail[0]);
        if (method == verb::delete_) return Delete(tail[0]);
      }
    } else if (path == "/api/canned-categories") {
      if (method == verb::get) return ListCategories();
      if (method == verb::post) return SaveCategory(std::nullopt);
    } else if (path.starts_with("/api/canned-categories/")) {
      auto tail = Tail(request_, "/api/canned-categories");
      if (tail.size() == 1 && !tail[0].empty()) {
        if (method == verb::patch) return SaveCategory(tail[0]);
        if (method == verb::delete_) return DeleteCategory(tail[0]);
      }
    }
    return ErrorResponse(request_, ErrorCode::kNotFound, "no such API endpoint");
  }

 private:
  Response Json(Status status, json::object body) const {
    return JsonResponse(request_, status, body);
  }
  Response Failed(const Error& error) const { return ErrorResponse(request_, error); }

  Response List() {
    auto personal = QueryParam(request_, "scope");
    auto category = QueryParam(request_, "category");
    const auto q = QueryParam(request_, "q").value_or("");
    if (q.size() > kMaxQueryBytes) {
      return ErrorResponse(request_, ErrorCode::kBadFrame, "'q' is too long");
    }
    std::optional<bool> only_personal;
    if (personal) {
      auto parsed = ParsePersonal(personal, false);
      if (!parsed) return Failed(parsed.error());
      only_personal = *parsed;
    }
    auto replies = store_.ListCannedReplies(who_.tenant_id, who_.user_id);
    if (!replies) return Failed(replies.error());
    json::array list;
    for (const auto& r : *replies) {
      if (only_personal && r.personal() != *only_personal) continue;
      // "none" selects the uncategorised replies.
      if (category && r.category_id != (*category == "none" ? "" : *category)) continue;
      if (!q.empty() && !Contains(r.code, q) && !Contains(r.title, q) && !Contains(r.text, q)) {
        continue;
      }
      list.push_back(ReplyJson(r, who_));
    }
    return Json(Status::ok, {{"canned_replies", std::move(list)}});
  }

  // Reads the editable fields of a reply from the body into `reply`.
  Result<void> ReadReply(const json::object& body, CannedReply& reply) {
    for (const auto& [key, value] : body) {
      if (key == "id" || key == "scope" || key == "editable" || key == "updated_at") continue;
      if (key == "code" || key == "title" || key == "text") {
        if (!value.is_string()) {
          return Fail(ErrorCode::kBadFrame, "'" + std::string(key) + "' must be a string");
        }
        std::string text(value.get_string());
        (key == "code" ? reply.code : key == "title" ? reply.title : reply.text) = std::move(text);
      } else if (key == "category_id") {
        if (!value.is_null() && !value.is_string()) {
          return Fail(ErrorCode::kBadFrame, "'category_id' must be a category id or null");
        }
        reply.category_id = value.is_null() ? "" : std::string(value.get_string());
      } else {
        return Fail(ErrorCode::kBadFrame, "unknown field '" + std::string(key) + "'");
      }
    }
    if (auto valid = canned::Normalize(reply); !valid) return valid;
    if (reply.category_id.empty()) return {};
    auto categories = Categories(store_, who_);
    if (!categories) return Unexpected{categories.error()};
    if (std::none_of(categories->begin(), categories->end(),
                     [&](const auto& c) { return c.id == reply.category_id; })) {
      return Fail(ErrorCode::kBadFrame, "'category_id' is not a category of this tenant");
    }
    return {};
  }

  Response Save(const std::optional<std::string>& id) {
    auto body = ParseBody(request_);
    if (!body) return Failed(body.error());
    CannedReply reply;
    if (id) {
      auto existing = Visible(store_, who_, *id);
      if (!existing) return Failed(existing.error());
      reply = std::move(*existing);
    } else {
      const auto* scope = body->if_contains("scope");
      std::optional<std::string> name;
      if (scope != nullptr && scope->is_string()) name = std::string(scope->get_string());
      if (scope != nullptr && !scope->is_string()) name = "";
      auto personal = ParsePersonal(name, true);
      if (!personal) return Failed(personal.error());
      reply.id = NewId("cr");
      reply.owner_id = *personal ? who_.user_id : "";
      if (!body->contains("code") || !body->contains("text")) {
        return ErrorResponse(request_, ErrorCode::kBadFrame, "'code' and 'text' are required");
      }
    }
    if (!reply.personal() && !IsEditor(who_)) return Forbidden(request_);
    if (auto read = ReadReply(*body, reply); !read) return Failed(read.error());
    reply.updated_at = now_;
    auto stored = WaitFor([&](storage::Done done) {
      if (id) {
        store_.UpdateCannedReply(who_.tenant_id, reply, std::move(done));
      } else {
        store_.CreateCannedReply(who_.tenant_id, reply, std::move(done));
      }
    });
    if (!stored) return Failed(stored.error());
    log::Info("event=canned_reply_saved tenant={} reply={} personal={} by={}", who_.tenant_id,
              reply.id, reply.personal(), who_.user_id);
    return Json(id ? Status::ok : Status::created, {{"canned_reply", ReplyJson(reply, who_)}});
  }

  Response Delete(const std::string& id) {
    auto existing = Visible(store_, who_, id);
    if (!existing) return Failed(existing.error());
    if (!existing->personal() && !IsEditor(who_)) return Forbidden(request_);
    auto deleted = WaitFor([&](storage::Done done) {
      store_.DeleteCannedReply(who_.tenant_id, id, existing->owner_id, std::move(done));
    });
    if (!deleted) return Failed(deleted.error());
    log::Info("event=canned_reply_deleted tenant={} reply={} by={}", who_.tenant_id, id,
              who_.user_id);
    return Json(Status::ok, {{"status", "deleted"}});
  }

  Response ListCategories() {
    auto categories = Categories(store_, who_);
    if (!categories) return Failed(categories.error());
    json::array list;
    for (const auto& c : *categories) list.push_back(CategoryJson(c));
    return Json(Status::ok, {{"categories", std::move(list)}});
  }

  Response SaveCategory(const std::optional<std::string>& id) {
    if (!IsEditor(who_)) return Forbidden(request_);
    auto body = ParseBody(request_);
    if (!body) return Failed(body.error());
    const auto* field = body->if_contains("name");
    if (field == nullptr || !field->is_string()) {
      return ErrorResponse(request_, ErrorCode::kBadFrame, "'name' must be a string");
    }
    auto name = canned::CategoryName(field->get_string());
    if (!name) return Failed(name.error());
    CannedCategory category{id.value_or(NewId("cc")), *name, 0};
    auto stored = WaitFor([&](storage::Done done) {
      if (id) {
        store_.RenameCannedCategory(who_.tenant_id, *id, *name, std::move(done));
      } else {
        store_.CreateCannedCategory(who_.tenant_id, category, std::move(done));
      }
    });
    if (!stored) return Failed(stored.error());
    auto categories = Categories(store_, who_);
    if (!categories) return Failed(categories.error());
    for (const auto& c : *categories) {
      if (c.id == category.id) category = c;
    }
    return Json(id ? Status::ok : Status::created, {{"category", CategoryJson(category)}});
  }

  Response DeleteCategory(const std::string& id) {
    if (!IsEditor(who_)) return Forbidden(request_);
    auto deleted = WaitFor([&](storage::Done done) {
      store_.DeleteCannedCategory(who_.tenant_id, id, std::move(done));
    });
    if (!deleted) return Failed(deleted.error());
    return Json(Status::ok, {{"status", "deleted"}});
  }

  // Team imports by editors create missing categories; an agent's personal import may only use
  // existing ones (agents do not manage categories).
  Response Import() {
    auto format = canned::ParseFormat(QueryParam(request_, "format").value_or(""));
    if (!format) return Failed(format.error());
    auto personal = ParsePersonal(QueryParam(request_, "scope"), false);
    if (!personal) return Failed(personal.error());
    if (!*personal && !IsEditor(who_)) return Forbidden(request_);
    auto parsed = canned::ParseImport(request_.body(), *format);
    if (!parsed) return Failed(parsed.error());
    auto categories = Categories(store_, who_);
    auto existing = store_.ListCannedReplies(who_.tenant_id, *personal ? who_.user_id : "");
    if (!categories) return Failed(categories.error());
    if (!existing) return Failed(existing.error());
    const std::string owner = *personal ? who_.user_id : "";
    std::set<std::string> codes;
    for (const auto& r : *existing) {
      if (r.owner_id == owner) codes.insert(r.code);
    }
    std::map<std::string, std::string> by_name;
    for (const auto& c : *categories) by_name.emplace(c.name, c.id);

    std::vector<canned::RowError> errors = std::move(parsed->errors);
    std::vector<CannedReply> replies;
    std::vector<CannedCategory> new_categories;
    std::size_t updated = 0;
    for (auto& row : parsed->rows) {
      if (!row.category.empty() && !by_name.contains(row.category)) {
        if (*personal) {
          errors.push_back({row.line, "category '" + row.category + "' does not exist"});
          continue;
        }
        new_categories.push_back({NewId("cc"), row.category, 0});
        by_name.emplace(row.category, new_categories.back().id);
      }
      row.reply.id = NewId("cr");
      row.reply.owner_id = owner;
      row.reply.category_id = row.category.empty() ? "" : by_name.at(row.category);
      row.reply.updated_at = now_;
      updated += codes.contains(row.reply.code) ? 1 : 0;
      replies.push_back(std::move(row.reply));
    }
    for (const auto& category : new_categories) {
      auto stored = WaitFor([&](storage::Done done) {
        store_.CreateCannedCategory(who_.tenant_id, category, std::move(done));
      });
      if (!stored) return Failed(stored.error());
    }
    const std::size_t accepted = replies.size();
    auto stored = WaitFor([&](storage::Done done) {
      store_.PutCannedReplies(who_.tenant_id, std::move(replies), std::move(done));
    });
    if (!stored) return Failed(stored.error());
    std::sort(errors.begin(), errors.end(),
              [](const auto& a, const auto& b) { return a.line < b.line; });
    json::array error_list;
    for (const auto& e : errors) {
      error_list.push_back({{"line", e.line}, {"reason", e.reason}});
    }
    json::array created_categories;
    for (const auto& c : new_categories) created_categories.push_back(json::string(c.name));
    log::Info("event=canned_imported tenant={} personal={} accepted={} rejected={} by={}",
              who_.tenant_id, *personal, accepted, errors.size(), who_.user_id);
    return Json(Status::ok, {{"rows", parsed->seen},
                             {"accepted", accepted},
                             {"created", accepted - updated},
                             {"updated", updated},
                             {"rejected", errors.size()},
                             {"categories_created", std::move(created_categories)},
                             {"errors", std::move(error_list)}});
  }

  Response Export() {
    auto format = canned::ParseFormat(QueryParam(request_, "format").value_or("csv"));
    if (!format) return Failed(format.error());
    auto personal = ParsePersonal(QueryParam(request_, "scope"), false);
    if (!personal) return Failed(personal.error());
    auto categories = Categories(store_, who_);
    auto replies = store_.ListCannedReplies(who_.tenant_id, *personal ? who_.user_id : "");
    if (!categories) return Failed(categories.error());
    if (!replies) return Failed(replies.error());
    std::erase_if(*replies, [&](const auto& r) { return r.personal() != *personal; });
    std::map<std::string, std::string> names;
    for (const auto& c : *categories) names.emplace(c.id, c.name);
    const bool csv = *format == canned::Format::kCsv;
    const std::string file = std::string("canned-replies-") + (*personal ? "personal" : "team") +
                             (csv ? ".csv" : ".jsonl");
    Response response{Status::ok, request_.version()};
    response.set(beast_http::field::content_type,
                 csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
    response.set(beast_http::field::content_disposition, "attachment; filename=\"" + file + "\"");
    response.set(beast_http::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.body() = canned::Export(*replies, names, *format);
    return response;
  }

  storage::Store& store_;
  const Millis now_;
  const Request& request_;
  const Principal& who_;
};

}  // namespace

boost::asio::awaitable<Response> Router::CannedApi(const Request& request, const Principal& who) {
  co_return co_await realtime::Offload(hub_.blocking(), [&] {
    return CannedHandlers(hub_.store(), hub_.clock().Now(), request, who).Dispatch();
  });
}

}  // namespace kefu::http
