// The draws the mechanisms share (conflict/draws.hpp): the negative binomial of fatalities (a
// Poisson whose mean is Gamma(k, m / k)) has mean m, variance m + m²/k and a share of zeros
// (k / (k + m))^k; k <= 0 is the Poisson itself.
#include "mechanisms/conflict/draws.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace peacesim::mechanisms::conflict::testing {
namespace {

constexpr engine::StreamId kTestStream = 0x7E57;

struct Moments {
  double mean = 0.0, variance = 0.0, zeros = 0.0;
  double se_mean = 0.0, se_variance = 0.0, se_zeros = 0.0;  // asymptotic standard errors
};

// `keys` × `per_key` draws (a key's draws are bounded, so many keys), and their sample moments
// with their standard errors: sqrt(s²/N) for the mean, sqrt((m4 − s⁴)/N) for the variance
// (m4 the fourth central moment) and sqrt(p(1 − p)/N) for the share of zeros.
Moments sample(double mean, double k, std::uint32_t keys, std::uint32_t per_key) {
  const engine::RandomStreams random(2024);
  std::vector<double> x;
  x.reserve(static_cast<std::size_t>(keys) * per_key);
  for (std::uint32_t key = 0; key < keys; ++key) {
    auto draws = random.draws(kTestStream, 0, key);
    for (std::uint32_t i = 0; i < per_key; ++i) x.push_back(negative_binomial(draws, mean, k));
  }
  const auto n = static_cast<double>(x.size());
  Moments m;
  for (double v : x) {
    m.mean += v;
    m.zeros += v == 0.0 ? 1.0 : 0.0;
  }
  m.mean /= n;
  m.zeros /= n;
  double m4 = 0.0;
  for (double v : x) {
    const double d = v - m.mean;
    m.variance += d * d;
    m4 += d * d * d * d;
  }
  m.variance /= n - 1.0;
  m4 /= n;
  m.se_mean = std::sqrt(m.variance / n);
  m.se_variance = std::sqrt((m4 - m.variance * m.variance) / n);
  m.se_zeros = std::sqrt(m.zeros * (1.0 - m.zeros) / n);
  return m;
}

TEST(NegativeBinomial, MeanVarianceAndZerosMatchTheDistribution) {
  // Shapes as fitted to ACLED (0.25 to 0.45) and a milder one; 200,000 draws each; every moment
  // within five of its standard errors.
  for (const auto& [mean, k] : std::vector<std::pair<double, double>>{{2.0, 0.4}, {1.5, 0.25}, {5.0, 3.0}}) {
    const Moments m = sample(mean, k, 200, 1000);
    const double variance = mean + mean * mean / k;
    const double zeros = std::pow(k / (k + mean), k);
    EXPECT_NEAR(m.mean, mean, 5.0 * m.se_mean) << "mean " << mean << " k " << k;
    EXPECT_NEAR(m.variance, variance, 5.0 * m.se_variance) << "mean " << mean << " k " << k;
    EXPECT_NEAR(m.zeros, zeros, 5.0 * m.se_zeros) << "mean " << mean << " k " << k;
    // Overdispersed: clearly not a Poisson of the same mean (variance = mean, zeros = e^-mean).
    EXPECT_GT(m.variance, mean + 10.0 * m.se_variance);
    EXPECT_GT(m.zeros, std::exp(-mean) + 10.0 * m.se_zeros);
  }
}

TEST(NegativeBinomial, ShapeZeroOrBelowIsThePoissonDrawForDraw) {
  const engine::RandomStreams random(7);
  for (const double k : {0.0, -1.0}) {
    auto a = random.draws(kTestStream, 1, 3);
    auto b = random.draws(kTestStream, 1, 3);
    for (int i = 0; i < 2000; ++i) {
      const double mean = 0.1 + 0.02 * i;  // both branches of poisson(): inversion and normal
      ASSERT_EQ(negative_binomial(a, mean, k), poisson(b, mean)) << "k " << k << " draw " << i;
    }
  }
  // And a Poisson's moments: variance = mean, zeros = e^-mean.
  const Moments m = sample(2.0, 0.0, 100, 1000);
  EXPECT_NEAR(m.mean, 2.0, 5.0 * m.se_mean);
  EXPECT_NEAR(m.variance, 2.0, 5.0 * m.se_variance);
  EXPECT_NEAR(m.zeros, std::exp(-2.0), 5.0 * m.se_zeros);
}

TEST(NegativeBinomial, NoMeanNoDeathsAndNoDraw) {
  const engine::RandomStreams random(7);
  auto a = random.draws(kTestStream, 2, 0);
  auto b = random.draws(kTestStream, 2, 0);
  EXPECT_EQ(negative_binomial(a, 0.0, 0.4), 0u);
  EXPECT_EQ(negative_binomial(a, -3.0, 0.4), 0u);
  EXPECT_EQ(a.next_u32(), b.next_u32());  // nothing was drawn
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
