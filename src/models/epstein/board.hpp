// A padded row-major torus geometry for fast vision windows (NetLogo variant; Mesa's variants
// use the bit tiles of tile_board.hpp).
//
// The torus is stored with a halo of `pad` cells on every side that mirrors the opposite edge,
// so a window of radius <= pad around any cell is a set of plain contiguous row runs: no modulo,
// no branches. Writes keep the mirrors up to date (a cell within `pad` of an edge has one or
// three copies). Rows are a power of two cells apart, so a cell's padded index splits into row
// and column with a shift and a mask.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "models/epstein/vision.hpp"

namespace peacesim::models::epstein {

using CellId = std::uint32_t;  // padded index: (row + pad) * stride + (col + pad)

class Geometry {
 public:
  Geometry() = default;
  // `slack` extra cells at the end of each row allow wide unaligned loads past a row's end.
  Geometry(std::uint32_t width, std::uint32_t height, std::uint32_t pad, std::uint32_t slack);

  [[nodiscard]] std::uint32_t width() const { return width_; }
  [[nodiscard]] std::uint32_t height() const { return height_; }
  [[nodiscard]] std::uint32_t pad() const { return pad_; }
  [[nodiscard]] std::uint32_t stride() const { return stride_; }
  [[nodiscard]] std::uint32_t shift() const { return shift_; }
  // Padded cells (the size of arrays indexed by CellId).
  [[nodiscard]] std::size_t padded_cells() const {
    return static_cast<std::size_t>(height_ + 2 * pad_) * stride_;
  }

  [[nodiscard]] CellId id(std::uint32_t row, std::uint32_t col) const {
    return ((row + pad_) << shift_) | (col + pad_);
  }
  [[nodiscard]] std::uint32_t row(CellId c) const { return (c >> shift_) - pad_; }
  [[nodiscard]] std::uint32_t col(CellId c) const { return (c & (stride_ - 1)) - pad_; }
  // Canonical row-major number of a canonical cell (row * width + col), for stable keys.
  [[nodiscard]] std::uint32_t ordinal(CellId c) const { return row(c) * width_ + col(c); }

  // The canonical id of a cell given by its padded id, which may lie in the halo.
  [[nodiscard]] CellId canonical(CellId c) const {
    std::uint32_t prow = c >> shift_;
    std::uint32_t pcol = c & (stride_ - 1);
    if (prow < pad_) {
      prow += height_;
    } else if (prow >= height_ + pad_) {
      prow -= height_;
    }
    if (pcol < pad_) {
      pcol += width_;
    } else if (pcol >= width_ + pad_) {
      pcol -= width_;
    }
    return (prow << shift_) | pcol;
  }

  // The halo copies of canonical cell c (0, 1 or 3 of them) written to `out`; returns how many.
  int mirrors(CellId c, CellId out[3]) const {
    const std::uint32_t prow = c >> shift_;
    const std::uint32_t pcol = c & (stride_ - 1);
    // Most cells, away from the edges, have none.
    if (prow - 2 * pad_ < height_ - 2 * pad_ && pcol - 2 * pad_ < width_ - 2 * pad_) return 0;
    std::uint32_t mrow = prow;
    std::uint32_t mcol = pcol;
    if (prow < 2 * pad_) {
      mrow = prow + height_;
    } else if (prow >= height_) {
      mrow = prow - height_;
    }
    if (pcol < 2 * pad_) {
      mcol = pcol + width_;
    } else if (pcol >= width_) {
      mcol = pcol - width_;
    }
    int n = 0;
    if (mrow != prow) out[n++] = (mrow << shift_) | pcol;
    if (mcol != pcol) out[n++] = (prow << shift_) | mcol;
    if (mrow != prow && mcol != pcol) out[n++] = (mrow << shift_) | mcol;
    return n;
  }

 private:
  std::uint32_t width_ = 0;
  std::uint32_t height_ = 0;
  std::uint32_t pad_ = 0;
  std::uint32_t stride_ = 0;
  std::uint32_t shift_ = 0;
};

}  // namespace peacesim::models::epstein
