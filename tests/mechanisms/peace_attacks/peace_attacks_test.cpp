// M16 Attacks on peace operations: exposure (camps and convoy-km on the supply roads), lethality
// (learning and protection), attacks only where hostile fighters are, deaths counted in the camps'
// regions, and M3 leaving UN troops to M16 while it runs (its switch restores M3's attacks on them).
//
// A small theatre of its own (not tests/mechanisms/conflict/fixture.hpp, so that this file builds on
// its own):
//
//   region 0 "South": place 0 Capital
//   region 1 "North": place 1 Hubtown (the UN's logistics hub), place 2 Near
//   region 2 "East":  place 3 Midway, place 4 Far
//   roads: Capital-Hubtown 1000 km, Hubtown-Near 100, Hubtown-Midway 200, Midway-Far 150
//   actor 1 "Cell" (jihadist, every region, hostile to the state), actor 2 "Militia"
//   (pro-government, every region); force 0 "Blue helmets" (UN), force 1 "Partner" (not UN).
#include "mechanisms/peace_attacks/peace_attacks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../monthly_flows.hpp"
#include "engine/calendar.hpp"
#include "engine/parameters.hpp"
#include "engine/random.hpp"
#include "engine/recorder.hpp"
#include "mechanisms/combat/combat.hpp"
#include "mechanisms/conflict/module.hpp"
#include "mechanisms/events/event_log.hpp"
#include "mechanisms/group_strategy/group_strategy.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::peace_attacks {
namespace {

using conflict::PlaceIndex;

constexpr PlaceIndex kCapital = 0, kHubtown = 1, kNear = 2, kMidway = 3, kFar = 4;
constexpr conflict::ActorIndex kCell = 1, kMilitia = 2;
constexpr std::size_t kBlue = 0, kPartner = 1;
constexpr std::size_t kSouth = 0, kNorth = 1, kEast = 2;

conflict::State theatre() {
  conflict::State s;
  s.date = engine::Date(2014, 1, 1);
  s.regions = {"South", "North", "East"};
  const std::vector<std::pair<std::string, std::uint16_t>> towns = {
      {"Capital", 0}, {"Hubtown", 1}, {"Near", 1}, {"Midway", 2}, {"Far", 2}};
  for (const auto& [name, region] : towns) {
    conflict::Place p;
    p.id = name;
    p.name = name;
    p.region = region;
    p.admin1 = s.regions[region];
    p.admin2 = name;
    s.places.push_back(p);
  }
  const std::size_t n = s.places.size();
  const double far = std::numeric_limits<double>::infinity();
  s.road_km.assign(n, std::vector<double>(n, far));
  for (std::size_t i = 0; i < n; ++i) s.road_km[i][i] = 0.0;
  auto edge = [&](PlaceIndex a, PlaceIndex b, double km) { s.road_km[a][b] = s.road_km[b][a] = km; };
  edge(kCapital, kHubtown, 1000);
  edge(kHubtown, kNear, 100);
  edge(kHubtown, kMidway, 200);
  edge(kMidway, kFar, 150);
  for (std::size_t k = 0; k < n; ++k) {  // shortest paths (Floyd-Warshall)
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j)
        s.road_km[i][j] = std::min(s.road_km[i][j], s.road_km[i][k] + s.road_km[k][j]);
    }
  }
  conflict::Group cell;
  cell.id = "cell";
  cell.name = "Cell";
  cell.kind = conflict::GroupKind::Jihadist;
  cell.regions = 0b111;
  cell.active = true;
  cell.at_place.assign(n, 0.0);
  cell.dispersed.assign(s.regions.size(), 0.0);
  conflict::Group militia = cell;
  militia.id = "militia";
  militia.name = "Militia";
  militia.kind = conflict::GroupKind::ProGovernment;
  s.groups = {cell, militia};
  s.hostile = {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}};
  conflict::Force blue;
  blue.id = "blue";
  blue.name = "Blue helmets";
  blue.un = true;
  blue.at_place.assign(n, 0.0);
  blue.station.assign(n, 0.0);
  conflict::Force partner = blue;
  partner.id = "partner";
  partner.name = "Partner";
  partner.un = false;
  s.forces = {blue, partner};
  s.countries.resize(1);
  s.countries[0].capital = kCapital;
  s.rebuild_cell_index();
  return s;
}

// Rates high enough that a few hundred days show what a test asks.
Params busy() {
  Params p;
  p.convoy_rate = 5.0;
  p.fire_rate = 0.05;
  p.assault_rate = 0.05;
  return p;
}

const Supply kHub{{Hub{kBlue, kHubtown}}};

// The theatre with everything M16 needs around it: recorder, event log, people operations.
struct World {
  explicit World(std::uint64_t seed = 1) : random(seed) {
    recorder.set_regions({"all", "South", "North", "East"});
    log.declare(recorder);
    for (const std::string id : {"army", "blue", "partner"}) {
      casualties.push_back(recorder.declare(
          {"casualties_" + id, "people", id, engine::SeriesKind::Flow, engine::Cadence::Monthly}));
    }
    attacks = recorder.declare(
        {"peacekeeper_attacks", "attacks", "attacks", engine::SeriesKind::Flow, engine::Cadence::Monthly});
    ops.emplace(state);
    context.emplace(conflict::Context{random, recorder, log, *ops, casualties, 1});
    record.reset(state.forces.size(), state.places.size(), state.regions.size());
  }
  conflict::State state = theatre();
  engine::RandomStreams random;
  engine::Recorder recorder;
  events::EventLog log;
  std::vector<engine::SeriesId> casualties;
  engine::SeriesId attacks = 0;
  std::optional<conflict::PeopleOps> ops;
  std::optional<conflict::Context> context;
  Record record;

  conflict::Force& blue() { return state.forces[kBlue]; }
  void camp(PlaceIndex p, double troops) {
    blue().at_place[p] = troops;
    blue().strength = 0.0;
    for (const double x : blue().at_place) blue().strength += x;
  }
  // Runs M16 for `days` days from day 0, with UN impartiality 1.
  void run(const Params& params, int days, const Supply& supply = kHub) {
    const engine::Date start = state.date;
    for (int d = 0; d < days; ++d) {
      state.day = d;
      state.date = start.plus_days(d);
      day(state, *context, params, supply, 1.0, record, attacks);
    }
  }
  // The monthly flows so far, by series name and recorder region (0 all, 1 + r region r).
  std::map<std::string, std::vector<double>> close() {
    return mechanisms::testing::close_month(recorder, state.day, state.date);
  }
  std::size_t events_in(const std::string& admin1) const {
    return static_cast<std::size_t>(
        std::count_if(recorder.events().begin(), recorder.events().end(),
                      [&](const engine::Event& e) { return e.admin1 == admin1; }));
  }
  std::size_t events_of(const std::string& sub_type) const {
    return static_cast<std::size_t>(
        std::count_if(recorder.events().begin(), recorder.events().end(),
                      [&](const engine::Event& e) { return e.sub_event_type == sub_type; }));
  }
};

double total(const std::vector<double>& v) {
  double t = 0.0;
  for (const double x : v) t += x;
  return t;
}

TEST(PeaceAttacksMechanism, ExposureGrowsWithConvoyKmAndCamps) {
  World w;
  const Params params;
  // A camp at the hub itself: one camp, no road.
  w.camp(kHubtown, 1000);
  Exposure x = exposure(w.state, kHub, params);
  ASSERT_EQ(x.camps.size(), 1u);
  EXPECT_EQ(x.camps[0].hub, kHubtown);
  EXPECT_DOUBLE_EQ(total(x.convoy_km), 0.0);
  EXPECT_DOUBLE_EQ(x.camps_in[kNorth], 1.0);

  // 500 more at Near, 100 km away: 2 · convoys · 500 / 1000 · 100 convoy-km a day, all in the North.
  w.camp(kNear, 500);
  x = exposure(w.state, kHub, params);
  EXPECT_EQ(x.camps.size(), 2u);
  EXPECT_DOUBLE_EQ(x.camps_in[kNorth], 2.0);
  const double trips = params.convoys * 500 / 1000.0;
  EXPECT_NEAR(x.convoy_km[kNorth], 2 * trips * 100, 1e-9);

  // The same troops at Far, 350 km away by Midway: more convoy-km, split along the road (Hubtown
  // 100 km in the North; Midway 100 + 75 and Far 75 in the East).
  w.blue().at_place[kNear] = 0.0;
  w.camp(kFar, 500);
  x = exposure(w.state, kHub, params);
  EXPECT_NEAR(total(x.convoy_km), 2 * trips * 350, 1e-9);
  EXPECT_NEAR(x.convoy_km[kNorth], 2 * trips * 100, 1e-9);
  EXPECT_NEAR(x.convoy_km[kEast], 2 * trips * 250, 1e-9);
  EXPECT_DOUBLE_EQ(x.camps_in[kEast], 1.0);
  EXPECT_DOUBLE_EQ(x.camps_in[kSouth], 0.0);

  // Twice the troops, twice the convoys.
  w.camp(kFar, 1000);
  EXPECT_NEAR(total(exposure(w.state, kHub, params).convoy_km), 4 * trips * 350, 1e-9);

  // Forces that are not UN are not exposed to M16.
  w.state.forces[kPartner].at_place[kMidway] = 800;
  w.state.forces[kPartner].strength = 800;
  EXPECT_EQ(exposure(w.state, kHub, params).camps.size(), 2u);

  // With no hub given, convoys start from the capital.
  EXPECT_GT(total(exposure(w.state, Supply{}, params).convoy_km),
            total(exposure(w.state, kHub, params).convoy_km));
}

TEST(PeaceAttacksMechanism, MoreExposureMeansMoreAttacks) {
  auto attacks_with = [](PlaceIndex camp) {
    World w;
    w.state.groups[kCell - 1].dispersed = {0.0, 500.0, 500.0};
    w.camp(camp, 1000);
    Params params = busy();
    params.fire_rate = params.assault_rate = 0.0;  // convoys only
    w.run(params, 400);
    return w.events_of("Remote explosive/landmine/IED") + w.events_of("Armed clash");
  };
  const std::size_t near = attacks_with(kNear);  // 100 km of road
  const std::size_t far = attacks_with(kFar);    // 350 km
  EXPECT_GT(near, 0u);
  EXPECT_GT(far, 2 * near);
}

TEST(PeaceAttacksMechanism, LethalityRisesWithExperienceAndFallsWithProtection) {
  const Params p;
  EXPECT_DOUBLE_EQ(lethality(p, 0.0, 0.0), 1.0);
  EXPECT_GT(lethality(p, 5.0, 0.0), lethality(p, 0.0, 0.0));
  EXPECT_GT(lethality(p, 50.0, 0.0), lethality(p, 5.0, 0.0));
  EXPECT_NEAR(lethality(p, 1e9, 0.0), 1.0 + p.learning_gain, 1e-9);
  EXPECT_LT(lethality(p, 0.0, 100.0), lethality(p, 0.0, 0.0));
  EXPECT_LT(lethality(p, 0.0, 1000.0), lethality(p, 0.0, 100.0));
  EXPECT_NEAR(lethality(p, 0.0, 1e9), p.protection_floor, 1e-9);

  // In the mechanism: the same attacks kill more where the attackers are experienced, fewer where
  // the camp has been protecting itself for years.
  auto dead = [](double experience, std::int32_t opened) {
    World w;
    w.state.groups[kCell - 1].dispersed = {0.0, 500.0, 0.0};
    w.camp(kNear, 1000);
    Params params = busy();
    params.experience_days = 1e9;    // no fading within the test
    params.learning_attacks = 1000;  // and no learning from the test's own few attacks
    w.record.experience[kNorth] = experience;
    w.record.opened[kBlue * w.record.places + kNear] = opened;
    w.record.deployed[kBlue] = opened;
    w.run(params, 300);
    return w.blue().lost;
  };
  // The same seed draws the same attacks in all three runs (the rates do not depend on lethality),
  // so the comparison is attack by attack.
  const double green = dead(0.0, 0);
  EXPECT_GT(green, 0.0);
  EXPECT_GT(dead(1e5, 0), 1.5 * green);      // learning doubles the mean
  EXPECT_LT(dead(0.0, -3650), 0.6 * green);  // protection 0.3 against 0.6-1 while the camp is new
}

TEST(PeaceAttacksMechanism, AttacksNeedHostileFightersInTheRegion) {
  // The camp and its whole road are in the North.
  auto attacks_with = [](std::vector<double> cell, std::vector<double> militia) {
    World w;
    w.state.groups[kCell - 1].dispersed = std::move(cell);
    w.state.groups[kMilitia - 1].dispersed = std::move(militia);
    w.camp(kNear, 1000);
    w.run(busy(), 300);
    return std::pair{w.recorder.events().size(), w.blue().lost};
  };
  // Hostile fighters elsewhere and militia fighters (not hostile to the state) here: nothing.
  const auto none = attacks_with({2000.0, 0.0, 2000.0}, {0.0, 2000.0, 0.0});
  EXPECT_EQ(none.first, 0u);
  EXPECT_EQ(none.second, 0.0);
  // Hostile fighters in the North: attacks and dead.
  const auto some = attacks_with({0.0, 300.0, 0.0}, {0.0, 0.0, 0.0});
  EXPECT_GT(some.first, 0u);
  EXPECT_GT(some.second, 0.0);
  // A group at peace with the state does not attack.
  World w;
  w.state.groups[kCell - 1].dispersed = {0.0, 2000.0, 0.0};
  w.state.hostile[kCell][conflict::kState] = w.state.hostile[conflict::kState][kCell] = 0;
  w.camp(kNear, 1000);
  w.run(busy(), 300);
  EXPECT_EQ(w.recorder.events().size(), 0u);
}

TEST(PeaceAttacksMechanism, UnDeathsLandInTheCampsRegions) {
  World w;
  w.state.groups[kCell - 1].dispersed = {500.0, 500.0, 500.0};
  w.camp(kFar, 1000);  // its road from Hubtown crosses the North and the East
  w.run(busy(), 200);
  const auto flows = w.close();
  const auto& blue = flows.at("casualties_blue");
  EXPECT_GT(blue[1 + kEast], 0.0);
  EXPECT_EQ(blue[1 + kNorth], 0.0);
  EXPECT_EQ(blue[1 + kSouth], 0.0);
  EXPECT_DOUBLE_EQ(blue[0], blue[1 + kEast]);
  EXPECT_DOUBLE_EQ(blue[0], w.blue().lost);
  // Convoys were hit on the North's stretch of the road too: there the events are, not the dead.
  EXPECT_GT(w.events_in("North"), 0u);
  EXPECT_EQ(w.events_in("South"), 0u);  // no road and no camp there
  // Every attack is counted where it happened, and in the national total.
  const auto& attacks = flows.at("peacekeeper_attacks");
  EXPECT_DOUBLE_EQ(attacks[0], static_cast<double>(w.recorder.events().size()));
  EXPECT_DOUBLE_EQ(attacks[1 + kNorth], static_cast<double>(w.events_in("North")));
  // The army and the other forces lose nobody to M16.
  EXPECT_EQ(flows.at("casualties_army")[0], 0.0);
  EXPECT_EQ(flows.at("casualties_partner")[0], 0.0);
}

TEST(PeaceAttacksMechanism, EventsFollowAcledsSchema) {
  World w;
  w.state.groups[kCell - 1].dispersed = {0.0, 1000.0, 0.0};
  w.camp(kNear, 1000);
  w.run(busy(), 300);
  EXPECT_GT(w.events_of("Remote explosive/landmine/IED"), 0u);
  EXPECT_GT(w.events_of("Shelling/artillery/missile attack"), 0u);
  EXPECT_GT(w.events_of("Armed clash"), 0u);
  for (const auto& e : w.recorder.events()) {
    EXPECT_EQ(e.actor1, "Cell");
    EXPECT_EQ(e.actor2, "Blue helmets");
    EXPECT_EQ(e.event_type, e.sub_event_type == "Armed clash" ? "Battles" : "Explosions/Remote violence");
  }
  EXPECT_GT(w.record.experience[kNorth], 0.0);  // the attackers learn
}

// M3 and M16 wired as in a model, through their modules: off, M16 leaves M3 to attack UN troops
// as before; on, M3 leaves them to M16.
double un_dead_with_m3(bool m16_on) {
  conflict::State state = theatre();
  state.groups[kCell - 1].dispersed = {0.0, 500.0, 0.0};
  state.forces[kBlue].at_place[kNear] = 1000.0;  // the North's only troops
  state.forces[kBlue].strength = 1000.0;
  state.refresh_foreign();
  const std::vector<const conflict::Module*> modules{&events::module(), &perceptions::module(),
                                                     &combat::module(), &group_strategy::module(), &module()};
  engine::ParameterSet parameters(conflict::parameter_specs(modules));
  parameters.set("peace_attacks_enabled", m16_on ? 1.0 : 0.0, {"test", ""});
  parameters.set("strategy_attack_rate", 0.2, {"test", ""});
  for (const std::string rate :
       {"peace_attacks_convoy_rate", "peace_attacks_fire_rate", "peace_attacks_assault_rate"})
    parameters.set(rate, 0.0, {"test", ""});  // M16 itself attacks nobody: only M3 could
  conflict::Registry r(state, parameters);
  r.begin("inputs");
  r.provide(kHub);
  for (const auto* m : modules) r.install(*m);
  r.finish();
  engine::Recorder recorder;
  recorder.set_regions({"all", "South", "North", "East"});
  r.declare_outputs(recorder);
  const auto systems =
      r.systems({"M3 group strategy", "M16 attacks on peace operations", "M5 combat", "M11 perceptions"});
  const engine::Clock clock(state.date, state.date.plus_days(100));
  const engine::RandomStreams random(3);
  const engine::Date start = state.date;
  for (int d = 0; d < 100; ++d) {
    state.day = d;
    state.date = start.plus_days(d);
    engine::StepContext c{clock, random, recorder, 1};
    for (const auto& s : systems) {
      if (s.name == "M3 group strategy" || s.name == "M16 attacks on peace operations") s.run(c);
    }
  }
  return state.forces[kBlue].lost;
}

TEST(PeaceAttacksMechanism, SwitchedOffM3AttacksUnTroopsAsBefore) {
  EXPECT_GT(un_dead_with_m3(false), 0.0);
  EXPECT_EQ(un_dead_with_m3(true), 0.0);
}

}  // namespace
}  // namespace peacesim::mechanisms::peace_attacks
