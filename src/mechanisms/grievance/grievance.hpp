// M1 Grievance and legitimacy (MODEL.md §4), generalizing Epstein's G = H · (1 − L).
//
// Monthly, each person's perceived legitimacy of the state is
//
//     L_i = clamp01( L_regime + a_authority · (A_p − 0.5) − a_abuse · (1 − exp(−abuses_r / abuse_scale))
//                    − a_foreign · resentment_r − a_exclusion · [community excluded] + spread · (u_i − 0.5) )
//
// with L_regime the government's baseline (set from the kind of government: elected, transitional,
// military), A_p the state authority of the person's town (M8), abuses_r the region's recent
// civilian deaths at the hands of the state's side (M6), resentment_r of foreign forces (M11),
// and u_i a fixed uniform draw per person (people differ). Grievance G_i = H_i · (1 − L_i).
#pragma once

#include <vector>

#include "engine/parameters.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::grievance {

struct Params {
  bool enabled = true;
  double authority_weight = 0.3;
  double abuse_weight = 0.3;
  double abuse_scale = 20.0;
  double foreign_weight = 0.2;
  double exclusion_weight = 0.15;
  double spread = 0.4;
  double legitimacy_elected = 0.6;
  double legitimacy_transitional = 0.45;
  double legitimacy_military = 0.35;
};

std::vector<engine::ParameterSpec> parameter_specs();
Params params_from(const engine::ParameterSet& parameters);

// Updates every living person's legitimacy (parallel; each writes its own slot).
void update(conflict::State& state, const conflict::Context& context, const Params& params);

// G for one person.
inline double grievance(const conflict::People& people, std::size_t i) {
  return conflict::unit(people.hardship[i]) * (1.0 - conflict::unit(people.legitimacy[i]));
}

}  // namespace peacesim::mechanisms::grievance
