#include "geo/boundaries.hpp"

#include <cpl_error.h>
#include <fmt/format.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <numbers>

#include "engine/input_file.hpp"
#include "scenario/error.hpp"

namespace peacesim::geo {

using scenario::ScenarioError;

namespace {
bool ring_contains(const Ring& r, double lat, double lon) {
  // Even-odd rule, ray towards +longitude.
  bool inside = false;
  const std::size_t n = r.lon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const double yi = r.lat[i], yj = r.lat[j];
    if ((yi > lat) != (yj > lat)) {
      const double x = r.lon[j] + (lat - yj) * (r.lon[i] - r.lon[j]) / (yi - yj);
      if (lon < x) inside = !inside;
    }
  }
  return inside;
}

Ring to_ring(const OGRLinearRing& ring) {
  Ring r;
  const int n = ring.getNumPoints();
  r.lon.reserve(static_cast<std::size_t>(n));
  r.lat.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    r.lon.push_back(ring.getX(i));
    r.lat.push_back(ring.getY(i));
  }
  return r;
}

Polygon to_polygon(const OGRPolygon& p) {
  Polygon poly;
  if (const OGRLinearRing* outer = p.getExteriorRing()) poly.outer = to_ring(*outer);
  for (int i = 0; i < p.getNumInteriorRings(); ++i) poly.holes.push_back(to_ring(*p.getInteriorRing(i)));
  return poly;
}

// GDAL reports problems through CPLError, which prints to stderr by default; peacesim reports
// them itself, on one line.
struct QuietErrors {
  QuietErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietErrors() { CPLPopErrorHandler(); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
};
}  // namespace

double ring_area_km2(const Ring& r) {
  // Spherical excess of the ring, by the trapezoid formula on longitude and sin(latitude).
  constexpr double kRadius = 6371.0;
  constexpr double kRad = std::numbers::pi / 180.0;
  double sum = 0.0;
  const std::size_t n = r.lon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    sum += (r.lon[i] - r.lon[j]) * kRad * (2.0 + std::sin(r.lat[j] * kRad) + std::sin(r.lat[i] * kRad));
  }
  return std::fabs(sum) * kRadius * kRadius / 2.0;
}

bool AdminUnit::contains(double lat, double lon) const {
  if (lat < south || lat > north || lon < west || lon > east) return false;
  for (const auto& p : polygons) {
    if (!ring_contains(p.outer, lat, lon)) continue;
    bool in_hole = false;
    for (const auto& h : p.holes) in_hole = in_hole || ring_contains(h, lat, lon);
    if (!in_hole) return true;
  }
  return false;
}

std::optional<std::size_t> AdminLayer::find(double lat, double lon) const {
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].contains(lat, lon)) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> AdminLayer::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].name == name) return i;
  }
  return std::nullopt;
}

AdminLayer load_admin_layer(const LayerSource& source, double simplify_deg) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  auto fail = [&](const std::string& message) -> ScenarioError {
    return ScenarioError(source.where, source.field,
                         fmt::format("boundary file '{}': {}", source.path_text, message));
  };
  // GDAL reads the file itself: it is checked first, so that a device, a pipe or a huge file is
  // refused with a message rather than read.
  try {
    engine::check_input_file(source.path, {kMaxBoundaryBytes, "a boundary file"});
  } catch (const engine::InputFileError& e) {
    throw fail(e.what());
  }
  const QuietErrors quiet;
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(source.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!dataset) {
    const std::string why = CPLGetLastErrorMsg();
    throw fail(why.empty() ? "GDAL cannot read it as a vector file" : "GDAL cannot read it: " + why);
  }
  if (dataset->GetLayerCount() < 1) throw fail("has no layer");
  OGRLayer* layer = dataset->GetLayer(0);
  if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs != nullptr && !srs->IsGeographic()) {
    throw fail("coordinates are not longitude/latitude degrees (reproject it to WGS84)");
  }
  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  auto field_index = [&](const std::string& name) {
    const int i = defn->GetFieldIndex(name.c_str());
    if (i < 0) {
      std::vector<std::string> names;
      for (int k = 0; k < defn->GetFieldCount(); ++k) names.emplace_back(defn->GetFieldDefn(k)->GetNameRef());
      throw fail(fmt::format("has no attribute '{}'; attributes: {}", name, fmt::join(names, ", ")));
    }
    return i;
  };
  const int name_i = field_index(source.name_field);
  const int code_i = source.code_field.empty() ? -1 : field_index(source.code_field);
  const int parent_i = source.parent_field.empty() ? -1 : field_index(source.parent_field);

  AdminLayer out;
  for (const auto& feature : *layer) {
    const OGRGeometry* g = feature->GetGeometryRef();
    // A map needs far fewer vertices than point-in-polygon lookups: GDAL (GEOS) simplifies
    // while keeping shared borders shared.
    std::unique_ptr<OGRGeometry> simplified;
    if (g != nullptr && simplify_deg > 0.0) {
      simplified.reset(g->SimplifyPreserveTopology(simplify_deg));
      if (simplified != nullptr && !simplified->IsEmpty()) g = simplified.get();
    }
    AdminUnit unit;
    unit.name = feature->GetFieldAsString(name_i);
    if (code_i >= 0) unit.code = feature->GetFieldAsString(code_i);
    if (parent_i >= 0) unit.parent = feature->GetFieldAsString(parent_i);
    if (g == nullptr) throw fail(fmt::format("unit '{}' has no geometry", unit.name));
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) {
      unit.polygons.push_back(to_polygon(*g->toPolygon()));
    } else if (type == wkbMultiPolygon) {
      for (const OGRPolygon* p : *g->toMultiPolygon()) unit.polygons.push_back(to_polygon(*p));
    } else {
      throw fail(fmt::format("unit '{}' is a {}, not a polygon", unit.name, OGRGeometryTypeToName(type)));
    }
    OGREnvelope env;
    g->getEnvelope(&env);
    if (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90) {
      throw fail(fmt::format("unit '{}' has coordinates outside longitude/latitude ranges", unit.name));
    }
    unit.west = env.MinX;
    unit.east = env.MaxX;
    unit.south = env.MinY;
    unit.north = env.MaxY;
    for (const auto& p : unit.polygons) {
      unit.area_km2 += ring_area_km2(p.outer);
      for (const auto& h : p.holes) unit.area_km2 -= ring_area_km2(h);
    }
    OGRPoint inner;
    const OGRErr on_surface = type == wkbPolygon ? g->toPolygon()->PointOnSurface(&inner)
                                                 : g->toMultiPolygon()->PointOnSurface(&inner);
    if (on_surface == OGRERR_NONE && unit.contains(inner.getY(), inner.getX())) {
      unit.inner_lat = inner.getY();
      unit.inner_lon = inner.getX();
    } else if (g->Centroid(&inner) == OGRERR_NONE) {
      unit.inner_lat = inner.getY();
      unit.inner_lon = inner.getX();
    }
    out.units.push_back(std::move(unit));
  }
  if (out.units.empty()) throw fail("has no features");
  out.fit_extent();
  return out;
}

void AdminLayer::fit_extent() {
  west = south = 1e9;
  east = north = -1e9;
  for (const auto& u : units) {
    west = std::min(west, u.west);
    east = std::max(east, u.east);
    south = std::min(south, u.south);
    north = std::max(north, u.north);
  }
}

}  // namespace peacesim::geo
