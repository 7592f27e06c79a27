// Designs (grid, Latin hypercube) and Morris's elementary effects on functions whose answer is
// known: a linear function's effects are its coefficients, an unused parameter's are zero, and a
// non-linear parameter shows a spread.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "analysis/sensitivity/designs.hpp"
#include "analysis/sensitivity/morris.hpp"

namespace peacesim::analysis::sensitivity {
namespace {

TEST(Designs, AGridHasEveryCombinationOfItsLevels) {
  const auto g = grid_design(2, 3);
  ASSERT_EQ(g.size(), 9u);
  std::set<std::pair<double, double>> seen;
  for (const auto& p : g) seen.insert({p[0], p[1]});
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_EQ(g.front(), (Point{0.0, 0.0}));
  EXPECT_EQ(g.back(), (Point{1.0, 1.0}));
  EXPECT_EQ(g[1], (Point{0.0, 0.5}));  // the last parameter moves fastest
  EXPECT_THROW(grid_design(2, 1), std::invalid_argument);
}

TEST(Designs, ALatinHypercubeUsesEachStratumOnceAndDependsOnlyOnItsSeed) {
  const std::size_t n = 20;
  const auto a = latin_hypercube(3, n, 7);
  for (std::size_t k = 0; k < 3; ++k) {
    std::set<std::size_t> strata;
    for (const auto& p : a) {
      ASSERT_GE(p[k], 0.0);
      ASSERT_LT(p[k], 1.0);
      strata.insert(static_cast<std::size_t>(p[k] * n));
    }
    EXPECT_EQ(strata.size(), n) << "parameter " << k;
  }
  EXPECT_EQ(a, latin_hypercube(3, n, 7));
  EXPECT_NE(a, latin_hypercube(3, n, 8));
}

TEST(Designs, ScalingMapsTheUnitCubeToTheRanges) {
  EXPECT_EQ(scale({0.0, 0.5, 1.0}, {1, 10, -2}, {3, 20, 2}), (std::vector<double>{1, 15, 2}));
}

std::vector<std::vector<double>> evaluate(const std::vector<Trajectory>& ts, double (*f)(const Point&)) {
  std::vector<std::vector<double>> y;
  for (const auto& t : ts) {
    y.emplace_back();
    for (const auto& p : t.points) y.back().push_back(f(p));
  }
  return y;
}

TEST(Morris, TrajectoriesMoveEachParameterOnceByTheJumpInsideTheCube) {
  const auto ts = morris_trajectories(4, 10, 4, 3);
  const double delta = 4.0 / 6.0;
  for (const auto& t : ts) {
    ASSERT_EQ(t.points.size(), 5u);
    std::set<std::size_t> moved(t.moved.begin(), t.moved.end());
    EXPECT_EQ(moved.size(), 4u);
    for (std::size_t j = 0; j < t.moved.size(); ++j) {
      EXPECT_NEAR(std::abs(t.step[j]), delta, 1e-12);
      for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_GE(t.points[j + 1][k], -1e-12);
        EXPECT_LE(t.points[j + 1][k], 1.0 + 1e-12);
        if (k != t.moved[j]) {
          EXPECT_EQ(t.points[j + 1][k], t.points[j][k]);
        }
      }
    }
  }
}

TEST(Morris, ALinearFunctionsEffectsAreItsCoefficientsAndAnUnusedParameterHasNone) {
  const auto ts = morris_trajectories(3, 12, 4, 11);
  const auto y = evaluate(ts, [](const Point& x) { return 5.0 * x[0] - 2.0 * x[1] + 0.0 * x[2] + 1.0; });
  const auto e = morris_effects(ts, y, 3);
  EXPECT_NEAR(e.mu[0], 5.0, 1e-9);
  EXPECT_NEAR(e.mu_star[0], 5.0, 1e-9);
  EXPECT_NEAR(e.mu[1], -2.0, 1e-9);
  EXPECT_NEAR(e.mu_star[1], 2.0, 1e-9);
  EXPECT_NEAR(e.mu_star[2], 0.0, 1e-12);
  for (double s : e.sigma) EXPECT_NEAR(s, 0.0, 1e-9);  // linear: the same effect everywhere
}

TEST(Morris, NonLinearityShowsAsSpreadAndTheRankingFollowsImportance) {
  const auto ts = morris_trajectories(3, 30, 4, 5);
  // x0 strongly non-linear, x1 weak and linear, x2 an interaction with x0.
  const auto y = evaluate(
      ts, [](const Point& x) { return 10.0 * (x[0] - 0.5) * (x[0] - 0.5) + 0.5 * x[1] + 3.0 * x[0] * x[2]; });
  const auto e = morris_effects(ts, y, 3);
  EXPECT_GT(e.sigma[0], 0.1);
  EXPECT_NEAR(e.sigma[1], 0.0, 1e-9);
  EXPECT_GT(e.sigma[2], 0.1);  // its effect depends on x0
  EXPECT_GT(e.mu_star[0], e.mu_star[1]);
  EXPECT_GT(e.mu_star[2], e.mu_star[1]);
}

}  // namespace
}  // namespace peacesim::analysis::sensitivity
