// Knowledge-base import and export: CSV (RFC 4180, UTF-8, optional BOM, a header row) and JSON
// Lines. Importing validates every row on its own: a bad row is reported with its line number
// and reason and left out; good rows are kept. Pure functions over text; thread-safe.
//
// Columns / fields (docs/kb.md has the full description):
//   id          optional; [A-Za-z0-9_-]{1,64}; an existing id is replaced, none makes a new entry
//   question    required, one line, at most 500 characters
//   similar     other phrasings: a JSON array, or in CSV one per line inside the cell or
//   "|"-separated answer      required, at most 5000 characters category    optional, at most 64
//   characters tags        like similar (at most 20, each at most 32 characters) enabled
//   true/false, 1/0, yes/no, 是/否; empty means true valid_from, valid_to   optional dates:
//   2026-12-31 or 2026-12-31T08:00:00Z (UTC)
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/kb_entry.hpp"
#include "common/result.hpp"

namespace kefu::bot {

enum class KbFormat { kCsv, kJsonLines };

// "csv" or "jsonl" (also "ndjson"); kBadFrame otherwise.
Result<KbFormat> ParseKbFormat(std::string_view name);

struct KbRowError {
  std::size_t line = 0;  // 1-based line of the file where the row starts
  std::string reason;
};

struct KbImport {
  std::vector<KbEntry> entries;  // the valid rows, in file order; ids may be empty (new entries)
  std::vector<KbRowError> errors;
  std::size_t rows = 0;  // data rows seen (header excluded)
};

// Limits of one import.
inline constexpr std::size_t kMaxImportBytes = 32 * 1024 * 1024;
inline constexpr std::size_t kMaxImportRows = 200000;

// Parses and validates `contents`. Fails as a whole (kBadFrame with a reason) only when the file
// cannot be read at all: too large, no header, a CSV header without question/answer columns.
// `progress`, if given, is called now and then with the rows done so far.
Result<KbImport> ParseKbImport(std::string_view contents, KbFormat format,
                               const std::function<void(std::size_t rows)>& progress = {});

// Writes entries in `format`, readable by ParseKbImport (a round trip keeps every field).
std::string ExportKb(const std::vector<KbEntry>& entries, KbFormat format);

// One entry as a JSON object (the JSON Lines row; the REST API's Entry), and back, validated
// (kBadFrame with the reason). Open validity ends are "" in and out; null is accepted too.
boost::json::object KbEntryToJson(const KbEntry& entry);
Result<KbEntry> KbEntryFromJson(const boost::json::object& object);

// Checks one entry as an import or the REST API would: kBadFrame with the reason, or success.
Result<void> ValidateKbEntry(const KbEntry& entry);

// "2026-12-31" or "2026-12-31T08:00:00Z" → milliseconds since the epoch (UTC).
Result<Millis> ParseKbDate(std::string_view text);
// The inverse for export; the open ends (0 and the maximum) give an empty string.
std::string FormatKbDate(Millis at, bool is_end);

}  // namespace kefu::bot
