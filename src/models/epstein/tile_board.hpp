// The occupancy grid of Mesa's one-agent-per-cell torus, as 8x8-cell bit tiles.
//
// Each tile is four 64-bit words: bit (8*r + c) of word 0 says whether cell (r, c) of the tile
// is empty (stored this way round so that a window's empty cells are one AND), of word 1 whether a cop stands
// there, of word 2 whether an active citizen does, of word 3 the parity of the last step in which the agent
// there acted. A vision window of radius 7 lies within the 3x3 tiles around its centre's tile, so counting
// the cops, active citizens and empty cells an agent sees takes nine load-mask-popcount steps instead of 112
// cell visits, and touches a handful of cache lines.
//
// Cells are numbered tile by tile (CellId = tile * 64 + bit), so the cells a window picks come
// back as tile and bit without arithmetic. Windows must see the torus wrap around; three layouts:
//  - Wrapped, when width and height are multiples of 8 and the grid is small (at most 2^20
//    cells) or is asked for: the tiles cover the torus exactly, and each window keeps, for every
//    tile, the numbers of the tiles around it (wrapping around). A write touches one tile.
//  - Seamed, for other small grids: the tiles cover the torus plus dead cells up to the next
//    multiple of 8, with a margin of empty tiles around. A window whose centre is more than
//    `radius` cells from every edge uses tiles at fixed offsets from its centre's tile; the few
//    centres near an edge (a frame `radius` cells wide) have their own list of tiles and masks,
//    built once. A write touches one tile.
//  - Halo, for large grids (where those lists, or the neighbour table of the wrapped layout, would
//    not stay in cache): the torus is stored with a halo of 8*ceil(radius/8) cells on every side
//    mirroring the opposite edges; windows use fixed tile offsets, and a write to a cell within
//    `radius` of an edge is repeated on its mirror cells (a thin frame on a large grid).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "models/epstein/draws.hpp"
#include "models/epstein/huge_pages.hpp"
#include "models/epstein/vision.hpp"

namespace peacesim::models::epstein {

using CellId = std::uint32_t;

// What occupies a cell.
enum Code : std::uint8_t {
  kEmpty = 0,
  kCitizen = 1,  // a quiet or jailed citizen
  kCop = 2,
  kActive = 3,  // an active citizen
};

enum class Layout : std::uint8_t { Wrapped, Seamed, Halo };

class TileBoard {
 public:
  static constexpr int kFree = 0;  // set for an empty cell: a window's empty cells are one AND
  static constexpr int kCops = 1;
  static constexpr int kActives = 2;
  static constexpr int kParity = 3;

  TileBoard() = default;
  // `radius`: the largest vision radius windows will have. `large_wrapped`: use the wrapped
  // layout whenever the sides are multiples of 8, even on a large grid (for work that stays
  // local, like the parallel variant's tiles, the neighbour table then stays in cache too).
  // `force` (tests): this layout, whatever the grid's size (Wrapped needs sides multiple of 8).
  TileBoard(std::uint32_t width, std::uint32_t height, std::uint32_t radius, bool large_wrapped = false,
            std::optional<Layout> force = std::nullopt);

  [[nodiscard]] std::uint32_t width() const { return width_; }
  [[nodiscard]] std::uint32_t height() const { return height_; }
  [[nodiscard]] std::uint32_t pad() const { return pad_; }
  [[nodiscard]] std::uint32_t radius() const { return radius_; }
  [[nodiscard]] Layout layout() const { return layout_; }
  [[nodiscard]] std::uint32_t tile_shift() const { return tshift_; }
  [[nodiscard]] std::uint32_t tiles_across() const { return tiles_x_; }  // stored, a power of two
  [[nodiscard]] std::uint32_t tiles_down() const { return tiles_y_; }
  // Slots of arrays indexed by CellId.
  [[nodiscard]] std::size_t cell_slots() const { return static_cast<std::size_t>(tiles_y_) << tshift_ << 6; }

  [[nodiscard]] CellId at(std::uint32_t prow, std::uint32_t pcol) const {
    return ((((prow >> 3) << tshift_) | (pcol >> 3)) << 6) | ((prow & 7u) << 3) | (pcol & 7u);
  }
  [[nodiscard]] CellId id(std::uint32_t row, std::uint32_t col) const { return at(row + pad_, col + pad_); }
  [[nodiscard]] std::uint32_t prow(CellId c) const { return ((c >> 6 >> tshift_) << 3) | ((c >> 3) & 7u); }
  [[nodiscard]] std::uint32_t pcol(CellId c) const { return (((c >> 6) & (tiles_x_ - 1)) << 3) | (c & 7u); }
  [[nodiscard]] std::uint32_t row(CellId c) const { return prow(c) - pad_; }
  [[nodiscard]] std::uint32_t col(CellId c) const { return pcol(c) - pad_; }
  // Row-major number of a canonical cell (row * width + col): a key that does not depend on layout.
  [[nodiscard]] std::uint32_t ordinal(CellId c) const { return row(c) * width_ + col(c); }

  // Whether canonical cell c lies within `radius` cells of an edge (seamed layout: its window
  // crosses the seam of the torus).
  [[nodiscard]] bool near_edge(CellId c) const {
    return row(c) - radius_ >= height_ - 2 * radius_ || col(c) - radius_ >= width_ - 2 * radius_;
  }
  // The number of a cell near an edge among all such cells: the first and last `radius` rows,
  // then the first and last `radius` cells of the rows between.
  [[nodiscard]] std::uint32_t edge_index(CellId c) const {
    const std::uint32_t r = row(c);
    const std::uint32_t q = col(c);
    if (r < radius_) return r * width_ + q;
    if (r >= height_ - radius_) return (r - (height_ - 2 * radius_)) * width_ + q;
    return 2 * radius_ * width_ + (r - radius_) * 2 * radius_ +
           (q < radius_ ? q : q - (width_ - 2 * radius_));
  }

  // The canonical cell of a cell given by its id, which may lie in the halo (halo layout).
  [[nodiscard]] [[gnu::always_inline]] CellId canonical(CellId c) const {
    std::uint32_t r = prow(c);
    std::uint32_t q = pcol(c);
    r += height_ & (0u - static_cast<std::uint32_t>(r < pad_));
    r -= height_ & (0u - static_cast<std::uint32_t>(r >= height_ + pad_));
    q += width_ & (0u - static_cast<std::uint32_t>(q < pad_));
    q -= width_ & (0u - static_cast<std::uint32_t>(q >= width_ + pad_));
    return at(r, q);
  }
  template <Layout kLayout>
  [[nodiscard]] [[gnu::always_inline]] CellId canonical_in(CellId c) const {
    if constexpr (kLayout == Layout::Halo) {
      // Most cells lie in tiles wholly inside the torus: one test on the tile's number.
      if ((edge_[c >> 6] & kHaloTile) == 0) [[likely]]
        return c;
      return canonical(c);
    } else {
      return c;
    }
  }

  [[nodiscard]] const std::uint64_t* tile_words(std::uint32_t tile) const {
    return words_.data() + 4 * static_cast<std::size_t>(tile);
  }
  [[nodiscard]] unsigned get(CellId c) const {
    const std::uint64_t* w = tile_words(c >> 6);
    const unsigned bit = c & 63u;
    if (((w[kFree] >> bit) & 1u) != 0) return kEmpty;
    if (((w[kCops] >> bit) & 1u) != 0) return kCop;
    return ((w[kActives] >> bit) & 1u) != 0 ? kActive : kCitizen;
  }

  // Sets canonical cell c to `code` (and its mirrors in the halo layout).
  void set(CellId c, unsigned code) {
    put(c, code);
    if (layout_ == Layout::Halo) mirror_cell(c, code);
  }

  // Records that the agent on canonical cell c acted in a step of parity `parity` (0 or 1).
  [[gnu::always_inline]] void set_parity(CellId c, unsigned parity) {
    const std::uint64_t bit = std::uint64_t{1} << (c & 63u);
    std::uint64_t& w = words_[4 * static_cast<std::size_t>(c >> 6) + kParity];
    w = (w & ~bit) | (parity != 0 ? bit : 0);
  }
  // Bits [shift, shift + n) of a tile's occupied cells whose agent's parity differs from `parity`
  // (agents that have not acted in this step), moved down to bit 0 and masked by run_mask.
  [[nodiscard]] std::uint64_t unacted(std::uint32_t tile, unsigned shift, std::uint64_t run_mask,
                                      unsigned parity) const {
    const std::uint64_t* w = tile_words(tile);
    const std::uint64_t same = parity != 0 ? w[kParity] : ~w[kParity];
    return ((~w[kFree] & ~same) >> shift) & run_mask;
  }

  // Moves what is on canonical cell `from` (code `code`, acted in a step of parity `parity`) to
  // the empty canonical cell `to`.
  template <Layout kLayout>
  [[gnu::always_inline]] void move(CellId from, CellId to, unsigned code, unsigned parity) {
    const std::uint64_t off = std::uint64_t{1} << (from & 63u);
    std::uint64_t* w = words_.data() + 4 * static_cast<std::size_t>(from >> 6);
    w[kFree] |= off;
    w[kCops] &= ~off;
    w[kActives] &= ~off;
    const std::uint64_t on = std::uint64_t{1} << (to & 63u);
    const std::uint64_t cop = 0 - static_cast<std::uint64_t>(code == kCop);
    const std::uint64_t active = 0 - static_cast<std::uint64_t>(code == kActive);
    w = words_.data() + 4 * static_cast<std::size_t>(to >> 6);
    w[kFree] &= ~on;
    w[kCops] |= on & cop;
    w[kActives] |= on & active;
    w[kParity] = (w[kParity] & ~on) | (parity != 0 ? on : 0);
    if constexpr (kLayout == Layout::Halo) {
      mirror_cell(from, kEmpty);
      mirror_cell(to, code);
    }
  }

  [[nodiscard]] std::size_t bytes() const {
    return words_.capacity() * sizeof(std::uint64_t) + edge_.capacity();
  }

 private:
  // The mirror of padded coordinate x on an axis of `size` canonical positions whose first and
  // last radius_ positions are mirrored (x itself if it has no mirror). Branch-free.
  [[nodiscard]] std::uint32_t mirror(std::uint32_t x, std::uint32_t size) const {
    const std::uint32_t up = 0u - static_cast<std::uint32_t>(x < pad_ + radius_);
    const std::uint32_t down = 0u - static_cast<std::uint32_t>(x >= pad_ + size - radius_);
    return x + (size & up) - (size & down);
  }
  // Halo layout, edge_ flags of a tile: some of its cells lie in the halo; some have a mirror.
  static constexpr std::uint8_t kHaloTile = 1;
  static constexpr std::uint8_t kMirroredTile = 2;
  // Writes a canonical cell's bits to its mirror cells (most cells, away from the edges, have none:
  // all those of the tiles not flagged kMirroredTile).
  [[gnu::always_inline]] void mirror_cell(CellId c, unsigned code) {
    if ((edge_[c >> 6] & kMirroredTile) == 0) [[likely]]
      return;
    mirror_edge_cell(c, code);
  }
  [[gnu::noinline]] void mirror_edge_cell(CellId c, unsigned code) {
    const std::uint32_t r = prow(c);
    const std::uint32_t q = pcol(c);
    if (r - (pad_ + radius_) < height_ - 2 * radius_ && q - (pad_ + radius_) < width_ - 2 * radius_) return;
    const std::uint32_t mr = mirror(r, height_);
    const std::uint32_t mq = mirror(q, width_);
    put(at(mr, q), code);  // a cell with a mirror on one axis only rewrites itself here or below
    put(at(r, mq), code);
    put(at(mr, mq), code);
  }
  void put(CellId c, unsigned code) {
    const std::uint64_t bit = std::uint64_t{1} << (c & 63u);
    std::uint64_t* w = words_.data() + 4 * static_cast<std::size_t>(c >> 6);
    w[kFree] = (w[kFree] & ~bit) | (code == kEmpty ? bit : 0);
    w[kCops] = (w[kCops] & ~bit) | (code == kCop ? bit : 0);
    w[kActives] = (w[kActives] & ~bit) | (code == kActive ? bit : 0);
  }

  std::uint32_t width_ = 0;
  std::uint32_t height_ = 0;
  std::uint32_t pad_ = 0;
  std::uint32_t radius_ = 0;
  Layout layout_ = Layout::Wrapped;
  std::uint32_t tiles_x_ = 0;  // tiles per stored row (a power of two)
  std::uint32_t tiles_y_ = 0;
  std::uint32_t tshift_ = 0;
  std::vector<std::uint8_t> edge_;  // halo layout: kHaloTile | kMirroredTile, by tile
  HugeVector<std::uint64_t> words_;

  friend struct BoardCheckpoint;  // checkpoint.cpp: the occupancy words are the board's state
};

// A vision window as masks over the square of (2R+1)x(2R+1) tiles around the centre's tile
// (R = ceil(radius / 8)), for each of the 64 places the centre can have in its tile. Every place
// visits the same tiles (some with an empty mask), so loops over a window have a fixed length.
// In the seamed layout, centres near an edge instead have a list of their own (edge entries).
class TileWindow {
 public:
  static constexpr std::size_t kMaxEntries = 49;  // 7x7 tiles: radius 20

  TileWindow() = default;
  TileWindow(const TileBoard& board, const std::vector<RowSpan>& rows, bool include_centre);

  [[nodiscard]] std::uint32_t entries() const { return entries_; }
  // Seamed and halo layouts: the window's tiles as offsets from the centre's tile.
  [[nodiscard]] const std::int32_t* deltas() const { return deltas_.data(); }
  // Wrapped layout: the window's tiles around `tile`.
  [[nodiscard]] const std::uint32_t* tiles_around(std::uint32_t tile) const {
    return neighbours_.data() + static_cast<std::size_t>(tile) * entries_;
  }
  [[nodiscard]] const std::uint64_t* masks(CellId centre) const {
    return masks_.data() + static_cast<std::size_t>(centre & 63u) * entries_;
  }
  // Seamed layout, centres near an edge: entries per centre, their tiles and masks.
  [[nodiscard]] std::uint32_t edge_entries() const { return edge_entries_; }
  [[nodiscard]] const std::uint32_t* edge_tiles(std::uint32_t edge_index) const {
    return edge_tiles_.data() + static_cast<std::size_t>(edge_index) * edge_entries_;
  }
  [[nodiscard]] const std::uint64_t* edge_masks(std::uint32_t edge_index) const {
    return edge_masks_.data() + static_cast<std::size_t>(edge_index) * edge_entries_;
  }
  [[nodiscard]] std::uint32_t cells() const { return cells_; }
  [[nodiscard]] std::uint32_t tile_radius() const { return tile_radius_; }
  // Whether the window spans 3x3 tiles and, for every place of the centre, the masks of the
  // four corner tiles are disjoint, as are those of the left and right tiles and of the top and
  // bottom ones (true of diamonds up to radius 7): counts then need four popcounts, not nine.
  [[nodiscard]] bool groupable() const { return groupable_; }
  [[nodiscard]] std::size_t bytes() const {
    return neighbours_.capacity() * 4 + masks_.capacity() * 8 + deltas_.capacity() * 4 +
           edge_tiles_.capacity() * 4 + edge_masks_.capacity() * 8;
  }

 private:
  std::uint32_t entries_ = 0;
  std::vector<std::int32_t> deltas_;
  HugeVector<std::uint32_t> neighbours_;  // [tile][entry] (wrapped layout only)
  std::vector<std::uint64_t> masks_;      // [place][entry]: the window's cells in that tile
  std::uint32_t edge_entries_ = 0;
  HugeVector<std::uint32_t> edge_tiles_;  // [edge index][entry] (seamed layout only)
  HugeVector<std::uint64_t> edge_masks_;
  std::uint32_t cells_ = 0;
  std::uint32_t tile_radius_ = 0;
  bool groupable_ = false;
};

// What a window holds, from one pass: counts, and the empty cells of each tile it touches.
struct TileScan {
  static constexpr std::size_t kMax = 64;  // TileWindow::kMaxEntries, or edge entries (radius 20)
  std::uint32_t cops = 0;
  std::uint32_t actives = 0;
  std::uint32_t empties = 0;
  std::uint32_t entries = 0;
  std::uint32_t tile[kMax];
  std::uint32_t before[kMax];  // empty cells in the entries before this one
  std::uint64_t empty[kMax];
};

namespace detail {
template <bool kAgents>
[[gnu::always_inline]] inline void scan_entry(const TileBoard& b, std::uint32_t t, std::uint64_t mask,
                                              std::uint32_t i, TileScan& s, std::uint32_t& cops,
                                              std::uint32_t& actives, std::uint32_t& empties) {
  const std::uint64_t* words = b.tile_words(t);
  const std::uint64_t em = words[TileBoard::kFree] & mask;
  s.tile[i] = t;
  s.empty[i] = em;
  s.before[i] = empties;
  empties += static_cast<std::uint32_t>(std::popcount(em));
  if constexpr (kAgents) {
    cops += static_cast<std::uint32_t>(std::popcount(words[TileBoard::kCops] & mask));
    actives += static_cast<std::uint32_t>(std::popcount(words[TileBoard::kActives] & mask));
  }
}
}  // namespace detail

// One pass over the window around canonical cell `centre`; with kAgents false only empty cells
// are counted. kEntries, when not 0, is the window's entry count known at compile time (9 up to
// radius 8), which unrolls the loop.
template <bool kAgents, std::uint32_t kEntries, Layout kLayout>
[[gnu::always_inline]] inline void scan_window(const TileBoard& b, const TileWindow& w, CellId centre,
                                               TileScan& s) {
  std::uint32_t cops = 0;
  std::uint32_t actives = 0;
  std::uint32_t empties = 0;
  if constexpr (kLayout == Layout::Seamed) {
    if (b.near_edge(centre)) [[unlikely]] {
      const std::uint32_t e = b.edge_index(centre);
      const std::uint32_t* tiles = w.edge_tiles(e);
      const std::uint64_t* masks = w.edge_masks(e);
      const std::uint32_t n = w.edge_entries();
      for (std::uint32_t i = 0; i < n; ++i)
        detail::scan_entry<kAgents>(b, tiles[i], masks[i], i, s, cops, actives, empties);
      s.cops = cops;
      s.actives = actives;
      s.empties = empties;
      s.entries = n;
      return;
    }
  }
  const std::uint32_t tile = centre >> 6;
  const std::uint32_t n = kEntries != 0 ? kEntries : w.entries();
  const std::uint64_t* masks = w.masks(centre);
  if constexpr (kEntries == 9 && kAgents) {
    // A groupable window (the caller checked w.groupable()): cops and active citizens are counted
    // over the OR of the masked words of tiles whose masks are disjoint, in four popcounts.
    // Halo layout: the 3x3 tiles are fixed offsets from the centre's, one row of tiles apart
    // vertically, so their words are loads at constant displacements from three row pointers
    // and their numbers need not be kept (scanned_empty and complete_scan recompute them).
    std::uint64_t cop[9];
    std::uint64_t act[9];
    const std::uint64_t* centre_words = b.tile_words(tile);
    const std::size_t stride = 4 * static_cast<std::size_t>(b.tiles_across());
#pragma GCC unroll 9
    for (std::uint32_t i = 0; i < 9; ++i) {
      const std::uint64_t* words;
      if constexpr (kLayout == Layout::Wrapped) {
        const std::uint32_t t = w.tiles_around(tile)[i];
        s.tile[i] = t;
        words = b.tile_words(t);
      } else if constexpr (kLayout == Layout::Halo) {
        words = centre_words +
                (static_cast<std::ptrdiff_t>(i / 3) - 1) * static_cast<std::ptrdiff_t>(stride) +
                4 * (static_cast<std::ptrdiff_t>(i % 3) - 1);
      } else {
        const std::uint32_t t = tile + static_cast<std::uint32_t>(w.deltas()[i]);
        s.tile[i] = t;
        words = b.tile_words(t);
      }
      const std::uint64_t em = words[TileBoard::kFree] & masks[i];
      s.empty[i] = em;
      s.before[i] = empties;
      empties += static_cast<std::uint32_t>(std::popcount(em));
      cop[i] = words[TileBoard::kCops] & masks[i];
      act[i] = words[TileBoard::kActives] & masks[i];
    }
    const auto grouped = [](const std::uint64_t* x) {
      return static_cast<std::uint32_t>(std::popcount(x[0] | x[2] | x[6] | x[8]) +
                                        std::popcount(x[1] | x[7]) + std::popcount(x[3] | x[5]) +
                                        std::popcount(x[4]));
    };
    s.cops = grouped(cop);
    s.actives = grouped(act);
    s.empties = empties;
    s.entries = 9;
    return;
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t t;
    if constexpr (kLayout == Layout::Wrapped) {
      t = w.tiles_around(tile)[i];
    } else {
      t = tile + static_cast<std::uint32_t>(w.deltas()[i]);
    }
    detail::scan_entry<kAgents>(b, t, masks[i], i, s, cops, actives, empties);
  }
  s.cops = cops;
  s.actives = actives;
  s.empties = empties;
  s.entries = n;
}

// The k-th (from 0) empty cell a scan of the window `w` around canonical cell `centre` recorded
// (k < s.empties), maybe a halo cell. Branch-free: `before` never decreases, so the cell is in
// the last entry whose `before` is <= k (an entry without empty cells shares its `before` with
// the next one). The comparisons are scalar: `before` was just stored one word at a time, and a
// wider load of it would wait for those stores to reach the cache (no store forwarding).
template <std::uint32_t kEntries, Layout kLayout = Layout::Wrapped>
[[gnu::always_inline]] inline CellId scanned_empty(const TileScan& s, std::uint32_t k, const TileWindow& w,
                                                   CellId centre) {
  std::uint32_t i = 0;
  const std::uint32_t n = kEntries != 0 ? kEntries : s.entries;
#pragma GCC unroll 8
  for (std::uint32_t j = 1; j < n; ++j) i += s.before[j] <= k ? 1u : 0u;
  std::uint32_t tile;
  if constexpr (kEntries == 9 && kLayout == Layout::Halo) {
    tile = (centre >> 6) + static_cast<std::uint32_t>(w.deltas()[i]);  // scan_window kept no tiles
  } else {
    tile = s.tile[i];
  }
  return (tile << 6) | select_bit(s.empty[i], k - s.before[i]);
}

// Tiles a scan of the window `w` around `centre` did not record (the nine-tile halo path), for
// scanned_active.
template <std::uint32_t kEntries, Layout kLayout>
[[gnu::always_inline]] inline void complete_scan(TileScan& s, const TileWindow& w, CellId centre) {
  if constexpr (kEntries == 9 && kLayout == Layout::Halo) {
    for (std::uint32_t i = 0; i < 9; ++i)
      s.tile[i] = (centre >> 6) + static_cast<std::uint32_t>(w.deltas()[i]);
  }
}

// The k-th (from 0) active citizen of the window around canonical cell `centre` (k below the
// window's active count), using the tiles a scan of that window recorded.
inline CellId scanned_active(const TileBoard& b, const TileWindow& w, CellId centre, const TileScan& s,
                             std::uint32_t k) {
  const bool edge = b.layout() == Layout::Seamed && b.near_edge(centre);
  const std::uint64_t* masks = edge ? w.edge_masks(b.edge_index(centre)) : w.masks(centre);
  for (std::uint32_t i = 0; i < s.entries; ++i) {
    const std::uint64_t m = b.tile_words(s.tile[i])[TileBoard::kActives] & masks[i];
    const auto n = static_cast<std::uint32_t>(std::popcount(m));
    if (k < n) return (s.tile[i] << 6) | select_bit(m, k);
    k -= n;
  }
  return centre;  // not reached when k is in range
}

}  // namespace peacesim::models::epstein
