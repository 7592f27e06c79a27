// M6 Civilians (MODEL.md §4): violence against civilians by armed groups and by the state's side.
//
// Per day, with protection factor Π_p = 1 − protect_effect · min(1, peacekeepers_p / protect_people)
// at town p (a peace operation's protection of civilians, where its troops are):
//   - a group holding town p commits N ~ Poisson(hold_rate · Π_p) attacks there (punishments,
//     looting under occupation);
//   - a group's dispersed fighters commit N ~ Poisson(guerrilla_rate · D / 100) attacks on towns
//     of its regions weighted by weight · (0.1 + state authority) (punishing cooperation), each
//     carried out with probability Π_p;
//   - the army abuses civilians where violence is recent: N ~ Poisson(abuse_rate · army_p / 1000 ·
//     min(1, danger_p / 10) · Π_p) (reprisals after attacks).
// Each attack kills a negative-binomial number (mean fatalities, shape dispersion) of residents of
// the town's cells, chosen with a weight on the communities the attacker targets or suspects, and
// is one ACLED event (Violence against civilians / Attack). Deaths feed the abuse memories by
// community and region that lower legitimacy (M1) and M14's threats; the memories decay with a
// time constant of memory_days (docs/model/operational-layer.md, M6).
#pragma once

#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::civilians {

struct Params {
  bool enabled = true;
  double hold_rate = 0.02;
  double guerrilla_rate = 0.005;
  double abuse_rate = 0.01;
  double fatalities = 2.0;
  double protect_effect = 0.5;
  double protect_people = 1000.0;
  double memory_days = 180.0;
  double dispersion = 0.45;     // shape of the negative binomial of an attack's deaths (0: Poisson)
  double suspect_weight = 0.7;  // army abuses: weight on the suspected communities
  double target_weight = 0.5;   // groups' attacks: weight on their enemies' communities
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C06;

// M6's own state: the memory of abuses by the victims' community and region (read by M1),
// checkpointed whole.
struct Memory {
  std::vector<std::vector<double>>
      abuses_by_state;  // recent civilian deaths by the state's side, [community][region]
  std::vector<std::vector<double>> abuses_by_groups;  // by armed groups
  bool operator==(const Memory&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

void act(conflict::State& state, conflict::Context& context, const Params& params, Memory& memory);

// The communities that `by` suspects in a region: those the groups it is hostile to recruit from
// (never a group's own communities).
std::uint32_t suspects(const conflict::State& state, std::size_t region, conflict::ActorIndex by);

// One attack on civilians at p by `by`, falling as `victims` says, with negative-binomial deaths
// of mean `mean_dead`: kills, the event, the danger it leaves and the victims' community's memory
// of it (M1, when `memory` is given). Returns the dead.
double attack(conflict::State& state, conflict::Context& context, const Params& params, Memory* memory,
              conflict::PlaceIndex p, conflict::ActorIndex by, const conflict::Victims& victims,
              double mean_dead, engine::RandomDraws& draws);

// The protection factor Π at a town.
double protection(const conflict::State& state, conflict::PlaceIndex p, const Params& params);

}  // namespace peacesim::mechanisms::civilians
