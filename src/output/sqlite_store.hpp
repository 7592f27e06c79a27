// The run's SQLite database: meta, parameters, regions, series, time series, events, summary.
// Holds nothing that varies between identical runs (no timings, no thread count), so the file is
// byte-identical for the same scenario, seed and version.
#pragma once

#include <filesystem>

#include "output/run_record.hpp"

namespace peacesim::output {

void write_sqlite(const std::filesystem::path& path, const RunRecord& run);

}  // namespace peacesim::output
