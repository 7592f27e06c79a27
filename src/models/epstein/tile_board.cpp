#include "models/epstein/tile_board.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace peacesim::models::epstein {

TileBoard::TileBoard(std::uint32_t width, std::uint32_t height, std::uint32_t radius, bool large_wrapped,
                     std::optional<Layout> force)
    : width_(width), height_(height), radius_(radius) {
  if (radius < 1 || width < 2 * radius + 1 || height < 2 * radius + 1) {
    throw std::invalid_argument("grid sides must be at least 2*radius+1");
  }
  const bool aligned = width % 8 == 0 && height % 8 == 0;
  const bool small = static_cast<std::uint64_t>(width) * height <= (std::uint64_t{1} << 20);
  if (force) {
    if (*force == Layout::Wrapped && !aligned)
      throw std::invalid_argument("wrapped layout needs sides multiple of 8");
    layout_ = *force;
  } else if (aligned && (small || large_wrapped)) {
    layout_ = Layout::Wrapped;
  } else {
    layout_ = small ? Layout::Seamed : Layout::Halo;
  }
  // Seamed and halo layouts: whole tiles of margin, so that the square of tiles around any
  // canonical cell's tile is stored; one more tile row and column than needed, for safety.
  pad_ = layout_ == Layout::Wrapped ? 0 : 8 * ((radius + 7) / 8);
  const std::uint32_t extra = layout_ == Layout::Wrapped ? 0 : 1;
  const std::uint32_t across = (width + 2 * pad_ + 7) / 8 + extra;
  tiles_y_ = (height + 2 * pad_ + 7) / 8 + extra;
  tiles_x_ = std::bit_ceil(across);
  tshift_ = static_cast<std::uint32_t>(std::countr_zero(tiles_x_));
  if ((static_cast<std::uint64_t>(tiles_y_) << tshift_ << 6) >= (std::uint64_t{1} << 32)) {
    throw std::invalid_argument("grid too large");
  }
  words_.assign(4 * (static_cast<std::size_t>(tiles_y_) << tshift_), 0);
  for (std::size_t t = 0; t < words_.size(); t += 4) words_[t + kFree] = ~std::uint64_t{0};  // all empty
  if (layout_ == Layout::Halo) {
    // A tile is flagged if one of its cells lies outside the torus, or within `radius` of an edge
    // (padded coordinates: the torus is [pad, pad + side) on each axis).
    edge_.assign(static_cast<std::size_t>(tiles_y_) << tshift_, 0);
    const auto outside = [&](std::uint32_t x, std::uint32_t side) { return x < pad_ || x >= pad_ + side; };
    const auto near = [&](std::uint32_t x, std::uint32_t side) {
      return x >= pad_ && x < pad_ + side && (x < pad_ + radius_ || x >= pad_ + side - radius_);
    };
    for (std::uint32_t r = 0; r < 8 * tiles_y_; ++r) {
      for (std::uint32_t q = 0; q < 8 * tiles_x_; ++q) {
        std::uint8_t& f = edge_[at(r, q) >> 6];
        if (outside(r, height_) || outside(q, width_))
          f |= kHaloTile;
        else if (near(r, height_) || near(q, width_))
          f |= kMirroredTile;
      }
    }
  }
}

TileWindow::TileWindow(const TileBoard& board, const std::vector<RowSpan>& rows, bool include_centre) {
  cells_ = window_cells(rows, include_centre);
  int radius = 0;
  for (const RowSpan& r : rows) radius = std::max({radius, r.dr < 0 ? -r.dr : r.dr, r.half});
  tile_radius_ = static_cast<std::uint32_t>((radius + 7) / 8);
  const int reach = static_cast<int>(tile_radius_);
  const auto side = static_cast<std::uint32_t>(2 * reach + 1);
  entries_ = side * side;
  if (entries_ > kMaxEntries) throw std::invalid_argument("vision window too large");
  const int tiles_x = static_cast<int>(board.tiles_across());
  for (int dtr = -reach; dtr <= reach; ++dtr) {
    for (int dtc = -reach; dtc <= reach; ++dtc) deltas_.push_back(dtr * tiles_x + dtc);
  }
  if (board.layout() == Layout::Wrapped) {
    // The tiles around each tile, wrapping around the torus (which the tiles cover exactly).
    const int across = static_cast<int>(board.width() / 8);
    const int down = static_cast<int>(board.height() / 8);
    neighbours_.assign(static_cast<std::size_t>(board.tiles_down()) * board.tiles_across() * entries_, 0);
    for (int tr = 0; tr < down; ++tr) {
      for (int tc = 0; tc < across; ++tc) {
        std::uint32_t* out = neighbours_.data() + static_cast<std::size_t>(tr * tiles_x + tc) * entries_;
        for (int dtr = -reach; dtr <= reach; ++dtr) {
          for (int dtc = -reach; dtc <= reach; ++dtc) {
            const int r = ((tr + dtr) % down + down) % down;
            const int c = ((tc + dtc) % across + across) % across;
            *out++ = static_cast<std::uint32_t>(r * tiles_x + c);
          }
        }
      }
    }
  }
  masks_.assign(64 * static_cast<std::size_t>(entries_), 0);
  // A reference centre tile far enough from row and column 0 that no offset goes negative.
  const int ref = reach + 1;
  for (int place = 0; place < 64; ++place) {
    const int prow = 8 * ref + (place >> 3);
    const int pcol = 8 * ref + (place & 7);
    for (const RowSpan& r : rows) {
      for (int dc = -r.half; dc <= r.half; ++dc) {
        if (!include_centre && r.dr == 0 && dc == 0) continue;
        const int row = prow + r.dr;
        const int col = pcol + dc;
        const auto entry = static_cast<std::size_t>((row / 8 - ref + reach) * static_cast<int>(side) +
                                                    (col / 8 - ref + reach));
        masks_[static_cast<std::size_t>(place) * entries_ + entry] |= std::uint64_t{1}
                                                                      << ((row % 8) * 8 + col % 8);
      }
    }
  }
  if (entries_ == 9) {
    groupable_ = true;
    for (int place = 0; place < 64; ++place) {
      const std::uint64_t* m = masks_.data() + static_cast<std::size_t>(place) * entries_;
      const std::uint64_t corners[4] = {m[0], m[2], m[6], m[8]};
      for (int a = 0; a < 4; ++a) {
        for (int b = a + 1; b < 4; ++b) groupable_ = groupable_ && (corners[a] & corners[b]) == 0;
      }
      groupable_ = groupable_ && (m[1] & m[7]) == 0 && (m[3] & m[5]) == 0;
    }
  }
  if (board.layout() == Layout::Seamed) {
    // Centres within `radius` of an edge: the tiles and masks of their window, wrapped cell by
    // cell. All lists are padded to one length with empty masks on the centre's own tile.
    const std::uint32_t w = board.width();
    const std::uint32_t h = board.height();
    const std::uint32_t br = board.radius();
    const std::uint32_t count = 2 * br * w + (h - 2 * br) * 2 * br;
    std::vector<std::map<std::uint32_t, std::uint64_t>> lists(count);
    std::vector<std::uint32_t> centre_tile(count);
    for (std::uint32_t r0 = 0; r0 < h; ++r0) {
      for (std::uint32_t c0 = 0; c0 < w; ++c0) {
        const CellId centre = board.id(r0, c0);
        if (!board.near_edge(centre)) continue;
        const std::uint32_t e = board.edge_index(centre);
        centre_tile[e] = centre >> 6;
        auto& list = lists[e];
        for (const RowSpan& r : rows) {
          for (int dc = -r.half; dc <= r.half; ++dc) {
            if (!include_centre && r.dr == 0 && dc == 0) continue;
            const auto row = static_cast<std::uint32_t>((static_cast<int>(r0) + r.dr + static_cast<int>(h)) %
                                                        static_cast<int>(h));
            const auto col = static_cast<std::uint32_t>((static_cast<int>(c0) + dc + static_cast<int>(w)) %
                                                        static_cast<int>(w));
            const CellId cell = board.id(row, col);
            list[cell >> 6] |= std::uint64_t{1} << (cell & 63u);
          }
        }
        edge_entries_ = std::max(edge_entries_, static_cast<std::uint32_t>(list.size()));
      }
    }
    if (edge_entries_ > TileScan::kMax) throw std::invalid_argument("vision window too large");
    edge_tiles_.assign(static_cast<std::size_t>(count) * edge_entries_, 0);
    edge_masks_.assign(static_cast<std::size_t>(count) * edge_entries_, 0);
    for (std::uint32_t e = 0; e < count; ++e) {
      std::uint32_t i = 0;
      for (const auto& [tile, mask] : lists[e]) {
        edge_tiles_[static_cast<std::size_t>(e) * edge_entries_ + i] = tile;
        edge_masks_[static_cast<std::size_t>(e) * edge_entries_ + i] = mask;
        ++i;
      }
      for (; i < edge_entries_; ++i)
        edge_tiles_[static_cast<std::size_t>(e) * edge_entries_ + i] = centre_tile[e];
    }
  }
}

}  // namespace peacesim::models::epstein
