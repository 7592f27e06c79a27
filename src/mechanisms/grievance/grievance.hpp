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

#include <cstdint>
#include <span>
#include <vector>

#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::grievance {

struct Params {
  bool enabled = true;
  double authority_weight = 0.3;
  double abuse_weight = 0.3;
  double abuse_scale = 20.0;
  double foreign_weight = 0.2;
  double abuse_spill = 0.25;
  double protect_weight = 0.1;
  double exclusion_weight = 0.15;
  double spread = 0.4;
  double legitimacy_elected = 0.6;
  double legitimacy_transitional = 0.45;
  double legitimacy_military = 0.35;
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C01;  // a fixed draw per person

// What M1 reads from other mechanisms, by region or community.
struct Inputs {
  const std::vector<std::vector<double>>&
      abuses_by_state;  // M6: recent civilian deaths by the state's side, [community][region]
  const std::vector<std::vector<double>>& abuses_by_groups;  // M6: by armed groups, [community][region]
  const std::vector<double>& resentment;                     // M11: of foreign forces
  const std::vector<double>& included_communities;  // M10: how far each community's exclusion is lifted
};

// Each person's fixed draw u_i (step 0 of M1's stream, keyed by the person), kept so that the
// monthly pass does not run the cipher again for every person. A cache, not state: it is a pure
// function of the run's seed and the person's index (people are only ever appended), so it is never
// checkpointed and a resumed run draws it again (docs/architecture.md, "Caches that are not state").
class SpreadDraws {
 public:
  // The draws of people 0..n-1 under this seed, drawing those not kept yet.
  std::span<const double> of(std::uint64_t seed, std::size_t n);

 private:
  std::uint64_t seed_ = 0;
  std::vector<double> u_;
};

// Updates every living person's legitimacy (parallel; each writes its own slot).
void update(conflict::State& state, const conflict::Context& context, const Params& params, const Inputs& in,
            SpreadDraws& draws);
// The same with the draws made afresh (one call, or a test).
void update(conflict::State& state, const conflict::Context& context, const Params& params, const Inputs& in);

// G for one person.
inline double grievance(const conflict::People& people, std::size_t i) {
  return conflict::unit(people.hardship[i]) * (1.0 - conflict::unit(people.legitimacy[i]));
}

}  // namespace peacesim::mechanisms::grievance
