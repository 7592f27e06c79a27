#include "engine/simulation.hpp"

#include <gtest/gtest.h>

#include "support/toy_model.hpp"

namespace peacesim::engine {
namespace {

struct ToyRun {
  std::vector<SeriesRow> rows;
  std::vector<Event> events;
  SimulationResult result;
  int monthly_runs;
};

ToyRun run_toy(unsigned threads, std::uint64_t seed = 3, Date end = Date{2012, 3, 31}) {
  ParameterSet params(testing::toy_parameters());
  testing::ToyModel model(params, seed);
  Simulation sim(model, Clock(Date{2012, 1, 15}, end), {seed, threads, {}, nullptr, 0, 0.0, {}});
  auto result = sim.run();
  return {sim.recorder().rows(), sim.recorder().events(), result, model.monthly_runs()};
}

TEST(Simulation, RunsSystemsOnTheirCadence) {
  const ToyRun r = run_toy(1);
  EXPECT_TRUE(r.result.completed);
  EXPECT_EQ(r.result.steps_done, 77u);  // 2012-01-15 .. 2012-03-31
  EXPECT_EQ(r.monthly_runs, 3);         // first day, 1 February, 1 March
}

TEST(Simulation, RecordsInitialStateThenEveryPeriod) {
  const ToyRun r = run_toy(1);
  // Gauge "walkers" (daily): 2 regions x (initial + 77 days); flow "clashes" (monthly): 2 regions x 3 months.
  std::size_t walkers = 0, clashes = 0;
  for (const auto& row : r.rows) (row.series == 0 ? walkers : clashes) += 1;
  EXPECT_EQ(walkers, 2u * 78u);
  EXPECT_EQ(clashes, 2u * 3u);
  EXPECT_EQ(r.rows.front().step, 0u);
  EXPECT_EQ(r.rows.front().date.iso(), "2012-01-14");  // the eve of the start
  // Monthly flows close on the last day of each month (or of the run).
  std::vector<std::string> clash_dates;
  for (const auto& row : r.rows) {
    if (row.series == 1 && row.region == 0) clash_dates.push_back(row.date.iso());
  }
  EXPECT_EQ(clash_dates, (std::vector<std::string>{"2012-01-31", "2012-02-29", "2012-03-31"}));
}

TEST(Simulation, FlowTotalsEqualEventCounts) {
  const ToyRun r = run_toy(1);
  double total = 0;
  for (const auto& row : r.rows) {
    if (row.series == 1) total += row.value;
  }
  EXPECT_GT(r.events.size(), 0u);
  EXPECT_DOUBLE_EQ(total, static_cast<double>(r.events.size()));
}

TEST(Simulation, WalkersAreConserved) {
  const ToyRun r = run_toy(1);
  for (std::size_t i = 0; i + 1 < r.rows.size(); ++i) {
    if (r.rows[i].series == 0 && r.rows[i].region == 0) {
      EXPECT_DOUBLE_EQ(r.rows[i].value + r.rows[i + 1].value, 500.0);
    }
  }
}

TEST(Simulation, SameResultsWithOneOrTwoThreads) {
  const ToyRun one = run_toy(1);
  const ToyRun two = run_toy(2);
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (std::size_t i = 0; i < one.rows.size(); ++i) {
    EXPECT_EQ(one.rows[i].value, two.rows[i].value) << "row " << i;
  }
  ASSERT_EQ(one.events.size(), two.events.size());
  for (std::size_t i = 0; i < one.events.size(); ++i) EXPECT_EQ(one.events[i].actor1, two.events[i].actor1);
}

TEST(Simulation, DifferentSeedsGiveDifferentRuns) {
  auto walkers_west = [](const ToyRun& r) {
    std::vector<double> v;
    for (const auto& row : r.rows) {
      if (row.series == 0 && row.region == 0) v.push_back(row.value);
    }
    return v;
  };
  EXPECT_EQ(walkers_west(run_toy(1, 3)), walkers_west(run_toy(1, 3)));
  EXPECT_NE(walkers_west(run_toy(1, 3)), walkers_west(run_toy(1, 4)));
}

TEST(Simulation, StopsWhenAsked) {
  ParameterSet params(testing::toy_parameters());
  testing::ToyModel model(params, 1);
  std::atomic<bool> stop{false};
  SimulationOptions options{1,   1, [&](std::uint32_t done, std::uint32_t) { stop = done >= 10; }, &stop, 0,
                            0.0, {}};
  Simulation sim(model, Clock(Date{2012, 1, 1}, Date{2012, 12, 31}), options);
  const auto result = sim.run();
  EXPECT_FALSE(result.completed);
  EXPECT_EQ(result.steps_done, 10u);
}

}  // namespace
}  // namespace peacesim::engine
