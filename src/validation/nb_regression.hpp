// The statistical baseline of a backtest: a negative-binomial (NB2) regression of a region's
// yearly count (events or fatalities) on its own count and its neighbours' count the year
// before, fitted by maximum likelihood on the years up to the origin (docs/validation.md).
//
//     y_{r,t} ~ NB2(μ_{r,t}, α),   Var = μ + α μ²
//     ln μ_{r,t} = β0 + β1 ln(1 + y_{r,t−1}) + β2 ln(1 + Σ_{n ∈ N(r)} y_{n,t−1})
//
// N(r) are the regions sharing a border with r. The log-likelihood of one observation, with
// r = 1/α, is
//     ln Γ(y + r) − ln Γ(r) − ln Γ(y + 1) + r ln(r / (r + μ)) + y ln(μ / (r + μ)),
// maximized over (β0, β1, β2, ln α) by NLopt's L-BFGS with the analytic gradient.
// Forecasts are direct, one regression per horizon, as ViEWS forecasts each step ahead with its
// own model: for h years ahead the lags are those of the origin year (y_{r,t−h} and its
// neighbours' sum), fitted on the pairs (t − h, t) up to the origin. Iterating a one-year model
// instead feeds each draw into the next and, with an own-lag coefficient above 1 (as the 2012
// outbreak gives), explodes. The point forecast is the mean μ; the distribution is NB2(μ, α), drawn
// by inverse CDF for each region (independently, given the lags) to give paths whose sums are the
// national forecast.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace peacesim::validation {

// Each region's neighbours (regions sharing a border).
using Adjacency = std::map<std::string, std::vector<std::string>>;

struct NbSample {
  double y = 0, own_lag = 0, neighbour_lag = 0;  // counts (the lags untransformed)
};

struct NbCoefficients {
  double intercept = 0, own = 0, neighbours = 0, alpha = 1;
};

struct NbFit {
  NbCoefficients coefficients;
  double log_likelihood = 0;
  std::size_t observations = 0;
  int first_year = 0, last_year = 0;  // of the years predicted in the fit
};

double nb_log_likelihood(const NbCoefficients& c, const std::vector<NbSample>& data);
// Gradient of the log-likelihood with respect to (β0, β1, β2, ln α).
std::vector<double> nb_gradient(const NbCoefficients& c, const std::vector<NbSample>& data);
double nb_mean(const NbCoefficients& c, double own_lag, double neighbour_lag);

// Maximum likelihood. Throws std::invalid_argument for no samples.
NbFit fit_nb2(const std::vector<NbSample>& data);

// The fitting samples from counts by (region, year) for a lag of `lag` years: every region and
// every year t from the first year of `counts` + lag to `last_year`, with the counts of t − lag as
// regressors; a region-year without an entry counts 0.
std::vector<NbSample> nb_samples(const std::map<std::pair<std::string, int>, double>& counts,
                                 const std::vector<std::string>& regions, const Adjacency& adjacency,
                                 int last_year, int lag = 1);

// The smallest k with P(Y ≤ k) ≥ u for Y ~ NB2(mean, alpha).
double nb_quantile(double mean, double alpha, double u);

// The direct forecasts' means: means[region][h] for the year origin + 1 + h.
std::map<std::string, std::vector<double>> nb_point_forecast(
    const std::vector<NbCoefficients>& by_horizon, const std::map<std::string, double>& origin_counts,
    const Adjacency& adjacency);

// Draws from the direct forecasts: draws[region][h][path] for the year origin + 1 + h, with the
// regression by_horizon[h], from the origin year's counts. Deterministic in `seed`.
std::map<std::string, std::vector<std::vector<double>>> nb_forecast(
    const std::vector<NbCoefficients>& by_horizon, const std::map<std::string, double>& origin_counts,
    const Adjacency& adjacency, std::size_t paths, std::uint64_t seed);

}  // namespace peacesim::validation
