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

namespace peacesim::engine {
namespace {

// Keys listed one by one (not consecutive, some past 2^32, fewer than a batch and more): each block
// is the first of that entity's draws.
TEST(FirstBlocks, OfListedEntitiesAreTheirFirstWords) {
  const std::vector<std::uint64_t> entities{
      5, 3, 0xFFFFFFFFull, 0x100000001ull, 77, 77, 12, 9, 1000000, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 42};
  std::vector<PhiloxBlock> blocks(entities.size());
  first_blocks(99, 0x0D71, 3, entities, blocks);
  for (std::size_t j = 0; j < entities.size(); ++j) {
    RandomDraws draws(99, 0x0D71, 3, entities[j]);
    for (int w = 0; w < 4; ++w) EXPECT_EQ(blocks[j][w], draws.next_u32()) << j;
  }
}

}  // namespace
}  // namespace peacesim::engine
