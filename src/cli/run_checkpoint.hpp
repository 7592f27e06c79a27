// A single run's checkpoint file (engine/checkpoint.hpp), beside the folder the run will write:
// `.NAME.checkpoint`. Saved atomically every few minutes of a long run and when it is interrupted;
// the same command finds it and goes on from it; removed once the run folder is complete. It
// starts with a line naming the run (version, scenario hash, seed, scale, end), so a checkpoint is
// never taken up by another run.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "scenario/scenario.hpp"

namespace peacesim::cli {

class RunCheckpoint {
 public:
  RunCheckpoint(const std::filesystem::path& run_folder, const scenario::Scenario& scenario);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // The engine's bytes of this run's checkpoint; nullopt when there is none. Throws
  // output::OutputError when the file there belongs to another run or cannot be read.
  [[nodiscard]] std::optional<std::string> load() const;
  // Replaces the checkpoint atomically (a crash while saving leaves the previous one).
  void save(const std::string& engine_bytes) const;
  void remove() const;

 private:
  std::filesystem::path path_;
  std::string identity_;  // the first line
};

}  // namespace peacesim::cli
