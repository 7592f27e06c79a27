// `peacesim fit SCENARIO --param NAME=LOW:HIGH ... --observed FILE... --origin DATE --out FILE`:
// a posterior of the parameters by ABC-SMC (analysis/abc) on the observations up to the origin
// (cli/abc_fit.hpp: the distance is the mean error of validate's metrics and the patterns the
// window can judge). It writes a YAML file a scenario includes: `parameters` (the posterior means)
// and `posterior` (the weighted draws, the populations' tolerances and the exact command).
// Resumable: every finished population is saved to OUT.abc.json (kept: the fit's history), and
// `--resume` goes on from it, after an interruption or to make more populations.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "analysis/compare.hpp"
#include "cli/abc_fit.hpp"
#include "cli/calibration.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/observed_files.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/backtest.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;
namespace abc = analysis::abc;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field, message);
}

// What the populations depend on: the command without --populations, --budget and --out, which
// only say how far to go and where to write (a checkpoint is resumed by a command with the same
// identity, to go further).
std::string identity(const FitOptions& o) {
  std::string c = "peacesim fit " + o.input.scenario;
  for (const auto& s : o.input.overrides) c += " --set " + s;
  if (o.input.scale) c += fmt::format(" --scale {}", *o.input.scale);
  for (const auto& a : o.params) c += " --param " + a;
  for (const auto& f : o.observed) c += " --observed " + f;
  if (!o.from.empty()) c += " --from " + o.from;  // else the scenario's calibration window, as typed
  c += fmt::format(" --origin {} --particles {} --runs {} --quantile {} --first-seed {}", o.origin,
                   o.particles, o.runs, o.quantile, o.first_seed);
  return c;
}

// The command as it would be typed again.
std::string command_line(const FitOptions& o) {
  return identity(o) + fmt::format(" --populations {} --budget {} --out {}", o.populations, o.budget,
                                   fs::path(o.out).filename().string());
}

std::string posterior_yaml(const FitOptions& o, const std::vector<ParameterRange>& ranges,
                           const abc::Result& result, const std::string& command, std::size_t patterns,
                           engine::Date from) {
  const auto& last = result.populations.back();
  const auto mean = abc::weighted_mean(last);
  std::string y = fmt::format(
      "# A posterior by ABC-SMC (Beaumont et al. 2009; docs/calibration.md \"A posterior\"), peacesim {}:\n"
      "#   {}\n"
      "# Observations up to {} only; {} populations of {} particles, {} simulations of the model; stopped "
      "because "
      "{}.\n"
      "# Include it in a scenario with `include: {}`: `parameters` are the posterior means,\n"
      "# `posterior` holds the weighted draws.\n",
      kVersion, command, o.origin, result.populations.size(), o.particles, result.simulations * o.runs,
      abc::describe(result.stop), fs::path(o.out).filename().string());
  y += "parameters:\n";
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    y += fmt::format(
        "  {}: {{value: {:.6g}, source: \"posterior mean of peacesim fit on observations to {} (90 % "
        "credible "
        "interval {:.6g} to {:.6g}; prior uniform on {:.6g} to {:.6g})\"}}\n",
        ranges[k].name, mean[k], o.origin, abc::weighted_quantile(last, k, 0.05),
        abc::weighted_quantile(last, k, 0.95), ranges[k].low, ranges[k].high);
  }
  y += "posterior:\n";
  y += "  method: \"ABC-SMC, population Monte Carlo (Beaumont, Cornuet, Marin and Robert 2009), tolerance "
       "the " +
       fmt::format("{}", o.quantile) + " quantile of the previous population's distances\"\n";
  y += "  command: \"" + command + "\"\n";
  y += fmt::format("  from: {}\n  origin: {}\n  members_per_particle: {}\n  patterns_in_distance: {}\n",
                   from.iso(), o.origin, o.runs, patterns);
  y += "  parameters: [";
  for (std::size_t k = 0; k < ranges.size(); ++k) y += (k ? ", " : "") + ranges[k].name;
  y += "]\n  populations:\n";
  for (const auto& p : result.populations) {
    y += fmt::format(
        "    - {{epsilon: {}, particles_simulated: {}, acceptance: {:.4f}, effective_size: {:.1f}}}\n",
        std::isfinite(p.epsilon) ? fmt::format("{:.6g}", p.epsilon) : std::string(".inf"), p.simulations,
        p.acceptance(), p.effective_sample_size());
  }
  y += "  draws:\n";
  for (const auto& particle : last.particles) {
    y += fmt::format("    - {{weight: {:.8g}, distance: {:.6g}, values: [", particle.weight,
                     particle.distance);
    for (std::size_t k = 0; k < particle.theta.size(); ++k)
      y += fmt::format("{}{:.8g}", k ? ", " : "", particle.theta[k]);
    y += "]}\n";
  }
  return y;
}

}  // namespace

int fit_command(const FitOptions& options) {
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  const auto ranges = ranges_to_fit(p, options.params);
  const auto [from, origin] = fit_window(p, options.from, "--from", options.origin, "--origin");
  if (options.budget < options.particles * options.runs)
    bad("--budget",
        fmt::format("{} simulations cannot make even the first population ({} particles × {} members)",
                    options.budget, options.particles, options.runs));
  if (options.out.empty()) bad("--out", "is required: the posterior file to write");
  // A fit resumed goes on from OUT.abc.json and replaces OUT; a new fit writes over neither.
  const fs::path checkpoint = options.out + ".abc.json";
  if (!options.resume) {
    if (fs::exists(checkpoint))
      bad("--resume",
          checkpoint.string() +
              " holds the populations of an earlier fit: add --resume to go on from them, or remove it "
              "to start over");
    check_output_file(options.out);
  } else if (!fs::exists(checkpoint)) {
    bad("--resume", "there is no " + checkpoint.string() + " to go on from");
  }
  check_has_agents(*p.model->make(models::ModelInput{p.parameters, p.scenario, options.first_seed, 1,
                                                     p.scenario.people_per_agent}),
                   p.scenario);

  validation::Observed full = load_observed(options.observed, from, origin, observed_scope(p.scenario));
  const std::string command = command_line(options);
  std::vector<abc::Population> start = options.resume
                                           ? load_populations(checkpoint, identity(options), ranges.size())
                                           : std::vector<abc::Population>{};
  if (start.size() > options.populations)
    start.resize(options.populations);  // an earlier population's posterior
  for (const auto& pop : start) {
    if (pop.particles.size() != options.particles)
      throw validation::InputError(checkpoint.string() +
                                   ": a population of another size; remove it to start over");
  }

  const auto& stop = install_interrupt_handlers();
  FitProblem problem;
  problem.run = &p;
  problem.ranges = ranges;
  problem.observed = validation::observed_up_to(full, origin);  // the fit sees nothing after its origin
  problem.patterns = patterns_within(validation::read_patterns(p.scenario.root), origin);
  problem.from = from;
  problem.to = origin;
  problem.members = options.runs;
  problem.seed = options.first_seed;
  problem.threads = options.threads;
  problem.stop = &stop;
  refuse_observations_after(problem.observed, origin);

  abc::Box prior;
  for (const auto& r : ranges) {
    prior.low.push_back(r.low);
    prior.high.push_back(r.high);
  }
  abc::Settings settings;
  settings.particles = options.particles;
  settings.populations = options.populations;
  settings.quantile = options.quantile;
  settings.budget = options.budget / options.runs;  // the core counts particles, a particle is `runs` members
  settings.seed = options.first_seed;

  const auto began = std::chrono::steady_clock::now();
  if (!options.quiet) {
    fmt::print(
        "peacesim {} — ABC-SMC posterior of {} parameter(s) of {} on {} → {} against {} observed file(s) "
        "and {} pattern(s): {} particles × {} member(s), at most {} populations and {} simulations\n",
        kVersion, ranges.size(), p.scenario.path.string(), from.iso(), origin.iso(), options.observed.size(),
        problem.patterns.size(), options.particles, options.runs, options.populations, options.budget);
    const std::string left_out = observations_after(full, origin);
    if (!left_out.empty()) fmt::print("  Left out of the fit (after {}): {}\n", origin.iso(), left_out);
    if (!start.empty())
      fmt::print("  Resumed from {}: {} population(s) already made\n", checkpoint.string(), start.size());
    std::fflush(stdout);
  }
  const auto progress = [&](std::size_t t, std::size_t kept, std::size_t simulated) {
    if (options.quiet) return;
    const double minutes =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count() / 60.0;
    fmt::print("  population {}: {}/{} kept of {} particles simulated ({:.1f} min)\n", t, kept,
               options.particles, simulated, minutes);
    std::fflush(stdout);
  };
  std::vector<abc::Population> made = start;
  abc::Result result;
  try {
    result = abc::run(
        prior, settings,
        [&](const std::vector<std::vector<double>>& thetas, std::size_t t, std::size_t batch) {
          return particle_distances(problem, thetas, t, batch);
        },
        start,
        [&](const abc::Population& pop) {
          made.push_back(pop);
          save_populations(checkpoint, identity(options), made);
          if (!options.quiet) {
            fmt::print("  population {} made: tolerance {}, acceptance {:.3f}, effective size {:.1f}\n",
                       made.size() - 1,
                       std::isfinite(pop.epsilon) ? fmt::format("{:.5f}", pop.epsilon) : "none",
                       pop.acceptance(), pop.effective_sample_size());
            std::fflush(stdout);
          }
        },
        progress, [&] { return stop.load(); });
  } catch (const analysis::Interrupted&) {
    result.stop = abc::Stop::Interrupted;
  }
  if (result.stop == abc::Stop::Interrupted) {
    fmt::print(stderr,
               "peacesim: interrupted; {} population(s) saved in {}: run the same command with --resume\n",
               made.size(), checkpoint.string());
    return kInterrupted;
  }
  if (result.populations.empty()) {
    fmt::print(stderr, "peacesim: error: the budget did not make a single population\n");
    return kBadInput;
  }
  const std::string yaml = posterior_yaml(options, ranges, result, command, problem.patterns.size(), from);
  write_text_atomically(options.out, yaml);
  if (!options.quiet) {
    fmt::print("\n{} populations, {} simulations ({}). Written to {}:\n{}", result.populations.size(),
               result.simulations * options.runs, abc::describe(result.stop), options.out,
               yaml.substr(yaml.find("parameters:"), yaml.find("posterior:") - yaml.find("parameters:")));
  }
  return kOk;
}

}  // namespace peacesim::cli
