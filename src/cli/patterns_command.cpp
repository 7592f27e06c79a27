// `peacesim patterns SCENARIO --seeds N`: runs seeds S..S+N−1 of a scenario (each to the last
// date its patterns look at) and reports, for each pattern of its `patterns:` section, the share
// of runs in which it holds (validation/patterns.hpp, docs/validation.md).
#include <fmt/format.h>

#include "analysis/compare.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/pattern_runs.hpp"
#include "cli/progress.hpp"
#include "cli/seeds.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"

namespace peacesim::cli {

int patterns_command(const PatternsOptions& options) {
  const scenario::LoadOptions load{options.input.overrides, options.input.seed, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  PatternTable table;
  table.patterns = validation::read_patterns(p.scenario.root);
  if (table.patterns.empty()) {
    throw scenario::ScenarioError(scenario::Location{p.scenario.path.string(), 0, 0}, "patterns",
                                  "the scenario has no patterns: section (docs/validation.md)");
  }
  if (!options.out.empty()) check_output_file(options.out);
  analysis::Arm arm = arm_at(p, {}, {});
  // A run is causal: stopping it after the last date the patterns look at changes nothing before.
  const engine::Date needed = *validation::last_date_needed(table.patterns);
  if (needed < arm.start) {
    throw scenario::ScenarioError(table.patterns.front().where, "patterns",
                                  "every pattern looks before the scenario's start " + arm.start.iso());
  }
  arm.end = std::min(arm.end, needed);
  table.seeds = member_seeds(options.first_seed, options.seeds, "--first-seed");
  if (!options.quiet) {
    fmt::print("peacesim {} — {} pattern(s) of {} on {} run(s) (seeds {}..{}, {} → {})\n\n", kVersion,
               table.patterns.size(), p.scenario.path.string(), options.seeds, table.seeds.front(),
               table.seeds.back(), arm.start.iso(), arm.end.iso());
    std::fflush(stdout);
  }
  table.results.resize(options.seeds);
  const auto& stop = install_interrupt_handlers();
  Progress progress(Progress::style_for(stderr, options.quiet), "patterns");
  std::size_t done = 0;
  try {
    analysis::run_points_visiting(
        {arm}, table.seeds, options.threads,
        [&](std::size_t i, const engine::Recorder& run) {
          table.results[i] = check_patterns(table.patterns, run);
        },
        [&] {
          progress.update(static_cast<std::uint32_t>(++done), static_cast<std::uint32_t>(options.seeds));
        },
        &stop);
  } catch (const analysis::Interrupted&) {
    progress.finish();
    fmt::print(stderr, "peacesim: interrupted; nothing written\n");
    return kInterrupted;
  }
  progress.finish();
  if (!options.quiet) print_patterns(table);
  if (!options.out.empty()) {
    nlohmann::json j;
    j["kind"] = "patterns";
    j["peacesim"] = kVersion;
    j["scenario"] = {{"path", p.scenario.path.string()}, {"hash", p.scenario.hash}};
    j["people_per_agent"] = p.scenario.people_per_agent;
    j["seeds"] = table.seeds;
    j["end"] = arm.end.iso();
    j["patterns"] = patterns_json(table);
    write_json_atomically(options.out, j);
    if (!options.quiet) fmt::print("\nEvery run's result in {}\n", options.out);
  }
  return kOk;
}

}  // namespace peacesim::cli
