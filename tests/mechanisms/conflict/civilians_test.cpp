// M6 Civilians: violence against civilians by groups holding towns, by dispersed fighters and by
// the army where violence is recent, reduced by the protection factor Π where peacekeepers are;
// deaths feed the regional abuse memories, which decay by exp(−1/memory_days) a day.
#include "mechanisms/civilians/civilians.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

TEST(CiviliansMechanism, ProtectionFactorFollowsPeacekeepers) {
  World w;
  civilians::Params params;  // effect 0.5, full protection at 1000 peacekeepers
  EXPECT_DOUBLE_EQ(civilians::protection(w.state, kGao, params), 1.0);
  w.force(kMinusma).at_place[kGao] = 500.0;
  w.force(kMinusma).at_place[kAnsongo] = 3000.0;
  w.force(kServal).at_place[kBamako] = 3000.0;  // not peacekeepers: no protection
  w.state.refresh_foreign();
  EXPECT_DOUBLE_EQ(civilians::protection(w.state, kGao, params), 1.0 - 0.5 * 0.5);
  EXPECT_DOUBLE_EQ(civilians::protection(w.state, kAnsongo, params), 0.5);
  EXPECT_DOUBLE_EQ(civilians::protection(w.state, kBamako, params), 1.0);
  params.protect_effect = 1.0;
  EXPECT_DOUBLE_EQ(civilians::protection(w.state, kAnsongo, params), 0.0);
}

TEST(CiviliansMechanism, GroupHoldingATownAttacksCiviliansThere) {
  World w;
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 10, kGao);
  civilians::Params params;
  params.hold_rate = 1.0;   // one attack a day on average
  params.abuse_rate = 0.0;  // no reprisals by the army in Gao
  const int days = 40;
  for (int d = 0; d < days; ++d) {
    w.state.day = d;
    civilians::act(w.state, w.ctx(), params, w.memory);
  }
  const auto attacks = w.events("Violence against civilians", "Attack");
  EXPECT_GT(attacks.size(), 20u);  // Poisson(40)
  EXPECT_LT(attacks.size(), 65u);
  int fatalities = 0;
  for (const auto& e : attacks) {
    EXPECT_EQ(e.location, "Gao");
    EXPECT_EQ(e.actor1, "MNLA");
    EXPECT_EQ(e.actor2, "Civilians (Mali)");
    EXPECT_EQ(e.interaction, 27);
    fatalities += e.fatalities;
  }
  EXPECT_GT(fatalities, 0);
  auto flows = w.close();
  EXPECT_DOUBLE_EQ(flows["civilians_killed"][kGaoRegion], fatalities);
  EXPECT_DOUBLE_EQ(flows["fatalities_violence_against_civilians"][kMali], fatalities);
  // Deaths are residents of Gao's cells, in whole agents of 10 people (fractions carried).
  const auto killed = static_cast<double>(w.count_at(kGao, Status::KilledViolently));
  EXPECT_LE(killed * 10.0, fatalities);
  EXPECT_GT(killed * 10.0, fatalities - 10.0);
  EXPECT_EQ(w.count_at(kAnsongo, Status::KilledViolently) + w.count_at(kBamako, Status::KilledViolently), 0u);
  // The groups' abuse memory holds them (decayed), the state's does not.
  EXPECT_GT(w.memory.abuses_by_groups[1], 0.0);
  EXPECT_LE(w.memory.abuses_by_groups[1], fatalities);
  EXPECT_EQ(w.memory.abuses_by_groups[0], 0.0);
  EXPECT_EQ(w.memory.abuses_by_state[1], 0.0);
}

TEST(CiviliansMechanism, NoHoldAttacksByAGroupWithNobodyInTheTown) {
  World w;
  w.state.places[kGao].controller = kMnla;  // nominally held, fighters gone
  civilians::Params params;
  params.hold_rate = 5.0;
  for (int d = 0; d < 20; ++d) {
    w.state.day = d;
    civilians::act(w.state, w.ctx(), params, w.memory);
  }
  EXPECT_TRUE(w.recorder.events().empty());
}

TEST(CiviliansMechanism, MemoryDecaysByExpMinusOneOverMemoryDaysADay) {
  World w;
  civilians::Params params;
  params.memory_days = 50.0;
  w.memory.abuses_by_state = {10.0, 20.0};
  w.memory.abuses_by_groups = {0.0, 8.0};
  civilians::act(w.state, w.ctx(), params, w.memory);  // nothing happens: no fighters, no danger
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_NEAR(w.memory.abuses_by_state[0], 10.0 * std::exp(-1.0 / 50.0), 1e-12);
  EXPECT_NEAR(w.memory.abuses_by_state[1], 20.0 * std::exp(-1.0 / 50.0), 1e-12);
  EXPECT_NEAR(w.memory.abuses_by_groups[1], 8.0 * std::exp(-1.0 / 50.0), 1e-12);
  for (int d = 1; d < 50; ++d) civilians::act(w.state, w.ctx(), params, w.memory);
  EXPECT_NEAR(w.memory.abuses_by_state[1], 20.0 * std::exp(-1.0), 1e-9);
  // Disabled, memories still fade.
  params.enabled = false;
  civilians::act(w.state, w.ctx(), params, w.memory);
  EXPECT_NEAR(w.memory.abuses_by_state[1], 20.0 * std::exp(-51.0 / 50.0), 1e-9);
}

TEST(CiviliansMechanism, DisabledMeansNoEventsAndNoDeaths) {
  World w;
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 10, kGao);
  w.give_fighters(kMujao, 100);
  w.state.places[kAnsongo].danger = 50.0;
  civilians::Params params;
  params.enabled = false;
  params.hold_rate = 5.0;
  params.guerrilla_rate = 1.0;
  params.abuse_rate = 100.0;
  for (int d = 0; d < 20; ++d) {
    w.state.day = d;
    civilians::act(w.state, w.ctx(), params, w.memory);
  }
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_EQ(w.count(Status::KilledViolently), 0u);
}

TEST(CiviliansMechanism, ArmyAbusesOnlyWhereViolenceIsRecent) {
  World w;
  civilians::Params params;
  params.abuse_rate = 10.0;  // Gao: 10 · 300/1000 · min(1, 20/10) = 3 a day
  w.state.places[kGao].danger = 20.0;
  for (int d = 0; d < 10; ++d) {
    w.state.day = d;
    civilians::act(w.state, w.ctx(), params, w.memory);
    w.state.places[kGao].danger = 20.0;  // kept at this level (M7 decays it in the model)
  }
  const auto abuses = w.events("Violence against civilians");
  EXPECT_GT(abuses.size(), 10u);  // Poisson(30)
  EXPECT_LT(abuses.size(), 55u);
  double fatalities = 0;
  for (const auto& e : abuses) {
    EXPECT_EQ(e.location, "Gao");  // Bamako and Ansongo have no recent violence
    EXPECT_EQ(e.actor1, "Military Forces of Mali");
    EXPECT_EQ(e.interaction, 17);
    fatalities += e.fatalities;
  }
  EXPECT_GT(w.memory.abuses_by_state[1], 0.0);
  EXPECT_LE(w.memory.abuses_by_state[1], fatalities);
  EXPECT_EQ(w.memory.abuses_by_state[0], 0.0);
}

TEST(CiviliansMechanism, FullProtectionPreventsEveryAttack) {
  World w;
  w.state.places[kGao].controller = kMnla;
  w.give_fighters(kMnla, 10, kGao);
  w.give_fighters(kMujao, 100);  // 1000 dispersed
  w.state.places[kAnsongo].danger = 50.0;
  for (PlaceIndex p : {kBamako, kGao, kAnsongo}) w.force(kMinusma).at_place[p] = 2000.0;
  w.state.refresh_foreign();
  civilians::Params params;
  params.protect_effect = 1.0;  // Π = 0 everywhere
  params.hold_rate = 5.0;
  params.guerrilla_rate = 1.0;
  params.abuse_rate = 100.0;
  for (int d = 0; d < 20; ++d) {
    w.state.day = d;
    civilians::act(w.state, w.ctx(), params, w.memory);
  }
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_EQ(w.count(Status::KilledViolently), 0u);
}

TEST(CiviliansMechanism, DispersedFightersAttackTownsOfTheirRegions) {
  World w;
  w.give_fighters(kMujao, 100);  // 1000 dispersed: guerrilla_rate 0.1 -> 1 attack a day
  civilians::Params params;
  params.guerrilla_rate = 0.1;
  params.abuse_rate = 0.0;
  for (int d = 0; d < 60; ++d) {
    w.state.day = d;
    civilians::act(w.state, w.ctx(), params, w.memory);
  }
  const auto attacks = w.events("Violence against civilians");
  EXPECT_GT(attacks.size(), 30u);
  EXPECT_LT(attacks.size(), 95u);
  std::size_t gao = 0;
  for (const auto& e : attacks) {
    EXPECT_EQ(e.actor1, "MUJAO");
    EXPECT_NE(e.location, "Bamako");
    gao += e.location == "Gao" ? 1 : 0;
  }
  // Weights 2 · 1.1 (Gao) and 1 · 1.1 (Ansongo): two thirds in Gao.
  EXPECT_GT(gao, attacks.size() / 2);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
