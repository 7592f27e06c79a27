// `peacesim validate RUN... --observed FILE...`: a theatre's run (or an ensemble's members) against the
// observed record, with the metrics of MODEL.md §6 beside persistence and trend baselines, for a
// date window (src/validation, docs/validation.md).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_file.hpp"
#include "cli/observed_files.hpp"
#include "output/output_error.hpp"
#include "output/store_format.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/metrics.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field, message);
}

// A run folder, or an ensemble folder's members.
std::vector<fs::path> run_folders(const std::vector<std::string>& given) {
  std::vector<fs::path> out;
  for (const auto& g : given) {
    const fs::path p(g);
    if (fs::exists(p / "ensemble.json")) {
      const auto members = output::member_folders(p);
      if (members.empty()) bad("RUN", g + ": an ensemble folder without members");
      out.insert(out.end(), members.begin(), members.end());
    } else {
      out.push_back(p);
    }
  }
  return out;
}

}  // namespace

int validate_command(const ValidateOptions& options) {
  validation::BaselineMode mode = validation::BaselineMode::Rolling;
  if (options.baseline == "frozen") {
    mode = validation::BaselineMode::Frozen;
  } else if (options.baseline != "rolling") {
    bad("--baseline", "'" + options.baseline + "' is not rolling or frozen");
  }
  if (!options.out.empty()) check_output_file(options.out);
  // The default window is read from the runs, once the output is known to be writable.
  const auto [from, to] =
      window_options(options.from, "--from", options.to, "--to", default_window_of_runs(options.runs));
  validation::Observed observed;
  std::vector<validation::RunFigures> runs;
  observed = load_observed(options.observed, from, to, observed_scope_of_runs(options.runs));
  for (const auto& run : run_folders(options.runs)) {
    if (const auto problem = output::run_store_problem(run)) throw validation::InputError(*problem);
    runs.push_back(validation::read_run(run, from, to));
  }
  auto result = validation::validate(runs, observed, from, to, mode);
  result["runs"] = options.runs;
  result["peacesim"] = kVersion;
  if (!options.quiet) {
    fmt::print("peacesim {} — validation of {} run(s) against {} observed file(s), {} → {}, {} baselines\n\n",
               kVersion, runs.size(), observed.files.size(), from.iso(), to.iso(), options.baseline);
    std::size_t width = 52;  // the names' column fits the longest name
    for (const auto& m : result["metrics"]) width = std::max(width, m["name"].get<std::string>().size());
    fmt::print("  {:<{}} {:>10} {:>12} {:>10}  {}\n", "metric", width, "model", "persistence", "trend",
               "model better than both");
    auto cell = [](const nlohmann::json& x) {
      return x.is_null() ? std::string("-") : fmt::format("{:.3f}", x.get<double>());
    };
    for (const auto& m : result["metrics"]) {
      fmt::print("  {:<{}} {:>10} {:>12} {:>10}  {}\n", m["name"].get<std::string>(), width, cell(m["model"]),
                 cell(m["persistence"]), cell(m["trend"]),
                 m["better_than_baselines"].get<bool>() ? "yes" : "no");
    }
    fmt::print(
        "\n  The model beats both baselines on {} of {} metrics. Spearman: higher is better; log-MAE "
        "(mean |ln(1+sim) − ln(1+obs)|) and share distance: lower is better.\n",
        result["summary"]["better_than_both_baselines"].get<int>(),
        result["summary"]["metrics"].get<std::size_t>());
  }
  if (!options.out.empty()) {
    write_json_atomically(options.out, result);
    if (!options.quiet) fmt::print("  Every cell and metric in {}\n", options.out);
  }
  return kOk;
}

}  // namespace peacesim::cli
