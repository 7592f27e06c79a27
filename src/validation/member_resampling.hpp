// How much a backtest's scores owe to which members its ensemble happened to draw (docs/validation.md,
// "How much of a score is the ensemble's draw"). An ensemble of m members is a sample of the
// forecasts its seeds could give: another m seeds give other scores. The scores are recomputed on B
// resamples of the members, m drawn with replacement each time (the bootstrap, Efron and Tibshirani
// 1993, ch. 6), and each metric of the model gets the spread of its B values: their standard
// deviation (the score's Monte Carlo standard error), their 5th and 95th percentiles, and the share
// of resamples in which the model beats the best frozen baseline. The baselines do not depend on the
// members and are not recomputed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "validation/backtest.hpp"

namespace peacesim::validation {

struct Resampling {
  std::size_t replicates = 200;  // B; 0: none
  std::uint64_t seed = 1;        // of the draws that pick the members
};

// Adds `model_resampled` {sd, p5, p95, beats_best_share} to each metric of `scores` (score_forecast's
// result for `input`) that has a model value (null where fewer than two resamples give one), the
// count of metrics the model wins in at least 90 % of the resamples to its verdict, and the
// resampling's settings as `resampling`. Draws are keyed by (seed, replicate): the result does not
// depend on anything else.
void add_member_resampling(nlohmann::json& scores, const ForecastInput& input, const Resampling& options);

}  // namespace peacesim::validation
