// Sobol's variance-based sensitivity indices (Sobol' 1993), estimated from Saltelli's sampling
// scheme (Saltelli 2002; Saltelli, Annoni, Azzini, Campolongo, Ratto and Tarantola 2010), in our
// own words: how much of an outcome's variance each parameter explains alone (first order, S_i)
// and with all its interactions (total, S_Ti), for n·(k + 2) model evaluations with k parameters.
//
// Two independent n × k samples A and B of the unit cube are drawn (here the first 2k dimensions
// of a Sobol low-discrepancy sequence, shifted at random modulo 1 by the seed: a Cranley-Patterson
// rotation, so that different seeds give independent replicates). For each parameter i, the
// matrix AB_i is A with its column i taken from B. With f_A, f_B, f_ABi the model's values on
// their rows and V the variance of all the f_A and f_B together:
//
//     S_i  = mean_j( f_B(j) · (f_ABi(j) − f_A(j)) ) / V                   (Saltelli 2010, Table 2 (b))
//     S_Ti = mean_j( (f_A(j) − f_ABi(j))² ) / (2 V)                         (Jansen 1999; Saltelli 2010 (f))
//
// S_i ≤ S_Ti up to sampling error; S_Ti − S_i is the part of the variance the parameter explains
// only through interactions; ΣS_i = 1 for an additive model. Confidence intervals come from a
// bootstrap over the n rows (the same resampled rows for every index).
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/sensitivity/designs.hpp"

namespace peacesim::analysis::sensitivity {

struct SaltelliDesign {
  std::size_t parameters = 0, samples = 0;  // k, n
  std::vector<Point> a, b;                  // n points each
  // The points to evaluate, in this order: A's n rows, B's n rows, then AB_1's n rows, ..., AB_k's.
  [[nodiscard]] std::vector<Point> points() const;
};

// Throws std::invalid_argument for no parameters, fewer than 2 samples, or more than 500
// parameters (the Sobol tables' dimension limit is 1,111 for 2k).
SaltelliDesign saltelli_design(std::size_t parameters, std::size_t samples, std::uint64_t seed);

struct Interval {
  double low = 0, high = 0;
};

struct SobolIndices {
  std::vector<double> first, total;          // S_i, S_Ti by parameter
  std::vector<Interval> first_ci, total_ci;  // bootstrap percentile intervals
  double variance = 0;                       // V
};

// The indices from the values at design.points(), in their order; `confidence` the interval's
// level (e.g. 0.9), `resamples` the bootstrap's size (0: no intervals). Throws
// std::invalid_argument when y does not have n·(k + 2) values.
SobolIndices sobol_indices(const SaltelliDesign& design, const std::vector<double>& y, double confidence,
                           std::size_t resamples, std::uint64_t seed);

}  // namespace peacesim::analysis::sensitivity
