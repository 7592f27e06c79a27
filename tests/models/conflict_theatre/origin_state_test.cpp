// A forecast that starts from the displaced stocks observed at its origin (calendar.forecast_origin
// and dynamics.observed_stocks; src/mechanisms/displacement/origin_state.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "engine/simulation.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "models/conflict_theatre/conflict_model.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "support.hpp"

namespace peacesim::testing {
namespace {

namespace displacement = mechanisms::displacement;

struct Stocks {
  std::map<std::string, double> people;      // "IDP" or the host country: the displaced followed now
  std::map<std::string, double> month_ends;  // series@date before 2014, national
  // Every month end, by series: the national row, and the sum of the regions' rows in their order.
  std::map<std::string, std::map<engine::Date, double>> national, regions;
};

// The Mali scenario at 1,000 people an agent from its start to `end`, forecasting from `origin`.
Stocks run_to(engine::Date end, std::optional<engine::Date> origin) {
  const auto& f = mali();
  auto spec = models::conflict_theatre::read_dynamics(f.scenario.root);
  spec.forecast_origin = origin;
  models::conflict_theatre::ConflictModel model(f.world, spec, f.parameters, f.scenario.start, end, 1000.0,
                                                1);
  engine::SimulationOptions options;
  options.seed = 1;
  engine::Simulation sim(model, engine::Clock(f.scenario.start, end), options);
  EXPECT_TRUE(sim.run().completed);
  Stocks out;
  const auto& moves = model.registry().get<displacement::Displacement>();
  for (std::size_t s = 0; s < moves.agent_count(); ++s) {
    if (moves.retired(s)) continue;
    const auto& at = moves.place(moves.whereabouts(s).at);
    out.people[at.foreign ? at.country : "IDP"] += 1000.0;
  }
  std::vector<std::string> names;
  for (const auto& s : sim.recorder().series()) names.push_back(s.name);
  for (const auto& row : sim.recorder().rows()) {
    if (row.region == 0 && row.date < engine::Date(2014, 1, 1))
      out.month_ends[names[row.series] + "@" + row.date.iso()] = row.value;
    (row.region == 0 ? out.national : out.regions)[names[row.series]][row.date] += row.value;
  }
  return out;
}

// On the day after the origin the stocks are those observed then (UNHCR's of 2013-12-31 in the
// scenario), give or take the moves of that one day; without an origin they are the simulation's,
// far from them; and nothing before the origin changes.
TEST(OriginState, AForecastStartsFromTheDisplacedStocksObservedAtItsOrigin) {
  const engine::Date origin(2013, 12, 31);
  const engine::Date day_after(2014, 1, 1);
  const auto& f = mali();
  const auto spec = models::conflict_theatre::read_dynamics(f.scenario.root);
  const models::conflict_theatre::ObservedStocks* observed = nullptr;
  for (const auto& o : spec.observed_stocks) observed = o.when.date == origin ? &o : observed;
  ASSERT_NE(observed, nullptr) << "the scenario has no stocks dated " << origin.iso();
  std::map<std::string, double> target{{"IDP", observed->internal.value_or(0.0)}};
  for (const auto& a : observed->abroad) target[a.country] = a.people;

  const Stocks started = run_to(day_after, origin);
  const Stocks simulated = run_to(day_after, std::nullopt);
  int far = 0;
  for (const auto& [status, people] : target) {
    const double now = started.people.count(status) ? started.people.at(status) : 0.0;
    const double free = simulated.people.count(status) ? simulated.people.at(status) : 0.0;
    EXPECT_NEAR(now, people, 0.05 * people + 3000.0) << status;
    far += std::abs(free - people) > 0.2 * people ? 1 : 0;
  }
  EXPECT_GE(far, 2) << "the simulation alone is already at the observed stocks: the test shows nothing";
  EXPECT_EQ(started.month_ends, simulated.month_ends);
  EXPECT_FALSE(started.month_ends.empty());
}

// Refugees in countries with no place of the theatre are not simulated: from the day after the
// origin the national refugees add the count observed then (refugees_elsewhere), held; the regions'
// refugees, and everything before the origin, are the simulation's alone.
TEST(OriginState, RefugeesElsewhereAreHeldFromTheOriginInTheNationalTotalOnly) {
  const engine::Date origin(2013, 12, 31);
  const auto& f = mali();
  const auto spec = models::conflict_theatre::read_dynamics(f.scenario.root);
  const models::conflict_theatre::ObservedStocks* observed = nullptr;
  for (const auto& o : spec.observed_stocks) observed = o.when.date == origin ? &o : observed;
  ASSERT_NE(observed, nullptr);
  ASSERT_TRUE(observed->elsewhere.has_value())
      << "the scenario gives no refugees_elsewhere for " << origin.iso();
  const double elsewhere = *observed->elsewhere;
  ASSERT_GT(elsewhere, 0.0);
  const Stocks run = run_to(engine::Date(2014, 3, 31), origin);
  ASSERT_TRUE(run.national.count("refugees_elsewhere"));
  const auto& national = run.national.at("refugees");
  const auto& regions = run.regions.at("refugees");
  const auto& held = run.national.at("refugees_elsewhere");
  const auto& abroad = run.national.at("people_abroad");
  int after = 0;
  for (const auto& [date, total] : national) {
    const double expected = date > origin ? elsewhere : 0.0;
    EXPECT_EQ(held.at(date), expected) << date.iso();
    EXPECT_NEAR(total, regions.at(date) + expected, 1e-6) << date.iso();
    EXPECT_EQ(abroad.at(date), regions.at(date)) << date.iso();  // the people followed: the simulated
    after += date > origin ? 1 : 0;
  }
  EXPECT_EQ(after, 3);  // January, February and March 2014
}

// An origin with no stocks dated then changes nothing.
TEST(OriginState, AnOriginWithoutObservedStocksLeavesTheRunAsSimulated) {
  const engine::Date day_after(2013, 7, 1);
  const Stocks a = run_to(day_after, engine::Date(2013, 6, 30));
  const Stocks b = run_to(day_after, std::nullopt);
  EXPECT_EQ(a.people, b.people);
}

}  // namespace
}  // namespace peacesim::testing
