// The fit a backtest runs (cli/calibration.hpp) refuses observations dated after its window: they
// would let it see what it is scored on. Cut first (validation::observed_up_to), it accepts them.
#include "cli/calibration.hpp"

#include <gtest/gtest.h>

#include "support/region_tables.hpp"
#include "validation/backtest.hpp"

namespace peacesim::cli {
namespace {

validation::Observed observed_to(int last_year) {
  validation::Observed o;
  o.regions = testing::mali_region_names();
  validation::EventTable t;
  for (int y = 2010; y <= last_year; ++y) t.cells[{"Gao", y}] = {10, 20};
  o.events = t;
  o.events_in_window = t;
  o.peacekeeping = validation::PeacekeepingDeaths{{"MINUSMA", "casualties_minusma"}, {{2013, 4}, {2014, 28}}};
  return o;
}

TEST(Calibration, RefusesObservationsAfterTheWindowAndSaysWhich) {
  const engine::Date origin(2014, 12, 31);
  const auto all = observed_to(2016);
  try {
    refuse_observations_after(all, origin);
    ADD_FAILURE() << "observations of 2016 accepted for a fit to 2014";
  } catch (const validation::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("observations of 2016"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("refused"), std::string::npos) << e.what();
  }
  EXPECT_EQ(observations_after(all, origin), "ACLED events 2015–2016");
  const auto cut = validation::observed_up_to(all, origin);
  EXPECT_NO_THROW(refuse_observations_after(cut, origin));
  EXPECT_EQ(observations_after(cut, origin), "");
  // A year-end stock of the origin's own year is dated on the origin: accepted.
  EXPECT_NO_THROW(refuse_observations_after(observed_to(2014), origin));
}

}  // namespace
}  // namespace peacesim::cli
