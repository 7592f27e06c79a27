// Fitting parameters to observed data, shared by `peacesim calibrate` and `peacesim backtest`
// (docs/calibration.md): NLopt's derivative-free optimizers minimize the mean error of
// `validate`'s metrics (validation::calibration_loss) of an ensemble with the same seeds at every
// evaluation, so that the objective is a deterministic function of the parameters. Then the
// re-check: a loss from a few seeds is partly luck, so the best points of the search and the
// starting point are run again on fresh seeds, and the point chosen is the best on those.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/observed_files.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/prepared_run.hpp"
#include "validation/metrics.hpp"

namespace peacesim::cli {

struct CalibrationSettings {
  std::vector<ParameterRange> ranges;
  engine::Date from, to;             // the fitting window: observations after `to` are refused
  std::vector<std::uint64_t> seeds;  // the members of every evaluation
  std::size_t budget = 30;           // evaluations of the search
  std::string algorithm = "neldermead";
  std::size_t recheck = 0;                   // best points of the search re-run (0: no re-check)
  std::vector<std::uint64_t> recheck_seeds;  // fresh seeds for the re-check
  unsigned threads = 1;
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const std::string&)> say;  // one line per evaluation; empty: silent
};

struct CalibrationPoint {
  std::vector<double> values;
  double loss = 0;                   // on the search's seeds
  std::optional<double> fresh_loss;  // on the re-check's seeds, if re-checked
};

struct CalibrationResult {
  std::vector<CalibrationPoint> points;  // every evaluation of the search, in order (0: the start)
  std::size_t best_of_search = 0;        // lowest search loss
  std::size_t chosen = 0;                // lowest fresh-seed loss when re-checked, else best_of_search
  [[nodiscard]] const CalibrationPoint& start() const { return points.front(); }
  [[nodiscard]] const CalibrationPoint& best() const { return points[chosen]; }
};

struct CalibrationInterrupted : std::runtime_error {
  explicit CalibrationInterrupted(std::size_t evaluations)
      : std::runtime_error("interrupted"), evaluations_done(evaluations) {}
  std::size_t evaluations_done;
};

// Refuses (validation::InputError, naming the latest date) observations dated after
// `settings.to`: cut them first with validation::observed_up_to.
void refuse_observations_after(const validation::Observed& observed, engine::Date to);

// Throws scenario::ScenarioError (field --algorithm) for a name that is not an optimizer.
void check_algorithm(const std::string& name);

// What `observed` holds after `cutoff`, for the message that says it is left out of a fit
// ("ACLED events 2015-2016; ..."); empty for nothing.
std::string observations_after(const validation::Observed& observed, engine::Date cutoff);

// Throws scenario::ScenarioError for an unknown algorithm, validation::InputError for
// observations after the window, CalibrationInterrupted when stopped.
CalibrationResult calibrate(const PreparedRun& run, const validation::Observed& observed,
                            const CalibrationSettings& settings);

// A rehearsed fit (`--rehearse`): the scenario whose runs the fit scores, with its forecast origin
// one year before the window's end `to` (a 31 December), so that the window's last year is a
// one-year forecast from what was observed before it, made as a backtest's forecast is made. The
// loss then judges the parameters on how they forecast as well as on how they reproduce the
// window: a fit on reproduction alone can choose dynamics that drift once the run is set to what
// was observed (Dawid's prequential principle: judge a model by the forecasts it would have made).
// Throws scenario::ScenarioError (field `option`) unless `to` is a 31 December with at least a
// year of the window before the rehearsal origin.
PreparedRun rehearsal_of(const std::string& scenario, const scenario::LoadOptions& load, engine::Date from,
                         engine::Date to, const std::string& option);
// The checks of rehearsal_of alone.
void check_rehearsal(engine::Date from, engine::Date to, const std::string& option);
// The rehearsal's origin: the 31 December a year before `to`.
engine::Date rehearsal_origin(engine::Date to);

// The calibration parameters a scenario proposes in its `calibration:` section (docs/validation.md).
struct CalibrationSection {
  std::vector<std::string> params;  // NAME=LOW:HIGH
  std::optional<engine::Date> from;
  std::optional<std::size_t> evaluations, members, recheck, recheck_members;
};
// Reads and checks the section (parameter names and ranges against the model's declarations);
// nullopt when the scenario has none. Throws scenario::ScenarioError at the field.
std::optional<CalibrationSection> read_calibration_section(const PreparedRun& run);

// The parameters a fit works on: the `--param`s given, else the scenario's calibration: section;
// throws scenario::ScenarioError (field --param) when there are neither.
std::vector<ParameterRange> ranges_to_fit(const PreparedRun& run, const std::vector<std::string>& params);

// The fit's window from its two date options (empty: default_window's end); throws
// scenario::ScenarioError naming the option for an end before the start or after the scenario's end.
Window fit_window(const PreparedRun& run, const std::string& from, const std::string& from_option,
                  const std::string& to, const std::string& to_option);

}  // namespace peacesim::cli
