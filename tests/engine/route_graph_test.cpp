#include "engine/route_graph.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace peacesim::engine {
namespace {

// A small corner of Mali's road network (lengths are illustrative, not data).
RouteGraph sample() {
  RouteGraph g;
  const auto bamako = g.add_place({"Bamako", 12.65, -8.0, PlaceKind::Town, "MLI"});
  const auto segou = g.add_place({"Segou", 13.43, -6.26, PlaceKind::Town, "MLI"});
  const auto mopti = g.add_place({"Mopti", 14.49, -4.18, PlaceKind::Town, "MLI"});
  const auto gao = g.add_place({"Gao", 16.27, -0.04, PlaceKind::Town, "MLI"});
  const auto mbera = g.add_place({"Mbera", 15.89, -5.73, PlaceKind::Camp, "MRT"});
  g.add_place({"Island", 0, 0, PlaceKind::Other, "MLI"});
  g.add_route(bamako, segou, 235);
  g.add_route(segou, mopti, 400);
  g.add_route(mopti, gao, 560);
  g.add_route(bamako, gao, 1400);  // a longer direct road
  g.add_route(mopti, mbera, 450);
  return g;
}

TEST(RouteGraph, ShortestPathTakesTheShorterChain) {
  const RouteGraph g = sample();
  const auto path = g.shortest_path(*g.find("Bamako"), *g.find("Gao"));
  ASSERT_TRUE(path);
  EXPECT_DOUBLE_EQ(path->km, 1195);
  ASSERT_EQ(path->places.size(), 4u);
  EXPECT_EQ(g.place(path->places[1]).name, "Segou");
  EXPECT_EQ(g.place(path->places.back()).name, "Gao");
}

TEST(RouteGraph, UnreachablePlacesHaveNoPathAndInfiniteDistance) {
  const RouteGraph g = sample();
  EXPECT_FALSE(g.shortest_path(*g.find("Bamako"), *g.find("Island")));
  const auto d = g.distances_from(*g.find("Bamako"));
  EXPECT_TRUE(std::isinf(d[*g.find("Island")]));
  EXPECT_DOUBLE_EQ(d[*g.find("Mbera")], 235 + 400 + 450);
  EXPECT_DOUBLE_EQ(d[*g.find("Bamako")], 0);
}

TEST(RouteGraph, RejectsBadInput) {
  RouteGraph g = sample();
  EXPECT_THROW(g.add_place({"Gao", 0, 0, PlaceKind::Town, "MLI"}), std::invalid_argument);
  EXPECT_THROW(g.add_route(0, 1, 0), std::invalid_argument);
  EXPECT_THROW(g.add_route(0, 99, 10), std::out_of_range);
}

TEST(RouteGraph, LinksListDirectNeighbours) {
  const RouteGraph g = sample();
  EXPECT_EQ(g.links(*g.find("Mopti")).size(), 3u);
}

}  // namespace
}  // namespace peacesim::engine
