// `peacesim backtest SCENARIO --origin D... --runs N --observed FILE...`: blind forecasts. For
// each origin (a 31 December): fit the scenario's parameters on the observations up to the origin
// only (cli/calibration.hpp; observations dated after it are refused for the fit, and the command
// says which), run an ensemble with the fitted values to the last observed year, and score the
// years after the origin beside persistence, the three-year mean and a negative-binomial
// regression, all frozen at the origin (validation/backtest.hpp); the scenario's patterns are
// checked on every member. docs/validation.md.
#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "analysis/compare.hpp"
#include "cli/backtest_hindcasts.hpp"
#include "cli/backtest_report.hpp"
#include "cli/calibration.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/observed_files.hpp"
#include "cli/pattern_runs.hpp"
#include "cli/posterior_file.hpp"
#include "cli/progress.hpp"
#include "cli/region_names.hpp"
#include "cli/seeds.hpp"
#include "geo/adjacency.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/backtest.hpp"
#include "validation/member_resampling.hpp"
#include "validation/regions.hpp"

namespace peacesim::cli {

namespace {

constexpr std::size_t kDefaultBudget = 20, kDefaultFitRuns = 2, kDefaultRecheck = 3, kDefaultRecheckRuns = 4;

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field, message);
}

bool year_end(engine::Date d) { return d.month() == 12 && d.day() == 31; }

// The scenario's region boundaries (geography.regions): the regions observations are counted in,
// and their neighbours for the regression.
ScenarioRegions regions_of(const PreparedRun& p) {
  auto regions = scenario_regions(p.scenario);
  if (!regions) {
    throw scenario::ScenarioError(
        scenario::Location{p.scenario.path.string(), 0, 0}, "geography",
        "a backtest needs the scenario's region boundaries (geography.regions) for the "
        "regression's neighbours");
  }
  return std::move(*regions);
}

struct Fit {
  std::vector<ParameterRange> ranges;
  engine::Date from;
  std::size_t budget = kDefaultBudget, runs = kDefaultFitRuns, recheck = kDefaultRecheck,
              recheck_runs = kDefaultRecheckRuns;
};

Fit fit_settings(const PreparedRun& p, const BacktestOptions& o) {
  Fit f;
  const auto section = read_calibration_section(p);
  if (!o.params.empty()) {
    f.ranges = parse_ranges(p, o.params);
  } else if (section) {
    f.ranges = parse_ranges(p, section->params);
  } else {
    bad("--param",
        "give the parameters to fit (--param NAME=LOW:HIGH), a calibration: section in the scenario, or "
        "--no-fit");
  }
  f.from = !o.fit_from.empty()
               ? date_option(o.fit_from, "--fit-from")
               : (section && section->from ? *section->from : first_new_year(p.scenario.start));
  auto pick = [](const std::optional<std::size_t>& option, const std::optional<std::size_t>& fromsection,
                 std::size_t fallback) { return option ? *option : (fromsection ? *fromsection : fallback); };
  f.budget = pick(o.budget, section ? section->evaluations : std::nullopt, kDefaultBudget);
  f.runs = pick(o.fit_runs, section ? section->members : std::nullopt, kDefaultFitRuns);
  f.recheck = pick(o.recheck, section ? section->recheck : std::nullopt, kDefaultRecheck);
  f.recheck_runs =
      pick(o.recheck_runs, section ? section->recheck_members : std::nullopt, kDefaultRecheckRuns);
  return f;
}

std::string command_line(const BacktestOptions& o) {
  std::string c = "peacesim backtest " + o.input.scenario;
  for (const auto& s : o.input.overrides) c += " --set " + s;
  if (o.input.scale) c += fmt::format(" --scale {}", *o.input.scale);
  for (const auto& d : o.origins) c += " --origin " + d;
  c += fmt::format(" --runs {} --first-seed {}", o.runs, o.first_seed);
  for (const auto& f : o.observed) c += " --observed " + f;
  if (o.no_fit) c += " --no-fit";
  if (o.simulate_through) c += " --simulate-through";
  for (const auto& p : o.params) c += " --param " + p;
  if (!o.fit_from.empty()) c += " --fit-from " + o.fit_from;
  if (o.budget) c += fmt::format(" --budget {}", *o.budget);
  if (o.fit_runs) c += fmt::format(" --fit-runs {}", *o.fit_runs);
  if (o.recheck) c += fmt::format(" --recheck {}", *o.recheck);
  if (o.recheck_runs) c += fmt::format(" --recheck-runs {}", *o.recheck_runs);
  if (o.rehearse) c += " --rehearse";
  for (const auto& f : o.posteriors) c += " --posterior " + f;
  if (o.discrepancy) c += " --discrepancy";
  if (o.discrepancy_runs) c += fmt::format(" --discrepancy-runs {}", *o.discrepancy_runs);
  return c;
}

}  // namespace

int backtest_command(const BacktestOptions& options) {
  const scenario::LoadOptions load{options.input.overrides, options.input.seed, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto patterns = validation::read_patterns(p.scenario.root);
  std::vector<engine::Date> origins;
  for (const auto& text : options.origins) {
    const engine::Date d = date_option(text, "--origin");
    if (!year_end(d)) bad("--origin", text + " is not a 31 December: the scores are by year");
    if (d < p.scenario.start || d >= p.scenario.end)
      bad("--origin", text + " is not within the scenario's calendar " + p.scenario.start.iso() + " → " +
                          p.scenario.end.iso());
    if (std::find(origins.begin(), origins.end(), d) != origins.end())
      bad("--origin", text + " is given twice");
    origins.push_back(d);
  }
  std::sort(origins.begin(), origins.end());
  // A posterior per origin, fitted on observations up to it: the members take its draws.
  std::map<engine::Date, Posterior> posteriors;
  for (const auto& file : options.posteriors) {
    Posterior post = read_posterior(file, p);
    if (!post.origin)
      bad("--posterior", file + ": has no posterior.origin: which observations it saw is unknown");
    if (std::find(origins.begin(), origins.end(), *post.origin) == origins.end())
      bad("--posterior",
          fmt::format("{}: fitted on observations up to {}, which is not one of the --origin dates "
                      "(a posterior scores only the forecast from its own origin)",
                      file, post.origin->iso()));
    if (posteriors.count(*post.origin))
      bad("--posterior", "two posteriors for the origin " + post.origin->iso());
    posteriors.emplace(*post.origin, std::move(post));
  }
  if (!posteriors.empty() && posteriors.size() != origins.size())
    bad("--posterior", "give one posterior per --origin");
  std::optional<Fit> fit;
  if (!posteriors.empty()) {
    if (!options.params.empty())
      bad("--param", "cannot be combined with --posterior (the posterior is the fit)");
  } else if (!options.no_fit) {
    fit = fit_settings(p, options);
    check_algorithm(options.algorithm);
  } else if (!options.params.empty()) {
    bad("--param", "cannot be combined with --no-fit");
  }
  if (options.rehearse && !fit)
    bad("--rehearse", "rehearses a fit: it needs one (not --no-fit nor --posterior)");
  const std::size_t hindcast_runs =
      options.discrepancy_runs.value_or(std::min<std::size_t>(20, options.runs));
  if (options.discrepancy_runs && !options.discrepancy)
    bad("--discrepancy-runs", "sizes the hindcasts of --discrepancy, which is not given");
  if (options.discrepancy) {
    if (hindcast_runs > options.runs)
      bad("--discrepancy-runs",
          fmt::format("{} is more than the ensemble's {} members (--runs)", hindcast_runs, options.runs));
    for (const auto& d : origins) {
      if (hindcast_origins(p.scenario.start, d).empty())
        bad("--discrepancy",
            "no 31 December in the scenario's calendar before the origin " + d.iso() + " to hindcast from");
    }
  }
  if (!options.out.empty()) check_output_file(options.out);

  // The observations are counted in the scenario's regions; the regression needs their neighbours.
  const ScenarioRegions regions = regions_of(p);
  const validation::Adjacency adjacency = geo::neighbours(regions.layer);
  const ObservedScope scope = observed_scope(p.scenario, region_names(regions));
  const auto countries = country_regions(p.scenario, regions);  // several states: scored by country too
  validation::Observed full =
      load_observed(options.observed, engine::Date(1900, 1, 1), engine::Date(2200, 12, 31), scope);
  const auto latest = validation::latest_observation(full);
  if (!latest) bad("--observed", "the files hold no observations");
  const int last_year = latest->year();
  for (const auto& d : origins) {
    if (d.year() >= last_year)
      bad("--origin",
          fmt::format("{}: nothing is observed after it (the observations end in {})", d.iso(), last_year));
    if (fit && fit->from > d) bad("--fit-from", fit->from.iso() + " is after the origin " + d.iso());
    if (fit && options.rehearse) check_rehearsal(fit->from, d, "--rehearse");
  }
  const engine::Date forecast_end(last_year, 12, 31);
  if (p.scenario.end < forecast_end)
    bad("--origin", "the scenario ends on " + p.scenario.end.iso() + ", before the last observed year " +
                        std::to_string(last_year));

  const auto& stop = install_interrupt_handlers();
  nlohmann::json out;
  out["kind"] = "backtest";
  out["peacesim"] = kVersion;
  out["command"] = command_line(options);
  out["scenario"] = {{"path", p.scenario.path.string()},
                     {"name", p.scenario.name},
                     {"hash", p.scenario.hash},
                     {"people_per_agent", p.scenario.people_per_agent}};
  out["observed"] = full.files;
  out["last_observed_year"] = last_year;
  out["runs"] = options.runs;
  out["first_seed"] = options.first_seed;
  out["adjacency"] = adjacency;
  out["origins"] = nlohmann::json::array();
  // The ensemble's seeds come first; the fit's follow, so that no member of the forecast is one the
  // fit was chosen on. The whole span is checked before any work: no seed may wrap.
  const auto span = member_seeds(options.first_seed, options.runs + (fit ? fit->runs + fit->recheck_runs : 0),
                                 "--first-seed");
  const std::vector<std::uint64_t> seeds(span.begin(),
                                         span.begin() + static_cast<std::ptrdiff_t>(options.runs));
  if (!options.quiet) {
    fmt::print(
        "peacesim {} — backtest of {} from {} origin(s), {} members each, scored to {}; {}\n", kVersion,
        p.scenario.path.string(), origins.size(), options.runs, last_year,
        fit ? fmt::format("fitting {} parameter(s) at each origin ({} evaluations of {} members, re-check of "
                          "{} on {} fresh seeds)",
                          fit->ranges.size(), fit->budget, fit->runs, fit->recheck, fit->recheck_runs)
            : (posteriors.empty() ? std::string("no fit")
                                  : std::string("members from each origin's posterior")));
    std::fflush(stdout);
  }

  for (const auto& origin : origins) {
    nlohmann::json entry;
    entry["origin"] = origin.iso();
    // The forecast starts from what was observed at the origin, never later (the fit's runs stop
    // at the origin, so the scenario as loaded serves them); with --simulate-through, from nothing.
    scenario::LoadOptions at_origin = load;
    at_origin.overrides.push_back("calendar.forecast_origin=" +
                                  (options.simulate_through ? std::string("none") : origin.iso()));
    const PreparedRun forecast = prepare(options.input.scenario, at_origin);
    entry["forecast_origin"] =
        options.simulate_through ? nlohmann::json(nullptr) : nlohmann::json(origin.iso());
    std::vector<double> fitted;  // the fit's chosen values (the hindcasts take them too)
    if (fit) {
      validation::Observed window = load_observed(options.observed, fit->from, origin, scope);
      // Observations dated after the origin are refused for the fit: they score the forecast.
      const std::string left_out = observations_after(window, origin);
      const validation::Observed seen = validation::observed_up_to(window, origin);
      CalibrationSettings s;
      s.ranges = fit->ranges;
      s.from = fit->from;
      s.to = origin;
      s.budget = fit->budget;
      s.algorithm = options.algorithm;
      s.recheck = fit->recheck;
      s.threads = options.threads;
      s.stop = &stop;
      const std::uint64_t after = options.first_seed + options.runs;
      for (std::size_t i = 0; i < fit->runs; ++i) s.seeds.push_back(after + i);
      for (std::size_t i = 0; i < fit->recheck_runs; ++i) s.recheck_seeds.push_back(after + fit->runs + i);
      if (!options.quiet) {
        fmt::print(
            "\nOrigin {}: fitting on {} → {}{}\n", origin.iso(), fit->from.iso(), origin.iso(),
            left_out.empty() ? std::string() : "; refused for the fit (dated after the origin): " + left_out);
        s.say = [](const std::string& line) {
          fmt::print("{}\n", line);
          std::fflush(stdout);
        };
      }
      // Rehearsed: the fit's runs forecast the origin's year from the 31 December before it.
      const std::optional<PreparedRun> rehearsal =
          options.rehearse ? std::optional<PreparedRun>(
                                 rehearsal_of(options.input.scenario, load, fit->from, origin, "--rehearse"))
                           : std::nullopt;
      if (rehearsal && !options.quiet)
        fmt::print("  Rehearsed: {} is forecast from {} in every run of the fit\n", origin.year(),
                   rehearsal_origin(origin).iso());
      CalibrationResult result;
      try {
        result = calibrate(rehearsal ? *rehearsal : p, seen, s);
      } catch (const CalibrationInterrupted& e) {
        fmt::print(stderr, "peacesim: interrupted after {} evaluations; nothing written\n",
                   e.evaluations_done);
        return kInterrupted;
      }
      const auto& chosen = result.best();
      nlohmann::json params = nlohmann::json::array();
      for (std::size_t k = 0; k < fit->ranges.size(); ++k) {
        params.push_back({{"name", fit->ranges[k].name},
                          {"low", fit->ranges[k].low},
                          {"high", fit->ranges[k].high},
                          {"start", result.start().values[k]},
                          {"fitted", chosen.values[k]}});
      }
      entry["fit"] = {
          {"from", fit->from.iso()},
          {"to", origin.iso()},
          {"parameters", params},
          {"evaluations", result.points.size()},
          {"members", fit->runs},
          {"seeds", s.seeds},
          {"recheck_seeds", fit->recheck > 0 ? nlohmann::json(s.recheck_seeds) : nlohmann::json::array()},
          {"algorithm", options.algorithm},
          {"loss_start", result.start().loss},
          {"loss_chosen", chosen.loss},
          {"fresh_loss_start",
           result.start().fresh_loss ? nlohmann::json(*result.start().fresh_loss) : nlohmann::json(nullptr)},
          {"fresh_loss_chosen",
           chosen.fresh_loss ? nlohmann::json(*chosen.fresh_loss) : nlohmann::json(nullptr)},
          {"left_out", left_out},
          {"rehearsal_origin",
           rehearsal ? nlohmann::json(rehearsal_origin(origin).iso()) : nlohmann::json(nullptr)}};
      fitted = chosen.values;
    } else {
      entry["fit"] = nullptr;
    }
    // The first n members' arms for a run prepared at some origin: with a posterior, member i takes
    // draw draws[i] (two members to a draw); else every member the fit's values (or the scenario's).
    // The forecast's members and the discrepancy's hindcasts are built by it alike.
    const auto posterior = posteriors.find(origin);
    const std::vector<std::size_t> draws =
        posterior == posteriors.end() ? std::vector<std::size_t>{}
                                      : member_draws(posterior->second, seeds.size(), options.first_seed);
    const auto arms_at = [&](const PreparedRun& at, std::size_t n) {
      if (posterior == posteriors.end())
        return std::vector<analysis::Arm>(n, fit ? arm_at(at, fit->ranges, fitted) : arm_at(at, {}, {}));
      std::vector<analysis::Arm> arms;
      for (std::size_t i = 0; i < n; ++i) arms.push_back(arm_with_draw(at, posterior->second, draws[i]));
      return arms;
    };
    std::vector<analysis::Arm> member_arms = arms_at(forecast, seeds.size());
    for (auto& a : member_arms) a.end = forecast_end;
    if (posterior != posteriors.end())
      entry["posterior"] = {
          {"file", posterior->second.file}, {"parameters", posterior->second.names}, {"draws", draws}};

    // The ensemble, scored on the years after the origin; the patterns on each member.
    const engine::Date scored_from(origin.year() + 1, 1, 1);
    validation::ForecastInput input;
    input.observed = &full;
    input.origin_year = origin.year();
    input.last_year = last_year;
    input.adjacency = &adjacency;
    input.countries = countries;
    // The discrepancy, from hindcasts with the forecast's parameters, started before the origin.
    validation::Discrepancy discrepancy;
    if (options.discrepancy) {
      Hindcasts h;
      h.scenario = options.input.scenario;
      h.start = p.scenario.start;
      h.load = load;
      h.simulate_through = options.simulate_through;
      h.arms = [&](const PreparedRun& at) { return arms_at(at, hindcast_runs); };
      h.seeds.assign(seeds.begin(), seeds.begin() + static_cast<std::ptrdiff_t>(hindcast_runs));
      h.full = &full;
      h.scoring = input;
      h.threads = options.threads;
      h.stop = &stop;
      h.quiet = options.quiet;
      if (!options.quiet) {
        fmt::print("\nOrigin {}: hindcasts of {} members for the model's discrepancy\n", origin.iso(),
                   hindcast_runs);
        std::fflush(stdout);
      }
      try {
        discrepancy =
            estimate_discrepancy(h, origin, static_cast<std::uint64_t>(origin.year()), entry["discrepancy"]);
      } catch (const analysis::Interrupted&) {
        fmt::print(stderr, "peacesim: interrupted; nothing written\n");
        return kInterrupted;
      }
      input.discrepancy = &discrepancy;
    } else {
      entry["discrepancy"] = nullptr;
    }
    input.members.resize(seeds.size());
    input.nb_paths = options.nb_paths;
    PatternTable table{patterns, seeds, std::vector<std::vector<validation::PatternResult>>(seeds.size())};
    if (!options.quiet) {
      fmt::print("\nOrigin {}: ensemble of {} members to {}\n", origin.iso(), seeds.size(),
                 forecast_end.iso());
      std::fflush(stdout);
    }
    Progress progress(Progress::style_for(stderr, options.quiet), "ensemble " + origin.iso());
    std::size_t done = 0;
    try {
      analysis::run_pairs_visiting(
          seeds.size(), [&](std::size_t i) -> const analysis::Arm& { return member_arms[i]; },
          [&](std::size_t i) { return seeds[i]; }, options.threads,
          [&](std::size_t i, const engine::Recorder& run) {
            input.members[i] = validation::figures_of(run, scored_from, forecast_end, full.regions);
            table.results[i] = check_patterns(patterns, run);
          },
          [&] {
            progress.update(static_cast<std::uint32_t>(++done), static_cast<std::uint32_t>(seeds.size()));
          },
          &stop);
    } catch (const analysis::Interrupted&) {
      progress.finish();
      fmt::print(stderr, "peacesim: interrupted; nothing written\n");
      return kInterrupted;
    }
    progress.finish();
    entry["seeds"] = seeds;
    entry["scores"] = validation::score_forecast(input);
    // Keyed by the origin's year alone: the same members give the same spread.
    validation::add_member_resampling(entry["scores"], input,
                                      {options.resample, static_cast<std::uint64_t>(origin.year())});
    entry["patterns"] = patterns_json(table);
    if (!options.quiet) print_origin(entry);
    out["origins"].push_back(std::move(entry));
  }
  if (!options.out.empty()) {
    write_json_atomically(options.out, out);
    if (!options.quiet) fmt::print("\nEvery origin's fit, scores, rows and patterns in {}\n", options.out);
  }
  return kOk;
}

}  // namespace peacesim::cli
