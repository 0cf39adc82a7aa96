#include "http/canned_replies.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <unordered_map>

#include "text/csv.hpp"
#include "text/utf8.hpp"

namespace kefu::http::canned {
namespace {

namespace json = boost::json;

// A title made from the text: its first line, cut to this many characters.
constexpr std::size_t kDerivedTitleChars = 20;

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return lower;
}

bool IsCodeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// The first `limit` code points of the first line of `text`.
std::string Prefix(std::string_view text, std::size_t limit) {
  text = text.substr(0, text.find('\n'));
  std::size_t pos = 0;
  for (std::size_t n = 0; n < limit && pos < text.size(); ++n) text::NextCodePoint(text, &pos);
  return std::string(Trim(text.substr(0, pos)));
}

// Keeps a valid row, or reports it; codes must be unique within the file.
void Accept(ImportRow row, std::unordered_map<std::string, std::size_t>& codes, Import& out) {
  if (auto valid = Normalize(row.reply); !valid) {
    out.errors.push_back({row.line, valid.error().message});
    return;
  }
  if (!row.category.empty()) {
    auto name = CategoryName(row.category);
    if (!name) {
      out.errors.push_back({row.line, name.error().message});
      return;
    }
    row.category = std::move(*name);
  }
  auto [it, fresh] = codes.emplace(row.reply.code, row.line);
  if (!fresh) {
    out.errors.push_back({row.line, "code '" + row.reply.code + "' is already used on line " +
                                        std::to_string(it->second)});
    return;
  }
  out.rows.push_back(std::move(row));
}

bool TooManyRows(Import& out, std::size_t line) {
  if (++out.seen <= kMaxImportRows) return false;
  --out.seen;
  out.errors.push_back(
      {line, "more than " + std::to_string(kMaxImportRows) + " rows; the rest was not read"});
  return true;
}

Result<Import> ParseCsv(std::string_view contents) {
  text::CsvReader reader(contents);
  auto header = text::ReadCsvHeader(reader, {"code", "text"});
  if (!header) return Unexpected{header.error()};
  Import out;
  std::unordered_map<std::string, std::size_t> codes;
  text::ReadCsvRows(
      reader, *header, [&](std::size_t line) { return !TooManyRows(out, line); },
      [&](const text::CsvRow& r) {
        ImportRow row;
        row.reply.code = std::string(r.Cell("code"));
        row.reply.title = std::string(r.Cell("title"));
        row.reply.text = std::string(r.Cell("text"));
        row.category = std::string(r.Cell("category"));
        row.line = r.record.line;
        Accept(std::move(row), codes, out);
      },
      [&](std::size_t line, std::string reason) {
        out.errors.push_back({line, std::move(reason)});
      });
  return out;
}

// A JSON field as a string; absent or null is empty; any other type is an error.
Result<std::string> StringOf(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return Fail(ErrorCode::kBadFrame, std::string(key) + " must be a string");
  return std::string(v->get_string());
}

Result<Import> ParseJsonLines(std::string_view contents) {
  Import out;
  std::unordered_map<std::string, std::size_t> codes;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < contents.size()) {
    std::size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) end = contents.size();
    const auto text = Trim(contents.substr(start, end - start));
    start = end + 1;
    ++line;
    if (text.empty()) continue;
    if (TooManyRows(out, line)) break;
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) {
      out.errors.push_back({line, "not a JSON object"});
      continue;
    }
    const auto& o = value.get_object();
    auto code = StringOf(o, "code");
    auto title = StringOf(o, "title");
    auto body = StringOf(o, "text");
    auto category = StringOf(o, "category");
    const Result<std::string>* bad = nullptr;
    for (const auto* field : {&code, &title, &body, &category}) {
      if (!*field && bad == nullptr) bad = field;
    }
    if (bad != nullptr) {
      out.errors.push_back({line, bad->error().message});
      continue;
    }
    ImportRow row;
    row.reply.code = std::move(*code);
    row.reply.title = std::move(*title);
    row.reply.text = std::move(*body);
    row.category = std::move(*category);
    row.line = line;
    Accept(std::move(row), codes, out);
  }
  return out;
}

}  // namespace

Result<Format> ParseFormat(std::string_view name) {
  if (name == "csv") return Format::kCsv;
  if (name == "jsonl" || name == "ndjson") return Format::kJsonLines;
  return Fail(ErrorCode::kBadFrame, "format must be csv or jsonl");
}

Result<void> Normalize(storage::CannedReply& reply) {
  auto fail = [](std::string reason) { return Fail(ErrorCode::kBadFrame, std::move(reason)); };
  for (const auto* field : {&reply.code, &reply.title, &reply.text}) {
    if (!text::IsValidUtf8(*field)) return fail("text is not valid UTF-8");
  }
  reply.code = AsciiLower(Trim(reply.code));
  reply.title = std::string(Trim(reply.title));
  reply.text = std::string(Trim(reply.text));
  if (reply.code.empty()) return fail("code is empty");
  if (reply.code.size() > kMaxCodeChars ||
      !std::all_of(reply.code.begin(), reply.code.end(), IsCodeChar)) {
    return fail("code must be 1-32 letters, digits, '_' or '-' (no spaces or '/')");
  }
  if (reply.text.empty()) return fail("text is empty");
  if (text::CodePointCount(reply.text) > kMaxTextChars) {
    return fail("text is longer than 2000 characters");
  }
  if (reply.title.empty()) reply.title = Prefix(reply.text, kDerivedTitleChars);
  if (reply.title.find_first_of("\r\n") != std::string::npos) return fail("title has a line break");
  if (text::CodePointCount(reply.title) > kMaxTitleChars) {
    return fail("title is longer than 64 characters");
  }
  return {};
}

Result<std::string> CategoryName(std::string_view name) {
  if (!text::IsValidUtf8(name)) return Fail(ErrorCode::kBadFrame, "text is not valid UTF-8");
  name = Trim(name);
  if (name.empty() || name.find_first_of("\r\n") != std::string_view::npos ||
      text::CodePointCount(name) > kMaxCategoryChars) {
    return Fail(ErrorCode::kBadFrame, "a category name must be 1-32 characters on one line");
  }
  return std::string(name);
}

Result<Import> ParseImport(std::string_view contents, Format format) {
  if (contents.size() > kMaxImportBytes) {
    return Fail(ErrorCode::kFrameTooLarge, "the file is larger than 2 MiB");
  }
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);  // Excel's BOM
  return format == Format::kCsv ? ParseCsv(contents) : ParseJsonLines(contents);
}

std::string Export(const std::vector<storage::CannedReply>& replies,
                   const std::map<std::string, std::string>& category_names, Format format) {
  auto category_of = [&](const storage::CannedReply& r) -> std::string {
    auto it = category_names.find(r.category_id);
    return it == category_names.end() ? std::string() : it->second;
  };
  std::string out;
  if (format == Format::kCsv) {
    out =
        "\xEF\xBB\xBF"
        "code,title,text,category\r\n";
    for (const auto& r : replies) {
      for (const auto* cell : {&r.code, &r.title, &r.text}) {
        text::AppendCsvCell(out, *cell);
        out.push_back(',');
      }
      text::AppendCsvCell(out, category_of(r));
      out += "\r\n";
    }
    return out;
  }
  for (const auto& r : replies) {
    json::object o{
        {"code", r.code}, {"title", r.title}, {"text", r.text}, {"category", category_of(r)}};
    out += json::serialize(o);
    out.push_back('\n');
  }
  return out;
}

}  // namespace kefu::http::canned
