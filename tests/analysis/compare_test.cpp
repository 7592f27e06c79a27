// `compare` (issue 6, item 5): it finds a planted effect, finds none where none exists, and common
// random numbers narrow the intervals. On the toy model (tests/support/toy_model.hpp), whose
// clash count in a region is driven by `clash_probability`.
#include "analysis/compare.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../support/toy_model.hpp"
#include "engine/simulation.hpp"

namespace peacesim::testing {
namespace {

analysis::Arm toy_arm(double clash_probability) {
  analysis::Arm arm;
  arm.start = engine::Date(2020, 1, 1);
  arm.end = engine::Date(2020, 3, 31);
  arm.make = [clash_probability](std::uint64_t seed) -> std::unique_ptr<engine::Model> {
    engine::ParameterSet p(toy_parameters());
    p.set("walkers", 200, {"test", "test"});
    p.set("clash_probability", clash_probability, {"test", "test"});
    return std::make_unique<ToyModel>(p, seed);
  };
  return arm;
}

const analysis::Difference& find(const analysis::Comparison& c, const std::string& outcome) {
  const auto it = std::find_if(c.differences.begin(), c.differences.end(),
                               [&](const analysis::Difference& d) { return d.outcome == outcome; });
  EXPECT_NE(it, c.differences.end()) << outcome;
  return *it;
}

analysis::CompareOptions options(bool independent, unsigned threads = 2) {
  analysis::CompareOptions o;
  o.runs = 20;
  o.independent = independent;
  o.threads = threads;
  return o;
}

TEST(Compare, PairsSharingADrawSplitTheVariance) {
  // Pairs alike, pairs apart: all of the variance between the pairs.
  EXPECT_NEAR(*analysis::paired_share({1, 1, 5, 5, 9, 9}), 1.0, 1e-12);
  // Within-pair mean square 2, total variance 104 / 3: 1 − 2 / 34.67.
  EXPECT_NEAR(*analysis::paired_share({0, 2, 10, 12}), 1.0 - 2.0 / (104.0 / 3.0), 1e-12);
  // Pairs as different as anything: chance only (clamped at 0).
  EXPECT_EQ(*analysis::paired_share({1, 5, 1, 5}), 0.0);
  EXPECT_FALSE(analysis::paired_share({1, 2}).has_value());        // one pair
  EXPECT_FALSE(analysis::paired_share({3, 3, 3, 3}).has_value());  // no variance
  // Pair means 1, 5, -2: two of three have the overall (positive) sign.
  EXPECT_NEAR(*analysis::pairs_with_sign_of({0, 2, 4, 6, -1, -3}, 1.3), 2.0 / 3.0, 1e-12);
  EXPECT_FALSE(analysis::pairs_with_sign_of({1}, 1.0).has_value());
}

TEST(Compare, StudentIntervalOfPairedDifferences) {
  // d = 1, 2, 3: mean 2, sd 1, t(0.95, 2) = 2.919986: half-width 2.919986 / sqrt(3).
  const auto d = analysis::difference("x", {1, 2, 3}, {2, 4, 6}, true);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_NEAR(d.high - d.mean, 2.919986 / std::sqrt(3.0), 1e-5);
  EXPECT_NEAR(d.mean - d.low, 2.919986 / std::sqrt(3.0), 1e-5);
  EXPECT_EQ(d.n, 3u);
}

TEST(Compare, WelchIntervalOfIndependentSamples) {
  // Equal variances 1 and sizes 3: se = sqrt(2/3), df = 4, t(0.95, 4) = 2.131847.
  const auto d = analysis::difference("x", {1, 2, 3}, {3, 4, 5}, false);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_NEAR(d.high - d.mean, 2.131847 * std::sqrt(2.0 / 3.0), 1e-5);
}

TEST(Compare, FindsAPlantedEffect) {
  // Doubling the clash probability doubles the expected clashes: 100 walkers a side, 91 days,
  // 0.01 -> 0.02 adds about 91 clashes in the west.
  const auto c = analysis::compare(toy_arm(0.01), toy_arm(0.02), options(false));
  const auto& d = find(c, "clashes[west]");
  EXPECT_GT(d.low, 0.0);
  EXPECT_NEAR(d.mean, 0.01 * 91 * 100, 30.0);
  EXPECT_NEAR(d.variant_mean / d.base_mean, 2.0, 0.3);
}

TEST(Compare, FindsNoEffectWhereNoneExists) {
  // The same scenario twice: with common random numbers every difference is exactly zero;
  // with independent seeds the interval of the clash difference contains zero.
  const auto crn = analysis::compare(toy_arm(0.01), toy_arm(0.01), options(false));
  // The outcomes are there and something happened in them: a zero difference is then a finding.
  ASSERT_FALSE(crn.differences.empty());
  EXPECT_GT(find(crn, "clashes[west]").base_mean, 0.0);
  EXPECT_GT(find(crn, "clashes[east]").base_mean, 0.0);
  EXPECT_EQ(find(crn, "clashes[west]").n, 20u);
  for (const auto& d : crn.differences) {
    EXPECT_EQ(d.mean, 0.0) << d.outcome;
    EXPECT_EQ(d.low, 0.0) << d.outcome;
    EXPECT_EQ(d.high, 0.0) << d.outcome;
  }
  const auto ind = analysis::compare(toy_arm(0.01), toy_arm(0.01), options(true));
  const auto& d = find(ind, "clashes[west]");
  EXPECT_LT(d.low, 0.0);
  EXPECT_GT(d.high, 0.0);
  EXPECT_NE(d.mean, 0.0);  // different seeds really ran
}

TEST(Compare, CommonRandomNumbersNarrowTheIntervals) {
  const auto crn = analysis::compare(toy_arm(0.01), toy_arm(0.015), options(false));
  const auto ind = analysis::compare(toy_arm(0.01), toy_arm(0.015), options(true));
  for (const std::string outcome : {"clashes[west]", "clashes[east]"}) {
    const auto& a = find(crn, outcome);
    const auto& b = find(ind, outcome);
    EXPECT_LT(a.high - a.low, 0.6 * (b.high - b.low)) << outcome;
  }
  EXPECT_EQ(crn.base_seeds, crn.variant_seeds);
  EXPECT_NE(ind.base_seeds, ind.variant_seeds);
}

TEST(Compare, ResultsDoNotDependOnThreads) {
  const auto one = analysis::compare(toy_arm(0.01), toy_arm(0.02), options(false, 1));
  const auto two = analysis::compare(toy_arm(0.01), toy_arm(0.02), options(false, 3));
  ASSERT_EQ(one.differences.size(), two.differences.size());
  for (std::size_t i = 0; i < one.differences.size(); ++i) {
    EXPECT_EQ(one.differences[i].mean, two.differences[i].mean);
    EXPECT_EQ(one.differences[i].low, two.differences[i].low);
  }
}

TEST(Compare, YearlyAndWholeRunOutcomes) {
  const auto c = analysis::compare(toy_arm(0.01), toy_arm(0.02), options(false));
  EXPECT_DOUBLE_EQ(find(c, "clashes[west]").base_mean, find(c, "clashes[west]@2020").base_mean);
  EXPECT_GT(find(c, "walkers[east]").base_mean, 0.0);
}

// A command checks `--outcome` before running (issue 14): the names known beforehand must be exactly
// those a run has, for runs across year ends, within one month, and of a single day.
TEST(Outcomes, TheNamesKnownBeforeARunAreThoseItHas) {
  for (const auto& [start, end] : std::vector<std::pair<engine::Date, engine::Date>>{
           {engine::Date(2019, 12, 15), engine::Date(2021, 1, 3)},
           {engine::Date(2020, 1, 5), engine::Date(2020, 1, 20)},
           {engine::Date(2020, 12, 31), engine::Date(2020, 12, 31)}}) {
    auto arm = toy_arm(0.01);
    auto model = arm.make(1);
    const std::set<std::string> before = analysis::outcome_names(*model, start, end);
    engine::SimulationOptions o;
    o.seed = 1;
    engine::Simulation sim(*model, engine::Clock(start, end), o);
    ASSERT_TRUE(sim.run().completed);
    std::set<std::string> after;
    for (const auto& [name, value] : analysis::outcomes_of(sim.recorder())) after.insert(name);
    EXPECT_EQ(before, after) << start.iso() << " to " << end.iso();
    EXPECT_FALSE(after.empty());
  }
}

}  // namespace
}  // namespace peacesim::testing
