// The backtest's pieces (src/validation: scores, nb_regression, backtest): CRPS and coverage on
// hand-computed cases, the negative-binomial regression recovering planted coefficients, the
// frozen baselines on a hand-made history, and the proof that nothing after the origin reaches a
// baseline or a fit.
#include "validation/backtest.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/random.hpp"
#include "support/backtest_inputs.hpp"
#include "support/region_tables.hpp"
#include "validation/nb_regression.hpp"
#include "validation/regions.hpp"
#include "validation/scores.hpp"

namespace peacesim::validation {
namespace {

TEST(Scores, CrpsOfAnEnsembleByHand) {
  // {1, 3} for 2: E|X − y| = 1, E|X − X'| = (0 + 2 + 2 + 0) / 4 = 1, CRPS = 1 − 1/2.
  EXPECT_NEAR(crps_ensemble({1, 3}, 2), 0.5, 1e-12);
  // {0, 0, 4} for 1: E|X − y| = 5/3; Σ|x_i − x_j| = 16, over 2·9: 8/9.
  EXPECT_NEAR(crps_ensemble({0, 4, 0}, 1), 5.0 / 3.0 - 8.0 / 9.0, 1e-12);
  // One member: the absolute error.
  EXPECT_NEAR(crps_ensemble({7}, 4), 3.0, 1e-12);
  // A sharper ensemble around the truth scores better than a wide one.
  EXPECT_LT(crps_ensemble({9, 10, 11}, 10), crps_ensemble({0, 10, 20}, 10));
  EXPECT_THROW((void)crps_ensemble({}, 1), std::invalid_argument);
}

TEST(Scores, CrpsMatchesTheIntegralOfTheSquaredDistributionGap) {
  // CRPS = ∫ (F(x) − 1{x ≥ y})² dx for the ensemble's step function F, by brute force.
  const std::vector<double> members{0.3, 1.7, 2.2, 5.0, 5.0, 8.1};
  const double y = 3.4;
  double integral = 0;
  const double dx = 1e-4;
  for (double x = -1; x < 10; x += dx) {
    double f = 0;
    for (const double m : members) f += m <= x ? 1.0 : 0.0;
    f /= static_cast<double>(members.size());
    const double step = x >= y ? 1.0 : 0.0;
    integral += (f - step) * (f - step) * dx;
  }
  EXPECT_NEAR(crps_ensemble(members, y), integral, 1e-3);
}

TEST(Scores, CoverageLogRmseAndDirection) {
  std::vector<double> members;
  for (int i = 0; i <= 20; ++i) members.push_back(i);  // p5 = 1, p95 = 19
  EXPECT_FALSE(inside_90(members, 0.5));
  EXPECT_TRUE(inside_90(members, 1.0));
  EXPECT_TRUE(inside_90(members, 19.0));
  EXPECT_FALSE(inside_90(members, 19.5));
  EXPECT_NEAR(log_rmse({std::exp(2.0) - 1, 0}, {0, 0}), std::sqrt(2.0), 1e-12);
  EXPECT_EQ(direction(3, 5), 1);
  EXPECT_EQ(direction(3, 1), -1);
  EXPECT_EQ(direction(3, 3), 0);
}

// Counts simulated from a known NB2 regression on a ring of regions.
std::map<std::pair<std::string, int>, double> simulate(const NbCoefficients& c,
                                                       const std::vector<std::string>& regions,
                                                       const Adjacency& adjacency, int years) {
  std::map<std::pair<std::string, int>, double> counts;
  std::map<std::string, double> previous;
  for (const auto& r : regions) previous[r] = 3;
  for (int y = 0; y < years; ++y) {
    std::map<std::string, double> next;
    std::uint64_t k = 0;
    for (const auto& r : regions) {
      double around = 0;
      for (const auto& n : adjacency.at(r)) around += previous[n];
      engine::RandomDraws random(99, 1, static_cast<std::uint32_t>(y), k++);
      next[r] = nb_quantile(nb_mean(c, previous[r], around), c.alpha, random.uniform());
      counts[{r, 2000 + y}] = next[r];
    }
    previous = next;
  }
  return counts;
}

TEST(NbRegression, RecoversPlantedCoefficients) {
  std::vector<std::string> regions;
  Adjacency adjacency;
  const int n = 40;
  for (int i = 0; i < n; ++i) regions.push_back("r" + std::to_string(100 + i));
  for (int i = 0; i < n; ++i) {
    adjacency[regions[static_cast<std::size_t>(i)]] = {regions[static_cast<std::size_t>((i + 1) % n)],
                                                       regions[static_cast<std::size_t>((i + n - 1) % n)]};
  }
  const NbCoefficients truth{0.4, 0.55, 0.2, 0.3};
  const auto counts = simulate(truth, regions, adjacency, 60);
  const auto samples = nb_samples(counts, regions, adjacency, 2059);
  ASSERT_EQ(samples.size(), 59u * 40u);
  const auto fit = fit_nb2(samples);
  EXPECT_NEAR(fit.coefficients.intercept, truth.intercept, 0.15);
  EXPECT_NEAR(fit.coefficients.own, truth.own, 0.06);
  EXPECT_NEAR(fit.coefficients.neighbours, truth.neighbours, 0.06);
  EXPECT_NEAR(fit.coefficients.alpha, truth.alpha, 0.06);
  // The maximum beats the truth's likelihood on the same data (it is the maximum).
  EXPECT_GE(fit.log_likelihood, nb_log_likelihood(truth, samples));
}

TEST(NbRegression, CountsLessSpreadThanPoissonStillGiveAFit) {
  // Every region-year alike: no overdispersion at all, which drives the search to the bound of
  // alpha where the quasi-Newton search gave up with a generic failure (an invented theatre's
  // regular observed counts did). The fit must still come back, at a likelihood no worse than the
  // constant mean's.
  std::vector<NbSample> data;
  for (int i = 0; i < 60; ++i) data.push_back({static_cast<double>(4 + i % 2), 4.0 + (i + 1) % 2, 9.0});
  const auto fit = fit_nb2(data);
  EXPECT_TRUE(std::isfinite(fit.log_likelihood));
  EXPECT_GE(fit.log_likelihood, nb_log_likelihood(NbCoefficients{std::log(4.5), 0.0, 0.0, 1.0}, data));
  EXPECT_LT(fit.coefficients.alpha, 0.01);  // next to Poisson
}

TEST(NbRegression, TheGradientIsTheLikelihoodsSlope) {
  const std::vector<NbSample> data{{0, 0, 2}, {5, 3, 1}, {12, 7, 20}, {1, 0, 0}, {40, 25, 3}};
  const NbCoefficients c{0.2, 0.5, 0.3, 0.7};
  const auto g = nb_gradient(c, data);
  const double h = 1e-6;
  auto shifted = [&](int k, double d) {
    NbCoefficients x = c;
    if (k == 0) x.intercept += d;
    if (k == 1) x.own += d;
    if (k == 2) x.neighbours += d;
    if (k == 3) x.alpha = std::exp(std::log(x.alpha) + d);
    return nb_log_likelihood(x, data);
  };
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(g[static_cast<std::size_t>(k)], (shifted(k, h) - shifted(k, -h)) / (2 * h), 1e-5) << k;
}

TEST(NbRegression, QuantilesAreTheDistributions) {
  // With α → 0 the NB2 tends to the Poisson: its median of mean 10 is 10.
  EXPECT_EQ(nb_quantile(10, 1e-6, 0.5), 10);
  EXPECT_EQ(nb_quantile(0, 1, 0.9), 0);
  // Monotone in u, and the draws' mean is near the mean.
  EXPECT_LE(nb_quantile(5, 0.5, 0.2), nb_quantile(5, 0.5, 0.8));
  double sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) sum += nb_quantile(5, 0.5, (i + 0.5) / n);
  EXPECT_NEAR(sum / n, 5.0, 0.05);
}

TEST(NbRegression, DirectForecastsUseTheOriginYearsLagsForEveryHorizon) {
  // h = 1: μ = 2 (1 + own); h = 2: μ = e^0.5 (1 + neighbours)^0.5, from the same origin counts.
  const std::vector<NbCoefficients> by_horizon{{std::log(2.0), 1.0, 0.0, 0.2}, {0.5, 0.0, 0.5, 0.2}};
  const Adjacency adjacency{{"a", {"b"}}, {"b", {"a"}}};
  const std::map<std::string, double> origin{{"a", 4}, {"b", 15}};
  const auto means = nb_point_forecast(by_horizon, origin, adjacency);
  EXPECT_NEAR(means.at("a")[0], 10.0, 1e-12);
  EXPECT_NEAR(means.at("b")[0], 32.0, 1e-12);
  EXPECT_NEAR(means.at("a")[1], std::exp(0.5) * 4.0, 1e-12);  // (1 + 15)^0.5
  const auto draws = nb_forecast(by_horizon, origin, adjacency, 4000, 7);
  ASSERT_EQ(draws.at("a").size(), 2u);
  ASSERT_EQ(draws.at("a")[0].size(), 4000u);
  double sum = 0;
  for (const double x : draws.at("b")[0]) sum += x;
  EXPECT_NEAR(sum / 4000, 32.0, 1.5);  // sd of the mean: √(32 + 0.2·32²)/√4000 ≈ 0.25
  EXPECT_EQ(draws, nb_forecast(by_horizon, origin, adjacency, 4000, 7));  // deterministic in the seed
  EXPECT_NE(draws, nb_forecast(by_horizon, origin, adjacency, 4000, 8));
}

using testing::member;
using testing::record;

using testing::from_2014;
using testing::metric;
using testing::ring;

TEST(Backtest, FrozenBaselinesUseTheYearsUpToTheOriginOnly) {
  const auto observed = record(15);
  const auto adjacency = ring();
  ForecastInput in = from_2014(observed, adjacency, {member(18, 10), member(22, 14), member(30, 8)});
  const auto j = score_forecast(in);
  EXPECT_EQ(j["scored_years"], nlohmann::json({2015, 2016}));
  for (const auto& row : j["rows"]) {
    if (row["region"] == "Gao" && row["metric"] == "events") {
      EXPECT_EQ(row["persistence"], 20);                   // 2014 held
      EXPECT_NEAR(row["mean3"].get<double>(), 30, 1e-12);  // (30 + 40 + 20) / 3
      EXPECT_NEAR(row["model"].get<double>(), 70.0 / 3, 1e-12);
    }
  }
  // MINUSMA: persistence 28, three-year mean (0 + 4 + 28) / 3; no regression for a scalar.
  const auto& minusma = j["scalars"]["minusma_malicious_fatalities"];
  ASSERT_EQ(minusma.size(), 2u);
  EXPECT_EQ(minusma[0]["persistence"], 28);
  EXPECT_NEAR(minusma[0]["mean3"].get<double>(), 32.0 / 3, 1e-12);
  EXPECT_TRUE(minusma[0]["nb"].is_null());
  EXPECT_TRUE(metric(j, "minusma_malicious_fatalities: log-MAE")["nb"].is_null());

  // The point baselines' CRPS on ln(1 + x) is their log-MAE; they have no interval.
  const auto& mae = metric(j, "events: log-MAE");
  const auto& crps = metric(j, "events: CRPS on ln(1+x)");
  EXPECT_NEAR(mae["persistence"].get<double>(), crps["persistence"].get<double>(), 1e-12);
  EXPECT_TRUE(metric(j, "events: coverage of the 90 % interval")["persistence"].is_null());
  EXPECT_FALSE(metric(j, "events: coverage of the 90 % interval")["nb"].is_null());
  // The regression was fitted on years up to 2014 and is reported.
  // The regressions, one per horizon, were fitted on years up to 2014 and are reported.
  EXPECT_EQ(j["nb_regression"]["events"]["by_horizon"][0]["years"], nlohmann::json({2011, 2014}));
  EXPECT_EQ(j["nb_regression"]["events"]["by_horizon"][1]["years"], nlohmann::json({2012, 2014}));

  // Changing what was observed after the origin moves the scores but no baseline's forecast.
  const auto other = record(150);
  in.observed = &other;
  const auto k = score_forecast(in);
  ASSERT_EQ(j["rows"].size(), k["rows"].size());
  bool scored_differently = false;
  for (std::size_t i = 0; i < j["rows"].size(); ++i) {
    for (const char* f : {"persistence", "mean3", "nb", "nb_p5", "nb_p95", "model"})
      EXPECT_EQ(j["rows"][i][f], k["rows"][i][f]) << f << " " << j["rows"][i].dump();
    scored_differently = scored_differently || j["rows"][i]["observed"] != k["rows"][i]["observed"];
  }
  EXPECT_TRUE(scored_differently);
  EXPECT_NE(metric(j, "events: log-MAE")["persistence"], metric(k, "events: log-MAE")["persistence"]);
}

// A theatre of several states (issue 19): each country's yearly totals are scored beside the
// nation's, over its own regions, with baselines frozen at the origin like the nation's.
TEST(Backtest, EachCountrysYearlyTotalsAreScoredOverItsOwnRegions) {
  const auto observed = record(15);
  const auto adjacency = ring();
  ForecastInput in = from_2014(observed, adjacency, {member(18, 10), member(22, 14), member(30, 8)});
  in.countries = {{"East", {"Gao"}}, {"North", {"Kidal"}}};
  const auto j = score_forecast(in);
  const auto& east = j["countries"]["East"]["fatalities"];
  const auto& north = j["countries"]["North"]["fatalities"];
  const auto& all = j["national"]["fatalities"];
  ASSERT_EQ(east.size(), 2u);
  EXPECT_EQ(east[0]["observed"], 30);     // Gao 2015: 2 x 15
  EXPECT_EQ(east[0]["persistence"], 40);  // Gao 2014: 2 x 20
  EXPECT_NEAR(north[0]["mean3"].get<double>(), 3 * 46.0 / 3,
              1e-12);  // Kidal 2012-2014: 3 x (20 + 10 + 16) / 3
  EXPECT_NEAR(east[0]["model"].get<double>(), 70.0 / 3, 1e-12);
  for (std::size_t h = 0; h < 2; ++h) {
    for (const char* f : {"observed", "model", "persistence", "mean3"})
      EXPECT_NEAR(east[h][f].get<double>() + north[h][f].get<double>(), all[h][f].get<double>(), 1e-9) << f;
  }
  EXPECT_NO_THROW((void)metric(j, "fatalities: East yearly totals: log-MAE"));
  EXPECT_NO_THROW((void)metric(j, "events: North yearly totals: CRPS on ln(1+x)"));
  // With one state there are none.
  in.countries.clear();
  EXPECT_FALSE(score_forecast(in).contains("countries"));
}

TEST(Backtest, TheVerdictNamesEveryMetricTheModelDoesNotWin) {
  const auto observed = record(15);
  const auto adjacency = ring();
  // A model far off: a thousand events everywhere it has any.
  const ForecastInput in = from_2014(observed, adjacency, {member(1000, 1000), member(1200, 900)});
  const auto j = score_forecast(in);
  std::size_t judged = 0, lost = 0;
  for (const auto& m : j["metrics"]) {
    if (m["model_beats_best"].is_null()) continue;
    ++judged;
    if (!m["model_beats_best"].get<bool>()) {
      ++lost;
      const auto& names = j["verdict"]["not_beaten"];
      EXPECT_NE(std::find(names.begin(), names.end(), m["name"]), names.end()) << m["name"];
    }
  }
  EXPECT_EQ(j["verdict"]["metrics_judged"], judged);
  EXPECT_EQ(j["verdict"]["not_beaten"].size(), lost);
  EXPECT_GT(lost, 5u);
  EXPECT_FALSE(metric(j, "events: log-MAE")["model_beats_best"].get<bool>());
  // Coverage is judged by its distance to 0.90.
  EXPECT_EQ(metric(j, "events: coverage of the 90 % interval")["better"], "closer_to_0.9");
}

TEST(Backtest, ObservationsAfterACutoffAreLeftOut) {
  Observed o = record(15);
  Displacement d;
  d.idps = {{2013, 254822}, {2014, 99816}, {2015, 61920}};
  d.refugees = {{2014, 1}, {2015, 2}};
  o.displacement = d;
  const auto cut = observed_up_to(o, engine::Date(2014, 12, 31));
  for (const auto& [key, c] : cut.events->cells) EXPECT_LE(key.second, 2014);
  EXPECT_FALSE(cut.peacekeeping->years.count(2015));
  EXPECT_TRUE(cut.peacekeeping->years.count(2014));
  EXPECT_FALSE(cut.displacement->idps.count(2015));
  EXPECT_EQ(latest_observation(cut), engine::Date(2014, 12, 31));
  EXPECT_EQ(latest_observation(o), engine::Date(2016, 12, 31));
  // A cutoff within a year leaves that year's year-end stocks out (they are dated 31 December).
  const auto mid = observed_up_to(o, engine::Date(2014, 6, 30));
  EXPECT_FALSE(mid.peacekeeping->years.count(2014));
  EXPECT_TRUE(mid.peacekeeping->years.count(2013));
}

}  // namespace
}  // namespace peacesim::validation
