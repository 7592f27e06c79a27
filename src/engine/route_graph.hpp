// The route graph: settlements, bases and camps joined by roads or tracks of known length.
// Shortest paths use the Boost Graph Library's Dijkstra.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace peacesim::engine {

using PlaceIndex = std::uint32_t;

enum class PlaceKind : std::uint8_t { Town, Base, Camp, Crossing, Other };

struct Place {
  std::string name;
  double lat = 0.0;
  double lon = 0.0;
  PlaceKind kind = PlaceKind::Town;
  std::string country;  // ISO 3166-1 alpha-3 (three capital letters)
};

struct Route {
  PlaceIndex a;
  PlaceIndex b;
  double km;
};

struct Path {
  double km = 0.0;
  std::vector<PlaceIndex> places;  // from the origin to the destination, both included
};

class RouteGraph {
 public:
  PlaceIndex add_place(Place place);                      // throws if the name is taken
  void add_route(PlaceIndex a, PlaceIndex b, double km);  // undirected; km must be > 0

  [[nodiscard]] std::size_t place_count() const { return places_.size(); }
  [[nodiscard]] const Place& place(PlaceIndex i) const { return places_.at(i); }
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }
  [[nodiscard]] std::optional<PlaceIndex> find(const std::string& name) const;

  // Road distance (km) from one place to every place; infinity where unreachable.
  [[nodiscard]] std::vector<double> distances_from(PlaceIndex origin) const;

  // The shortest path between two places, or nullopt if they are not connected.
  [[nodiscard]] std::optional<Path> shortest_path(PlaceIndex from, PlaceIndex to) const;

  // Places directly linked to one place, with the route lengths, in the order routes were added.
  [[nodiscard]] std::vector<std::pair<PlaceIndex, double>> links(PlaceIndex place) const;

 private:
  std::vector<Place> places_;
  std::vector<Route> routes_;
  std::map<std::string, PlaceIndex, std::less<>> by_name_;
};

}  // namespace peacesim::engine
