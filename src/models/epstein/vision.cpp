#include "models/epstein/vision.hpp"

#include <cstdlib>

namespace peacesim::models::epstein {

std::vector<RowSpan> diamond_rows(int radius) {
  std::vector<RowSpan> rows;
  for (int dr = -radius; dr <= radius; ++dr) rows.push_back({dr, radius - std::abs(dr)});
  return rows;
}

std::vector<RowSpan> disc_rows(int radius) {
  std::vector<RowSpan> rows;
  const int r2 = radius * radius;
  for (int dr = -radius; dr <= radius; ++dr) {
    int half = 0;
    while ((half + 1) * (half + 1) + dr * dr <= r2) ++half;
    rows.push_back({dr, half});
  }
  return rows;
}

std::uint32_t window_cells(const std::vector<RowSpan>& rows, bool include_centre) {
  std::uint32_t n = 0;
  for (const RowSpan& r : rows) n += static_cast<std::uint32_t>(2 * r.half + 1);
  return include_centre ? n : n - 1;
}

}  // namespace peacesim::models::epstein
