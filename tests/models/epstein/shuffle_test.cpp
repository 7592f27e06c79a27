// Activation orders are uniformly random permutations (Mesa's shuffle_do, NetLogo's ask).
#include "models/epstein/shuffle.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "models/epstein/params.hpp"
#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

std::vector<std::uint32_t> shuffled_identity(std::uint32_t n, std::uint32_t step) {
  std::vector<std::uint32_t> out(n);
  std::vector<std::uint32_t> scratch;
  shuffled(
      [n](auto&& emit) {
        for (std::uint32_t i = 0; i < n; ++i) emit(i);
      },
      out, 99, streams::kOrder, streams::kOrderBucket, step, scratch);
  return out;
}

TEST(Shuffle, SmallPermutationsAreEquallyLikely) {
  std::map<std::vector<std::uint32_t>, int> seen;
  constexpr int kTrials = 24000;
  for (std::uint32_t t = 0; t < kTrials; ++t) ++seen[shuffled_identity(4, t)];
  ASSERT_EQ(seen.size(), 24u);
  std::vector<int> counts;
  for (const auto& [perm, n] : seen) counts.push_back(n);
  EXPECT_LT(support::chi_square_uniform(counts), 49.73);  // 23 degrees of freedom, p = 0.001
}

// Above 65,536 elements the bucket (Rao-Sandelius) method is used: still a permutation, and an
// element's position is uniform.
TEST(Shuffle, LargePermutationsAreUniform) {
  constexpr std::uint32_t kN = 100000;
  std::vector<int> decile_of_first(10, 0), decile_of_last(10, 0);
  int first_before_last = 0;
  constexpr int kTrials = 300;
  for (std::uint32_t t = 0; t < kTrials; ++t) {
    const auto v = shuffled_identity(kN, t);
    if (t < 3) {
      auto sorted = v;
      std::sort(sorted.begin(), sorted.end());
      std::vector<std::uint32_t> identity(kN);
      std::iota(identity.begin(), identity.end(), 0u);
      ASSERT_EQ(sorted, identity);
    }
    const auto pos_first = static_cast<std::size_t>(std::find(v.begin(), v.end(), 0u) - v.begin());
    const auto pos_last = static_cast<std::size_t>(std::find(v.begin(), v.end(), kN - 1) - v.begin());
    ++decile_of_first[pos_first * 10 / kN];
    ++decile_of_last[pos_last * 10 / kN];
    first_before_last += pos_first < pos_last;
  }
  EXPECT_LT(support::chi_square_uniform(decile_of_first), 27.88);  // 9 degrees of freedom, p = 0.001
  EXPECT_LT(support::chi_square_uniform(decile_of_last), 27.88);
  EXPECT_NEAR(first_before_last, kTrials / 2, 60);
}

TEST(Shuffle, StepsGiveDifferentOrders) {
  EXPECT_NE(shuffled_identity(1000, 1), shuffled_identity(1000, 2));
  EXPECT_EQ(shuffled_identity(1000, 1), shuffled_identity(1000, 1));
}

}  // namespace
}  // namespace peacesim::models::epstein
