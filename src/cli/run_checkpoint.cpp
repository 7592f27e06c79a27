#include "cli/run_checkpoint.hpp"

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <sstream>

#include "cli/json_file.hpp"
#include "engine/checkpoint.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {
// The first line of a checkpoint names the run it belongs to, field by field: version, scenario
// hash, seed, scale, end.
constexpr std::array<const char*, 5> kMarks{"peacesim ", " checkpoint of scenario ", " seed ", " scale ",
                                            " until "};
constexpr std::array<const char*, 5> kFieldNames{"peacesim version", "scenario (hash)", "seed", "scale",
                                                 "end"};

// The fields of a checkpoint's first line, or nullopt when the line is not one.
std::optional<std::array<std::string, 5>> identity_fields(const std::string& line) {
  if (line.rfind(kMarks[0], 0) != 0) return std::nullopt;
  std::array<std::string, 5> fields;
  std::size_t at = std::string(kMarks[0]).size();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::size_t next = i + 1 < kMarks.size() ? line.find(kMarks[i + 1], at) : line.size();
    if (next == std::string::npos || next == at) return std::nullopt;
    fields[i] = line.substr(at, next - at);
    if (i + 1 < kMarks.size()) at = next + std::string(kMarks[i + 1]).size();
  }
  return fields;
}

std::string identity_line(const std::array<std::string, 5>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += kMarks[i] + fields[i];
  return line;
}

std::array<std::string, 5> identity_of(const scenario::Scenario& s) {
  return {fmt::format("{} ({})", kVersion, kGitCommit), s.hash, std::to_string(s.seed),
          fmt::format("{}", s.people_per_agent), s.end.iso()};
}
}  // namespace

RunCheckpoint::RunCheckpoint(const fs::path& run_folder, const scenario::Scenario& s)
    : path_(run_folder.parent_path() / ("." + run_folder.filename().string() + ".checkpoint")),
      identity_(identity_line(identity_of(s))) {}

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
  const std::string first = all.substr(0, eol == std::string::npos ? 0 : eol);
  if (eol != std::string::npos && first == identity_) return all.substr(eol + 1);
  const auto held = identity_fields(first);
  if (!held) {
    // Its content is not shown: the file may be anything.
    throw output::OutputError(fmt::format(
        "{}: not a peacesim checkpoint (damaged, or another file), where this run keeps its checkpoint; "
        "remove it to start this run again, or choose another --out",
        path_.string()));
  }
  const auto mine = identity_fields(identity_);
  std::vector<std::string> differences;
  for (std::size_t i = 0; i < held->size(); ++i) {
    if ((*held)[i] != (*mine)[i])
      differences.push_back(fmt::format("{} {} there, {} here", kFieldNames[i], (*held)[i], (*mine)[i]));
  }
  throw output::OutputError(fmt::format(
      "{}: a checkpoint of another run ({}) is where this run would keep its own; remove it or choose "
      "another --out",
      path_.string(), fmt::join(differences, "; ")));
}

void RunCheckpoint::save(const std::string& engine_bytes) const {
  write_text_atomically(path_, identity_ + "\n" + engine_bytes);
}

void RunCheckpoint::remove() const {
  std::error_code ignored;
  fs::remove(path_, ignored);
}

}  // namespace peacesim::cli
