#include "geo/adjacency.hpp"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <memory>

namespace peacesim::geo {

namespace {

OGRLinearRing to_ogr(const Ring& r) {
  OGRLinearRing ring;
  for (std::size_t i = 0; i < r.lon.size(); ++i) ring.addPoint(r.lon[i], r.lat[i]);
  ring.closeRings();
  return ring;
}

std::unique_ptr<OGRGeometry> to_ogr(const AdminUnit& unit) {
  auto multi = std::make_unique<OGRMultiPolygon>();
  for (const auto& p : unit.polygons) {
    OGRPolygon polygon;  // addRing and addGeometry copy their argument
    OGRLinearRing outer = to_ogr(p.outer);
    polygon.addRing(&outer);
    for (const auto& h : p.holes) {
      OGRLinearRing hole = to_ogr(h);
      polygon.addRing(&hole);
    }
    multi->addGeometry(&polygon);
  }
  return multi;
}

double length_of(const OGRGeometry* g) {
  if (g == nullptr) return 0.0;
  return OGR_G_Length(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)));
}

}  // namespace

std::map<std::string, std::vector<std::string>> neighbours(const AdminLayer& layer, double tolerance_deg,
                                                           double min_shared_deg) {
  std::vector<std::unique_ptr<OGRGeometry>> outlines, zones;
  for (const auto& u : layer.units) {
    const auto shape = to_ogr(u);
    outlines.emplace_back(shape->Boundary());
    zones.emplace_back(shape->Buffer(tolerance_deg));
  }
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& u : layer.units) out[u.name];
  for (std::size_t a = 0; a < layer.units.size(); ++a) {
    for (std::size_t b = a + 1; b < layer.units.size(); ++b) {
      const auto& ua = layer.units[a];
      const auto& ub = layer.units[b];
      // Bounding boxes apart by more than the tolerance: not neighbours.
      if (ua.east + tolerance_deg < ub.west || ub.east + tolerance_deg < ua.west ||
          ua.north + tolerance_deg < ub.south || ub.north + tolerance_deg < ua.south)
        continue;
      if (outlines[a] == nullptr || zones[b] == nullptr) continue;
      const std::unique_ptr<OGRGeometry> shared(outlines[a]->Intersection(zones[b].get()));
      if (length_of(shared.get()) > min_shared_deg) {
        out[ua.name].push_back(ub.name);
        out[ub.name].push_back(ua.name);
      }
    }
  }
  for (auto& [name, list] : out) std::sort(list.begin(), list.end());
  return out;
}

}  // namespace peacesim::geo
