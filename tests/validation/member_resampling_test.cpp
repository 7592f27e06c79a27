// The spread of a backtest's scores over resamples of its members (validation/member_resampling.hpp):
// none when every member is the same, a spread that falls as 1/√m with the ensemble's size m, the
// share of resamples the model wins, and draws that depend on the seed alone.
#include "validation/member_resampling.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/backtest_inputs.hpp"
#include "support/region_tables.hpp"
#include "validation/backtest.hpp"

namespace peacesim::validation {
namespace {

using testing::member;
using testing::record;

using testing::metric;
using testing::ring;

ForecastInput from_2014(const Observed& observed, const Adjacency& adjacency,
                        std::vector<RunFigures> members) {
  return testing::from_2014(observed, adjacency, std::move(members), 100);
}

// m members, half of them with 60 events in Gao and 40 in Kidal, half with 90 and 50: national
// totals of 100 and 140 a year, far above the 27 and 34 observed.
std::vector<RunFigures> two_kinds(std::size_t m) {
  std::vector<RunFigures> out;
  for (std::size_t i = 0; i < m; ++i) out.push_back(i % 2 == 0 ? member(60, 40) : member(90, 50));
  return out;
}

double sd_of(const ForecastInput& in, const std::string& name, std::size_t replicates) {
  nlohmann::json j = score_forecast(in);
  add_member_resampling(j, in, {replicates, 3});
  return metric(j, name)["model_resampled"]["sd"].get<double>();
}

TEST(MemberResampling, IdenticalMembersGiveNoSpread) {
  const Observed observed = record(15);
  const Adjacency adjacency = ring();
  const ForecastInput in = from_2014(observed, adjacency, std::vector<RunFigures>(6, member(18, 10)));
  nlohmann::json j = score_forecast(in);
  add_member_resampling(j, in, {50, 1});
  std::size_t resampled = 0;
  for (const auto& m : j["metrics"]) {
    if (m["model"].is_null()) continue;
    ASSERT_FALSE(m["model_resampled"].is_null()) << m["name"];
    EXPECT_NEAR(m["model_resampled"]["sd"].get<double>(), 0.0, 1e-12) << m["name"];
    EXPECT_NEAR(m["model_resampled"]["p5"].get<double>(), m["model"].get<double>(), 1e-12) << m["name"];
    // Every resample is the ensemble itself: the model wins in all of them or in none.
    if (!m["model_beats_best"].is_null()) {
      EXPECT_EQ(m["model_resampled"]["beats_best_share"].get<double>(),
                m["model_beats_best"].get<bool>() ? 1.0 : 0.0)
          << m["name"];
    }
    ++resampled;
  }
  EXPECT_GT(resampled, 10u);
  EXPECT_EQ(j["resampling"]["replicates"], 50);
  EXPECT_EQ(j["resampling"]["members"], 6);
}

TEST(MemberResampling, TheSpreadFallsWithTheSquareRootOfTheMembers) {
  const Observed observed = record(15);
  const Adjacency adjacency = ring();
  // Far from the observation, the log-MAE of the members' mean moves with the mean, whose standard
  // deviation over resamples is σ / √m: four times the members, half the spread.
  const std::string name = "events: national yearly totals: log-MAE";
  const double few = sd_of(from_2014(observed, adjacency, two_kinds(8)), name, 2000);
  const double many = sd_of(from_2014(observed, adjacency, two_kinds(32)), name, 2000);
  ASSERT_GT(many, 0.0);
  EXPECT_NEAR(few / many, 2.0, 0.2);
  // And its size: the members' totals (100 and 140) have a standard deviation of 20, so their mean
  // over a resample of 8 has 20 / √8, on the log scale about 20 / √8 / 121 (d ln(1 + x) = dx / 121
  // at the mean of 120), both years moving together.
  const double expected = 20.0 / std::sqrt(8.0) / 121.0;
  EXPECT_NEAR(few, expected, 0.08 * expected);
}

TEST(MemberResampling, TheWinShareCountsTheResamplesTheModelWins) {
  const Observed observed = record(15);
  const Adjacency adjacency = ring();
  // Members on both sides of the observation: with a member set drawn at random the national log-MAE
  // sometimes beats the baselines and sometimes not.
  std::vector<RunFigures> members;
  for (int i = 0; i < 10; ++i) members.push_back(member(15 + 4.0 * i, 9 + 2.0 * i));
  const ForecastInput in = from_2014(observed, adjacency, members);
  nlohmann::json j = score_forecast(in);
  add_member_resampling(j, in, {400, 11});
  std::size_t strict = 0, robust = 0;
  for (const auto& m : j["metrics"]) {
    if (m["model_resampled"].is_null() || m["model_resampled"]["beats_best_share"].is_null()) continue;
    const double share = m["model_resampled"]["beats_best_share"].get<double>();
    EXPECT_GE(share, 0.0);
    EXPECT_LE(share, 1.0);
    if (share > 0.0 && share < 1.0) ++strict;
    if (share >= 0.9) ++robust;
  }
  EXPECT_GT(strict, 0u);
  EXPECT_EQ(j["verdict"]["model_beats_best_in_90_percent_of_resamples"], robust);
}

TEST(MemberResampling, TheDrawsDependOnTheSeedAlone) {
  const Observed observed = record(15);
  const Adjacency adjacency = ring();
  std::vector<RunFigures> members;
  for (int i = 0; i < 7; ++i) members.push_back(member(10 + 9.0 * i, 5 + 3.0 * i));
  const ForecastInput in = from_2014(observed, adjacency, members);
  const nlohmann::json base = score_forecast(in);
  nlohmann::json a = base, b = base, c = base;
  add_member_resampling(a, in, {100, 5});
  add_member_resampling(b, in, {100, 5});
  add_member_resampling(c, in, {100, 6});
  EXPECT_EQ(a, b);
  EXPECT_NE(a["metrics"], c["metrics"]);  // another seed draws other members
  // The scores themselves are not touched, and none resampled without replicates.
  nlohmann::json none = base;
  add_member_resampling(none, in, {0, 5});
  EXPECT_EQ(none, base);
  for (std::size_t i = 0; i < base["metrics"].size(); ++i)
    EXPECT_EQ(a["metrics"][i]["model"], base["metrics"][i]["model"]);
}

TEST(MemberResampling, WithoutTheRegressionItsScoresAreNull) {
  const Observed observed = record(15);
  const Adjacency adjacency = ring();
  ForecastInput in = from_2014(observed, adjacency, {member(18, 10), member(22, 14)});
  EXPECT_FALSE(metric(score_forecast(in), "events: log-MAE")["nb"].is_null());
  in.regression = false;
  const nlohmann::json j = score_forecast(in);
  EXPECT_TRUE(metric(j, "events: log-MAE")["nb"].is_null());
  EXPECT_FALSE(j.contains("nb_regression"));
}

}  // namespace
}  // namespace peacesim::validation
