#include "cli/run_checkpoint.hpp"

#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/json_file.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {
// The first line of a checkpoint names the run it belongs to, field by field.
constexpr const char* kIdentity = "peacesim {} checkpoint of scenario {} seed {} scale {} until {}";
const std::regex& identity_pattern() {
  static const std::regex pattern(
      R"(peacesim (.+) checkpoint of scenario (\S+) seed (\S+) scale (\S+) until (\S+))");
  return pattern;
}
}  // namespace

RunCheckpoint::RunCheckpoint(const fs::path& run_folder, const scenario::Scenario& s)
    : path_(run_folder.parent_path() / ("." + run_folder.filename().string() + ".checkpoint")),
      identity_(fmt::format(kIdentity, fmt::format("{} ({})", kVersion, kGitCommit), s.hash, s.seed,
                            s.people_per_agent, s.end.iso())) {}

std::optional<std::string> RunCheckpoint::load() const {
  std::error_code ec;
  if (!fs::exists(path_, ec)) return std::nullopt;
  std::ifstream in(path_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw output::OutputError(path_.string() + ": cannot read the checkpoint");
  const std::string all = text.str();
  const auto eol = all.find('\n');
  const std::string first = all.substr(0, eol == std::string::npos ? 0 : eol);
  if (eol != std::string::npos && first == identity_) return all.substr(eol + 1);
  std::smatch held;
  if (!std::regex_match(first, held, identity_pattern())) {
    // Its content is not shown: the file may be anything.
    throw output::OutputError(fmt::format(
        "{}: not a peacesim checkpoint (damaged, or another file), where this run keeps its checkpoint; "
        "remove it to start this run again, or choose another --out",
        path_.string()));
  }
  std::smatch mine;
  std::regex_match(identity_, mine, identity_pattern());
  static const char* const kFields[] = {"peacesim version", "scenario (hash)", "seed", "scale", "end"};
  std::vector<std::string> differences;
  for (std::size_t i = 1; i < held.size(); ++i) {
    if (held[i] != mine[i])
      differences.push_back(
          fmt::format("{} {} there, {} here", kFields[i - 1], held[i].str(), mine[i].str()));
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
