#include "mechanisms/perceptions/perceptions.hpp"

#include <algorithm>

namespace peacesim::mechanisms::perceptions {

using engine::ParameterKind;

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"perceptions_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M11: UN impartiality and resentment of foreign forces move; off, the UN stays impartial and "
       "nobody "
       "resents foreign troops"},
      {"perceptions_impartiality_rate", ParameterKind::Real, 0.1, 0.0, 1.0, "1/month",
       "assumption: reputations change over months",
       "Monthly rate at which UN impartiality moves to its target"},
      {"perceptions_resentment_growth", ParameterKind::Real, 0.03, 0.0, 0.5, "1/month",
       "004 §3.4 (resentment grows with the duration of foreign presence); size: assumption",
       "Monthly growth of resentment where all troops are foreign"},
      {"perceptions_resentment_decay", ParameterKind::Real, 0.01, 0.0, 0.5, "1/month",
       "assumption: resentment fades slowly once foreign troops leave", "Monthly decay of resentment"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  return {p.boolean("perceptions_enabled"), p.real("perceptions_impartiality_rate"),
          p.real("perceptions_resentment_growth"), p.real("perceptions_resentment_decay")};
}

void update(conflict::State& state, const Params& params) {
  if (!params.enabled) return;
  const double target = 1.0 - std::clamp(state.un_partiality_pressure, 0.0, 1.0);
  state.un_impartiality += params.impartiality_rate * (target - state.un_impartiality);
  std::vector<double> foreign(state.regions.size(), 0.0), army(state.regions.size(), 0.0);
  for (const auto& place : state.places) {
    if (!place.in_mali) continue;
    foreign[place.region] += place.foreign;
    army[place.region] += place.army;
  }
  for (std::size_t r = 0; r < state.regions.size(); ++r) {
    const double total = foreign[r] + army[r];
    const double share = total > 0.0 ? foreign[r] / total : 0.0;
    double& res = state.resentment[r];
    res += params.resentment_growth * share * (1.0 - res) - params.resentment_decay * res;
    res = std::clamp(res, 0.0, 1.0);
  }
}

}  // namespace peacesim::mechanisms::perceptions
