// M3 Armed-group strategy: posture (hold or guerrilla by the ratio of hostile conventional power
// to the group's own), assaults on the best town the group outguns, guerrilla attacks at
// Poisson(rate · D_r / 100) a day on the towns of region r with troops of the state's side, and
// clashes between hostile groups at Poisson(clash_rate · sqrt(F_a F_b) / 100) a day in each region
// where both have fighters.
#include "mechanisms/group_strategy/group_strategy.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

group_strategy::Params quiet() {
  group_strategy::Params p;
  p.attack_rate = 0.0;  // no guerrilla attacks unless a test wants them
  return p;
}

const combat::Params kCombat{};

TEST(GroupStrategyMechanism, HostilePowerIsForeignPowerInTheGroupsRegions) {
  World w;
  w.force(kServal).at_place[kGao] = 1000.0;     // capability 2
  w.force(kServal).at_place[kBamako] = 5000.0;  // not in the group's regions
  w.force(kMinusma).at_place[kAnsongo] = 300.0;
  w.state.refresh_foreign();
  EXPECT_DOUBLE_EQ(group_strategy::hostile_power(w.state, kMnla), 2300.0);
  w.state.hostile[kMnla][kState] = 0;  // a group at peace with the state faces no hostile power
  EXPECT_DOUBLE_EQ(group_strategy::hostile_power(w.state, kMnla), 0.0);
}

TEST(GroupStrategyMechanism, OutgunnedGroupGoesGuerrillaAndItsFightersDisperse) {
  World w;
  auto& g = w.group(kMnla);
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 50, kGao);  // 500 fighters holding Gao
  g.posture = Posture::Hold;
  g.offensive = true;
  w.force(kServal).at_place[kAnsongo] = 250.0;  // power 500 >= 1.0 · 500
  w.state.refresh_foreign();
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_EQ(g.posture, Posture::Guerrilla);
  EXPECT_EQ(g.at_place[kGao], 0.0);
  EXPECT_EQ(g.dispersed[kRegionOfGao], 500.0);  // they blend in where they were
  EXPECT_EQ(g.dispersed_total(), 500.0);
  EXPECT_EQ(w.state.places[kGao].controller, kMnla);  // nominally its own until someone enters
  EXPECT_TRUE(w.state.battles.empty());
}

TEST(GroupStrategyMechanism, GroupHoldsWhileHostilePowerIsBelowTheRatio) {
  World w;
  auto& g = w.group(kMnla);
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 50, kGao);
  g.posture = Posture::Hold;
  w.force(kServal).at_place[kAnsongo] = 249.0;  // power 498 < 500
  w.state.refresh_foreign();
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_EQ(g.posture, Posture::Hold);
  EXPECT_EQ(g.at_place[kGao], 500.0);
  // With a higher ratio the same forces make it go guerrilla.
  auto params = quiet();
  params.guerrilla_ratio = 0.9;
  group_strategy::act(w.state, w.ctx(), params, kCombat, w.perceived.un_impartiality);
  EXPECT_EQ(g.posture, Posture::Guerrilla);
  EXPECT_EQ(g.dispersed[kRegionOfGao], 500.0);
}

TEST(GroupStrategyMechanism, FightersUnderFireCannotSlipAway) {
  World w;
  auto& g = w.group(kMnla);
  w.state.places[kGao].controller = kMnla;
  w.state.places[kAnsongo].controller = kMnla;
  w.give_fighters(kMnla, 30, kGao);
  w.give_fighters(kMnla, 20, kAnsongo);
  g.posture = Posture::Hold;
  w.state.places[kGao].army = 0.0;
  w.force(kServal).at_place[kGao] = 1000.0;
  w.state.refresh_foreign();
  ASSERT_TRUE(combat::start_battle(w.state, kGao, kState, static_cast<int>(kServal)));
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_EQ(g.posture, Posture::Guerrilla);
  EXPECT_EQ(g.at_place[kGao], 300.0);
  EXPECT_EQ(g.at_place[kAnsongo], 0.0);
  EXPECT_EQ(g.dispersed[kRegionOfGao], 200.0);
}

// Regression (found by this suite, fixed in group_strategy.cpp act()): fighters pinned in a town by
// a battle disperse once it is over, while the group stays outgunned.
TEST(GroupStrategyMechanism, FightersLeftInATownDisperseOnceTheBattleIsOver) {
  World w;
  auto& g = w.group(kMnla);
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 30, kGao);
  g.posture = Posture::Hold;
  w.state.places[kGao].army = 0.0;
  w.force(kServal).at_place[kGao] = 1000.0;
  w.state.refresh_foreign();
  ASSERT_TRUE(combat::start_battle(w.state, kGao, kState, static_cast<int>(kServal)));
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  ASSERT_EQ(g.posture, Posture::Guerrilla);
  ASSERT_EQ(g.at_place[kGao], 300.0);  // under fire: cannot slip away today
  w.state.battles.clear();             // the battle ends undecided, the attacker leaves
  w.state.day = 1;
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat,
                      w.perceived.un_impartiality);  // still outgunned (2000 >= 300)
  EXPECT_EQ(g.at_place[kGao], 0.0);
  EXPECT_EQ(g.dispersed[kRegionOfGao], 300.0);
}

TEST(GroupStrategyMechanism, OffensiveGroupAssaultsTheBestTownItOutguns) {
  World w;
  auto& g = w.group(kMnla);
  w.give_fighters(kMnla, 100);  // 1000 dispersed
  g.offensive = true;
  w.state.day = 10;
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_EQ(g.posture, Posture::Hold);
  // Gao (weight 2) beats Ansongo (weight 1), both 0 km from the group's home towns, and
  // 1000 ≥ 1.5 · 150 (300 soldiers of capability 0.5).
  ASSERT_EQ(w.state.battles.size(), 1u);
  EXPECT_EQ(w.state.battles[0].place, kGao);
  EXPECT_EQ(w.state.battles[0].attacker, kMnla);
  EXPECT_EQ(w.state.battles[0].attacker_start, 1000.0);
  EXPECT_EQ(g.at_place[kGao], 1000.0);
  EXPECT_EQ(g.dispersed_total(), 0.0);
  EXPECT_EQ(g.rest_until, 14);
}

TEST(GroupStrategyMechanism, GroupDoesNotAssaultATownItDoesNotOutgun) {
  World w;
  auto& g = w.group(kMnla);
  w.give_fighters(kMnla, 100);
  g.offensive = true;
  w.state.places[kGao].army = 1400.0;  // effective 700: 1000 < 1.5 · 700
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  ASSERT_EQ(w.state.battles.size(), 1u);
  EXPECT_EQ(w.state.battles[0].place, kAnsongo);  // 1000 ≥ 1.5 · 50
  w.state.battles.clear();
  w.state.day = 20;
  g.dispersed[kRegionOfGao] += g.at_place[kAnsongo];
  g.at_place[kAnsongo] = 0.0;
  w.state.places[kAnsongo].army = 1400.0;
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_TRUE(w.state.battles.empty());
  EXPECT_EQ(g.dispersed[kRegionOfGao], 1000.0);
}

TEST(GroupStrategyMechanism, OffensiveTownsRestrictTheTargets) {
  World w;
  auto& g = w.group(kMnla);
  w.give_fighters(kMnla, 100);
  g.offensive = true;
  g.offensive_towns = {kAnsongo};
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  ASSERT_EQ(w.state.battles.size(), 1u);
  EXPECT_EQ(w.state.battles[0].place, kAnsongo);
}

TEST(GroupStrategyMechanism, TargetsOnlyHostileTownsInTheOffensiveRegions) {
  World w;
  auto& g = w.group(kMnla);
  w.give_fighters(kMnla, 100);
  g.offensive = true;
  w.state.places[kGao].controller = kMujao;  // not hostile to the MNLA
  w.state.places[kBamako].army = 10.0;       // an easy target outside the offensive's regions
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  ASSERT_EQ(w.state.battles.size(), 1u);
  EXPECT_EQ(w.state.battles[0].place, kAnsongo);
}

TEST(GroupStrategyMechanism, RestingGroupDoesNotAssault) {
  World w;
  auto& g = w.group(kMnla);
  w.give_fighters(kMnla, 100);
  g.offensive = true;
  g.rest_until = 5;
  w.state.day = 4;
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_TRUE(w.state.battles.empty());
  w.state.day = 5;
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_EQ(w.state.battles.size(), 1u);
}

TEST(GroupStrategyMechanism, NoAssaultWithoutAScheduledOffensiveOrWhenDisabled) {
  World w;
  auto& g = w.group(kMnla);
  w.give_fighters(kMnla, 100);
  g.posture = Posture::Hold;
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  EXPECT_TRUE(w.state.battles.empty());
  g.offensive = true;
  auto off = quiet();
  off.enabled = false;
  group_strategy::act(w.state, w.ctx(), off, kCombat, w.perceived.un_impartiality);
  EXPECT_TRUE(w.state.battles.empty());
  EXPECT_EQ(g.dispersed[kRegionOfGao], 1000.0);
}

TEST(GroupStrategyMechanism, HoldingGroupKeepsAGarrisonInItsTowns) {
  World w;
  auto& g = w.group(kMnla);
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 100, kGao);  // 1000 in Gao
  g.posture = Posture::Hold;
  g.offensive = true;
  w.state.places[kAnsongo].army = 100.0;  // effective 50
  group_strategy::act(w.state, w.ctx(), quiet(), kCombat, w.perceived.un_impartiality);
  ASSERT_EQ(w.state.battles.size(), 1u);
  EXPECT_EQ(w.state.battles[0].place, kAnsongo);
  EXPECT_DOUBLE_EQ(g.at_place[kGao], 300.0);  // garrison_share 0.3 of 1000 over one town
  EXPECT_DOUBLE_EQ(g.at_place[kAnsongo], 700.0);
}

// Counts guerrilla attacks (events) over `days` days with D dispersed fighters kept constant.
struct Tally {
  std::size_t attacks = 0, ieds = 0, at_gao = 0, at_ansongo = 0, elsewhere = 0, on_un = 0;
};

Tally guerrilla_days(double dispersed, int days, const group_strategy::Params& params, double impartiality,
                     bool minusma_at_ansongo) {
  World w;
  auto& g = w.group(kMnla);
  w.perceived.un_impartiality = impartiality;
  w.state.places[kAnsongo].army = minusma_at_ansongo ? 0.0 : 100.0;
  w.state.places[kGao].army = 100.0;
  if (minusma_at_ansongo) w.force(kMinusma).at_place[kAnsongo] = 100.0;
  Tally t;
  for (int d = 0; d < days; ++d) {
    w.state.day = d;
    g.dispersed[kRegionOfGao] = dispersed;
    w.state.places[kGao].army = 100.0;
    if (!minusma_at_ansongo) w.state.places[kAnsongo].army = 100.0;
    w.state.refresh_foreign();
    group_strategy::act(w.state, w.ctx(), params, kCombat, w.perceived.un_impartiality);
  }
  for (const auto& e : w.recorder.events()) {
    ++t.attacks;
    if (e.event_type == "Explosions/Remote violence") ++t.ieds;
    if (e.location == "Gao") {
      ++t.at_gao;
    } else if (e.location == "Ansongo") {
      ++t.at_ansongo;
    } else {
      ++t.elsewhere;
    }
    if (e.actor2 == "MINUSMA") ++t.on_un;
    EXPECT_EQ(e.actor1, "MNLA");
  }
  return t;
}

TEST(GroupStrategyMechanism, GuerrillaAttacksScaleWithDispersedFighters) {
  group_strategy::Params params;
  params.attack_rate = 0.1;  // a day: 1 attack per 1000 dispersed fighters
  const int days = 400;
  const Tally small = guerrilla_days(1000.0, days, params, 1.0, false);
  const Tally large = guerrilla_days(3000.0, days, params, 1.0, false);
  // Poisson means 400 and 1200; bounds at about five standard deviations.
  EXPECT_GT(small.attacks, 300u);
  EXPECT_LT(small.attacks, 500u);
  EXPECT_GT(large.attacks, 1030u);
  EXPECT_LT(large.attacks, 1370u);
  // Never in Bamako (outside the group's regions), though it has the most troops.
  EXPECT_EQ(small.elsewhere + large.elsewhere, 0u);
  // Gao and Ansongo have 100 soldiers each: about half the attacks each.
  EXPECT_NEAR(static_cast<double>(large.at_gao) / static_cast<double>(large.attacks), 0.5, 0.07);
  // IEDs: ied_share 0.4 of the attacks.
  EXPECT_NEAR(static_cast<double>(large.ieds) / static_cast<double>(large.attacks), 0.4, 0.07);

  params.attack_rate = 0.0;
  EXPECT_EQ(guerrilla_days(3000.0, 50, params, 1.0, false).attacks, 0u);
}

TEST(GroupStrategyMechanism, PartialUnIsAttackedMore) {
  group_strategy::Params params;
  params.attack_rate = 0.1;
  params.un_weight = 2.0;
  const int days = 300;
  // 100 soldiers in Gao, 100 peacekeepers in Ansongo.
  const Tally impartial = guerrilla_days(3000.0, days, params, 1.0, true);
  const Tally partial = guerrilla_days(3000.0, days, params, 0.0, true);
  // Weights: impartial 100 : 100; partial 100 : 100 + 2 · 100 = 100 : 300.
  EXPECT_NEAR(static_cast<double>(impartial.at_ansongo) / static_cast<double>(impartial.attacks), 0.5, 0.08);
  EXPECT_NEAR(static_cast<double>(partial.at_ansongo) / static_cast<double>(partial.attacks), 0.75, 0.08);
  EXPECT_EQ(partial.on_un, partial.at_ansongo);  // in Ansongo the victims are peacekeepers
}

// Clashes between the MNLA (fighters in the Gao region) and MUJAO (fighters in `mujao_region`),
// their dispersed strengths held constant over `days` days and no losses: the clash events, each
// checked to be one between the two in a town of the Gao region.
std::size_t clash_days(double mnla, double mujao, std::size_t mujao_region, bool hostile, int days,
                       double clash_rate) {
  World w;
  w.set_hostile(kMnla, kMujao, hostile);
  auto params = quiet();
  params.clash_rate = clash_rate;
  params.terror_rate = 0.0;  // no distant attacks by the jihadist group either
  combat::Params combat;
  combat.attrition = 0.0;  // nobody dies: the strengths stay as set
  w.group(kMujao).regions |= 1u << mujao_region;
  for (int d = 0; d < days; ++d) {
    w.state.day = d;
    w.group(kMnla).dispersed[kRegionOfGao] = mnla;
    w.group(kMujao).dispersed[mujao_region] = mujao;
    group_strategy::act(w.state, w.ctx(), params, combat, w.perceived.un_impartiality);
  }
  std::size_t clashes = 0;
  for (const auto& e : w.recorder.events()) {
    EXPECT_EQ(e.event_type, "Battles");
    EXPECT_EQ(e.sub_event_type, "Armed clash");
    EXPECT_TRUE(e.location == "Gao" || e.location == "Ansongo") << e.location;
    EXPECT_EQ(e.interaction, 22);
    // The side with more fighters there starts it.
    EXPECT_EQ(e.actor1, mujao > mnla ? "MUJAO" : "MNLA");
    EXPECT_EQ(e.actor2, mujao > mnla ? "MNLA" : "MUJAO");
    EXPECT_EQ(e.fatalities, 0);
    ++clashes;
  }
  return clashes;
}

TEST(GroupStrategyMechanism, HostileGroupsSharingARegionClashAtTheStatedRate) {
  // Poisson(clash_rate · sqrt(F_a F_b) / 100) a day, summed over 1,500 days: a Poisson count whose
  // standard deviation is the square root of its mean; bounds at four of them. 100 and 1,600
  // fighters (sqrt 400, where the arithmetic mean would be 850), then 900 and 900.
  const int days = 1500;
  const double rate = 0.1;
  for (const auto& [fa, fb] : std::vector<std::pair<double, double>>{{100.0, 1600.0}, {900.0, 900.0}}) {
    const double expected = rate * std::sqrt(fa * fb) / 100.0 * days;
    const auto n = static_cast<double>(clash_days(fa, fb, kRegionOfGao, true, days, rate));
    EXPECT_NEAR(n, expected, 4.0 * std::sqrt(expected)) << fa << " against " << fb;
  }
  EXPECT_EQ(clash_days(900.0, 900.0, kRegionOfGao, true, 200, 0.0), 0u);  // rate 0: none
}

// `days` days of M3 with clashes only (rate 0.1, no attacks, no deaths), each group's fighters in
// the Gao region set afresh every morning to `fighters` (by actor).
void clash_only_days(World& w, group_strategy::Params params, const std::map<ActorIndex, double>& fighters,
                     int days) {
  params.clash_rate = 0.1;
  params.terror_rate = 0.0;
  combat::Params combat;
  combat.attrition = 0.0;
  for (int d = 0; d < days; ++d) {
    w.state.day = d;
    for (const auto& [a, f] : fighters) w.group(a).dispersed[kRegionOfGao] = f;
    group_strategy::act(w.state, w.ctx(), params, combat, w.perceived.un_impartiality);
  }
}

// Clashes by pair over `days` days when group a (900 fighters) faces groups b and c (900 and 300
// fighters) in the Gao region, b and c not hostile to each other; strengths reset daily, nobody dies.
std::map<std::string, double> clashes_of_a_crowd(double attention, int days) {
  World w;
  Group third = w.group(kMujao);
  third.id = "c";
  third.name = "C";
  std::vector<Group> groups{w.group(kMnla), w.group(kMujao), third};
  w.set_groups(std::move(groups));
  const ActorIndex c = 3;
  w.set_hostile(kMnla, kMujao);
  w.set_hostile(kMnla, c);
  auto params = quiet();
  params.clash_attention = attention;
  clash_only_days(w, params, {{kMnla, 900.0}, {kMujao, 900.0}, {c, 300.0}}, days);
  std::map<std::string, double> out;
  for (const auto& e : w.recorder.events()) out[e.actor1 == "MNLA" ? e.actor2 : e.actor1] += 1;
  return out;
}

TEST(GroupStrategyMechanism, AGroupFacingSeveralEnemiesDividesItsEffortAmongThem) {
  // Attention 0: each pair as if alone, 0.1 · sqrt(900 · 900) / 100 = 0.9 and 0.1 · sqrt(900 · 300)
  // / 100 = 0.52 a day. Attention 1: a's enemies have 1,200 fighters, b's and c's only a's 900, so
  // the pairs' rates are multiplied by sqrt(900/1200 · 900/900) = 0.87 and sqrt(300/1200) = 0.5.
  // Poisson counts over 1,000 days; bounds at four standard deviations.
  const int days = 1000;
  const auto alone = clashes_of_a_crowd(0.0, days);
  const auto divided = clashes_of_a_crowd(1.0, days);
  const double b_alone = 0.9 * days, c_alone = 0.1 * std::sqrt(900.0 * 300.0) / 100.0 * days;
  EXPECT_NEAR(alone.at("MUJAO"), b_alone, 4.0 * std::sqrt(b_alone));
  EXPECT_NEAR(alone.at("C"), c_alone, 4.0 * std::sqrt(c_alone));
  const double b_divided = b_alone * std::sqrt(0.75), c_divided = c_alone * 0.5;
  EXPECT_NEAR(divided.at("MUJAO"), b_divided, 4.0 * std::sqrt(b_divided));
  EXPECT_NEAR(divided.at("C"), c_divided, 4.0 * std::sqrt(c_divided));
}

// Clashes over `days` days between a group of kind `kind` and community 0 (900 fighters) and a
// jihadist group (900) in the Gao region, under `params`, with community 0 feeling `threat` there;
// the jihadist group is the second of the pair in the groups' order, or the first with
// `jihadist_first`.
std::size_t clashes_with_a_jihadist(GroupKind kind, const group_strategy::Params& params, int days,
                                    double threat = 0.0, bool jihadist_first = false) {
  World w;
  const ActorIndex other = jihadist_first ? kMujao : kMnla, jihadist = jihadist_first ? kMnla : kMujao;
  w.group(other).kind = kind;
  w.group(other).communities = 1u;
  w.group(jihadist).kind = GroupKind::Jihadist;
  w.set_hostile(kMnla, kMujao);
  w.state.community_threat[0][kRegionOfGao] = threat;
  clash_only_days(w, params, {{kMnla, 900.0}, {kMujao, 900.0}}, days);
  return w.recorder.events().size();
}

// The same for a self-defence militia at defence floor `floor`.
std::size_t clashes_of_a_militia(double floor, double threat, int days) {
  auto params = quiet();
  params.defence_floor = floor;
  return clashes_with_a_jihadist(GroupKind::SelfDefence, params, days, threat);
}

TEST(GroupStrategyMechanism, ASelfDefenceMilitiaFightsAsFarAsItsCommunityIsThreatened) {
  // 0.1 · sqrt(900 · 900) / 100 = 0.9 clashes a day, times floor + (1 − floor) · threat for the
  // militia's side: floor 1 (the default) always 0.9; floor 0.2 without threat 0.18, with threat
  // 0.5 a day 0.9 · 0.6 = 0.54; floor 0 without threat none. Poisson counts over 1,000 days.
  const int days = 1000;
  const double full = 0.9 * days;
  EXPECT_NEAR(static_cast<double>(clashes_of_a_militia(1.0, 0.0, days)), full, 4.0 * std::sqrt(full));
  const double low = full * 0.2, half = full * 0.6;
  EXPECT_NEAR(static_cast<double>(clashes_of_a_militia(0.2, 0.0, days)), low, 4.0 * std::sqrt(low));
  EXPECT_NEAR(static_cast<double>(clashes_of_a_militia(0.2, 0.5, days)), half, 4.0 * std::sqrt(half));
  EXPECT_EQ(clashes_of_a_militia(0.0, 0.0, 300), 0u);
}

// The same at militia–jihadist factor `factor`.
std::size_t clashes_at_factor(GroupKind kind, double factor, int days, bool jihadist_first = false) {
  auto params = quiet();
  params.militia_jihadist_clash = factor;
  return clashes_with_a_jihadist(kind, params, days, 0.0, jihadist_first);
}

TEST(GroupStrategyMechanism, AMilitiaAndAJihadistGroupClashAtTheirOwnFactor) {
  // 0.9 clashes a day as any hostile pair (see above), times the factor for a militia of either
  // kind and a jihadist group; a separatist group and a jihadist one keep 0.9. Poisson counts over
  // 1,000 days, bounds at four standard deviations.
  const int days = 1000;
  const double full = 0.9 * days, fifth = full * 0.2;
  for (const auto kind : {GroupKind::ProGovernment, GroupKind::SelfDefence}) {
    EXPECT_NEAR(static_cast<double>(clashes_at_factor(kind, 1.0, days)), full, 4.0 * std::sqrt(full));
    EXPECT_NEAR(static_cast<double>(clashes_at_factor(kind, 0.2, days)), fifth, 4.0 * std::sqrt(fifth));
    EXPECT_EQ(clashes_at_factor(kind, 0.0, 300), 0u);
    EXPECT_EQ(clashes_at_factor(kind, 0.0, 300, true), 0u);
  }
  EXPECT_NEAR(static_cast<double>(clashes_at_factor(GroupKind::Separatist, 0.2, days)), full,
              4.0 * std::sqrt(full));
}

TEST(GroupStrategyMechanism, OnlyHostileGroupsSharingARegionClash) {
  EXPECT_EQ(clash_days(900.0, 900.0, kRegionOfGao, false, 300, 0.1), 0u);    // not hostile
  EXPECT_EQ(clash_days(900.0, 900.0, kRegionOfBamako, true, 300, 0.1), 0u);  // apart
  // One of them inactive: no clash either.
  World w;
  w.set_hostile(kMnla, kMujao);
  w.group(kMujao).active = false;
  auto params = quiet();
  params.clash_rate = 0.1;
  for (int d = 0; d < 300; ++d) {
    w.state.day = d;
    w.group(kMnla).dispersed[kRegionOfGao] = 900.0;
    w.group(kMujao).dispersed[kRegionOfGao] = 900.0;
    group_strategy::act(w.state, w.ctx(), params, kCombat, w.perceived.un_impartiality);
  }
  EXPECT_TRUE(w.recorder.events().empty());
}

TEST(GroupStrategyMechanism, AClashKillsOnBothSidesWhereTheyAre) {
  World w;
  w.set_hostile(kMnla, kMujao);
  w.give_fighters(kMnla, 50);   // 500 in the Gao region
  w.give_fighters(kMujao, 50);  // 500
  combat::Params combat;
  combat.attrition = 0.05;  // means 0.05 · 150 = 7.5 dead a side
  double dead = 0.0;
  for (std::uint32_t day = 0; day < 20; ++day) {
    auto draws = w.random.draws(group_strategy::kStream, day, 1);
    dead += combat::clash(w.state, w.ctx(), combat, kGao, kMnla, kMujao, 150.0, 150.0, draws);
  }
  const double lost = 1000.0 - w.group(kMnla).fighters_people() - w.group(kMujao).fighters_people();
  EXPECT_GT(dead, 0.0);
  EXPECT_DOUBLE_EQ(lost, dead);
  EXPECT_DOUBLE_EQ(static_cast<double>(w.fatalities_in_events()), dead);
  EXPECT_EQ(w.recorder.events().size(), 20u);  // one event a clash, deaths or not
  EXPECT_GE(w.dispersed(kMnla, kRegionOfGao), 0.0);
  EXPECT_GE(w.dispersed(kMujao, kRegionOfGao), 0.0);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
