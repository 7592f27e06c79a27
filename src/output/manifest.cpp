#include "output/manifest.hpp"

#include <fmt/format.h>

#include <fstream>

#include "output/output_error.hpp"
#include "output/store_format.hpp"
#include "peacesim/version.hpp"
#include "scenario/json.hpp"

namespace peacesim::output {

nlohmann::ordered_json make_manifest(const RunRecord& run, const Timings& timings,
                                     const std::vector<std::string>& files) {
  using json = nlohmann::ordered_json;
  const auto& s = run.scenario;
  json manifest;
  manifest["peacesim_version"] = kVersion;
  manifest["run_store_format"] = kRunStoreFormat;
  manifest["git_commit"] = kGitCommit;
  json files_read = json::array();
  for (const auto& f : s.files) files_read.push_back(f.string());
  manifest["scenario"] = {{"name", s.name},      {"title", s.title}, {"path", s.path.string()},
                          {"files", files_read}, {"model", s.model}, {"hash", s.hash}};
  manifest["calendar"] = {{"start", s.start.iso()}, {"end", s.end.iso()}, {"step", "1 day"}};
  manifest["run"] = {{"seed", s.seed},
                     {"people_per_agent", s.people_per_agent},
                     {"threads", run.threads},
                     {"completed", run.result.completed},
                     {"steps_done", run.result.steps_done},
                     {"agents", run.agents}};
  manifest["parameters"] = scenario::to_json(run.parameters);
  json summary = json::object();
  for (const auto& [label, value] : run.summary) summary[label] = value;
  manifest["summary"] = summary;
  manifest["files"] = files;
  json systems = json::object();
  for (const auto& [name, seconds] : timings.system_seconds) systems[name] = seconds;
  manifest["timings"] = {{"setup_seconds", timings.setup_seconds},
                         {"steps_seconds", timings.steps_seconds},
                         {"write_seconds", timings.write_seconds},
                         {"systems_seconds", systems}};
  manifest["resolved_scenario"] = scenario::to_json(s.root);
  return manifest;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw OutputError(fmt::format("could not write {} (disk full?)", path.string()));
}

void write_json(const std::filesystem::path& path, const nlohmann::ordered_json& json) {
  write_text(path, json.dump(2) + "\n");
}

}  // namespace peacesim::output
