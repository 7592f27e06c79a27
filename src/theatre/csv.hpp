// A small CSV reader for the data files: RFC 4180 quoting, LF or CRLF line ends, a header row.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace peacesim::theatre {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  // the file line on which each row starts (the header is line 1)
  [[nodiscard]] std::optional<std::size_t> column(const std::string& name) const;
};

// Throws std::runtime_error with a message (the caller adds the scenario location).
CsvTable read_csv(const std::filesystem::path& path);
CsvTable parse_csv(const std::string& text);

// Undoes UTF-8 text that was once decoded as Latin-1 and encoded again ("MÃ©naka" -> "Ménaka").
// Text that is not of that form is returned unchanged.
std::string repair_mojibake(const std::string& text);

}  // namespace peacesim::theatre
