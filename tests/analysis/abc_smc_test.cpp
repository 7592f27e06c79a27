// ABC-SMC (src/analysis/abc): on a model whose posterior is known, the mean of n normal draws with
// unit variance and a flat prior (posterior N(x̄, 1/n)), the fit recovers the planted mean inside
// its 90 % credible interval, the interval narrows as data are added, the tolerance shrinks, and
// a run resumed from its first populations ends where the whole run does.
#include "analysis/abc/abc_smc.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/random.hpp"

namespace peacesim::analysis::abc {
namespace {

double mean_of_draws(double mu, std::size_t n, engine::RandomDraws& d) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += mu + d.standard_normal();
  return s / static_cast<double>(n);
}

constexpr double kTruth = 1.3;

struct Fit {
  Result result;
  double observed_mean = 0;
};

Fit fit(std::size_t n, std::vector<Population> start = {}, std::size_t populations = 6) {
  auto data = engine::RandomDraws(42, 7, 0, n);
  const double observed = mean_of_draws(kTruth, n, data);
  const Simulator simulate = [&](const std::vector<std::vector<double>>& thetas, std::size_t t,
                                 std::size_t b) {
    std::vector<double> d;
    for (std::size_t i = 0; i < thetas.size(); ++i) {
      auto draws = engine::RandomDraws(99, 8, static_cast<std::uint32_t>(t), b * 100000 + i);
      d.push_back(std::abs(mean_of_draws(thetas[i][0], n, draws) - observed));
    }
    return d;
  };
  Settings s;
  s.particles = 400;
  s.populations = populations;
  s.budget = 100000;
  s.seed = 5;
  return {run(Box{{-5.0}, {5.0}}, s, simulate, std::move(start)), observed};
}

double width(const Population& p) { return weighted_quantile(p, 0, 0.95) - weighted_quantile(p, 0, 0.05); }

TEST(AbcSmc, RecoversAPlantedMeanAndNarrowsAsDataAreAdded) {
  const auto few = fit(5), many = fit(50);
  for (const auto* f : {&few, &many}) {
    const auto& last = f->result.populations.back();
    EXPECT_EQ(f->result.stop, Stop::Populations);
    EXPECT_LE(weighted_quantile(last, 0, 0.05), kTruth);
    EXPECT_GE(weighted_quantile(last, 0, 0.95), kTruth);
    double sum = 0.0;
    for (const auto& p : last.particles) sum += p.weight;
    EXPECT_NEAR(sum, 1.0, 1e-9);
    // The tolerance shrinks from one population to the next.
    for (std::size_t t = 2; t < f->result.populations.size(); ++t)
      EXPECT_LT(f->result.populations[t].epsilon, f->result.populations[t - 1].epsilon);
  }
  // The exact posterior's 90 % interval is 2 · 1.645 / √n wide; ABC's is wider by its tolerance.
  const double exact_few = 2 * 1.645 / std::sqrt(5.0), exact_many = 2 * 1.645 / std::sqrt(50.0);
  const double w_few = width(few.result.populations.back()), w_many = width(many.result.populations.back());
  // Without the importance weights (every kept particle weighing 1/N) the interval comes out
  // 0.81 times the exact width for n = 5: too sure.
  EXPECT_GT(w_few, 0.9 * exact_few);
  EXPECT_LT(w_few, 1.5 * exact_few);
  EXPECT_GT(w_many, 0.9 * exact_many);
  EXPECT_LT(w_many, 1.5 * exact_many);
  EXPECT_LT(w_many, 0.5 * w_few);
  // The posterior mean is near the data's mean (the flat prior's posterior mean).
  EXPECT_NEAR(weighted_mean(many.result.populations.back())[0], many.observed_mean, 0.1);
}

TEST(AbcSmc, AResumedRunEndsWhereTheWholeRunDoes) {
  const auto whole = fit(20);
  const auto first = fit(20, {}, 2);
  ASSERT_EQ(first.result.populations.size(), 2u);
  const auto resumed = fit(20, first.result.populations);
  ASSERT_EQ(resumed.result.populations.size(), whole.result.populations.size());
  const auto& a = whole.result.populations.back().particles;
  const auto& b = resumed.result.populations.back().particles;
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].theta, b[i].theta);
    EXPECT_EQ(a[i].weight, b[i].weight);
  }
  EXPECT_EQ(resumed.result.simulations, whole.result.simulations);
}

TEST(AbcSmc, TheBudgetKeepsTheLastCompletePopulation) {
  auto data = engine::RandomDraws(1, 1, 0, 0);
  const Simulator far = [](const std::vector<std::vector<double>>& thetas, std::size_t, std::size_t) {
    std::vector<double> d;
    for (const auto& t : thetas) d.push_back(std::abs(t[0]));
    return d;
  };
  Settings s;
  s.particles = 10;
  s.populations = 50;
  s.budget = 45;  // population 0 (10) and then batches of 10 until 45
  const auto r = run(Box{{-1.0}, {1.0}}, s, far);
  EXPECT_EQ(r.stop, Stop::Budget);
  EXPECT_LE(r.simulations, 45u);
  EXPECT_GE(r.populations.size(), 1u);
  EXPECT_THROW((void)run(Box{{1.0}, {1.0}}, s, far), std::invalid_argument);
  s.quantile = 1.0;
  EXPECT_THROW((void)run(Box{{-1.0}, {1.0}}, s, far), std::invalid_argument);
  (void)data;
}

}  // namespace
}  // namespace peacesim::analysis::abc
