// Vision windows: sizes (MODEL.md §7: 112 and 149 cells) and the tiled counting against brute force.
#include "models/epstein/vision.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <utility>

#include "engine/grid.hpp"
#include "models/epstein/tile_board.hpp"

namespace peacesim::models::epstein {
namespace {

std::set<std::pair<int, int>> offsets_of(const std::vector<RowSpan>& rows, bool include_centre) {
  std::set<std::pair<int, int>> out;
  for (const RowSpan& r : rows) {
    for (int dc = -r.half; dc <= r.half; ++dc) {
      if (include_centre || r.dr != 0 || dc != 0) out.insert({r.dr, dc});
    }
  }
  return out;
}

std::set<std::pair<int, int>> offsets_of(const std::vector<engine::CellOffset>& v) {
  std::set<std::pair<int, int>> out;
  for (const auto& o : v) out.insert({o.drow, o.dcol});
  return out;
}

TEST(Vision, VonNeumannDiamondOfRadius7Has112CellsWithoutCentre) {
  const auto rows = diamond_rows(7);
  EXPECT_EQ(window_cells(rows, false), 112u);
  const auto engine_offsets = engine::neighbourhood_offsets(engine::Neighbourhood::VonNeumann, 7, false);
  EXPECT_EQ(engine_offsets.size(), 112u);
  EXPECT_EQ(offsets_of(rows, false), offsets_of(engine_offsets));
  for (const auto& [dr, dc] : offsets_of(rows, false)) EXPECT_LE(std::abs(dr) + std::abs(dc), 7);
}

TEST(Vision, EuclideanDiscOfRadius7Has149PatchesWithCentre) {
  const auto rows = disc_rows(7);
  EXPECT_EQ(window_cells(rows, true), 149u);
  const auto engine_offsets = engine::neighbourhood_offsets(engine::Neighbourhood::Euclidean, 7, true);
  EXPECT_EQ(engine_offsets.size(), 149u);
  EXPECT_EQ(offsets_of(rows, true), offsets_of(engine_offsets));
  for (const auto& [dr, dc] : offsets_of(rows, true)) EXPECT_LE(dr * dr + dc * dc, 49);
}

TEST(Vision, TileWindowOfRadius7Covers112Cells) {
  const TileBoard board(40, 40, 7);
  const TileWindow w(board, diamond_rows(7), false);
  EXPECT_EQ(w.cells(), 112u);
  for (std::uint32_t place = 0; place < 64; ++place) {
    std::uint32_t bits = 0;
    for (std::uint32_t i = 0; i < w.entries(); ++i)
      bits += static_cast<std::uint32_t>(std::popcount(w.masks(place)[i]));
    EXPECT_EQ(bits, 112u) << "place " << place;
  }
}

template <Layout kLayout>
void scan_any(const TileBoard& b, const TileWindow& w, CellId centre, TileScan& s) {
  scan_window<true, 0, kLayout>(b, w, centre, s);
}

// Scans of random boards agree with counting cell by cell on the torus, in all three layouts of
// the board, for sides multiples of 8 or not and radii below, at and above one tile.
TEST(Vision, TiledScanAgreesWithBruteForce) {
  const std::pair<std::uint32_t, std::uint32_t> sizes[] = {{15, 15}, {16, 16}, {40, 40},
                                                           {43, 37}, {24, 56}, {100, 100}};
  std::mt19937 rng(7);
  for (const auto& [w, h] : sizes) {
    for (int radius : {1, 3, 7, 8, 9, 13}) {
      if (w < 2u * radius + 1 || h < 2u * radius + 1) continue;
      for (Layout layout : {Layout::Wrapped, Layout::Seamed, Layout::Halo}) {
        if (layout == Layout::Wrapped && (w % 8 != 0 || h % 8 != 0)) continue;
        TileBoard board(w, h, static_cast<std::uint32_t>(radius), false, layout);
        const TileWindow window(board, diamond_rows(radius), false);
        std::vector<unsigned> code(static_cast<std::size_t>(w) * h);
        for (std::uint32_t r = 0; r < h; ++r) {
          for (std::uint32_t c = 0; c < w; ++c) {
            const auto u = static_cast<unsigned>(rng() % 100);
            const unsigned k = u < 60 ? kCitizen : u < 70 ? kCop : u < 80 ? kActive : kEmpty;
            code[r * w + c] = k;
            board.set(board.id(r, c), k);
          }
        }
        for (int trial = 0; trial < 60; ++trial) {
          const auto r0 = static_cast<std::uint32_t>(rng() % h);
          const auto c0 = static_cast<std::uint32_t>(rng() % w);
          std::uint32_t cops = 0, actives = 0;
          std::set<CellId> empty, active;
          for (const auto& [dr, dc] : offsets_of(diamond_rows(radius), false)) {
            const auto r = static_cast<std::uint32_t>((static_cast<int>(r0) + dr + static_cast<int>(h)) %
                                                      static_cast<int>(h));
            const auto c = static_cast<std::uint32_t>((static_cast<int>(c0) + dc + static_cast<int>(w)) %
                                                      static_cast<int>(w));
            const unsigned k = code[r * w + c];
            cops += k == kCop;
            actives += k == kActive;
            if (k == kEmpty) empty.insert(board.id(r, c));
            if (k == kActive) active.insert(board.id(r, c));
          }
          const CellId centre = board.id(r0, c0);
          TileScan scan;
          switch (layout) {
            case Layout::Wrapped:
              scan_any<Layout::Wrapped>(board, window, centre, scan);
              break;
            case Layout::Seamed:
              scan_any<Layout::Seamed>(board, window, centre, scan);
              break;
            case Layout::Halo:
              scan_any<Layout::Halo>(board, window, centre, scan);
              break;
          }
          const auto canon = [&](CellId c) { return layout == Layout::Halo ? board.canonical(c) : c; };
          ASSERT_EQ(scan.cops, cops) << w << "x" << h << " r=" << radius << " layout " << int(layout);
          ASSERT_EQ(scan.actives, actives);
          ASSERT_EQ(scan.empties, empty.size());
          std::set<CellId> picked;
          for (std::uint32_t k = 0; k < scan.empties; ++k) {
            picked.insert(canon(scanned_empty<0>(scan, k, window, centre)));
          }
          ASSERT_EQ(picked, empty);
          if (window.entries() == 9 && window.groupable()) {
            // The unrolled nine-tile scan (the models' hot path) finds the same counts, and the
            // k-th empty cell it picks is the generic scan's k-th.
            TileScan nine;
            std::vector<CellId> generic;
            std::vector<CellId> unrolled;
            for (std::uint32_t k = 0; k < scan.empties; ++k)
              generic.push_back(scanned_empty<0>(scan, k, window, centre));
            switch (layout) {
              case Layout::Wrapped:
                scan_window<true, 9, Layout::Wrapped>(board, window, centre, nine);
                for (std::uint32_t k = 0; k < nine.empties; ++k)
                  unrolled.push_back(scanned_empty<9, Layout::Wrapped>(nine, k, window, centre));
                break;
              case Layout::Seamed:
                scan_window<true, 9, Layout::Seamed>(board, window, centre, nine);
                for (std::uint32_t k = 0; k < nine.empties; ++k)
                  unrolled.push_back(scanned_empty<0, Layout::Seamed>(nine, k, window, centre));
                break;
              case Layout::Halo:
                scan_window<true, 9, Layout::Halo>(board, window, centre, nine);
                for (std::uint32_t k = 0; k < nine.empties; ++k)
                  unrolled.push_back(scanned_empty<9, Layout::Halo>(nine, k, window, centre));
                complete_scan<9, Layout::Halo>(nine, window, centre);
                break;
            }
            ASSERT_EQ(nine.cops, cops) << w << "x" << h << " r=" << radius << " layout " << int(layout);
            ASSERT_EQ(nine.actives, actives);
            ASSERT_EQ(unrolled, generic);
            for (std::uint32_t k = 0; k < nine.actives; ++k) {
              ASSERT_EQ(scanned_active(board, window, centre, nine, k),
                        scanned_active(board, window, centre, scan, k));
            }
          }
          std::set<CellId> arrested;
          for (std::uint32_t k = 0; k < scan.actives; ++k) {
            arrested.insert(canon(scanned_active(board, window, centre, scan, k)));
          }
          ASSERT_EQ(arrested, active);
          EXPECT_EQ(board.get(centre), code[r0 * w + c0]);
        }
      }
    }
  }
}

TEST(Vision, SelectBitFindsEveryBit) {
  std::mt19937_64 rng(3);
  for (int t = 0; t < 2000; ++t) {
    const std::uint64_t x = rng() & rng();
    std::uint32_t k = 0;
    for (std::uint32_t bit = 0; bit < 64; ++bit) {
      if ((x >> bit) & 1u) {
        ASSERT_EQ(select_bit(x, k), bit);
        ++k;
      }
    }
  }
}

}  // namespace
}  // namespace peacesim::models::epstein
