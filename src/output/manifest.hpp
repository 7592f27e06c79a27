// manifest.json: what ran (version, commit, scenario and its hash, seed, every parameter value and
// where it came from) and how long it took. Everything but `timings` and `run.threads` is the same
// for identical runs.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "output/run_record.hpp"

namespace peacesim::output {

struct Timings {
  double setup_seconds = 0.0;
  double steps_seconds = 0.0;
  double write_seconds = 0.0;
  std::map<std::string, double> system_seconds;
};

nlohmann::ordered_json make_manifest(const RunRecord& run, const Timings& timings,
                                     const std::vector<std::string>& files);
// Writes a file of the staging folder (the folder's rename makes the whole run atomic); throws
// OutputError naming the file when the write fails (disk full).
void write_text(const std::filesystem::path& path, const std::string& text);
void write_json(const std::filesystem::path& path, const nlohmann::ordered_json& json);

}  // namespace peacesim::output
