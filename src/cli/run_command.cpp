#include <fmt/format.h>

#include <chrono>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/prepared_run.hpp"
#include "cli/progress.hpp"
#include "cli/run_checkpoint.hpp"
#include "engine/checkpoint.hpp"
#include "engine/simulation.hpp"
#include "output/output_error.hpp"
#include "output/run_folder.hpp"
#include "output/run_store.hpp"
#include "output/theatre_files.hpp"
#include "peacesim/version.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

fs::path output_path(const RunOptions& options, const scenario::Scenario& s) {
  if (!options.out.empty()) return options.out;
  return output::first_free_path(fs::path("runs") / fmt::format("{}-seed{}", s.name, s.seed));
}

void print_summary(const PreparedRun& p, const engine::Model& model, const engine::Simulation& sim,
                   const engine::SimulationResult& result, double setup_seconds, double write_seconds,
                   const fs::path& out) {
  const auto& s = p.scenario;
  fmt::print("\n{} — {}\n", s.name, s.title);
  fmt::print("  model {}, seed {}, {} → {} ({} steps)\n", s.model, s.seed, s.start.iso(), s.end.iso(),
             result.steps_done);
  const auto summary = model.summary();
  if (!summary.empty()) {
    std::size_t width = 0;
    for (const auto& [label, value] : summary) width = std::max(width, label.size());
    fmt::print("\nSummary\n");
    for (const auto& [label, value] : summary) fmt::print("  {:<{}}  {}\n", label, width, value);
  }
  fmt::print("\nRecorded {} series rows and {} events.\n", sim.recorder().rows().size(),
             sim.recorder().events().size());
  const double agent_steps = static_cast<double>(model.agent_count()) * result.steps_done;
  std::string rate;
  if (agent_steps > 0 && result.steps_seconds > 0) {
    rate = fmt::format(" ({:.1f} ns per agent-step)", 1e9 * result.steps_seconds / agent_steps);
  }
  fmt::print("Time: set-up {:.3f} s, steps {:.3f} s{}, writing {:.3f} s\n", setup_seconds,
             result.steps_seconds, rate, write_seconds);
  fmt::print("\nOutputs in {}/\n", out.string());
  fmt::print("  {:<15} what ran: version, scenario hash, seed, every parameter, timings\n",
             output::kManifestFile);
  fmt::print("  {:<15} series, events, parameters and summary (SQLite; see the series_long view)\n",
             output::kDatabaseFile);
  fmt::print("  {:<15} time series, long format: date,step,region,series,value\n", output::kSeriesFile);
  fmt::print("  {:<15} events with ACLED's column names\n", output::kEventsFile);
  if (fs::exists(out / output::kMapFile)) {
    fmt::print("  {:<15} the map: regions, cercles, neighbours, towns, camps, bases (GeoJSON)\n",
               output::kMapFile);
    fmt::print("  {:<15} operations (mandates, budgets) and the network of actors\n", output::kTheatreFile);
  }
  fmt::print("\nSee them: peacesim serve {0}   or   peacesim report {0} --out report.html\n", out.string());
}
}  // namespace

RunOutcome run_scenario(const RunOptions& options) {
  // Ctrl-C and SIGTERM are taken over before anything else: from the first line printed on, an
  // interruption ends the run after its current step with its state saved and exit code 130 (one
  // during the set-up lets the first step run, then saves).
  const auto& stop = install_interrupt_handlers();
  const auto start = std::chrono::steady_clock::now();
  const scenario::LoadOptions load{options.input.overrides, options.input.seed, options.input.scale};
  PreparedRun prepared = prepare(options.input.scenario, load);
  const auto& s = prepared.scenario;

  // Claim the output folder before computing anything: a taken or unwritable path fails now.
  output::RunFolder folder(output_path(options, s));
  const RunCheckpoint checkpoint(folder.final_path(), s);

  // Building the model checks its own sections: do it before printing, so bad input prints nothing.
  auto model = prepared.model->make(
      models::ModelInput{prepared.parameters, s, s.seed, options.threads, s.people_per_agent});
  check_has_agents(*model, s);
  const bool can_checkpoint = model->can_checkpoint();
  const std::optional<std::string> saved = can_checkpoint ? checkpoint.load() : std::nullopt;
  const double setup_seconds = seconds_since(start);
  if (!options.quiet) {
    fmt::print("peacesim {} — running {} (model {}), seed {}, {} thread{}\n", kVersion, s.path.string(),
               s.model, s.seed, options.threads, options.threads == 1 ? "" : "s");
    std::fflush(stdout);
  }

  Progress progress(Progress::style_for(stderr, options.quiet), s.name);
  engine::SimulationOptions sim_options;
  sim_options.seed = s.seed;
  sim_options.threads = options.threads;
  sim_options.on_progress = [&](std::uint32_t done, std::uint32_t total) { progress.update(done, total); };
  sim_options.stop = &stop;
  if (can_checkpoint) {
    sim_options.checkpoint_every_seconds = options.checkpoint_seconds;
    sim_options.checkpoint_every_steps = options.checkpoint_days;
    sim_options.checkpoint = [&](const std::string& bytes, std::uint32_t) { checkpoint.save(bytes); };
  }
  engine::Simulation simulation(*model, engine::Clock(s.start, s.end), sim_options);
  if (saved) {
    try {
      simulation.resume(*saved);
    } catch (const engine::CheckpointError& e) {
      throw output::OutputError(
          fmt::format("{}: {}; remove it to start this run again", checkpoint.path().string(), e.what()));
    }
    if (!options.quiet) {
      fmt::print("Resuming from the checkpoint {} after {} of {} days\n", checkpoint.path().string(),
                 simulation.clock().step(), simulation.clock().total_steps());
      std::fflush(stdout);
    }
  }
  const engine::SimulationResult result = simulation.run();
  progress.finish();
  if (!result.completed) {
    if (can_checkpoint) {
      checkpoint.save(engine::save_checkpoint(result.steps_done, simulation.recorder(), *model));
      fmt::print(
          stderr,
          "peacesim: interrupted after {} of {} steps; the state is saved in {}: run the same command to "
          "resume\n",
          result.steps_done, simulation.clock().total_steps(), checkpoint.path().string());
    } else {
      fmt::print(stderr, "peacesim: interrupted after {} of {} steps; nothing was written\n",
                 result.steps_done, simulation.clock().total_steps());
    }
    return {kInterrupted, folder.final_path()};
  }

  const auto write_start = std::chrono::steady_clock::now();
  output::RunRecord record{s,
                           prepared.parameters,
                           simulation.recorder(),
                           result,
                           model->summary(),
                           options.threads,
                           model->agent_count(),
                           setup_seconds,
                           {}};
  record.extra_files = model->run_files(engine::Model::RunFiles::Shared);
  for (auto& file : model->run_files(engine::Model::RunFiles::Own))
    record.extra_files.push_back(std::move(file));
  output::write_run(folder, record);
  checkpoint.remove();  // the results are complete: nothing to resume
  if (!options.quiet) {
    print_summary(prepared, *model, simulation, result, setup_seconds, seconds_since(write_start),
                  folder.final_path());
  }
  return {kOk, folder.final_path()};
}

int run_command(const RunOptions& options) { return run_scenario(options).code; }

}  // namespace peacesim::cli
