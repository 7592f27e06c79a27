// A backtest's model discrepancy (validation/discrepancy.hpp): the method-of-moments σ by quantity
// and lead, the minimum of cells below which no estimate is used, members widened on ln(1 + x) by
// draws keyed to the cell, and a forecast whose members miss the observation getting wider
// intervals (coverage up) with its point forecast (log-MAE) unchanged.
#include "validation/discrepancy.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/percentile.hpp"
#include "support/backtest_inputs.hpp"
#include "validation/backtest.hpp"
#include "validation/scores.hpp"

namespace peacesim::validation {
namespace {

std::vector<ErrorCell> cells(const std::string& q, int lead, std::size_t n, double squared_error,
                             double spread) {
  return std::vector<ErrorCell>(n, ErrorCell{q, lead, squared_error, spread});
}

TEST(Discrepancy, SigmaIsTheErrorTheSpreadDoesNotExplain) {
  auto all = cells("fatalities", 1, 12, 1.0, 0.36);
  const auto more = cells("fatalities", 2, 10, 2.0, 0.0);
  all.insert(all.end(), more.begin(), more.end());
  const Discrepancy d(all, 1);
  EXPECT_NEAR(*d.sigma("fatalities", 1), 0.8, 1e-12);  // √(1 − 0.36)
  EXPECT_NEAR(*d.sigma("fatalities", 2), std::sqrt(2.0), 1e-12);
  // A longer lead than any estimated takes the longest below it.
  EXPECT_NEAR(*d.sigma("fatalities", 5), std::sqrt(2.0), 1e-12);
  EXPECT_FALSE(d.sigma("events", 1).has_value());
  // Members that spread wider than they err need no discrepancy.
  EXPECT_EQ(*Discrepancy(cells("events", 1, 10, 0.2, 0.5), 1).sigma("events", 1), 0.0);
}

TEST(Discrepancy, TooFewCellsGiveNoEstimateThatIsUsed) {
  auto all = cells("idps", 1, 3, 4.0, 0.0);  // three years of a yearly series
  const Discrepancy few(all, 1);
  EXPECT_FALSE(few.sigma("idps", 1).has_value());
  EXPECT_FALSE(few.to_json()["idps"]["1"]["used"].get<bool>());
  EXPECT_NEAR(few.to_json()["idps"]["1"]["sigma"].get<double>(), 2.0, 1e-12);  // still reported
  // A lead with enough cells serves the shorter lead that has too few.
  const auto lead2 = cells("idps", 2, 10, 1.0, 0.0);
  all.insert(all.end(), lead2.begin(), lead2.end());
  EXPECT_NEAR(*Discrepancy(all, 1).sigma("idps", 1), 1.0, 1e-12);
  EXPECT_NEAR(*Discrepancy(all, 1, 3).sigma("idps", 1), 2.0, 1e-12);  // a lower minimum uses it
}

TEST(Discrepancy, WidensOnTheLogScaleWithDrawsKeyedToTheCell) {
  const Discrepancy d({}, 7);
  const std::vector<double> members(400, 99.0);  // ln(1 + x) = ln 100
  EXPECT_EQ(d.widen(members, 0.0, "a"), members);
  const auto wide = d.widen(members, 0.5, "a");
  EXPECT_EQ(wide.size(), members.size() * kDrawsPerMember);  // a mixture: draws around each member
  EXPECT_EQ(wide, d.widen(members, 0.5, "a"));               // the same cell, the same draws
  EXPECT_NE(wide, d.widen(members, 0.5, "b"));
  EXPECT_NE(wide, Discrepancy({}, 8).widen(members, 0.5, "a"));  // another seed
  const auto logs = log1p_all(wide);
  const double mean = engine::sample_mean(logs);
  const double var = engine::sample_variance(logs, mean);
  EXPECT_NEAR(mean, std::log(100.0), 0.03);
  EXPECT_NEAR(std::sqrt(var), 0.5, 0.02);
  // Counts stay counts: a member at 0 widened downwards is 0, not negative.
  for (const double x : d.widen(std::vector<double>(200, 0.0), 2.0, "zero")) EXPECT_GE(x, 0.0);
}

TEST(Discrepancy, WidensTheModelsIntervalsNotItsPoint) {
  using testing::member;
  const Observed observed = testing::record(15);
  const Adjacency adjacency = testing::ring();
  // Members all far below the observations (2 events in Gao and Kidal): their 90 % intervals miss.
  std::vector<RunFigures> members;
  for (int i = 0; i < 40; ++i) members.push_back(member(2 + i % 3, 2 + i % 2));
  ForecastInput in = testing::from_2014(observed, adjacency, members, 50);
  const nlohmann::json plain = score_forecast(in);
  // Hindcast errors of about 2.5 on ln(1 + x) for region-year events.
  const Discrepancy d(cells("events", 1, 20, 6.25, 0.0), 3);
  in.discrepancy = &d;
  const nlohmann::json wide = score_forecast(in);
  auto model = [](const nlohmann::json& j, const std::string& name) {
    return testing::metric(j, name)["model"].get<double>();
  };
  EXPECT_EQ(model(wide, "events: log-MAE"), model(plain, "events: log-MAE"));
  EXPECT_GT(model(wide, "events: coverage of the 90 % interval"),
            model(plain, "events: coverage of the 90 % interval"));
  auto row = [](const nlohmann::json& j, const std::string& region, int year) {
    for (const auto& r : j["rows"]) {
      if (r["metric"] == "events" && r["region"] == region && r["year"] == year) return r;
    }
    throw std::runtime_error("no row");
  };
  // Gao's 15 events of 2015: outside the members' own range (2-4), inside the widened one.
  EXPECT_LT(row(plain, "Gao", 2015)["model_p95"].get<double>(), 15.0);
  EXPECT_GT(row(wide, "Gao", 2015)["model_p95"].get<double>(), 15.0);
  EXPECT_EQ(row(wide, "Gao", 2015)["model"], row(plain, "Gao", 2015)["model"]);
  // Quantities without an estimate keep their members as they are.
  EXPECT_EQ(model(wide, "fatalities: CRPS on ln(1+x)"), model(plain, "fatalities: CRPS on ln(1+x)"));
  // The rows carry what a discrepancy is estimated from, and it reads them back: the forecast's
  // own cells as hindcast cells, one per region-year, national year and yearly series' year.
  const auto found = error_cells(plain);
  std::size_t region_events = 0;
  for (const auto& c : found) {
    if (c.quantity == "events") {
      ++region_events;
      EXPECT_GE(c.lead, 1);
      EXPECT_LE(c.lead, 2);
    }
  }
  EXPECT_EQ(region_events, 2 * testing::mali_region_names().regions().size());
}

}  // namespace
}  // namespace peacesim::validation
