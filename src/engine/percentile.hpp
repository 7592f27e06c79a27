// Sample percentiles of an ensemble (members, bootstrap replicates), shared by validation's scores
// and the sensitivity analysis.
#pragma once

#include <vector>

namespace peacesim::engine {

// The q-th percentile (q in [0, 100]) by linear interpolation between the sorted values; 0 for no
// values.
double percentile(std::vector<double> values, double q);

}  // namespace peacesim::engine
