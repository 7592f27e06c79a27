#include "engine/recorder.hpp"

#include <gtest/gtest.h>

namespace peacesim::engine {
namespace {

TEST(Recorder, GaugesKeepTheirValueFlowsReset) {
  Recorder r;
  r.set_regions({"north", "south"});
  const auto g = r.declare({"fighters", "people", "", SeriesKind::Gauge, Cadence::Daily});
  const auto f = r.declare({"deaths", "people", "", SeriesKind::Flow, Cadence::Daily});
  r.set(g, 0, 10);
  r.add(f, 1, 2);
  r.add(f, 1, 3);
  r.close_periods(1, Date{2012, 1, 1}, {Cadence::Daily});
  r.close_periods(2, Date{2012, 1, 2}, {Cadence::Daily});
  ASSERT_EQ(r.rows().size(), 8u);
  EXPECT_EQ(r.rows()[0].value, 10);  // fighters north, day 1
  EXPECT_EQ(r.rows()[3].value, 5);   // deaths south, day 1
  EXPECT_EQ(r.rows()[4].value, 10);  // fighters north, day 2: a gauge keeps its value
  EXPECT_EQ(r.rows()[7].value, 0);   // deaths south, day 2: a flow starts again from zero
}

TEST(Recorder, OnlyEndedCadencesEmitAndInitialEmitsGaugesOnly) {
  Recorder r;
  r.declare({"a", "1", "", SeriesKind::Gauge, Cadence::Monthly});
  r.declare({"b", "1", "", SeriesKind::Flow, Cadence::Monthly});
  r.close_periods(0, Date{2011, 12, 31}, {}, true);
  EXPECT_EQ(r.rows().size(), 1u);
  r.close_periods(1, Date{2012, 1, 1}, {Cadence::Daily});
  EXPECT_EQ(r.rows().size(), 1u);
  r.close_periods(31, Date{2012, 1, 31}, {Cadence::Daily, Cadence::Monthly});
  EXPECT_EQ(r.rows().size(), 3u);
}

TEST(Recorder, RejectsDoubleDeclarationsAndLateRegions) {
  Recorder r;
  r.declare({"a", "1", "", SeriesKind::Gauge, Cadence::Daily});
  EXPECT_THROW(r.declare({"a", "1", "", SeriesKind::Gauge, Cadence::Daily}), std::logic_error);
  EXPECT_THROW(r.set_regions({"x"}), std::logic_error);
}

}  // namespace
}  // namespace peacesim::engine
