#include "bot/kb_import.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <limits>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "text/csv.hpp"
#include "text/utf8.hpp"

namespace kefu::bot {
namespace {

namespace json = boost::json;
using text::AppendCsvCell;
using text::CsvReader;
using text::IsValidUtf8;

constexpr std::size_t kMaxQuestionChars = 500;
constexpr std::size_t kMaxAnswerChars = 5000;
constexpr std::size_t kMaxCategoryChars = 64;
constexpr std::size_t kMaxSimilar = 100;
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTagChars = 32;
constexpr std::size_t kProgressEvery = 1000;
constexpr Millis kOpenEnd = std::numeric_limits<Millis>::max();

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// Splits a CSV list cell: one item per line, or "|"-separated; blanks dropped.
std::vector<std::string> SplitList(std::string_view cell) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cell.size(); ++i) {
    if (i == cell.size() || cell[i] == '\n' || cell[i] == '|') {
      auto item = Trim(cell.substr(start, i - start));
      if (!item.empty()) items.emplace_back(item);
      start = i + 1;
    }
  }
  return items;
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return lower;
}

Result<bool> ParseEnabled(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return true;
  const std::string lower = AsciiLower(text);
  for (const char* yes : {"true", "1", "yes", "y", "是", "启用", "啟用"}) {
    if (lower == yes) return true;
  }
  for (const char* no : {"false", "0", "no", "n", "否", "停用", "禁用"}) {
    if (lower == no) return false;
  }
  return Fail(ErrorCode::kBadFrame, "enabled must be true or false, not '" + lower + "'");
}

// Sets the validity dates from their texts; an empty text leaves the open end.
Result<void> SetValidity(std::string_view from, std::string_view to, KbEntry& entry) {
  for (auto [name, text, target] : {std::tuple{"valid_from", from, &entry.valid_from},
                                    std::tuple{"valid_to", to, &entry.valid_to}}) {
    if (text.empty()) continue;
    auto at = ParseKbDate(text);
    if (!at) return Fail(ErrorCode::kBadFrame, std::string(name) + ": " + at.error().message);
    *target = *at;
  }
  return {};
}

// Finishes a row: trims, fills defaults, validates, checks duplicate ids within the file.
void Accept(KbEntry entry, std::size_t line, std::unordered_set<std::string>& ids, KbImport& out) {
  if (auto valid = ValidateKbEntry(entry); !valid) {
    out.errors.push_back({line, valid.error().message});
    return;
  }
  if (!entry.id.empty() && !ids.insert(entry.id).second) {
    out.errors.push_back({line, "id " + entry.id + " appears earlier in the file"});
    return;
  }
  out.entries.push_back(std::move(entry));
}

Result<KbImport> ParseCsv(std::string_view contents,
                          const std::function<void(std::size_t)>& progress) {
  CsvReader reader(contents);
  auto header = text::ReadCsvHeader(reader, {"question", "answer"});
  if (!header) return Unexpected{header.error()};
  KbImport out;
  std::unordered_set<std::string> ids;
  const auto start = [&](std::size_t line) {
    if (++out.rows > kMaxImportRows) {
      out.errors.push_back({line, "more than " + std::to_string(kMaxImportRows) +
                                      " rows; the rest of the file was not read"});
      return false;
    }
    if (progress && out.rows % kProgressEvery == 0) progress(out.rows);
    return true;
  };
  const auto visit = [&](const text::CsvRow& row) {
    const std::size_t line = row.record.line;
    auto cell = [&](std::string_view name) { return row.Cell(name); };
    KbEntry entry;
    entry.id = std::string(Trim(cell("id")));
    entry.question = std::string(Trim(cell("question")));
    entry.similar = SplitList(cell("similar"));
    entry.answer = std::string(Trim(cell("answer")));
    entry.category = std::string(Trim(cell("category")));
    entry.tags = SplitList(cell("tags"));
    auto enabled = ParseEnabled(cell("enabled"));
    if (!enabled) {
      out.errors.push_back({line, enabled.error().message});
      return;
    }
    entry.enabled = *enabled;
    if (auto dates = SetValidity(Trim(cell("valid_from")), Trim(cell("valid_to")), entry); !dates) {
      out.errors.push_back({line, dates.error().message});
      return;
    }
    Accept(std::move(entry), line, ids, out);
  };
  text::ReadCsvRows(reader, *header, start, visit, [&](std::size_t line, std::string reason) {
    out.errors.push_back({line, std::move(reason)});
  });
  if (progress) progress(out.rows);
  return out;
}

// A JSON field as a string; absent or null is empty; any other type is an error.
Result<std::string> StringOf(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return Fail(ErrorCode::kBadFrame, std::string(key) + " must be a string");
  return std::string(Trim(std::string_view(v->get_string())));
}

Result<std::vector<std::string>> ListOf(const json::object& o, std::string_view key) {
  std::vector<std::string> items;
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return items;
  if (!v->is_array()) {
    return Fail(ErrorCode::kBadFrame, std::string(key) + " must be an array of strings");
  }
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) {
      return Fail(ErrorCode::kBadFrame, std::string(key) + " must be an array of strings");
    }
    auto text = Trim(std::string_view(item.get_string()));
    if (!text.empty()) items.emplace_back(text);
  }
  return items;
}

Result<KbEntry> EntryOfJson(const json::object& o) {
  KbEntry entry;
  auto id = StringOf(o, "id");
  auto question = StringOf(o, "question");
  auto answer = StringOf(o, "answer");
  auto category = StringOf(o, "category");
  for (auto* field : {&id, &question, &answer, &category}) {
    if (!*field) return Unexpected{field->error()};
  }
  entry.id = std::move(*id);
  entry.question = std::move(*question);
  entry.answer = std::move(*answer);
  entry.category = std::move(*category);
  auto similar = ListOf(o, "similar");
  if (!similar) return Unexpected{similar.error()};
  entry.similar = std::move(*similar);
  auto tags = ListOf(o, "tags");
  if (!tags) return Unexpected{tags.error()};
  entry.tags = std::move(*tags);
  if (const auto* enabled = o.if_contains("enabled"); enabled && !enabled->is_null()) {
    if (!enabled->is_bool()) return Fail(ErrorCode::kBadFrame, "enabled must be true or false");
    entry.enabled = enabled->get_bool();
  }
  auto from = StringOf(o, "valid_from");
  auto to = StringOf(o, "valid_to");
  for (auto* field : {&from, &to}) {
    if (!*field) return Unexpected{field->error()};
  }
  if (auto dates = SetValidity(*from, *to, entry); !dates) return Unexpected{dates.error()};
  return entry;
}

Result<KbImport> ParseJsonLines(std::string_view contents,
                                const std::function<void(std::size_t)>& progress) {
  KbImport out;
  std::unordered_set<std::string> ids;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < contents.size()) {
    std::size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) end = contents.size();
    const auto text = Trim(contents.substr(start, end - start));
    start = end + 1;
    ++line;
    if (text.empty()) continue;
    if (++out.rows > kMaxImportRows) {
      out.errors.push_back({line, "more than " + std::to_string(kMaxImportRows) +
                                      " rows; the rest of the file was not read"});
      break;
    }
    if (progress && out.rows % kProgressEvery == 0) progress(out.rows);
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) {
      out.errors.push_back({line, "not a JSON object"});
      continue;
    }
    auto entry = EntryOfJson(value.get_object());
    if (!entry) {
      out.errors.push_back({line, entry.error().message});
      continue;
    }
    Accept(std::move(*entry), line, ids, out);
  }
  if (progress) progress(out.rows);
  return out;
}

}  // namespace

Result<KbFormat> ParseKbFormat(std::string_view name) {
  if (name == "csv") return KbFormat::kCsv;
  if (name == "jsonl" || name == "ndjson") return KbFormat::kJsonLines;
  return Fail(ErrorCode::kBadFrame, "format must be csv or jsonl");
}

Result<void> ValidateKbEntry(const KbEntry& entry) {
  auto fail = [](std::string reason) { return Fail(ErrorCode::kBadFrame, std::move(reason)); };
  if (!entry.id.empty() && !IsValidId(entry.id)) {
    return fail("id must be 1-64 letters, digits, '_' or '-'");
  }
  for (const auto* text : {&entry.question, &entry.answer, &entry.category}) {
    if (!IsValidUtf8(*text)) return fail("text is not valid UTF-8");
  }
  if (Trim(entry.question).empty()) return fail("question is empty");
  if (entry.question.find('\n') != std::string::npos) return fail("question has a line break");
  if (text::CodePointCount(entry.question) > kMaxQuestionChars) {
    return fail("question is longer than 500 characters");
  }
  if (Trim(entry.answer).empty()) return fail("answer is empty");
  if (text::CodePointCount(entry.answer) > kMaxAnswerChars) {
    return fail("answer is longer than 5000 characters");
  }
  if (text::CodePointCount(entry.category) > kMaxCategoryChars ||
      entry.category.find('\n') != std::string::npos) {
    return fail("category is longer than 64 characters or has a line break");
  }
  if (entry.similar.size() > kMaxSimilar) return fail("more than 100 similar questions");
  for (const auto& similar : entry.similar) {
    if (!IsValidUtf8(similar)) return fail("text is not valid UTF-8");
    if (Trim(similar).empty() || similar.find('\n') != std::string::npos ||
        text::CodePointCount(similar) > kMaxQuestionChars) {
      return fail("a similar question is empty, has a line break or is over 500 characters");
    }
  }
  if (entry.tags.size() > kMaxTags) return fail("more than 20 tags");
  for (const auto& tag : entry.tags) {
    if (!IsValidUtf8(tag)) return fail("text is not valid UTF-8");
    if (Trim(tag).empty() || tag.find_first_of("\n|") != std::string::npos ||
        text::CodePointCount(tag) > kMaxTagChars) {
      return fail("a tag is empty, has '|' or a line break, or is over 32 characters");
    }
  }
  if (entry.valid_from >= entry.valid_to) return fail("valid_from must be before valid_to");
  return {};
}

Result<KbImport> ParseKbImport(std::string_view contents, KbFormat format,
                               const std::function<void(std::size_t rows)>& progress) {
  if (contents.size() > kMaxImportBytes) {
    return Fail(ErrorCode::kFrameTooLarge, "the file is larger than 32 MiB");
  }
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);  // Excel's BOM
  return format == KbFormat::kCsv ? ParseCsv(contents, progress)
                                  : ParseJsonLines(contents, progress);
}

std::string ExportKb(const std::vector<KbEntry>& entries, KbFormat format) {
  std::string out;
  if (format == KbFormat::kCsv) {
    out = "\xEF\xBB\xBFid,question,similar,answer,category,tags,enabled,valid_from,valid_to\r\n";
    for (const auto& e : entries) {
      AppendCsvCell(out, e.id);
      out.push_back(',');
      AppendCsvCell(out, e.question);
      out.push_back(',');
      AppendCsvCell(out, JoinLines(e.similar));
      out.push_back(',');
      AppendCsvCell(out, e.answer);
      out.push_back(',');
      AppendCsvCell(out, e.category);
      out.push_back(',');
      AppendCsvCell(out, JoinLines(e.tags));
      out += e.enabled ? ",true," : ",false,";
      out += FormatKbDate(e.valid_from, false);
      out.push_back(',');
      out += FormatKbDate(e.valid_to, true);
      out += "\r\n";
    }
    return out;
  }
  for (const auto& e : entries) {
    out += json::serialize(KbEntryToJson(e));
    out.push_back('\n');
  }
  return out;
}

json::object KbEntryToJson(const KbEntry& e) {
  json::object o;
  o["id"] = e.id;
  o["question"] = e.question;
  o["similar"] = json::array(e.similar.begin(), e.similar.end());
  o["answer"] = e.answer;
  o["category"] = e.category;
  o["tags"] = json::array(e.tags.begin(), e.tags.end());
  o["enabled"] = e.enabled;
  o["valid_from"] = FormatKbDate(e.valid_from, false);
  o["valid_to"] = FormatKbDate(e.valid_to, true);
  return o;
}

Result<KbEntry> KbEntryFromJson(const json::object& o) {
  auto entry = EntryOfJson(o);
  if (!entry) return entry;
  if (auto valid = ValidateKbEntry(*entry); !valid) return Unexpected{valid.error()};
  return entry;
}

Result<Millis> ParseKbDate(std::string_view text) {
  // YYYY-MM-DD, optionally followed by THH:MM[:SS]Z.
  auto number = [&](std::size_t at, std::size_t len, int& value) {
    if (at + len > text.size()) return false;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, value);
    return ec == std::errc() && end == text.data() + at + len;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const bool date_ok = text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
                       number(0, 4, year) && number(5, 2, month) && number(8, 2, day);
  bool time_ok = text.size() == 10;
  if (date_ok && !time_ok && text.size() >= 17 && text[10] == 'T' && text[13] == ':' &&
      text.back() == 'Z' && number(11, 2, hour) && number(14, 2, minute)) {
    time_ok = text.size() == 17 || (text.size() == 20 && text[16] == ':' && number(17, 2, second));
  }
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(year),
                           std::chrono::month(static_cast<unsigned>(month)),
                           std::chrono::day(static_cast<unsigned>(day))};
  if (!date_ok || !time_ok || !ymd.ok() || hour > 23 || minute > 59 || second > 59) {
    return Fail(ErrorCode::kBadFrame,
                "'" + std::string(text.substr(0, 40)) +
                    "' is not a date like 2026-12-31 or 2026-12-31T08:00:00Z");
  }
  const auto at = sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second);
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

std::string FormatKbDate(Millis at, bool is_end) {
  if ((!is_end && at == 0) || (is_end && at == kOpenEnd)) return {};
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(at)};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<seconds>(t - day)};
  char out[32];
  const int n =
      std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                    static_cast<int>(hms.seconds().count()));
  return std::string(out, static_cast<std::size_t>(n));
}

}  // namespace kefu::bot
