// M16 Attacks on peace operations (MODEL.md §4; docs/model/operational-layer.md, "M16", has the equations).
//
// A UN operation (a force with the `un` flag) is exposed in two ways: its camps, fixed targets for
// rockets, mortars and assaults, and the convoys that supply them on the roads from its logistics
// hubs (002: the reference theatre's UN operation "one of the most dangerous" missions, "essentially immobile
// in the north", protecting itself). Each day, in each region r, with H_r the hostile fighters there able to
// attack it and presence h_r = 1 − exp(−H_r / presence_people), and φ = 1 + partiality_weight ·
// (1 − I) the groups' intent (M11's impartiality I: a partial UN is a party):
//
//     convoy attacks in r  ~ Poisson(convoy_rate · K_r / 1000 · h_r · φ)   K_r convoy-km a day in r
//     fire on camp c        ~ Poisson(fire_rate · h_r · φ)
//     assaults on camp c    ~ Poisson(assault_rate · h_r · φ)
//
// with K_r = Σ_c convoys · n_c / 1000 · 2 · km_c,r: a camp of n_c troops is resupplied by
// `convoys` round trips a day per 1,000 troops from its nearest hub, km_c,r the length of that
// road in region r. The deaths of an attack of kind k in region r are negative binomial with mean
//
//     μ = deaths_k · (1 + learning_gain · (1 − exp(−E_r / learning_attacks)))      learning
//                  · (protection_floor + (1 − protection_floor) · exp(−t / protection_days))
//
// E_r the attacks on peace operations in region r so far (decaying with experience_days: the
// attackers' experience), t the days since the camp opened (camp attacks) or since the operation
// deployed (convoys: armour, route clearance and drills come with time). The dead are the camp's
// troops (a convoy's escort comes from the camp it supplies), taken through M5's force_losses so
// that the casualty series count them in the camp's region; the event is where it happened.
//
// With M16 on, M3 leaves the UN alone (its attacks whose victim would be a UN force are not
// carried out); off, M3 attacks UN troops as before and M16 does nothing.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::peace_attacks {

struct Params {
  bool enabled = true;
  double convoys = 0.05;          // supply round trips a day per 1,000 troops of a camp
  double convoy_rate = 0.12;      // attacks per 1,000 convoy-km at full presence and intent
  double ambush_share = 0.35;     // of convoy attacks that are ambushes (the rest IEDs and mines)
  double fire_rate = 0.001;       // rocket or mortar attacks a day on a camp
  double assault_rate = 0.00065;  // assaults (direct, suicide, complex) a day on a camp
  double presence_people = 300;   // hostile fighters in a region at which presence is 63 %
  double rebel_weight = 0.1;      // weight of hostile groups that are not jihadist
  double partiality_weight = 1.0;
  double ied_deaths = 1.2;  // mean deaths of an IED before learning and protection
  double ambush_deaths = 3.3;
  double fire_deaths = 0.4;
  double assault_deaths = 3.5;
  double assault_attackers_dead = 1.0;  // attackers killed in an assault on a camp
  double dispersion = 0.25;             // shape of the negative binomial of deaths
  double learning_gain = 1.0;
  double learning_attacks = 10;
  double experience_days = 1095;
  double protection_floor = 0.3;
  double protection_days = 365;
};

const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C10;  // attacks on peace operations, by region

// The model's input: where each operation's convoys start (its headquarters and logistics bases),
// with the days they serve (days since the run's start, inclusive).
struct Hub {
  std::size_t force = 0;  // index into State::forces
  conflict::PlaceIndex place = conflict::kNoPlace;
  std::int32_t from_day = std::numeric_limits<std::int32_t>::min();
  std::int32_t to_day = std::numeric_limits<std::int32_t>::max();
};
struct Supply {
  std::vector<Hub> hubs;
};

// A camp of a UN force today and the road that supplies it.
struct Camp {
  std::size_t force = 0;
  conflict::PlaceIndex place = conflict::kNoPlace;
  double troops = 0.0;
  conflict::PlaceIndex hub = conflict::kNoPlace;  // kNoPlace: no road from any hub (supplied by air)
  double road_km = 0.0;                           // from its hub
};

// Convoy-km a day on the part of a camp's supply road nearest to one place.
struct Stretch {
  std::size_t camp = 0;  // index into Exposure::camps
  conflict::PlaceIndex place = conflict::kNoPlace;
  double convoy_km = 0.0;
};

struct Exposure {
  std::vector<Camp> camps;
  std::vector<Stretch> stretches;
  std::vector<double> convoy_km;  // a day, by region
  std::vector<double> camps_in;   // camps by region
};

// Today's camps (towns in the theatre where a UN force has troops) and their supply roads: from
// the nearest hub serving today (the capital if none), along the shortest road, each road segment
// counted half at each end (in the theatre).
Exposure exposure(const conflict::State& state, const Supply& supply, const Params& params);

// The hostile fighters able to attack peace operations in each region (H_r): those of active
// groups hostile to the state, jihadists at weight 1, others at rebel_weight.
std::vector<double> attackers(const conflict::State& state, const Params& params);

// The multiplier of an attack's mean deaths: learning (experience E) times protection (t days).
double lethality(const Params& params, double experience, double days);

// M16's own state, checkpointed whole.
struct Record {
  static constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::min();
  std::size_t places = 0;
  std::vector<std::int32_t> opened;    // [force · places + place]: first day of a camp, kNever none yet
  std::vector<std::int32_t> deployed;  // [force]: first day with troops, kNever not yet
  std::vector<double> experience;      // E_r by region
  std::vector<double> convoy_km;       // today's, by region (series)
  std::vector<double> camps;           // today's, by region (series)
  bool operator==(const Record&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
  void reset(std::size_t forces, std::size_t place_count, std::size_t regions);
};

// One day: exposure, attacks, deaths and events. `attacks_series` counts the attacks (a monthly
// flow by region).
void day(conflict::State& state, conflict::Context& context, const Params& params, const Supply& supply,
         double un_impartiality, Record& record, engine::SeriesId attacks_series);

}  // namespace peacesim::mechanisms::peace_attacks
