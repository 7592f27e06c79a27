// M7's registration layer: a lag before a status is counted, so short displacements are never
// counted; those who go home stay on the books until a verification exercise; with both off the
// books follow the simulation.
#include "mechanisms/displacement/registration.hpp"

#include <gtest/gtest.h>

namespace peacesim::mechanisms::displacement {
namespace {

using R = Registration;

// One weekly update of slots 0 and 1 with the given statuses.
void week(Registration& books, std::uint32_t day, std::uint8_t a, std::uint8_t b) {
  books.begin(day);
  books.status(0, a);
  books.status(1, b);
}

TEST(Registration, OffTheBooksAreTheSimulation) {
  Registration books({});
  EXPECT_FALSE(books.active());
  week(books, 7, R::kInternal, R::kAbroad + 1);
  EXPECT_EQ(books.registered(0), R::kInternal);
  EXPECT_EQ(books.registered(1), R::kAbroad + 1);
  week(books, 14, R::kHome, R::kInternal);
  EXPECT_EQ(books.registered(0), R::kHome);
  EXPECT_EQ(books.registered(1), R::kInternal);
  EXPECT_EQ(books.registered(5), R::kHome);  // a slot never seen is not on the books
}

TEST(Registration, AStatusIsCountedAfterTheLagAndAShortDisplacementNever) {
  Registration books({.lag_days = 30, .verification_days = 0});
  EXPECT_TRUE(books.active());
  week(books, 0, R::kInternal, R::kInternal);
  week(books, 21, R::kInternal, R::kHome);  // slot 1 went home after three weeks
  EXPECT_EQ(books.registered(0), R::kHome);
  EXPECT_EQ(books.registered(1), R::kHome);
  week(books, 28, R::kInternal, R::kHome);
  EXPECT_EQ(books.registered(0), R::kHome);  // 28 days: not yet
  week(books, 35, R::kInternal, R::kHome);
  EXPECT_EQ(books.registered(0), R::kInternal);  // 35 ≥ 30
  EXPECT_EQ(books.registered(1), R::kHome);      // never counted
}

TEST(Registration, ThoseWhoWentHomeStayOnTheBooksUntilAVerification) {
  Registration books({.lag_days = 0, .verification_days = 365});
  week(books, 0, R::kInternal, R::kAbroad);  // day 0 is a verification too
  EXPECT_EQ(books.registered(0), R::kInternal);
  EXPECT_EQ(books.registered(1), R::kAbroad);
  week(books, 100, R::kHome, R::kAbroad + 2);      // 0 went home, 1 moved to another country
  EXPECT_EQ(books.registered(0), R::kInternal);    // still counted
  EXPECT_EQ(books.registered(1), R::kAbroad + 2);  // registered where they are (one book)
  week(books, 364, R::kHome, R::kAbroad + 2);
  EXPECT_EQ(books.registered(0), R::kInternal);
  week(books, 365, R::kHome, R::kAbroad + 2);  // the verification
  EXPECT_EQ(books.registered(0), R::kHome);
  EXPECT_EQ(books.registered(1), R::kAbroad + 2);
  EXPECT_EQ(books.state().last_verification, 365u);
}

}  // namespace
}  // namespace peacesim::mechanisms::displacement
