#include "output/run_store.hpp"

#include <chrono>

#include "output/csv_writer.hpp"
#include "output/manifest.hpp"
#include "output/sqlite_store.hpp"

namespace peacesim::output {

void write_run(RunFolder& folder, const RunRecord& run) {
  const auto start = std::chrono::steady_clock::now();
  const auto& dir = folder.staging();
  write_sqlite(dir / kDatabaseFile, run);
  write_series_csv(dir / kSeriesFile, run.recorder);
  write_events_csv(dir / kEventsFile, run.recorder);
  std::vector<std::string> files{kManifestFile, kDatabaseFile, kSeriesFile, kEventsFile};
  for (const auto& [name, content] : run.extra_files) {
    write_text(dir / name, content);
    files.push_back(name);
  }

  Timings timings;
  timings.setup_seconds = run.setup_seconds;
  timings.steps_seconds = run.result.steps_seconds;
  timings.system_seconds = run.result.system_seconds;
  timings.write_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write_json(dir / kManifestFile, make_manifest(run, timings, files));
  folder.commit();
}

}  // namespace peacesim::output
