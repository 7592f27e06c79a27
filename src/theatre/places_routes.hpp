// Places (towns, bases, camps abroad, crossings) and the routes between them (MODEL.md §3, Space).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

enum class PlaceKind : std::uint8_t { Town, Base, Camp, Crossing, Other };
std::string_view place_kind_name(PlaceKind kind);

struct Place {
  std::string id;
  std::string name;
  PlaceKind kind = PlaceKind::Town;
  double lat = 0.0;
  double lon = 0.0;
  std::string country;        // ISO 3166-1 alpha-3 (three capital letters)
  std::optional<Ref> region;  // admin1 (places in the theatre's regions): checked against the boundaries
  std::vector<std::string> aliases;  // other spellings used by data files (Flee, Geo-PKO)
  std::string note;
  Source source;
  Location where;
  std::string field;
};

// A road or track between two places. `km` is given (with its source) or estimated as the
// great-circle distance times the model's detour factor.
struct RouteSpec {
  Ref a;
  Ref b;
  std::optional<double> km;  // nullopt: estimate from coordinates
  std::string note;
  Source source;
  Location where;
  std::string field;
};

// A border closed to people moving between two countries for a period.
struct BorderClosure {
  std::string country_a;
  std::string country_b;
  When from;
  When to;
  std::string note;
  Source source;
};

struct Routes {
  std::vector<RouteSpec> edges;
  std::vector<BorderClosure> closures;
};

std::vector<Place> read_places(const Node& root);
Routes read_routes(const Node& root);

}  // namespace peacesim::theatre
