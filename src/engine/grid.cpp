#include "engine/grid.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace peacesim::engine {

std::vector<CellOffset> neighbourhood_offsets(Neighbourhood shape, int radius, bool include_centre) {
  std::vector<CellOffset> offsets;
  for (int dr = -radius; dr <= radius; ++dr) {
    for (int dc = -radius; dc <= radius; ++dc) {
      if (dr == 0 && dc == 0 && !include_centre) continue;
      bool inside = false;
      switch (shape) {
        case Neighbourhood::VonNeumann:
          inside = std::abs(dr) + std::abs(dc) <= radius;
          break;
        case Neighbourhood::Moore:
          inside = true;
          break;
        case Neighbourhood::Euclidean:
          inside = dr * dr + dc * dc <= radius * radius;
          break;
      }
      if (inside) offsets.push_back({dr, dc});
    }
  }
  return offsets;
}

LatLonGrid::LatLonGrid(double south, double west, double resolution_deg, std::uint32_t rows,
                       std::uint32_t cols)
    : south_(south), west_(west), resolution_(resolution_deg), rows_(rows), cols_(cols) {
  if (!(resolution_deg > 0.0)) throw std::invalid_argument("grid resolution must be positive");
  if (rows == 0 || cols == 0) throw std::invalid_argument("grid must have at least one row and column");
  if (static_cast<std::uint64_t>(rows) * cols > std::uint64_t{0xFFFFFFFF}) {
    throw std::invalid_argument("grid has more than 2^32 cells");
  }
}

LatLonGrid LatLonGrid::covering(double south, double west, double north, double east, double resolution_deg) {
  if (!(resolution_deg > 0.0)) throw std::invalid_argument("grid resolution must be positive");
  if (!(north > south) || !(east > west)) throw std::invalid_argument("grid box is empty");
  const double s = std::floor(south / resolution_deg) * resolution_deg;
  const double w = std::floor(west / resolution_deg) * resolution_deg;
  const auto rows = static_cast<std::uint32_t>(std::ceil((north - s) / resolution_deg - 1e-9));
  const auto cols = static_cast<std::uint32_t>(std::ceil((east - w) / resolution_deg - 1e-9));
  return {s, w, resolution_deg, std::max(rows, 1u), std::max(cols, 1u)};
}

std::optional<CellIndex> LatLonGrid::cell_at(double lat, double lon) const {
  const double r = std::floor((lat - south_) / resolution_);
  const double c = std::floor((lon - west_) / resolution_);
  if (!(r >= 0 && c >= 0 && r < rows_ && c < cols_)) return std::nullopt;
  return index(static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c));
}

double LatLonGrid::centre_lat(CellIndex cell) const { return south_ + (row_of(cell) + 0.5) * resolution_; }
double LatLonGrid::centre_lon(CellIndex cell) const { return west_ + (col_of(cell) + 0.5) * resolution_; }

std::uint32_t LatLonGrid::priogrid_gid(CellIndex cell) const {
  // PRIO-GRID numbers 0.5-degree cells row by row from (-90, -180), starting at 1.
  const auto row = static_cast<std::uint32_t>(std::floor((centre_lat(cell) + 90.0) / 0.5));
  const auto col = static_cast<std::uint32_t>(std::floor((centre_lon(cell) + 180.0) / 0.5));
  return row * 720 + col + 1;
}

std::size_t LatLonGrid::neighbours(CellIndex cell, std::span<const CellOffset> offsets, bool torus,
                                   std::span<CellIndex> out) const {
  const auto row = static_cast<std::int64_t>(row_of(cell));
  const auto col = static_cast<std::int64_t>(col_of(cell));
  const auto nrows = static_cast<std::int64_t>(rows_);
  const auto ncols = static_cast<std::int64_t>(cols_);
  std::size_t n = 0;
  for (const CellOffset& o : offsets) {
    std::int64_t r = row + o.drow;
    std::int64_t c = col + o.dcol;
    if (torus) {
      r = ((r % nrows) + nrows) % nrows;
      c = ((c % ncols) + ncols) % ncols;
    } else if (r < 0 || c < 0 || r >= nrows || c >= ncols) {
      continue;
    }
    out[n++] = static_cast<CellIndex>(r * ncols + c);
  }
  return n;
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

double LatLonGrid::distance_km(CellIndex a, CellIndex b) const {
  return haversine_km(centre_lat(a), centre_lon(a), centre_lat(b), centre_lon(b));
}

}  // namespace peacesim::engine
