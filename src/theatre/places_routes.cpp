#include "theatre/places_routes.hpp"

#include <fmt/format.h>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

std::string_view place_kind_name(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::Town:
      return "town";
    case PlaceKind::Base:
      return "base";
    case PlaceKind::Camp:
      return "camp";
    case PlaceKind::Crossing:
      return "crossing";
    case PlaceKind::Other:
      return "other";
  }
  return "other";
}

namespace {
PlaceKind parse_kind(const std::string& word) {
  if (word == "town") return PlaceKind::Town;
  if (word == "base") return PlaceKind::Base;
  if (word == "camp") return PlaceKind::Camp;
  if (word == "crossing") return PlaceKind::Crossing;
  return PlaceKind::Other;
}

double coordinate(MapReader& r, const std::string& key, double limit) {
  const Node& node = r.required(key);
  const double v = scenario::read_number(node, r.field(key));
  if (v < -limit || v > limit) {
    throw ScenarioError(node.where(), r.field(key),
                        fmt::format("must lie in [-{0}, {0}] degrees, got {1}", limit, v));
  }
  return v;
}

std::string country_code(MapReader& r, const std::string& key) {
  return read_country_code(r.required(key), r.field(key));
}
}  // namespace

std::vector<Place> read_places(const Node& root) {
  std::vector<Place> places;
  const Node* section = root.get("places");
  if (section == nullptr) return places;
  for_each_in(*section, "places", [&](MapReader& r, std::size_t) {
    Place p;
    p.where = r.node().where();
    p.id = id_field(r);
    p.field = path_of(r);
    p.name = r.string("name");
    p.kind = parse_kind(choice(r, "kind", {"town", "base", "camp", "crossing", "other"}));
    p.lat = coordinate(r, "lat", 90);
    p.lon = coordinate(r, "lon", 180);
    p.country = country_code(r, "country");
    if (const Node* region = r.optional("region")) {
      p.region = Ref{scenario::read_string(*region, r.field("region")), region->where(), r.field("region")};
    }
    p.aliases = string_list(r, "aliases");
    p.note = r.string_or("note", "");
    p.source = read_source(r);
    places.push_back(std::move(p));
  });
  return places;
}

Routes read_routes(const Node& root) {
  Routes routes;
  const Node* section = root.get("routes");
  if (section == nullptr) return routes;
  MapReader top(*section, "routes");
  for_each(top, "edges", [&](MapReader& r, std::size_t) {
    RouteSpec e;
    e.where = r.node().where();
    e.field = path_of(r);
    e.a = ref_field(r, "a");
    e.b = ref_field(r, "b");
    const Node* km = r.optional("km");
    const Node* estimate = r.optional("estimate");
    if ((km == nullptr) == (estimate == nullptr)) {
      throw ScenarioError(r.node().where(), e.field,
                          "give exactly one of 'km' (a distance) or 'estimate: great_circle'");
    }
    if (km != nullptr) {
      const double v = scenario::read_number(*km, r.field("km"));
      if (!(v > 0))
        throw ScenarioError(km->where(), r.field("km"), fmt::format("must be positive, got {}", v));
      e.km = v;
    } else {
      choice(r, "estimate", {"great_circle"});
    }
    e.note = r.string_or("note", "");
    e.source = read_source(r);
    routes.edges.push_back(std::move(e));
  });
  for_each(top, "closures", [&](MapReader& r, std::size_t) {
    BorderClosure c;
    const auto countries = string_list(r, "between");
    if (countries.size() != 2) {
      throw ScenarioError(r.required("between").where(), r.field("between"), "expected two country codes");
    }
    c.country_a = countries[0];
    c.country_b = countries[1];
    c.from = when_field(r, "from");
    c.to = when_field(r, "to");
    c.note = r.string_or("note", "");
    c.source = read_source(r);
    routes.closures.push_back(std::move(c));
  });
  top.finish();
  return routes;
}

}  // namespace peacesim::theatre
