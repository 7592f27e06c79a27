// Neighbours from boundaries (geo/adjacency): units sharing a stretch of border are neighbours,
// units touching at a corner or apart are not; on the Mali regions, the known borders.
#include "geo/adjacency.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

std::string square(const std::string& name, double x, double y) {
  return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name +
         "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + std::to_string(x) + "," +
         std::to_string(y) + "],[" + std::to_string(x + 1) + "," + std::to_string(y) + "],[" +
         std::to_string(x + 1) + "," + std::to_string(y + 1) + "],[" + std::to_string(x) + "," +
         std::to_string(y + 1) + "],[" + std::to_string(x) + "," + std::to_string(y) + "]]]}}";
}

geo::LayerSource source(const fs::path& path, const std::string& name, const std::string& code) {
  return {path, path.filename().string(), name, code, "", {"scenario.yaml", 1, 1}, "geography.regions.file"};
}

TEST(Adjacency, SharedEdgesMakeNeighboursCornersDoNot) {
  const auto path =
      fs::temp_directory_path() / ("peacesim_adjacency_" + std::to_string(::getpid()) + ".geojson");
  // A and B share an edge, B and C share an edge, A and C touch at a corner, D stands apart.
  std::ofstream(path) << "{\"type\":\"FeatureCollection\",\"features\":[" << square("A", 0, 0) << ","
                      << square("B", 1, 0) << "," << square("C", 1, 1) << "," << square("D", 5, 5) << "]}";
  const auto n = geo::neighbours(geo::load_admin_layer(source(path, "name", "")));
  fs::remove(path);
  EXPECT_EQ(n.at("A"), (std::vector<std::string>{"B"}));
  EXPECT_EQ(n.at("B"), (std::vector<std::string>{"A", "C"}));
  EXPECT_EQ(n.at("C"), (std::vector<std::string>{"B"}));
  EXPECT_TRUE(n.at("D").empty());
}

TEST(Adjacency, TheMaliRegionsBorders) {
  const auto n = geo::neighbours(geo::load_admin_layer(source(
      fs::path(PEACESIM_SOURCE_DIR) / "data/geography/mali_adm1_regions_dissolved_from_ocha_cercles.geojson",
      "adm1", "adm1_pcode")));
  ASSERT_EQ(n.size(), 9u);
  EXPECT_EQ(n.at("Bamako"), (std::vector<std::string>{"Koulikoro"}));  // an enclave
  EXPECT_EQ(n.at("Kidal"), (std::vector<std::string>{"Gao", "Tombouctou"}));
  // Symmetric.
  for (const auto& [a, list] : n) {
    for (const auto& b : list) {
      const auto& back = n.at(b);
      EXPECT_NE(std::find(back.begin(), back.end(), a), back.end()) << a << " " << b;
    }
  }
}

}  // namespace
}  // namespace peacesim::testing
