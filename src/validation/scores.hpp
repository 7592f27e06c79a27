// Scores of a forecast against what was observed (docs/validation.md, "Backtesting"). Counts are
// scored on ln(1 + x), as the validation metrics are, so that a region with thousands of deaths
// does not drown the others.
//
// - log-RMSE: √(mean (ln(1 + f) − ln(1 + o))²), which weighs large misses more than log-MAE;
// - CRPS of an ensemble (x_1..x_m) for an observation y, in the energy form
//       CRPS = (1/m) Σ_i |x_i − y| − 1/(2m²) Σ_i Σ_j |x_i − x_j|
//   (Gneiting and Raftery 2007, eq. 21, with the members as the forecast distribution); for a
//   single value it is the absolute error, so a point forecast's CRPS on ln(1 + x) is its log-MAE;
// - coverage: whether y lies in the ensemble's central 90 % interval [p5, p95] (percentiles by
//   linear interpolation between the sorted members);
// - direction: the sign (−1, 0, +1) of a change, to compare the forecast's change from the origin
//   year with the observed one.
#pragma once

#include <vector>

#include "engine/percentile.hpp"

namespace peacesim::validation {

double log_rmse(const std::vector<double>& predicted, const std::vector<double>& observed);

// The q-th percentile (q in [0, 100]) by linear interpolation; 0 for no values.
using engine::percentile;

// The ensemble CRPS above. Throws std::invalid_argument for no members.
double crps_ensemble(std::vector<double> members, double observed);

// Whether `observed` lies within [p5, p95] of the members (bounds included).
bool inside_90(const std::vector<double>& members, double observed);

int direction(double from, double to);

// ln(1 + x) of every value.
std::vector<double> log1p_all(std::vector<double> values);

}  // namespace peacesim::validation
