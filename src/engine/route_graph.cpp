#include "engine/route_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>
#include <stdexcept>

namespace peacesim::engine {

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;

// The graph is rebuilt for each query: route graphs here have tens to hundreds of places, and
// queries are made at set-up, not in hot loops, so simplicity wins over caching.
Graph build(std::size_t places, const std::vector<Route>& routes) {
  Graph g(places);
  for (const Route& r : routes) boost::add_edge(r.a, r.b, r.km, g);
  return g;
}

struct Dijkstra {
  std::vector<double> distance;
  std::vector<Graph::vertex_descriptor> predecessor;
};

Dijkstra run_dijkstra(std::size_t places, const std::vector<Route>& routes, PlaceIndex origin) {
  const Graph g = build(places, routes);
  Dijkstra d{std::vector<double>(places), std::vector<Graph::vertex_descriptor>(places)};
  boost::dijkstra_shortest_paths(
      g, origin,
      boost::predecessor_map(
          boost::make_iterator_property_map(d.predecessor.begin(), boost::get(boost::vertex_index, g)))
          .distance_map(
              boost::make_iterator_property_map(d.distance.begin(), boost::get(boost::vertex_index, g))));
  return d;
}
}  // namespace

PlaceIndex RouteGraph::add_place(Place place) {
  const auto index = static_cast<PlaceIndex>(places_.size());
  if (!by_name_.emplace(place.name, index).second) {
    throw std::invalid_argument("place '" + place.name + "' is defined twice");
  }
  places_.push_back(std::move(place));
  return index;
}

void RouteGraph::add_route(PlaceIndex a, PlaceIndex b, double km) {
  if (a >= places_.size() || b >= places_.size()) throw std::out_of_range("route names an unknown place");
  if (!(km > 0.0)) throw std::invalid_argument("route length must be positive");
  routes_.push_back({a, b, km});
}

std::optional<PlaceIndex> RouteGraph::find(const std::string& name) const {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::vector<double> RouteGraph::distances_from(PlaceIndex origin) const {
  std::vector<double> distance = run_dijkstra(places_.size(), routes_, origin).distance;
  // Boost marks unreachable vertices with the largest finite double; say infinity instead.
  for (double& d : distance) {
    if (d == std::numeric_limits<double>::max()) d = std::numeric_limits<double>::infinity();
  }
  return distance;
}

std::optional<Path> RouteGraph::shortest_path(PlaceIndex from, PlaceIndex to) const {
  const Dijkstra d = run_dijkstra(places_.size(), routes_, from);
  if (d.distance[to] == std::numeric_limits<double>::max()) {
    return std::nullopt;
  }
  Path path{d.distance[to], {}};
  for (auto v = static_cast<Graph::vertex_descriptor>(to);; v = d.predecessor[v]) {
    path.places.push_back(static_cast<PlaceIndex>(v));
    if (v == from) break;
  }
  std::reverse(path.places.begin(), path.places.end());
  return path;
}

std::vector<std::pair<PlaceIndex, double>> RouteGraph::links(PlaceIndex place) const {
  std::vector<std::pair<PlaceIndex, double>> out;
  for (const Route& r : routes_) {
    if (r.a == place) out.emplace_back(r.b, r.km);
    if (r.b == place) out.emplace_back(r.a, r.km);
  }
  return out;
}

}  // namespace peacesim::engine
