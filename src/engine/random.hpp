// Counter-based random streams.
//
// Every random number is a pure function of (run seed, stream, step, entity, draw index), computed
// with the Philox-4x32-10 block cipher from Random123. Nothing is carried from one call to the
// next, so a result never depends on how many threads ran, in which order entities were visited,
// or how work was split: the same key always gives the same numbers.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace peacesim::engine {

// The identity of a family of draws. Models name their streams with small constants so that two
// mechanisms never share numbers by accident.
// Streams are numbered 0..65535 (the high half of one counter word).
using StreamId = std::uint16_t;

// A generator for one (seed, stream, step, entity) key. Cheap to create (no state beyond the key),
// so hot loops make one per entity per step. Draws are numbered 0, 1, 2, ...; four 32-bit words
// come out of each Philox block and are handed out before the next block is computed.
class RandomDraws {
 public:
  // Counter layout (128 bits): entity (64) | step (32) | stream (16) | block index (16).
  // Key (64 bits): the run seed.
  RandomDraws(std::uint64_t seed, StreamId stream, std::uint32_t step, std::uint64_t entity) noexcept
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        counter_{{static_cast<std::uint32_t>(entity), static_cast<std::uint32_t>(entity >> 32), step,
                  static_cast<std::uint32_t>(stream) << 16}} {}

  // A uniformly distributed 32-bit word.
  std::uint32_t next_u32() noexcept {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }

  // A uniformly distributed 64-bit word (two 32-bit draws).
  std::uint64_t next_u64() noexcept {
    const std::uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }

  // Uniform on [0, 1) with 53 random bits: never returns 1.
  double uniform() noexcept {
    const std::uint32_t high = next_u32();
    return uniform_of(high, next_u32());
  }

  // The uniform of two consecutive words (the first the high half), as uniform() makes it.
  static double uniform_of(std::uint32_t high, std::uint32_t low) noexcept {
    return static_cast<double>(((static_cast<std::uint64_t>(high) << 32) | low) >> 11) * 0x1.0p-53;
  }

  // Uniform on [0, 1) with 24 random bits, for single-precision agent attributes.
  float uniform_float() noexcept { return static_cast<float>(next_u32() >> 8) * 0x1.0p-24f; }

  // Uniform integer on [0, n), unbiased (Lemire's multiply-and-reject). n must be > 0.
  std::uint32_t below(std::uint32_t n) noexcept {
    std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n) {
      const std::uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        m = static_cast<std::uint64_t>(next_u32()) * n;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

  // True with probability p.
  bool bernoulli(double p) noexcept { return uniform() < p; }

  // Standard normal by Box-Muller from two uniforms (the cosine branch); 1 - u keeps the logarithm
  // finite.
  double standard_normal() noexcept {
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  void refill() noexcept {
    // 65,536 blocks (262,144 draws) per key: far more than any entity needs in one step; past
    // that the index wraps, which repeats numbers but never fails.
    r123::Philox4x32::ctr_type ctr = counter_;
    ctr.v[3] |= blocks_ & 0xFFFFu;
    ++blocks_;
    block_ = r123::Philox4x32()(ctr, key_);
    used_ = 0;
  }

  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type counter_;
  r123::Philox4x32::ctr_type block_{};
  std::uint32_t used_ = 4;
  std::uint32_t blocks_ = 0;
};

// The run-wide factory: holds the seed, hands out draws for a key.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed) noexcept : seed_(seed) {}
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] RandomDraws draws(StreamId stream, std::uint32_t step, std::uint64_t entity) const noexcept {
    return {seed_, stream, step, entity};
  }

 private:
  std::uint64_t seed_;
};

// Moves a uniform random choice of `count` of the items (all of them if fewer) to the front, in the
// order drawn: a partial Fisher-Yates shuffle, `count` draws whatever the number of items.
template <class Items>
void choose_to_front(Items& items, std::size_t count, RandomDraws& draws) {
  const std::size_t n = items.size();
  for (std::size_t j = 0; j < count && j < n; ++j) {
    const std::size_t pick = j + draws.below(static_cast<std::uint32_t>(n - j));
    std::swap(items[j], items[pick]);
  }
}

}  // namespace peacesim::engine
