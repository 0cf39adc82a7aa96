#include "text/csv.hpp"

#include <algorithm>

namespace kefu::text {

Result<std::optional<CsvRecord>> CsvReader::Next() {
  if (pos_ >= text_.size()) return std::optional<CsvRecord>{};
  CsvRecord record;
  record.line = line_;
  std::string cell;
  for (;;) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t quote_line = line_;
      ++pos_;
      for (;;) {
        if (pos_ >= text_.size()) {
          return Fail(ErrorCode::kBadFrame,
                      "line " + std::to_string(quote_line) + ": a quoted cell is never closed");
        }
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            cell.push_back('"');
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        cell.push_back(c);
      }
    }
    // Unquoted text (or text after a closing quote, kept as written).
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') {
      if (text_[pos_] != '\r') cell.push_back(text_[pos_]);
      ++pos_;
    }
    record.cells.push_back(std::move(cell));
    cell.clear();
    if (pos_ >= text_.size()) break;
    const char separator = text_[pos_++];
    if (separator == '\n') {
      ++line_;
      break;
    }
  }
  return std::optional<CsvRecord>(std::move(record));
}

void AppendCsvCell(std::string& out, std::string_view cell) {
  const bool quote = cell.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out += cell;
    return;
  }
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string_view CsvRow::Cell(std::string_view name) const {
  auto it = header.columns.find(std::string(name));
  if (it == header.columns.end() || it->second >= record.cells.size()) return {};
  return record.cells[it->second];
}

void ReadCsvRows(CsvReader& reader, const CsvHeader& header,
                 const std::function<bool(std::size_t line)>& start,
                 const std::function<void(const CsvRow&)>& visit,
                 const std::function<void(std::size_t line, std::string reason)>& reject) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  for (;;) {
    auto record = reader.Next();
    if (!record) {
      // Everything before the broken quote is kept; the rest is reported as one error.
      reject(0, record.error().message);
      return;
    }
    if (!*record) return;
    const auto& cells = (*record)->cells;
    const std::size_t line = (*record)->line;
    if (cells.size() == 1 && std::all_of(cells[0].begin(), cells[0].end(), blank)) continue;
    if (!start(line)) return;
    if (cells.size() > header.width) {
      reject(line, "the row has " + std::to_string(cells.size()) + " cells but the header only " +
                       std::to_string(header.width));
      continue;
    }
    visit(CsvRow{header, **record});
  }
}

Result<CsvHeader> ReadCsvHeader(CsvReader& reader,
                                std::initializer_list<std::string_view> required) {
  auto header = reader.Next();
  if (!header) return Unexpected{header.error()};
  if (!*header) return Fail(ErrorCode::kBadFrame, "the file is empty: a header row is required");
  CsvHeader out;
  out.width = (*header)->cells.size();
  auto& columns = out.columns;
  for (std::size_t i = 0; i < (*header)->cells.size(); ++i) {
    std::string_view name = (*header)->cells[i];
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    std::string lower(name);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    columns.emplace(std::move(lower), i);
  }
  std::string names;
  bool missing = false;
  for (std::string_view column : required) {
    missing = missing || !columns.contains(std::string(column));
    names += names.empty() ? "" : " and ";
    names += column;
  }
  if (missing) {
    return Fail(ErrorCode::kBadFrame, "the header row must name at least the columns " + names);
  }
  return out;
}

}  // namespace kefu::text
