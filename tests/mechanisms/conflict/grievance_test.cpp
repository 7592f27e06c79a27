// M1 Grievance and legitimacy, for person i of community c in region r:
//   L_i = clamp01(L_regime + a_authority (A_p − 0.5) − a_abuse (1 − exp(−felt_cr / scale))
//                 − a_protect (1 − exp(−by_groups_cr / scale))
//                 − a_foreign resentment_r − a_exclusion [excluded] + spread (u_i − 0.5)),
//   felt_cr = by_state_cr + spill · Σ_{d≠c} by_state_dr   (the state's abuses, own community first),
//   G_i = H_i (1 − L_i).
#include "mechanisms/grievance/grievance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

grievance::Params exact() {
  grievance::Params p;
  p.spread = 0.0;
  return p;
}

PlaceIndex place_of(const World& w, std::size_t i) { return w.state.cells[w.state.people.cell[i]].place; }

TEST(GrievanceMechanism, LegitimacyFollowsTheDocumentedFormula) {
  World w;
  w.state.countries[0].regime_legitimacy = 0.6;
  w.state.places[kGao].state_authority = 0.8;
  w.memory.abuses_by_state[1][kRegionOfGao] = 20.0;   // the state killed community 1 there
  w.memory.abuses_by_groups[2][kRegionOfGao] = 20.0;  // armed groups killed community 2 there
  w.perceived.resentment[1] = 0.5;
  // authority 0.3, abuse 0.3 (scale 20), spill 0.25, protect 0.1, foreign 0.2
  const auto params = exact();
  grievance::update(w.state, w.ctx(), params, w.m1_inputs());
  const double place[] = {0.6 + 0.3 * 0.5, 0.6 + 0.3 * 0.3, 0.6 + 0.3 * 0.5};
  const double foreign = -0.2 * 0.5;
  // In the Gao region: community 1 feels its own 20 deaths, community 2 a quarter of them
  // (spill) and the groups' 20 killings of its own.
  const double community[] = {0.0, -0.3 * (1.0 - std::exp(-1.0)) + foreign,
                              -0.3 * (1.0 - std::exp(-0.25)) - 0.1 * (1.0 - std::exp(-1.0)) + foreign};
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    const PlaceIndex p = place_of(w, i);
    const auto c = w.state.people.community[i];
    ASSERT_EQ(w.state.people.legitimacy[i], to_byte(place[p] + community[c]))
        << "person " << i << " at place " << p << " of community " << static_cast<int>(c);
  }
  // A person's grievance is H · (1 − L).
  w.state.people.hardship[0] = 255;
  EXPECT_NEAR(grievance::grievance(w.state.people, 0), 1.0 - unit(to_byte(0.75)), 1e-12);
  w.state.people.hardship[0] = 0;
  EXPECT_EQ(grievance::grievance(w.state.people, 0), 0.0);
}

TEST(GrievanceMechanism, ExcludedCommunitiesLoseExclusionWeight) {
  World w;
  w.state.excluded_communities = 1u << 1;  // community 1 (even agents in the Gao region)
  auto params = exact();
  params.exclusion_weight = 0.25;
  grievance::update(w.state, w.ctx(), params, w.m1_inputs());
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    const bool excluded = w.state.people.community[i] == 1;
    ASSERT_EQ(w.state.people.legitimacy[i], to_byte(0.75 - (excluded ? 0.25 : 0.0))) << "person " << i;
  }
}

TEST(GrievanceMechanism, LegitimacyIsClampedToTheUnitInterval) {
  World w;
  w.state.countries[0].regime_legitimacy = 1.0;
  grievance::update(w.state, w.ctx(), exact(), w.m1_inputs());
  for (std::size_t i = 0; i < w.state.people.size(); ++i) ASSERT_EQ(w.state.people.legitimacy[i], 255);
  w.state.countries[0].regime_legitimacy = 0.0;
  for (auto& by_region : w.memory.abuses_by_state) by_region = {1000.0, 1000.0};
  grievance::update(w.state, w.ctx(), exact(), w.m1_inputs());
  for (std::size_t i = 0; i < w.state.people.size(); ++i) ASSERT_EQ(w.state.people.legitimacy[i], 0);
}

TEST(GrievanceMechanism, DeadPeopleAreUntouchedTheLivingUpdated) {
  World w;
  w.state.people.status[0] = Status::KilledViolently;
  w.state.people.status[1] = Status::DiedNaturally;
  w.state.people.status[2] = Status::Displaced;
  w.state.people.status[3] = Status::Fighter;
  for (std::size_t i = 0; i < 4; ++i) w.state.people.legitimacy[i] = 7;
  grievance::update(w.state, w.ctx(), exact(), w.m1_inputs());
  EXPECT_EQ(w.state.people.legitimacy[0], 7);
  EXPECT_EQ(w.state.people.legitimacy[1], 7);
  EXPECT_EQ(w.state.people.legitimacy[2], to_byte(0.75));
  EXPECT_EQ(w.state.people.legitimacy[3], to_byte(0.75));
}

TEST(GrievanceMechanism, DisabledLeavesLegitimacyAsItWas) {
  World w;
  auto params = exact();
  params.enabled = false;
  w.state.countries[0].regime_legitimacy = 0.1;
  grievance::update(w.state, w.ctx(), params, w.m1_inputs());
  for (std::size_t i = 0; i < w.state.people.size(); ++i) ASSERT_EQ(w.state.people.legitimacy[i], 128);
}

TEST(GrievanceMechanism, SpreadMakesPeopleDifferAroundTheMeanAndIsFixedPerPerson) {
  World w({10.0, 200, 11});
  grievance::Params params;  // spread 0.4: ±0.2 around 0.75 in Bamako
  grievance::update(w.state, w.ctx(), params, w.m1_inputs());
  std::set<int> values;
  double mean = 0.0;
  std::size_t n = 0;
  std::vector<std::uint8_t> first = w.state.people.legitimacy;
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    if (place_of(w, i) != kBamako) continue;
    const auto l = w.state.people.legitimacy[i];
    EXPECT_GE(l, to_byte(0.55));
    EXPECT_LE(l, to_byte(0.95));
    values.insert(l);
    mean += unit(l);
    ++n;
  }
  mean /= static_cast<double>(n);
  EXPECT_GT(values.size(), 30u);
  EXPECT_NEAR(mean, 0.75, 0.03);  // 200 uniform draws: standard error 0.008
  // The draw is per person, not per month: a second update gives the same values.
  w.state.day = 31;
  grievance::update(w.state, w.ctx(), params, w.m1_inputs());
  EXPECT_EQ(w.state.people.legitimacy, first);
  // Another seed, other people.
  World other({10.0, 200, 12});
  grievance::update(other.state, other.ctx(), params, other.m1_inputs());
  EXPECT_NE(other.state.people.legitimacy, first);
}

// The kept draws (a cache across months, grown as people are born, dropped for another seed) give
// every person the value the draws made afresh give.
TEST(GrievanceMechanism, KeptDrawsGiveTheSameLegitimacyAsFreshOnes) {
  grievance::Params params;
  grievance::SpreadDraws kept;
  World w({10.0, 200, 11});
  World fresh({10.0, 200, 11});
  grievance::update(w.state, w.ctx(), params, w.m1_inputs(), kept);
  grievance::update(fresh.state, fresh.ctx(), params, fresh.m1_inputs());
  EXPECT_EQ(w.state.people.legitimacy, fresh.state.people.legitimacy);
  // People born since, and a changed place: the kept draws grow to cover them.
  for (World* x : {&w, &fresh}) {
    for (int b = 0; b < 5; ++b) x->state.people.add(x->state.people.cell[b], x->state.people.community[b], 0);
    x->state.places[kBamako].state_authority = 0.4;
  }
  grievance::update(w.state, w.ctx(), params, w.m1_inputs(), kept);
  grievance::update(fresh.state, fresh.ctx(), params, fresh.m1_inputs());
  EXPECT_EQ(w.state.people.legitimacy, fresh.state.people.legitimacy);
  // Another seed with the same cache: its own draws, not the first seed's.
  World other({10.0, 200, 12});
  World other_fresh({10.0, 200, 12});
  grievance::update(other.state, other.ctx(), params, other.m1_inputs(), kept);
  grievance::update(other_fresh.state, other_fresh.ctx(), params, other_fresh.m1_inputs());
  EXPECT_EQ(other.state.people.legitimacy, other_fresh.state.people.legitimacy);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
