// `peacesim calibrate SCENARIO --param NAME=LOW:HIGH ... --observed FILE...`: fits parameters to
// observed data on a window with a derivative-free optimizer (NLopt), minimizing the mean error
// of `validate`'s metrics (validation/metrics.hpp: calibration_loss) of an ensemble of `--runs`
// members with the same seeds at every evaluation (so the objective is a deterministic function
// of the parameters), and writes a parameter file a scenario includes (`include: FILE`).
#include <fmt/format.h>

#include <filesystem>
#include <nlopt.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/observed_files.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/seeds.hpp"
#include "engine/simulation.hpp"
#include "engine/threads.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/metrics.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field, message);
}

nlopt::algorithm algorithm_of(const std::string& name) {
  if (name == "neldermead") return nlopt::LN_NELDERMEAD;
  if (name == "bobyqa") return nlopt::LN_BOBYQA;
  if (name == "cobyla") return nlopt::LN_COBYLA;
  if (name == "sbplx") return nlopt::LN_SBPLX;
  bad("--algorithm", "'" + name + "' is not one of neldermead, bobyqa, cobyla, sbplx");
}

struct Objective {
  const PreparedRun* run = nullptr;
  const std::vector<ParameterRange>* ranges = nullptr;
  const validation::Observed* observed = nullptr;
  engine::Date from, to;
  std::vector<std::uint64_t> seeds;
  unsigned threads = 1;
  bool quiet = false;
  std::size_t evaluations = 0;
  double best = 1e300;
  std::vector<double> best_values;
  double start_loss = 0.0;
  std::vector<double> start_values;
  const std::atomic<bool>* stop = nullptr;
};

// The ensemble at these parameter values, scored by validate's metrics on the window.
double evaluate(const std::vector<double>& unit, Objective& o) {
  if (*o.stop) throw nlopt::forced_stop();
  std::vector<double> values(unit.size());
  for (std::size_t k = 0; k < unit.size(); ++k)
    values[k] =
        (*o.ranges)[k].low + std::clamp(unit[k], 0.0, 1.0) * ((*o.ranges)[k].high - (*o.ranges)[k].low);
  values = effective_values(*o.ranges, values);
  analysis::Arm arm = arm_at(*o.run, *o.ranges, values);
  arm.end = std::min(arm.end, o.to);  // nothing after the window counts
  std::vector<validation::RunFigures> figures(o.seeds.size());
  std::vector<std::unique_ptr<engine::Model>> models(o.seeds.size());
  engine::side_by_side(
      o.seeds.size(), o.threads, [&](std::size_t i) { models[i] = arm.make(o.seeds[i]); },
      [&](std::size_t i) {
        engine::SimulationOptions so;
        so.seed = o.seeds[i];
        so.threads = 1;
        engine::Simulation sim(*models[i], engine::Clock(arm.start, arm.end), so);
        if (!sim.run().completed) throw std::runtime_error("a member stopped early");
        figures[i] = validation::figures_of(sim.recorder(), o.from, o.to);
      },
      [&](std::size_t i) { models[i].reset(); });
  const double loss = validation::calibration_loss(
      validation::validate(figures, *o.observed, o.from, o.to, validation::BaselineMode::Rolling));
  ++o.evaluations;
  if (o.evaluations == 1) {  // the optimizers start at the scenario's values
    o.start_loss = loss;
    o.start_values = values;
  }
  if (loss < o.best) {
    o.best = loss;
    o.best_values = values;
  }
  if (!o.quiet) {
    std::string shown;
    for (std::size_t k = 0; k < values.size(); ++k)
      shown += fmt::format(" {}={:.6g}", (*o.ranges)[k].name, values[k]);
    fmt::print("  evaluation {:>3}:{}  loss {:.5f}{}\n", o.evaluations, shown, loss,
               loss <= o.best ? "  (best)" : "");
    std::fflush(stdout);
  }
  return loss;
}

}  // namespace

int calibrate_command(const CalibrateOptions& options) {
  const std::vector<std::uint64_t> seeds = member_seeds(options.first_seed, options.runs, "--first-seed");
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto ranges = parse_ranges(p, options.params);
  const engine::Date from = date_option(options.from, "--from");
  const engine::Date to = date_option(options.to, "--to");
  if (to < from) bad("--to", options.to + " is before --from " + options.from);
  if (to > p.scenario.end) bad("--to", options.to + " is after the scenario's end " + p.scenario.end.iso());
  const auto algorithm = algorithm_of(options.algorithm);
  if (options.out.empty()) bad("--out", "is required: the parameter file to write");
  check_output_file(options.out);
  // One model checks the scenario's own sections before the observed files are read.
  check_has_agents(*p.model->make(models::ModelInput{p.parameters, p.scenario, options.first_seed, 1,
                                                     p.scenario.people_per_agent}),
                   p.scenario);

  validation::Observed observed;
  try {
    observed = load_observed(options.observed, from, to);
  } catch (const validation::InputError& e) {
    fmt::print(stderr, "peacesim: error: {}\n", e.what());
    return kBadInput;
  }

  const auto& stop = install_interrupt_handlers();
  Objective o;
  o.run = &p;
  o.ranges = &ranges;
  o.observed = &observed;
  o.from = from;
  o.to = to;
  o.threads = options.threads;
  o.quiet = options.quiet;
  o.stop = &stop;
  o.seeds = seeds;
  // Start from the scenario's values (clamped into the ranges), in the unit scale.
  std::vector<double> x(ranges.size());
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    const double v = p.parameters.value(ranges[k].name);
    x[k] = std::clamp((v - ranges[k].low) / (ranges[k].high - ranges[k].low), 0.0, 1.0);
  }
  if (!options.quiet) {
    fmt::print(
        "peacesim {} — calibrating {} parameter(s) of {} on {} → {} against {} observed file(s): {} members "
        "per evaluation, at most {} evaluations ({})\n",
        kVersion, ranges.size(), p.scenario.path.string(), from.iso(), to.iso(), observed.files.size(),
        options.runs, options.budget, options.algorithm);
  }
  nlopt::opt opt(algorithm, static_cast<unsigned>(ranges.size()));
  opt.set_lower_bounds(std::vector<double>(ranges.size(), 0.0));
  opt.set_upper_bounds(std::vector<double>(ranges.size(), 1.0));
  opt.set_min_objective([](const std::vector<double>& u, std::vector<double>&,
                           void* data) { return evaluate(u, *static_cast<Objective*>(data)); },
                        &o);
  opt.set_maxeval(static_cast<int>(options.budget));
  opt.set_xtol_rel(1e-3);
  opt.set_initial_step(std::vector<double>(ranges.size(), 0.25));
  double minimum = 0.0;
  try {
    (void)opt.optimize(x, minimum);
  } catch (const nlopt::forced_stop&) {
    fmt::print(stderr, "peacesim: interrupted after {} evaluations; nothing written\n", o.evaluations);
    return kInterrupted;
  } catch (const nlopt::roundoff_limited&) {
    // The best point so far stands.
  }

  std::string command = "peacesim calibrate " + options.input.scenario;
  for (const auto& a : options.params) command += " --param " + a;
  for (const auto& f : options.observed) command += " --observed " + f;
  command += fmt::format(" --from {} --to {} --runs {} --first-seed {} --budget {} --algorithm {} --out {}",
                         options.from, options.to, options.runs, options.first_seed, options.budget,
                         options.algorithm, fs::path(options.out).filename().string());
  std::string yaml =
      "# Parameters calibrated by peacesim " + std::string(kVersion) + ":\n#   " + command + "\n";
  yaml += fmt::format(
      "# Window {} → {} (in-sample: the same observations judge the fit), {} evaluations of {} members "
      "each;\n"
      "# loss (mean error of `peacesim validate`'s metrics) {:.5f} at the scenario's values, {:.5f} here.\n"
      "# Include it in a scenario with `include: {}`.\n",
      from.iso(), to.iso(), o.evaluations, options.runs, o.start_loss, o.best,
      fs::path(options.out).filename().string());
  yaml += "parameters:\n";
  std::string observed_names;
  for (const auto& f : options.observed)
    observed_names += (observed_names.empty() ? "" : ", ") + fs::path(f).filename().string();
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    yaml += fmt::format(
        "  {}: {{value: {:.6g}, source: \"data/observed ({}): peacesim calibrate on {} to {}, in-sample; was "
        "{:.6g}\"}}\n",
        ranges[k].name, o.best_values[k], observed_names, from.iso(), to.iso(), o.start_values[k]);
  }
  write_text_atomically(options.out, yaml);
  if (!options.quiet) {
    fmt::print(
        "\nBest loss {:.5f} (at the scenario's values: {:.5f}) after {} evaluations. Written to {}:\n{}",
        o.best, o.start_loss, o.evaluations, options.out, yaml.substr(yaml.find("parameters:")));
  }
  return kOk;
}

}  // namespace peacesim::cli
