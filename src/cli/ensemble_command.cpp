// `peacesim ensemble SCENARIO --runs N`: N members (seeds S, S+1, ...) of one scenario, each a
// complete run folder `member-NNNN` inside the ensemble folder, then the members' series and
// events merged into one file each. A member's folder appears only once it is complete (the run
// store's atomic rename), so an interrupted ensemble resumes by running only the missing members.
// `--member I` (or SLURM_ARRAY_TASK_ID) runs one member alone, for array jobs on a cluster; a
// final call without it merges. Under `mpirun -n K`, process r runs the members i with
// i mod K == r (each on its own threads) and rank 0 merges once all are done: the member folders
// and the merged files are the same bytes whatever K (src/distributed/ranks.hpp).
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_file.hpp"
#include "cli/posterior_file.hpp"
#include "cli/prepared_run.hpp"
#include "cli/progress.hpp"
#include "cli/resumable_folder.hpp"
#include "cli/seeds.hpp"
#include "distributed/ranks.hpp"
#include "engine/simulation.hpp"
#include "engine/threads.hpp"
#include "output/output_error.hpp"
#include "output/run_folder.hpp"
#include "output/run_store.hpp"
#include "output/store_format.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/regions.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {

// What every member is made from, written before the first member runs (cli/resumable_folder.hpp).
constexpr const char* kInputsFile = "ensemble_inputs.json";

fs::path member_path(const fs::path& dir, std::size_t i) { return dir / fmt::format("member-{:04}", i); }

// A member being run: its scenario (with its seed), folder and model, made on the calling thread.
struct Member {
  scenario::Scenario scenario;
  engine::ParameterSet parameters;  // the scenario's, or a posterior draw's
  std::unique_ptr<output::RunFolder> folder;
  std::unique_ptr<engine::Model> model;
  double setup_seconds = 0.0;
  bool completed = false;
};

Member prepare_member(const PreparedRun& p, const engine::ParameterSet& parameters, const fs::path& dir,
                      std::size_t i, std::uint64_t seed) {
  const auto start = std::chrono::steady_clock::now();
  Member m{p.scenario, parameters, nullptr, nullptr};
  m.scenario.seed = seed;
  m.folder = std::make_unique<output::RunFolder>(member_path(dir, i));
  m.model = p.model->make(models::ModelInput{m.parameters, m.scenario, seed, 1, m.scenario.people_per_agent});
  m.setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m;
}

// Runs a prepared member and writes its folder; an interrupted member leaves nothing behind.
void run_member(Member& m, const std::atomic<bool>& stop) {
  engine::SimulationOptions o;
  o.seed = m.scenario.seed;
  o.threads = 1;
  o.stop = &stop;
  engine::Simulation sim(*m.model, engine::Clock(m.scenario.start, m.scenario.end), o);
  const auto result = sim.run();
  if (!result.completed) return;
  output::RunRecord record{m.scenario, m.parameters,           sim.recorder(),  result, m.model->summary(),
                           1,          m.model->agent_count(), m.setup_seconds, {}};
  record.extra_files = m.model->run_files(engine::Model::RunFiles::Own);
  output::write_run(*m.folder, record);
  m.completed = true;
}

// Concatenates a CSV file of every member with a leading `member` column, atomically.
void merge_csv(const fs::path& dir, std::size_t members, const std::string& file, const fs::path& out) {
  const fs::path tmp = out.string() + ".partial";
  {
    std::ofstream o(tmp, std::ios::binary);
    if (!o) throw output::OutputError(out.string() + ": cannot open for writing");
    for (std::size_t i = 0; i < members; ++i) {
      std::ifstream in(member_path(dir, i) / file, std::ios::binary);
      if (!in) throw output::OutputError((member_path(dir, i) / file).string() + ": cannot read");
      std::string line;
      bool header = true;
      while (std::getline(in, line)) {
        if (header) {
          if (i == 0) o << "member," << line << '\n';
          header = false;
          continue;
        }
        o << i << ',' << line << '\n';
      }
    }
    if (!o.flush()) throw output::OutputError(out.string() + ": write failed (disk full?)");
  }
  fs::rename(tmp, out);
}

void write_manifest(const PreparedRun& p, const EnsembleOptions& options, const fs::path& dir) {
  nlohmann::json j;
  j["peacesim"] = kVersion;
  j["scenario"] = {{"path", p.scenario.path.string()}, {"name", p.scenario.name}, {"hash", p.scenario.hash}};
  j["runs"] = options.runs;
  j["first_seed"] = options.first_seed;
  auto& members = j["members"];
  members = nlohmann::json::array();
  for (std::size_t i = 0; i < options.runs; ++i) {
    members.push_back({{"index", i},
                       {"seed", options.first_seed + i},
                       {"folder", member_path(dir, i).filename().string()}});
  }
  j["merged"] = {{"series", "ensemble_timeseries.csv"}, {"events", "ensemble_events.csv"}};
  const fs::path out = dir / "ensemble.json";
  const fs::path tmp = out.string() + ".partial";
  {
    std::ofstream o(tmp);
    o << j.dump(1) << '\n';
    if (!o.flush()) throw output::OutputError(out.string() + ": write failed (disk full?)");
  }
  fs::rename(tmp, out);
}

// A member index from SLURM_ARRAY_TASK_ID: decimal digits only, so "-1" or a number past the
// largest index is an error, never a wrapped value.
std::optional<std::size_t> member_from_environment() {
  const char* v = std::getenv("SLURM_ARRAY_TASK_ID");
  if (v == nullptr || *v == '\0') return std::nullopt;
  const std::string text(v);
  std::size_t x = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.find_first_not_of("0123456789") != std::string::npos || error != std::errc() ||
      end != text.data() + text.size()) {
    throw scenario::ScenarioError(scenario::Location{"<environment>", 0, 0}, "SLURM_ARRAY_TASK_ID",
                                  "'" + text + "' is not a member index (a whole number from 0)");
  }
  return x;
}

// Members in the folder beyond --runs would be read as part of this ensemble by validate and serve
// although its ensemble.json leaves them out: an ensemble may grow, never shrink.
void refuse_members_beyond(const fs::path& dir, std::size_t runs) {
  std::error_code ec;
  std::size_t largest = 0;
  bool beyond = false;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("member-", 0) != 0) continue;
    std::size_t i = 0;
    const auto [end, error] = std::from_chars(name.data() + 7, name.data() + name.size(), i);
    if (error != std::errc() || end != name.data() + name.size() || i < runs) continue;
    beyond = true;
    largest = std::max(largest, i);
  }
  if (beyond) {
    throw output::OutputError(fmt::format(
        "{}: holds {} members at least (up to {}), more than --runs {}: an ensemble can be extended, "
        "not cut; give --runs {} or more, or choose another --out",
        dir.string(), largest + 1, member_path(dir, largest).filename().string(), runs, largest + 1));
  }
}

// Where the ensemble goes without --out.
fs::path default_ensemble_folder(const std::string& scenario_name) {
  return fs::path("runs") / (scenario_name + "-ensemble");
}

// The ensemble; `dir` is set to its folder as soon as that is known.
int run_ensemble_into(const EnsembleOptions& given, fs::path& dir) {
  const distributed::Ranks ranks = distributed::Ranks::from_environment();
  // Ctrl-C and SIGTERM are taken over first: from the first line printed on, they stop the
  // ensemble with its finished members kept (exit 130).
  const auto& stop = install_interrupt_handlers();
  EnsembleOptions options = given;
  // Only rank 0 speaks; the others report problems only.
  options.quiet = options.quiet || ranks.rank() != 0;
  // All cores by default, shared among this machine's processes.
  if (options.threads == 0)
    options.threads = std::max(1u, engine::hardware_threads() / static_cast<unsigned>(ranks.local_size()));
  if (ranks.distributed() && options.member) {
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--member",
                                  "cannot be combined with mpirun: the processes share the members out");
  }
  // Every check of the command line comes before any folder is made.
  std::optional<std::size_t> only = options.member;
  if (!only && !ranks.distributed()) only = member_from_environment();
  if (only && *only >= options.runs) {
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0},
                                  options.member ? "--member" : "SLURM_ARRAY_TASK_ID",
                                  fmt::format("{} is not below --runs {}", *only, options.runs));
  }
  (void)member_seeds(options.first_seed, options.runs, "--first-seed");
  const scenario::LoadOptions load{options.input.overrides, std::nullopt, options.input.scale};
  const PreparedRun p = prepare(options.input.scenario, load);
  // Building one model checks the scenario's own sections before any folder is made.
  // The files the members share (the dashboard's map and theatre) go once in the ensemble's own
  // folder, written at the end; the model itself is not kept.
  std::vector<std::pair<std::string, std::string>> shared_files;
  {
    const auto first_model = p.model->make(
        models::ModelInput{p.parameters, p.scenario, options.first_seed, 1, p.scenario.people_per_agent});
    check_has_agents(*first_model, p.scenario);
    shared_files = first_model->run_files(engine::Model::RunFiles::Shared);
  }

  // With a posterior, member i takes draw draws[i] (two members to a draw, cli/posterior_file.hpp).
  std::optional<Posterior> posterior;
  std::vector<std::size_t> draws;
  if (!options.posterior.empty()) {
    posterior = read_posterior(options.posterior, p);
    draws = member_draws(*posterior, options.runs, options.first_seed);
  }
  auto inputs = member_inputs(p, options.input.overrides, options.first_seed);
  if (posterior) {
    // The members' draws themselves: a folder resumed with another posterior (or another --runs,
    // which resamples) is refused.
    nlohmann::json values = nlohmann::json::array();
    for (const std::size_t d : draws) values.push_back(posterior->values[d]);
    inputs["posterior"] = {{"parameters", posterior->names}, {"members", values}};
  }

  dir = options.out.empty() ? default_ensemble_folder(p.scenario.name) : fs::path(options.out);
  // The folder is stamped with what its members are made from (one process does it under mpirun),
  // and an existing one is resumed only if it was made from the same; any difference is refused.
  std::exception_ptr refused;
  if (ranks.rank() == 0) {
    try {
      open_resumable_folder(dir, "ensemble", kInputsFile, inputs);
    } catch (const output::OutputError&) {
      refused = std::current_exception();
    }
  }
  if (ranks.any(refused != nullptr)) {
    if (refused) std::rethrow_exception(refused);
    return kOutputError;
  }
  refuse_members_beyond(dir, options.runs);
  output::remove_stale_staging(dir);
  // Members written by another run-store format are neither reused nor touched.
  for (std::size_t i = 0; i < options.runs; ++i) {
    if (!fs::exists(member_path(dir, i))) continue;
    if (const auto problem = output::run_store_problem(member_path(dir, i))) {
      throw output::OutputError(*problem + "; choose another --out for this ensemble");
    }
  }
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < options.runs; ++i) {
    if (only && i != *only) continue;
    if (!fs::exists(member_path(dir, i)) && ranks.owns(i)) todo.push_back(i);
  }
  const std::size_t all_todo = ranks.sum(todo.size());
  const std::size_t done_before = (only ? 1 : options.runs) - all_todo;
  if (!options.quiet) {
    fmt::print(
        "peacesim {} — ensemble of {} ({} members from seed {}) in {}/: {} done already, {} to run{}\n",
        kVersion, p.scenario.path.string(), options.runs, options.first_seed, dir.string(), done_before,
        all_todo, ranks.distributed() ? fmt::format(" on {} processes", ranks.size()) : std::string());
    std::fflush(stdout);
  }
  Progress progress(Progress::style_for(stderr, options.quiet), "ensemble");
  std::size_t finished = 0;
  bool interrupted = false;
  std::vector<std::optional<Member>> members(todo.size());
  // A failure on one process must not leave the others waiting in a collective: it is caught,
  // shared, and reported after them.
  std::string failure;
  int failure_code = kOk;
  try {
    engine::side_by_side(
        todo.size(), options.threads,
        [&](std::size_t k) {
          if (!stop)
            members[k] = prepare_member(
                p, posterior ? parameters_with_draw(p, *posterior, draws[todo[k]]) : p.parameters, dir,
                todo[k], options.first_seed + todo[k]);
        },
        [&](std::size_t k) {
          if (members[k]) run_member(*members[k], stop);
        },
        [&](std::size_t k) {
          const bool ok = members[k] && members[k]->completed;
          interrupted = interrupted || !ok;
          finished += ok ? 1 : 0;
          members[k].reset();  // removes an unfinished member's staging folder
          progress.update(static_cast<std::uint32_t>(finished), static_cast<std::uint32_t>(todo.size()));
        });
  } catch (const output::OutputError& e) {
    failure = std::string("cannot write results: ") + e.what();
    failure_code = kOutputError;
  } catch (const std::exception& e) {
    failure = std::string("internal error: ") + e.what();
    failure_code = kInternalError;
  }
  progress.finish();
  members.clear();
  if (!failure.empty())
    fmt::print(stderr, "peacesim: {}{}\n",
               ranks.distributed() ? fmt::format("process {}: ", ranks.rank()) : "", failure);
  if (ranks.any(!failure.empty())) return failure_code != kOk ? failure_code : kInternalError;
  interrupted = ranks.any(interrupted);
  finished = ranks.sum(finished);
  if (interrupted) {
    if (ranks.rank() != 0) return kInterrupted;
    fmt::print(
        stderr,
        "peacesim: interrupted; {} member(s) finished are kept in {}/; run the same command to resume\n",
        done_before + finished, dir.string());
    return kInterrupted;
  }
  if (only) {
    if (!options.quiet) fmt::print("member {} is in {}\n", *only, member_path(dir, *only).string());
    return kOk;
  }
  ranks.barrier();  // every member folder is in place
  if (ranks.rank() != 0) return kOk;
  write_manifest(p, options, dir);
  // The dashboard's map and theatre, once for all members (they share the theatre).
  for (const auto& [name, content] : shared_files) write_text_atomically(dir / name, content);
  merge_csv(dir, options.runs, output::kSeriesFile, dir / "ensemble_timeseries.csv");
  merge_csv(dir, options.runs, output::kEventsFile, dir / "ensemble_events.csv");
  if (!options.quiet) {
    fmt::print("\n{} members in {}/\n", options.runs, dir.string());
    fmt::print("  {:<24} every member: scenario hash, seeds, folders\n", "ensemble.json");
    fmt::print("  {:<24} the members' series, a `member` column first\n", "ensemble_timeseries.csv");
    fmt::print("  {:<24} the members' events, a `member` column first\n", "ensemble_events.csv");
    fmt::print("  {:<24} each member's own run folder (manifest, SQLite, CSV)\n", "member-NNNN/");
  }
  return kOk;
}

}  // namespace

RunOutcome run_ensemble(const EnsembleOptions& options) {
  RunOutcome outcome;
  outcome.code = run_ensemble_into(options, outcome.folder);
  return outcome;
}

int ensemble_command(const EnsembleOptions& options) { return run_ensemble(options).code; }

}  // namespace peacesim::cli
