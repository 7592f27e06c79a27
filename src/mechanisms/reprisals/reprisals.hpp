// M14 Communal reprisal cycles (MODEL.md §4): killings feed killings.
//
// When civilians of community c are killed in region r by an actor identified with community d
// (an armed group recruiting d), or by the state's side, the threat c feels from d grows by the
// deaths and then decays with time constant τ (memory_days):
//
//     T_cd,r(t) = Σ_k deaths_k · exp(−(t − t_k) / τ)          (d = the state for army abuses)
//
// The threat drives three things:
//   - retaliation: a group recruiting c that is active in r attacks civilians of d there, as a
//     Poisson process with daily rate  λ_cd,r = n · T_cd,r / (f · τ),  f the mean deaths of a
//     reprisal. Every death then causes on average n deaths in return (n the branching ratio), so
//     violence dies out for n < 1 and feeds on itself towards n = 1: a self-exciting (Hawkes)
//     process with an exponential kernel;
//   - recruitment: community_threat_c,r = 1 − exp(−Σ_d T_cd,r / threat_scale), which M2 adds (times
//     its pull_threat) to the pull of the groups recruiting c: self-defence militias and the
//     jihadist group a threatened community turns to for protection;
//   - M1 reads the killings through the abuse memories M6 keeps by community.
//
// The killings come from state.killings (M5 crossfire, M6 attacks, M14's own reprisals), read and
// cleared every day; crossfire (no perpetrator) feeds no threat.
#pragma once

#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/civilians/civilians.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::reprisals {

struct Params {
  bool enabled = true;
  double branching = 0.6;     // n: reprisal deaths per death, over the kernel
  double memory_days = 60.0;  // τ
  double fatalities = 2.4;    // f: mean deaths of a reprisal attack
  double threat_scale = 20.0;
};

const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C0C;  // reprisals, by (victims, perpetrators, region)

// M14's own state: the threats T_cd,r, [victims c][perpetrators d, the state last][region].
struct Threats {
  std::size_t communities = 0;
  std::size_t regions = 0;
  std::vector<double> threat;
  bool operator==(const Threats&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
  void reset(std::size_t communities, std::size_t regions);
  [[nodiscard]] std::size_t index(std::size_t c, std::size_t d, std::size_t r) const {
    return (c * (communities + 1) + d) * regions + r;
  }
  // T_cd,r (d = communities for the state).
  [[nodiscard]] double at(std::size_t c, std::size_t d, std::size_t r) const {
    return threat[index(c, d, r)];
  }
};

// One day: reads and clears state.killings into the threats, decays them, carries out the day's
// reprisals and sets state.community_threat.
void day(conflict::State& state, conflict::Context& context, const Params& params,
         const civilians::Params& civilians, Threats& threats);

}  // namespace peacesim::mechanisms::reprisals
