#include "cli/run_checkpoint.hpp"

#include <fmt/format.h>

#include "cli/json_file.hpp"
#include "engine/checkpoint.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

RunCheckpoint::RunCheckpoint(const fs::path& run_folder, const scenario::Scenario& s)
    : path_(run_folder.parent_path() / ("." + run_folder.filename().string() + ".checkpoint")),
      identity_(fmt::format("peacesim {} ({}) checkpoint of scenario {} seed {} scale {} until {}", kVersion,
                            kGitCommit, s.hash, s.seed, s.people_per_agent, s.end.iso())) {}

std::optional<std::string> RunCheckpoint::load() const {
  std::error_code ec;
  if (!fs::exists(path_, ec)) return std::nullopt;
  std::string all;
  try {
    all = engine::read_checkpoint_file(path_);
  } catch (const engine::InputFileError& e) {
    throw output::OutputError(path_.string() + ": cannot read the checkpoint: " + e.what());
  }
  const auto eol = all.find('\n');
  if (eol == std::string::npos || all.compare(0, eol, identity_) != 0) {
    throw output::OutputError(fmt::format(
        "{}: a checkpoint of another run (another scenario, seed, scale, end or peacesim version) is where "
        "this run would keep its own; remove it or choose another --out",
        path_.string()));
  }
  return all.substr(eol + 1);
}

void RunCheckpoint::save(const std::string& engine_bytes) const {
  write_text_atomically(path_, identity_ + "\n" + engine_bytes);
}

void RunCheckpoint::remove() const {
  std::error_code ignored;
  fs::remove(path_, ignored);
}

}  // namespace peacesim::cli
