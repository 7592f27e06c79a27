#include "engine/random_batch.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace peacesim::engine {
namespace {

// Every block is the one RandomDraws hands out first for the same key: whatever the seed's halves,
// the stream, the step, an entity count that is no multiple of the batch, and entities that cross
// 2^32 (the counter's second word).
TEST(FirstBlocks, AreTheFirstWordsOfEachEntitysDraws) {
  const std::uint64_t seeds[] = {0, 42, 0x123456789ABCDEFull};
  const std::uint64_t firsts[] = {0, 1000, 0xFFFFFFFAull};
  for (const auto seed : seeds) {
    for (const auto first : firsts) {
      std::vector<PhiloxBlock> blocks(37);
      first_blocks(seed, 0x0D01, 17, first, blocks);
      for (std::size_t j = 0; j < blocks.size(); ++j) {
        RandomDraws draws(seed, 0x0D01, 17, first + j);
        for (int w = 0; w < 4; ++w)
          EXPECT_EQ(blocks[j][w], draws.next_u32()) << seed << " " << first << " " << j;
      }
    }
  }
}

TEST(FirstBlocks, GiveTheSameUniformsAsTheDraws) {
  std::vector<PhiloxBlock> blocks(20);
  first_blocks(7, 3, 5, 100, blocks);
  for (std::size_t j = 0; j < blocks.size(); ++j) {
    RandomDraws draws(7, 3, 5, 100 + j);
    EXPECT_EQ(first_uniform(blocks[j]), draws.uniform());
    EXPECT_EQ(second_uniform(blocks[j]), draws.uniform());
  }
}

}  // namespace
}  // namespace peacesim::engine
