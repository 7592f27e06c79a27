// The subcommands of `peacesim`. Each returns an exit code (see exit_codes.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/registry.hpp"

namespace peacesim::cli {

struct ScenarioOptions {
  std::string scenario;
  std::vector<std::string> overrides;  // --set
  std::optional<std::uint64_t> seed;
  std::optional<double> scale;
};

struct RunOptions {
  ScenarioOptions input;
  std::string out;  // empty: runs/<name>-seed<seed>, made unique
  unsigned threads = 1;
  double checkpoint_seconds = 300;    // save the state this often (wall time; 0: never)
  std::uint32_t checkpoint_days = 0;  // ... or every this many simulated days (0: not by days)
  bool quiet = false;
};

struct CompareOptions {
  ScenarioOptions base;                        // the base scenario, and options for both
  std::string variant;                         // the variant scenario file
  std::vector<std::string> variant_overrides;  // --set applies to both
  std::size_t runs = 20;
  std::uint64_t first_seed = 1;
  bool independent = false;
  unsigned threads = 1;
  std::vector<std::string> outcomes;  // empty: a default set
  std::string out;                    // JSON file with every outcome; empty: none
  std::string posterior;              // a posterior (peacesim fit): members' parameters from its draws
  bool quiet = false;
};

struct EnsembleOptions {
  ScenarioOptions input;
  std::size_t runs = 20;
  std::uint64_t first_seed = 1;
  unsigned threads = 1;
  std::optional<std::size_t> member;  // run only this member (array jobs); else SLURM_ARRAY_TASK_ID
  std::string out;                    // default runs/NAME-ensemble; an existing folder is resumed
  std::string posterior;              // a posterior (peacesim fit): member i's parameters from its draws
  bool quiet = false;
};

struct SweepOptions {
  ScenarioOptions input;
  std::vector<std::string> params;    // NAME or NAME=LOW:HIGH
  std::string design = "grid";        // grid or lhs
  std::optional<std::size_t> points;  // grid: levels per parameter (3); lhs: points (10)
  std::size_t runs = 4;
  std::uint64_t first_seed = 1;
  unsigned threads = 1;
  std::vector<std::string> outcomes;
  std::string out;  // default runs/NAME-sweep; an existing sweep of the same design is resumed
  bool quiet = false;
};

struct SensitivityOptions {
  ScenarioOptions input;
  std::vector<std::string> params;
  std::string method = "morris";  // or "sobol"
  std::size_t trajectories = 10;  // Morris
  std::size_t levels = 4;         // Morris
  std::size_t samples = 64;       // Sobol: n, for n·(k + 2) points
  std::size_t bootstrap = 500;    // Sobol: resamples for the intervals
  std::size_t runs = 2;
  std::uint64_t first_seed = 1;
  unsigned threads = 1;
  std::vector<std::string> outcomes;
  std::vector<std::string> observed;  // with these, each point is scored as a backtest (point_scores.hpp)
  std::string out;                    // JSON file; empty: none
  bool quiet = false;
};

struct ValidateOptions {
  std::vector<std::string> runs;      // run folders or ensemble folders
  std::vector<std::string> observed;  // ACLED, UNHCR, UN peacekeeping fatality files
  std::string from, to;               // empty: default_window (cli/observed_files.hpp)
  std::string baseline = "rolling";
  std::string out;  // JSON file; empty: none
  bool quiet = false;
};

struct CalibrateOptions {
  ScenarioOptions input;
  std::vector<std::string> params;    // NAME or NAME=LOW:HIGH
  std::vector<std::string> observed;  // as for validate
  std::string from, to;               // empty: default_window (cli/observed_files.hpp)
  std::size_t runs = 2;
  std::uint64_t first_seed = 1;
  std::size_t budget = 30;  // evaluations in all
  std::string algorithm = "neldermead";
  std::size_t recheck = 3;       // best points of the search re-run on fresh seeds (0: none)
  std::size_t recheck_runs = 4;  // fresh seeds for the re-check
  bool rehearse = false;         // the window's last year is forecast from the year before (rehearsal_of)
  unsigned threads = 1;
  std::string out;  // the parameter file (YAML) to write; required
  bool quiet = false;
};

struct FitOptions {
  ScenarioOptions input;
  std::vector<std::string> params;    // NAME or NAME=LOW:HIGH: uniform priors
  std::vector<std::string> observed;  // as for validate
  std::string from, origin;           // empty: default_window (cli/observed_files.hpp)
  std::size_t particles = 100, populations = 5, runs = 1;
  std::size_t budget = 5000;  // simulations in all (particles · members)
  double quantile = 0.5;
  std::uint64_t first_seed = 1;
  unsigned threads = 1;
  std::string out;  // the posterior file (YAML) to write; required
  bool resume = false;
  bool quiet = false;
};

struct PatternsOptions {
  ScenarioOptions input;
  std::size_t seeds = 20;
  std::uint64_t first_seed = 1;
  unsigned threads = 1;
  std::string out;  // JSON file; empty: none
  bool quiet = false;
};

struct BacktestOptions {
  ScenarioOptions input;
  std::vector<std::string> origins;   // --origin, each a 31 December
  std::vector<std::string> observed;  // as for validate
  std::size_t runs = 20;              // members of each origin's ensemble
  std::uint64_t first_seed = 1;
  bool no_fit = false;
  // Whether each origin's forecast starts from the state observed at the origin (the scenario's
  // observed stocks dated at it; calendar.forecast_origin set to the origin), or simulates through.
  bool simulate_through = false;
  // The fit (defaults from the scenario's calibration: section, else the values below).
  std::vector<std::string> params;  // NAME or NAME=LOW:HIGH
  std::string fit_from;             // empty: the section's `from`, else the first 1 January of the scenario
  std::optional<std::size_t> budget, fit_runs, recheck, recheck_runs;
  std::string algorithm = "neldermead";
  bool rehearse = false;  // each fit's last year forecast from the year before (cli/calibration.hpp)
  std::size_t nb_paths = 1000;
  // Resamples of each origin's members that measure how much its scores owe to the ensemble's draw
  // (validation/member_resampling.hpp); 0: none.
  std::size_t resample = 200;
  // Posteriors (peacesim fit), one per origin, each fitted on observations up to that origin: the
  // members' parameters come from its draws (no fit is made then).
  std::vector<std::string> posteriors;
  // A model discrepancy estimated from hindcasts before each origin widens the members'
  // distribution (validation/discrepancy.hpp), each hindcast run with this many members (none
  // given: 20, or --runs if fewer).
  bool discrepancy = false;
  std::optional<std::size_t> discrepancy_runs;
  unsigned threads = 1;
  std::string out;  // JSON file; empty: none
  bool quiet = false;
};

// The stores a dashboard shows and, optionally, observed data for its validation view.
struct DashboardInput {
  std::vector<std::string> runs;      // run or ensemble folders
  std::vector<std::string> observed;  // as for validate; none: no validation view
  std::string from, to;               // empty: default_window (cli/observed_files.hpp)
  std::string backtest;  // a report of `backtest --out` for the validation view; none: no backtest
};

struct ServeOptions {
  DashboardInput input;
  std::string host = "127.0.0.1";
  int port = 8765;
  std::vector<std::string> allowed_hosts;  // Host names answered besides this machine's (--allow-host)
  bool quiet = false;
};

struct ReportOptions {
  DashboardInput input;
  std::string out;  // the HTML file to write; required, must not exist
  bool quiet = false;
};

using DescribeFormat = models::DescribeFormat;

int run_command(const RunOptions& options);
int check_command(const ScenarioOptions& options);
int describe_command(const ScenarioOptions& options, DescribeFormat format);

// What the commands above compute, for callers that are not the command line (the Python module).
// Each throws scenario::ScenarioError or output::OutputError as the commands do.
struct RunOutcome {
  int code = 0;                  // as run_command's
  std::filesystem::path folder;  // the run's folder (its checkpoint's, if interrupted)
};
RunOutcome run_scenario(const RunOptions& options);
std::string check_scenario(const ScenarioOptions& options);  // the line `check` prints
std::string describe_scenario(const ScenarioOptions& options, DescribeFormat format);
int version_command();
int compare_command(const CompareOptions& options);
int ensemble_command(const EnsembleOptions& options);
RunOutcome run_ensemble(const EnsembleOptions& options);  // with its folder, as run_scenario
int sweep_command(const SweepOptions& options);
int validate_command(const ValidateOptions& options);
int calibrate_command(const CalibrateOptions& options);
int patterns_command(const PatternsOptions& options);
int fit_command(const FitOptions& options);
int backtest_command(const BacktestOptions& options);
int serve_command(const ServeOptions& options);
int report_command(const ReportOptions& options);
int sensitivity_command(const SensitivityOptions& options);

}  // namespace peacesim::cli
