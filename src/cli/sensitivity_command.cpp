// `peacesim sensitivity SCENARIO --param NAME[=LOW:HIGH] ... --trajectories R --levels P --runs N`:
// Morris's elementary effects (analysis/sensitivity/morris.hpp) of the headline outcomes (or
// `--outcome`s) to each parameter. Each point of each trajectory is the mean over N members with
// the same seeds at every point (common random numbers), so the effects measure the parameters,
// not the noise between seeds.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "analysis/compare.hpp"
#include "analysis/sensitivity/morris.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/outcome_names.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/progress.hpp"
#include "cli/seeds.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

int sensitivity_command(const SensitivityOptions& options) {
  // Everything that can be checked is checked before any member runs.
  const std::vector<std::uint64_t> seeds = member_seeds(options.first_seed, options.runs, "--first-seed");
  if (!options.out.empty()) check_output_file(options.out);
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto ranges = parse_ranges(p, options.params);
  std::vector<analysis::sensitivity::Trajectory> trajectories;
  try {
    trajectories = analysis::sensitivity::morris_trajectories(ranges.size(), options.trajectories,
                                                              options.levels, options.first_seed);
  } catch (const std::invalid_argument& e) {
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--levels", e.what());
  }
  std::vector<double> low, high;
  for (const auto& r : ranges) {
    low.push_back(r.low);
    high.push_back(r.high);
  }
  std::vector<analysis::Arm> arms;
  for (const auto& t : trajectories) {
    for (const auto& point : t.points)
      arms.push_back(arm_at(p, ranges, analysis::sensitivity::scale(point, low, high)));
  }
  {  // one model checks the scenario's own sections and the outcomes asked for
    const auto model = arms.front().make(options.first_seed);
    check_has_agents(*model, p.scenario);
    check_outcomes(options.outcomes, analysis::outcome_names(*model, arms.front().start, arms.front().end));
  }
  const std::size_t total = arms.size() * seeds.size();
  if (!options.quiet) {
    fmt::print(
        "peacesim {} — Morris screening of {}: {} parameter(s), {} trajectories on {} levels, {} points × {} "
        "members = {} runs\n",
        kVersion, p.scenario.path.string(), ranges.size(), options.trajectories, options.levels, arms.size(),
        seeds.size(), total);
    std::fflush(stdout);
  }
  Progress progress(Progress::style_for(stderr, options.quiet), "sensitivity");
  std::size_t done = 0;
  const auto runs = analysis::run_points(arms, seeds, options.threads, [&] {
    ++done;
    progress.update(static_cast<std::uint32_t>(done), static_cast<std::uint32_t>(total));
  });
  progress.finish();

  std::vector<std::string> names;
  for (const auto& [name, value] : runs.front()) names.push_back(name);
  const std::vector<std::string> shown =
      options.outcomes.empty() ? analysis::headline_outcomes(names) : options.outcomes;
  for (const auto& name : shown) {
    if (!runs.front().count(name)) {
      throw scenario::ScenarioError(
          scenario::Location{"<command line>", 0, 0}, "--outcome",
          "'" + name + "' is not an outcome of these runs (SERIES[REGION] or SERIES[REGION]@YEAR)");
    }
  }
  nlohmann::json j;
  j["peacesim"] = kVersion;
  j["scenario"] = {{"path", p.scenario.path.string()}, {"hash", p.scenario.hash}};
  j["method"] = "Morris elementary effects (mu, mu_star, sigma) in the unit scale of each range";
  j["trajectories"] = options.trajectories;
  j["levels"] = options.levels;
  j["runs_per_point"] = options.runs;
  j["first_seed"] = options.first_seed;
  for (const auto& r : ranges)
    j["parameters"].push_back({{"name", r.name}, {"low", r.low}, {"high", r.high}});
  for (const auto& name : shown) {
    std::vector<std::vector<double>> y(trajectories.size());
    std::size_t a = 0;
    for (std::size_t t = 0; t < trajectories.size(); ++t) {
      for (std::size_t k = 0; k < trajectories[t].points.size(); ++k, ++a) {
        double sum = 0.0;
        for (std::size_t m = 0; m < seeds.size(); ++m) {
          const auto& o = runs[a * seeds.size() + m];
          sum += o.count(name) ? o.at(name) : 0.0;
        }
        y[t].push_back(sum / static_cast<double>(seeds.size()));
      }
    }
    const auto e = analysis::sensitivity::morris_effects(trajectories, y, ranges.size());
    nlohmann::json rows = nlohmann::json::array();
    std::vector<std::size_t> order(ranges.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a1, std::size_t b1) { return e.mu_star[a1] > e.mu_star[b1]; });
    if (!options.quiet)
      fmt::print("\n{}\n  {:<40} {:>14} {:>14} {:>14}\n", name, "parameter", "mu*", "mu", "sigma");
    for (const std::size_t i : order) {
      rows.push_back(
          {{"parameter", ranges[i].name}, {"mu_star", e.mu_star[i]}, {"mu", e.mu[i]}, {"sigma", e.sigma[i]}});
      if (!options.quiet)
        fmt::print("  {:<40} {:>14.4g} {:>14.4g} {:>14.4g}\n", ranges[i].name, e.mu_star[i], e.mu[i],
                   e.sigma[i]);
    }
    j["effects"][name] = std::move(rows);
  }
  if (!options.quiet) {
    fmt::print(
        "\nmu*: mean absolute elementary effect (importance), mu: mean effect (sign), sigma: spread "
        "(non-linearity, interactions); effects are changes in the outcome for a move across the whole "
        "range.\n");
  }
  if (!options.out.empty()) {
    write_json_atomically(options.out, j);
    if (!options.quiet) fmt::print("All effects in {}\n", options.out);
  }
  return kOk;
}

}  // namespace peacesim::cli
