// CSV as spreadsheets write it (RFC 4180): reading records with the line each starts on, and
// writing cells. Used by every import and export of the server (knowledge base, canned replies).
// Pure; a CsvReader is not thread-safe, the free functions are.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"

namespace kefu::text {

// One CSV record: its cells and the 1-based line of the text it starts on.
struct CsvRecord {
  std::vector<std::string> cells;
  std::size_t line = 0;
};

// Reads RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks; "\r\n"
// and "\n" both end a record. The text must outlive the reader.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // The next record, nullopt at the end, or kBadFrame for an unterminated quote (the rest of
  // the text cannot be split into records reliably).
  Result<std::optional<CsvRecord>> Next();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// A header record: each column's name (trimmed, ASCII letters lowercased) → its index, and how
// many cells it has (rows may not have more).
struct CsvHeader {
  std::unordered_map<std::string, std::size_t> columns;
  std::size_t width = 0;
};
// Reads the header record. kBadFrame when the text is empty, a quote is unterminated, or a
// `required` column is missing.
Result<CsvHeader> ReadCsvHeader(CsvReader& reader,
                                std::initializer_list<std::string_view> required);

// A data row of a file with `header`.
struct CsvRow {
  const CsvHeader& header;
  const CsvRecord& record;
  // The row's cell in column `name` (a lowercase header name); empty when the file has no such
  // column or the row stops before it.
  std::string_view Cell(std::string_view name) const;
};

// Reads the data rows after the header, as every import does: blank lines are skipped; `start`
// is asked for each other row first (false stops reading: row limits); a row with more cells than
// the header is passed to `reject` with its line and the reason, and so is an unterminated quote
// (line 0: the rest of the text is not read); every other row goes to `visit`.
void ReadCsvRows(CsvReader& reader, const CsvHeader& header,
                 const std::function<bool(std::size_t line)>& start,
                 const std::function<void(const CsvRow&)>& visit,
                 const std::function<void(std::size_t line, std::string reason)>& reject);

// Appends `cell` to `out`, quoted when it holds a comma, a quote or a line break.
void AppendCsvCell(std::string& out, std::string_view cell);

}  // namespace kefu::text
