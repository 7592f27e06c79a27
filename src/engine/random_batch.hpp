// The first Philox block of many consecutive entities' keys at once.
//
// A pass over every person that needs one or two fresh draws each (demography's monthly fate) spends
// most of its time in the cipher, one key at a time. Philox's rounds are the same for every key, so
// 16 keys (AVX-512) or 8 (AVX2) go through them side by side in one register, where the processor
// has those instructions (asked once at run time); elsewhere the keys are enciphered one by one. The
// words are exactly those RandomDraws(seed, stream, step, entity) hands out first, on any processor:
// a loop may use either and get the same numbers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/random.hpp"

namespace peacesim::engine {

using PhiloxBlock = std::array<std::uint32_t, 4>;

// out[j] = the first block of the key (seed, stream, step, first + j), for j < out.size().
void first_blocks(std::uint64_t seed, StreamId stream, std::uint32_t step, std::uint64_t first,
                  std::span<PhiloxBlock> out) noexcept;
// out[j] = the first block of the key (seed, stream, step, entities[j]), for j below both sizes.
void first_blocks(std::uint64_t seed, StreamId stream, std::uint32_t step,
                  std::span<const std::uint64_t> entities, std::span<PhiloxBlock> out) noexcept;

// The first and second uniforms a RandomDraws of that key would return, from its first block.
inline double first_uniform(const PhiloxBlock& b) noexcept { return RandomDraws::uniform_of(b[0], b[1]); }
inline double second_uniform(const PhiloxBlock& b) noexcept { return RandomDraws::uniform_of(b[2], b[3]); }

}  // namespace peacesim::engine
