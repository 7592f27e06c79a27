#include "output/theatre_files.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "geo/boundaries.hpp"
#include "theatre/theatre.hpp"

namespace peacesim::output {

using json = nlohmann::ordered_json;

namespace {

// Outlines are simplified to about a kilometre (0.01°) and coordinates kept to about 100 m: the
// map of a theatre of some 50 admin2 units then weighs some 150 kB instead of 1.2 MB, and looks the same.
constexpr double kSimplifyDeg = 0.01;
constexpr double kNeighbourSimplifyDeg = 0.03;  // drawn as context only

double rounded(double x) { return std::round(x * 1000.0) / 1000.0; }

// Twice the ring's area on the plane of longitude and latitude: positive when it runs counterclockwise.
double signed_area2(const geo::Ring& ring) {
  double sum = 0.0;
  const std::size_t n = ring.lon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++)
    sum += ring.lon[j] * ring.lat[i] - ring.lon[i] * ring.lat[j];
  return sum;
}

// Rings are written with RFC 7946's winding, outer rings counterclockwise and holes clockwise,
// whatever the boundary file had: files differ (one country's clockwise, another's not), and a
// renderer that reads the winding on the sphere draws a ring the wrong way round as the whole
// globe but the region.
json ring_json(const geo::Ring& ring, bool outer) {
  json coords = json::array();
  for (std::size_t i = 0; i < ring.lon.size(); ++i)
    coords.push_back({rounded(ring.lon[i]), rounded(ring.lat[i])});
  if ((signed_area2(ring) > 0.0) != outer) std::reverse(coords.begin(), coords.end());
  return coords;
}

json polygons_json(const std::vector<geo::Polygon>& polygons) {
  json multi = json::array();
  for (const auto& p : polygons) {
    json rings = json::array({ring_json(p.outer, true)});
    for (const auto& h : p.holes) rings.push_back(ring_json(h, false));
    multi.push_back(rings);
  }
  return {{"type", "MultiPolygon"}, {"coordinates", multi}};
}

// One boundary layer's units as features; `parent_key` names what a unit's parent attribute is (a
// cercle's region, a region's country); units whose name or parent the theatre's regions leave out
// (`regions`: geography.regions, whose `exclude` lists them) are not drawn.
void add_layer(json& features, const theatre::BoundaryLayer& spec, const std::string& layer, double tolerance,
               const std::string& parent_key, const theatre::BoundaryLayer* regions = nullptr) {
  const geo::LayerSource source{spec.file.path,    spec.file.text,  spec.name_field, spec.code_field,
                                spec.parent_field, spec.file.where, spec.file.field};
  auto out = [&](const std::string& name) { return regions != nullptr && regions->leaves_out(name); };
  for (const auto& unit : geo::load_admin_layer(source, tolerance).units) {
    if (out(unit.name) || out(unit.parent)) continue;
    json props{{"layer", layer}, {"name", unit.name}};
    if (!unit.code.empty()) props["code"] = unit.code;
    if (!unit.parent.empty()) props[parent_key] = unit.parent;
    features.push_back(
        {{"type", "Feature"}, {"properties", props}, {"geometry", polygons_json(unit.polygons)}});
  }
}

json point(double lat, double lon) {
  return {{"type", "Point"}, {"coordinates", {rounded(lon), rounded(lat)}}};
}

// A country outline of the neighbours' file that is one of the theatre's states (by its name as the
// event data write it, its own name, or its code) is drawn as that state's border, not as context:
// in a theatre of several states the border between them is part of the picture.
void mark_theatre_states(json& features, const theatre::Theatre& t) {
  for (auto& f : features) {
    auto& props = f["properties"];
    const std::string name = props["name"];
    const std::string code = props.value("code", "");
    for (const auto& s : t.states) {
      if (name == s.country_name || name == s.name || (!code.empty() && code == s.country)) {
        props["layer"] = "state";
        props["country"] = s.country;
        break;
      }
    }
  }
}

std::string map_geojson(const theatre::Theatre& t) {
  json features = json::array();
  if (t.geography.neighbours) {
    add_layer(features, *t.geography.neighbours, "neighbour", kNeighbourSimplifyDeg, "region");
    mark_theatre_states(features, t);
  }
  add_layer(features, t.geography.regions, "region", kSimplifyDeg, "country", &t.geography.regions);
  add_layer(features, t.geography.cercles, "cercle", kSimplifyDeg, "region", &t.geography.regions);
  for (const auto& p : t.places) {
    json props{{"layer", std::string(theatre::place_kind_name(p.kind))}, {"id", p.id}, {"name", p.name}};
    if (!p.country.empty()) props["country"] = p.country;
    features.push_back({{"type", "Feature"}, {"properties", props}, {"geometry", point(p.lat, p.lon)}});
  }
  // Bases: one point per operation and site, with the dates it was held.
  for (const auto& op : t.operations) {
    for (const auto& b : op.bases) {
      const theatre::Place* place = t.find_place(b.place.id);
      if (place == nullptr) continue;  // checked when the theatre was read
      json props{{"layer", "operation_base"},
                 {"operation", op.id},
                 {"operation_name", op.short_name},
                 {"site", place->name},
                 {"kind", b.kind}};
      if (b.from) props["from"] = b.from->str();
      if (b.to) props["to"] = b.to->str();
      features.push_back(
          {{"type", "Feature"}, {"properties", props}, {"geometry", point(place->lat, place->lon)}});
    }
  }
  return json{{"type", "FeatureCollection"}, {"features", features}}.dump() + "\n";
}

json optional_date(const std::optional<theatre::When>& w) { return w ? json(w->str()) : json(nullptr); }

json operations_json(const theatre::Theatre& t) {
  json ops = json::array();
  for (const auto& op : t.operations) {
    json mandates = json::array();
    for (const auto& m : op.mandates) {
      std::set<std::string> categories;
      for (const auto& task : m.tasks) categories.insert(task.category);
      json row{
          {"id", m.id}, {"instrument", m.instrument}, {"adopted", m.adopted.str()}, {"tasks", categories}};
      if (m.military) row["military"] = *m.military;
      if (m.police) row["police"] = *m.police;
      mandates.push_back(row);
    }
    json budgets = json::array();
    for (const auto& b : op.budgets) {
      json row{{"from", b.from.str()}, {"to", optional_date(b.to)}, {"funding", b.funding}};
      row["usd_per_year"] = b.usd_per_year ? json(*b.usd_per_year) : json(nullptr);
      budgets.push_back(row);
    }
    json organizations = json::array();
    for (const auto& o : op.organizations) organizations.push_back(o.id);
    // Where it acts, so the map can show an operation whose area crosses the theatre's borders.
    json area_regions = json::array();
    for (const auto& r : op.area_regions) area_regions.push_back(r.id);
    const json area{{"countries", op.area_countries}, {"regions", area_regions}, {"text", op.area_text}};
    ops.push_back({{"id", op.id},
                   {"name", op.name},
                   {"short", op.short_name},
                   {"kind", op.kind},
                   {"status", op.status},
                   {"organizations", organizations},
                   {"decided", optional_date(op.decided)},
                   {"start", optional_date(op.start)},
                   {"end", optional_date(op.end)},
                   {"mandates", mandates},
                   {"budgets", budgets},
                   {"area", area}});
  }
  return ops;
}

// The network: institutions, operations and the host army as nodes; edges for who authorizes
// (legal bases), runs (organizations), staffs (contributors of units), funds (budgets by
// funding kind) and supports or succeeds whom (relations), and membership of institutions.
json network_json(const theatre::Theatre& t) {
  json nodes = json::array();
  std::set<std::string> known;
  auto node = [&](const std::string& id, const std::string& name, const std::string& kind) {
    if (known.insert(id).second) nodes.push_back({{"id", id}, {"name", name}, {"kind", kind}});
  };
  for (const auto& i : t.institutions) node(i.id, i.name, i.kind);
  for (const auto& op : t.operations)
    node(op.id, op.short_name.empty() ? op.name : op.short_name, "operation");
  for (const auto& s : t.states) {
    if (!s.army_id.empty()) node(s.army_id, s.army_name, "army");
  }

  json edges = json::array();
  auto edge = [&](const std::string& from, const std::string& to, const std::string& kind,
                  const std::string& text) {
    node(from, t.actor_name(from), "other");
    node(to, t.actor_name(to), "other");
    edges.push_back({{"from", from}, {"to", to}, {"kind", kind}, {"text", text}});
  };
  for (const auto& i : t.institutions) {
    for (const auto& m : i.members) edge(m.id, i.id, "member_of", "");
  }
  for (const auto& op : t.operations) {
    for (const auto& o : op.organizations) edge(o.id, op.id, "runs", "");
    for (const auto& lb : op.legal_basis) {
      if (lb.by) edge(lb.by->id, op.id, "authorizes", lb.instrument);
    }
    std::set<std::string> contributors;
    for (const auto& u : op.units) {
      if (u.contributor && contributors.insert(u.contributor->id).second)
        edge(u.contributor->id, op.id, "staffs", u.name);
    }
    std::set<std::string> fundings;
    for (const auto& b : op.budgets) {
      if (b.funding.empty() || !fundings.insert(b.funding).second) continue;
      node("funding:" + b.funding, b.funding + " funding", "funding");
      edge("funding:" + b.funding, op.id, "funds", b.note);
    }
    for (const auto& r : op.relations) edge(op.id, r.with.id, r.kind, r.text);
  }
  return {{"nodes", nodes}, {"edges", edges}};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> theatre_files(const theatre::Theatre& t,
                                                               const std::string& scenario_name,
                                                               const std::string& title) {
  const json theatre{{"scenario", scenario_name},
                     {"title", title},
                     {"operations", operations_json(t)},
                     {"network", network_json(t)}};
  return {{kMapFile, map_geojson(t)}, {kTheatreFile, theatre.dump(1) + "\n"}};
}

}  // namespace peacesim::output
