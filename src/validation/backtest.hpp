// Scoring a blind forecast (docs/validation.md, "Backtesting"): an ensemble started before an
// origin (its parameters fitted on observations up to the origin at most), scored on the years
// after the origin, beside three forecasters frozen at the origin that use the observations up
// to the origin year only:
// - persistence: the origin year's value, held;
// - mean3: the mean of the origin year and the two years before it;
// - nb: the negative-binomial regression of validation/nb_regression.hpp for region-year counts;
//   for national totals, the sum of its regional paths; for the yearly scalar series (UN
//   deaths, refugees, IDPs) it does not apply (null).
//
// Metrics, each for the model and every baseline: for events and fatalities by region and year,
// Spearman's ρ, log-MAE, log-RMSE, the direction of change (the share of region-years whose change
// from the origin year has the observed sign: up, down or none), CRPS on ln(1 + x) and the
// coverage of the 90 % interval (for forecasters with a distribution), and the regional-share
// distance; for national yearly totals, log-MAE, log-RMSE, CRPS and coverage; for each yearly
// scalar, log-MAE, CRPS and coverage. A point forecast is scored as a one-member ensemble, so its
// CRPS on ln(1 + x) equals its log-MAE. Coverage is better the closer it is to 0.90.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "validation/metrics.hpp"
#include "validation/nb_regression.hpp"

namespace peacesim::validation {

class Discrepancy;  // validation/discrepancy.hpp

struct ForecastInput {
  const Observed* observed = nullptr;  // whole history (the baselines cut it at the origin year)
  int origin_year = 0;                 // the origin is 31 December of this year
  int last_year = 0;                   // the last year scored
  const Adjacency* adjacency = nullptr;
  std::vector<RunFigures> members;  // the ensemble's figures for the scored years
  std::size_t nb_paths = 1000;      // simulated paths of the regression's forecast
  std::uint64_t nb_seed = 1;
  // Whether to fit the negative-binomial regression (off: its scores are null). The members'
  // resampling (validation/member_resampling.hpp) turns it off: the baselines do not depend on them.
  bool regression = true;
  // A theatre of several states: each country's name and regions, scored as yearly totals beside
  // the national ones (empty with one state).
  std::vector<std::pair<std::string, std::vector<std::string>>> countries;
  // A model discrepancy (validation/discrepancy.hpp) that widens the members' distribution in each
  // cell (CRPS, coverage, the rows' range); none: the members as they are.
  const Discrepancy* discrepancy = nullptr;
};

// Every metric, row and fit, as JSON: `metrics` (name, group, better: higher|lower|closer_to_0.9,
// model, persistence, mean3, nb, best_baseline, best_baseline_value, model_beats_best), `rows`
// (region-years), `national`, `scalars`, `nb_regression` (its coefficients per quantity) and
// `verdict` (the metrics on which the model does not beat the best baseline).
nlohmann::json score_forecast(const ForecastInput& input);

// How far from perfect a metric's value is by the metric's `better` rule as the report writes it
// ("higher", "lower" or "closer_to_0.9"): the smaller, the better. The best baseline and
// model_beats_best are chosen by it (strictly smaller wins).
double badness(const std::string& better, double value);

// The observations dated on or before `cutoff` only (the ACLED table and the yearly series).
Observed observed_up_to(const Observed& observed, engine::Date cutoff);

// The latest date any observation carries (year-end stocks and yearly tables dated 31 December),
// or nullopt for none.
std::optional<engine::Date> latest_observation(const Observed& observed);

}  // namespace peacesim::validation
