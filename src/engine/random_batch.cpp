#include "engine/random_batch.hpp"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace peacesim::engine {

namespace {

// Random123's Philox-4x32 constants (Salmon et al., SC'11): the round multipliers and the key's
// Weyl increments.
constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;
constexpr int kRounds = 10;

// The counter's two low words of N entities, lane by lane.
template <std::size_t N>
struct EntityWords {
  alignas(64) std::uint32_t low[N];
  alignas(64) std::uint32_t high[N];
  explicit EntityWords(const std::uint64_t* entity) {
    for (std::size_t j = 0; j < N; ++j) {
      low[j] = static_cast<std::uint32_t>(entity[j]);
      high[j] = static_cast<std::uint32_t>(entity[j] >> 32);
    }
  }
};

// Lane j of the four words, as block j.
template <std::size_t N>
void transpose(const std::uint32_t (&words)[4][N], PhiloxBlock* out) {
  for (std::size_t j = 0; j < N; ++j) out[j] = {words[0][j], words[1][j], words[2][j], words[3][j]};
}

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics start from a self-initialised "undefined" vector, which
// -Wuninitialized reports inside any function that inlines them (a false alarm: those lanes are
// never read); the warning is off for these kernels only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
// Sixteen entities at once (AVX-512F). Each round: the high and low halves of the two 32×32-bit
// products in every lane (even lanes from one multiply, odd lanes from a second after a shift),
// then the round's mixing with the round key.
__attribute__((target("avx512f"))) void sixteen_blocks(std::uint32_t key0, std::uint32_t key1,
                                                       std::uint32_t c2, std::uint32_t c3,
                                                       const std::uint64_t* entities, PhiloxBlock* out) {
  const EntityWords<16> entity(entities);
  __m512i x0 = _mm512_load_si512(entity.low);
  __m512i x1 = _mm512_load_si512(entity.high);
  __m512i x2 = _mm512_set1_epi32(static_cast<int>(c2));
  __m512i x3 = _mm512_set1_epi32(static_cast<int>(c3));
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kMultiplier0));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(kMultiplier1));
  auto multiply = [](__m512i x, __m512i m, __m512i & high, __m512i & low) __attribute__((target("avx512f"))) {
    low = _mm512_mullo_epi32(x, m);
    const __m512i even = _mm512_srli_epi64(_mm512_mul_epu32(x, m), 32);
    const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), m);
    high = _mm512_mask_blend_epi32(0xAAAA, even, odd);
  };
  std::uint32_t k0 = key0, k1 = key1;
  for (int round = 0; round < kRounds; ++round) {
    __m512i high0, low0, high1, low1;
    multiply(x0, m0, high0, low0);
    multiply(x2, m1, high1, low1);
    x0 = _mm512_xor_si512(_mm512_xor_si512(high1, x1), _mm512_set1_epi32(static_cast<int>(k0)));
    x1 = low1;
    x2 = _mm512_xor_si512(_mm512_xor_si512(high0, x3), _mm512_set1_epi32(static_cast<int>(k1)));
    x3 = low0;
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
  alignas(64) std::uint32_t words[4][16];
  _mm512_store_si512(words[0], x0);
  _mm512_store_si512(words[1], x1);
  _mm512_store_si512(words[2], x2);
  _mm512_store_si512(words[3], x3);
  transpose(words, out);
}

// Eight entities at once (AVX2), the same rounds.
__attribute__((target("avx2"))) void eight_blocks(std::uint32_t key0, std::uint32_t key1, std::uint32_t c2,
                                                  std::uint32_t c3, const std::uint64_t* entities,
                                                  PhiloxBlock* out) {
  const EntityWords<8> entity(entities);
  __m256i x0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(entity.low));
  __m256i x1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(entity.high));
  __m256i x2 = _mm256_set1_epi32(static_cast<int>(c2));
  __m256i x3 = _mm256_set1_epi32(static_cast<int>(c3));
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kMultiplier0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kMultiplier1));
  auto multiply = [](__m256i x, __m256i m, __m256i & high, __m256i & low) __attribute__((target("avx2"))) {
    low = _mm256_mullo_epi32(x, m);
    const __m256i even = _mm256_srli_epi64(_mm256_mul_epu32(x, m), 32);
    const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
    high = _mm256_blend_epi32(even, odd, 0xAA);
  };
  std::uint32_t k0 = key0, k1 = key1;
  for (int round = 0; round < kRounds; ++round) {
    __m256i high0, low0, high1, low1;
    multiply(x0, m0, high0, low0);
    multiply(x2, m1, high1, low1);
    x0 = _mm256_xor_si256(_mm256_xor_si256(high1, x1), _mm256_set1_epi32(static_cast<int>(k0)));
    x1 = low1;
    x2 = _mm256_xor_si256(_mm256_xor_si256(high0, x3), _mm256_set1_epi32(static_cast<int>(k1)));
    x3 = low0;
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
  alignas(32) std::uint32_t words[4][8];
  for (int w = 0; w < 4; ++w)
    _mm256_store_si256(reinterpret_cast<__m256i*>(words[w]), w == 0 ? x0 : w == 1 ? x1 : w == 2 ? x2 : x3);
  transpose(words, out);
}
#pragma GCC diagnostic pop
#endif

// How many lanes this processor offers (asked once): 16, 8, or 1 (the keys one by one).
std::size_t lanes() {
#if defined(__x86_64__)
  static const std::size_t n = __builtin_cpu_supports("avx512f") ? 16
                               : __builtin_cpu_supports("avx2")  ? 8
                                                                 : 1;
  return n;
#else
  return 1;
#endif
}

}  // namespace

void first_blocks(std::uint64_t seed, StreamId stream, std::uint32_t step,
                  std::span<const std::uint64_t> entities, std::span<PhiloxBlock> out) noexcept {
  const auto key0 = static_cast<std::uint32_t>(seed);
  const auto key1 = static_cast<std::uint32_t>(seed >> 32);
  const auto c3 = static_cast<std::uint32_t>(stream) << 16;  // block 0 of the stream (RandomDraws)
  const std::size_t n = std::min(entities.size(), out.size());
  std::size_t j = 0;
#if defined(__x86_64__)
  const std::size_t width = lanes();
  if (width == 16) {
    for (; j + 16 <= n; j += 16) sixteen_blocks(key0, key1, step, c3, &entities[j], &out[j]);
  } else if (width == 8) {
    for (; j + 8 <= n; j += 8) eight_blocks(key0, key1, step, c3, &entities[j], &out[j]);
  }
#endif
  const r123::Philox4x32::key_type key{{key0, key1}};
  for (; j < n; ++j) {
    const std::uint64_t entity = entities[j];
    const r123::Philox4x32::ctr_type counter{
        {static_cast<std::uint32_t>(entity), static_cast<std::uint32_t>(entity >> 32), step, c3}};
    const auto block = r123::Philox4x32()(counter, key);
    out[j] = {block.v[0], block.v[1], block.v[2], block.v[3]};
  }
}

void first_blocks(std::uint64_t seed, StreamId stream, std::uint32_t step, std::uint64_t first,
                  std::span<PhiloxBlock> out) noexcept {
  constexpr std::size_t kChunk = 256;
  std::array<std::uint64_t, kChunk> entities;
  for (std::size_t from = 0; from < out.size(); from += kChunk) {
    const std::size_t count = std::min(kChunk, out.size() - from);
    for (std::size_t j = 0; j < count; ++j) entities[j] = first + from + j;
    first_blocks(seed, stream, step, std::span<const std::uint64_t>(entities.data(), count),
                 out.subspan(from, count));
  }
}

}  // namespace peacesim::engine
