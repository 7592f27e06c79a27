// Cheap uniform integers on top of the engine's counter-based draws.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

#include "engine/random.hpp"

#if defined(__SSE4_1__)
#include <smmintrin.h>
#endif

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
  // 512 halves are the 64 Philox blocks of one key of engine::RandomDraws (block b has counter
  // {entity, step, stream << 16 | b}), four 32-bit words each, low half first: exactly the bytes
  // of the blocks one after the other (little-endian).
  [[gnu::noinline]] void refill() {
#if defined(__SSE4_1__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    refill_sse();
#else
    engine::RandomDraws d(seed_, stream_, step_, batch_);
    for (std::uint32_t i = 0; i < kBatch; i += 2) {
      const std::uint32_t w = d.next_u32();
      halves_[i] = static_cast<std::uint16_t>(w);
      halves_[i + 1] = static_cast<std::uint16_t>(w >> 16);
    }
#endif
    ++batch_;
    pos_ = 0;
  }
#if defined(__SSE4_1__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // The same blocks, Philox4x32-10 (Random123's philox4x32_R(10, ...)) on four blocks per vector,
  // one block per lane, eight blocks in flight; then 4x4 transposes into block order. Tested to
  // give the scalar code's bytes (Determinism.BufferedDrawsAreRandomDraws).
  void refill_sse() {
    const __m128i m0 = _mm_set1_epi32(static_cast<int>(0xD2511F53u));
    const __m128i m1 = _mm_set1_epi32(static_cast<int>(0xCD9E8D57u));
    const auto mulhilo = [](__m128i x, __m128i m, __m128i& hi) {
      const __m128i even = _mm_mul_epu32(x, m);                     // lanes 0 and 2, 64 bits
      const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(x, 32), m);  // lanes 1 and 3
      hi = _mm_blend_epi16(_mm_srli_epi64(even, 32), odd, 0xCC);
      return _mm_blend_epi16(even, _mm_slli_epi64(odd, 32), 0xCC);
    };
    const auto u = [](std::uint32_t v) { return _mm_set1_epi32(static_cast<int>(v)); };
    const __m128i c0 = u(static_cast<std::uint32_t>(batch_));
    const __m128i c1 = u(static_cast<std::uint32_t>(batch_ >> 32));
    const __m128i c2 = u(step_);
    const __m128i c3 = u(static_cast<std::uint32_t>(stream_) << 16);
    auto* out = reinterpret_cast<__m128i*>(halves_.data());
    constexpr int kLanes = 8;  // blocks in flight: two vectors
    for (std::uint32_t first = 0; first < kBatch / 8; first += kLanes) {
      __m128i x[2][4];
      for (int g = 0; g < 2; ++g) {
        const auto b = static_cast<int>(first) + 4 * g;
        x[g][0] = c0;
        x[g][1] = c1;
        x[g][2] = c2;
        x[g][3] = _mm_or_si128(c3, _mm_setr_epi32(b, b + 1, b + 2, b + 3));
      }
      std::uint32_t k0 = static_cast<std::uint32_t>(seed_);
      std::uint32_t k1 = static_cast<std::uint32_t>(seed_ >> 32);
      for (int round = 0; round < 10; ++round) {
        const __m128i key0 = u(k0);
        const __m128i key1 = u(k1);
        for (int g = 0; g < 2; ++g) {
          __m128i hi0;
          __m128i hi1;
          const __m128i lo0 = mulhilo(x[g][0], m0, hi0);
          const __m128i lo1 = mulhilo(x[g][2], m1, hi1);
          x[g][0] = _mm_xor_si128(_mm_xor_si128(hi1, x[g][1]), key0);
          x[g][1] = lo1;
          x[g][2] = _mm_xor_si128(_mm_xor_si128(hi0, x[g][3]), key1);
          x[g][3] = lo0;
        }
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
      }
      for (int g = 0; g < 2; ++g) {
        const __m128i t0 = _mm_unpacklo_epi32(x[g][0], x[g][1]);
        const __m128i t1 = _mm_unpacklo_epi32(x[g][2], x[g][3]);
        const __m128i t2 = _mm_unpackhi_epi32(x[g][0], x[g][1]);
        const __m128i t3 = _mm_unpackhi_epi32(x[g][2], x[g][3]);
        __m128i* o = out + first + 4 * static_cast<std::uint32_t>(g);
        _mm_storeu_si128(o, _mm_unpacklo_epi64(t0, t1));
        _mm_storeu_si128(o + 1, _mm_unpackhi_epi64(t0, t1));
        _mm_storeu_si128(o + 2, _mm_unpacklo_epi64(t2, t3));
        _mm_storeu_si128(o + 3, _mm_unpackhi_epi64(t2, t3));
      }
    }
  }
#endif

  std::uint64_t seed_;
  engine::StreamId stream_;
  std::uint32_t step_;
  std::uint64_t batch_;
  std::uint32_t pos_ = kBatch;
  alignas(16) std::array<std::uint16_t, kBatch> halves_;  // filled before first use
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
