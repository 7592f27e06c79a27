#include "mechanisms/grievance/grievance.hpp"

#include <tbb/parallel_for.h>

#include <cmath>

namespace peacesim::mechanisms::grievance {

using engine::ParameterKind;

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"grievance_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M1: legitimacy follows the state's presence, abuses, foreign presence and exclusion; off, it "
       "stays "
       "at its first value"},
      {"grievance_authority_weight", ParameterKind::Real, 0.3, 0.0, 1.0, "1",
       "MODEL.md M1 (legitimacy shaped by state presence and services); size: assumption",
       "Legitimacy gained per unit of state authority above one half"},
      {"grievance_abuse_weight", ParameterKind::Real, 0.3, 0.0, 1.0, "1",
       "MODEL.md M1, M6 (abuses raise grievance); size: assumption",
       "Legitimacy lost to the state's abuses at saturation"},
      {"grievance_abuse_scale", ParameterKind::Real, 20, 1, 1000, "people",
       "assumption: a few massacres in a region are enough to turn it",
       "Recent civilian deaths by the state's side at "
       "which the abuse effect is 63 % of its maximum"},
      {"grievance_foreign_weight", ParameterKind::Real, 0.2, 0.0, 1.0, "1",
       "004 §3.4 (resentment of foreign forces, sovereignty); size: assumption",
       "Legitimacy lost at full resentment of foreign forces"},
      {"grievance_exclusion_weight", ParameterKind::Real, 0.15, 0.0, 1.0, "1",
       "MODEL.md M1 (inclusion of the community in the peace process); size: assumption",
       "Legitimacy lost by communities outside the peace process"},
      {"grievance_spread", ParameterKind::Real, 0.4, 0.0, 1.0, "1",
       "assumption: people of one place differ in how they see the state",
       "Width of the uniform spread of "
       "legitimacy between people"},
      {"grievance_legitimacy_elected", ParameterKind::Real, 0.6, 0.0, 1.0, "1",
       "004 §3.2 (Touré's government already contested before 2012); size: assumption",
       "Baseline legitimacy under an elected civilian government"},
      {"grievance_legitimacy_transitional", ParameterKind::Real, 0.45, 0.0, 1.0, "1",
       "004 §3.2 (interim authorities under the army's influence); size: assumption",
       "Baseline legitimacy under a transitional government"},
      {"grievance_legitimacy_military", ParameterKind::Real, 0.35, 0.0, 1.0, "1",
       "003; 004 §3.2 (the 2012 junta; ECOWAS sanctions); size: assumption",
       "Baseline legitimacy under a junta"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  Params r;
  r.enabled = p.boolean("grievance_enabled");
  r.authority_weight = p.real("grievance_authority_weight");
  r.abuse_weight = p.real("grievance_abuse_weight");
  r.abuse_scale = p.real("grievance_abuse_scale");
  r.foreign_weight = p.real("grievance_foreign_weight");
  r.exclusion_weight = p.real("grievance_exclusion_weight");
  r.spread = p.real("grievance_spread");
  r.legitimacy_elected = p.real("grievance_legitimacy_elected");
  r.legitimacy_transitional = p.real("grievance_legitimacy_transitional");
  r.legitimacy_military = p.real("grievance_legitimacy_military");
  return r;
}

void update(conflict::State& state, const conflict::Context& context, const Params& params) {
  if (!params.enabled) return;
  // Per place and region terms first; then one pass over people.
  std::vector<double> place_term(state.places.size(), 0.0);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    place_term[p] = params.authority_weight * (state.places[p].state_authority - 0.5);
  }
  std::vector<double> region_term(state.regions.size(), 0.0);
  for (std::size_t r = 0; r < state.regions.size(); ++r) {
    region_term[r] = -params.abuse_weight * (1.0 - std::exp(-state.abuses_by_state[r] / params.abuse_scale)) -
                     params.foreign_weight * state.resentment[r];
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
      engine::RandomDraws draws(seed, conflict::kGrievanceStream, 0, i);
      const bool excluded = ((state.excluded_communities >> people.community[i]) & 1u) != 0;
      const double lifted = people.community[i] < state.included_communities.size()
                                ? state.included_communities[people.community[i]]
                                : 0.0;
      const double l = base + place_term[cell.place] + region_term[cell.region] -
                       (excluded ? params.exclusion_weight * (1.0 - lifted) : 0.0) +
                       params.spread * (draws.uniform() - 0.5);
      people.legitimacy[i] = conflict::to_byte(l);
    }
  });
}

}  // namespace peacesim::mechanisms::grievance
