#include "validation/scores.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peacesim::validation {

double log_rmse(const std::vector<double>& p, const std::vector<double>& o) {
  if (p.size() != o.size() || p.empty())
    throw std::invalid_argument("log_rmse: two sequences of the same, non-zero length");
  double s = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double d = std::log1p(p[i]) - std::log1p(o[i]);
    s += d * d;
  }
  return std::sqrt(s / static_cast<double>(p.size()));
}

double crps_ensemble(std::vector<double> x, double y) {
  if (x.empty()) throw std::invalid_argument("crps_ensemble: no members");
  const auto m = static_cast<double>(x.size());
  double spread_to_y = 0.0;
  for (const double v : x) spread_to_y += std::abs(v - y);
  // Σ_i Σ_j |x_i − x_j| = 2 Σ_k (2k − m − 1) x_(k) over the sorted members (k = 1..m).
  std::sort(x.begin(), x.end());
  double pairs = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) pairs += (2.0 * static_cast<double>(k + 1) - m - 1.0) * x[k];
  pairs *= 2.0;
  return spread_to_y / m - pairs / (2.0 * m * m);
}

bool inside_90(const std::vector<double>& members, double y) {
  return y >= percentile(members, 5) && y <= percentile(members, 95);
}

int direction(double from, double to) { return to > from ? 1 : (to < from ? -1 : 0); }

std::vector<double> log1p_all(std::vector<double> v) {
  for (auto& x : v) x = std::log1p(x);
  return v;
}

}  // namespace peacesim::validation
