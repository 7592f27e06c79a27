// Who leaves (M7): residents with agent-specific tolerance thresholds.
//
// Each resident of a place has a tolerance: the days of violence (weighted by intensity) they
// endure before leaving. Tolerances follow an exponential law with mean `tolerance_days`, and only
// a share `leaving_share` of residents would ever leave (the rest stay whatever happens: the old,
// the poor without means to travel, those protected by a group). With E_p(t) the violence a place
// has had so far, sum over days of its intensity, the people who have left by day t are
//
//     D_p(t) = share · N_p · (1 − exp(−E_p(t) / tolerance_days))
//
// and those leaving on day t are D_p(t) − D_p(t−1): exactly the residents whose own threshold was
// crossed that day. Counts, not agents: a place of a million people costs one exponential a day.
// The Flee case does not use this (there, as in Flee, the daily count is the UNHCR rise); the
// theatre model does (MODEL.md M7).
#pragma once

#include <vector>

namespace peacesim::mechanisms::displacement {

struct ThresholdRules {
  double leaving_share = 0.25;  // share of residents who would ever leave
  double tolerance_days = 30;   // mean days of full violence endured before leaving
};

class Departures {
 public:
  // `residents`: people per place at the start. Throws std::invalid_argument for negative counts
  // or rules outside their ranges (share in [0, 1], tolerance > 0).
  Departures(std::vector<double> residents, ThresholdRules rules);

  // Adds a day with the given violence intensity per place (0 = none) and returns the people
  // leaving each place that day.
  std::vector<double> leave(const std::vector<double>& violence);

  [[nodiscard]] double residents(std::size_t place) const { return initial_[place] - left_[place]; }
  [[nodiscard]] double left(std::size_t place) const { return left_[place]; }
  [[nodiscard]] double exposure(std::size_t place) const { return exposure_[place]; }

 private:
  std::vector<double> initial_;
  std::vector<double> exposure_;
  std::vector<double> left_;
  ThresholdRules rules_;
};

}  // namespace peacesim::mechanisms::displacement
