// What holds on a date: figures hold until the next; operations count only while deployed;
// changes marked as references are not played.
#include "theatre/schedule.hpp"

#include <gtest/gtest.h>

#include "snippet.hpp"

namespace peacesim::testing {
namespace {

using engine::Date;
using std::string;

theatre::Theatre scheduled() {
  string text = replace(minimal_theatre(),
                        "        - {date: 2013-07, military: 5494, police: 800, source: \"004 §4.5\"}",
                        "        - {date: 2013-07, military: 5494, police: 800, source: \"004 §4.5\"}\n"
                        "        - {date: 2014-01-15, military: 6000, source: \"004 §4.5\"}");
  text = replace(text, "start: 2013-07-01,", "start: 2013-07-01, end: 2015-12-31,");
  text = replace(text, "      - {date: 2014, change: formed, source: \"004 §3.4\"}",
                 "      - {date: 2014, change: formed, source: \"004 §3.4\"}\n"
                 "      - {date: 2015-02, change: designated, by: unsc, source: \"public record\"}\n"
                 "      - {date: 2017-03-02, change: dissolved, role: reference, source: \"public record\"}");
  return load_and_check("schedule.yaml", text);
}

TEST(TheatreSchedule, StrengthHoldsUntilTheNextFigure) {
  const auto t = scheduled();
  const auto& op = t.operations[0];
  EXPECT_EQ(theatre::actual_strength(op, Date(2013, 6, 30)), 0.0);  // before the start
  EXPECT_EQ(theatre::actual_strength(op, Date(2013, 7, 1)), 6294.0);
  EXPECT_EQ(theatre::actual_strength(op, Date(2014, 1, 14)), 6294.0);
  EXPECT_EQ(theatre::actual_strength(op, Date(2014, 1, 15)), 6000.0);
  EXPECT_EQ(theatre::actual_strength(op, Date(2015, 12, 31)), 6000.0);
  EXPECT_EQ(theatre::actual_strength(op, Date(2016, 1, 1)), 0.0);  // after the end
}

TEST(TheatreSchedule, MandateCeilingsJoinTheAuthorizedSchedule) {
  const auto t = scheduled();
  const auto ceilings = theatre::authorized_schedule(t.operations[0]);
  ASSERT_EQ(ceilings.size(), 1u);
  EXPECT_EQ(ceilings[0].military, 11200.0);
  EXPECT_EQ(ceilings[0].police, 1440.0);
  EXPECT_EQ(theatre::in_force(ceilings, Date(2013, 4, 24)), nullptr);
  EXPECT_NE(theatre::in_force(ceilings, Date(2013, 4, 25)), nullptr);
}

TEST(TheatreSchedule, ReferenceChangesAreShownButNotPlayed) {
  const auto t = scheduled();
  const auto& cma = t.groups[1];
  EXPECT_FALSE(theatre::group_exists(cma, Date(2013, 12, 31)));
  EXPECT_TRUE(theatre::group_exists(cma, Date(2014, 1, 1)));
  EXPECT_FALSE(theatre::group_designated(cma, Date(2015, 1, 31)));
  EXPECT_TRUE(theatre::group_designated(cma, Date(2015, 2, 1)));
  EXPECT_FALSE(theatre::group_exists(cma, Date(2017, 3, 2)));       // the record says it ended
  EXPECT_TRUE(theatre::group_exists(cma, Date(2017, 3, 2), true));  // the model does not know
  EXPECT_EQ(theatre::existence_text(cma), "from 2014 until 2017-03-02");
}

}  // namespace
}  // namespace peacesim::testing
