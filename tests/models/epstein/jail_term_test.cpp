// Jail terms: Mesa draws 0..J inclusive (random.randint), NetLogo 0..J-1 (`random J`).
#include <gtest/gtest.h>

#include <map>

#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

constexpr int kTrials = 4000;

// One cop next to one active citizen; the cop acts with draws keyed by `trial`.
std::uint16_t mesa_term(std::uint32_t max_jail_term, std::uint32_t trial) {
  Params p = mesa_defaults();
  p.max_jail_term = max_jail_term;
  p.movement = false;
  MesaWorld w(p, 11, MesaWorld::EmptyTag{});
  w.place_cop(10, 10);
  w.place_citizen(10, 12, 0.0f, 0.0f, MesaWorld::kActiveState);
  w.activate_at(10, 10, trial);
  EXPECT_EQ(w.state(10, 12), MesaWorld::kArrested);
  EXPECT_EQ(w.counts().jailed, 1u);
  EXPECT_EQ(w.counts().active, 0u);
  return w.jail(10, 12);
}

// NetLogo cops move before they enforce: fill the cop's disc with quiet free citizens (which
// block) so that it stays and sees the suspect.
std::uint16_t netlogo_term(std::uint32_t max_jail_term, std::uint32_t trial) {
  Params p = netlogo_defaults();
  p.max_jail_term = max_jail_term;
  NetLogoWorld w(p, 11, NetLogoWorld::EmptyTag{});
  const auto cop = w.add_cop(10, 10);
  const auto suspect = w.add_citizen(10, 12, 0.0f, 0.0f, true);
  for (const RowSpan& r : disc_rows(7)) {
    for (int dc = -r.half; dc <= r.half; ++dc) {
      if ((r.dr == 0 && dc == 0) || (r.dr == 0 && dc == 2)) continue;
      w.add_citizen(static_cast<std::uint32_t>(10 + r.dr), static_cast<std::uint32_t>(10 + dc), 0.0f, 0.0f);
    }
  }
  w.act(cop, trial);
  EXPECT_FALSE(w.is_active(suspect));
  EXPECT_EQ(w.row(cop), 10u);  // the cop moved onto the suspect's patch
  EXPECT_EQ(w.col(cop), 12u);
  return w.jail(suspect);
}

TEST(JailTerm, MesaDrawsFromZeroToJInclusive) {
  std::map<std::uint16_t, int> seen;
  for (std::uint32_t t = 0; t < kTrials; ++t) ++seen[mesa_term(3, t)];
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen.begin()->first, 0);
  EXPECT_EQ(seen.rbegin()->first, 3);
  for (const auto& [term, n] : seen) EXPECT_NEAR(n, kTrials / 4, 150) << "term " << term;
}

TEST(JailTerm, NetLogoDrawsFromZeroToJMinusOne) {
  std::map<std::uint16_t, int> seen;
  for (std::uint32_t t = 0; t < kTrials; ++t) ++seen[netlogo_term(3, t)];
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.begin()->first, 0);
  EXPECT_EQ(seen.rbegin()->first, 2);
  for (const auto& [term, n] : seen) EXPECT_NEAR(n, kTrials / 3, 150) << "term " << term;
}

TEST(JailTerm, LargeMaximumReachesBothEnds) {
  int mesa_top = 0, mesa_zero = 0, netlogo_top = 0, netlogo_zero = 0;
  for (std::uint32_t t = 0; t < 20000; ++t) {
    const auto m = mesa_term(30, t);
    ASSERT_LE(m, 30);
    mesa_top += m == 30;
    mesa_zero += m == 0;
    const auto n = netlogo_term(30, t);
    ASSERT_LE(n, 29);
    netlogo_top += n == 29;
    netlogo_zero += n == 0;
  }
  EXPECT_GT(mesa_top, 0);
  EXPECT_GT(mesa_zero, 0);
  EXPECT_GT(netlogo_top, 0);
  EXPECT_GT(netlogo_zero, 0);
}

// Mesa: a sentence of 0 still makes the citizen "arrested" (counted as jailed) until its next
// turn, when it decides again; a sentence of s keeps it for s turns.
TEST(JailTerm, MesaSentenceCountsTurns) {
  Params p = mesa_defaults();
  p.movement = false;
  p.legitimacy = 0.0;  // G = H
  MesaWorld w(p, 5, MesaWorld::EmptyTag{});
  w.place_citizen(5, 5, 0.9f, 0.0f, MesaWorld::kArrested, 0);
  EXPECT_EQ(w.counts().jailed, 1u);
  w.activate_at(5, 5, 0);
  EXPECT_EQ(w.state(5, 5), MesaWorld::kActiveState);  // G - R*P = 0.9 > 0.1
  EXPECT_EQ(w.counts().jailed, 0u);

  MesaWorld v(p, 5, MesaWorld::EmptyTag{});
  v.place_citizen(5, 5, 0.9f, 0.0f, MesaWorld::kArrested, 2);
  v.activate_at(5, 5, 0);
  EXPECT_EQ(v.state(5, 5), MesaWorld::kArrested);
  EXPECT_EQ(v.jail(5, 5), 1);
  v.activate_at(5, 5, 1);
  EXPECT_EQ(v.state(5, 5), MesaWorld::kArrested);
  EXPECT_EQ(v.jail(5, 5), 0);
  v.activate_at(5, 5, 2);
  EXPECT_EQ(v.state(5, 5), MesaWorld::kActiveState);
}

// NetLogo: terms fall at the end of each tick, for everyone, after all turtles have acted; a
// citizen whose term reaches 0 is quiet and free again (and acts from the next tick).
TEST(JailTerm, NetLogoTermsFallAtTheEndOfTheTick) {
  Params p = netlogo_defaults();
  p.movement = false;
  NetLogoWorld w(p, 5, NetLogoWorld::EmptyTag{});
  const auto a = w.add_citizen(5, 5, 0.0f, 0.0f, false, 2);
  EXPECT_EQ(w.counts().jailed, 1u);
  w.act(a, 0);  // jailed: does nothing
  EXPECT_EQ(w.jail(a), 2);
  w.end_tick();
  EXPECT_EQ(w.jail(a), 1);
  EXPECT_EQ(w.counts().jailed, 1u);
  w.end_tick();
  EXPECT_EQ(w.jail(a), 0);
  EXPECT_EQ(w.counts().jailed, 0u);
  EXPECT_EQ(w.counts().quiet, 1u);
}

}  // namespace
}  // namespace peacesim::models::epstein
