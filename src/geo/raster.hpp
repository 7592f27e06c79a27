// The theatre's grid (MODEL.md §3, Space): a latitude/longitude grid over the theatre's regions and
// the places abroad, each cell with its region (admin1) and cercle (admin2) by the polygon
// containing its centre, a biome by latitude band where the scenario gives bands, and a flag for
// cells on the regions' outer border.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/grid.hpp"
#include "geo/boundaries.hpp"

namespace peacesim::geo {

enum class Biome : std::uint8_t { Saharan, Sahelian, Sudanian };
const char* biome_name(Biome biome);

inline constexpr std::int16_t kOutside = -1;

// Biomes by latitude band (degrees north): Saharan at or north of the first, Sudanian south of the
// second, Sahelian between.
struct BiomeBands {
  double saharan_north_of = 0, sudanian_south_of = 0;
};

struct GridOptions {
  double resolution_deg = 0.25;
  double south = 0, west = 0, north = 0, east = 0;  // the box to cover (the grid snaps outwards)
  std::optional<BiomeBands> biome_bands;            // none: the cells have no biome
};

struct TheatreGrid {
  engine::LatLonGrid grid{0, 0, 1, 1, 1};  // replaced by rasterize
  std::vector<std::int16_t> region;        // index into the regions layer, kOutside outside them
  std::vector<std::int16_t> cercle;        // index into the cercles layer, kOutside outside them
  std::vector<Biome> biome;                // by cell; empty without biome bands
  std::vector<std::uint8_t>
      border;  // 1: a cell of the regions with a neighbour (8 around) outside them or off the grid
  std::vector<std::uint32_t> region_cells;
  std::vector<std::uint32_t> cercle_cells;
  // Units too small to hold a cell centre get the cell containing a point inside them.
  std::vector<std::size_t> regions_by_inner_point;
  std::vector<std::size_t> cercles_by_inner_point;
  std::uint32_t cells_in_region_not_cercle = 0;  // slivers between the two layers
};

Biome biome_at(double lat, const BiomeBands& bands);

// Rasterizes the two layers onto the grid covering the options' box.
TheatreGrid rasterize(const AdminLayer& regions, const AdminLayer& cercles, const GridOptions& options);

}  // namespace peacesim::geo
