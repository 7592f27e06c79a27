// M14 Communal reprisal cycles: killings of community c's civilians by an actor identified with
// community d raise the threat T_cd,r, which decays with time constant τ; a group recruiting c with
// fighters in r retaliates on d at the daily rate n · T / (f · τ) with f mean deaths an attack, so
// each death causes n deaths in return on average; the threat a community feels,
// 1 − exp(−Σ_d T_cd,r / threat_scale), goes to M2.
#include "mechanisms/reprisals/reprisals.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

// The state's slot among the perpetrators (after the communities).
constexpr std::size_t kByState = kCommunities;

reprisals::Threats threats_of(const World& w) {
  reprisals::Threats t;
  t.reset(kCommunities, w.state.regions.size());
  return t;
}

reprisals::Params no_branching() {
  reprisals::Params p;
  p.branching = 0.0;
  return p;
}

const civilians::Params kCivilians{};

TEST(ReprisalsMechanism, KillingsRaiseTheThreatOfTheVictimsFromThePerpetratorsCommunity) {
  World w({10.0, 200, 1});
  auto t = threats_of(w);
  const auto params = no_branching();
  // MUJAO (community 2) kills 3 agents (30 people) of community 1 in the Gao region; the state
  // kills 1 agent of community 2; crossfire kills 2 of community 1; MUJAO kills one of its own.
  w.state.killings = {{kRegionOfGao, 1, kMujao, 3},
                      {kRegionOfGao, 2, kState, 1},
                      {kRegionOfGao, 1, kNoActor, 2},
                      {kRegionOfGao, 2, kMujao, 1}};
  reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  EXPECT_TRUE(w.state.killings.empty());  // read and cleared
  const double keep = std::exp(-1.0 / params.memory_days);
  EXPECT_DOUBLE_EQ(t.at(1, 2, kRegionOfGao), 30.0 * keep);
  EXPECT_DOUBLE_EQ(t.at(2, kByState, kRegionOfGao), 10.0 * keep);
  EXPECT_EQ(t.at(2, 2, kRegionOfGao), 0.0);  // one's own community is no threat
  double total = 0.0;
  for (const double x : t.threat) total += x;
  EXPECT_DOUBLE_EQ(total, 40.0 * keep);  // the crossfire fed nothing
  // A group recruiting two communities stands for both, shared.
  w.group(kMujao).communities = (1u << 0) | (1u << 2);
  w.state.killings = {{kRegionOfGao, 1, kMujao, 4}};
  reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  EXPECT_DOUBLE_EQ(t.at(1, 0, kRegionOfGao), 20.0 * keep);
  EXPECT_DOUBLE_EQ(t.at(1, 2, kRegionOfGao), 30.0 * keep * keep + 20.0 * keep);
}

TEST(ReprisalsMechanism, TheThreatDecaysWithTau) {
  World w({1.0, 200, 1});
  auto t = threats_of(w);
  auto params = no_branching();
  params.memory_days = 25.0;
  w.state.killings = {{kRegionOfGao, 1, kMujao, 10}};
  reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  for (int day = 1; day < 50; ++day) {
    w.state.day = day;
    reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  }
  // 50 days of decay: e^(−50/25) of the 10 deaths.
  EXPECT_NEAR(t.at(1, 2, kRegionOfGao), 10.0 * std::exp(-2.0), 1e-9);
  // A longer memory keeps more.
  World w2({1.0, 200, 1});
  auto t2 = threats_of(w2);
  params.memory_days = 100.0;
  w2.state.killings = {{kRegionOfGao, 1, kMujao, 10}};
  for (int day = 0; day < 50; ++day) {
    w2.state.day = day;
    reprisals::day(w2.state, w2.ctx(), params, kCivilians, t2);
  }
  EXPECT_NEAR(t2.at(1, 2, kRegionOfGao), 10.0 * std::exp(-0.5), 1e-9);
}

TEST(ReprisalsMechanism, TheThreatACommunityFeelsRisesWithItsDead) {
  World w({1.0, 200, 1});
  auto t = threats_of(w);
  const auto params = no_branching();  // threat_scale 20
  const double keep = std::exp(-1.0 / params.memory_days);
  w.state.killings = {{kRegionOfGao, 1, kMujao, 10}};
  reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  const double first = w.state.community_threat[1][kRegionOfGao];
  EXPECT_NEAR(first, 1.0 - std::exp(-10.0 * keep / 20.0), 1e-12);
  // Nobody else feels it.
  EXPECT_EQ(w.state.community_threat[2][kRegionOfGao], 0.0);
  EXPECT_EQ(w.state.community_threat[1][kRegionOfBamako], 0.0);
  EXPECT_EQ(w.state.community_threat[0][kRegionOfBamako], 0.0);
  // More killings, by anyone but its own: more threat.
  w.state.day = 1;
  w.state.killings = {{kRegionOfGao, 1, kState, 10}};
  reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  const double second = w.state.community_threat[1][kRegionOfGao];
  EXPECT_GT(second, first);
  EXPECT_NEAR(second, 1.0 - std::exp(-(10.0 * keep * keep + 10.0 * keep) / 20.0), 1e-12);
  // Then it fades.
  for (int day = 2; day < 200; ++day) {
    w.state.day = day;
    reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  }
  EXPECT_LT(w.state.community_threat[1][kRegionOfGao], 0.1 * second);
}

// Reprisal deaths (people) that follow one killing of `initial` people of community 1 by MUJAO in
// the Gao region, the MNLA (community 1) having fighters there and MUJAO none (so the reprisals
// on community 2 are not answered in turn), over 600 days (ten time constants).
double reprisal_deaths(std::uint64_t seed, const reprisals::Params& params, std::uint32_t initial) {
  World w({1.0, 4000, seed});  // 4,000 of community 2 in the Gao region
  auto t = threats_of(w);
  w.group(kMnla).dispersed[kRegionOfGao] = 500.0;
  w.state.killings = {{kRegionOfGao, 1, kMujao, initial}};
  for (int day = 0; day < 600; ++day) {
    w.state.day = day;
    reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  }
  for (const auto& e : w.recorder.events()) {
    EXPECT_EQ(e.actor1, "MNLA");
    EXPECT_EQ(e.event_type, "Violence against civilians");
    EXPECT_TRUE(e.location == "Gao" || e.location == "Ansongo") << e.location;
  }
  // Only community 2 died, in the Gao region.
  EXPECT_EQ(w.count_at(kBamako, Status::KilledViolently), 0u);
  std::size_t of_2 = 0;
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    if (w.state.people.status[i] == Status::KilledViolently) {
      EXPECT_EQ(w.state.people.community[i], 2);
      ++of_2;
    }
  }
  EXPECT_EQ(static_cast<double>(of_2), static_cast<double>(w.fatalities_in_events()));
  return static_cast<double>(w.fatalities_in_events());
}

TEST(ReprisalsMechanism, EachDeathCausesBranchingRatioDeathsInReturn) {
  // Average over 1,500 seeds of the deaths in return for 50 deaths, against n · 50. The bound is
  // four standard errors of the mean, estimated from the runs (about 16 deaths a run for n = 0.6:
  // a Poisson number of attacks of negative-binomial deaths). The daily decay makes the discrete
  // process cause n · e^(−1/τ) / (τ (1 − e^(−1/τ))) = 0.992 n deaths a death at τ = 60, well
  // inside the bound.
  const std::uint32_t initial = 50;
  const int seeds = 1500;
  for (const double n : {0.3, 0.8}) {
    reprisals::Params params;
    params.branching = n;
    double sum = 0.0, sum2 = 0.0;
    for (int s = 1; s <= seeds; ++s) {
      const double d = reprisal_deaths(static_cast<std::uint64_t>(s), params, initial);
      sum += d;
      sum2 += d * d;
    }
    const double mean = sum / seeds;
    const double se = std::sqrt((sum2 / seeds - mean * mean) / (seeds - 1));
    EXPECT_NEAR(mean / initial, n, 4.0 * se / initial) << "branching " << n << ", standard error " << se;
  }
}

TEST(ReprisalsMechanism, ACycleThatRunsHotStopsWhenNoneOfTheTargetedCommunityIsLeft) {
  // A hundred attacks a day on 20 agents of community 2 (10 around Gao, 10 around Ansongo): once
  // they are dead, the towns have none of community 2 left and the avengers find no one to kill. The
  // residents are counted once a day and again after each attack (reprisals.cpp), so the towns
  // emptied during the day are seen empty at once: nobody of community 1 dies in their place.
  World w({1.0, 20, 7});
  auto t = threats_of(w);
  reprisals::Params params;
  params.branching = 0.95;
  params.fatalities = 0.1;
  w.group(kMnla).dispersed[kRegionOfGao] = 500.0;
  w.state.killings = {{kRegionOfGao, 1, kMujao, 1000}};
  for (int day = 0; day < 30; ++day) {
    w.state.day = day;
    reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  }
  std::size_t of_2 = 0;
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    if (w.state.people.status[i] != Status::KilledViolently) continue;
    EXPECT_EQ(w.state.people.community[i], 2);
    ++of_2;
  }
  EXPECT_EQ(of_2, 20u);
}

TEST(ReprisalsMechanism, NoBranchingNoReprisals) {
  const auto params = no_branching();
  for (std::uint64_t s = 1; s <= 20; ++s) EXPECT_EQ(reprisal_deaths(s, params, 50), 0.0);
}

TEST(ReprisalsMechanism, NoAvengerNoReprisals) {
  // The same threat with no fighters of community 1's groups in the region.
  World w({1.0, 200, 1});
  auto t = threats_of(w);
  reprisals::Params params;
  params.branching = 0.9;
  w.state.killings = {{kRegionOfGao, 1, kMujao, 100}};
  w.group(kMnla).dispersed[kRegionOfBamako] = 500.0;  // elsewhere
  for (int day = 0; day < 200; ++day) {
    w.state.day = day;
    reprisals::day(w.state, w.ctx(), params, kCivilians, t);
  }
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_EQ(w.count(Status::KilledViolently), 0u);
}

TEST(ReprisalsMechanism, DisabledClearsTheKillingsAndDoesNothingElse) {
  World w({1.0, 200, 1});
  auto t = threats_of(w);
  reprisals::Params params;
  params.enabled = false;
  params.branching = 0.9;
  w.group(kMnla).dispersed[kRegionOfGao] = 500.0;
  t.threat[t.index(1, 2, kRegionOfGao)] = 100.0;  // a threat from before
  w.state.community_threat[1][kRegionOfGao] = 0.4;
  const auto before = t;
  for (int day = 0; day < 100; ++day) {
    w.state.day = day;
    w.state.killings = {{kRegionOfGao, 1, kMujao, 10}};
    reprisals::day(w.state, w.ctx(), params, kCivilians, t);
    ASSERT_TRUE(w.state.killings.empty());
  }
  EXPECT_EQ(t, before);  // neither fed nor decayed
  EXPECT_EQ(w.state.community_threat[1][kRegionOfGao], 0.4);
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_EQ(w.count(Status::KilledViolently), 0u);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
