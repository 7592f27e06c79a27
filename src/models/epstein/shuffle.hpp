// Uniform random permutations from counter-based draws, cheap enough to make one per step.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/random.hpp"
#include "models/epstein/draws.hpp"

namespace peacesim::models::epstein {

// Shuffles v uniformly (Fisher-Yates). `draws` has below(n); v has at most 65536 elements.
template <class Draws>
void fisher_yates(std::span<std::uint32_t> v, Draws& draws) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const std::uint32_t j = draws.below(static_cast<std::uint32_t>(i));
    std::swap(v[i - 1], v[j]);
  }
}

// Writes the n elements that `for_each(emit)` emits (it must call emit exactly n times, in the
// same order each time it is called) into `out` in uniformly random order.
//
// Small inputs are shuffled by Fisher-Yates. Large ones use the Rao-Sandelius method: every
// element is sent to one of B buckets uniformly and independently, then each bucket is shuffled
// by Fisher-Yates and the buckets are concatenated. The result is exactly uniform (the process
// is invariant under relabelling the elements), and every memory access stays within a bucket
// small enough for the L1 cache, instead of one cache miss per element. The bucket of element e
// comes from 16 bits of draws keyed by e / 8, so it is recomputed, not stored, in the second pass.
template <class ForEach>
void shuffled(ForEach&& for_each, std::span<std::uint32_t> out, std::uint64_t seed,
              engine::StreamId bucket_stream, engine::StreamId within_stream, std::uint32_t step,
              std::vector<std::uint32_t>& offsets) {
  const std::size_t n = out.size();
  constexpr std::size_t kSmall = std::size_t{1} << 16;
  if (n <= kSmall) {
    std::size_t i = 0;
    for_each([&](std::uint32_t x) { out[i++] = x; });
    BufferedDraws draws(seed, within_stream, step);
    fisher_yates(out, draws);
    return;
  }
  // About 4096 elements per bucket.
  const unsigned bits = std::min(16u, static_cast<unsigned>(std::bit_width((n - 1) >> 12)));
  const std::size_t buckets = std::size_t{1} << bits;
  offsets.assign(buckets + 1, 0);

  auto each_bucket = [&](auto&& visit) {
    std::uint64_t e = 0;
    std::uint32_t words[4] = {};
    for_each([&](std::uint32_t x) {
      if ((e & 7) == 0) {
        engine::RandomDraws d(seed, bucket_stream, step, e >> 3);
        for (auto& w : words) w = d.next_u32();
      }
      const std::uint32_t word = words[(e & 7) >> 1];
      const std::uint32_t half = (e & 1) != 0 ? word >> 16 : word & 0xFFFFu;
      visit(x, half >> (16 - bits));
      ++e;
    });
  };
  each_bucket([&](std::uint32_t, std::uint32_t b) { ++offsets[b + 1]; });
  for (std::size_t b = 0; b < buckets; ++b) offsets[b + 1] += offsets[b];
  each_bucket([&](std::uint32_t x, std::uint32_t b) { out[offsets[b]++] = x; });
  // offsets[b] now holds the end of bucket b.
  std::size_t begin = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t end = offsets[b];
    KeyedDraws draws(seed, within_stream, step, b + 1);
    fisher_yates(out.subspan(begin, end - begin), draws);
    begin = end;
  }
}

}  // namespace peacesim::models::epstein
