#include "cli/resumable_folder.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "output/output_error.hpp"
#include "peacesim/version.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The stamp's fields other than the scenario's, with the words an error uses for them.
const std::map<std::string, std::string>& labels() {
  static const std::map<std::string, std::string> names{
      {"peacesim", "peacesim version"},
      {"people_per_agent", "scale (--scale, people per agent)"},
      {"end", "end date (calendar.end)"},
      {"first_seed", "seeds (--first-seed)"},
      {"design", "design (--design)"},
      {"points_option", "points (--points)"},
      {"parameters", "parameter ranges (--param)"},
      {"runs", "members per point (--runs)"},
      {"unit_points", "design points"},
      {"posterior", "members' posterior draws (--posterior, --runs)"},
  };
  return names;
}

std::string shown(const json& value) {
  if (value.is_null()) return "not recorded";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw output::OutputError(path.string() + ": cannot read");
  return text.str();
}

// Creates `path` with `text` unless it exists (then returns false): written to a private file and
// linked into place, so a reader never sees half of it and two writers cannot both win.
bool create_exclusively(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.parent_path() / fmt::format(".{}.{}.tmp", path.filename().string(), ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      out.close();
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw output::OutputError(path.string() + ": write failed (disk full?)");
    }
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int error = errno;
  std::error_code ignored;
  fs::remove(tmp, ignored);
  if (linked == 0) return true;
  if (error == EEXIST) return false;
  throw output::OutputError(fmt::format("{}: cannot write: {}", path.string(), std::strerror(error)));
}

// The folder's visible entries (hidden ones are staging folders and temporary files).
std::vector<std::string> visible_entries(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] != '.') names.push_back(name);
  }
  if (ec) throw output::OutputError(fmt::format("{}: cannot read: {}", dir.string(), ec.message()));
  std::sort(names.begin(), names.end());
  return names;
}

void refuse_if_different(const fs::path& dir, const fs::path& stamp, const std::string& what,
                         const json& inputs) {
  const json held = json::parse(read_text(stamp), nullptr, false);
  if (held.is_discarded() || !held.is_object()) {
    throw output::OutputError(
        fmt::format("{}: damaged (not a JSON object), so what the {} in {} was made from is unknown; choose "
                    "another --out",
                    stamp.string(), what, dir.string()));
  }
  const auto differences = input_differences(held, inputs);
  if (differences.empty()) return;
  throw output::OutputError(
      fmt::format("{}: holds {} {} made from other inputs, which this command would mix with its own:\n  {}\n"
                  "Resume it with the options it was made with, or choose another --out",
                  dir.string(), what == "ensemble" ? "an" : "a", what, fmt::join(differences, "\n  ")));
}

}  // namespace

json member_inputs(const PreparedRun& run, const std::vector<std::string>& overrides,
                   std::uint64_t first_seed) {
  const auto& s = run.scenario;
  json j;
  j["peacesim"] = fmt::format("{} (git {})", kVersion, kGitCommit);
  j["scenario"] = s.path.string();
  j["scenario_hash"] = s.hash;
  j["overrides"] = overrides;
  j["people_per_agent"] = s.people_per_agent;
  j["end"] = s.end.iso();
  j["first_seed"] = first_seed;
  return j;
}

std::vector<std::string> input_differences(const json& held, const json& asked) {
  std::vector<std::string> out;
  const auto at = [](const json& j, const std::string& key) { return j.contains(key) ? j[key] : json(); };
  // The scenario is its content hash; the path and --set only say, in words, where a change came from.
  if (at(held, "scenario_hash") != at(asked, "scenario_hash")) {
    const std::size_t before = out.size();
    if (at(held, "scenario") != at(asked, "scenario"))
      out.push_back(fmt::format("scenario: {} in the folder, {} asked", shown(at(held, "scenario")),
                                shown(at(asked, "scenario"))));
    if (at(held, "overrides") != at(asked, "overrides"))
      out.push_back(fmt::format("overrides (--set): {} in the folder, {} asked", shown(at(held, "overrides")),
                                shown(at(asked, "overrides"))));
    if (out.size() == before)
      out.push_back(fmt::format("scenario content: {} changed since (hash {} in the folder, {} now)",
                                shown(at(asked, "scenario")), shown(at(held, "scenario_hash")),
                                shown(at(asked, "scenario_hash"))));
  }
  for (const auto& [key, label] : labels()) {
    if (!asked.contains(key) && !held.contains(key)) continue;
    if (at(held, key) != at(asked, key))
      out.push_back(
          fmt::format("{}: {} in the folder, {} asked", label, shown(at(held, key)), shown(at(asked, key))));
  }
  return out;
}

void open_resumable_folder(const fs::path& dir, const std::string& what, const std::string& stamp,
                           const json& inputs) {
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw output::OutputError(
        fmt::format("{}: exists and is not a folder; choose another --out", dir.string()));
  if (fs::is_symlink(fs::symlink_status(dir, ec)) && !fs::exists(status))
    throw output::OutputError(
        fmt::format("{}: a symbolic link to nothing; choose another --out", dir.string()));
  if (fs::exists(status)) {
    const auto entries = visible_entries(dir);
    // The stamp is looked for in the same listing, so a process that stamps the folder and adds a
    // member meanwhile (array jobs starting together) is never taken for a foreign folder.
    if (std::find(entries.begin(), entries.end(), stamp) != entries.end())
      return refuse_if_different(dir, dir / stamp, what, inputs);
    if (!entries.empty()) {
      const std::size_t shown_count = std::min<std::size_t>(entries.size(), 4);
      throw output::OutputError(fmt::format(
          "{}: not {} {} folder (no {}; it holds {}{}); peacesim {} writes only into a new or empty folder "
          "or one of its own: choose another --out",
          dir.string(), what == "ensemble" ? "an" : "a", what, stamp,
          fmt::join(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(shown_count), ", "),
          entries.size() > shown_count ? ", ..." : "", what));
    }
  } else {
    fs::create_directories(dir, ec);
    if (ec) throw output::OutputError(fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
  }
  if (!create_exclusively(dir / stamp, inputs.dump(1) + "\n")) {
    refuse_if_different(dir, dir / stamp, what, inputs);  // another process stamped it first
  }
}

}  // namespace peacesim::cli
