// The theatre's grid (MODEL.md §3, Space): a latitude/longitude grid over Mali and the places
// abroad, each cell with its region (admin1) and cercle (admin2) by the polygon containing its
// centre, a biome by latitude band, and a flag for cells on Mali's border.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/grid.hpp"
#include "geo/boundaries.hpp"

namespace peacesim::geo {

enum class Biome : std::uint8_t { Saharan, Sahelian, Sudanian };
const char* biome_name(Biome biome);

inline constexpr std::int16_t kOutside = -1;

struct GridOptions {
  double resolution_deg = 0.25;
  double south = 0, west = 0, north = 0, east = 0;  // the box to cover (the grid snaps outwards)
  double saharan_north_of = 17.0;                   // biome bands, degrees north
  double sudanian_south_of = 14.0;
};

struct TheatreGrid {
  engine::LatLonGrid grid{0, 0, 1, 1, 1};  // replaced by rasterize
  std::vector<std::int16_t> region;        // index into the regions layer, kOutside outside Mali
  std::vector<std::int16_t> cercle;        // index into the cercles layer, kOutside outside Mali
  std::vector<Biome> biome;
  std::vector<std::uint8_t>
      border;  // 1: a Mali cell with a neighbour (8 around) outside Mali or off the grid
  std::vector<std::uint32_t> region_cells;
  std::vector<std::uint32_t> cercle_cells;
  // Units too small to hold a cell centre get the cell containing a point inside them.
  std::vector<std::size_t> regions_by_inner_point;
  std::vector<std::size_t> cercles_by_inner_point;
  std::uint32_t cells_in_region_not_cercle = 0;  // slivers between the two layers
};

Biome biome_at(double lat, const GridOptions& options);

// Rasterizes the two layers onto the grid covering the options' box.
TheatreGrid rasterize(const AdminLayer& regions, const AdminLayer& cercles, const GridOptions& options);

}  // namespace peacesim::geo
