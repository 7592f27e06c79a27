// A small hand-built theatre for the unit tests of the conflict mechanisms (M1-M8, M11, M13):
// three towns of Mali in two regions and one camp abroad, people agents in cells sorted by place,
// two armed groups, an offensive operation and a UN operation, the army, and everything a
// mechanism needs around the state (recorder with regions, event log, people operations, context).
//
//   place 0 Bamako   (region 0 "Bamako", the capital)  weight 3   army 1000
//   place 1 Gao      (region 1 "Gao")                  weight 2   army  300
//   place 2 Ansongo  (region 1 "Gao")                  weight 1   army  100
//   place 3 Mbera    (camp in Mauritania, not in Mali)
//   roads: Bamako-Gao 1200 km, Gao-Ansongo 100 km, Gao-Mbera 800 km (distances: shortest paths)
//
//   cells 0,1 -> Bamako (region 0), cells 2,3 -> Gao (region 1), cell 4 -> Ansongo (region 1)
//   people: `agents_per_town` agents per town; community 0 in Bamako; in the Gao region, even
//   agents community 1 and odd agents community 2.
//
//   actor 1 "MNLA" (separatist, community 1, region 1), actor 2 "MUJAO" (jihadist, community 2,
//   region 1): both hostile to the state, not to each other; no fighters at first (their
//   dispersed pools are by region, State::community_threat and M6's memories by community 0-2).
//   force 0 "Operation Serval" (offensive, capability 2, area region 1, station Bamako, strength 0)
//   force 1 "MINUSMA" (UN, protects civilians, area region 1, station Gao, strength 0)
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../monthly_flows.hpp"
#include "engine/random.hpp"
#include "engine/recorder.hpp"
#include "mechanisms/civilians/civilians.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/conflict/people_ops.hpp"
#include "mechanisms/conflict/state.hpp"
#include "mechanisms/events/event_log.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/peace_process/peace_process.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::conflict::testing {

inline constexpr PlaceIndex kBamako = 0;
inline constexpr PlaceIndex kGao = 1;
inline constexpr PlaceIndex kAnsongo = 2;
inline constexpr PlaceIndex kMbera = 3;
inline constexpr ActorIndex kMnla = 1;
inline constexpr ActorIndex kMujao = 2;
inline constexpr std::size_t kServal = 0;
inline constexpr std::size_t kCommunities = 3;
inline constexpr std::size_t kMinusma = 1;
// The state's regions (index into State::regions, Group::dispersed).
inline constexpr std::size_t kRegionOfBamako = 0;
inline constexpr std::size_t kRegionOfGao = 1;
// Recorder regions: 0 = Mali, 1 + r = region r.
inline constexpr engine::RegionIndex kMali = 0;
inline constexpr engine::RegionIndex kBamakoRegion = 1;
inline constexpr engine::RegionIndex kGaoRegion = 2;

struct Options {
  double people_per_agent = 10.0;
  std::uint32_t agents_per_town = 200;
  std::uint64_t seed = 1;
};

class World {
 public:
  explicit World(Options options = {}) : random(options.seed) {
    build(options);
    recorder.set_regions({"Mali", "Bamako", "Gao"});
    log.declare(recorder);
    casualty_series = {
        recorder.declare(
            {"casualties_army", "people", "army", engine::SeriesKind::Flow, engine::Cadence::Monthly}),
        recorder.declare(
            {"casualties_serval", "people", "serval", engine::SeriesKind::Flow, engine::Cadence::Monthly}),
        recorder.declare(
            {"casualties_minusma", "people", "minusma", engine::SeriesKind::Flow, engine::Cadence::Monthly}),
    };
    ops.emplace(state);
    context.emplace(Context{random, recorder, log, *ops, casualty_series, 1});
  }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  State state;
  // The mechanisms' own states that others read (M6's memory, M11's perceptions, M10's outcomes).
  civilians::Memory memory;
  perceptions::State perceived;
  peace_process::State peace;
  engine::RandomStreams random;
  engine::Recorder recorder;
  events::EventLog log;
  std::vector<engine::SeriesId> casualty_series;
  std::optional<PeopleOps> ops;
  std::optional<Context> context;

  Context& ctx() { return *context; }
  // What M1 reads from the other mechanisms.
  grievance::Inputs m1_inputs() const {
    return {memory.abuses_by_state, memory.abuses_by_groups, perceived.resentment,
            peace.included_communities};
  }
  Group& group(ActorIndex a) { return state.group(a); }
  Force& force(std::size_t f) { return state.forces[f]; }

  // Closes the monthly period and returns the flows by series name and recorder region.
  std::map<std::string, std::vector<double>> close() {
    return mechanisms::testing::close_month(recorder, state.day, state.date);
  }

  // Enlists `agents` residents of group a's communities in its regions (the first found), who join
  // the dispersed pool of the region they live in, and moves their people from that pool to `at`
  // unless at == kNoPlace (from at's region first).
  void give_fighters(ActorIndex a, std::size_t agents, PlaceIndex at = kNoPlace) {
    std::size_t given = 0;
    for (std::uint32_t i = 0; i < state.people.size() && given < agents; ++i) {
      if (state.people.status[i] != Status::Resident) continue;
      const Cell& cell = state.cells[state.people.cell[i]];
      if (((group(a).regions >> cell.region) & 1u) == 0) continue;
      if (((group(a).communities >> state.people.community[i]) & 1u) == 0) continue;
      ops->enlist(state, i, a);
      ++given;
    }
    ASSERT_EQ(given, agents) << "not enough residents to enlist";
    if (at != kNoPlace) {
      const double moved = static_cast<double>(agents) * state.people.people_per_agent;
      ASSERT_DOUBLE_EQ(group(a).take_dispersed_in(state.places[at].region, moved, true), moved);
      group(a).at_place[at] += moved;
    }
  }

  // Replaces the armed groups (actors 1, 2, ... in this order), each sized to the world's places
  // and regions with no fighters, all hostile to the state and not to each other; the people
  // operations follow (the context keeps referring to them).
  void set_groups(std::vector<Group> groups) {
    for (auto& g : groups) {
      g.at_place.assign(state.places.size(), 0.0);
      g.dispersed.assign(state.regions.size(), 0.0);
      g.fighters.clear();
    }
    state.groups = std::move(groups);
    const std::size_t n = state.actor_count();
    state.hostile.assign(n, std::vector<std::uint8_t>(n, 0));
    for (std::size_t a = 1; a < n; ++a) state.hostile[0][a] = state.hostile[a][0] = 1;
    ops.emplace(state);
  }

  // Makes groups a and b hostile to each other (or not).
  void set_hostile(ActorIndex a, ActorIndex b, bool hostile = true) {
    state.hostile[a][b] = state.hostile[b][a] = hostile ? 1 : 0;
  }

  // Group a's dispersed fighters in region r (people).
  double dispersed(ActorIndex a, std::size_t r) { return group(a).dispersed.at(r); }

  std::size_t count(Status s) const {
    std::size_t n = 0;
    for (const Status x : state.people.status) n += x == s ? 1 : 0;
    return n;
  }

  // Agents with status s living around place p.
  std::size_t count_at(PlaceIndex p, Status s) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < state.people.size(); ++i) {
      if (state.cells[state.people.cell[i]].place == p && state.people.status[i] == s) ++n;
    }
    return n;
  }

  double army_everywhere() const {
    double a = 0.0;
    for (const Place& p : state.places) a += p.army;
    return a;
  }

  // Events recorded so far with the given ACLED type (and sub-type, if not empty).
  std::vector<engine::Event> events(const std::string& type, const std::string& sub_type = "") const {
    std::vector<engine::Event> out;
    for (const auto& e : recorder.events()) {
      if (e.event_type == type && (sub_type.empty() || e.sub_event_type == sub_type)) out.push_back(e);
    }
    return out;
  }

  int fatalities_in_events() const {
    int f = 0;
    for (const auto& e : recorder.events()) f += e.fatalities;
    return f;
  }

 private:
  static Place town(std::string id, std::string name, std::uint16_t region, std::string admin1, double lat,
                    double lon, double weight, double army) {
    Place p;
    p.id = std::move(id);
    p.name = std::move(name);
    p.kind = PlaceKind::Town;
    p.in_theatre = true;
    p.region = region;
    p.admin1 = std::move(admin1);
    p.admin2 = p.name;
    p.country = "Mali";
    p.lat = lat;
    p.lon = lon;
    p.weight = weight;
    p.army = army;
    return p;
  }

  void build(const Options& options) {
    State& s = state;
    s.date = engine::Date(2012, 3, 1);
    s.day = 0;
    s.regions = {"Bamako", "Gao"};
    s.places.push_back(town("bamako", "Bamako", 0, "Bamako", 12.65, -8.0, 3.0, 1000.0));
    s.places.push_back(town("gao", "Gao", 1, "Gao", 16.27, -0.04, 2.0, 300.0));
    s.places.push_back(town("ansongo", "Ansongo", 1, "Gao", 15.66, 0.50, 1.0, 100.0));
    Place camp;
    camp.id = "mbera";
    camp.name = "Mbera";
    camp.kind = PlaceKind::Camp;
    camp.in_theatre = false;
    camp.country = "Mauritania";
    camp.lat = 15.85;
    camp.lon = -5.68;
    camp.state_authority = 0.5;
    s.places.push_back(camp);

    s.neighbours = {{kGao}, {kBamako, kAnsongo, kMbera}, {kGao}, {kGao}};
    s.road_km = {{0, 1200, 1300, 2000}, {1200, 0, 100, 800}, {1300, 100, 0, 900}, {2000, 800, 900, 0}};

    auto cell = [](std::uint16_t region, PlaceIndex place, double lat, double lon) {
      Cell c;
      c.region = region;
      c.place = place;
      c.lat = lat;
      c.lon = lon;
      return c;
    };
    s.cells = {cell(0, kBamako, 12.6, -8.1), cell(0, kBamako, 12.7, -7.9), cell(1, kGao, 16.2, -0.1),
               cell(1, kGao, 16.3, 0.0), cell(1, kAnsongo, 15.7, 0.5)};

    s.people.people_per_agent = options.people_per_agent;
    const std::vector<std::vector<std::uint16_t>> cells_of = {{0, 1}, {2, 3}, {4}};
    for (std::size_t p = 0; p < cells_of.size(); ++p) {
      for (std::uint32_t n = 0; n < options.agents_per_town; ++n) {
        const std::uint16_t c = cells_of[p][n % cells_of[p].size()];
        const auto community = static_cast<std::uint8_t>(p == 0 ? 0 : 1 + n % 2);
        const std::uint32_t i = s.people.add(c, community, 0);
        s.people.hardship[i] = 128;
        s.people.risk_aversion[i] = 128;
        s.people.legitimacy[i] = 128;
      }
    }
    s.initial_agents = s.people.size();

    Group mnla;
    mnla.id = "mnla";
    mnla.name = "MNLA";
    mnla.kind = GroupKind::Separatist;
    mnla.communities = 1u << 1;
    mnla.regions = 1u << 1;
    mnla.offensive_regions = 1u << 1;
    mnla.active = true;
    mnla.at_place.assign(s.places.size(), 0.0);
    mnla.dispersed.assign(s.regions.size(), 0.0);
    Group mujao = mnla;
    mujao.id = "mujao";
    mujao.name = "MUJAO";
    mujao.kind = GroupKind::Jihadist;
    mujao.communities = 1u << 2;
    s.groups = {mnla, mujao};
    s.hostile = {{0, 1, 1}, {1, 0, 0}, {1, 0, 0}};

    Force serval;
    serval.id = "serval";
    serval.name = "Operation Serval";
    serval.offensive = true;
    serval.capability = 2.0;
    serval.regions = 1u << 1;
    serval.at_place.assign(s.places.size(), 0.0);
    serval.station.assign(s.places.size(), 0.0);
    serval.station[kBamako] = 1.0;
    Force minusma;
    minusma.id = "minusma";
    minusma.name = "MINUSMA";
    minusma.un = true;
    minusma.protects_civilians = true;
    minusma.regions = 1u << 1;
    minusma.at_place.assign(s.places.size(), 0.0);
    minusma.station.assign(s.places.size(), 0.0);
    minusma.station[kGao] = 1.0;
    s.forces = {serval, minusma};

    conflict::Country mali;
    mali.code = "MLI";
    mali.name = "Mali";
    mali.army_capability = 0.5;
    mali.army_morale = 1.0;
    mali.army_total = 1400.0;
    mali.army_establishment = 1400.0;
    mali.capital = kBamako;
    mali.forces_event_name = "Military Forces of Mali";  // the names a scenario gives (state.army.event_name)
    mali.civilians_event_name = "Civilians (Mali)";
    s.countries = {mali};
    s.region_country.assign(s.regions.size(), 0);
    perceived.resentment.assign(s.regions.size(), 0.0);
    s.community_threat.assign(kCommunities, std::vector<double>(s.regions.size(), 0.0));
    memory.abuses_by_state.assign(kCommunities, std::vector<double>(s.regions.size(), 0.0));
    memory.abuses_by_groups.assign(kCommunities, std::vector<double>(s.regions.size(), 0.0));
    peace.authority_bonus.assign(s.places.size(), 0.0);
    s.rebuild_cell_index();
    s.refresh_foreign();
  }
};

}  // namespace peacesim::mechanisms::conflict::testing
