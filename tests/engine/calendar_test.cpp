#include "engine/calendar.hpp"

#include <gtest/gtest.h>

namespace peacesim::engine {
namespace {

TEST(Date, ParsesIsoDatesAndRejectsOthers) {
  ASSERT_TRUE(Date::parse("2012-01-17"));
  EXPECT_EQ(Date::parse("2012-01-17")->iso(), "2012-01-17");
  EXPECT_TRUE(Date::parse("2012-02-29"));   // leap year
  EXPECT_FALSE(Date::parse("2013-02-29"));  // not a leap year
  EXPECT_FALSE(Date::parse("2012-13-01"));
  EXPECT_FALSE(Date::parse("2012-1-17"));
  EXPECT_FALSE(Date::parse("17 January 2012"));
  EXPECT_FALSE(Date::parse("2012-01-17x"));
  EXPECT_FALSE(Date::parse(""));
}

TEST(Date, Arithmetic) {
  const Date d{2012, 12, 31};
  EXPECT_EQ(d.plus_days(1).iso(), "2013-01-01");
  EXPECT_EQ(days_between(Date{2012, 1, 1}, Date{2013, 1, 1}), 366);
  EXPECT_LT(Date(2012, 1, 1), Date(2012, 1, 2));
  EXPECT_EQ(Date(2013, 1, 11).year_month(), "2013-01");
}

TEST(Clock, CountsDaysInclusive) {
  Clock clock(Date{2012, 1, 1}, Date{2012, 12, 31});
  EXPECT_EQ(clock.total_steps(), 366u);
  EXPECT_EQ(clock.today().iso(), "2012-01-01");
  clock.advance();
  EXPECT_EQ(clock.today().iso(), "2012-01-02");
  EXPECT_THROW(Clock(Date{2012, 1, 2}, Date{2012, 1, 1}), std::invalid_argument);
}

TEST(Clock, CadencesFallOnTheRightDays) {
  Clock clock(Date{2012, 1, 15}, Date{2013, 2, 20});
  int daily = 0, weekly = 0, monthly = 0, yearly = 0;
  while (!clock.finished()) {
    daily += clock.due(Cadence::Daily);
    weekly += clock.due(Cadence::Weekly);
    if (clock.due(Cadence::Monthly)) {
      ++monthly;
      EXPECT_TRUE(clock.step() == 0 || clock.today().day() == 1) << clock.today().iso();
    }
    yearly += clock.due(Cadence::Yearly);
    clock.advance();
  }
  EXPECT_EQ(daily, static_cast<int>(clock.total_steps()));
  EXPECT_EQ(weekly, static_cast<int>((clock.total_steps() + 6) / 7));
  EXPECT_EQ(monthly, 1 + 13);  // the first day, then 2012-02-01 .. 2013-02-01
  EXPECT_EQ(yearly, 2);        // the first day, then 2013-01-01
}

TEST(Cadence, NamesRoundTrip) {
  for (Cadence c : {Cadence::Daily, Cadence::Weekly, Cadence::Monthly, Cadence::Yearly}) {
    EXPECT_EQ(parse_cadence(cadence_name(c)), c);
  }
  EXPECT_FALSE(parse_cadence("fortnightly"));
}

}  // namespace
}  // namespace peacesim::engine
