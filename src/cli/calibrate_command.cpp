// `peacesim calibrate SCENARIO [--param NAME=LOW:HIGH ...] --observed FILE...`: fits parameters
// to observed data on a window (cli/calibration.hpp: NLopt on the mean error of `validate`'s
// metrics, then a re-check of the best points on fresh seeds), leaving out the observations after
// the window, and writes a parameter file a scenario includes (`include: FILE`).
#include <fmt/format.h>

#include <filesystem>

#include "cli/calibration.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/observed_files.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/seeds.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/backtest.hpp"
#include "validation/metrics.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field, message);
}

}  // namespace

int calibrate_command(const CalibrateOptions& options) {
  const std::vector<std::uint64_t> seeds =
      member_seeds(options.first_seed, options.runs + options.recheck_runs, "--first-seed");
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto ranges = ranges_to_fit(p, options.params);
  const auto [from, to] = fit_window(p, options.from, "--from", options.to, "--to");
  check_algorithm(options.algorithm);
  if (options.out.empty()) bad("--out", "is required: the parameter file to write");
  check_output_file(options.out);
  // One model checks the scenario's own sections before the observed files are read.
  check_has_agents(*p.model->make(models::ModelInput{p.parameters, p.scenario, options.first_seed, 1,
                                                     p.scenario.people_per_agent}),
                   p.scenario);

  validation::Observed full = load_observed(options.observed, from, to, observed_scope(p.scenario));
  // A rehearsed fit's runs forecast the window's last year (cli/calibration.hpp).
  const std::optional<PreparedRun> rehearsal =
      options.rehearse
          ? std::optional<PreparedRun>(rehearsal_of(options.input.scenario, load, from, to, "--rehearse"))
          : std::nullopt;

  // The fit sees nothing after its window.
  const validation::Observed observed = validation::observed_up_to(full, to);
  const std::string left_out = observations_after(full, to);
  const auto& stop = install_interrupt_handlers();
  CalibrationSettings settings;
  settings.ranges = ranges;
  settings.from = from;
  settings.to = to;
  settings.budget = options.budget;
  settings.algorithm = options.algorithm;
  settings.threads = options.threads;
  settings.stop = &stop;
  settings.recheck = options.recheck;
  // The search's seeds, then the re-check's fresh ones after them.
  settings.seeds.assign(seeds.begin(), seeds.begin() + static_cast<std::ptrdiff_t>(options.runs));
  settings.recheck_seeds.assign(seeds.begin() + static_cast<std::ptrdiff_t>(options.runs), seeds.end());
  if (!options.quiet) {
    settings.say = [](const std::string& line) {
      fmt::print("{}\n", line);
      std::fflush(stdout);
    };
    fmt::print(
        "peacesim {} — calibrating {} parameter(s) of {} on {} → {} against {} observed file(s): {} members "
        "per evaluation, at most {} evaluations ({}){}\n",
        kVersion, ranges.size(), p.scenario.path.string(), from.iso(), to.iso(), observed.files.size(),
        options.runs, options.budget, options.algorithm,
        options.recheck > 0 ? fmt::format("; re-check of the best {} on {} fresh seeds", options.recheck,
                                          options.recheck_runs)
                            : std::string());
    if (!left_out.empty()) fmt::print("  Left out of the fit (after {}): {}\n", to.iso(), left_out);
    if (rehearsal)
      fmt::print("  Rehearsed: {} is forecast from {} (the state observed then) in every run of the fit\n",
                 to.year(), rehearsal_origin(to).iso());
  }
  CalibrationResult result;
  try {
    result = calibrate(rehearsal ? *rehearsal : p, observed, settings);
  } catch (const CalibrationInterrupted& e) {
    fmt::print(stderr, "peacesim: interrupted after {} evaluations; nothing written\n", e.evaluations_done);
    return kInterrupted;
  }
  const auto& start = result.start();
  const auto& best = result.best();

  // The command that makes this file again: the window as resolved (the options may be empty).
  std::string command = "peacesim calibrate " + options.input.scenario;
  for (const auto& o : options.input.overrides) command += " --set " + o;
  if (options.input.scale) command += fmt::format(" --scale {}", *options.input.scale);
  for (const auto& a : options.params) command += " --param " + a;
  for (const auto& f : options.observed) command += " --observed " + f;
  command += fmt::format(
      " --from {} --to {} --runs {} --first-seed {} --budget {} --algorithm {} --recheck {} --recheck-runs "
      "{} --out {}",
      from.iso(), to.iso(), options.runs, options.first_seed, options.budget, options.algorithm,
      options.recheck, options.recheck_runs, fs::path(options.out).filename().string());
  if (options.rehearse) command += " --rehearse";
  std::string yaml =
      "# Parameters calibrated by peacesim " + std::string(kVersion) + ":\n#   " + command + "\n";
  yaml += fmt::format(
      "# Window {} → {} (in-sample: the same observations judge the fit{}), {} evaluations of {} members "
      "each;\n"
      "# loss (mean error of `peacesim validate`'s metrics) {:.5f} at the scenario's values, {:.5f} here.\n"
      "{}"
      "# Include it in a scenario with `include: {}`.\n",
      from.iso(), to.iso(),
      rehearsal ? fmt::format("; its last year forecast from {}", rehearsal_origin(to).iso()) : std::string(),
      result.points.size(), options.runs, start.loss, best.loss,
      best.fresh_loss
          ? fmt::format("# On fresh seeds {}..{}: loss {:.5f} at the scenario's values, {:.5f} here{}.\n",
                        settings.recheck_seeds.front(), settings.recheck_seeds.back(), *start.fresh_loss,
                        *best.fresh_loss,
                        result.chosen == 0 ? " (no point beats the scenario's values on fresh seeds)" : "")
          : std::string(),
      fs::path(options.out).filename().string());
  yaml += "parameters:\n";
  std::string observed_names;
  for (const auto& f : options.observed)
    observed_names += (observed_names.empty() ? "" : ", ") + fs::path(f).filename().string();
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    yaml += fmt::format(
        "  {}: {{value: {:.6g}, source: \"data/observed ({}): peacesim calibrate{} on {} to {}, in-sample; "
        "was {:.6g}\"}}\n",
        ranges[k].name, best.values[k], observed_names, options.rehearse ? " --rehearse" : "", from.iso(),
        to.iso(), start.values[k]);
  }
  write_text_atomically(options.out, yaml);
  if (!options.quiet) {
    fmt::print(
        "\nChosen loss {:.5f} (at the scenario's values: {:.5f}) after {} evaluations{}. Written to {}:\n{}",
        best.loss, start.loss, result.points.size(),
        best.fresh_loss ? fmt::format("; on fresh seeds {:.5f} (scenario's values {:.5f})", *best.fresh_loss,
                                      *start.fresh_loss)
                        : std::string(),
        options.out, yaml.substr(yaml.find("parameters:")));
  }
  return kOk;
}

}  // namespace peacesim::cli
