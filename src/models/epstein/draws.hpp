// Cheap uniform integers on top of the engine's counter-based draws.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

#include "engine/random.hpp"

namespace peacesim::models::epstein {

// Lemire's multiply-and-reject on 16-bit draws: a uniform integer below n (1 <= n <= 65536)
// from a source of uniform 16-bit values. Exactly uniform.
template <class Next16>
[[gnu::always_inline]] inline std::uint32_t below16(std::uint32_t n, Next16&& next16) {
  std::uint32_t m = next16() * n;
  if ((m & 0xFFFFu) < n) {
    const std::uint32_t threshold = (0x10000u - n) % n;
    while ((m & 0xFFFFu) < threshold) m = next16() * n;
  }
  return m >> 16;
}

// A sequential stream of 16-bit draws (one step of a sequential variant, or one tile's turn in the
// parallel variant), computed 512 at a time. Batch b is the key (seed, stream, step, first + b) of
// engine::RandomDraws; filling a batch in a tight loop lets the processor overlap the Philox
// blocks, which a draw-as-you-go loop cannot (each block is a chain of ten dependent rounds).
class BufferedDraws {
 public:
  BufferedDraws(std::uint64_t seed, engine::StreamId stream, std::uint32_t step, std::uint64_t first = 0)
      : seed_(seed), stream_(stream), step_(step), batch_(first) {}

  // Uniform on [0, n), 1 <= n <= 65536.
  [[gnu::always_inline]] std::uint32_t below(std::uint32_t n) {
    return below16(n, [this] { return next16(); });
  }
  [[gnu::always_inline]] std::uint32_t next16() {
    if (pos_ == kBatch) refill();
    return halves_[pos_++];
  }

 private:
  static constexpr std::uint32_t kBatch = 512;
  [[gnu::noinline]] void refill() {
    engine::RandomDraws d(seed_, stream_, step_, batch_++);
    for (std::uint32_t i = 0; i < kBatch; i += 2) {
      const std::uint32_t w = d.next_u32();
      halves_[i] = static_cast<std::uint16_t>(w);
      halves_[i + 1] = static_cast<std::uint16_t>(w >> 16);
    }
    pos_ = 0;
  }

  std::uint64_t seed_;
  engine::StreamId stream_;
  std::uint32_t step_;
  std::uint64_t batch_;
  std::uint32_t pos_ = kBatch;
  std::array<std::uint16_t, kBatch> halves_;  // filled before first use
};

// 16-bit draws from one key of engine::RandomDraws (an agent's own draws in the parallel variant).
class KeyedDraws {
 public:
  KeyedDraws(std::uint64_t seed, engine::StreamId stream, std::uint32_t step, std::uint64_t entity)
      : d_(seed, stream, step, entity) {}

  // Uniform on [0, n), n >= 1 (16-bit draws up to 65536, 32-bit ones beyond).
  [[gnu::always_inline]] std::uint32_t below(std::uint32_t n) {
    if (n > 0x10000u) return d_.below(n);
    return below16(n, [this] { return next16(); });
  }
  [[gnu::always_inline]] std::uint32_t next16() {
    if (spare_) {
      spare_ = false;
      return word_ >> 16;
    }
    word_ = d_.next_u32();
    spare_ = true;
    return word_ & 0xFFFFu;
  }

 private:
  engine::RandomDraws d_;
  std::uint32_t word_ = 0;
  bool spare_ = false;
};

namespace detail {
// kSelectInByte[b][r]: the position of the r-th (from 0) set bit of byte b (8 if there is none).
inline constexpr auto kSelectInByte = [] {
  std::array<std::array<std::uint8_t, 8>, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    unsigned r = 0;
    for (auto& x : t[b]) x = 8;
    for (unsigned i = 0; i < 8; ++i) {
      if ((b >> i) & 1u) t[b][r++] = static_cast<std::uint8_t>(i);
    }
  }
  return t;
}();
}  // namespace detail

// The position of the k-th (from 0) set bit of x; k < popcount(x). Broadword (Vigna 2008):
// byte-wise prefix popcounts locate the byte, a table the bit within it. No branches.
[[gnu::always_inline]] inline std::uint32_t select_bit(std::uint64_t x, std::uint32_t k) {
  constexpr std::uint64_t kOnes8 = 0x0101010101010101ULL;
  constexpr std::uint64_t kMsbs8 = 0x8080808080808080ULL;
  std::uint64_t s = x - ((x >> 1) & 0x5555555555555555ULL);
  s = (s & 0x3333333333333333ULL) + ((s >> 2) & 0x3333333333333333ULL);
  s = (s + (s >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  const std::uint64_t prefix = s * kOnes8;  // byte i: set bits in bytes 0..i
  // Bytes whose prefix is <= k: their MSB survives the subtraction.
  const std::uint64_t le = (((k * kOnes8) | kMsbs8) - prefix) & kMsbs8;
  const auto place = static_cast<std::uint32_t>(std::popcount(le)) * 8;
  const auto before = static_cast<std::uint32_t>(((prefix << 8) >> place) & 0xFF);
  const std::uint32_t byte = static_cast<std::uint32_t>(x >> place) & 0xFFu;
  return place + detail::kSelectInByte[byte][(k - before) & 7u];
}

}  // namespace peacesim::models::epstein
