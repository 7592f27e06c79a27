// Sample statistics of an ensemble (members, bootstrap replicates): percentiles, shared by
// validation's scores and the sensitivity analysis; mean and variance, by `compare` and the
// backtest's resampling.
#pragma once

#include <vector>

namespace peacesim::engine {

// The q-th percentile (q in [0, 100]) by linear interpolation between the sorted values; 0 for no
// values.
double percentile(std::vector<double> values, double q);

// The mean; 0 for no values.
double sample_mean(const std::vector<double>& values);
// The sample variance, Σ (x − mean)² / (n − 1); 0 for fewer than two values.
double sample_variance(const std::vector<double>& values, double mean);
double sample_variance(const std::vector<double>& values);

}  // namespace peacesim::engine
