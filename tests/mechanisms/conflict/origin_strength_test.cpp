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

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
