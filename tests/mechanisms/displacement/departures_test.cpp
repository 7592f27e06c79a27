// Residents' departures by agent-specific thresholds: conserved, capped by the leaving share,
// following the exponential threshold law, and driven only by violence.
#include "mechanisms/displacement/departures.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "mechanisms/displacement/parameters.hpp"

namespace peacesim::mechanisms::displacement {
namespace {

TEST(Departures, NobodyLeavesWithoutViolence) {
  Departures d({1000, 500}, {0.5, 10});
  for (int day = 0; day < 100; ++day) {
    const auto out = d.leave({0, 0});
    EXPECT_EQ(out[0], 0.0);
    EXPECT_EQ(out[1], 0.0);
  }
  EXPECT_EQ(d.residents(0), 1000.0);
}

TEST(Departures, FollowTheThresholdLawAndConservePeople) {
  const ThresholdRules r{0.4, 20};
  Departures d({10000, 3000}, r);
  double left0 = 0.0;
  for (int day = 1; day <= 60; ++day) {
    const double v = day % 3 == 0 ? 0.0 : 1.0;  // pauses do not reset the exposure
    const auto out = d.leave({v, 0.5});
    EXPECT_GE(out[0], 0.0);
    left0 += out[0];
    EXPECT_NEAR(d.left(0), left0, 1e-9);
    EXPECT_NEAR(d.residents(0) + d.left(0), 10000.0, 1e-9);
    EXPECT_NEAR(d.left(0), r.leaving_share * 10000.0 * (1 - std::exp(-d.exposure(0) / r.tolerance_days)),
                1e-6);
  }
  EXPECT_DOUBLE_EQ(d.exposure(0), 40.0);
  EXPECT_DOUBLE_EQ(d.exposure(1), 30.0);
}

TEST(Departures, NeverMoreThanTheLeavingShare) {
  Departures d({2000}, {0.3, 5});
  for (int day = 0; day < 1000; ++day) d.leave({1.0});
  EXPECT_LE(d.left(0), 0.3 * 2000 + 1e-9);
  EXPECT_NEAR(d.left(0), 0.3 * 2000, 1e-6);
}

TEST(Departures, RejectsBadRules) {
  EXPECT_THROW(Departures({1}, {1.5, 10}), std::invalid_argument);
  EXPECT_THROW(Departures({1}, {0.5, 0}), std::invalid_argument);
  EXPECT_THROW(Departures({-1}, {0.5, 10}), std::invalid_argument);
  Departures d({1, 2}, {0.5, 10});
  EXPECT_THROW(d.leave({1.0}), std::invalid_argument);
}

TEST(DisplacementParameters, EachHasADefaultInRangeAUnitAndASource) {
  auto specs = parameter_specs();
  for (auto& s : threshold_parameter_specs()) specs.push_back(s);
  for (const auto& s : specs) {
    EXPECT_LE(s.min, s.default_value) << s.name;
    EXPECT_GE(s.max, s.default_value) << s.name;
    EXPECT_FALSE(s.unit.empty()) << s.name;
    EXPECT_TRUE(s.source.rfind("Flee", 0) == 0 || s.source.rfind("assumption: ", 0) == 0) << s.name;
  }
}

}  // namespace
}  // namespace peacesim::mechanisms::displacement
