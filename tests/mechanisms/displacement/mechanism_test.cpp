// The displacement mechanism's rules on small graphs: people are conserved, move only along
// links, never through a closed link, stop choosing full camps, go home when it is safe (within the
// return tolerance, less often the longer they have been away, from abroad, with violence in the
// home area or with their community threatened there), and the results do not depend on the thread
// count.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <utility>

#include "mechanisms/displacement/displacement.hpp"

namespace peacesim::mechanisms::displacement {
namespace {

// A (violent town) - B (town) - C (camp abroad), plus A - D (camp abroad), lengths in km.
struct Small {
  std::vector<Place> places{{"A", "X", PlaceKind::Town, false, 0},
                            {"B", "X", PlaceKind::Town, false, 0},
                            {"C", "Y", PlaceKind::Camp, true, 0},
                            {"D", "Z", PlaceKind::Camp, true, 0}};
  std::vector<Link> links{{0, 1, 100}, {1, 2, 150}, {0, 3, 400}};
};

double total_people(const Displacement& d) {
  double t = d.people_in_transit();
  for (std::size_t p = 0; p < d.place_count(); ++p) t += d.people_at(static_cast<PlaceId>(p));
  return t;
}

bool adjacent(const Displacement& d, PlaceId a, PlaceId b) {
  for (const Link& l : d.links()) {
    if ((l.a == a && l.b == b) || (l.a == b && l.b == a)) return true;
  }
  return false;
}

TEST(Displacement, ConservesPeopleWithAnyAgentSize) {
  for (double k : {1.0, 7.0}) {
    Small s;
    Rules r;
    r.people_per_agent = k;
    Displacement d(s.places, s.links, r);
    const engine::RandomStreams random(3);
    double added = 0.0;
    for (std::uint32_t day = 0; day < 60; ++day) {
      d.set_violence(0, 1.0);
      d.displace(0, 103.0, day);  // not a multiple of k: the remainder is carried
      added += 103.0;
      d.step(random, day, 1);
      EXPECT_DOUBLE_EQ(total_people(d), d.people_displaced());
      EXPECT_LE(d.people_displaced(), added);
      EXPECT_GT(d.people_displaced(), added - k);  // at most one agent's worth still carried
    }
  }
}

TEST(Displacement, MovesOnlyAlongLinks) {
  Small s;
  Rules r;
  r.speed_km = 60;  // shorter than any link: at most one place a day
  r.move_chance_town = 0.8;
  r.move_chance_camp = 0.2;
  Displacement d(s.places, s.links, r);
  const engine::RandomStreams random(11);
  d.set_violence(0, 1.0);
  d.displace(0, 500, 0);
  std::vector<PlaceId> before(d.agent_count());
  for (std::size_t i = 0; i < d.agent_count(); ++i) before[i] = d.whereabouts(i).at;
  for (std::uint32_t day = 0; day < 80; ++day) {
    d.step(random, day, 1);
    for (std::size_t i = 0; i < d.agent_count(); ++i) {
      const auto w = d.whereabouts(i);
      if (w.at != before[i]) {
        EXPECT_TRUE(adjacent(d, before[i], w.at)) << "agent " << i << " day " << day;
      }
      if (w.heading != kNoPlace) {
        EXPECT_TRUE(adjacent(d, w.at, w.heading));
      }
      before[i] = w.at;
    }
  }
}

TEST(Displacement, ClosedLinksAreNeverCrossed) {
  Small s;
  Rules r;
  Displacement d(s.places, s.links, r);
  const engine::RandomStreams random(5);
  for (std::uint32_t day = 0; day < 40; ++day) {
    d.set_violence(0, 1.0);
    d.set_link_open(1, day >= 20);  // B - C closed for days 0..19
    d.set_link_open(2, false);      // A - D closed throughout
    if (day < 5) d.displace(0, 200, day);
    d.step(random, day, 1);
    EXPECT_EQ(d.people_at(3), 0.0);
    for (std::size_t i = 0; i < d.agent_count(); ++i) {
      const auto w = d.whereabouts(i);
      EXPECT_NE(w.at, 3);
      EXPECT_NE(w.heading, 3);
      if (day < 20) {
        EXPECT_NE(w.at, 2);
        EXPECT_NE(w.heading, 2);
      }
    }
    if (day < 20) {
      EXPECT_EQ(d.people_at(2), 0.0);
    }
  }
  EXPECT_GT(d.people_at(2), 0.0);  // once open, people reach the camp
}

TEST(Displacement, CapacityThrottlesAttraction) {
  Small s;
  s.places[2].capacity = 100;
  Rules r;
  Displacement d(s.places, s.links, r);
  EXPECT_DOUBLE_EQ(d.capacity_factor(2), 1.0);
  EXPECT_DOUBLE_EQ(d.capacity_factor(3), 1.0);  // no capacity: unlimited
  d.displace(2, 95, 0);                         // 95 % full: halfway between 90 % and 100 %
  EXPECT_NEAR(d.capacity_factor(2), 0.5, 1e-12);
  d.displace(2, 10, 0);
  EXPECT_DOUBLE_EQ(d.capacity_factor(2), 0.0);
}

// In a theatre of several states a place in another state than home is abroad, as one outside it.
TEST(Displacement, APlaceInAnotherStateOfTheTheatreIsAbroad) {
  Small s;
  s.places[1].nation = 1;  // B: a town of the theatre's second state
  Rules r;
  r.foreign_weight = 3.0;
  Displacement d(s.places, s.links, r);
  EXPECT_FALSE(d.abroad_for(0, 0));  // A from A
  EXPECT_TRUE(d.abroad_for(1, 0));   // B from A
  EXPECT_TRUE(d.abroad_for(0, 1));   // A from B
  EXPECT_TRUE(d.abroad_for(2, 0));   // C (outside the theatre) from A
  EXPECT_TRUE(d.abroad_for(2, 1));
  EXPECT_DOUBLE_EQ(d.attractiveness(1, 0), 3.0);
  EXPECT_DOUBLE_EQ(d.attractiveness(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(d.attractiveness(0, 1), 3.0);
}

TEST(Displacement, AttractivenessFollowsTheRules) {
  Small s;
  Rules r;
  r.camp_weight = 2.0;
  r.foreign_weight = 3.0;
  r.violence_weight = 0.25;
  Displacement d(s.places, s.links, r);
  EXPECT_DOUBLE_EQ(d.attractiveness(2, 0), 6.0);
  EXPECT_DOUBLE_EQ(d.attractiveness(1, 0), 1.0);
  // In a theatre of several states, a place of another state is abroad too.
  EXPECT_DOUBLE_EQ(d.attractiveness(1, 1), 3.0);
  d.set_violence(1, 1.0);
  d.step(engine::RandomStreams(1), 0, 1);
  EXPECT_DOUBLE_EQ(d.attractiveness(1, 0), 0.25);
  EXPECT_DOUBLE_EQ(d.move_chance(1), r.move_chance_violence);
  EXPECT_DOUBLE_EQ(d.move_chance(0), r.move_chance_town);
  EXPECT_DOUBLE_EQ(d.move_chance(2), r.move_chance_camp);
}

TEST(Displacement, ViolenceIsRememberedForTheMemoryDays) {
  Small s;
  Rules r;
  r.violence_memory_days = 3;
  Displacement d(s.places, s.links, r);
  const engine::RandomStreams random(1);
  d.set_violence(1, 1.0);
  d.step(random, 0, 1);
  d.set_violence(1, 0.0);
  for (std::uint32_t day = 1; day <= 3; ++day) {
    d.step(random, day, 1);
    EXPECT_DOUBLE_EQ(d.move_chance(1), r.move_chance_violence) << day;
  }
  d.step(random, 4, 1);
  EXPECT_DOUBLE_EQ(d.move_chance(1), r.move_chance_town);
}

TEST(Displacement, PeopleGoHomeWhenSafetyHolds) {
  Small s;
  Rules r;
  r.return_after_days = 10;
  r.return_chance = 0.2;
  Displacement d(s.places, s.links, r);
  const engine::RandomStreams random(9);
  d.set_violence(0, 1.0);
  d.displace(0, 300, 0);
  std::uint32_t day = 0;
  for (; day < 30; ++day) d.step(random, day, 1);
  EXPECT_LT(d.people_at(0), 300.0);  // people left during the violence
  d.set_violence(0, 0.0);
  for (; day < 40; ++day) d.step(random, day, 1);
  const double before = d.people_at(0);
  for (; day < 200; ++day) d.step(random, day, 1);
  EXPECT_GT(d.people_at(0), before);
  EXPECT_GT(d.people_at(0), 250.0);  // nearly everyone is home after months of calm
  EXPECT_DOUBLE_EQ(total_people(d), 300.0);
}

// The people of A displaced for `away` days, then `calm_days` with A's violence at `home_violence`:
// how many of them are back home for good.
std::size_t settled_home_after(Rules r, double home_violence, std::uint32_t away, std::uint32_t calm_days) {
  Small s;
  r.return_after_days = 10;
  Displacement d(s.places, s.links, r);
  const engine::RandomStreams random(9);
  d.set_violence(0, 1.0);
  d.displace(0, 300, 0);
  std::uint32_t day = 0;
  for (; day < away; ++day) d.step(random, day, 1);
  d.set_violence(0, home_violence);
  for (; day < away + calm_days; ++day) d.step(random, day, 1);
  std::size_t home = 0;
  for (std::size_t i = 0; i < d.agent_count(); ++i) home += d.settled_home(i) ? 1 : 0;
  return home;
}

TEST(Displacement, PeopleGoBackAmidLowViolenceOnlyWithinTheTolerance) {
  Rules r;
  r.return_chance = 0.2;
  EXPECT_EQ(settled_home_after(r, 0.2, 30, 100), 0u);  // tolerance 0: any violence keeps them away
  r.return_tolerance = 0.3;
  EXPECT_GT(settled_home_after(r, 0.2, 30, 100), 200u);  // within the tolerance: most go back
  EXPECT_EQ(settled_home_after(r, 0.5, 30, 100), 0u);    // above it: nobody
}

TEST(Displacement, SomeGoBackToAHomeThatNeverStaysCalmAtTheUnsafeFactor) {
  Rules r;
  r.return_chance = 0.2;
  EXPECT_EQ(settled_home_after(r, 0.5, 30, 100), 0u);  // factor 0: nobody before home is safe
  r.return_unsafe_factor = 1.0;                        // violence makes no difference to returns
  const std::size_t as_if_safe = settled_home_after(r, 0.5, 30, 100);
  r.return_unsafe_factor = 0.02;  // daily chance 0.004: about a third back within 100 days
  const std::size_t slowly = settled_home_after(r, 0.5, 30, 100);
  EXPECT_GT(as_if_safe, 250u);
  EXPECT_GT(slowly, 30u);
  EXPECT_LT(slowly, as_if_safe / 2);
  // A home that is safe is unaffected by the factor.
  r.return_unsafe_factor = 0.0;
  const std::size_t safe_before = settled_home_after(r, 0.0, 30, 100);
  r.return_unsafe_factor = 0.02;
  EXPECT_GE(settled_home_after(r, 0.0, 30, 100), safe_before);
}

TEST(Displacement, TheLongerAwayTheFewerGoHome) {
  Rules r;
  r.return_chance = 0.2;
  const std::size_t constant = settled_home_after(r, 0.0, 60, 30);
  r.return_decay_days = 30;  // after 70-90 days away the daily chance is 0.2·e^-2.3..e^-3 ≈ 0.01-0.02
  const std::size_t decaying = settled_home_after(r, 0.0, 60, 30);
  EXPECT_GT(constant, 250u);
  EXPECT_GT(decaying, 0u);
  EXPECT_LT(decaying, constant / 2);
  r.return_decay_days = 3000;  // a decay far longer than the stay changes little
  EXPECT_GT(settled_home_after(r, 0.0, 60, 30), constant * 9 / 10);
}

TEST(Displacement, SameResultsWithOneOrTwoThreads) {
  auto run = [](unsigned threads) {
    Small s;
    s.places[2].capacity = 4000;
    Rules r;
    r.move_chance_camp = 0.05;
    Displacement d(s.places, s.links, r);
    const engine::RandomStreams random(21);
    for (std::uint32_t day = 0; day < 50; ++day) {
      d.set_violence(0, 1.0);
      d.set_link_open(2, day > 10);
      d.displace(0, 1000, day);  // > 4096 agents: the parallel path runs
      d.step(random, day, threads);
    }
    std::vector<std::pair<PlaceId, float>> out;
    for (std::size_t i = 0; i < d.agent_count(); ++i)
      out.emplace_back(d.whereabouts(i).at, d.whereabouts(i).progress_km);
    return out;
  };
  EXPECT_EQ(run(1), run(2));
}

TEST(Displacement, RejectsBadInput) {
  Small s;
  Rules r;
  r.move_chance_town = 1.5;
  EXPECT_THROW(Displacement(s.places, s.links, r), std::invalid_argument);
  std::vector<Link> bad{{0, 9, 10}};
  EXPECT_THROW(Displacement(s.places, bad, Rules{}), std::invalid_argument);
  std::vector<Link> zero{{0, 1, 0}};
  EXPECT_THROW(Displacement(s.places, zero, Rules{}), std::invalid_argument);
}

// 20,000 people of `group` fleeing violence at `from` for 5 days under `r`, with camps 1 and 2 as
// the only ends they can reach (once in a camp they stay, nobody returns, no look-ahead): the share
// that rests at `at`. All of them must be in the two camps by then.
double share_at(const std::vector<Place>& places, const std::vector<Link>& links, Rules r, PlaceId from,
                PlaceId at, std::uint8_t group = 0, const std::vector<std::vector<std::uint8_t>>& kin = {}) {
  r.move_chance_camp = 0.0;
  r.return_chance = 0.0;
  r.awareness = 0;
  Displacement d(places, links, r);
  if (!kin.empty()) d.set_kin(kin);
  const engine::RandomStreams random(9);
  d.set_violence(from, 1.0);
  d.displace(from, 20000.0, 0, group);
  for (std::uint32_t day = 0; day < 5; ++day) d.step(random, day, 1);
  EXPECT_DOUBLE_EQ(d.people_at(1) + d.people_at(2), 20000.0);
  return d.people_at(at) / 20000.0;
}

TEST(Displacement, TheDisplacedOfACommunityWithKinAbroadGoThere) {
  // From A, camps C (country Y) and D (country Z), each 100 km away. Group 1 has kin in Z: with a
  // kin weight w its agents choose D with odds w : 1; group 0's choose evenly.
  const std::vector<Place> places{{"A", "X", PlaceKind::Town, false, 0},
                                  {"C", "Y", PlaceKind::Camp, true, 0},
                                  {"D", "Z", PlaceKind::Camp, true, 0}};
  const std::vector<Link> links{{0, 1, 100}, {0, 2, 100}};
  Rules r;
  r.kin_weight = 6.0;
  const std::vector<std::vector<std::uint8_t>> kin{{0, 0, 0}, {0, 0, 1}};
  EXPECT_NEAR(share_at(places, links, r, 0, 2, 0, kin), 0.5, 0.02);
  EXPECT_NEAR(share_at(places, links, r, 0, 2, 1, kin), 6.0 / 7.0, 0.02);
  EXPECT_THROW(Displacement(places, links, r).set_kin({{0, 1}}), std::invalid_argument);
}

// A host's attraction (dynamics.refugee_hosts) weighs its places in the routes of people crossing
// into it, and not in those of people already there: from A, camps C (country Y, attraction 3) and D
// (country Z) at 100 km are chosen with odds 3 : 1; from E, a town in Y, C and D are chosen evenly.
TEST(Displacement, AHostsAttractionDrawsOnlyThoseCrossingIntoIt) {
  std::vector<Place> places{{"A", "X", PlaceKind::Town, false, 0},
                            {"C", "Y", PlaceKind::Camp, true, 0},
                            {"D", "Z", PlaceKind::Camp, true, 0},
                            {"E", "Y", PlaceKind::Town, true, 0}};
  places[1].attraction = 3.0;
  places[3].attraction = 3.0;  // the host's every place
  const std::vector<Link> links{{0, 1, 100}, {0, 2, 100}, {3, 1, 100}, {3, 2, 100}};
  EXPECT_NEAR(share_at(places, links, Rules{}, 0, 1), 0.75, 0.02);
  EXPECT_NEAR(share_at(places, links, Rules{}, 3, 1), 0.5, 0.02);
  auto bad = places;
  bad[1].attraction = 101.0;
  EXPECT_THROW(Displacement(bad, links, Rules{}), std::invalid_argument);
}

// Agents of `group` displaced from A (area 0) by 30 days of violence, then 120 days with A calm
// while the places in `violent` stay violent and the threat `fear` is set: how many are back home.
std::size_t back_home(const std::vector<Place>& places, const std::vector<Link>& links, Rules r,
                      const std::vector<PlaceId>& violent, const std::vector<std::vector<double>>& fear = {},
                      std::uint8_t group = 0) {
  r.return_after_days = 10;
  r.return_chance = 0.05;
  Displacement d(places, links, r);
  const engine::RandomStreams random(9);
  d.set_violence(0, 1.0);
  d.displace(0, 1000, 0, group);
  std::uint32_t day = 0;
  for (; day < 30; ++day) d.step(random, day, 1);
  d.set_violence(0, 0.0);
  for (PlaceId p : violent) d.set_violence(p, 1.0);
  d.set_fear(fear);
  for (; day < 150; ++day) d.step(random, day, 1);
  std::size_t home = 0;
  for (std::size_t i = 0; i < d.agent_count(); ++i) home += d.settled_home(i) ? 1 : 0;
  return home;
}

// From A people can go only to a camp abroad (C) or only to a town at home (B): how many of them
// are back home (back_home) under the rules `changed`, against the same with the default rules.
struct AbroadOrAtHome {
  std::size_t refugees_before, idps_before, refugees, idps;
  explicit AbroadOrAtHome(const Rules& changed) {
    const std::vector<Place> abroad{{"A", "X", PlaceKind::Town, false, 0},
                                    {"C", "Y", PlaceKind::Camp, true, 0}};
    const std::vector<Place> at_home{{"A", "X", PlaceKind::Town, false, 0},
                                     {"B", "X", PlaceKind::Town, false, 0}};
    const std::vector<Link> links{{0, 1, 100}};
    refugees_before = back_home(abroad, links, Rules{}, {});
    idps_before = back_home(at_home, links, Rules{}, {});
    refugees = back_home(abroad, links, changed, {});
    idps = back_home(at_home, links, changed, {});
  }
};

// Under `changed`, fewer than half as many refugees go home (but some do), and as many IDPs.
void expect_refugees_slowed_only(const Rules& changed) {
  const AbroadOrAtHome back(changed);
  EXPECT_GT(back.refugees_before, 900u);
  EXPECT_LT(back.refugees, back.refugees_before / 2);
  EXPECT_GT(back.refugees, 0u);
  EXPECT_EQ(back.idps, back.idps_before);  // the internally displaced are not touched
}

TEST(Displacement, ReturnsFromAbroadAreSlowedByTheAbroadFactorOnly) {
  Rules r;
  r.return_abroad_factor = 0.05;  // daily chance 0.0025: about a quarter back within 110 days
  expect_refugees_slowed_only(r);
}

// A host's return factor (dynamics.refugee_hosts) scales the return chance of the people resting at
// its places while abroad, and of no one else: the same factor on a town at home changes nothing.
TEST(Displacement, AHostsReturnFactorSlowsOnlyThoseAbroadThere) {
  const std::vector<Link> links{{0, 1, 100}};
  const std::vector<Place> abroad{{"A", "X", PlaceKind::Town, false, 0},
                                  {"C", "Y", PlaceKind::Camp, true, 0}};
  const std::vector<Place> at_home{{"A", "X", PlaceKind::Town, false, 0},
                                   {"B", "X", PlaceKind::Town, false, 0}};
  // The factor on the host's place (the camp C, or the town B at home), not on the home A.
  auto with_factor = [](std::vector<Place> places, double f) {
    places[1].return_factor = f;
    return places;
  };
  const std::size_t refugees = back_home(abroad, links, Rules{}, {});
  const std::size_t slowed = back_home(with_factor(abroad, 0.05), links, Rules{}, {});
  Rules tenth;
  tenth.return_abroad_factor = 0.1;  // 0.3 with a factor of 3: faster than 0.1 alone
  const std::size_t hastened = back_home(with_factor(abroad, 3.0), links, tenth, {});
  const std::size_t abroad_tenth = back_home(abroad, links, tenth, {});
  EXPECT_GT(refugees, 900u);
  EXPECT_LT(slowed, refugees / 2);
  EXPECT_GT(slowed, 0u);
  EXPECT_GT(hastened, abroad_tenth);
  EXPECT_EQ(back_home(with_factor(at_home, 0.05), links, Rules{}, {}),
            back_home(at_home, links, Rules{}, {}));
  auto bad = abroad;
  bad[1].return_factor = -1.0;
  EXPECT_THROW(Displacement(bad, links, Rules{}), std::invalid_argument);
}

TEST(Displacement, ExileGrowsProtractedForRefugeesOnly) {
  Rules r;
  r.return_exile_decay_days = 30;  // safe from day 40: the daily chance is 0.05·e^-1.3 and falling
  expect_refugees_slowed_only(r);
}

TEST(Displacement, AnAgentAddedAtRestKeepsTheDayItLeftHome) {
  // 500 agents added in a camp abroad on day 400 that left home that day, 500 that left on day 0;
  // home has been calm since day 1. With exile growing protracted the older exiles stay.
  const std::vector<Place> places{{"A", "X", PlaceKind::Town, false, 0},
                                  {"C", "Y", PlaceKind::Camp, true, 0}};
  Rules r;
  r.return_chance = 0.05;
  r.return_exile_decay_days = 100;
  Displacement d(places, {{0, 1, 100}}, r);
  const engine::RandomStreams random(4);
  d.set_violence(0, 1.0);
  d.step(random, 0, 1);
  d.set_violence(0, 0.0);
  std::uint32_t day = 1;
  for (; day < 400; ++day) d.step(random, day, 1);
  for (int i = 0; i < 500; ++i) d.add_resting(0, 1, day, 0, day);
  for (int i = 0; i < 500; ++i) d.add_resting(0, 1, day, 0, 0);
  EXPECT_EQ(d.whereabouts(0).left_home, 400u);
  EXPECT_EQ(d.whereabouts(999).left_home, 0u);
  EXPECT_THROW(d.add_resting(0, 1, day, 0, day + 1), std::invalid_argument);
  for (; day < 500; ++day) d.step(random, day, 1);
  std::size_t fresh = 0, old = 0;
  for (std::size_t i = 0; i < 500; ++i) fresh += d.settled_home(i) ? 1 : 0;
  for (std::size_t i = 500; i < 1000; ++i) old += d.settled_home(i) ? 1 : 0;
  // Fresh: 1 - exp(-0.05·100·(1 - e^-1)) ≈ 96 %; old: 1 - exp(-0.05·100·e^-4·(1 - e^-1)) ≈ 6 %.
  EXPECT_GT(fresh, 400u);
  EXPECT_LT(old, 80u);
}

TEST(Displacement, ViolenceAcrossTheHomeAreaHoldsBackReturnsToACalmTown) {
  // A and E lie in area 0, F in area 1; people from A rest in camp C abroad, the only place linked.
  const std::vector<Place> places{{"A", "X", PlaceKind::Town, false, 0, 0},
                                  {"C", "Y", PlaceKind::Camp, true, 0, 0},
                                  {"E", "X", PlaceKind::Town, false, 0, 0},
                                  {"F", "X", PlaceKind::Town, false, 0, 1}};
  const std::vector<Link> links{{0, 1, 100}};
  Rules r;
  const std::size_t town_only = back_home(places, links, r, {2});
  r.return_area_weight = 3.0;  // half the area violent: the chance is 0.05 · 0.5^3
  const std::size_t same_area = back_home(places, links, r, {2});
  const std::size_t other_area = back_home(places, links, r, {3});
  // Safe from day 40, 110 days at a daily chance of 0.05/8: 1 - exp(-0.6875), about 497 of 1,000.
  EXPECT_GT(town_only, 990u);
  EXPECT_NEAR(static_cast<double>(same_area), 497.0, 60.0);
  EXPECT_EQ(other_area, back_home(places, links, r, {}));  // violence in another area does not count
}

TEST(Displacement, ACommunityThreatenedAtHomeStaysAway) {
  Small s;
  Rules r;
  r.return_fear_weight = 3.0;                                 // full threat: the chance falls by e^-3
  const std::vector<std::vector<double>> fear{{0.0}, {1.0}};  // group 1 threatened in area 0
  const std::size_t calm = back_home(s.places, s.links, r, {}, fear, 0);
  const std::size_t threatened = back_home(s.places, s.links, r, {}, fear, 1);
  EXPECT_GT(calm, 900u);
  EXPECT_LT(threatened, calm / 2);
  r.return_fear_weight = 0.0;  // the weight at 0: the threat changes nothing
  EXPECT_EQ(back_home(s.places, s.links, r, {}, fear, 1), back_home(s.places, s.links, r, {}, {}, 1));
  Displacement d(s.places, s.links, Rules{});
  EXPECT_THROW(d.set_fear({{1.5}}), std::invalid_argument);
}

TEST(Displacement, PeopleSettleInACalmTownUntilViolenceComes) {
  // 5,000 displaced rest in calm town B, whose only way on is camp C (where they stay). With the
  // move chance m = 0.3 falling as exp(-a / T) over the days a at B, the share that ever moves on
  // is 1 - exp(-λ0·T), λ0 = -ln(1 - m); without settling everyone goes. Violence at B unsettles.
  const std::vector<Place> places{{"B", "X", PlaceKind::Town, false, 0},
                                  {"C", "Y", PlaceKind::Camp, true, 0}};
  const std::vector<Link> links{{0, 1, 100}};
  auto run = [&](double settle_days, bool violence_later) {
    Rules r;
    r.settle_days = settle_days;
    r.move_chance_camp = 0.0;
    r.return_chance = 0.0;
    Displacement d(places, links, r);
    const engine::RandomStreams random(4);
    d.displace(0, 5000, 0);
    std::uint32_t day = 0;
    for (; day < 300; ++day) d.step(random, day, 1);
    if (violence_later) {
      d.set_violence(0, 1.0);
      for (; day < 320; ++day) d.step(random, day, 1);
    }
    return d.people_at(0) / 5000.0;
  };
  const double lambda0 = -std::log(1.0 - 0.3);
  EXPECT_EQ(run(0.0, false), 0.0);
  EXPECT_NEAR(run(2.0, false), std::exp(-lambda0 * 2.0), 0.025);
  EXPECT_NEAR(run(5.0, false), std::exp(-lambda0 * 5.0), 0.025);
  EXPECT_LT(run(5.0, true), 0.01);
}

}  // namespace
}  // namespace peacesim::mechanisms::displacement
