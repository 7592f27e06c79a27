// M2 Mobilization: arrest risk P_r = 1 − exp(−k C_r / (A_r + 1)) (thousands), the score
// G·affinity + pull − R·P against the threshold, the groups' capacity to absorb recruits
// (absorb_base + absorb_share · fighters, each eligible person joining with probability
// min(join_rate, capacity / eligible)), exogenous influxes, and desertion.
#include "mechanisms/mobilization/mobilization.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

// Everybody aggrieved (G = 1) and fearless (R = 0).
void radicalize(World& w) {
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    w.state.people.hardship[i] = 255;
    w.state.people.legitimacy[i] = 0;
    w.state.people.risk_aversion[i] = 0;
  }
}

mobilization::Params no_desertion() {
  mobilization::Params p;
  p.desert_rate = 0.0;
  return p;
}

std::size_t fighters_from(const World& w, ActorIndex g, PlaceIndex p) {
  std::size_t n = 0;
  for (const std::uint32_t i : w.state.group(g).fighters) {
    n += w.state.cells[w.state.people.cell[i]].place == p ? 1 : 0;
  }
  return n;
}

TEST(MobilizationMechanism, ArrestRiskByRegion) {
  World w;
  mobilization::Params params;       // k = 2.3
  w.give_fighters(kMnla, 50, kGao);  // 500 in Gao
  w.give_fighters(kMujao, 100);      // 1000 dispersed in region 1
  auto risk = mobilization::arrest_risk(w.state, params);
  ASSERT_EQ(risk.size(), 2u);
  EXPECT_NEAR(risk[0], 1.0 - std::exp(-2.3 * 1.0 / 1.0), 1e-12);          // 1000 soldiers, no fighters
  EXPECT_NEAR(risk[1], 1.0 - std::exp(-2.3 * 0.4 / (1.5 + 1.0)), 1e-12);  // 400 soldiers, 1500 fighters
  // Foreign troops count; troops abroad do not; dispersed fighters are shared among the regions.
  w.force(kMinusma).at_place[kGao] = 600.0;
  w.force(kMinusma).at_place[kMbera] = 5000.0;
  w.state.refresh_foreign();
  w.group(kMujao).regions = 0b11;
  risk = mobilization::arrest_risk(w.state, params);
  EXPECT_NEAR(risk[0], 1.0 - std::exp(-2.3 * 1.0 / (0.5 + 1.0)), 1e-12);
  EXPECT_NEAR(risk[1], 1.0 - std::exp(-2.3 * 1.0 / (1.0 + 1.0)), 1e-12);
}

TEST(MobilizationMechanism, NobodyJoinsWhenTheThresholdIsOutOfReach) {
  World w;
  radicalize(w);
  auto params = no_desertion();
  params.threshold = 100.0;
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 0u);
  EXPECT_EQ(w.group(kMnla).dispersed, 0.0);
  params.threshold = 0.35;
  params.enabled = false;
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 0u);
}

TEST(MobilizationMechanism, EveryoneReadyJoinsTheirOwnCommunitysGroupWhenThereIsRoom) {
  World w;
  radicalize(w);
  auto params = no_desertion();
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  mobilization::recruit(w.state, w.ctx(), params);
  // Scores: own group 1 + 0.05, the other 0.2 + 0.05; Bamako is in no group's regions.
  EXPECT_EQ(w.group(kMnla).fighters.size(), 200u);
  EXPECT_EQ(w.group(kMujao).fighters.size(), 200u);
  EXPECT_EQ(w.count_at(kBamako, Status::Fighter), 0u);
  for (const std::uint32_t i : w.group(kMnla).fighters) {
    EXPECT_EQ(w.state.people.community[i], 1);
    EXPECT_EQ(w.state.people.status[i], Status::Fighter);
    EXPECT_EQ(w.state.people.group[i], kMnla);
  }
  EXPECT_DOUBLE_EQ(w.group(kMnla).dispersed, 2000.0);  // recruits join the dispersed pool
}

TEST(MobilizationMechanism, ArrestRiskDetersTheRiskAverse) {
  World w;
  radicalize(w);
  for (auto& r : w.state.people.risk_aversion) r = 255;
  auto params = no_desertion();
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  w.state.places[kGao].army = 3000.0;  // P = 1 − exp(−2.3 · 3.1) ≈ 1: score 1.05 − 1 < 0.35
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 0u);
  w.state.places[kGao].army = 300.0;  // P = 1 − exp(−2.3 · 0.4) = 0.60: score 0.45 > 0.35
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 400u);
}

TEST(MobilizationMechanism, HoldingTownsPullsRecruits) {
  World w;  // nobody aggrieved (G = 0): only the pull can carry a score above the threshold
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    w.state.people.hardship[i] = 0;
    w.state.people.risk_aversion[i] = 0;
  }
  auto params = no_desertion();
  params.threshold = 0.1;
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  params.pull_towns = 0.2;
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 0u);  // pull 0.05 without towns
  w.state.places[kGao].controller = kMnla;
  w.state.places[kAnsongo].controller = kMnla;
  mobilization::recruit(w.state, w.ctx(), params);  // MNLA: 0.05 + 0.2 · 2/5 = 0.13 > 0.1
  EXPECT_EQ(w.group(kMnla).fighters.size(), 400u);
  EXPECT_EQ(w.group(kMujao).fighters.size(), 0u);
}

// Mean recruits (agents) over seeds in one month.
double mean_recruits(const mobilization::Params& params, ActorIndex g, std::size_t fighters_first,
                     int seeds) {
  double total = 0.0;
  for (int s = 1; s <= seeds; ++s) {
    World w({10.0, 200, static_cast<std::uint64_t>(s)});
    radicalize(w);
    w.give_fighters(g, fighters_first);
    mobilization::recruit(w.state, w.ctx(), params);
    total += static_cast<double>(w.group(g).fighters.size() - fighters_first);
  }
  return total / seeds;
}

TEST(MobilizationMechanism, JoiningRespectsTheGroupsCapacityInExpectation) {
  const int seeds = 40;
  auto params = no_desertion();  // absorb 50 + 0.03 · fighters; join_rate 0.05
  // 2000 people ready for the MNLA and room for 50: each joins with 50/2000 = 0.025, 5 agents.
  EXPECT_NEAR(mean_recruits(params, kMnla, 0, seeds), 5.0, 1.25);
  // Plenty of room: join_rate limits, 0.05 · 200 agents = 10.
  params.absorb_base = 1e6;
  EXPECT_NEAR(mean_recruits(params, kMnla, 0, seeds), 10.0, 1.75);
  // Room from the group's size: 100 agents (1000 fighters) -> 30 people for the 1000 still
  // ready, 0.03 each: 3 agents of 100.
  params.absorb_base = 0.0;
  EXPECT_NEAR(mean_recruits(params, kMnla, 100, seeds), 3.0, 1.0);
}

TEST(MobilizationMechanism, InfluxEnlistsTheGroupsCommunitiesInItsRegions) {
  World w;
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMnla, 300.0, 7), 300.0);
  ASSERT_EQ(w.group(kMnla).fighters.size(), 30u);
  EXPECT_DOUBLE_EQ(w.group(kMnla).dispersed, 300.0);
  for (const std::uint32_t i : w.group(kMnla).fighters) {
    EXPECT_EQ(w.state.people.community[i], 1);
    EXPECT_EQ(w.state.cells[w.state.people.cell[i]].region, 1);
    EXPECT_EQ(w.state.people.status[i], Status::Fighter);
  }
  // Both towns of the region contribute (a random pick, not the first found).
  EXPECT_GT(fighters_from(w, kMnla, kAnsongo), 0u);
  EXPECT_GT(fighters_from(w, kMnla, kGao), 0u);
  // More than there are candidates: all 200 community-1 residents of region 1, no more.
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMnla, 5000.0, 8), 1700.0);
  EXPECT_EQ(w.group(kMnla).fighters.size(), 200u);
  EXPECT_EQ(w.count(Status::Fighter), 200u);
  // Less than half an agent: nobody.
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMujao, 4.0, 9), 0.0);
  // A group with no communities takes anyone in its regions.
  w.group(kMujao).communities = 0;
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMujao, 10000.0, 10), 2000.0);
  EXPECT_EQ(w.count_at(kBamako, Status::Fighter), 0u);
}

TEST(MobilizationMechanism, DesertionReducesFighters) {
  World w;
  w.give_fighters(kMnla, 100);
  mobilization::Params params;
  params.desert_rate = 0.25;  // exactly 25 of 100 agents
  params.enabled = false;     // desertion goes on without recruitment
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.group(kMnla).fighters.size(), 75u);
  EXPECT_DOUBLE_EQ(w.group(kMnla).dispersed, 750.0);
  EXPECT_EQ(w.count(Status::Fighter), 75u);
  EXPECT_EQ(w.count(Status::Resident), 600u - 75u);
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    if (w.state.people.status[i] == Status::Resident) {
      ASSERT_EQ(w.state.people.group[i], kNoActor);
    }
  }
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
