// M11 Perceptions: I' = I + rate (1 − pressure − I);
// R' = R + growth · s_r · (1 − R) − decay · R with s_r = foreign / (foreign + army) in region r.
#include "mechanisms/perceptions/perceptions.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

TEST(PerceptionsMechanism, ImpartialityRelaxesToOneMinusPressure) {
  World w;
  perceptions::Params params;  // rate 0.1
  w.perceived.un_impartiality = 1.0;
  w.state.un_partiality_pressure = 0.4;
  perceptions::update(w.state, w.perceived, params);
  EXPECT_NEAR(w.perceived.un_impartiality, 1.0 + 0.1 * (0.6 - 1.0), 1e-12);
  for (int m = 0; m < 300; ++m) perceptions::update(w.state, w.perceived, params);
  EXPECT_NEAR(w.perceived.un_impartiality, 0.6, 1e-9);
  // Pressure is clamped to [0, 1].
  w.state.un_partiality_pressure = 1.5;
  perceptions::update(w.state, w.perceived, params);
  EXPECT_NEAR(w.perceived.un_impartiality, 0.6 + 0.1 * (0.0 - 0.6), 1e-12);
  w.state.un_partiality_pressure = -1.0;
  const double before = w.perceived.un_impartiality;
  perceptions::update(w.state, w.perceived, params);
  EXPECT_NEAR(w.perceived.un_impartiality, before + 0.1 * (1.0 - before), 1e-12);
}

TEST(PerceptionsMechanism, ResentmentUpdateForOneMonth) {
  World w;
  perceptions::Params params;                  // growth 0.03, decay 0.01
  w.force(kMinusma).at_place[kGao] = 600.0;    // region 1: 600 foreign, 400 army -> s = 0.6
  w.force(kServal).at_place[kMbera] = 5000.0;  // abroad: counts nowhere
  w.state.refresh_foreign();
  w.perceived.resentment = {0.5, 0.2};
  perceptions::update(w.state, w.perceived, params);
  EXPECT_NEAR(w.perceived.resentment[1], 0.2 + 0.03 * 0.6 * 0.8 - 0.01 * 0.2, 1e-12);
  EXPECT_NEAR(w.perceived.resentment[0], 0.5 - 0.01 * 0.5, 1e-12);  // no foreign troops: it fades
}

TEST(PerceptionsMechanism, RegionWithoutTroopsOnlyFades) {
  World w;
  perceptions::Params params;
  for (Place& p : w.state.places) p.army = 0.0;
  w.perceived.resentment = {0.0, 0.3};
  perceptions::update(w.state, w.perceived, params);
  EXPECT_EQ(w.perceived.resentment[0], 0.0);
  EXPECT_NEAR(w.perceived.resentment[1], 0.3 * 0.99, 1e-12);
}

TEST(PerceptionsMechanism, ResentmentApproachesItsEquilibrium) {
  World w;
  perceptions::Params params;
  for (Place& p : w.state.places) p.army = 0.0;
  w.force(kMinusma).at_place[kGao] = 100.0;  // s = 1: R* = growth / (growth + decay) = 0.75
  w.state.refresh_foreign();
  for (int m = 0; m < 2000; ++m) perceptions::update(w.state, w.perceived, params);
  EXPECT_NEAR(w.perceived.resentment[1], 0.75, 1e-9);
}

TEST(PerceptionsMechanism, DisabledChangesNothing) {
  World w;
  perceptions::Params params;
  params.enabled = false;
  w.state.un_partiality_pressure = 1.0;
  w.perceived.resentment = {0.5, 0.2};
  w.force(kMinusma).at_place[kGao] = 600.0;
  w.state.refresh_foreign();
  perceptions::update(w.state, w.perceived, params);
  EXPECT_EQ(w.perceived.un_impartiality, 1.0);
  EXPECT_EQ(w.perceived.resentment, (std::vector<double>{0.5, 0.2}));
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
