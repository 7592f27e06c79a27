#include "theatre/csv.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "engine/input_file.hpp"

namespace peacesim::theatre {

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

CsvTable parse_csv(const std::string& text, std::size_t max_cells) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> starts;  // line of each record's first character
  std::size_t line = 1, record_line = 1;
  std::vector<std::string> record;
  std::string cell;
  bool quoted = false;
  bool any = false;
  std::size_t cells = 0;
  auto end_cell = [&] {
    if (++cells > max_cells) {
      throw std::runtime_error(
          fmt::format("line {}: more than {} cells, the limit for a CSV data file", record_line, max_cells));
    }
    record.push_back(std::move(cell));
    cell.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      end_cell();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        ++line;
      }
      if (any || !cell.empty()) {
        end_cell();
        records.push_back(std::move(record));
        starts.push_back(record_line);
      }
      record_line = line;
      record.clear();
      cell.clear();
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) throw std::runtime_error(fmt::format("line {}: unterminated quoted field", record_line));
  if (any || !cell.empty()) {
    end_cell();
    records.push_back(std::move(record));
    starts.push_back(record_line);
  }
  if (records.empty()) throw std::runtime_error("no header row");
  CsvTable table;
  table.header = std::move(records.front());
  if (!table.header.empty() && table.header[0].rfind("\xEF\xBB\xBF", 0) == 0) table.header[0].erase(0, 3);
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      throw std::runtime_error(fmt::format("line {}: {} fields, the header has {}", starts[r],
                                           records[r].size(), table.header.size()));
    }
    table.rows.push_back(std::move(records[r]));
    table.lines.push_back(starts[r]);
  }
  return table;
}

CsvTable read_csv(const std::filesystem::path& path, std::uint64_t max_bytes) {
  return parse_csv(engine::read_input_file(path, {max_bytes, "a CSV data file"}));
}

std::string repair_mojibake(const std::string& text) {
  // Decode as UTF-8; if every code point is below 256, the bytes they spell may be the original
  // UTF-8. Accept the result only if it is valid UTF-8 and differs.
  std::string bytes;
  bool changed = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      bytes += static_cast<char>(c);
      ++i;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      if (cp > 0xFF) return text;
      bytes += static_cast<char>(cp);
      changed = true;
      i += 2;
    } else {
      return text;
    }
  }
  if (!changed) return text;
  // Validate the bytes as UTF-8.
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t n = c < 0x80             ? 1
                    : (c & 0xE0) == 0xC0 ? 2
                    : (c & 0xF0) == 0xE0 ? 3
                    : (c & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (n == 0 || i + n > bytes.size()) return text;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return text;
    }
    i += n;
  }
  return bytes;
}

}  // namespace peacesim::theatre
