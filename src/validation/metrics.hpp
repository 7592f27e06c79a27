// The validation metrics of MODEL.md §6 (docs/validation.md): the model's figures against the
// observed ones, beside two baselines built from the observed data alone.
//
// For violent events and their fatalities by region and year: Spearman's rank correlation over
// region-years (average ranks for ties; higher is better), the mean absolute error of ln(1 + x)
// (log-MAE; lower is better), the log-MAE of the national yearly totals, and the total variation
// distance between the regional shares of the window's total. For the UN operation's deaths from malicious
// acts per year and for refugees abroad, IDPs and refugees by host country at the end of each
// year: log-MAE. Baselines: persistence (last year's observation) and trend (extrapolated from the
// two previous years, floored at 0); `rolling` uses the years just before each year, `frozen`
// only the years before the window (what a forecaster without in-window data could do).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "validation/observed.hpp"

namespace peacesim::validation {

double log_mae(const std::vector<double>& predicted, const std::vector<double>& observed);
// nullopt when either side is constant (the correlation is undefined).
std::optional<double> spearman(const std::vector<double>& x, const std::vector<double>& y);

enum class BaselineMode { Rolling, Frozen };
enum class Baseline { Persistence, Trend };
double baseline(Baseline kind, const std::map<int, double>& history, int year, int first_year,
                BaselineMode mode);

struct Observed {
  std::optional<EventTable> events;            // whole history (for the baselines)
  std::optional<EventTable> events_in_window;  // the window's dates only (the observed cells)
  std::optional<Displacement> displacement;
  std::optional<PeacekeepingDeaths> peacekeeping;  // whole history
  std::vector<std::string> files;
  RegionNames regions;  // the theatre's regions, in which the events were counted
};

// Every metric for the runs (an ensemble's members; the model's figure is their mean), as JSON:
// `rows` (region-year cells: metric, simulated, observed), `metrics` (name, model, persistence,
// trend, better_than_baselines) and the details (national years, shares, scalars).
nlohmann::json validate(const std::vector<RunFigures>& runs, const Observed& observed, engine::Date from,
                        engine::Date to, BaselineMode mode);

// One number to minimize for calibration: the mean over `validate`'s metrics of the model's error
// (log-MAE and share distances as they are, 1 − ρ for a Spearman correlation, 1 when undefined).
double calibration_loss(const nlohmann::json& result);

}  // namespace peacesim::validation
