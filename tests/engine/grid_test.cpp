#include "engine/grid.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace peacesim::engine {
namespace {

TEST(NeighbourhoodOffsets, CountsOfTheClassicShapes) {
  EXPECT_EQ(neighbourhood_offsets(Neighbourhood::VonNeumann, 7, false).size(), 112u);
  EXPECT_EQ(neighbourhood_offsets(Neighbourhood::Euclidean, 7, true).size(), 149u);
  EXPECT_EQ(neighbourhood_offsets(Neighbourhood::Moore, 1, false).size(), 8u);
  EXPECT_EQ(neighbourhood_offsets(Neighbourhood::VonNeumann, 1, true).size(), 5u);
}

TEST(LatLonGrid, CoveringSnapsToMultiplesOfTheResolution) {
  // Mali's bounding box, roughly.
  const auto g = LatLonGrid::covering(10.14, -12.24, 25.0, 4.27, 0.5);
  EXPECT_DOUBLE_EQ(g.south(), 10.0);
  EXPECT_DOUBLE_EQ(g.west(), -12.5);
  EXPECT_EQ(g.rows(), 30u);  // 10.0 .. 25.0
  EXPECT_EQ(g.cols(), 34u);  // -12.5 .. 4.5
}

TEST(LatLonGrid, CellOfAPointContainsIt) {
  const auto g = LatLonGrid::covering(10, -12.5, 25, 4.5, 0.25);
  const auto bamako = g.cell_at(12.65, -8.0);
  ASSERT_TRUE(bamako);
  EXPECT_NEAR(g.centre_lat(*bamako), 12.625, 1e-9);
  EXPECT_NEAR(g.centre_lon(*bamako), -7.875, 1e-9);
  EXPECT_FALSE(g.cell_at(30.0, 0.0));
  EXPECT_FALSE(g.cell_at(12.0, -20.0));
}

TEST(LatLonGrid, PrioGridIds) {
  // PRIO-GRID: gid = row * 720 + col + 1 with rows from -90 and columns from -180 at 0.5 degrees.
  const auto g = LatLonGrid::covering(10, -12.5, 25, 4.5, 0.5);
  EXPECT_EQ(g.priogrid_gid(*g.cell_at(12.65, -8.0)), 205u * 720u + 344u + 1u);
  const LatLonGrid world(-90, -180, 0.5, 360, 720);
  EXPECT_EQ(world.priogrid_gid(0), 1u);
  EXPECT_EQ(world.priogrid_gid(static_cast<CellIndex>(world.size() - 1)), 259200u);
}

TEST(LatLonGrid, NeighboursWrapOnATorusAndClipOtherwise) {
  const LatLonGrid g(0, 0, 1, 10, 10);
  const auto offsets = neighbourhood_offsets(Neighbourhood::VonNeumann, 2, false);
  std::vector<CellIndex> out(offsets.size());
  EXPECT_EQ(g.neighbours(g.index(0, 0), offsets, true, out), 12u);
  std::set<CellIndex> distinct(out.begin(), out.end());
  EXPECT_EQ(distinct.size(), 12u);
  EXPECT_TRUE(distinct.count(g.index(9, 0)));                       // wrapped south
  EXPECT_TRUE(distinct.count(g.index(0, 8)));                       // wrapped west
  EXPECT_EQ(g.neighbours(g.index(0, 0), offsets, false, out), 5u);  // only the north-east quarter + axes
  EXPECT_EQ(g.neighbours(g.index(5, 5), offsets, false, out), 12u);
}

TEST(Haversine, BamakoToTimbuktu) {
  EXPECT_NEAR(haversine_km(12.65, -8.0, 16.77, -3.01), 705.5, 0.5);
  EXPECT_DOUBLE_EQ(haversine_km(1, 2, 1, 2), 0.0);
}

}  // namespace
}  // namespace peacesim::engine
