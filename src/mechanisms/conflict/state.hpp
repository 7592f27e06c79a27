// The operational layer's shared state (MODEL.md §3): people, places, armed groups, forces and
// the battles in progress, which several mechanisms read and write; what one mechanism alone
// changes is that mechanism's own state, in its folder, with its rules and parameters. The state knows
// nothing of scenarios or files: models build it (src/models/conflict_theatre/build_state.cpp), tests build
// it by hand.
//
// People are agents of k people each, stored as columns (structure of arrays): one byte per
// attribute, so the full-scale run (one agent per person, 15-20 million) needs about 12 bytes an
// agent. Armed forces are not agents: a group's fighters are people agents with status Fighter
// (so recruits and deaths come out of the population), but where they fight is kept as strengths
// in people per place; government and international forces are strengths per place.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/fields.hpp"

namespace peacesim::mechanisms::conflict {

using PlaceIndex = std::uint16_t;
using ActorIndex = std::uint8_t;  // 0 = the state's side; 1.. = armed groups
inline constexpr ActorIndex kState = 0;
inline constexpr ActorIndex kNoActor = std::numeric_limits<ActorIndex>::max();
inline constexpr PlaceIndex kNoPlace = std::numeric_limits<PlaceIndex>::max();
inline constexpr std::uint32_t kNoAgent = std::numeric_limits<std::uint32_t>::max();
using CountryIndex = std::uint8_t;  // a state of the theatre (State::countries)

enum class Status : std::uint8_t { Resident, Displaced, Refugee, Fighter, KilledViolently, DiedNaturally };

// Attributes in [0, 1] are stored as bytes: value = byte / 255.
// The 256 values of b / 255, worked out once: the monthly passes over every person read them
// instead of dividing (the same doubles, so the same results).
inline constexpr auto kUnits = [] {
  std::array<double, 256> units{};
  for (std::size_t b = 0; b < units.size(); ++b) units[b] = static_cast<double>(b) / 255.0;
  return units;
}();
inline double unit(std::uint8_t b) { return kUnits[b]; }
inline std::uint8_t to_byte(double v) {
  const double c = v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v);
  return static_cast<std::uint8_t>(c * 255.0 + 0.5);
}

// Whether bit `bit` of a mask (regions, communities) is set.
inline bool in_mask(std::uint32_t mask, std::size_t bit) { return ((mask >> bit) & 1u) != 0; }

struct People {
  double people_per_agent = 100.0;  // k
  std::vector<std::uint16_t> cell;  // index into State::cells
  std::vector<std::uint8_t> community;
  std::vector<std::uint8_t> livelihood;
  std::vector<Status> status;
  std::vector<ActorIndex> group;             // a fighter's group, else kNoActor
  std::vector<std::uint8_t> hardship;        // H (M1)
  std::vector<std::uint8_t> risk_aversion;   // R (M2)
  std::vector<std::uint8_t> legitimacy;      // L as the agent perceives it (M1)
  std::vector<std::uint8_t> tolerance_days;  // days of violence endured before leaving (M7); 255 never

  [[nodiscard]] std::size_t size() const { return status.size(); }
  // Appends one resident; returns its index.
  std::uint32_t add(std::uint16_t in_cell, std::uint8_t comm, std::uint8_t liv);
  bool operator==(const People&) const = default;
  template <class Archive>  // checkpoints: every field (engine/fields.hpp)
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

struct Cell {
  std::uint16_t region = 0;
  PlaceIndex place = kNoPlace;  // the nearest town in the theatre: where the cell's violence is felt
  double lat = 0, lon = 0;
  bool operator==(const Cell&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

enum class PlaceKind : std::uint8_t { Town, Camp, Abroad };

struct Place {
  std::string id;
  std::string name;
  PlaceKind kind = PlaceKind::Town;
  bool in_theatre = true;
  std::uint16_t region = 0;  // valid when in_theatre
  std::string admin1, admin2, country;
  CountryIndex host = 0;  // the theatre's state it lies in (valid when in_theatre)
  double lat = 0, lon = 0;
  double weight = 1.0;  // strategic value (M3): grows with the people around it
  // --- dynamic ---
  ActorIndex controller = kState;
  double state_authority = 1.0;  // M8, 0..1
  double danger = 0.0;           // M7: recent violence, decaying (fatalities-equivalent)
  double exposure_days = 0.0;    // M7: days of violence endured so far (sum of daily intensity)
  double army = 0.0;             // government troops (people)
  // Its share of its state's army in the army's plan: the garrison it had at the start (M4).
  double army_plan = 0.0;
  double foreign = 0.0;        // international troops on the state's side (people)
  double peacekeepers = 0.0;   // of which UN (people)
  double foreign_power = 0.0;  // sum of foreign troops times their capability
  std::int32_t last_change_day = -1;
  bool operator==(const Place&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// A town of the theatre (not a camp or a place abroad): what can be held and fought over.
inline bool is_town(const Place& p) { return p.in_theatre && p.kind == PlaceKind::Town; }

enum class GroupKind : std::uint8_t { Separatist, Jihadist, ProGovernment, SelfDefence };
enum class Posture : std::uint8_t { Hold, Guerrilla };

// Militias side with the state (pro-government militias) or with their community (self-defence
// militias): neither fights the state, and both fight the jihadist groups.
inline bool sides_with_state(GroupKind k) {
  return k == GroupKind::ProGovernment || k == GroupKind::SelfDefence;
}

struct Group {
  std::string id;
  std::string name;  // its own name, as events name it (ACLED actor1/actor2) unless a coalition's is given
  // The coalition's name its events carry today (the event data's coding convention; scenario:
  // dynamics.groups[].members_named_from), or empty.
  std::string coalition_name;
  [[nodiscard]] const std::string& event_name() const {
    return coalition_name.empty() ? name : coalition_name;
  }
  GroupKind kind = GroupKind::Separatist;
  std::uint32_t communities = 0;  // bit c: recruits from community c
  std::uint32_t regions = 0;      // bit r: operates in region r
  std::uint32_t bases = 0;        // bit r: a region of its own where recruits gather (M2); within regions
  bool active = false;            // exists today
  bool designated = false;        // listed as terrorist (M10, M11)
  bool offensive = false;         // a scheduled offensive is on today (M3)
  std::uint32_t offensive_regions = 0;
  std::vector<PlaceIndex> offensive_towns;  // if not empty, the offensive's only objectives
  Posture posture = Posture::Guerrilla;
  double capability = 1.0;       // combat multiplier (M5)
  double pull = 0.0;             // its own extra pull on recruits (M2; scenario: money, prestige)
  double split_share = 0.0;      // share of its parent's fighters it takes when it splits off
  double resources = 0.0;        // recruits it can still absorb this month (people)
  std::vector<double> at_place;  // fighters deployed by place (people)
  // Fighters blended into the population (guerrilla), people, by region (index into State::regions):
  // where they live and strike, where raids find them and where they are counted.
  std::vector<double> dispersed;
  std::vector<std::uint32_t> fighters;  // agent indices with status Fighter and this group
  std::int32_t rest_until = 0;          // M3: no new assault before this day
  // The group it has merged into (actor), kNoActor while it has not: whose strength it became.
  ActorIndex merged_into = kNoActor;
  double fighters_people() const;  // at_place + dispersed
  double dispersed_total() const;
  // Takes up to `people` from the dispersed pools, from each region in proportion to its pool;
  // returns the people taken.
  double take_dispersed(double people);
  // Takes up to `people` from one region's pool, then (if `spill`) from the others in proportion.
  double take_dispersed_in(std::size_t region, double people, bool spill);
  // Fighters who leave a town blend in where they are if the group operates there; otherwise they
  // go back to the group's own regions (in proportion to its fighters there, else evenly).
  void disperse(std::size_t region, double people);
  bool operator==(const Group&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// Whether a group fights the state: rebels and jihadists do, unless bound by a ceasefire.
inline bool enemy_of_state(const Group& g, bool at_peace) { return !sides_with_state(g.kind) && !at_peace; }

// Hostility that follows from what two groups are (the scenario adds dated hostilities): militias
// against jihadists; pro-government militias against separatist rebels (who stay rivals over
// ground and rents after a ceasefire, as the reference theatre's two coalitions did).
inline bool rivals_by_kind(const Group& a, const Group& b) {
  auto one_way = [](const Group& x, const Group& y) {
    return (sides_with_state(x.kind) && y.kind == GroupKind::Jihadist) ||
           (x.kind == GroupKind::ProGovernment && y.kind == GroupKind::Separatist);
  };
  return one_way(a, b) || one_way(b, a);
}

// An international operation (or a contingent of one) on the state's side.
struct Force {
  std::string id;
  std::string name;
  bool offensive = false;  // offensive counter-terrorism in its mandate (M4)
  bool protects_civilians = false;
  bool trains = false;             // a training mission: raises the army's capability (M4)
  bool un = false;                 // a UN operation (M11: impartiality, attacks on peacekeepers)
  double capability = 1.0;         // combat multiplier (M5)
  std::uint32_t regions = 0;       // area of operations (bit r)
  double strength = 0.0;           // deployed today (people): the scenario's record, or M9's decision
  double lost = 0.0;               // its people killed so far (M5); M9 weighs the domestic cost
  std::vector<double> at_place;    // where it is today
  PlaceIndex target = kNoPlace;    // offensive operations: the town it is moving on (M4)
  PlaceIndex position = kNoPlace;  // where its mobile element is (kNoPlace: at its stations)
  std::int32_t arrival_day = 0;
  std::vector<double> station;         // shares of its strength by place when not manoeuvring (sum 1)
  std::vector<PlaceIndex> objectives;  // towns it takes first (its plan), in no particular order
  bool operator==(const Force&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// A battle in progress at a town (M5).
struct Battle {
  PlaceIndex place = kNoPlace;
  ActorIndex attacker = kNoActor;  // kState: the state's side attacks a group-held town
  ActorIndex defender = kNoActor;
  double attacker_start = 0, defender_start = 0;  // people when it began
  double attacker_lost = 0, defender_lost = 0;    // people
  double civilians_lost = 0;                      // civilians killed in the crossfire, people
  std::int32_t started = 0;
  int force = -1;  // the state's side attacking: the leading force (index into State::forces), -1 the army
  bool operator==(const Battle&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// Civilians killed (agents), with who killed them and the victims' community: M5 and M6 write
// them, M14 reads and clears them each day.
struct Killing {
  std::uint16_t region = 0;
  std::uint8_t community = 0;
  ActorIndex by = kNoActor;  // kState for the state's side, kNoActor unknown (crossfire)
  std::uint32_t agents = 0;
  bool operator==(const Killing&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// A state of the theatre (MODEL.md §3): its government and its army. A theatre has one or more;
// together they are the state's side (actor kState): allies against the armed groups, each army
// in its own country, recruiting to its own establishment and reserved at its own capital.
struct Country {
  std::string code;        // ISO 3166-1 alpha-3, as the places' `country`
  std::string name;        // as the event data's `country` column writes it
  PlaceIndex capital = 0;  // where its army's reserve is (the scenario's state capital)
  // How the event data name its forces and its civilians (the scenario's army event_name and
  // civilians_event_name, e.g. ACLED's actor names).
  std::string forces_event_name = "State forces";
  std::string civilians_event_name = "Civilians";
  double army_capability = 0.5;   // combat multiplier (M4 training raises it)
  double army_morale = 1.0;       // multiplier after shocks such as a coup (M4)
  double army_establishment = 0;  // the strength the army recruits back towards (people)
  double army_total = 0.0;        // people
  // The scenario's inputs of the day (the government in office): the last coup, and M1's baseline
  // legitimacy of the government (falls with a coup).
  std::int32_t coup_day = -1000000;
  double regime_legitimacy = 0.6;
  bool operator==(const Country&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

struct State {
  People people;
  std::vector<Cell> cells;
  std::vector<Place> places;
  std::vector<std::vector<PlaceIndex>> neighbours;  // route graph adjacency (places)
  std::vector<std::vector<double>> road_km;         // shortest road distance between places
  std::vector<std::string> regions;                 // admin1 names
  std::vector<CountryIndex> region_country;         // the state each region belongs to
  std::vector<Country> countries;                   // the theatre's states: at least one
  std::vector<Group> groups;                        // index g-1 for ActorIndex g
  std::vector<std::vector<std::uint8_t>> hostile;   // [a][b] for actors (0 = state)
  std::vector<Force> forces;
  std::vector<Battle> battles;
  // The scenario's inputs of the day, set by the model (its decisions).
  double un_partiality_pressure = 0.0;  // M11 input: the UN's counter-terrorism tasks and links (0..1)
  std::vector<std::vector<double>>
      community_threat;                    // M14 -> M2: threat felt by community c in region r, 0..1
  std::vector<Killing> killings;           // today's civilian deaths (M5, M6, M14 -> M14)
  std::uint32_t excluded_communities = 0;  // M1: communities outside the peace process (bit c)
  bool towns_change_hands = true;          // M8's switch
  std::int32_t day = 0;
  engine::Date date;

  // Per-cell index of the agents living there (residents and fighters at home), rebuilt monthly.
  std::vector<std::uint32_t> cell_begin;
  std::vector<std::uint32_t> by_cell;
  // Counts the rebuilds of the index: a mechanism may keep a sum over a place's people (M7's
  // exposed people) until it changes, instead of summing again every day.
  std::uint64_t cell_index_version = 0;

  std::uint64_t initial_agents = 0;  // agents at the start (conservation bookkeeping)

  // What a mechanism alone changes is its own (e.g. M11's impartiality and resentment, M6's memory
  // of abuses); this struct holds what several mechanisms change or read. Checkpoints save all of
  // it, the fixed parts too (they are small beside the people).
  bool operator==(const State&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }

  [[nodiscard]] std::size_t actor_count() const { return groups.size() + 1; }
  [[nodiscard]] Group& group(ActorIndex a) { return groups[a - 1]; }
  [[nodiscard]] const Group& group(ActorIndex a) const { return groups[a - 1]; }
  // The event data's name of an actor at place p: the state's side is named by the state p lies in.
  [[nodiscard]] std::string actor_name(ActorIndex a, PlaceIndex p) const;
  // The state a place lies in; a place outside the theatre counts as the first state's.
  [[nodiscard]] Country& country_of(PlaceIndex p) { return countries[host_index(p)]; }
  [[nodiscard]] const Country& country_of(PlaceIndex p) const { return countries[host_index(p)]; }
  [[nodiscard]] CountryIndex host_index(PlaceIndex p) const {
    return places[p].in_theatre && places[p].host < countries.size() ? places[p].host : CountryIndex{0};
  }
  // The state region r belongs to (the first if the state was built without the map, as in tests).
  [[nodiscard]] CountryIndex country_of_region(std::size_t r) const {
    return r < region_country.size() ? region_country[r] : CountryIndex{0};
  }
  // The event data's name for the civilians at place p (those of the state it lies in).
  [[nodiscard]] const std::string& civilians_name(PlaceIndex p) const {
    return country_of(p).civilians_event_name;
  }
  // The capital of the first state (by region order) with a region in the mask; the first state's if
  // none: where a force with no station or hub of its own is based.
  [[nodiscard]] PlaceIndex capital_for(std::uint32_t region_mask) const;

  // The armed group with this id (as the scenario names it), or kNoActor.
  [[nodiscard]] ActorIndex actor_of(const std::string& id) const;
  // The group (by index) that holds group g's fighters today: g itself, or the end of the chain of
  // mergers g went into.
  [[nodiscard]] std::size_t heir_of(std::size_t g) const;
  [[nodiscard]] bool are_hostile(ActorIndex a, ActorIndex b) const { return hostile[a][b] != 0; }
  // Whether a group hostile to the state's side holds the place (M4 retakes it; M7's people fear it).
  [[nodiscard]] bool held_by_enemy(const Place& place) const {
    return place.controller != kState && are_hostile(kState, place.controller);
  }
  // The state side's effective strength at a place: army and foreign troops times capability.
  [[nodiscard]] double state_power(PlaceIndex p) const;
  [[nodiscard]] double state_people(PlaceIndex p) const { return places[p].army + places[p].foreign; }
  // Group g's fighters in region r: dispersed there and holding its towns in the theatre (people).
  [[nodiscard]] double fighters_in(const Group& g, std::size_t r) const;
  // The fighters of every armed group, wherever they are (people).
  [[nodiscard]] double fighters_total() const;
  void rebuild_cell_index();
  // Recomputes each place's foreign, peacekeepers and foreign_power from the forces' positions.
  void refresh_foreign();
  // The nearest town by road held by `actor`, other than p (kNoPlace if none is reachable).
  [[nodiscard]] PlaceIndex nearest_held(PlaceIndex p, ActorIndex actor) const;
};

}  // namespace peacesim::mechanisms::conflict
