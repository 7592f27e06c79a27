#include "mechanisms/displacement/departures.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peacesim::mechanisms::displacement {

Departures::Departures(std::vector<double> residents, ThresholdRules rules)
    : initial_(std::move(residents)),
      exposure_(initial_.size(), 0.0),
      left_(initial_.size(), 0.0),
      rules_(rules) {
  if (!(rules_.leaving_share >= 0 && rules_.leaving_share <= 1)) {
    throw std::invalid_argument("departures: leaving_share must be in [0, 1]");
  }
  if (!(rules_.tolerance_days > 0)) throw std::invalid_argument("departures: tolerance_days must be > 0");
  for (double n : initial_) {
    if (!(n >= 0)) throw std::invalid_argument("departures: residents must not be negative");
  }
}

std::vector<double> Departures::leave(const std::vector<double>& violence) {
  if (violence.size() != initial_.size()) throw std::invalid_argument("departures: one intensity per place");
  std::vector<double> out(initial_.size(), 0.0);
  for (std::size_t p = 0; p < initial_.size(); ++p) {
    if (!(violence[p] > 0)) continue;
    exposure_[p] += violence[p];
    const double gone =
        rules_.leaving_share * initial_[p] * -std::expm1(-exposure_[p] / rules_.tolerance_days);
    out[p] = std::max(0.0, gone - left_[p]);
    left_[p] += out[p];
  }
  return out;
}

}  // namespace peacesim::mechanisms::displacement
