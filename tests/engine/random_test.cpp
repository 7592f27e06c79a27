#include "engine/random.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>
#include <vector>

namespace peacesim::engine {
namespace {

std::vector<std::uint32_t> first_draws(RandomDraws d, int n) {
  std::vector<std::uint32_t> out;
  for (int i = 0; i < n; ++i) out.push_back(d.next_u32());
  return out;
}

TEST(RandomDraws, SameKeySameNumbers) {
  const RandomStreams streams(42);
  EXPECT_EQ(first_draws(streams.draws(1, 10, 99), 20), first_draws(streams.draws(1, 10, 99), 20));
}

TEST(RandomDraws, EveryKeyPartMatters) {
  const auto base = first_draws(RandomDraws(42, 1, 10, 99), 8);
  EXPECT_NE(base, first_draws(RandomDraws(43, 1, 10, 99), 8));  // seed
  EXPECT_NE(base, first_draws(RandomDraws(42, 2, 10, 99), 8));  // stream
  EXPECT_NE(base, first_draws(RandomDraws(42, 1, 11, 99), 8));  // step
  EXPECT_NE(base, first_draws(RandomDraws(42, 1, 10, 98), 8));  // entity
  // The seed's high half counts too.
  EXPECT_NE(base, first_draws(RandomDraws(42 + (1ull << 40), 1, 10, 99), 8));
}

TEST(RandomDraws, IndependentOfTheOrderEntitiesAreVisited) {
  const RandomStreams streams(7);
  std::array<std::uint32_t, 100> forward{}, backward{};
  for (std::uint64_t e = 0; e < 100; ++e) forward[e] = streams.draws(3, 1, e).next_u32();
  for (std::uint64_t e = 100; e-- > 0;) backward[e] = streams.draws(3, 1, e).next_u32();
  EXPECT_EQ(forward, backward);
}

TEST(RandomDraws, ManyDrawsFromOneKeyDoNotRepeatEarly) {
  RandomDraws d(1, 1, 1, 1);
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(d.next_u32());
  EXPECT_GT(seen.size(), 9990u);  // 32-bit words: a handful of birthday collisions at most
}

TEST(RandomDraws, UniformHasTheRightMoments) {
  double sum = 0, sum2 = 0;
  const int n = 200000;
  for (int e = 0; e < n; ++e) {
    const double u = RandomDraws(5, 9, 0, static_cast<std::uint64_t>(e)).uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.005);
  EXPECT_NEAR(sum2 / n - (sum / n) * (sum / n), 1.0 / 12.0, 0.002);
}

TEST(RandomDraws, BelowIsUniformOverItsRange) {
  constexpr std::uint32_t kBins = 7;
  std::array<int, kBins> counts{};
  const int n = 70000;
  RandomDraws d(11, 2, 3, 4);
  for (int i = 0; i < n; ++i) {
    const auto v = d.below(kBins);
    ASSERT_LT(v, kBins);
    ++counts[v];
  }
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / 7.0) * (c - n / 7.0) / (n / 7.0);
  EXPECT_LT(chi2, 22.46);  // chi-square, 6 degrees of freedom, p = 0.001
}

}  // namespace
}  // namespace peacesim::engine
