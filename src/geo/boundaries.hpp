// Administrative boundaries read with GDAL/OGR: one polygon layer (regions or cercles) as plain
// rings in longitude/latitude degrees, with fast point-in-polygon lookups.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario/node.hpp"

namespace peacesim::geo {

// Which file to read and which attributes name the units. `where` and `field` locate the
// scenario value that named the file: every error is reported there.
struct LayerSource {
  std::filesystem::path path;
  std::string path_text;  // as written in the scenario
  std::string name_field;
  std::string code_field;    // may be empty (no code attribute)
  std::string parent_field;  // optional: the enclosing unit's name (cercles: their region)
  scenario::Location where;
  std::string field;
};

struct Ring {
  std::vector<double> lon;
  std::vector<double> lat;
};

// One polygon: an outer ring and its holes.
struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

struct AdminUnit {
  std::string name;
  std::string code;
  std::string parent;
  std::vector<Polygon> polygons;
  double west = 0, south = 0, east = 0, north = 0;  // bounding box
  double area_km2 = 0;
  double inner_lat = 0, inner_lon = 0;  // a point inside the unit (GDAL's PointOnSurface)

  [[nodiscard]] bool contains(double lat, double lon) const;
};

struct AdminLayer {
  std::vector<AdminUnit> units;
  double west = 0, south = 0, east = 0, north = 0;

  // The unit whose polygon contains the point (the first, should they overlap).
  [[nodiscard]] std::optional<std::size_t> find(double lat, double lon) const;
  [[nodiscard]] std::optional<std::size_t> index_of(const std::string& name) const;
  // Sets the layer's bounding box to its units' (after units are added or removed).
  void fit_extent();
};

// The largest boundary file read (only a regular file is read). Documented in
// docs/scenario-format.md ("Limits").
inline constexpr std::uint64_t kMaxBoundaryBytes = 256ull * 1024 * 1024;

// Reads a polygon layer. Throws scenario::ScenarioError at source.where/field for a missing or
// unreadable file, a missing attribute, a geometry that is not a polygon, or coordinates that are
// not longitude/latitude degrees.
// With `simplify_deg` > 0 each outline is simplified (GDAL's SimplifyPreserveTopology, tolerance
// in degrees) for drawing; area and bounding box are then those of the simplified outline.
AdminLayer load_admin_layer(const LayerSource& source, double simplify_deg = 0.0);

// Polygon area on a sphere of radius 6371 km, in km² (rings in degrees).
double ring_area_km2(const Ring& ring);

}  // namespace peacesim::geo
