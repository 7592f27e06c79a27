// Same seed, same run; and the parallel variant gives identical results for 1 and 2 threads.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

using support::Driver;
using support::run_series;

TEST(Determinism, SameSeedSameSeries) {
  for (Driver kind : {Driver::MesaExact, Driver::MesaParallel, Driver::NetLogo}) {
    const Params p = kind == Driver::NetLogo ? netlogo_defaults() : support::netlogo_like_mesa();
    const auto a = run_series(kind, p, 42, 150);
    const auto b = run_series(kind, p, 42, 150);
    EXPECT_EQ(a.active, b.active);
    EXPECT_EQ(a.jailed, b.jailed);
    EXPECT_EQ(a.quiet, b.quiet);
    const auto c = run_series(kind, p, 43, 150);
    EXPECT_NE(a.active, c.active);
  }
}

TEST(Determinism, SameSeedSameState) {
  MesaWorld a(support::netlogo_like_mesa(), 9);
  MesaWorld b(support::netlogo_like_mesa(), 9);
  EXPECT_EQ(a.state_hash(), b.state_hash());
  for (std::uint32_t s = 0; s < 60; ++s) {
    a.step_exact(s);
    b.step_exact(s);
  }
  EXPECT_EQ(a.state_hash(), b.state_hash());
  NetLogoWorld c(netlogo_defaults(), 9);
  NetLogoWorld d(netlogo_defaults(), 9);
  for (std::uint32_t s = 0; s < 60; ++s) {
    c.step(s);
    d.step(s);
  }
  EXPECT_EQ(c.state_hash(), d.state_hash());
}

// Many tiles per colour, so that two threads really share the work; both layouts of the board
// (sides multiples of 8, and not).
std::vector<std::uint64_t> parallel_hashes(unsigned threads, std::uint32_t side) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  Params p = support::netlogo_like_mesa();
  p.width = side;
  p.height = side;
  MesaWorld w(p, 1234, 24);
  EXPECT_GE(w.tiles_across(), 8u);
  std::vector<std::uint64_t> hashes;
  for (std::uint32_t s = 0; s < 25; ++s) {
    w.step_parallel(s);
    const auto c = w.counts();
    hashes.push_back(w.state_hash() ^ (c.active << 1) ^ (c.jailed << 20));
  }
  return hashes;
}

TEST(Determinism, ParallelVariantIsIdenticalForOneAndTwoThreads) {
  for (std::uint32_t side : {200u, 203u}) {
    const auto one = parallel_hashes(1, side);
    const auto two = parallel_hashes(2, side);
    EXPECT_EQ(one, two) << "side " << side;
  }
}

// The buffered draws (vectorized where the compiler targets SSE4.1) are the scalar Philox
// draws of engine::RandomDraws, batch after batch, 16 bits at a time, low half first.
TEST(Determinism, BufferedDrawsAreRandomDraws) {
  for (const std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{0xFEDCBA9876543210ULL}}) {
    for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{7} << 32, std::uint64_t{0xFFFFFFFFu}}) {
      BufferedDraws buffered(seed, 0x2345, 77, first);
      for (std::uint64_t batch = 0; batch < 3; ++batch) {
        engine::RandomDraws d(seed, 0x2345, 77, first + batch);
        for (int i = 0; i < 256; ++i) {
          const std::uint32_t w = d.next_u32();
          ASSERT_EQ(buffered.next16(), w & 0xFFFFu) << "batch " << batch << " word " << i;
          ASSERT_EQ(buffered.next16(), w >> 16) << "batch " << batch << " word " << i;
        }
      }
    }
  }
}

// Counts kept step by step agree with a recount of the state.
TEST(Determinism, CountsAreConsistent) {
  MesaWorld w(support::netlogo_like_mesa(), 5);
  const auto start = w.counts();
  for (std::uint32_t s = 0; s < 100; ++s) {
    (s % 2 == 0) ? w.step_exact(s) : w.step_parallel(s);
    const auto c = w.counts();
    ASSERT_EQ(c.quiet + c.active + c.jailed, start.quiet + start.active + start.jailed);
    ASSERT_EQ(c.cops, start.cops);
    std::uint64_t quiet = 0, active = 0, jailed = 0, cops = 0;
    for (std::uint32_t r = 0; r < 40; ++r) {
      for (std::uint32_t col = 0; col < 40; ++col) {
        const Code code = w.code(r, col);
        if (code == kCop) ++cops;
        if (code == kCitizen || code == kActive) {
          const auto st = w.state(r, col);
          (st == MesaWorld::kQuiet ? quiet : st == MesaWorld::kActiveState ? active : jailed) += 1;
          ASSERT_EQ(code == kActive, st == MesaWorld::kActiveState);
        }
      }
    }
    ASSERT_EQ(quiet, c.quiet);
    ASSERT_EQ(active, c.active);
    ASSERT_EQ(jailed, c.jailed);
    ASSERT_EQ(cops, c.cops);
  }
  NetLogoWorld n(netlogo_defaults(), 5);
  const auto ns = n.counts();
  for (std::uint32_t s = 0; s < 100; ++s) {
    n.step(s);
    const auto c = n.counts();
    ASSERT_EQ(c.quiet + c.active + c.jailed, ns.quiet + ns.active + ns.jailed);
    ASSERT_EQ(c.cops, ns.cops);
  }
}

// A grid above 2^20 cells is stored with a mirrored halo (tile_board.hpp): the counts stay right
// and every mirror holds what its canonical cell holds, through exact and parallel steps.
TEST(Determinism, HaloLayoutKeepsMirrorsAndCounts) {
  Params p = support::netlogo_like_mesa();
  p.width = 1030;
  p.height = 1020;
  MesaWorld w(p, 77);
  const TileBoard& b = w.board();
  ASSERT_EQ(b.layout(), Layout::Halo);
  const auto start = w.counts();
  for (std::uint32_t s = 0; s < 4; ++s) (s < 2) ? w.step_exact(s) : w.step_parallel(s);
  const auto c = w.counts();
  EXPECT_EQ(c.quiet + c.active + c.jailed, start.quiet + start.active + start.jailed);
  std::uint64_t cops = 0, active = 0;
  const std::uint32_t pad = b.pad(), v = b.radius();
  for (std::uint32_t r = 0; r < p.height; ++r) {
    for (std::uint32_t col = 0; col < p.width; ++col) {
      const unsigned code = b.get(b.id(r, col));
      cops += code == kCop;
      active += code == kActive;
      const bool top = r < v, bottom = r >= p.height - v, left = col < v, right = col >= p.width - v;
      if (!(top || bottom || left || right)) continue;
      const std::uint32_t pr = r + pad, pc = col + pad;
      const std::uint32_t mr = top ? pr + p.height : bottom ? pr - p.height : pr;
      const std::uint32_t mc = left ? pc + p.width : right ? pc - p.width : pc;
      ASSERT_EQ(b.get(b.at(mr, pc)), code) << r << "," << col;
      ASSERT_EQ(b.get(b.at(pr, mc)), code) << r << "," << col;
      ASSERT_EQ(b.get(b.at(mr, mc)), code) << r << "," << col;
    }
  }
  EXPECT_EQ(cops, c.cops);
  EXPECT_EQ(active, c.active);
}

}  // namespace
}  // namespace peacesim::models::epstein
