// Sobol indices from Saltelli's design on functions whose indices are known analytically: the
// Ishigami function (Ishigami and Homma 1990; a = 7, b = 0.1), with an interaction and an
// unimportant-alone parameter, and an additive linear function.
#include "analysis/sensitivity/sobol.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace peacesim::analysis::sensitivity {
namespace {

constexpr double kPi = std::numbers::pi;

double ishigami(const Point& u) {
  const double a = 7.0, b = 0.1;
  const double x1 = -kPi + 2 * kPi * u[0], x2 = -kPi + 2 * kPi * u[1], x3 = -kPi + 2 * kPi * u[2];
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

// The Ishigami function's variances: V, V1, V2 (V3 = 0) and V13, the only interaction.
struct IshigamiTruth {
  double s1[3], st[3];
  IshigamiTruth() {
    const double a = 7.0, b = 0.1, pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
    const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
    const double v2 = a * a / 8;
    const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    const double v = v1 + v2 + v13;
    s1[0] = v1 / v, s1[1] = v2 / v, s1[2] = 0.0;
    st[0] = (v1 + v13) / v, st[1] = v2 / v, st[2] = v13 / v;
  }
};

std::vector<double> evaluate(const SaltelliDesign& d, double (*f)(const Point&)) {
  std::vector<double> y;
  for (const auto& p : d.points()) y.push_back(f(p));
  return y;
}

TEST(Sobol, TheDesignIsAAndBThenAWithEachColumnOfB) {
  const auto d = saltelli_design(3, 8, 5);
  const auto pts = d.points();
  ASSERT_EQ(pts.size(), 8u * 5u);
  for (std::size_t j = 0; j < 8; ++j) {
    EXPECT_EQ(pts[j], d.a[j]);
    EXPECT_EQ(pts[8 + j], d.b[j]);
    const Point& ab1 = pts[(2 + 1) * 8 + j];  // AB_2 (parameter index 1)
    EXPECT_EQ(ab1[0], d.a[j][0]);
    EXPECT_EQ(ab1[1], d.b[j][1]);
    EXPECT_EQ(ab1[2], d.a[j][2]);
    for (double u : d.a[j]) {
      EXPECT_GE(u, 0.0);
      EXPECT_LT(u, 1.0);
    }
  }
  EXPECT_EQ(saltelli_design(3, 8, 5).a, d.a);  // the same seed, the same design
  EXPECT_NE(saltelli_design(3, 8, 6).a, d.a);
  EXPECT_THROW(saltelli_design(0, 8, 1), std::invalid_argument);
  EXPECT_THROW(saltelli_design(2, 1, 1), std::invalid_argument);
}

TEST(Sobol, IshigamisIndicesAreRecovered) {
  const IshigamiTruth truth;
  const auto d = saltelli_design(3, 8192, 1);
  const auto s = sobol_indices(d, evaluate(d, ishigami), 0.9, 200, 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(s.first[i], truth.s1[i], 0.02) << "S" << i + 1;
    EXPECT_NEAR(s.total[i], truth.st[i], 0.02) << "ST" << i + 1;
  }
  // x3 matters only through its interaction with x1; x2 only alone.
  EXPECT_LT(s.first[2], 0.02);
  EXPECT_GT(s.total[2], 0.2);
  EXPECT_NEAR(s.total[1], s.first[1], 0.03);
}

TEST(Sobol, TheBootstrapIntervalsCoverTheTruthAndNarrowWithMoreSamples) {
  const IshigamiTruth truth;
  auto widths = [&](std::size_t n, int& covered) {
    const auto d = saltelli_design(3, n, 2);
    const auto s = sobol_indices(d, evaluate(d, ishigami), 0.9, 300, 4);
    double w = 0.0;
    for (int i = 0; i < 3; ++i) {
      covered += s.first_ci[i].low <= truth.s1[i] && truth.s1[i] <= s.first_ci[i].high;
      covered += s.total_ci[i].low <= truth.st[i] && truth.st[i] <= s.total_ci[i].high;
      w += s.total_ci[i].high - s.total_ci[i].low;
    }
    return w;
  };
  int covered_small = 0, covered_large = 0;
  const double small = widths(512, covered_small);
  const double large = widths(4096, covered_large);
  EXPECT_GE(covered_small, 5);  // of 6 intervals at 90 %
  EXPECT_GE(covered_large, 5);
  EXPECT_LT(large, small * 0.6);  // about 1/sqrt(8) as wide
}

TEST(Sobol, AnAdditiveFunctionsIndicesAreItsShareOfTheVariance) {
  // y = u1 + 2 u2 (u3 unused): variances 1/12 and 4/12, so S = ST = (0.2, 0.8, 0).
  const auto d = saltelli_design(3, 4096, 9);
  const auto s = sobol_indices(d, evaluate(d, [](const Point& u) { return u[0] + 2.0 * u[1]; }), 0.9, 0, 1);
  const double expected[3] = {0.2, 0.8, 0.0};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(s.first[i], expected[i], 0.01);
    EXPECT_NEAR(s.total[i], expected[i], 0.01);
  }
  EXPECT_NEAR(s.variance, 5.0 / 12.0, 0.01);
  EXPECT_THROW(sobol_indices(d, {1.0, 2.0}, 0.9, 0, 1), std::invalid_argument);
}

TEST(Sobol, AConstantOutcomeHasNoIndices) {
  const auto d = saltelli_design(2, 64, 1);
  const auto s = sobol_indices(d, std::vector<double>(64 * 4, 3.0), 0.9, 10, 1);
  EXPECT_EQ(s.first, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(s.total, (std::vector<double>{0.0, 0.0}));
}

}  // namespace
}  // namespace peacesim::analysis::sensitivity
