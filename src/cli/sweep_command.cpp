// `peacesim sweep SCENARIO --param NAME=LOW:HIGH ... --design grid|lhs --points N --runs R`: the
// scenario at every point of a design over parameter ranges (analysis/sensitivity/designs.hpp),
// each point an ensemble of R members with the same seeds (common random numbers across points),
// and for each point the mean of every outcome with a 90 % interval for the shown ones.
//
// Each finished point is written at once to DIR/points/point-NNNN.json (atomically), so an
// interrupted sweep resumes with the missing points only; DIR/sweep.json records the design and
// refuses to resume a different one. At the end DIR/sweep.csv has one row per point.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analysis/compare.hpp"
#include "analysis/sensitivity/designs.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/outcome_names.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/progress.hpp"
#include "cli/resumable_folder.hpp"
#include "cli/seeds.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {

// sweep.json: what every member is made from (cli/resumable_folder.hpp) and the design.
nlohmann::json design_of(const SweepOptions& o, const PreparedRun& p,
                         const std::vector<ParameterRange>& ranges,
                         const std::vector<analysis::sensitivity::Point>& points) {
  nlohmann::json j = member_inputs(p, o.input.overrides, o.first_seed);
  j["design"] = o.design;
  j["points_option"] = o.points.value_or(0);
  j["runs"] = o.runs;
  j["parameters"] = nlohmann::json::array();
  for (const auto& r : ranges)
    j["parameters"].push_back({{"name", r.name}, {"low", r.low}, {"high", r.high}});
  j["unit_points"] = points;
  return j;
}

std::string point_file(std::size_t i) { return fmt::format("point-{:04}.json", i); }

}  // namespace

int sweep_command(const SweepOptions& options) {
  // Ctrl-C and SIGTERM are taken over first: from the first line printed on, they stop the sweep
  // with its finished points kept (exit 130).
  const auto& stop = install_interrupt_handlers();
  // Everything that can be checked is checked before the folder is touched or a member runs.
  const std::vector<std::uint64_t> seeds = member_seeds(options.first_seed, options.runs, "--first-seed");
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto ranges = parse_ranges(p, options.params);
  if (options.design != "grid" && options.design != "lhs") {
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--design",
                                  "'" + options.design + "' is not a design: grid or lhs");
  }
  const std::size_t points_option = options.points ? *options.points : (options.design == "grid" ? 3 : 10);
  std::vector<analysis::sensitivity::Point> points;
  try {
    points = options.design == "grid"
                 ? analysis::sensitivity::grid_design(ranges.size(), points_option)
                 : analysis::sensitivity::latin_hypercube(ranges.size(), points_option, options.first_seed);
  } catch (const std::invalid_argument& e) {
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--points", e.what());
  }
  std::vector<double> low, high;
  for (const auto& r : ranges) {
    low.push_back(r.low);
    high.push_back(r.high);
  }
  // Building one model checks the scenario's own sections and the outcomes asked for.
  {
    const analysis::Arm first = arm_at(p, ranges, analysis::sensitivity::scale(points[0], low, high));
    const auto model = first.make(options.first_seed);
    check_has_agents(*model, p.scenario);
    check_outcomes(options.outcomes, analysis::outcome_names(*model, first.start, first.end));
  }

  const fs::path dir =
      options.out.empty() ? fs::path("runs") / (p.scenario.name + "-sweep") : fs::path(options.out);
  SweepOptions shown = options;
  shown.points = points_option;
  open_resumable_folder(dir, "sweep", "sweep.json", design_of(shown, p, ranges, points));
  std::error_code ec;
  fs::create_directories(dir / "points", ec);
  if (ec) throw output::OutputError((dir / "points").string() + ": cannot create: " + ec.message());

  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!fs::exists(dir / "points" / point_file(i))) todo.push_back(i);
  }
  if (!options.quiet) {
    fmt::print(
        "peacesim {} — sweep of {} over {} parameter(s), {} design, {} points × {} members in {}/: {} done "
        "already\n",
        kVersion, p.scenario.path.string(), ranges.size(), options.design, points.size(), options.runs,
        dir.string(), points.size() - todo.size());
    std::fflush(stdout);
  }
  Progress progress(Progress::style_for(stderr, options.quiet), "sweep");
  std::size_t done = 0;
  const std::size_t total = todo.size() * seeds.size();
  std::vector<std::string> shown_outcomes = options.outcomes;
  for (const std::size_t i : todo) {
    if (stop) break;
    const auto values = effective_values(ranges, analysis::sensitivity::scale(points[i], low, high));
    const auto members = analysis::run_members(arm_at(p, ranges, values), seeds, options.threads, [&] {
      ++done;
      progress.update(static_cast<std::uint32_t>(done), static_cast<std::uint32_t>(total));
    });
    std::vector<std::string> names;
    for (const auto& [name, value] : members.front()) names.push_back(name);
    if (shown_outcomes.empty())
      shown_outcomes = analysis::headline_outcomes(names, p.scenario.headline_outcomes);
    nlohmann::json j;
    j["point"] = i;
    j["values"] = values;
    nlohmann::json means = nlohmann::json::object();
    for (const auto& name : names) {
      std::vector<double> v;
      for (const auto& m : members) v.push_back(m.count(name) ? m.at(name) : 0.0);
      const auto mi = analysis::mean_interval(v);
      means[name] = {mi.mean, mi.low, mi.high};
    }
    j["outcomes"] = std::move(means);
    write_json_atomically(dir / "points" / point_file(i), j);
  }
  progress.finish();
  if (stop) {
    fmt::print(
        stderr,
        "peacesim: interrupted; finished points are kept in {}/points/; run the same command to resume\n",
        dir.string());
    return kInterrupted;
  }

  // The table: every point, its parameter values, and the shown outcomes' means and intervals.
  std::vector<nlohmann::json> rows;
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::ifstream in(dir / "points" / point_file(i));
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("outcomes"))
      throw output::OutputError((dir / "points" / point_file(i)).string() +
                                ": unreadable; delete it to redo that point");
    rows.push_back(std::move(j));
  }
  if (shown_outcomes.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, value] : rows.front()["outcomes"].items()) names.push_back(name);
    shown_outcomes = analysis::headline_outcomes(names, p.scenario.headline_outcomes);
  }
  for (const auto& name : shown_outcomes) {
    if (!rows.front()["outcomes"].contains(name)) {
      throw scenario::ScenarioError(
          scenario::Location{"<command line>", 0, 0}, "--outcome",
          "'" + name + "' is not an outcome of these runs (SERIES[REGION] or SERIES[REGION]@YEAR)");
    }
  }
  std::string csv = "point";
  for (const auto& r : ranges) csv += "," + r.name;
  for (const auto& name : shown_outcomes) csv += fmt::format(",\"{0}\",\"{0} low\",\"{0} high\"", name);
  csv += '\n';
  for (const auto& j : rows) {
    csv += std::to_string(j["point"].get<std::size_t>());
    for (const double v : j["values"]) csv += fmt::format(",{}", v);
    for (const auto& name : shown_outcomes) {
      const auto& m = j["outcomes"][name];
      csv += fmt::format(",{},{},{}", m[0].get<double>(), m[1].get<double>(), m[2].get<double>());
    }
    csv += '\n';
  }
  write_text_atomically(dir / "sweep.csv", csv);
  if (!options.quiet) {
    fmt::print("\n{:>5}", "point");
    for (const auto& r : ranges) fmt::print("  {:>14.14}", r.name);
    for (std::size_t k = 0; k < shown_outcomes.size() && k < 3; ++k)
      fmt::print("  {:>26.26}", shown_outcomes[k]);
    fmt::print("\n");
    for (const auto& j : rows) {
      fmt::print("{:>5}", j["point"].get<std::size_t>());
      for (const double v : j["values"]) fmt::print("  {:>14.6g}", v);
      for (std::size_t k = 0; k < shown_outcomes.size() && k < 3; ++k)
        fmt::print("  {:>26.6g}", j["outcomes"][shown_outcomes[k]][0].get<double>());
      fmt::print("\n");
    }
    fmt::print(
        "\nIn {}/: sweep.json (the design), sweep.csv (every point: values, means and 90 % intervals of {} "
        "outcomes), points/ (every outcome's mean per point)\n",
        dir.string(), shown_outcomes.size());
  }
  return kOk;
}

}  // namespace peacesim::cli
