// The parallel variant changes only the update order: its statistics must match the exact
// (Mesa) variant's. Compares, over seeds, the mean and peak number of active citizens and the
// final number jailed, with a two-sample z-test (difference of means within 4 standard errors;
// the seeds are fixed, so the test is deterministic).
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

using support::Driver;

struct Sample {
  std::vector<double> mean_active, peak_active, final_jailed;
};

Sample sample(Driver kind, const Params& p, int seeds, std::uint32_t steps, std::uint32_t tile) {
  Sample s;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto r = support::run_series(kind, p, 1000 + static_cast<std::uint64_t>(seed), steps, tile);
    s.mean_active.push_back(support::mean(r.active));
    s.peak_active.push_back(support::max_of(r.active));
    s.final_jailed.push_back(r.jailed.back());
  }
  return s;
}

double z(const std::vector<double>& a, const std::vector<double>& b) {
  const double se = std::sqrt(std::pow(support::sample_sd(a), 2) / static_cast<double>(a.size()) +
                              std::pow(support::sample_sd(b), 2) / static_cast<double>(b.size()));
  return (support::mean(a) - support::mean(b)) / se;
}

// 96x96 with tiles of 16 cells: 4x4 tiles in four colour phases, so the partitioned order differs
// from a single random order everywhere.
TEST(ParallelStatistics, MatchesExactVariant) {
  Params p = support::netlogo_like_mesa();
  p.width = 96;
  p.height = 96;
  for (double legitimacy : {0.82, 0.7}) {
    p.legitimacy = legitimacy;
    const Sample exact = sample(Driver::MesaExact, p, 16, 150, 16);
    const Sample parallel = sample(Driver::MesaParallel, p, 16, 150, 16);
    EXPECT_LT(std::abs(z(exact.mean_active, parallel.mean_active)), 4.0) << "L " << legitimacy;
    EXPECT_LT(std::abs(z(exact.peak_active, parallel.peak_active)), 4.0) << "L " << legitimacy;
    EXPECT_LT(std::abs(z(exact.final_jailed, parallel.final_jailed)), 4.0) << "L " << legitimacy;
    // And the levels are of the same size, not just statistically indistinguishable.
    EXPECT_NEAR(support::mean(parallel.mean_active) / support::mean(exact.mean_active), 1.0, 0.25);
    EXPECT_NEAR(support::mean(parallel.final_jailed) / support::mean(exact.final_jailed), 1.0, 0.15);
  }
}

TEST(ParallelStatistics, TilingHasTheDocumentedShape) {
  Params p = mesa_defaults();
  EXPECT_EQ(MesaWorld(p, 1).tiles_across(), 1u);  // 40x40, default tile side 64: one tile
  p.width = p.height = 96;
  EXPECT_EQ(MesaWorld(p, 1, 16).tiles_across(), 4u);  // tiles at least 2*7+8 = 22 wide
  p.width = p.height = 4000;
  p.citizen_density = p.cop_density = 0.0;
  EXPECT_EQ(MesaWorld(p, 1).tiles_across(), 62u);
}

}  // namespace
}  // namespace peacesim::models::epstein
