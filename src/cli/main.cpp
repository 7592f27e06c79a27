// peacesim: the command-line tool. Parses arguments, dispatches to a command, and turns every
// failure into a one-line message and a documented exit code.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <limits>
#include <map>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/number_options.hpp"
#include "cli/prepared_run.hpp"
#include "cli/seeds.hpp"
#include "engine/threads.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "validation/observed.hpp"

using namespace peacesim::cli;

namespace {
constexpr const char* kFooter = R"(Examples:
  peacesim run scenarios/examples/epstein_mesa.yaml
  peacesim run scenarios/examples/epstein_mesa.yaml --seed 7 --threads 2 --out runs/try7
  peacesim run scenarios/examples/epstein_netlogo.yaml --set parameters.legitimacy=0.6
  peacesim check scenarios/examples/epstein_mesa.yaml
  peacesim describe scenarios/examples/epstein_mesa.yaml --format markdown
  peacesim compare SCENARIO VARIANT --runs 20
  mpirun -n 4 peacesim ensemble SCENARIO --runs 100 --out runs/ensemble-100
  peacesim sweep scenarios/examples/epstein_mesa.yaml --param legitimacy=0.6:0.9 --design lhs --points 8
  peacesim sensitivity SCENARIO --param peace_rate --param combat_attrition --trajectories 6
  peacesim validate runs/seed1 --observed FILE
  peacesim patterns SCENARIO --seeds 20
  peacesim backtest SCENARIO --origin 2014-12-31 --runs 20 --observed FILE --observed FILE

Exit codes:
  0    success
  1    internal error (a bug: please report it with the command you ran)
  2    bad input: the scenario or the command line is wrong; the message names file:line:column and field
  3    results could not be written (output folder exists, permission denied, disk full); nothing partial is left
  130  interrupted (Ctrl-C or SIGTERM): no partial results; a run saved its state to resume from, an ensemble
       or sweep keeps its finished members or points: run the same command again to go on

Documentation: docs/cli.md, docs/scenario-format.md, docs/architecture.md)";

// Multi-member commands (compare, ensemble, sweep, sensitivity, calibrate) take --first-seed, with
// --seed as another name for it; run, check and describe take --seed, the run's seed.
enum class SeedOption { Seed, None };

void add_scenario_options(CLI::App* cmd, ScenarioOptions& o, SeedOption seed = SeedOption::None) {
  cmd->add_option("scenario", o.scenario, "Scenario file (YAML)")->required()->type_name("FILE");
  cmd->add_option(
         "--set", o.overrides,
         "Override a scenario field, e.g. --set parameters.legitimacy=0.6 or --set calendar.steps=500 "
         "(repeatable; a bare parameter name means parameters.NAME)")
      ->type_name("FIELD=VALUE")
      ->take_all();
  if (seed == SeedOption::Seed) {
    cmd->add_option("--seed", o.seed, "Run seed, 0 to 2^63-1 (overrides run.seed in the scenario)")
        ->transform(whole_number(kMaxSeed));
  }
  cmd->add_option("--scale", o.scale, "People per agent (overrides run.people_per_agent); 1 = full scale")
      ->check(CLI::Range(1.0, 1e9))
      ->transform(decimal_number());
}

// The seed of member 0 of a multi-member command; `--seed` means the same.
void add_first_seed(CLI::App* cmd, std::uint64_t& first_seed, const std::string& help) {
  cmd->add_option("--first-seed,--seed", first_seed,
                  help + "; --seed is another name for it; seeds are 0 to 2^63-1")
      ->transform(whole_number(kMaxSeed));
}

// Threads, members, points: whole numbers in a range, read strictly.
CLI::Option* add_count(CLI::App* cmd, const std::string& name, auto& value, const std::string& help,
                       std::uint64_t low, std::uint64_t high) {
  return cmd->add_option(name, value, help)->check(CLI::Range(low, high))->transform(whole_number(high));
}

// A multi-member command over one scenario: its `--set` shorthand expanded, and --threads 0 taken
// as every core, before it runs.
template <class Options>
int run_on_all_cores(Options& options, int (*command)(const Options&)) {
  expand_parameter_shorthand(options.input.overrides);
  if (options.threads == 0) options.threads = peacesim::engine::hardware_threads();
  return command(options);
}

// CLI11 answers a first word that is no command with "A subcommand is required": name it instead.
bool refuse_unknown_command(CLI::App& app, const std::string& first) {
  if (first.empty() || first[0] == '-') return false;
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), first) != names.end()) return false;
  std::string message = fmt::format("'{}' is not a peacesim command", first);
  if (const auto near = peacesim::scenario::closest_name(first, names))
    message += fmt::format(" (did you mean '{}'?)", *near);
  fmt::print(stderr, "peacesim: error: {}; the commands are {}. See peacesim --help\n", message,
             fmt::join(names, ", "));
  return true;
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "peacesim: a fast, reproducible simulator of armed conflicts and the peace operations deployed "
      "into them",
      "peacesim"};
  app.footer(kFooter);
  app.require_subcommand(1);
  app.fallthrough(false);
  app.set_version_flag("--version",
                       fmt::format("peacesim {} (git {})", peacesim::kVersion, peacesim::kGitCommit),
                       "Print the version and git commit");

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario and write its results to a run folder");
  add_scenario_options(run_cmd, run.input, SeedOption::Seed);
  run_cmd
      ->add_option("--out", run.out,
                   "Output folder (default: runs/NAME-seedSEED, made unique); must not exist")
      ->type_name("DIR");
  add_count(run_cmd, "--threads", run.threads, "Threads to use (0 = all cores); results do not depend on it",
            0, 1024);
  run_cmd
      ->add_option("--checkpoint-every", run.checkpoint_seconds,
                   "Save the state this often, in seconds (default 300; 0: never), beside the output folder; "
                   "an interrupted or killed run resumes from it when run again")
      ->check(CLI::Range(0.0, 1e9))
      ->transform(decimal_number());
  run_cmd
      ->add_option("--checkpoint-days", run.checkpoint_days,
                   "Also save the state every this many simulated days (default: not by days)")
      ->transform(whole_number(std::numeric_limits<std::uint32_t>::max()));
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print nothing but errors");

  ScenarioOptions check;
  auto* check_cmd = app.add_subcommand("check", "Validate a scenario without running it");
  add_scenario_options(check_cmd, check, SeedOption::Seed);

  ScenarioOptions describe;
  DescribeFormat format = DescribeFormat::Text;
  const std::map<std::string, DescribeFormat> formats{
      {"text", DescribeFormat::Text}, {"markdown", DescribeFormat::Markdown}, {"json", DescribeFormat::Json}};
  auto* describe_cmd =
      app.add_subcommand("describe", "Print a scenario's contents: model, calendar, parameters");
  add_scenario_options(describe_cmd, describe, SeedOption::Seed);
  describe_cmd->add_option("--format", format, "text, markdown or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));

  CompareOptions compare;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Run ensembles of two scenarios and report the differences in outcomes with 90 % intervals");
  add_scenario_options(compare_cmd, compare.base);
  compare_cmd->add_option("variant", compare.variant, "Variant scenario file (YAML)")
      ->required()
      ->type_name("FILE");
  add_count(compare_cmd, "--runs", compare.runs, "Members per scenario (default 20)", 2, 100000);
  add_first_seed(compare_cmd, compare.first_seed, "Seed of the first member (default 1)");
  compare_cmd->add_flag("--independent", compare.independent,
                        "Independent seeds for the variant instead of common random numbers");
  add_count(compare_cmd, "--threads", compare.threads, "Members run side by side (0 = all cores)", 0, 1024);
  compare_cmd
      ->add_option("--outcome", compare.outcomes,
                   "Outcome to show, a series and a region: e.g. 'civilians_killed[REGION]' (repeatable)")
      ->type_name("NAME");
  compare_cmd
      ->add_option("--out", compare.out,
                   "Write every outcome's difference to this JSON file (must not exist)")
      ->type_name("FILE");
  compare_cmd
      ->add_option(
          "--posterior", compare.posterior,
          "A posterior written by peacesim fit: member i of both scenarios takes the same draw (two "
          "members to a draw) and seed, and each difference's spread is split between parameters and "
          "chance")
      ->type_name("FILE");
  compare_cmd->add_flag("--quiet,-q", compare.quiet, "Print nothing but errors");

  EnsembleOptions ensemble;
  auto* ensemble_cmd = app.add_subcommand(
      "ensemble",
      "Run N members of a scenario (seeds S, S+1, ...) into one folder; resumes where it stopped");
  add_scenario_options(ensemble_cmd, ensemble.input);
  add_count(ensemble_cmd, "--runs", ensemble.runs, "Members (default 20)", 1, 1000000);
  add_first_seed(ensemble_cmd, ensemble.first_seed, "Seed of member 0 (default 1)");
  add_count(ensemble_cmd, "--threads", ensemble.threads,
            "Members run side by side (0 = all cores, shared among the processes of mpirun)", 0, 1024);
  ensemble_cmd
      ->add_option("--member", ensemble.member,
                   "Run only this member (0-based), e.g. in a Slurm array job (default: SLURM_ARRAY_TASK_ID "
                   "if set)")
      ->transform(whole_number(1000000 - 1));
  ensemble_cmd
      ->add_option("--out", ensemble.out,
                   "Ensemble folder (default runs/NAME-ensemble); resumed if it exists")
      ->type_name("DIR");
  ensemble_cmd
      ->add_option(
          "--posterior", ensemble.posterior,
          "A posterior written by peacesim fit: member i's parameters come from its draws, resampled by "
          "weight, two members to a draw")
      ->type_name("FILE");
  ensemble_cmd->add_flag("--quiet,-q", ensemble.quiet, "Print nothing but errors");

  SweepOptions sweep;
  auto* sweep_cmd = app.add_subcommand(
      "sweep",
      "Run a scenario over a grid or Latin hypercube of parameter values, an ensemble at each point");
  add_scenario_options(sweep_cmd, sweep.input);
  sweep_cmd
      ->add_option("--param", sweep.params,
                   "Parameter and range, NAME=LOW:HIGH or NAME (its plausible range)")
      ->type_name("NAME=LOW:HIGH")
      ->required();
  sweep_cmd->add_option("--design", sweep.design, "grid (every combination) or lhs (Latin hypercube)");
  add_count(sweep_cmd, "--points", sweep.points,
            "grid: levels per parameter (default 3); lhs: points (default 10)", 1, 100000);
  add_count(sweep_cmd, "--runs", sweep.runs, "Members per point, same seeds at every point (default 4)", 1,
            100000);
  add_first_seed(sweep_cmd, sweep.first_seed, "Seed of member 0 (default 1); also the design's seed");
  add_count(sweep_cmd, "--threads", sweep.threads, "Members run side by side (0 = all cores)", 0, 1024);
  sweep_cmd->add_option("--outcome", sweep.outcomes, "Outcome for the table and CSV (repeatable)")
      ->type_name("NAME");
  sweep_cmd
      ->add_option("--out", sweep.out,
                   "Sweep folder (default runs/NAME-sweep); resumed if it holds the same design")
      ->type_name("DIR");
  sweep_cmd->add_flag("--quiet,-q", sweep.quiet, "Print nothing but errors");

  SensitivityOptions sensitivity;
  auto* sensitivity_cmd = app.add_subcommand(
      "sensitivity",
      "Global sensitivity of the outcomes to parameters (Morris elementary effects, or Sobol indices)");
  add_scenario_options(sensitivity_cmd, sensitivity.input);
  sensitivity_cmd
      ->add_option("--param", sensitivity.params,
                   "Parameter and range, NAME=LOW:HIGH or NAME (its plausible range)")
      ->type_name("NAME=LOW:HIGH")
      ->required();
  sensitivity_cmd
      ->add_option(
          "--method", sensitivity.method,
          "morris (screening, r·(k+1) points) or sobol (first-order and total indices, n·(k+2) points)")
      ->check(CLI::IsMember({"morris", "sobol"}));
  add_count(sensitivity_cmd, "--trajectories", sensitivity.trajectories, "Morris trajectories (default 10)",
            1, 10000);
  add_count(sensitivity_cmd, "--levels", sensitivity.levels, "Morris: levels of each range (default 4)", 2,
            1000);
  add_count(sensitivity_cmd, "--samples", sensitivity.samples,
            "Sobol: base samples n of Saltelli's design (default 64)", 2, 1000000);
  add_count(sensitivity_cmd, "--bootstrap", sensitivity.bootstrap,
            "Sobol: bootstrap resamples for the 90 % intervals (default 500; 0: none)", 0, 100000);
  add_count(sensitivity_cmd, "--runs", sensitivity.runs,
            "Members per point, same seeds everywhere (default 2)", 1, 10000);
  add_first_seed(sensitivity_cmd, sensitivity.first_seed,
                 "Seed of member 0 and of the trajectories (default 1)");
  add_count(sensitivity_cmd, "--threads", sensitivity.threads, "Runs side by side (0 = all cores)", 0, 1024);
  sensitivity_cmd
      ->add_option("--outcome", sensitivity.outcomes,
                   "Outcome to analyse (repeatable); with --observed also backtest:METRIC, a metric of the "
                   "forecast's score")
      ->type_name("NAME");
  sensitivity_cmd
      ->add_option("--observed", sensitivity.observed,
                   "Observed data (ACLED, UNHCR, UN fatalities): score every point as a backtest from "
                   "calendar.forecast_origin (repeatable)")
      ->type_name("FILE");
  sensitivity_cmd
      ->add_option("--out", sensitivity.out, "Write every effect to this JSON file (must not exist)")
      ->type_name("FILE");
  sensitivity_cmd->add_flag("--quiet,-q", sensitivity.quiet, "Print nothing but errors");

  ValidateOptions validate;
  auto* validate_cmd = app.add_subcommand(
      "validate", "Compare a run (or ensemble) with observed data, beside persistence and trend baselines");
  validate_cmd->add_option("run", validate.runs, "Run folder(s) or ensemble folder(s)")
      ->required()
      ->type_name("RUN");
  validate_cmd
      ->add_option("--observed", validate.observed,
                   "An ACLED export or aggregate, UNHCR population statistics, or UN peacekeeping fatalities "
                   "(repeatable)")
      ->required()
      ->type_name("FILE");
  validate_cmd->add_option("--from", validate.from, "Window start (default: the first 1 January of the run)")
      ->type_name("DATE");
  validate_cmd->add_option("--to", validate.to, "Window end (default: the theatre's observations_end)")
      ->type_name("DATE");
  validate_cmd->add_option(
      "--baseline", validate.baseline,
      "rolling (from the years just before each year) or frozen (from before the window)");
  validate_cmd
      ->add_option("--out", validate.out, "Write every cell and metric to this JSON file (must not exist)")
      ->type_name("FILE");
  validate_cmd->add_flag("--quiet,-q", validate.quiet, "Print nothing but errors");

  CalibrateOptions calibrate;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate",
      "Fit parameters to observed data on a window (NLopt) and write a parameter file to include");
  add_scenario_options(calibrate_cmd, calibrate.input);
  calibrate_cmd
      ->add_option(
          "--param", calibrate.params,
          "Parameter and range, NAME=LOW:HIGH or NAME (its plausible range); default: the scenario's "
          "calibration: section")
      ->type_name("NAME=LOW:HIGH");
  calibrate_cmd->add_option("--observed", calibrate.observed, "Observed file, as for validate (repeatable)")
      ->required()
      ->type_name("FILE");
  calibrate_cmd
      ->add_option("--from", calibrate.from, "Window start (default: the first 1 January of the scenario)")
      ->type_name("DATE");
  calibrate_cmd->add_option("--to", calibrate.to, "Window end (default: the theatre's observations_end)")
      ->type_name("DATE");
  add_count(calibrate_cmd, "--runs", calibrate.runs,
            "Members per evaluation, same seeds everywhere (default 2)", 1, 10000);
  add_first_seed(calibrate_cmd, calibrate.first_seed, "Seed of member 0 (default 1)");
  add_count(calibrate_cmd, "--budget", calibrate.budget, "Evaluations in all (default 30)", 2, 100000);
  calibrate_cmd->add_option("--algorithm", calibrate.algorithm,
                            "neldermead (default), bobyqa, cobyla or sbplx");
  add_count(calibrate_cmd, "--recheck", calibrate.recheck,
            "Re-run the search's best K points and the start on fresh seeds and choose on those (default 3; "
            "0: no re-check)",
            0, 1000);
  add_count(calibrate_cmd, "--recheck-runs", calibrate.recheck_runs,
            "Fresh seeds of the re-check (default 4)", 1, 10000);
  calibrate_cmd->add_flag("--rehearse", calibrate.rehearse,
                          "Rehearse the forecast: the window's last year is forecast from the 31 December "
                          "before it (the state observed then), as backtest forecasts, so that the fit "
                          "judges forecasts as well as the history");
  add_count(calibrate_cmd, "--threads", calibrate.threads, "Members run side by side (0 = all cores)", 0,
            1024);
  calibrate_cmd->add_option("--out", calibrate.out, "The parameter file to write (YAML, must not exist)")
      ->type_name("FILE")
      ->required();
  calibrate_cmd->add_flag("--quiet,-q", calibrate.quiet, "Print nothing but errors");

  FitOptions fit;
  auto* fit_cmd = app.add_subcommand(
      "fit",
      "Fit a posterior (ABC-SMC) to observed data up to an origin and write weighted draws to include");
  add_scenario_options(fit_cmd, fit.input);
  fit_cmd
      ->add_option(
          "--param", fit.params,
          "Parameter and its uniform prior, NAME=LOW:HIGH or NAME (its plausible range); default: the "
          "scenario's calibration: section")
      ->type_name("NAME=LOW:HIGH");
  fit_cmd->add_option("--observed", fit.observed, "Observed file, as for validate (repeatable)")
      ->required()
      ->type_name("FILE");
  fit_cmd->add_option("--from", fit.from, "Window start (default: the first 1 January of the scenario)")
      ->type_name("DATE");
  fit_cmd
      ->add_option("--origin", fit.origin,
                   "Last date of the observations the fit sees (default: the theatre's observations_end)")
      ->type_name("DATE");
  add_count(fit_cmd, "--particles", fit.particles, "Particles per population (default 100)", 2, 100000);
  add_count(fit_cmd, "--populations", fit.populations,
            "Populations, the prior's included (default 5); fewer when the budget runs out", 1, 1000);
  add_count(fit_cmd, "--runs", fit.runs, "Members per particle, each with a seed of its own (default 1)", 1,
            1000);
  add_count(fit_cmd, "--budget", fit.budget, "Simulations in all (default 5000)", 2, 100000000);
  fit_cmd
      ->add_option("--quantile", fit.quantile,
                   "Each tolerance is this quantile of the previous population's distances (default 0.5)")
      ->check(CLI::Range(0.01, 0.99))
      ->transform(decimal_number());
  add_first_seed(fit_cmd, fit.first_seed,
                 "Seed of the fit: its proposals and every member's seed (default 1)");
  add_count(fit_cmd, "--threads", fit.threads, "Members run side by side (0 = all cores)", 0, 1024);
  fit_cmd->add_option("--out", fit.out, "The posterior file to write (YAML, must not exist)")
      ->type_name("FILE")
      ->required();
  fit_cmd->add_flag("--resume", fit.resume,
                    "Go on from OUT.abc.json, the populations an interrupted run of the same command made");
  fit_cmd->add_flag("--quiet,-q", fit.quiet, "Print nothing but errors");

  PatternsOptions patterns;
  auto* patterns_cmd = app.add_subcommand(
      "patterns", "Run seeds of a scenario and report the share of them in which each of its patterns holds");
  add_scenario_options(patterns_cmd, patterns.input);
  add_count(patterns_cmd, "--seeds", patterns.seeds, "Runs (seeds S, S+1, ...; default 20)", 1, 100000);
  add_first_seed(patterns_cmd, patterns.first_seed, "Seed of the first run (default 1)");
  add_count(patterns_cmd, "--threads", patterns.threads, "Runs side by side (0 = all cores)", 0, 1024);
  patterns_cmd
      ->add_option("--out", patterns.out, "Write every run's result to this JSON file (must not exist)")
      ->type_name("FILE");
  patterns_cmd->add_flag("--quiet,-q", patterns.quiet, "Print nothing but errors");

  BacktestOptions backtest;
  auto* backtest_cmd = app.add_subcommand(
      "backtest",
      "Blind forecasts from origins: fit on observations up to each origin, run an ensemble, score the years "
      "after it beside frozen baselines");
  add_scenario_options(backtest_cmd, backtest.input);
  backtest_cmd->add_option("--origin", backtest.origins, "Origin, a 31 December (repeatable)")
      ->required()
      ->type_name("DATE");
  backtest_cmd
      ->add_option("--observed", backtest.observed,
                   "An ACLED export or aggregate, UNHCR population statistics, or UN peacekeeping fatalities "
                   "(repeatable)")
      ->required()
      ->type_name("FILE");
  add_count(backtest_cmd, "--runs", backtest.runs, "Members of each origin's ensemble (default 20)", 2,
            100000);
  add_first_seed(backtest_cmd, backtest.first_seed, "Seed of member 0 (default 1)");
  backtest_cmd->add_flag("--no-fit", backtest.no_fit, "Score the scenario as it is (no calibration)");
  backtest_cmd->add_flag(
      "--simulate-through", backtest.simulate_through,
      "Forecasts simulate from the scenario's start without setting the state observed at "
      "the origin (the scenario's observed stocks; default: set, calendar.forecast_origin = "
      "the origin)");
  backtest_cmd
      ->add_option(
          "--posterior", backtest.posteriors,
          "A posterior written by peacesim fit with --origin equal to one of the origins (repeatable, one "
          "per origin): that origin's members take its draws, two members to a draw; no fit is made")
      ->type_name("FILE");
  backtest_cmd
      ->add_option(
          "--param", backtest.params,
          "Parameter to fit, NAME=LOW:HIGH or NAME (repeatable; default: the scenario's calibration: "
          "section)")
      ->type_name("NAME=LOW:HIGH");
  backtest_cmd->add_option("--fit-from", backtest.fit_from, "First day of the fitting window")
      ->type_name("DATE");
  add_count(backtest_cmd, "--budget", backtest.budget, "Evaluations of each fit (default: section, else 20)",
            2, 100000);
  add_count(backtest_cmd, "--fit-runs", backtest.fit_runs,
            "Members per evaluation of the fit (default: section, else 2)", 1, 10000);
  add_count(backtest_cmd, "--recheck", backtest.recheck,
            "Points of each fit re-run on fresh seeds (default: section, else 3; 0: none)", 0, 1000);
  add_count(backtest_cmd, "--recheck-runs", backtest.recheck_runs,
            "Fresh seeds of the re-check (default: section, else 4)", 1, 10000);
  backtest_cmd->add_flag("--rehearse", backtest.rehearse,
                         "Each fit's last year (the origin's) is forecast from the 31 December before it, "
                         "as the backtest forecasts (calibrate --rehearse)");
  backtest_cmd->add_option("--algorithm", backtest.algorithm,
                           "neldermead (default), bobyqa, cobyla or sbplx");
  add_count(backtest_cmd, "--nb-paths", backtest.nb_paths,
            "Simulated paths of the regression baseline (default 1000)", 10, 1000000);
  add_count(backtest_cmd, "--resample", backtest.resample,
            "Resamples of the members (with replacement) that give each score's spread from the ensemble's "
            "draw: its standard deviation and how often the model still beats the best baseline "
            "(default 200; 0: none)",
            0, 100000);
  backtest_cmd->add_flag(
      "--discrepancy", backtest.discrepancy,
      "Widen each forecast's distribution by a model discrepancy estimated from hindcasts "
      "started at every 31 December before the origin (observations up to the origin only)");
  add_count(backtest_cmd, "--discrepancy-runs", backtest.discrepancy_runs,
            "Members of each hindcast of --discrepancy (default 20, or --runs if fewer)", 2, 100000);
  add_count(backtest_cmd, "--threads", backtest.threads, "Members run side by side (0 = all cores)", 0, 1024);
  backtest_cmd
      ->add_option("--out", backtest.out, "Write every origin's results to this JSON file (must not exist)")
      ->type_name("FILE");
  backtest_cmd->add_flag("--quiet,-q", backtest.quiet, "Print nothing but errors");

  // What serve and report share: the stores, and observed data for the validation view.
  const auto add_dashboard_input = [](CLI::App* cmd, DashboardInput& in) {
    cmd->add_option("run", in.runs,
                    "Run folder(s) or ensemble folder(s); with several, the first is the base")
        ->required()
        ->type_name("RUN");
    cmd->add_option("--observed", in.observed,
                    "Observed file(s) for the validation view, as for validate (repeatable)")
        ->type_name("FILE");
    cmd->add_option("--from", in.from,
                    "First day the validation view judges (default: the first 1 January of the runs)");
    cmd->add_option("--to", in.to,
                    "Last day the validation view judges (default: the theatre's observations_end)");
    cmd->add_option("--backtest", in.backtest,
                    "A backtest's report (peacesim backtest --out FILE) for the validation view")
        ->type_name("FILE");
  };
  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand(
      "serve",
      "Serve the dashboard (map, series, operations, network, comparison, validation) on this machine");
  add_dashboard_input(serve_cmd, serve.input);
  serve_cmd->add_option("--host", serve.host, "Address to listen on (default 127.0.0.1: this machine only)");
  add_count(serve_cmd, "--port", serve.port, "Port (default 8765; 0 picks a free one)", 0, 65535);
  serve_cmd
      ->add_option("--allow-host", serve.allowed_hosts,
                   "Also answer requests whose Host header is NAME (repeatable); by default only localhost, "
                   "loopback addresses and --host are answered, against DNS rebinding")
      ->type_name("NAME");
  serve_cmd->add_flag("--quiet,-q", serve.quiet, "Print nothing but errors");

  ReportOptions report;
  auto* report_cmd = app.add_subcommand(
      "report", "Write the dashboard of runs as one self-contained HTML file (no server needed)");
  add_dashboard_input(report_cmd, report.input);
  report_cmd->add_option("--out", report.out, "The HTML file to write (must not exist)")
      ->type_name("FILE")
      ->required();
  report_cmd->add_flag("--quiet,-q", report.quiet, "Print nothing but errors");

  auto* version_cmd = app.add_subcommand("version", "Print the version and git commit");

  if (argc >= 2 && refuse_unknown_command(app, argv[1])) return kBadInput;
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kBadInput;
  }

  try {
    if (*run_cmd) {
      expand_parameter_shorthand(run.input.overrides);
      if (run.threads == 0) run.threads = peacesim::engine::hardware_threads();
      return run_command(run);
    }
    if (*check_cmd) {
      expand_parameter_shorthand(check.overrides);
      return check_command(check);
    }
    if (*describe_cmd) {
      expand_parameter_shorthand(describe.overrides);
      return describe_command(describe, format);
    }
    if (*compare_cmd) {
      expand_parameter_shorthand(compare.base.overrides);
      compare.variant_overrides = compare.base.overrides;
      if (compare.threads == 0) compare.threads = peacesim::engine::hardware_threads();
      return compare_command(compare);
    }
    if (*ensemble_cmd) {
      expand_parameter_shorthand(ensemble.input.overrides);
      return ensemble_command(ensemble);  // threads 0: shared among the machine's MPI processes
    }
    if (*sweep_cmd) return run_on_all_cores(sweep, sweep_command);
    if (*sensitivity_cmd) return run_on_all_cores(sensitivity, sensitivity_command);
    if (*validate_cmd) return validate_command(validate);
    if (*serve_cmd) return serve_command(serve);
    if (*report_cmd) return report_command(report);
    if (*calibrate_cmd) return run_on_all_cores(calibrate, calibrate_command);
    if (*fit_cmd) return run_on_all_cores(fit, fit_command);
    if (*patterns_cmd) return run_on_all_cores(patterns, patterns_command);
    if (*backtest_cmd) return run_on_all_cores(backtest, backtest_command);
    if (*version_cmd) return version_command();
  } catch (const peacesim::scenario::ScenarioError& e) {
    fmt::print(stderr, "peacesim: error: {}\n", e.what());
    return kBadInput;
  } catch (const peacesim::validation::InputError& e) {  // observed files, run folders, posteriors
    fmt::print(stderr, "peacesim: error: {}\n", e.what());
    return kBadInput;
  } catch (const peacesim::output::OutputError& e) {
    fmt::print(stderr, "peacesim: cannot write results: {}\n", e.what());
    return kOutputError;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "peacesim: out of memory (try a larger --scale, i.e. fewer agents)\n");
    return kInternalError;
  } catch (const std::exception& e) {
    fmt::print(stderr, "peacesim: internal error: {}\n", e.what());
    return kInternalError;
  }
  return kInternalError;
}

int peacesim::cli::version_command() {
  fmt::print("peacesim {} (git {})\n", peacesim::kVersion, peacesim::kGitCommit);
  return kOk;
}
