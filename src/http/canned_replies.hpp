// Canned replies' rules and file formats (docs/protocol.md, "Canned replies"): validation of a
// reply and of a category name, and import/export as CSV (RFC 4180, UTF-8, optional BOM, a
// header row) or JSON Lines. An import validates every row on its own: a bad row is reported
// with its line number and reason and left out; good rows are kept. Pure functions; thread-safe.
//
// Columns / fields of a file:
//   code      required; 1-32 of [A-Za-z0-9_-] (stored lowercase); unique within the file
//   title     optional (default: the start of the text); one line, at most 64 characters
//   text      required; at most 2000 characters; may hold variables such as {客户名}
//   category  optional; a category name (the importer maps it to the tenant's category)
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "storage/records.hpp"

namespace kefu::http::canned {

inline constexpr std::size_t kMaxCodeChars = 32;
inline constexpr std::size_t kMaxTitleChars = 64;
inline constexpr std::size_t kMaxTextChars = 2000;
inline constexpr std::size_t kMaxCategoryChars = 32;
inline constexpr std::size_t kMaxImportBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxImportRows = 5000;

enum class Format { kCsv, kJsonLines };

// "csv" or "jsonl" (also "ndjson"); kBadFrame otherwise.
Result<Format> ParseFormat(std::string_view name);

// Trims code, title and text, lowercases the code, fills an empty title from the text, then
// checks the reply's own fields (not the category's existence). kBadFrame with the reason.
Result<void> Normalize(storage::CannedReply& reply);

// A trimmed category name of 1-32 characters without line breaks, or kBadFrame.
Result<std::string> CategoryName(std::string_view name);

struct RowError {
  std::size_t line = 0;  // 1-based line of the file where the row starts; 0 for the whole file
  std::string reason;
};

struct ImportRow {
  storage::CannedReply reply;  // normalised; id, owner and category_id are left to the caller
  std::string category;        // the category's name as written, or empty
  std::size_t line = 0;
};

struct Import {
  std::vector<ImportRow> rows;  // the valid rows, in file order
  std::vector<RowError> errors;
  std::size_t seen = 0;  // data rows read (header and blank lines excluded)
};

// Parses and validates `contents`. Fails as a whole (kBadFrame, kFrameTooLarge) only when the
// file cannot be read at all: too large, no header, a CSV header without code/text columns.
Result<Import> ParseImport(std::string_view contents, Format format);

// Writes replies in `format`, readable by ParseImport; `category_names` maps category ids to
// names (unknown ids are written as no category).
std::string Export(const std::vector<storage::CannedReply>& replies,
                   const std::map<std::string, std::string>& category_names, Format format);

}  // namespace kefu::http::canned
