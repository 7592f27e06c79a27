// A small CSV reader for the data files: RFC 4180 quoting, LF or CRLF line ends, a header row.
#pragma once

#include <cstdint>
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

// The largest data file read (scenario data, observed data, a run's own CSV files): only a
// regular file is read. Documented in docs/scenario-format.md ("Limits").
inline constexpr std::uint64_t kMaxCsvBytes = 256ull * 1024 * 1024;
// A cell costs more memory than its text (a string each): a file of commas would take 32 times
// its size. The cells of one file are capped too.
inline constexpr std::size_t kMaxCsvCells = std::size_t{1} << 24;

// Throws std::runtime_error with a message that does not repeat the path (the caller adds it and
// the scenario location): engine::InputFileError for a file that is missing, not a regular file
// or larger than `max_bytes`.
CsvTable read_csv(const std::filesystem::path& path, std::uint64_t max_bytes = kMaxCsvBytes);
CsvTable parse_csv(const std::string& text, std::size_t max_cells = kMaxCsvCells);

// Undoes UTF-8 text that was once decoded as Latin-1 and encoded again ("CafÃ©" -> "Café").
// Text that is not of that form is returned unchanged.
std::string repair_mojibake(const std::string& text);

}  // namespace peacesim::theatre
