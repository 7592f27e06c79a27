// A regular latitude/longitude grid: the model's space. Cells are numbered row-major from the
// south-west corner (row 0 is the southernmost row), so cell index = row * cols + col.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace peacesim::engine {

using CellIndex = std::uint32_t;

// A relative position on the grid, in rows (north is +) and columns (east is +).
struct CellOffset {
  int drow;
  int dcol;
  friend bool operator==(const CellOffset&, const CellOffset&) = default;
};

// Shapes of neighbourhood. Epstein's model uses two: Mesa's von Neumann diamond (|dr|+|dc| <= r)
// and NetLogo's "in-radius" disc (dr^2 + dc^2 <= r^2, patch centres).
enum class Neighbourhood : std::uint8_t { VonNeumann, Moore, Euclidean };

// All offsets within radius r of a cell for the given shape, sorted by (drow, dcol).
std::vector<CellOffset> neighbourhood_offsets(Neighbourhood shape, int radius, bool include_centre);

class LatLonGrid {
 public:
  // south/west: the coordinates of the south-west corner; resolution in degrees.
  LatLonGrid(double south, double west, double resolution_deg, std::uint32_t rows, std::uint32_t cols);

  // The smallest grid whose cell edges are multiples of the resolution (as PRIO-GRID's are, at
  // 0.5 degrees) and which covers the box [south, north] x [west, east].
  static LatLonGrid covering(double south, double west, double north, double east, double resolution_deg);

  [[nodiscard]] std::uint32_t rows() const { return rows_; }
  [[nodiscard]] std::uint32_t cols() const { return cols_; }
  [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(rows_) * cols_; }
  [[nodiscard]] double resolution() const { return resolution_; }
  [[nodiscard]] double south() const { return south_; }
  [[nodiscard]] double west() const { return west_; }

  [[nodiscard]] CellIndex index(std::uint32_t row, std::uint32_t col) const { return row * cols_ + col; }
  [[nodiscard]] std::uint32_t row_of(CellIndex cell) const { return cell / cols_; }
  [[nodiscard]] std::uint32_t col_of(CellIndex cell) const { return cell % cols_; }

  // The cell containing a point, or nullopt outside the grid. Points on a shared edge belong to
  // the cell to their north/east.
  [[nodiscard]] std::optional<CellIndex> cell_at(double lat, double lon) const;
  [[nodiscard]] double centre_lat(CellIndex cell) const;
  [[nodiscard]] double centre_lon(CellIndex cell) const;

  // PRIO-GRID's cell id (gid) of the 0.5-degree cell containing this cell's centre.
  [[nodiscard]] std::uint32_t priogrid_gid(CellIndex cell) const;

  // Writes into `out` the cells at the given offsets from `cell` and returns how many were
  // written. With `torus`, offsets wrap around the edges; without, cells off the grid are skipped.
  // `out` must have room for offsets.size() cells. Allocates nothing.
  std::size_t neighbours(CellIndex cell, std::span<const CellOffset> offsets, bool torus,
                         std::span<CellIndex> out) const;

  // Great-circle distance between cell centres, in km.
  [[nodiscard]] double distance_km(CellIndex a, CellIndex b) const;

 private:
  double south_;
  double west_;
  double resolution_;
  std::uint32_t rows_;
  std::uint32_t cols_;
};

// Great-circle (haversine) distance on a sphere of radius 6371 km.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace peacesim::engine
