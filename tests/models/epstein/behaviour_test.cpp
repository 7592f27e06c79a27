// The model's known behaviour (MODEL.md §7; Epstein 2002): punctuated bursts of rebellion, more
// rebellion as legitimacy falls, larger bursts after sudden drops in legitimacy than after gradual
// ones of the same size. Each test could fail: they compare outcomes, not implementation details.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

using support::Driver;
using support::run_series;

// Outbursts: the number of times the active count rises to `high` after having fallen below
// high / 3 (calm) since the previous one.
int bursts(const std::vector<double>& active, double high) {
  int n = 0;
  bool calm = true;
  for (double a : active) {
    if (calm && a >= high) {
      ++n;
      calm = false;
    } else if (!calm && a < high / 3) {
      calm = true;
    }
  }
  return n;
}

// Punctuated equilibrium: long calm stretches broken, again and again, by outbursts far above the
// typical level. Checked after a warm-up of 50 steps (the first steps often see one large
// outburst as the initial, uniformly quiet population sorts itself out), at NetLogo's settings
// (its documented example of the behaviour) for both rule sets. (At Mesa's own defaults, J = 1000
// soon jails every would-be rebel on a 40x40 grid: Mesa's example itself shows almost no activity
// after the first steps, and so does this implementation.)
TEST(Behaviour, PunctuatedBurstsOfRebellion) {
  for (Driver kind : {Driver::NetLogo, Driver::MesaExact, Driver::MesaParallel}) {
    const Params p = kind == Driver::NetLogo ? netlogo_defaults() : support::netlogo_like_mesa();
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      const auto s = run_series(kind, p, seed, 550);
      const std::vector<double> active(s.active.begin() + 50, s.active.end());
      const double peak = support::max_of(active);
      const double median = support::median(active);
      const double cv = support::sample_sd(active) / support::mean(active);
      const std::string what =
          "variant " + std::to_string(static_cast<int>(kind)) + " seed " + std::to_string(seed);
      EXPECT_GE(peak, 40) << what;
      EXPECT_LE(median, peak / 5) << what;
      EXPECT_GT(cv, 0.9) << what;
      EXPECT_GE(bursts(active, std::max(5 * median, peak / 3)), 3) << what;
    }
  }
}

double mean_active(Driver kind, Params p, double legitimacy, int seeds) {
  p.legitimacy = legitimacy;
  double total = 0.0;
  for (int seed = 1; seed <= seeds; ++seed)
    total += support::mean(run_series(kind, p, 100 + static_cast<std::uint64_t>(seed), 300).active);
  return total / seeds;
}

TEST(Behaviour, MoreRebellionAsLegitimacyFalls) {
  for (Driver kind : {Driver::NetLogo, Driver::MesaExact, Driver::MesaParallel}) {
    const Params p = kind == Driver::NetLogo ? netlogo_defaults() : support::netlogo_like_mesa();
    const double at60 = mean_active(kind, p, 0.6, 4);
    const double at80 = mean_active(kind, p, 0.8, 4);
    const double at90 = mean_active(kind, p, 0.9, 4);
    EXPECT_GT(at60, 1.5 * at80) << "variant " << static_cast<int>(kind);
    EXPECT_GT(at80, at90) << "variant " << static_cast<int>(kind);
    EXPECT_GT(at80, 5.0) << "variant " << static_cast<int>(kind);
  }
  // At Mesa's own defaults too, where J = 1000 keeps activity low: more rebels, jailed or not.
  double rebels60 = 0.0, rebels80 = 0.0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    for (double l : {0.6, 0.8}) {
      Params p = mesa_defaults();
      p.legitimacy = l;
      const auto s = run_series(Driver::MesaExact, p, seed, 200);
      (l == 0.6 ? rebels60 : rebels80) += support::mean(s.active) + support::mean(s.jailed);
    }
  }
  EXPECT_GT(rebels60, 1.5 * rebels80);
}

// Legitimacy falls from 0.9 by 0.2 from step 50, at once or over 200 steps; the largest number of
// active citizens after step 50, averaged over seeds.
double mean_peak_after_drop(Driver kind, std::uint32_t ramp, int seeds) {
  Params p = kind == Driver::NetLogo ? netlogo_defaults() : support::netlogo_like_mesa();
  p.legitimacy = 0.9;
  p.legitimacy_drop = 0.2;
  p.legitimacy_drop_start = 50;
  p.legitimacy_drop_steps = ramp;
  double total = 0.0;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto s = run_series(kind, p, 200 + static_cast<std::uint64_t>(seed), 300);
    total += support::max_of(s.active);
  }
  return total / seeds;
}

TEST(Behaviour, SuddenLegitimacyDropGivesLargerBurstThanGradualOne) {
  for (Driver kind : {Driver::NetLogo, Driver::MesaExact, Driver::MesaParallel}) {
    const double sudden = mean_peak_after_drop(kind, 1, 5);
    const double gradual = mean_peak_after_drop(kind, 200, 5);
    EXPECT_GT(sudden, 1.2 * gradual) << "variant " << static_cast<int>(kind);
  }
}

TEST(Behaviour, LegitimacyScheduleIsLinear) {
  Params p;
  p.legitimacy = 0.9;
  p.legitimacy_drop = 0.2;
  p.legitimacy_drop_start = 50;
  p.legitimacy_drop_steps = 1;
  EXPECT_DOUBLE_EQ(p.legitimacy_at(49), 0.9);
  EXPECT_NEAR(p.legitimacy_at(50), 0.7, 1e-12);
  EXPECT_NEAR(p.legitimacy_at(500), 0.7, 1e-12);
  p.legitimacy_drop_steps = 100;
  EXPECT_DOUBLE_EQ(p.legitimacy_at(49), 0.9);
  EXPECT_NEAR(p.legitimacy_at(50), 0.898, 1e-12);
  EXPECT_NEAR(p.legitimacy_at(99), 0.8, 1e-12);
  EXPECT_NEAR(p.legitimacy_at(149), 0.7, 1e-12);
  EXPECT_NEAR(p.legitimacy_at(1000), 0.7, 1e-12);
}

}  // namespace
}  // namespace peacesim::models::epstein
