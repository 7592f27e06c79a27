// M4 Force employment: stations (manned from the capital while their town is not held), the
// offensive force's march on the best enemy-held town (its plan's objectives first) at speed_km a
// day, captures and garrisons, raids, and the army's training, coup shock and replenishment.
#include "mechanisms/force_employment/force_employment.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

const combat::Params kCombat{};

double sum(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return s;
}

// The north in the MNLA's hands, undefended unless a test puts fighters there.
void north_lost(World& w) {
  for (PlaceIndex p : {kGao, kAnsongo}) {
    w.state.places[p].controller = kMnla;
    w.state.places[p].army = 0.0;
  }
  w.state.countries[0].army_total = 1000.0;
  w.state.countries[0].army_establishment = 1000.0;
}

TEST(ForceEmploymentMechanism, StationsInTownsTheStateDoesNotHoldAreMannedFromTheCapital) {
  World w;
  w.force(kMinusma).strength = 1000.0;
  w.state.places[kGao].controller = kMnla;
  force_employment::Params params;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.force(kMinusma).at_place[kGao], 0.0);
  EXPECT_EQ(w.force(kMinusma).at_place[kBamako], 1000.0);
  EXPECT_EQ(w.state.places[kBamako].peacekeepers, 1000.0);
  EXPECT_EQ(w.state.places[kBamako].foreign_power, 1000.0);
  w.state.places[kGao].controller = kState;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.force(kMinusma).at_place[kGao], 1000.0);
  EXPECT_EQ(w.force(kMinusma).at_place[kBamako], 0.0);
  EXPECT_EQ(w.state.places[kGao].peacekeepers, 1000.0);
}

TEST(ForceEmploymentMechanism, OffensiveForceMovesOnTheBestScoringEnemyTown) {
  World w;
  north_lost(w);
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  force_employment::Params params;
  w.state.day = 5;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  // Gao: 2 / (1 + 1200/500) = 0.59 beats Ansongo: 1 / (1 + 1300/500) = 0.28.
  EXPECT_EQ(serval.target, kGao);
  EXPECT_EQ(serval.position, kGao);
  EXPECT_EQ(serval.arrival_day, 5 + 12);
  // The mobile element (0.6) is on the road; the rest stays at its station.
  EXPECT_DOUBLE_EQ(serval.at_place[kBamako], 800.0);
  EXPECT_DOUBLE_EQ(sum(serval.at_place), 800.0);
}

TEST(ForceEmploymentMechanism, PlanObjectivesComeFirst) {
  World w;
  north_lost(w);
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  serval.objectives = {kAnsongo};
  force_employment::employ(w.state, w.ctx(), {}, kCombat);
  EXPECT_EQ(serval.target, kAnsongo);
  EXPECT_EQ(serval.arrival_day, 13);  // ceil(1300 / 100)
}

TEST(ForceEmploymentMechanism, ArrivalAfterCeilKmOverSpeedThenCaptureAndGarrison) {
  World w;
  north_lost(w);
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  force_employment::Params params;
  params.speed_km = 70.0;  // ceil(1200 / 70) = 18 days
  for (int d = 0; d < 18; ++d) {
    w.state.day = d;
    force_employment::employ(w.state, w.ctx(), params, kCombat);
    ASSERT_EQ(w.state.places[kGao].controller, kMnla) << "day " << d;
  }
  EXPECT_EQ(serval.arrival_day, 18);
  w.state.day = 18;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.state.places[kGao].controller, kState);
  EXPECT_TRUE(w.state.battles.empty());
  EXPECT_EQ(serval.target, kNoPlace);
  // The army's reserve sends garrison_people.
  EXPECT_DOUBLE_EQ(w.state.places[kGao].army, 200.0);
  EXPECT_DOUBLE_EQ(w.state.places[kBamako].army, 800.0);
  // The column is in Gao.
  EXPECT_DOUBLE_EQ(serval.at_place[kGao], 1200.0);
  EXPECT_DOUBLE_EQ(w.state.places[kGao].foreign_power, 2400.0);
  const auto taken = w.events("Battles", "Government regains territory");
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].location, "Gao");
  EXPECT_EQ(taken[0].actor2, "MNLA");
  // Next it moves on Ansongo, 100 km from Gao: one day.
  w.state.day = 19;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(serval.target, kAnsongo);
  EXPECT_EQ(serval.arrival_day, 19 + 2);  // ceil(100 / 70)
}

TEST(ForceEmploymentMechanism, GarrisonNeverEmptiesTheReserve) {
  World w;
  north_lost(w);
  w.state.places[kBamako].army = 250.0;
  w.state.countries[0].army_total = w.state.countries[0].army_establishment = 250.0;
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  serval.target = kGao;
  serval.position = kGao;
  serval.arrival_day = 0;
  force_employment::employ(w.state, w.ctx(), {}, kCombat);
  EXPECT_EQ(w.state.places[kGao].controller, kState);
  EXPECT_DOUBLE_EQ(w.state.places[kGao].army, 50.0);  // min(200, 250 - 200)
  EXPECT_DOUBLE_EQ(w.state.places[kBamako].army, 200.0);
}

TEST(ForceEmploymentMechanism, DefendedTownIsAssaulted) {
  World w;
  north_lost(w);
  w.give_fighters(kMnla, 50, kGao);
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  serval.target = kGao;
  serval.position = kGao;
  serval.arrival_day = 3;
  w.state.day = 3;
  force_employment::employ(w.state, w.ctx(), {}, kCombat);
  EXPECT_EQ(w.state.places[kGao].controller, kMnla);
  ASSERT_EQ(w.state.battles.size(), 1u);
  const Battle& b = w.state.battles[0];
  EXPECT_EQ(b.place, kGao);
  EXPECT_EQ(b.attacker, kState);
  EXPECT_EQ(b.force, static_cast<int>(kServal));
  EXPECT_DOUBLE_EQ(b.attacker_start, 1200.0);
  EXPECT_DOUBLE_EQ(b.defender_start, 500.0);
}

// Regression (found by this suite, fixed in combat.cpp state_withdraws()): a column that
// withdraws from a battle it started must not reappear in the enemy town the next day.
TEST(ForceEmploymentMechanism, WithdrawnColumnDoesNotReturnToTheEnemyTownNextDay) {
  World w;
  w.state.places[kGao].controller = kMnla;
  w.state.places[kGao].army = 0.0;
  w.group(kMnla).at_place[kGao] = 5000.0;  // too strong to rout, too strong to break
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  serval.target = kGao;
  serval.position = kGao;
  serval.arrival_day = 0;
  combat::Params combat;
  combat.attrition = 1e-12;
  combat.max_days = 1;
  force_employment::employ(w.state, w.ctx(), {}, combat);
  ASSERT_EQ(w.state.battles.size(), 1u);
  combat::fight(w.state, w.ctx(), combat);  // undecided after max_days: the attacker withdraws
  ASSERT_TRUE(w.state.battles.empty());
  ASSERT_EQ(w.state.places[kGao].controller, kMnla);
  ASSERT_EQ(serval.at_place[kGao], 0.0);
  ASSERT_EQ(serval.at_place[kAnsongo], 1200.0);  // regrouped in the nearest state-held town
  w.state.day = 1;
  force_employment::employ(w.state, w.ctx(), {}, combat);
  EXPECT_EQ(serval.at_place[kGao], 0.0) << "the withdrawn column is back in enemy-held Gao";
}

TEST(ForceEmploymentMechanism, DisabledForcesStayAtTheirStations) {
  World w;
  north_lost(w);
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  force_employment::Params params;
  params.enabled = false;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(serval.target, kNoPlace);
  EXPECT_DOUBLE_EQ(serval.at_place[kBamako], 2000.0);
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_EQ(w.state.places[kGao].controller, kMnla);
}

TEST(ForceEmploymentMechanism, TrainingRaisesCapabilityTowardsTheCeiling) {
  World w;
  Force eutm;
  eutm.id = "eutm";
  eutm.name = "EUTM Mali";
  eutm.trains = true;
  eutm.strength = 500.0;
  eutm.at_place.assign(w.state.places.size(), 0.0);
  eutm.station.assign(w.state.places.size(), 0.0);
  eutm.station[kBamako] = 1.0;
  w.state.forces.push_back(eutm);
  force_employment::Params params;  // rate 0.002 for 500 trainers, ceiling 1
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.countries[0].army_capability, 0.5 + 0.002 * 1.0 * (1.0 - 0.5), 1e-12);
  w.state.forces.back().strength = 1000.0;
  const double c = w.state.countries[0].army_capability;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.countries[0].army_capability, c + 0.002 * 2.0 * (1.0 - c), 1e-12);
  // Training stops at the ceiling and never lowers a better army.
  w.state.countries[0].army_capability = 1.2;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.state.countries[0].army_capability, 1.2);
  // No trainers, no change.
  w.state.forces.pop_back();
  w.state.countries[0].army_capability = 0.5;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.state.countries[0].army_capability, 0.5);
}

TEST(ForceEmploymentMechanism, CoupShockAndRecovery) {
  World w;
  force_employment::Params params;  // shock 0.6, recovery 120 days
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.countries[0].army_morale, 1.0, 1e-12);  // no coup for ages
  w.state.countries[0].coup_day = 10;
  w.state.day = 10;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.countries[0].army_morale, 0.4, 1e-12);
  w.state.day = 130;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.countries[0].army_morale, 1.0 - 0.6 * std::exp(-1.0), 1e-12);
  // Morale scales the army's effective strength.
  EXPECT_NEAR(w.state.state_power(kGao), 300.0 * 0.5 * (1.0 - 0.6 * std::exp(-1.0)), 1e-9);
}

TEST(ForceEmploymentMechanism, LossesAreReplenishedIntoTheReserve) {
  World w;
  w.state.countries[0].army_establishment = 2000.0;  // 600 short
  force_employment::Params params;                   // 1/180 of the gap a day
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.countries[0].army_total, 1400.0 + 600.0 / 180.0, 1e-9);
  EXPECT_NEAR(w.state.places[kBamako].army, 1000.0 + 600.0 / 180.0, 1e-9);
  EXPECT_EQ(w.state.places[kGao].army, 300.0);
  // At establishment, nobody is recruited.
  w.state.countries[0].army_establishment = w.state.countries[0].army_total;
  const double reserve = w.state.places[kBamako].army;
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.state.places[kBamako].army, reserve);
}

// The plan (Bamako 0.5, Gao 0.3, Ansongo 0.2) with 1,000 troops all in Bamako.
void put_army_off_plan(World& w) {
  w.state.places[kBamako].army_plan = 0.5;
  w.state.places[kGao].army_plan = 0.3;
  w.state.places[kAnsongo].army_plan = 0.2;
  w.state.places[kBamako].army = 1000.0;
  w.state.places[kGao].army = 0.0;
  w.state.places[kAnsongo].army = 0.0;
  w.state.countries[0].army_total = 1000.0;
  w.state.countries[0].army_establishment = 1000.0;
}

TEST(ForceEmploymentMechanism, TheArmyReturnsToItsPlanInTheTownsItHolds) {
  // τ = 100 days: after one day each town has moved 1 − e^(−1/100) of the way to its planned share
  // of the troops; after 2,000 days it is there. No troops are made or lost.
  force_employment::Params params;
  params.redeploy_days = 100.0;
  World w;
  put_army_off_plan(w);
  force_employment::employ(w.state, w.ctx(), params, kCombat);
  const double step = 1.0 - std::exp(-1.0 / 100.0);
  EXPECT_NEAR(w.state.places[kGao].army, step * 300.0, 1e-9);
  EXPECT_NEAR(w.state.places[kAnsongo].army, step * 200.0, 1e-9);
  EXPECT_NEAR(w.state.places[kBamako].army, 1000.0 - step * 500.0, 1e-9);
  for (int d = 1; d < 2000; ++d) force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.places[kBamako].army, 500.0, 1e-3);
  EXPECT_NEAR(w.state.places[kGao].army, 300.0, 1e-3);
  EXPECT_NEAR(w.state.places[kAnsongo].army, 200.0, 1e-3);
  // τ = 0 (the default): nobody moves.
  World still;
  put_army_off_plan(still);
  force_employment::employ(still.state, still.ctx(), force_employment::Params{}, kCombat);
  EXPECT_EQ(still.state.places[kBamako].army, 1000.0);
  EXPECT_EQ(still.state.places[kGao].army, 0.0);
}

TEST(ForceEmploymentMechanism, TownsNotHeldOrUnderAssaultKeepTheirTroopsAndTheCapitalKeepsTheirShare) {
  // Ansongo lost: its share goes to the reserve in Bamako; Gao under assault: neither its troops nor
  // its share take part. Only Bamako is left, whose target is its own troops: nothing moves. (No
  // operation marches on Ansongo: their strengths are 0.)
  force_employment::Params params;
  params.redeploy_days = 10.0;
  World w;
  put_army_off_plan(w);
  w.state.places[kAnsongo].controller = kMnla;
  for (auto& f : w.state.forces) f.strength = 0.0;
  w.state.places[kBamako].army = 600.0;
  w.state.places[kGao].army = 400.0;
  Battle b;
  b.place = kGao;
  b.attacker = kMnla;
  b.defender = kState;
  w.state.battles.push_back(b);
  for (int d = 0; d < 50; ++d) force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_EQ(w.state.places[kGao].army, 400.0);
  EXPECT_EQ(w.state.places[kAnsongo].army, 0.0);
  EXPECT_NEAR(w.state.places[kBamako].army, 600.0, 1e-9);
  // The battle over, Gao and Bamako share their 1,000 as 0.3 to 0.7 (Bamako keeping Ansongo's 0.2).
  w.state.battles.clear();
  for (int d = 0; d < 500; ++d) force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.places[kGao].army, 300.0, 1e-3);
  EXPECT_NEAR(w.state.places[kBamako].army, 700.0, 1e-3);
  EXPECT_EQ(w.state.places[kAnsongo].army, 0.0);
}

TEST(ForceEmploymentMechanism, WithTheFrontALostTownsShareWaitsAtTheNearestTownHeld) {
  // Ansongo lost: with redeploy_to_front its 0.2 waits at Gao (100 km by road) rather than in
  // Bamako (1,300 km), so the 1,000 troops settle as Bamako 500, Gao 300 + 200.
  force_employment::Params params;
  params.redeploy_days = 10.0;
  params.redeploy_to_front = true;
  World w;
  put_army_off_plan(w);
  w.state.places[kAnsongo].controller = kMnla;
  for (auto& f : w.state.forces) f.strength = 0.0;
  for (int d = 0; d < 500; ++d) force_employment::employ(w.state, w.ctx(), params, kCombat);
  EXPECT_NEAR(w.state.places[kBamako].army, 500.0, 1e-3);
  EXPECT_NEAR(w.state.places[kGao].army, 500.0, 1e-3);
  EXPECT_EQ(w.state.places[kAnsongo].army, 0.0);
}

TEST(ForceEmploymentMechanism, RaidsHuntDispersedFightersInTheirRegions) {
  World w;
  w.give_fighters(kMnla, 100);  // 1000 dispersed in the Gao region
  auto& serval = w.force(kServal);
  serval.strength = 2000.0;
  serval.position = kGao;  // its column is in Gao; no town to take
  serval.arrival_day = 0;
  force_employment::Params params;
  params.raid_rate = 1.0;  // 1.28 raids a day: (1200 + 0.2 · 400) / 1000
  for (int d = 0; d < 30; ++d) {
    w.state.day = d;
    force_employment::employ(w.state, w.ctx(), params, kCombat);
  }
  const auto raids = w.events("Battles", "Armed clash");
  EXPECT_GT(raids.size(), 15u);
  EXPECT_LT(raids.size(), 70u);
  std::size_t by_serval = 0;
  for (const auto& e : raids) {
    EXPECT_EQ(e.actor2, "MNLA");
    EXPECT_NE(e.location, "Bamako");
    if (e.location == "Gao") {
      EXPECT_EQ(e.actor1, "Operation Serval");  // the force with most troops there leads
      EXPECT_EQ(e.interaction, 28);
      ++by_serval;
    } else {
      EXPECT_EQ(e.actor1, "Military Forces of Mali");
      EXPECT_EQ(e.interaction, 12);
    }
  }
  EXPECT_GT(by_serval, raids.size() / 2);
  EXPECT_LT(w.dispersed(kMnla, kRegionOfGao), 1000.0);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
