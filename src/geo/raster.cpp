#include "geo/raster.hpp"

#include <stdexcept>

namespace peacesim::geo {

const char* biome_name(Biome biome) {
  switch (biome) {
    case Biome::Saharan:
      return "Saharan";
    case Biome::Sahelian:
      return "Sahelian";
    case Biome::Sudanian:
      return "Sudanian";
  }
  return "Sahelian";
}

Biome biome_at(double lat, const BiomeBands& b) {
  if (lat >= b.saharan_north_of) return Biome::Saharan;
  if (lat < b.sudanian_south_of) return Biome::Sudanian;
  return Biome::Sahelian;
}

namespace {
// The cercle containing the point, trying the region's own cercles first.
std::int16_t find_cercle(const AdminLayer& regions, const AdminLayer& cercles, std::int16_t region,
                         double lat, double lon) {
  const std::string& name = regions.units[static_cast<std::size_t>(region)].name;
  for (std::size_t c = 0; c < cercles.units.size(); ++c) {
    if (cercles.units[c].parent == name && cercles.units[c].contains(lat, lon))
      return static_cast<std::int16_t>(c);
  }
  if (auto c = cercles.find(lat, lon)) return static_cast<std::int16_t>(*c);
  return kOutside;
}
}  // namespace

TheatreGrid rasterize(const AdminLayer& regions, const AdminLayer& cercles, const GridOptions& o) {
  if (regions.units.size() > 30000 || cercles.units.size() > 30000)
    throw std::invalid_argument("too many units");
  TheatreGrid t{engine::LatLonGrid::covering(o.south, o.west, o.north, o.east, o.resolution_deg),
                {},
                {},
                {},
                {},
                {},
                {},
                {},
                {},
                0};
  const auto& grid = t.grid;
  const std::size_t n = grid.size();
  t.region.assign(n, kOutside);
  t.cercle.assign(n, kOutside);
  if (o.biome_bands) t.biome.resize(n);
  t.border.assign(n, 0);
  for (engine::CellIndex cell = 0; cell < n; ++cell) {
    const double lat = grid.centre_lat(cell);
    const double lon = grid.centre_lon(cell);
    if (o.biome_bands) t.biome[cell] = biome_at(lat, *o.biome_bands);
    if (lat < regions.south || lat > regions.north || lon < regions.west || lon > regions.east) continue;
    const auto r = regions.find(lat, lon);
    if (!r) continue;
    t.region[cell] = static_cast<std::int16_t>(*r);
    t.cercle[cell] = find_cercle(regions, cercles, t.region[cell], lat, lon);
  }
  // Units with no cell centre inside them (a capital district smaller than a 0.25° cell) take the cell
  // containing a point inside them, so that every unit is on the grid.
  auto count = [&](const std::vector<std::int16_t>& of, std::size_t units) {
    std::vector<std::uint32_t> c(units, 0);
    for (auto v : of) {
      if (v != kOutside) ++c[static_cast<std::size_t>(v)];
    }
    return c;
  };
  t.region_cells = count(t.region, regions.units.size());
  for (std::size_t r = 0; r < regions.units.size(); ++r) {
    if (t.region_cells[r] > 0) continue;
    const auto& u = regions.units[r];
    if (auto cell = grid.cell_at(u.inner_lat, u.inner_lon)) {
      t.region[*cell] = static_cast<std::int16_t>(r);
      t.cercle[*cell] = find_cercle(regions, cercles, static_cast<std::int16_t>(r), u.inner_lat, u.inner_lon);
      t.regions_by_inner_point.push_back(r);
    }
  }
  t.cercle_cells = count(t.cercle, cercles.units.size());
  for (std::size_t c = 0; c < cercles.units.size(); ++c) {
    if (t.cercle_cells[c] > 0) continue;
    const auto& u = cercles.units[c];
    if (auto cell = grid.cell_at(u.inner_lat, u.inner_lon)) {
      t.cercle[*cell] = static_cast<std::int16_t>(c);
      if (auto r = regions.index_of(u.parent)) t.region[*cell] = static_cast<std::int16_t>(*r);
      t.cercles_by_inner_point.push_back(c);
    }
  }
  t.region_cells = count(t.region, regions.units.size());
  t.cercle_cells = count(t.cercle, cercles.units.size());
  static const auto around = engine::neighbourhood_offsets(engine::Neighbourhood::Moore, 1, false);
  engine::CellIndex next[8];
  for (engine::CellIndex cell = 0; cell < n; ++cell) {
    if (t.region[cell] == kOutside) continue;
    if (t.cercle[cell] == kOutside) ++t.cells_in_region_not_cercle;
    const std::size_t k = grid.neighbours(cell, around, false, next);
    bool edge = k < around.size();
    for (std::size_t i = 0; i < k && !edge; ++i) edge = t.region[next[i]] == kOutside;
    t.border[cell] = edge ? 1 : 0;
  }
  return t;
}

}  // namespace peacesim::geo
