#include "mechanisms/perceptions/perceptions.hpp"

#include <algorithm>

namespace peacesim::mechanisms::perceptions {

void update(const conflict::State& state, State& own, const Params& params) {
  if (!params.enabled) return;
  const double target = 1.0 - std::clamp(state.un_partiality_pressure, 0.0, 1.0);
  own.un_impartiality += params.impartiality_rate * (target - own.un_impartiality);
  std::vector<double> foreign(state.regions.size(), 0.0), army(state.regions.size(), 0.0);
  for (const auto& place : state.places) {
    if (!place.in_theatre) continue;
    foreign[place.region] += place.foreign;
    army[place.region] += place.army;
  }
  for (std::size_t r = 0; r < state.regions.size(); ++r) {
    const double total = foreign[r] + army[r];
    const double share = total > 0.0 ? foreign[r] / total : 0.0;
    double& res = own.resentment[r];
    res += params.resentment_growth * share * (1.0 - res) - params.resentment_decay * res;
    res = std::clamp(res, 0.0, 1.0);
  }
}

}  // namespace peacesim::mechanisms::perceptions
