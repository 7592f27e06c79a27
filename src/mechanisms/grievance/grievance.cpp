#include "mechanisms/grievance/grievance.hpp"

#include <tbb/parallel_for.h>

#include <cmath>

namespace peacesim::mechanisms::grievance {

void update(conflict::State& state, const conflict::Context& context, const Params& params,
            const Inputs& in) {
  if (!params.enabled) return;
  // Per place and region terms first; then one pass over people.
  std::vector<double> place_term(state.places.size(), 0.0);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    place_term[p] = params.authority_weight * (state.places[p].state_authority - 0.5);
  }
  std::vector<double> region_term(state.regions.size(), 0.0);
  for (std::size_t r = 0; r < state.regions.size(); ++r) {
    region_term[r] = -params.abuse_weight * (1.0 - std::exp(-in.abuses_by_state[r] / params.abuse_scale)) -
                     params.foreign_weight * in.resentment[r];
  }
  auto& people = state.people;
  const double base = state.regime_legitimacy;
  const std::uint64_t seed = context.random.seed();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, people.size(), 1 << 14), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const auto s = people.status[i];
      if (s == conflict::Status::KilledViolently || s == conflict::Status::DiedNaturally) continue;
      const auto& cell = state.cells[people.cell[i]];
      // A fixed draw per person: step 0 of the grievance stream, keyed by the person.
      engine::RandomDraws draws(seed, kStream, 0, i);
      const bool excluded = ((state.excluded_communities >> people.community[i]) & 1u) != 0;
      const double lifted = people.community[i] < in.included_communities.size()
                                ? in.included_communities[people.community[i]]
                                : 0.0;
      const double l = base + place_term[cell.place] + region_term[cell.region] -
                       (excluded ? params.exclusion_weight * (1.0 - lifted) : 0.0) +
                       params.spread * (draws.uniform() - 0.5);
      people.legitimacy[i] = conflict::to_byte(l);
    }
  });
}

}  // namespace peacesim::mechanisms::grievance
