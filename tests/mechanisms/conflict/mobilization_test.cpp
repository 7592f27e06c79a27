// M2 Mobilization: arrest risk P_r = 1 − exp(−k C_r / (A_r + 1)) (thousands), the score
// G·affinity + pull (+ pull_threat · threat for the groups recruiting a threatened community)
// − R·P against the threshold, the choice among the groups whose score reaches it by a logit
// (weights exp((score − best) / choice_scale), whatever their order in the file), the groups'
// capacity to absorb recruits (absorb_base + absorb_share · fighters, each eligible person joining
// with probability min(join_rate, capacity / eligible)), exogenous influxes, splits, and
// desertion.
#include "mechanisms/mobilization/mobilization.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "mechanisms/mobilization/bases.hpp"

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
  // Foreign troops count; troops abroad do not; dispersed fighters count in the region where
  // they are (here half of MUJAO's moved to region 0).
  w.force(kMinusma).at_place[kGao] = 600.0;
  w.force(kMinusma).at_place[kMbera] = 5000.0;
  w.state.refresh_foreign();
  w.group(kMujao).regions = 0b11;
  w.group(kMujao).dispersed = {500.0, 500.0};
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
  EXPECT_EQ(w.group(kMnla).dispersed_total(), 0.0);
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
  // Recruits join the dispersed pool of the region they live in.
  EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfGao), 2000.0);
  EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfBamako), 0.0);
}

// Where recruits gather: with base_share b, a recruit living outside the group's bases counts
// (1 − b) of its people where it lives and b at the base; one living at a base counts there whole.
// The agent keeps its home (its cell), only the group's strength by region moves.
TEST(MobilizationMechanism, RecruitsFromAwayGatherAtTheGroupsBase) {
  for (const double share : {0.0, 0.5, 1.0}) {
    World w;
    radicalize(w);
    auto params = no_desertion();
    params.join_rate = 1.0;
    params.absorb_base = 1e9;
    params.base_share = share;
    w.group(kMnla).regions = 0b11;              // Bamako and Gao
    w.group(kMnla).communities = 0;             // recruits anyone (Bamako's people are not its community)
    w.group(kMnla).bases = 1u << kRegionOfGao;  // its base: Gao
    mobilization::recruit(w.state, w.ctx(), params);
    double away = 0.0;
    double at_base = 0.0;
    for (const std::uint32_t i : w.group(kMnla).fighters) {
      const auto region = w.state.cells[w.state.people.cell[i]].region;
      (region == kRegionOfGao ? at_base : away) += w.state.people.people_per_agent;
    }
    ASSERT_GT(away, 0.0);
    ASSERT_GT(at_base, 0.0);
    EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfBamako), (1.0 - share) * away) << share;
    EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfGao), at_base + share * away) << share;
    EXPECT_DOUBLE_EQ(w.group(kMnla).fighters_people(), away + at_base);
  }
}

// The base a recruit goes to is the one whose region's centre is nearest the recruit's region's;
// a group without bases, a region that is a base and a region without cells keep their recruits.
TEST(MobilizationMechanism, RecruitsGoToTheNearestBase) {
  mobilization::RegionCentres centres{{12.6, 14.5, 18.4, std::nan("")}, {-8.0, -4.0, 1.4, std::nan("")}};
  Group g;
  EXPECT_EQ(mobilization::gathering_regions(g, centres), (std::vector<std::size_t>{0, 1, 2, 3}));
  g.bases = (1u << 0) | (1u << 2);  // bases in regions 0 (12.6N 8.0W) and 2 (18.4N 1.4E)
  EXPECT_EQ(mobilization::gathering_regions(g, centres), (std::vector<std::size_t>{0, 0, 2, 3}));
  centres.lat[1] = 17.5;  // region 1 moved north-east of the middle: now nearer region 2
  centres.lon[1] = -0.5;
  EXPECT_EQ(mobilization::gathering_regions(g, centres), (std::vector<std::size_t>{0, 2, 2, 3}));
  // The centres are the means of the regions' cells (the fixture: Bamako's two, Gao's three).
  World w;
  const auto c = mobilization::region_centres(w.state);
  EXPECT_NEAR(c.lat[kRegionOfBamako], (12.6 + 12.7) / 2, 1e-12);
  EXPECT_NEAR(c.lon[kRegionOfGao], (-0.1 + 0.0 + 0.5) / 3, 1e-12);
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
double mean_recruits(const mobilization::Params& params, ActorIndex g, std::size_t fighters_first, int seeds,
                     const mobilization::Resources& resources = {}) {
  double total = 0.0;
  for (int s = 1; s <= seeds; ++s) {
    World w({10.0, 200, static_cast<std::uint64_t>(s)});
    radicalize(w);
    w.give_fighters(g, fighters_first);
    mobilization::recruit(w.state, w.ctx(), params, resources);
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

TEST(MobilizationMechanism, AGroupsResourcesScaleTheRoomItHas) {
  const int seeds = 40;
  const auto params = no_desertion();  // absorb 50 a month: 5 agents of the 2000 ready people
  mobilization::Resources resources;
  resources.factor.assign(kMnla, 1.0);
  resources.factor[kMnla - 1] = 0.4;  // group index = actor - 1
  EXPECT_NEAR(mean_recruits(params, kMnla, 0, seeds, resources), 2.0, 0.8);
  resources.factor[kMnla - 1] = 2.0;
  EXPECT_NEAR(mean_recruits(params, kMnla, 0, seeds, resources), 10.0, 1.75);
}

// The people all groups together recruit in one month, on average over seeds, starting from
// `fighters_first` agents of group g.
double mean_recruits_of_all(const mobilization::Params& params, ActorIndex g, std::size_t fighters_first,
                            int seeds, const mobilization::Resources& resources) {
  double total = 0.0;
  for (int s = 1; s <= seeds; ++s) {
    World w({10.0, 200, static_cast<std::uint64_t>(s)});
    radicalize(w);
    w.give_fighters(g, fighters_first);
    const auto before = static_cast<double>(w.count(Status::Fighter));
    mobilization::recruit(w.state, w.ctx(), params, resources);
    total += (static_cast<double>(w.count(Status::Fighter)) - before) * 10.0;
  }
  return total / seeds;
}

// A ceiling on the fighters of all groups (M17 sets it at a forecast's origin) lets in only the
// recruits that fit under it: none at the ceiling or above, about the room left below it, and all
// of them far below it.
TEST(MobilizationMechanism, UnderACeilingTheGroupsRecruitOnlyIntoTheRoomLeft) {
  const int seeds = 40;
  auto params = no_desertion();
  params.absorb_base = 1e6;  // room enough: join_rate limits
  mobilization::Resources resources;
  EXPECT_FALSE(resources.bounded());
  const double free = mean_recruits_of_all(params, kMnla, 100, seeds, resources);
  ASSERT_GT(free, 100.0);
  resources.ceiling = 1000.0;  // the 100 agents' 1000 fighters
  EXPECT_TRUE(resources.bounded());
  EXPECT_EQ(mean_recruits_of_all(params, kMnla, 100, seeds, resources), 0.0);
  resources.ceiling = 500.0;  // above it already: nobody joins, nobody is sent home
  EXPECT_EQ(mean_recruits_of_all(params, kMnla, 100, seeds, resources), 0.0);
  resources.ceiling = 1000.0 + free / 2;  // room for half of them
  EXPECT_NEAR(mean_recruits_of_all(params, kMnla, 100, seeds, resources), free / 2, free / 8);
  resources.ceiling = 1e9;
  EXPECT_DOUBLE_EQ(mean_recruits_of_all(params, kMnla, 100, seeds, resources), free);
  EXPECT_DOUBLE_EQ(mobilization::room_share(1025.0, 1000.0, 50.0), 0.5);
  EXPECT_DOUBLE_EQ(mobilization::room_share(1025.0, 1000.0, 10.0), 1.0);
  EXPECT_DOUBLE_EQ(mobilization::room_share(900.0, 1000.0, 10.0), 0.0);
}

// A group's own ceiling (M17 sets one for each group at a forecast's origin) lets in only the
// recruits that fit under it, whatever the other groups' ceilings.
TEST(MobilizationMechanism, UnderItsOwnCeilingAGroupRecruitsOnlyIntoItsRoom) {
  const int seeds = 40;
  auto params = no_desertion();
  params.absorb_base = 1e6;                                      // room enough: join_rate limits
  const double free = mean_recruits(params, kMnla, 100, seeds);  // agents of 10 people
  ASSERT_GT(free, 4.0);
  mobilization::Resources resources;
  resources.group_ceiling = {1000.0, -1.0};  // the MNLA's 100 agents; none for MUJAO
  EXPECT_EQ(mean_recruits(params, kMnla, 100, seeds, resources), 0.0);
  resources.group_ceiling = {1000.0 + free * 10.0 / 2, -1.0};  // room for half of them
  EXPECT_NEAR(mean_recruits(params, kMnla, 100, seeds, resources), free / 2, free / 6);
  resources.group_ceiling = {-1.0, 0.0};  // another group's ceiling leaves the MNLA free
  EXPECT_DOUBLE_EQ(mean_recruits(params, kMnla, 100, seeds, resources), free);
}

TEST(MobilizationMechanism, AGroupThatMergesHandsItsCeilingOnToTheGroupItJoins) {
  World w;
  mobilization::Resources resources;
  EXPECT_LT(resources.ceiling_of(w.state, kMnla - 1), 0.0);  // none listed
  resources.group_ceiling = {300.0, 200.0};
  EXPECT_DOUBLE_EQ(resources.ceiling_of(w.state, kMnla - 1), 300.0);
  EXPECT_DOUBLE_EQ(resources.ceiling_of(w.state, kMujao - 1), 200.0);
  w.group(kMujao).merged_into = kMnla;
  EXPECT_DOUBLE_EQ(resources.ceiling_of(w.state, kMnla - 1), 500.0);
  EXPECT_LT(resources.ceiling_of(w.state, kMujao - 1), 0.0);
  // A group formed after the origin (no ceiling of its own) takes on those of the groups it absorbs.
  resources.group_ceiling = {-1.0, 200.0};
  EXPECT_DOUBLE_EQ(resources.ceiling_of(w.state, kMnla - 1), 200.0);
}

TEST(MobilizationMechanism, InfluxEnlistsTheGroupsCommunitiesInItsRegions) {
  World w;
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMnla, 300.0, 0, 7), 300.0);
  ASSERT_EQ(w.group(kMnla).fighters.size(), 30u);
  EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfGao), 300.0);
  EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfBamako), 0.0);
  for (const std::uint32_t i : w.group(kMnla).fighters) {
    EXPECT_EQ(w.state.people.community[i], 1);
    EXPECT_EQ(w.state.cells[w.state.people.cell[i]].region, 1);
    EXPECT_EQ(w.state.people.status[i], Status::Fighter);
  }
  // Both towns of the region contribute (a random pick, not the first found).
  EXPECT_GT(fighters_from(w, kMnla, kAnsongo), 0u);
  EXPECT_GT(fighters_from(w, kMnla, kGao), 0u);
  // More than there are candidates: all 200 community-1 residents of region 1, no more.
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMnla, 5000.0, 0, 8), 1700.0);
  EXPECT_EQ(w.group(kMnla).fighters.size(), 200u);
  EXPECT_EQ(w.count(Status::Fighter), 200u);
  // Less than half an agent: nobody.
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMujao, 4.0, 0, 9), 0.0);
  // A group with no communities takes anyone in its regions.
  w.group(kMujao).communities = 0;
  EXPECT_DOUBLE_EQ(mobilization::influx(w.state, w.ctx(), kMujao, 10000.0, 0, 10), 2000.0);
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
  EXPECT_DOUBLE_EQ(w.dispersed(kMnla, kRegionOfGao), 750.0);
  EXPECT_EQ(w.count(Status::Fighter), 75u);
  EXPECT_EQ(w.count(Status::Resident), 600u - 75u);
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    if (w.state.people.status[i] == Status::Resident) {
      ASSERT_EQ(w.state.people.group[i], kNoActor);
    }
  }
}

// Four groups in the Gao region: two recruiting community 1 (a tie, which the file order used to
// break), one recruiting community 2, one with no community base (open affinity).
std::vector<Group> four_groups() {
  Group base;
  base.kind = GroupKind::Separatist;
  base.regions = 1u << kRegionOfGao;
  base.active = true;
  Group a = base;
  a.id = a.name = "a";
  a.communities = 1u << 1;
  Group b = a;
  b.id = b.name = "b";
  Group c = base;
  c.id = c.name = "c";
  c.kind = GroupKind::Jihadist;
  c.communities = 1u << 2;
  Group d = c;
  d.id = d.name = "d";
  d.communities = 0;
  return {a, b, c, d};
}

// Recruits (agents) by group id after one recruitment in which everyone who picks a group joins
// it; 20,000 agents of each community in the Gao region.
std::map<std::string, double> recruits_by_group(std::vector<Group> groups,
                                                const mobilization::Params& params) {
  World w({10.0, 20000, 5});
  w.set_groups(std::move(groups));
  radicalize(w);
  mobilization::recruit(w.state, w.ctx(), params);
  std::map<std::string, double> out;
  for (const auto& g : w.state.groups) out[g.id] = static_cast<double>(g.fighters.size());
  return out;
}

TEST(MobilizationMechanism, GroupChoiceDoesNotDependOnFileOrder) {
  auto params = no_desertion();
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  params.choice_scale = 0.2;
  // Scores (G = 1, R = 0, pull 0.05): community 1: a, b 1.05, d 0.6 + 0.05 = 0.65, c 0.25 (below
  // the threshold 0.35); community 2: c 1.05, d 0.65. Logit weights: 1 for a score of 1.05,
  // e^((0.65 − 1.05) / 0.2) = e^−2 for d.
  const double e2 = std::exp(-2.0);
  const double n = 20000.0;  // agents of each community in the region
  const double p1[] = {1.0 / (2.0 + e2), 1.0 / (2.0 + e2), 0.0, e2 / (2.0 + e2)};  // community 1: a, b, c, d
  const double p2[] = {0.0, 0.0, 1.0 / (1.0 + e2), e2 / (1.0 + e2)};               // community 2
  const char* ids[] = {"a", "b", "c", "d"};
  // Each count is a sum of independent Bernoulli choices: variance n Σ p(1 − p) over the two
  // communities. Each order is held to its expectation within 4 standard errors, and two orders
  // to each other within 4 standard errors of a difference of two independent counts (√2 times).
  const auto groups = four_groups();
  const std::vector<std::vector<Group>> orders = {
      groups, {groups[3], groups[2], groups[1], groups[0]}, {groups[2], groups[0], groups[3], groups[1]}};
  std::vector<std::map<std::string, double>> counts;
  for (const auto& order : orders) counts.push_back(recruits_by_group(order, params));
  for (std::size_t g = 0; g < 4; ++g) {
    const double expected = n * (p1[g] + p2[g]);
    const double se = std::sqrt(n * (p1[g] * (1.0 - p1[g]) + p2[g] * (1.0 - p2[g])));
    for (std::size_t o = 0; o < counts.size(); ++o) {
      EXPECT_NEAR(counts[o].at(ids[g]), expected, 4.0 * se + 1e-9) << "group " << ids[g] << ", order " << o;
      EXPECT_NEAR(counts[o].at(ids[g]), counts[0].at(ids[g]), 4.0 * std::sqrt(2.0) * se + 1e-9)
          << "group " << ids[g] << ", order " << o << " against the file's order";
    }
  }
  // The tie between a and b splits evenly: neither takes every recruit of community 1.
  EXPECT_GT(counts[0].at("a"), 0.4 * n);
  EXPECT_GT(counts[0].at("b"), 0.4 * n);
}

TEST(MobilizationMechanism, AGroupWithNoCommunityBaseRecruitsWhenScoresReachTheThreshold) {
  World w;
  radicalize(w);
  w.group(kMnla).active = false;
  w.group(kMujao).communities = 0;  // recruits everyone alike, with the open affinity
  auto params = no_desertion();
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  params.open_affinity = 0.5;
  params.pull_base = 0.25;
  params.threshold = 0.76;  // score 1 · 0.5 + 0.25 = 0.75: out of reach
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 0u);
  params.threshold = 0.75;  // reached exactly: everyone in its region joins, both communities
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.group(kMujao).fighters.size(), 400u);
  EXPECT_EQ(w.count(Status::Fighter), 400u);
  EXPECT_EQ(w.group(kMnla).fighters.size(), 0u);
  EXPECT_DOUBLE_EQ(w.dispersed(kMujao, kRegionOfGao), 4000.0);
}

// Regression (found by this suite, fixed in mobilization.cpp recruit()): with a threshold of 0, a
// score of exactly 0 reaches it, but its logit weight was taken for "no group" and the pick among
// all-zero weights fell on the first group in the file, here an inactive one.
TEST(MobilizationMechanism, AScoreOfZeroAtAThresholdOfZeroJoinsTheGroupItReaches) {
  World w;
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    w.state.people.hardship[i] = 0;  // G = 0
    w.state.people.risk_aversion[i] = 0;
  }
  w.group(kMnla).active = false;
  auto params = no_desertion();
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  params.threshold = 0.0;
  params.pull_base = 0.0;
  params.pull_towns = 0.0;
  mobilization::recruit(w.state, w.ctx(), params);  // MUJAO's score: 0 ≥ 0
  EXPECT_EQ(w.group(kMnla).fighters.size(), 0u) << "an inactive group recruited";
  EXPECT_EQ(w.group(kMujao).fighters.size(), 400u);
}

TEST(MobilizationMechanism, AThreatenedCommunityTurnsToTheGroupsThatRecruitIt) {
  World w;  // nobody aggrieved: pull alone, 0.05 < 0.2
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    w.state.people.hardship[i] = 0;
    w.state.people.risk_aversion[i] = 0;
  }
  auto params = no_desertion();
  params.join_rate = 1.0;
  params.absorb_base = 1e9;
  params.threshold = 0.2;
  params.pull_threat = 0.3;
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.count(Status::Fighter), 0u);
  // Community 1 feels a threat of 0.5 in the Gao region: 0.05 + 0.3 · 0.5 = 0.2 for the MNLA only.
  w.state.community_threat[1][kRegionOfGao] = 0.5;
  mobilization::recruit(w.state, w.ctx(), params);
  EXPECT_EQ(w.group(kMnla).fighters.size(), 200u);
  EXPECT_EQ(w.group(kMujao).fighters.size(), 0u);
  for (const std::uint32_t i : w.group(kMnla).fighters) EXPECT_EQ(w.state.people.community[i], 1);
  // A group with no community base protects nobody in particular: no extra pull.
  World open;
  for (std::size_t i = 0; i < open.state.people.size(); ++i) {
    open.state.people.hardship[i] = 0;
    open.state.people.risk_aversion[i] = 0;
  }
  open.group(kMnla).active = false;
  open.group(kMujao).communities = 0;
  open.state.community_threat[1][kRegionOfGao] = 1.0;
  mobilization::recruit(open.state, open.ctx(), params);
  EXPECT_EQ(open.count(Status::Fighter), 0u);
}

TEST(MobilizationMechanism, ASplitBringsFightersFromItsParentTheChildsRegionsFirst) {
  World w;
  auto& parent = w.group(kMnla);
  parent.communities = (1u << 0) | (1u << 1);
  parent.regions = 1u << kRegionOfBamako;
  w.give_fighters(kMnla, 40);  // 400 in the Bamako region
  parent.regions = 1u << kRegionOfGao;
  w.give_fighters(kMnla, 60);  // 600 in the Gao region, enlisted last
  parent.regions = (1u << kRegionOfBamako) | (1u << kRegionOfGao);
  const std::vector<std::uint32_t> enlisted = parent.fighters;
  auto& child = w.group(kMujao);  // the new group operates in the Gao region only
  ASSERT_EQ(child.regions, 1u << kRegionOfGao);

  // Half the agents (50) and their strength (500), all from the Gao region where the child is.
  EXPECT_DOUBLE_EQ(mobilization::split(w.state, kMnla, kMujao, 0.5), 500.0);
  EXPECT_EQ(parent.fighters.size(), 50u);
  EXPECT_EQ(child.fighters.size(), 50u);
  EXPECT_DOUBLE_EQ(child.dispersed[kRegionOfGao], 500.0);
  EXPECT_DOUBLE_EQ(child.dispersed[kRegionOfBamako], 0.0);
  EXPECT_DOUBLE_EQ(parent.dispersed[kRegionOfGao], 100.0);
  EXPECT_DOUBLE_EQ(parent.dispersed[kRegionOfBamako], 400.0);
  // The agents who leave are the parent's most recently enlisted, now the child's.
  for (std::size_t i = 50; i < 100; ++i) {
    EXPECT_EQ(w.state.people.group[enlisted[i]], kMujao) << "agent " << enlisted[i];
    EXPECT_EQ(w.state.people.status[enlisted[i]], Status::Fighter);
  }
  for (std::size_t i = 0; i < 50; ++i) EXPECT_EQ(w.state.people.group[enlisted[i]], kMnla);

  // A bigger share than the parent has in the child's regions: the rest comes from its other
  // regions and joins the child where it operates. 0.8 of 50 = 40 agents, 400 people: 100 from
  // Gao, 300 from Bamako.
  EXPECT_DOUBLE_EQ(mobilization::split(w.state, kMnla, kMujao, 0.8), 400.0);
  EXPECT_EQ(parent.fighters.size(), 10u);
  EXPECT_EQ(child.fighters.size(), 90u);
  EXPECT_DOUBLE_EQ(parent.dispersed[kRegionOfGao], 0.0);
  EXPECT_NEAR(parent.dispersed[kRegionOfBamako], 100.0, 1e-9);
  EXPECT_NEAR(child.dispersed[kRegionOfGao], 900.0, 1e-9);
  // Nothing is lost or made: agents and people are conserved.
  EXPECT_NEAR(parent.fighters_people() + child.fighters_people(), 1000.0, 1e-9);
  EXPECT_EQ(w.count(Status::Fighter), 100u);
  // A share too small for one agent moves nobody.
  EXPECT_DOUBLE_EQ(mobilization::split(w.state, kMnla, kMujao, 0.05), 0.0);
  EXPECT_EQ(parent.fighters.size(), 10u);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
