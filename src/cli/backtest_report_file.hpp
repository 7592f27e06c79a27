// Reading the report `peacesim backtest --out FILE` wrote, for the dashboard (`serve --backtest`):
// read once at start, checked for the shape the validation view reads.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace peacesim::cli {

inline constexpr std::uint64_t kMaxBacktestReportBytes = 64ULL * 1024 * 1024;

// The report, parsed. Throws std::runtime_error naming the file (and the field) for a file that is
// not a regular file, is larger than the cap, is not JSON, or is not a backtest's report.
nlohmann::json read_backtest_report(const std::string& path);

}  // namespace peacesim::cli
