#include "mechanisms/mobilization/bases.hpp"

#include <cmath>
#include <limits>

#include "engine/grid.hpp"

namespace peacesim::mechanisms::mobilization {

RegionCentres region_centres(const conflict::State& state) {
  const std::size_t n = state.regions.size();
  RegionCentres c{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  std::vector<double> cells(n, 0.0);
  for (const auto& cell : state.cells) {
    if (cell.region >= n) continue;
    c.lat[cell.region] += cell.lat;
    c.lon[cell.region] += cell.lon;
    cells[cell.region] += 1.0;
  }
  for (std::size_t r = 0; r < n; ++r) {
    c.lat[r] = cells[r] > 0.0 ? c.lat[r] / cells[r] : std::numeric_limits<double>::quiet_NaN();
    c.lon[r] = cells[r] > 0.0 ? c.lon[r] / cells[r] : std::numeric_limits<double>::quiet_NaN();
  }
  return c;
}

std::vector<std::size_t> gathering_regions(const conflict::Group& g, const RegionCentres& centres) {
  const std::size_t n = centres.lat.size();
  std::vector<std::size_t> to(n);
  for (std::size_t r = 0; r < n; ++r) {
    to[r] = r;
    if (g.bases == 0 || conflict::in_mask(g.bases, r) || std::isnan(centres.lat[r])) continue;
    double nearest = std::numeric_limits<double>::infinity();
    for (std::size_t b = 0; b < n; ++b) {
      if (!conflict::in_mask(g.bases, b) || std::isnan(centres.lat[b])) continue;
      const double km = engine::haversine_km(centres.lat[r], centres.lon[r], centres.lat[b], centres.lon[b]);
      if (km < nearest) {
        nearest = km;
        to[r] = b;
      }
    }
  }
  return to;
}

}  // namespace peacesim::mechanisms::mobilization
