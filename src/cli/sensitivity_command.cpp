// `peacesim sensitivity SCENARIO --param NAME[=LOW:HIGH] ... [--method morris|sobol] --runs N`:
// Morris's elementary effects (analysis/sensitivity/morris.hpp) or Sobol's first-order and total
// indices from Saltelli's design (analysis/sensitivity/sobol.hpp) of the headline outcomes (or
// `--outcome`s) to each parameter. Each point of the design is the mean over N members with the
// same seeds at every point (common random numbers), so the measures are of the parameters, not of
// the noise between seeds.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "analysis/compare.hpp"
#include "analysis/sensitivity/morris.hpp"
#include "analysis/sensitivity/sobol.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/outcome_names.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/point_scores.hpp"
#include "cli/progress.hpp"
#include "cli/seeds.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;
namespace sa = analysis::sensitivity;

namespace {

constexpr double kSobolConfidence = 0.9;

// The points of the design the method asks for, in the unit cube (a bad setting is a command-line
// error naming its option).
struct Design {
  std::vector<sa::Trajectory> trajectories;  // Morris
  sa::SaltelliDesign saltelli;               // Sobol
  std::vector<sa::Point> points;
};

Design design_for(const SensitivityOptions& options, std::size_t parameters) {
  Design d;
  try {
    if (options.method == "sobol") {
      d.saltelli = sa::saltelli_design(parameters, options.samples, options.first_seed);
      d.points = d.saltelli.points();
    } else {
      d.trajectories =
          sa::morris_trajectories(parameters, options.trajectories, options.levels, options.first_seed);
      for (const auto& t : d.trajectories) d.points.insert(d.points.end(), t.points.begin(), t.points.end());
    }
  } catch (const std::invalid_argument& e) {
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0},
                                  options.method == "sobol" ? "--param" : "--levels", e.what());
  }
  return d;
}

// An outcome's value at each point: its mean over the members (0 for a member that lacks it).
std::vector<double> point_means(const std::vector<analysis::Outcomes>& runs, const std::string& name,
                                std::size_t points, std::size_t members) {
  std::vector<double> y(points, 0.0);
  for (std::size_t a = 0; a < points; ++a) {
    double sum = 0.0;
    for (std::size_t m = 0; m < members; ++m) {
      const auto& o = runs[a * members + m];
      sum += o.count(name) ? o.at(name) : 0.0;
    }
    y[a] = sum / static_cast<double>(members);
  }
  return y;
}

std::vector<std::size_t> ranked(const std::vector<double>& by) {
  std::vector<std::size_t> order(by.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return by[a] > by[b]; });
  return order;
}

nlohmann::json report_morris(const Design& d, const std::vector<double>& y,
                             const std::vector<ParameterRange>& ranges, const std::string& name, bool quiet) {
  std::vector<std::vector<double>> by_trajectory;
  std::size_t a = 0;
  for (const auto& t : d.trajectories) {
    by_trajectory.emplace_back(y.begin() + static_cast<std::ptrdiff_t>(a),
                               y.begin() + static_cast<std::ptrdiff_t>(a + t.points.size()));
    a += t.points.size();
  }
  const auto e = sa::morris_effects(d.trajectories, by_trajectory, ranges.size());
  nlohmann::json rows = nlohmann::json::array();
  if (!quiet) fmt::print("\n{}\n  {:<40} {:>14} {:>14} {:>14}\n", name, "parameter", "mu*", "mu", "sigma");
  for (const std::size_t i : ranked(e.mu_star)) {
    rows.push_back(
        {{"parameter", ranges[i].name}, {"mu_star", e.mu_star[i]}, {"mu", e.mu[i]}, {"sigma", e.sigma[i]}});
    if (!quiet)
      fmt::print("  {:<40} {:>14.4g} {:>14.4g} {:>14.4g}\n", ranges[i].name, e.mu_star[i], e.mu[i],
                 e.sigma[i]);
  }
  return rows;
}

nlohmann::json report_sobol(const Design& d, const std::vector<double>& y,
                            const std::vector<ParameterRange>& ranges, const std::string& name,
                            const SensitivityOptions& options) {
  const auto s = sa::sobol_indices(d.saltelli, y, kSobolConfidence, options.bootstrap, options.first_seed);
  nlohmann::json rows = nlohmann::json::array();
  if (!options.quiet)
    fmt::print("\n{} (variance {:.4g})\n  {:<40} {:>8} {:>20} {:>8} {:>20}\n", name, s.variance, "parameter",
               "S1", "90 % interval", "ST", "90 % interval");
  for (const std::size_t i : ranked(s.total)) {
    rows.push_back({{"parameter", ranges[i].name},
                    {"first", s.first[i]},
                    {"first_interval", {s.first_ci[i].low, s.first_ci[i].high}},
                    {"total", s.total[i]},
                    {"total_interval", {s.total_ci[i].low, s.total_ci[i].high}}});
    if (!options.quiet) {
      const auto interval = [&](const sa::Interval& c) {
        return options.bootstrap == 0 ? std::string("-") : fmt::format("[{:.3f}, {:.3f}]", c.low, c.high);
      };
      fmt::print("  {:<40} {:>8.3f} {:>20} {:>8.3f} {:>20}\n", ranges[i].name, s.first[i],
                 interval(s.first_ci[i]), s.total[i], interval(s.total_ci[i]));
    }
  }
  return {{"variance", s.variance}, {"indices", rows}};
}

// Each point's backtest metrics, given to every member of the point (the mean over the members,
// which point_means takes, is then the point's own value).
void add_point_metrics(const PointScoring& scoring, const std::vector<validation::RunFigures>& figures,
                       std::size_t members, std::vector<analysis::Outcomes>& runs) {
  for (std::size_t a = 0; a * members < runs.size(); ++a) {
    const auto first = figures.begin() + static_cast<std::ptrdiff_t>(a * members);
    const auto metrics = point_metrics(scoring, {first, first + static_cast<std::ptrdiff_t>(members)});
    for (std::size_t m = 0; m < members; ++m) runs[a * members + m].insert(metrics.begin(), metrics.end());
  }
}

// The metrics a backtest reports depend on what the runs record (the hosts of refugees, the
// forces' dead): one member of the first point is scored before the design runs, so a misspelt
// metric fails at once, listing those there are.
void check_metric_outcomes(const PointScoring& scoring, const analysis::Arm& arm, std::uint64_t seed,
                           const std::vector<std::string>& asked) {
  std::vector<validation::RunFigures> one(1);
  analysis::run_points_visiting(
      {arm}, {seed}, 1,
      [&](std::size_t, const engine::Recorder& run) { one[0] = scored_figures(scoring, run); }, [] {});
  std::set<std::string> known;
  for (const auto& [name, value] : point_metrics(scoring, one)) known.insert(name);
  for (const auto& name : asked) {
    if (known.count(name)) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : "; ") + k;
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--outcome",
                                  "'" + name + "' is not a metric of this backtest; there are: " + list);
  }
}

}  // namespace

int sensitivity_command(const SensitivityOptions& options) {
  // Everything that can be checked is checked before any member runs.
  const bool sobol = options.method == "sobol";
  const std::vector<std::uint64_t> seeds = member_seeds(options.first_seed, options.runs, "--first-seed");
  if (!options.out.empty()) check_output_file(options.out);
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto ranges = parse_ranges(p, options.params);
  const Design d = design_for(options, ranges.size());
  std::vector<double> low, high;
  for (const auto& r : ranges) {
    low.push_back(r.low);
    high.push_back(r.high);
  }
  std::vector<analysis::Arm> arms;
  for (const auto& point : d.points) arms.push_back(arm_at(p, ranges, sa::scale(point, low, high)));
  std::vector<std::string> model_outcomes, metric_outcomes;
  for (const auto& name : options.outcomes)
    (is_backtest_outcome(name) ? metric_outcomes : model_outcomes).push_back(name);
  if (!metric_outcomes.empty() && options.observed.empty())
    throw scenario::ScenarioError(
        scenario::Location{"<command line>", 0, 0}, "--outcome",
        "'" + metric_outcomes.front() + "' is a backtest metric: it needs --observed");
  const std::optional<PointScoring> scoring =
      options.observed.empty() ? std::nullopt
                               : std::optional<PointScoring>(point_scoring(p, options.observed));
  {  // one model checks the scenario's own sections and the outcomes asked for
    const auto model = arms.front().make(options.first_seed);
    check_has_agents(*model, p.scenario);
    check_outcomes(model_outcomes, analysis::outcome_names(*model, arms.front().start, arms.front().end));
  }
  if (!metric_outcomes.empty())
    check_metric_outcomes(*scoring, arms.front(), options.first_seed, metric_outcomes);
  const std::size_t total = arms.size() * seeds.size();
  if (!options.quiet) {
    const std::string what = sobol ? fmt::format("Sobol indices (Saltelli's design, n = {})", options.samples)
                                   : fmt::format("Morris screening ({} trajectories on {} levels)",
                                                 options.trajectories, options.levels);
    fmt::print("peacesim {} — {} of {}: {} parameter(s), {} points × {} members = {} runs\n", kVersion, what,
               p.scenario.path.string(), ranges.size(), arms.size(), seeds.size(), total);
    std::fflush(stdout);
  }
  Progress progress(Progress::style_for(stderr, options.quiet), "sensitivity");
  std::size_t done = 0;
  std::vector<analysis::Outcomes> runs(total);
  std::vector<validation::RunFigures> figures(scoring ? total : 0);
  analysis::run_points_visiting(
      arms, seeds, options.threads,
      [&](std::size_t i, const engine::Recorder& run) {
        runs[i] = analysis::outcomes_of(run);
        if (scoring) figures[i] = scored_figures(*scoring, run);
      },
      [&] {
        ++done;
        progress.update(static_cast<std::uint32_t>(done), static_cast<std::uint32_t>(total));
      });
  progress.finish();
  if (scoring) add_point_metrics(*scoring, figures, seeds.size(), runs);

  std::vector<std::string> names;
  for (const auto& [name, value] : runs.front()) names.push_back(name);
  std::vector<std::string> shown = options.outcomes.empty()
                                       ? analysis::headline_outcomes(names, p.scenario.headline_outcomes)
                                       : options.outcomes;
  if (options.outcomes.empty() && scoring) {  // and the backtest's CRPS, the score it ranks on
    for (const auto& name : names)
      if (is_backtest_outcome(name) && name.find("CRPS") != std::string::npos) shown.push_back(name);
  }
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
  j["runs_per_point"] = options.runs;
  if (scoring) {
    j["backtest"] = {{"observed", scoring->observed.files},
                     {"origin", engine::Date(scoring->origin_year, 12, 31).iso()},
                     {"scored", {scoring->scored_from.iso(), scoring->scored_to.iso()}},
                     {"note",
                      "backtest:<metric> outcomes are the model's value of backtest's metric for each "
                      "point's members together, scored on the years after the origin"}};
  }
  j["first_seed"] = options.first_seed;
  if (sobol) {
    j["method"] =
        "Sobol first-order (Saltelli 2010) and total (Jansen 1999) indices, Saltelli's design on a "
        "shifted Sobol sequence; bootstrap percentile intervals";
    j["samples"] = options.samples;
    j["bootstrap"] = options.bootstrap;
    j["confidence"] = kSobolConfidence;
  } else {
    j["method"] = "Morris elementary effects (mu, mu_star, sigma) in the unit scale of each range";
    j["trajectories"] = options.trajectories;
    j["levels"] = options.levels;
  }
  for (const auto& r : ranges)
    j["parameters"].push_back({{"name", r.name}, {"low", r.low}, {"high", r.high}});
  for (const auto& name : shown) {
    const auto y = point_means(runs, name, d.points.size(), seeds.size());
    if (sobol) {
      j["indices"][name] = report_sobol(d, y, ranges, name, options);
    } else {
      j["effects"][name] = report_morris(d, y, ranges, name, options.quiet);
    }
  }
  if (!options.quiet) {
    const char* legend =
        sobol ? "\nS1: share of the outcome's variance the parameter explains alone; ST: with all its "
                "interactions (ST - S1: through interactions only); intervals: bootstrap over the samples.\n"
              : "\nmu*: mean absolute elementary effect (importance), mu: mean effect (sign), sigma: spread "
                "(non-linearity, interactions); effects are changes in the outcome for a move across the "
                "whole range.\n";
    fmt::print("{}", legend);
  }
  if (!options.out.empty()) {
    write_json_atomically(options.out, j);
    if (!options.quiet) fmt::print("All {} in {}\n", sobol ? "indices" : "effects", options.out);
  }
  return kOk;
}

}  // namespace peacesim::cli
