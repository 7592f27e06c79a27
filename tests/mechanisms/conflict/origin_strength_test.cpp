// M17's ceiling for each group (src/mechanisms/origin_strength): headroom times the group's fighters
// after the correction, none for a group without fighters or not formed by the origin.
#include "mechanisms/origin_strength/origin_strength.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

// Two groups with fighters at the correction. A group that was not formed on the origin's day (a
// split on the day after brought it fighters from its parent) has no ceiling of its own; without a
// record of the origin's day every active group with fighters has one.
TEST(OriginStrength, AGroupFormedAfterTheOriginHasNoCeilingOfItsOwn) {
  World w;
  w.group(kMnla).active = true;
  w.group(kMujao).active = true;
  w.give_fighters(kMnla, 10);
  w.give_fighters(kMujao, 5);
  mechanisms::origin_strength::Params params;
  params.ceiling_headroom = 1.5;
  const double k = w.state.people.people_per_agent;

  const auto both = mechanisms::origin_strength::group_ceilings(w.state, params);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_DOUBLE_EQ(both[0], 1.5 * 10 * k);
  EXPECT_DOUBLE_EQ(both[1], 1.5 * 5 * k);

  const auto formed_after = mechanisms::origin_strength::group_ceilings(w.state, params, {1, 0});
  EXPECT_DOUBLE_EQ(formed_after[0], 1.5 * 10 * k);
  EXPECT_LT(formed_after[1], 0.0);

  w.group(kMnla).active = false;  // gone since: no ceiling either
  EXPECT_LT(mechanisms::origin_strength::group_ceilings(w.state, params, {1, 1})[0], 0.0);
}

// f_gr: the deaths naming the group plus its share (the model's) of the unnamed ones, smoothed,
// over the model's deaths naming it, within the bounds.
TEST(OriginStrength, AGroupsFactorIsItsOwnDeathsWithItsShareOfTheUnnamed) {
  mechanisms::origin_strength::Params p;
  p.smoothing = 10.0;
  p.max_factor = 4.0;
  using mechanisms::origin_strength::group_factor;
  // 20 named, a quarter (the model's 30 of 120) of 40 unnamed: (20 + 10 + 10) / (30 + 10) = 1.
  EXPECT_DOUBLE_EQ(group_factor(20, 40, 30, 120, p), 1.0);
  // Never named, 60 of the model's 100: (0 + 0.6 · 50 + 10) / (60 + 10).
  EXPECT_DOUBLE_EQ(group_factor(0, 50, 60, 100, p), 40.0 / 70.0);
  EXPECT_DOUBLE_EQ(group_factor(0, 0, 1000, 1000, p), 0.25);  // at most 4 either way
  EXPECT_DOUBLE_EQ(group_factor(500, 0, 0, 0, p), 4.0);
  EXPECT_DOUBLE_EQ(group_factor(0, 0, 0, 0, p), 1.0);  // nothing on either side: no change
}

// The deaths naming a group that has merged since go to the group it merged into; those naming a
// group gone (not merged) are unnamed for the model.
TEST(OriginStrength, DeathsNamingAGroupGoneGoToItsHeirOrToTheUnnamed) {
  World w;
  const std::size_t regions = w.state.regions.size();
  mechanisms::origin_strength::Observed observed;
  observed.unnamed.assign(regions, 5.0);
  observed.named.assign(w.state.groups.size() * regions, 0.0);
  observed.named[(kMnla - 1) * regions + kRegionOfGao] = 7.0;
  observed.named[(kMujao - 1) * regions + kRegionOfGao] = 11.0;
  w.group(kMnla).active = true;
  w.group(kMujao).active = true;
  double unnamed = 0.0;
  auto named = mechanisms::origin_strength::named_deaths(w.state, observed, kRegionOfGao, unnamed);
  EXPECT_DOUBLE_EQ(named[kMnla - 1], 7.0);
  EXPECT_DOUBLE_EQ(named[kMujao - 1], 11.0);
  EXPECT_DOUBLE_EQ(unnamed, 5.0);

  w.group(kMujao).active = false;
  w.group(kMujao).merged_into = kMnla;
  named = mechanisms::origin_strength::named_deaths(w.state, observed, kRegionOfGao, unnamed);
  EXPECT_DOUBLE_EQ(named[kMnla - 1], 18.0);
  EXPECT_DOUBLE_EQ(named[kMujao - 1], 0.0);
  EXPECT_DOUBLE_EQ(unnamed, 5.0);

  w.group(kMujao).merged_into = conflict::kNoActor;
  named = mechanisms::origin_strength::named_deaths(w.state, observed, kRegionOfGao, unnamed);
  EXPECT_DOUBLE_EQ(named[kMnla - 1], 7.0);
  EXPECT_DOUBLE_EQ(unnamed, 16.0);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
