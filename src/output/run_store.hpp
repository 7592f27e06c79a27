// Writes a finished run as a folder: manifest.json, results.sqlite, timeseries.csv, events.csv.
// The folder appears under its final name only once complete (see RunFolder).
#pragma once

#include <filesystem>

#include "output/run_folder.hpp"
#include "output/run_record.hpp"

namespace peacesim::output {

inline constexpr const char* kManifestFile = "manifest.json";
inline constexpr const char* kDatabaseFile = "results.sqlite";
inline constexpr const char* kSeriesFile = "timeseries.csv";
inline constexpr const char* kEventsFile = "events.csv";

// Writes the files into the folder's staging area and commits it. Throws OutputError; on failure
// nothing appears under the folder's final name. The caller makes the RunFolder before the run,
// so that an unwritable or taken output path is reported before any computing is spent.
void write_run(RunFolder& folder, const RunRecord& run);

}  // namespace peacesim::output
