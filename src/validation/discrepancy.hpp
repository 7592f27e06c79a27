// Model discrepancy for a backtest's intervals (docs/validation.md, "Model discrepancy"). An
// ensemble's spread is the dice (and, with a posterior, the parameters) only: it says nothing of
// what the model gets wrong by its structure, so its 90 % intervals miss more often than one time in
// ten. Kennedy and O'Hagan (2001, "Bayesian calibration of computer models", J. R. Statist. Soc. B
// 63:425-464) add a discrepancy term δ to the simulator's output; here δ is Gaussian on the scale
// the scores use, ln(1 + x), with a variance σ² for each quantity and lead (years after the origin).
//
// σ² is estimated from hindcasts: the same ensemble started at earlier 31 Decembers and scored on
// the years up to the forecast's origin, so that nothing observed after the origin is used. For a
// cell (a region-year, a national year, a yearly series' year) with members' log values of mean μ
// and variance v, and observation o, e = ln(1 + o) − μ; by the method of moments over the cells of
// one quantity and lead,
//
//     σ² = max(0, mean(e²) − mean(v)),
//
// the squared error the members' own spread does not account for. Each member value x of a
// forecast becomes kDrawsPerMember values max(0, exp(ln(1 + x) + σ z) − 1), z standard normals
// keyed by cell and member: the members' mean (the point forecast) is not changed, their
// distribution (CRPS, coverage, the rows' 5-95 % range) is.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace peacesim::validation {

// One hindcast cell's squared error about its members' log mean and its members' log variance.
struct ErrorCell {
  std::string quantity;  // "events", "fatalities", a national total's or yearly series' metric prefix
  int lead = 1;          // years after the hindcast's origin
  double squared_error = 0, spread = 0;
};

// The cells of a backtest's scores (validation::score_forecast's result, whose rows carry
// model_log_mean and model_log_var) for an origin year.
std::vector<ErrorCell> error_cells(const nlohmann::json& scores);

struct DiscrepancyEstimate {
  double sigma = 0;  // on ln(1 + x)
  std::size_t cells = 0;
  double mean_squared_error = 0, mean_spread = 0;
};

// Fewer errors than this give no estimate that is used: the relative standard error of a variance
// from n normal errors is √(2 / n), above 45 % below 10 (a yearly series has one cell a hindcast
// year, a region-year quantity one a region).
inline constexpr std::size_t kDefaultMinimumCells = 10;

// Draws of the discrepancy around each member: the widened distribution is a mixture of log-normals
// centred on the members, and one draw each would add its own noise to the scores (with 100
// members, CRPS moving by a few hundredths between draws); 20 each make that small beside the
// members' own.
inline constexpr std::size_t kDrawsPerMember = 20;

class Discrepancy {
 public:
  Discrepancy() = default;
  Discrepancy(const std::vector<ErrorCell>& cells, std::uint64_t seed,
              std::size_t minimum_cells = kDefaultMinimumCells);

  // σ for a quantity at a lead from the estimates of at least the minimum cells: its own lead's,
  // else the longest lead's below it (errors grow with the lead: a shorter lead's σ is the smaller
  // guess), else the shortest lead's above it; none when the quantity has no such estimate.
  [[nodiscard]] std::optional<double> sigma(const std::string& quantity, int lead) const;

  // The members of a cell widened by σ: kDrawsPerMember draws around each member, member by member
  // (the members themselves at σ 0); `cell` keys the draws with the seed.
  [[nodiscard]] std::vector<double> widen(const std::vector<double>& members, double sigma,
                                          const std::string& cell) const;

  // Every estimate: {quantity: {lead: {sigma, cells, mean_squared_error, mean_spread, used}}}.
  [[nodiscard]] nlohmann::json to_json() const;

 private:
  std::map<std::string, std::map<int, DiscrepancyEstimate>> by_quantity_;
  std::uint64_t seed_ = 1;
  std::size_t minimum_cells_ = kDefaultMinimumCells;
};

}  // namespace peacesim::validation
