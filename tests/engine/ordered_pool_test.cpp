#include "engine/ordered_pool.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "engine/random.hpp"

namespace peacesim::engine {
namespace {

// Taking the n-th of those left gives what erasing it from a plain list gives, draw after draw,
// for lists of many lengths (powers of two and not), until none are left.
TEST(OrderedPool, TakesTheNthOfThoseLeftAsAWalkOfTheListWould) {
  for (const std::size_t length : {1u, 2u, 3u, 7u, 8u, 9u, 64u, 100u, 1000u}) {
    std::vector<int> plain(length);
    std::iota(plain.begin(), plain.end(), 10);
    OrderedPool<int> pool(plain);
    RandomDraws draws(5, 1, 0, length);
    while (!plain.empty()) {
      ASSERT_EQ(pool.left(), plain.size());
      const std::size_t n = draws.below(static_cast<std::uint32_t>(plain.size()));
      EXPECT_EQ(pool.take(n), plain[n]) << "length " << length << ", " << plain.size() << " left";
      plain.erase(plain.begin() + static_cast<std::ptrdiff_t>(n));
    }
    EXPECT_EQ(pool.left(), 0u);
  }
}

}  // namespace
}  // namespace peacesim::engine
