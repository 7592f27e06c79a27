// The model plays the scheduled inputs back as monthly series, and nothing else.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "engine/simulation.hpp"
#include "models/conflict_theatre/schedule_model.hpp"
#include "support.hpp"

namespace peacesim::testing {
namespace {

using engine::Date;

struct Run {
  std::vector<std::string> series;
  std::vector<std::string> regions;
  std::map<std::tuple<std::string, std::string, std::string>, double> values;  // (series, region, date)
  std::size_t rows = 0;
};

const Run& run() {
  static const Run r = [] {
    models::conflict_theatre::ScheduleModel model(mali().world, mali().scenario.end);
    engine::Simulation sim(model, engine::Clock(mali().scenario.start, mali().scenario.end), {});
    const auto result = sim.run();
    EXPECT_TRUE(result.completed);
    Run out;
    for (const auto& s : sim.recorder().series()) out.series.push_back(s.name);
    out.regions = sim.recorder().regions();
    for (const auto& row : sim.recorder().rows()) {
      out.values[{out.series[row.series], out.regions[row.region], row.date.iso()}] = row.value;
    }
    out.rows = sim.recorder().rows().size();
    return out;
  }();
  return r;
}

double value(const std::string& series, const std::string& region, const std::string& date) {
  const auto it = run().values.find({series, region, date});
  EXPECT_NE(it, run().values.end()) << series << " " << region << " " << date;
  return it == run().values.end() ? -1 : it->second;
}

TEST(MaliRun, DeclaresRegionsAndSeries) {
  EXPECT_EQ(run().regions.front(), "Mali");
  EXPECT_EQ(run().regions.size(), 10u);
  for (const char* s : {"population", "armed_groups_existing", "armed_groups_designated",
                        "operations_deployed", "strength_minusma", "strength_serval", "strength_afisma",
                        "strength_eutm", "strength_barkhane", "authorized_minusma", "authorized_eutm",
                        "authorized_g5_joint_force", "strength_serval_chad_contingent"}) {
    EXPECT_NE(std::find(run().series.begin(), run().series.end(), s), run().series.end()) << s;
  }
  // No series for operations with no recorded strength.
  EXPECT_EQ(std::find(run().series.begin(), run().series.end(), "strength_takuba"), run().series.end());
}

TEST(MaliRun, MonthlyRowsDatedAtMonthEnds) {
  // 111 monthly periods from 2011-10 to 2020-12, plus the initial state.
  const std::size_t series = run().series.size();
  EXPECT_EQ(run().rows, (111 + 1) * series * run().regions.size());
  EXPECT_GT(value("population", "Mali", "2011-10-31"), 0);
  EXPECT_GT(value("population", "Mali", "2020-12-31"), 0);
}

TEST(MaliRun, OperationStrengthsFollowTheSchedule) {
  EXPECT_EQ(value("strength_minusma", "Mali", "2013-06-30"), 0);
  EXPECT_EQ(value("strength_minusma", "Mali", "2013-07-31"), 6294);
  EXPECT_EQ(value("strength_minusma", "Mali", "2016-12-31"), 12057);
  EXPECT_EQ(value("strength_serval", "Mali", "2013-02-28"), 4500);
  EXPECT_EQ(value("strength_serval", "Mali", "2014-08-31"), 0);
  EXPECT_EQ(value("strength_barkhane", "Mali", "2014-08-31"), 3000);
  EXPECT_EQ(value("authorized_minusma", "Mali", "2016-07-31"), 13289 + 1920);
  EXPECT_EQ(value("authorized_minusma", "Mali", "2016-05-31"), 11200 + 1440);
  EXPECT_EQ(value("strength_serval_chad_contingent", "Mali", "2013-03-31"), 2000);
  EXPECT_EQ(value("strength_serval_chad_contingent", "Mali", "2013-07-31"), 0);
}

TEST(MaliRun, MinusmaRegionalRowsSumToTheNationalFigure) {
  for (const char* date : {"2014-03-31", "2015-06-30", "2016-12-31", "2018-12-31"}) {
    double sum = 0;
    for (std::size_t r = 1; r < run().regions.size(); ++r)
      sum += value("strength_minusma", run().regions[r], date);
    EXPECT_NEAR(sum, value("strength_minusma", "Mali", date), 1.0) << date;
  }
  EXPECT_EQ(value("strength_minusma", "Kidal", "2014-02-28"), 0);  // before the first Geo-PKO snapshot
  EXPECT_GT(value("strength_minusma", "Kidal", "2014-03-31"), 0);
}

TEST(MaliRun, ArmedGroupsExistingAndDesignated) {
  // 2011-10-31: AQIM, the MNLA (formed 2011-10) and the Ganda Izo militia (2009); AQIM designated.
  EXPECT_EQ(value("armed_groups_existing", "Mali", "2011-10-31"), 3);
  EXPECT_EQ(value("armed_groups_designated", "Mali", "2011-10-31"), 1);
  // The 2017 JNIM merger is an input: four groups end and one forms (13 = 16 - 4 + 1).
  EXPECT_EQ(value("armed_groups_existing", "Mali", "2017-03-31"),
            value("armed_groups_existing", "Mali", "2016-12-31") - 3);
  EXPECT_GT(value("armed_groups_existing", "Mopti", "2016-12-31"), 0);  // Katiba Macina, Dan Na Ambassagou
}

TEST(MaliRun, PopulationGrowsOnlyByTheDeclaredRate) {
  const double a = value("population", "Mali", "2012-12-31");
  const double b = value("population", "Mali", "2013-12-31");
  EXPECT_NEAR(b / a, std::exp(mali().parameters.real("population_growth_rate") * 365.0 / 365.2425), 1e-9);
  double regions = 0;
  for (std::size_t r = 1; r < run().regions.size(); ++r)
    regions += value("population", run().regions[r], "2013-12-31");
  EXPECT_NEAR(regions, b, 1e-3);
}

}  // namespace
}  // namespace peacesim::testing
