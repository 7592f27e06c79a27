// M9 institutions: the documented triggers, delays, strength law, burden sharing, take-over and
// withdrawal, on hand-made situations (no conflict state needed).
#include "mechanisms/institutions/institutions.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace peacesim::mechanisms::institutions {
namespace {

constexpr double kMonth = 30.4375;

Situation quiet(std::int32_t day, std::size_t operations) {
  Situation s;
  s.day = day;
  s.strength.assign(operations, 0.0);
  s.deaths.assign(operations, 0.0);
  return s;
}

Rule national(std::size_t op, Trigger trigger, double ceiling) {
  Rule r;
  r.operation = op;
  r.trigger = trigger;
  r.needs_authorization = false;
  r.ceilings = {{0, ceiling}};
  return r;
}

TEST(Institutions, DateTriggerWaitsForTheCouncilThenGeneratesTowardsTheCeiling) {
  Params p;
  Rule r = national(0, Trigger::Date, 1000);
  r.trigger_day = 10;
  r.needs_authorization = true;
  Institutions inst({r}, p, 1);
  for (std::int32_t d = 0; d < 10; ++d) inst.step(quiet(d, 1));
  EXPECT_EQ(inst.standing(0).phase, Phase::Waiting);
  inst.step(quiet(10, 1));
  EXPECT_EQ(inst.standing(0).phase, Phase::Authorizing);
  const auto start = 10 + std::lround((p.authorization_months + p.deployment_months) * kMonth);
  for (std::int32_t d = 11; d < start; ++d) inst.step(quiet(d, 1));
  EXPECT_DOUBLE_EQ(inst.strength(0), 0.0);
  EXPECT_EQ(inst.standing(0).phase, Phase::Authorizing);
  inst.step(quiet(static_cast<std::int32_t>(start), 1));
  EXPECT_EQ(inst.standing(0).phase, Phase::Deployed);
  EXPECT_EQ(inst.standing(0).start_day, start);
  // S(t) = T - (T - 0) exp(-t / tau) after t days; the first deployed day counts as one.
  const double tau = p.generation_months * kMonth;
  for (auto d = static_cast<std::int32_t>(start) + 1; d < start + 100; ++d) inst.step(quiet(d, 1));
  EXPECT_NEAR(inst.strength(0), 1000.0 * (1.0 - std::exp(-100.0 / tau)), 1e-6);
}

TEST(Institutions, NoAuthorizationClockWhileTheHostGovernmentIsAJunta) {
  // 004 §4.2: the Council wanted the host's request, which a junta does not make.
  Params p;
  Rule r = national(0, Trigger::Date, 1000);
  r.needs_authorization = true;
  Rule france = national(1, Trigger::Date, 1000);  // a national operation needs no request
  Institutions inst({r, france}, p, 2);
  auto s = quiet(0, 2);
  s.host_military = true;
  for (std::int32_t d = 0; d < 300; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_EQ(inst.standing(0).phase, Phase::Authorizing);
  EXPECT_EQ(inst.standing(1).phase, Phase::Deployed);
  s.host_military = false;  // a transitional government asks
  const auto wait = std::lround((p.authorization_months + p.deployment_months) * kMonth);
  for (std::int32_t d = 300; d <= 300 + wait; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_EQ(inst.standing(0).phase, Phase::Deployed);
  EXPECT_EQ(inst.standing(0).start_day, 300 + wait - 1);
}

TEST(Institutions, ATrustFundPaysForPartOfTheCeilingAndSlowsGeneration) {
  Params p;
  Rule assessed = national(0, Trigger::Date, 1000);
  Rule fund = national(1, Trigger::Date, 1000);
  fund.trust_fund = true;
  Institutions inst({assessed, fund}, p, 2);
  for (std::int32_t d = 0; d < 8000; ++d) inst.step(quiet(d, 2));
  EXPECT_NEAR(inst.strength(0), 1000.0, 1e-3);
  EXPECT_NEAR(inst.strength(1), 1000.0 * p.trust_fund_share, 1e-3);
  Institutions early({assessed, fund}, p, 2);
  for (std::int32_t d = 0; d < 60; ++d) early.step(quiet(d, 2));
  EXPECT_LT(early.strength(1) / p.trust_fund_share, early.strength(0));
}

TEST(Institutions, AcuteThreatTriggersANationalInterventionWithinItsReactionTime) {
  Params p;
  Institutions inst({national(0, Trigger::AcuteThreat, 4000)}, p, 1);
  auto s = quiet(0, 1);
  s.threat_km = p.threat_km + 1.0;
  for (std::int32_t d = 0; d < 50; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_EQ(inst.standing(0).phase, Phase::Waiting);
  s.threat_km = p.threat_km - 1.0;
  s.day = 50;
  inst.step(s);
  EXPECT_EQ(inst.standing(0).decided_day, 50);
  EXPECT_EQ(inst.standing(0).start_day, 50 + std::lround(p.reaction_days));
}

TEST(Institutions, ContestedStableFiresOnlyAfterTheContestedRegionsAreHeldLongEnough) {
  Params p;
  p.stable_months = 2.0;
  Institutions inst({national(0, Trigger::ContestedStable, 100)}, p, 1);
  auto s = quiet(0, 1);
  s.contested_held = true;
  for (std::int32_t d = 0; d < 40; ++d) {
    s.day = d;
    inst.step(s);
  }
  s.contested_held = false;  // lost again: the count starts over
  s.day = 40;
  inst.step(s);
  s.contested_held = true;
  for (std::int32_t d = 41; d < 41 + 60; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_EQ(inst.standing(0).phase, Phase::Waiting);
  for (std::int32_t d = 101; d < 110; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_EQ(inst.standing(0).decided_day, 41 + std::lround(std::ceil(2.0 * kMonth)));
}

TEST(Institutions, ASuccessorRehatsItsPredecessorsTroopsAndEndsIt) {
  Params p;
  Rule pred = national(0, Trigger::Date, 3000);
  Rule succ = national(1, Trigger::PredecessorDeployed, 12000);
  succ.takes_over = 0;
  succ.needs_authorization = true;
  Institutions inst({pred, succ}, p, 2);
  auto s = quiet(0, 2);
  std::int32_t start = -1;
  double before = 0.0;
  for (std::int32_t d = 0; d < 400 && start < 0; ++d) {
    s.day = d;
    s.strength = {inst.strength(0), inst.strength(1)};
    before = inst.strength(0);
    inst.step(s);
    if (inst.standing(1).phase == Phase::Deployed) start = d;
  }
  ASSERT_GT(start, 0);
  EXPECT_EQ(inst.standing(0).phase, Phase::Ended);
  EXPECT_DOUBLE_EQ(inst.strength(0), 0.0);
  // The successor starts from the predecessor's troops and grows from there.
  EXPECT_GT(inst.strength(1), before);
  EXPECT_LT(inst.strength(1), before + 12000.0 / (p.generation_months * kMonth) + 1.0);
}

TEST(Institutions, BurdenSharingDrawsDownOnceThePartnersAreInTheField) {
  Params p;
  Rule france = national(0, Trigger::Date, 4000);
  france.share_with = {1};
  Institutions inst({france}, p, 2);
  auto s = quiet(0, 2);
  for (std::int32_t d = 0; d < 3000; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_NEAR(inst.strength(0), 4000.0, 1.0);
  s.strength[1] = p.burden_share * 4000.0;  // partners as strong as the ceiling
  for (std::int32_t d = 3000; d < 6000; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_NEAR(inst.strength(0), p.residual_share * 4000.0, 1.0);
  s.threat_km = 0.0;  // an acute threat brings it back to full strength
  for (std::int32_t d = 6000; d < 9000; ++d) {
    s.day = d;
    inst.step(s);
  }
  EXPECT_NEAR(inst.strength(0), 4000.0, 1.0);
}

TEST(Institutions, LossesOverTheYearMakeAnOperationWithdrawButOnlyIfAllowed) {
  Params p;
  Rule stays = national(0, Trigger::Date, 1000);
  Rule leaves = national(1, Trigger::Date, 1000);
  leaves.may_withdraw = true;
  Institutions inst({stays, leaves}, p, 2);
  auto s = quiet(0, 2);
  for (std::int32_t d = 0; d < 3000; ++d) {
    s.day = d;
    // Deaths accumulate slower than the threshold per year at first, then faster.
    const double per_day = d < 1500 ? 0.5 * p.withdrawal_deaths / 365.0 : 2.0 * p.withdrawal_deaths / 365.0;
    s.deaths[0] += per_day;
    s.deaths[1] += per_day;
    inst.step(s);
    if (d == 1499) {
      EXPECT_EQ(inst.standing(1).phase, Phase::Deployed);
    }
  }
  EXPECT_EQ(inst.standing(0).phase, Phase::Deployed);
  EXPECT_EQ(inst.standing(1).phase, Phase::Ended);
  EXPECT_DOUBLE_EQ(inst.strength(1), 0.0);
}

TEST(Institutions, SwitchedOffRulesNothing) {
  Params p;
  p.enabled = false;
  Institutions inst({national(0, Trigger::Date, 1000)}, p, 1);
  EXPECT_FALSE(inst.rules(0));
  inst.step(quiet(0, 1));
  EXPECT_TRUE(inst.decisions().empty());
}

}  // namespace
}  // namespace peacesim::mechanisms::institutions
