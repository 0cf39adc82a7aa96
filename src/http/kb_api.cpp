// REST API of the knowledge base and the bot (docs/protocol.md, "Knowledge base and bot"):
// entries, categories, import jobs, export, knowledge gaps, bot settings and bot-first queues.
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <future>
#include <map>

#include "bot/bot_settings.hpp"
#include "bot/kb_import.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/kb_imports.hpp"
#include "http/rest.hpp"
#include "http/router.hpp"
#include "protocol/codec.hpp"
#include "realtime/offload.hpp"
#include "text/utf8.hpp"

namespace kefu::http {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
namespace json = boost::json;
using asio::awaitable;
using realtime::Await;
using realtime::Offload;
using realtime::Principal;
using Status = beast_http::status;

constexpr long kMaxPage = 200;
constexpr std::size_t kMaxQuestionChars = 500;
constexpr std::size_t kSaveBatch = 1000;

bool IsEditor(const Principal& who) {
  return who.role != engine::Role::kAgent;
}

json::object EntryJson(const bot::KbEntry& entry, const storage::KbRatings* ratings) {
  json::object o = bot::KbEntryToJson(entry);
  for (const char* key : {"valid_from", "valid_to"}) {
    if (o[key].as_string().empty()) o[key] = nullptr;
  }
  o["helpful"] = ratings ? ratings->helpful : 0;
  o["not_helpful"] = ratings ? ratings->not_helpful : 0;
  return o;
}

Response Json(const Request& request, Status status, json::object body) {
  return JsonResponse(request, status, body);
}

}  // namespace

awaitable<Response> Router::KnowledgeApi(const Request& request, const Principal& who) {
  const std::string path(PathOf(request));
  const auto method = request.method();
  using beast_http::verb;
  if (path == "/api/bot/settings") {
    if (method == verb::get) co_return co_await GetBotSettings(request, who);
    if (method == verb::put) co_return co_await PutBotSettings(request, who);
  } else if (path == "/api/kb/entries") {
    if (method == verb::get) co_return co_await ListEntries(request, who);
    if (method == verb::post) co_return co_await SaveEntry(request, who, std::nullopt);
  } else if (path.starts_with("/api/kb/entries/")) {
    auto tail = Tail(request, "/api/kb/entries");
    if (tail.size() == 1 && !tail[0].empty()) {
      if (method == verb::get) co_return co_await GetEntry(request, who, tail[0]);
      if (method == verb::put) co_return co_await SaveEntry(request, who, tail[0]);
      if (method == verb::delete_) co_return co_await DeleteEntry(request, who, tail[0]);
    } else if (tail.size() == 2 && tail[1] == "similar" && method == verb::post) {
      co_return co_await AddSimilar(request, who, tail[0]);
    }
  } else if (path == "/api/kb/categories") {
    if (method == verb::get) co_return co_await ListCategories(request, who);
    if (method == verb::post) co_return co_await CreateCategory(request, who);
  } else if (path.starts_with("/api/kb/categories/") && method == verb::delete_) {
    auto tail = Tail(request, "/api/kb/categories");
    if (tail.size() == 1) co_return co_await DeleteCategory(request, who, tail[0]);
  } else if (path == "/api/kb/import" && method == verb::post) {
    co_return co_await StartImport(request, who);
  } else if (path.starts_with("/api/kb/import/") && method == verb::get) {
    auto tail = Tail(request, "/api/kb/import");
    if (tail.size() == 1) co_return ImportStatus(request, who, tail[0]);
  } else if (path == "/api/kb/export" && method == verb::get) {
    co_return co_await Export(request, who);
  } else if (path == "/api/kb/gaps") {
    if (method == verb::get) co_return co_await ListGaps(request, who);
    if (method == verb::delete_) co_return co_await DeleteGap(request, who);
  }
  co_return ErrorResponse(request, ErrorCode::kNotFound, "no such API endpoint");
}

awaitable<Response> Router::ListEntries(const Request& request, const Principal& who) {
  auto offset = QueryInteger(request, "offset", 0, 1'000'000);
  auto limit = QueryInteger(request, "limit", 50, kMaxPage);
  for (auto* r : {&offset, &limit}) {
    if (!*r) co_return ErrorResponse(request, r->error());
  }
  const auto q = QueryParam(request, "q").value_or("");
  const auto category = QueryParam(request, "category");
  if (text::CodePointCount(q) > kMaxQuestionChars) {
    co_return ErrorResponse(request, ErrorCode::kBadFrame, "'q' is too long");
  }
  auto result = co_await Offload(hub_.blocking(), [&]() -> Result<json::object> {
    auto entries = hub_.store().ListKbEntries(who.tenant_id);
    if (!entries) return Unexpected{entries.error()};
    auto ratings = hub_.store().ListKbRatings(who.tenant_id);
    if (!ratings) return Unexpected{ratings.error()};
    std::map<std::string, storage::KbRatings> by_entry;
    for (auto& r : *ratings) by_entry.emplace(r.entry_id, r);

    std::vector<std::pair<const bot::KbEntry*, double>> rows;
    if (!q.empty()) {
      auto knowledge = hub_.KnowledgeOf(who.tenant_id);
      if (!knowledge) return Unexpected{knowledge.error()};
      // Ranked hits first (the bot's view: active entries), then entries that merely contain
      // the words, disabled or expired ones included, so that an editor finds everything.
      std::map<std::string, double> confidence;
      for (const auto& hit : (*knowledge)->Search(q, hub_.clock().Now(), kMaxPage)) {
        confidence.emplace(hit.entry.id, hit.confidence);
      }
      const std::string needle = (*knowledge)->Normalize(q);
      for (const auto& e : *entries) {
        auto it = confidence.find(e.id);
        bool contains = false;
        if (it == confidence.end() && !needle.empty()) {
          contains = (*knowledge)->Normalize(e.question).find(needle) != std::string::npos ||
                     (*knowledge)->Normalize(e.answer).find(needle) != std::string::npos;
          for (const auto& s : e.similar) {
            contains = contains || (*knowledge)->Normalize(s).find(needle) != std::string::npos;
          }
        }
        if (it != confidence.end() || contains) {
          rows.emplace_back(&e, it == confidence.end() ? 0.0 : it->second);
        }
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
    } else {
      for (const auto& e : *entries) rows.emplace_back(&e, 0.0);
      std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first->category, a.first->question, a.first->id) <
               std::tie(b.first->category, b.first->question, b.first->id);
      });
    }
    if (category) {
      std::erase_if(rows, [&](const auto& row) { return row.first->category != *category; });
    }
    json::array list;
    for (std::size_t i = static_cast<std::size_t>(*offset);
         i < rows.size() && list.size() < static_cast<std::size_t>(*limit); ++i) {
      auto it = by_entry.find(rows[i].first->id);
      auto o = EntryJson(*rows[i].first, it == by_entry.end() ? nullptr : &it->second);
      if (!q.empty()) o["confidence"] = rows[i].second;
      list.push_back(std::move(o));
    }
    return json::object{{"entries", std::move(list)}, {"total", rows.size()}};
  });
  if (!result) co_return ErrorResponse(request, result.error());
  co_return Json(request, Status::ok, std::move(*result));
}

awaitable<Response> Router::GetEntry(const Request& request, const Principal& who, std::string id) {
  auto found = co_await Offload(hub_.blocking(), [&]() -> Result<json::object> {
    auto entry = hub_.store().FindKbEntry(who.tenant_id, id);
    if (!entry) return Unexpected{entry.error()};
    if (!*entry) return Fail(ErrorCode::kNotFound, "no such entry");
    auto ratings = hub_.store().ListKbRatings(who.tenant_id);
    if (!ratings) return Unexpected{ratings.error()};
    const storage::KbRatings* mine = nullptr;
    for (const auto& r : *ratings) {
      if (r.entry_id == id) mine = &r;
    }
    return json::object{{"entry", EntryJson(**entry, mine)}};
  });
  if (!found) co_return ErrorResponse(request, found.error());
  co_return Json(request, Status::ok, std::move(*found));
}

awaitable<Response> Router::SaveEntry(const Request& request, const Principal& who,
                                      std::optional<std::string> id) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  body->erase("id");
  auto entry = bot::KbEntryFromJson(*body);
  if (!entry) co_return ErrorResponse(request, entry.error());
  entry->id = id ? *id : NewId("kb");
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<void> {
    if (id) {
      auto existing = hub_.store().FindKbEntry(who.tenant_id, *id);
      if (!existing) return Unexpected{existing.error()};
      if (!*existing) return Fail(ErrorCode::kNotFound, "no such entry");
    }
    auto knowledge = hub_.KnowledgeOf(who.tenant_id);
    if (!knowledge) return Unexpected{knowledge.error()};
    auto stored = WaitFor([&](storage::Done done) {
      hub_.store().PutKbEntries(who.tenant_id, {*entry}, hub_.clock().Now(), std::move(done));
    });
    if (!stored) return stored;
    (*knowledge)->Upsert(*entry);
    return {};
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  log::Info("event=kb_entry_saved tenant={} entry={} by={}", who.tenant_id, entry->id, who.user_id);
  co_return Json(request, id ? Status::ok : Status::created,
                 {{"entry", EntryJson(*entry, nullptr)}});
}

awaitable<Response> Router::DeleteEntry(const Request& request, const Principal& who,
                                        std::string id) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto deleted = co_await Offload(hub_.blocking(), [&]() -> Result<void> {
    auto knowledge = hub_.KnowledgeOf(who.tenant_id);
    if (!knowledge) return Unexpected{knowledge.error()};
    auto stored = WaitFor([&](storage::Done done) {
      hub_.store().DeleteKbEntry(who.tenant_id, id, std::move(done));
    });
    if (!stored) return stored;
    (*knowledge)->Remove(id);
    return {};
  });
  if (!deleted) co_return ErrorResponse(request, deleted.error());
  log::Info("event=kb_entry_deleted tenant={} entry={} by={}", who.tenant_id, id, who.user_id);
  co_return Json(request, Status::ok, {{"status", "deleted"}});
}

awaitable<Response> Router::AddSimilar(const Request& request, const Principal& who,
                                       std::string id) {
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto question = StringField(*body, "question", 1, kMaxQuestionChars * 4);
  if (!question) co_return ErrorResponse(request, question.error());
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<bot::KbEntry> {
    auto knowledge = hub_.KnowledgeOf(who.tenant_id);
    if (!knowledge) return Unexpected{knowledge.error()};
    auto found = hub_.store().FindKbEntry(who.tenant_id, id);
    if (!found) return Unexpected{found.error()};
    if (!*found) return Fail(ErrorCode::kNotFound, "no such entry");
    bot::KbEntry entry = std::move(**found);
    // Questions are compared in matching form: 「怎么改密码？」 and 「怎么改密码」 are one.
    const std::string key = (*knowledge)->Normalize(*question);
    if (key.empty()) return Fail(ErrorCode::kBadFrame, "'question' has no words");
    if ((*knowledge)->Normalize(entry.question) == key) {
      return Fail(ErrorCode::kConflict, "this is the entry's standard question");
    }
    for (const auto& s : entry.similar) {
      if ((*knowledge)->Normalize(s) == key) {
        return Fail(ErrorCode::kConflict, "the entry already has this question");
      }
    }
    std::string line = *question;
    std::replace(line.begin(), line.end(), '\n', ' ');
    std::replace(line.begin(), line.end(), '\r', ' ');
    entry.similar.push_back(std::move(line));
    if (auto valid = bot::ValidateKbEntry(entry); !valid) return Unexpected{valid.error()};
    auto stored = WaitFor([&](storage::Done done) {
      hub_.store().PutKbEntries(who.tenant_id, {entry}, hub_.clock().Now(), std::move(done));
    });
    if (!stored) return Unexpected{stored.error()};
    (*knowledge)->Upsert(entry);
    return entry;
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  log::Info("event=kb_similar_added tenant={} entry={} by={}", who.tenant_id, id, who.user_id);
  co_return Json(request, Status::ok, {{"entry", EntryJson(*saved, nullptr)}});
}

awaitable<Response> Router::ListCategories(const Request& request, const Principal& who) {
  auto result = co_await Offload(hub_.blocking(), [&]() -> Result<json::object> {
    auto names = hub_.store().ListKbCategories(who.tenant_id);
    if (!names) return Unexpected{names.error()};
    auto entries = hub_.store().ListKbEntries(who.tenant_id);
    if (!entries) return Unexpected{entries.error()};
    std::map<std::string, std::size_t> counts;
    for (const auto& name : *names) counts[name] = 0;
    for (const auto& e : *entries) {
      if (!e.category.empty()) ++counts[e.category];
    }
    json::array list;
    for (const auto& [name, n] : counts) list.push_back({{"name", name}, {"entries", n}});
    return json::object{{"categories", std::move(list)}};
  });
  if (!result) co_return ErrorResponse(request, result.error());
  co_return Json(request, Status::ok, std::move(*result));
}

awaitable<Response> Router::CreateCategory(const Request& request, const Principal& who) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto body = ParseBody(request);
  if (!body) co_return ErrorResponse(request, body.error());
  auto name = StringField(*body, "name", 1, 64 * 4);
  if (!name) co_return ErrorResponse(request, name.error());
  if (text::CodePointCount(*name) > 64 || name->find('\n') != std::string::npos) {
    co_return ErrorResponse(request, ErrorCode::kBadFrame, "'name' must be 1-64 characters");
  }
  auto stored = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().CreateKbCategory(who.tenant_id, *name, std::move(done)); });
  if (!stored) co_return ErrorResponse(request, stored.error());
  co_return Json(request, Status::created, {{"category", {{"name", *name}, {"entries", 0}}}});
}

awaitable<Response> Router::DeleteCategory(const Request& request, const Principal& who,
                                           std::string name) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto deleted = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().DeleteKbCategory(who.tenant_id, name, std::move(done)); });
  if (!deleted) co_return ErrorResponse(request, deleted.error());
  co_return Json(request, Status::ok, {{"status", "deleted"}});
}

awaitable<Response> Router::StartImport(const Request& request, const Principal& who) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto format_name = QueryParam(request, "format");
  if (!format_name) {
    co_return ErrorResponse(request, ErrorCode::kBadFrame, "'format' must be csv or jsonl");
  }
  auto format = bot::ParseKbFormat(*format_name);
  if (!format) co_return ErrorResponse(request, format.error());
  if (request.body().size() > bot::kMaxImportBytes) {
    co_return ErrorResponse(request, ErrorCode::kFrameTooLarge, "the file is larger than 32 MiB");
  }
  auto job = imports_->Create(who.tenant_id, *format_name, hub_.clock().Now());
  // The job owns a copy of the file and runs on the blocking pool; the caller polls it.
  asio::post(hub_.blocking(),
             [this, job, tenant_id = who.tenant_id, format = *format, contents = request.body(),
              user = who.user_id] { RunImport(job, tenant_id, format, contents, user); });
  co_return Json(request, Status::accepted, {{"job", job->ToJson()}});
}

void Router::RunImport(const std::shared_ptr<ImportJob>& job, const std::string& tenant_id,
                       bot::KbFormat format, const std::string& contents,
                       const std::string& user_id) {
  // Until parsed, the rows are estimated by lines (a CSV header is one; quoted cells may span
  // several).
  const auto lines = static_cast<std::size_t>(std::count(contents.begin(), contents.end(), '\n'));
  const auto estimate = format == bot::KbFormat::kCsv && lines > 0 ? lines - 1 : lines;
  job->Update([&](ImportJob::Progress& p) { p.rows = std::max<std::size_t>(estimate, 1); });
  auto parsed = bot::ParseKbImport(contents, format, [&](std::size_t rows) {
    job->Update([&](ImportJob::Progress& p) {
      p.processed = rows;
      p.rows = std::max(p.rows, rows);
    });
  });
  if (!parsed) {
    job->Fail(parsed.error().message, hub_.clock().Now());
    return;
  }
  auto knowledge = hub_.KnowledgeOf(tenant_id);
  auto existing = hub_.store().ListKbEntries(tenant_id);
  if (!knowledge || !existing) {
    job->Fail(!knowledge ? knowledge.error().message : existing.error().message,
              hub_.clock().Now());
    return;
  }
  // A row without an id updates the entry with the same standard question, so that importing
  // a file twice does not double the knowledge base; otherwise it is a new entry.
  std::map<std::string, std::string> by_question;
  for (const auto& e : *existing) by_question.emplace((*knowledge)->Normalize(e.question), e.id);
  for (auto& entry : parsed->entries) {
    if (!entry.id.empty()) continue;
    auto it = by_question.find((*knowledge)->Normalize(entry.question));
    entry.id = it != by_question.end() ? it->second : NewId("kb");
  }
  job->Update([&](ImportJob::Progress& p) {
    p.state = "saving";
    p.rows = parsed->rows;
    p.processed = parsed->rows;
    p.accepted = parsed->entries.size();
    p.rejected = parsed->errors.size();
    p.errors = parsed->errors;
  });
  // Saved in batches so that progress moves and no single transaction holds the writer long.
  for (std::size_t begin = 0; begin < parsed->entries.size(); begin += kSaveBatch) {
    const auto end = std::min(parsed->entries.size(), begin + kSaveBatch);
    std::vector<bot::KbEntry> batch(parsed->entries.begin() + static_cast<std::ptrdiff_t>(begin),
                                    parsed->entries.begin() + static_cast<std::ptrdiff_t>(end));
    auto stored = WaitFor([&](storage::Done done) {
      hub_.store().PutKbEntries(tenant_id, std::move(batch), hub_.clock().Now(), std::move(done));
    });
    if (!stored) {
      job->Fail(
          "saving failed after " + std::to_string(begin) + " entries: " + stored.error().message,
          hub_.clock().Now());
      return;
    }
    job->Update([&](ImportJob::Progress& p) { p.saved = end; });
  }
  auto all = hub_.store().ListKbEntries(tenant_id);
  if (!all) {
    job->Fail(all.error().message, hub_.clock().Now());
    return;
  }
  (*knowledge)->Rebuild(std::move(*all));
  job->Update([&](ImportJob::Progress& p) {
    p.state = "done";
    p.finished_at = hub_.clock().Now();
  });
  log::Info("event=kb_imported tenant={} accepted={} rejected={} by={}", tenant_id,
            parsed->entries.size(), parsed->errors.size(), user_id);
}

Response Router::ImportStatus(const Request& request, const Principal& who, const std::string& id) {
  if (!IsEditor(who)) {
    return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto job = imports_->Find(who.tenant_id, id, hub_.clock().Now());
  if (!job) return ErrorResponse(request, ErrorCode::kNotFound, "no such import job");
  return Json(request, Status::ok, {{"job", job->ToJson()}});
}

awaitable<Response> Router::Export(const Request& request, const Principal& who) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto format_name = QueryParam(request, "format").value_or("csv");
  auto format = bot::ParseKbFormat(format_name);
  if (!format) co_return ErrorResponse(request, format.error());
  auto file = co_await Offload(hub_.blocking(), [&]() -> Result<std::string> {
    auto entries = hub_.store().ListKbEntries(who.tenant_id);
    if (!entries) return Unexpected{entries.error()};
    return bot::ExportKb(*entries, *format);
  });
  if (!file) co_return ErrorResponse(request, file.error());
  const bool csv = *format == bot::KbFormat::kCsv;
  Response response{Status::ok, request.version()};
  response.set(beast_http::field::content_type,
               csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
  response.set(beast_http::field::content_disposition,
               csv ? "attachment; filename=\"knowledge-base.csv\""
                   : "attachment; filename=\"knowledge-base.jsonl\"");
  response.set(beast_http::field::cache_control, "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.body() = std::move(*file);
  co_return response;
}

awaitable<Response> Router::ListGaps(const Request& request, const Principal& who) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto limit = QueryInteger(request, "limit", 100, 1000);
  if (!limit) co_return ErrorResponse(request, limit.error());
  auto result = co_await Offload(hub_.blocking(), [&]() -> Result<json::object> {
    auto gaps = hub_.store().ListKbGaps(who.tenant_id, static_cast<std::size_t>(*limit));
    if (!gaps) return Unexpected{gaps.error()};
    auto entries = hub_.store().ListKbEntries(who.tenant_id);
    if (!entries) return Unexpected{entries.error()};
    std::map<std::string, std::string> questions;
    for (const auto& e : *entries) questions.emplace(e.id, e.question);
    json::array list;
    for (const auto& g : *gaps) {
      auto it = questions.find(g.best_entry_id);
      list.push_back({{"key", g.key},
                      {"question", g.question},
                      {"count", g.count},
                      {"best_entry_id", g.best_entry_id.empty() || it == questions.end()
                                            ? json::value(nullptr)
                                            : json::value(g.best_entry_id)},
                      {"best_question",
                       it == questions.end() ? json::value(nullptr) : json::value(it->second)},
                      {"best_confidence", g.best_confidence},
                      {"first_at", g.first_at},
                      {"last_at", g.last_at}});
    }
    return json::object{{"gaps", std::move(list)}};
  });
  if (!result) co_return ErrorResponse(request, result.error());
  co_return Json(request, Status::ok, std::move(*result));
}

awaitable<Response> Router::DeleteGap(const Request& request, const Principal& who) {
  if (!IsEditor(who)) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "supervisors and admins only");
  }
  auto key = QueryParam(request, "key");
  if (!key) co_return ErrorResponse(request, ErrorCode::kBadFrame, "'key' is required");
  auto deleted = co_await Await<Result<void>>(
      [&](auto done) { hub_.store().DeleteKbGap(who.tenant_id, *key, std::move(done)); });
  if (!deleted) co_return ErrorResponse(request, deleted.error());
  co_return Json(request, Status::ok, {{"status", "deleted"}});
}

awaitable<Response> Router::GetBotSettings(const Request& request, const Principal& who) {
  auto knowledge =
      co_await Offload(hub_.blocking(), [&] { return hub_.KnowledgeOf(who.tenant_id); });
  if (!knowledge) co_return ErrorResponse(request, knowledge.error());
  auto settings = json::parse(bot::SerializeBotSettings((*knowledge)->settings()));
  co_return Json(request, Status::ok, {{"settings", std::move(settings)}});
}

awaitable<Response> Router::PutBotSettings(const Request& request, const Principal& who) {
  if (who.role != engine::Role::kAdmin) {
    co_return ErrorResponse(request, ErrorCode::kForbidden, "administrators only");
  }
  auto settings = bot::ParseBotSettings(request.body());
  if (!settings) co_return ErrorResponse(request, settings.error());
  const std::string document = bot::SerializeBotSettings(*settings);
  auto saved = co_await Offload(hub_.blocking(), [&]() -> Result<void> {
    if (!settings->handoff_routes.empty()) {
      auto queues = hub_.store().ListQueues(who.tenant_id);
      if (!queues) return Unexpected{queues.error()};
      for (const auto& route : settings->handoff_routes) {
        const bool known = std::any_of(queues->begin(), queues->end(),
                                       [&](const auto& q) { return q.id == route.queue_id; });
        if (!known) {
          return Fail(ErrorCode::kBadFrame,
                      "'handoff_routes' routes '" + route.category + "' to an unknown queue");
        }
      }
    }
    auto knowledge = hub_.KnowledgeOf(who.tenant_id);
    if (!knowledge) return Unexpected{knowledge.error()};
    auto stored = WaitFor([&](storage::Done done) {
      hub_.store().PutBotSettings(who.tenant_id, document, std::move(done));
    });
    if (!stored) return stored;
    auto entries = hub_.store().ListKbEntries(who.tenant_id);
    if (!entries) return Unexpected{entries.error()};
    (*knowledge)->SetSettings(*settings, std::move(*entries));
    return {};
  });
  if (!saved) co_return ErrorResponse(request, saved.error());
  log::Info("event=bot_settings_saved tenant={} by={}", who.tenant_id, who.user_id);
  co_return Json(request, Status::ok, {{"settings", json::parse(document)}});
}

}  // namespace kefu::http
