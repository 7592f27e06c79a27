// Boundaries read with GDAL and rasterized to the grid: towns fall in their regions, every unit
// gets cells, errors name the scenario field that named the file.
#include "geo/raster.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "scenario/error.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kGeography = fs::path(PEACESIM_SOURCE_DIR) / "data" / "geography";

geo::LayerSource regions_source() {
  return {kGeography / "mali_adm1_regions_dissolved_from_ocha_cercles.geojson",
          "regions.geojson",
          "adm1",
          "adm1_pcode",
          "",
          {"scenario.yaml", 7, 12},
          "geography.regions.file"};
}

geo::LayerSource cercles_source() {
  return {kGeography / "mali_adm2_cercles_ocha_cod_pre2016.geojson",
          "cercles.geojson",
          "adm2",
          "adm2_pcode",
          "adm1",
          {"scenario.yaml", 8, 12},
          "geography.cercles.file"};
}

struct Layers {
  geo::AdminLayer regions = geo::load_admin_layer(regions_source());
  geo::AdminLayer cercles = geo::load_admin_layer(cercles_source());
};

const Layers& layers() {
  static const Layers l;
  return l;
}

geo::GridOptions options(double resolution) {
  const auto& r = layers().regions;
  geo::GridOptions o;
  o.resolution_deg = resolution;
  o.south = r.south - 0.5;
  o.west = r.west - 0.5;
  o.north = r.north + 0.5;
  o.east = r.east + 0.5;
  return o;
}

std::string region_at(const geo::TheatreGrid& g, double lat, double lon) {
  const auto cell = g.grid.cell_at(lat, lon);
  if (!cell || g.region[*cell] == geo::kOutside) return "outside";
  return layers().regions.units[static_cast<std::size_t>(g.region[*cell])].name;
}

TEST(Boundaries, ReadsTheOchaLayers) {
  EXPECT_EQ(layers().regions.units.size(), 9u);
  EXPECT_EQ(layers().cercles.units.size(), 50u);
  const auto kidal = layers().regions.index_of("Kidal");
  ASSERT_TRUE(kidal);
  EXPECT_EQ(layers().regions.units[*kidal].code, "ML08");
  // Areas against the census file's area column (km²): Tombouctou 496,611, Bamako 252.
  EXPECT_NEAR(layers().regions.units[*layers().regions.index_of("Tombouctou")].area_km2, 496611,
              0.02 * 496611);
  EXPECT_NEAR(layers().regions.units[*layers().regions.index_of("Bamako")].area_km2, 252, 0.05 * 252);
  for (const auto& c : layers().cercles.units) EXPECT_TRUE(layers().regions.index_of(c.parent)) << c.name;
}

TEST(Boundaries, PointLookup) {
  const auto& r = layers().regions;
  EXPECT_EQ(r.units[*r.find(12.60915, -7.97522)].name, "Bamako");
  EXPECT_EQ(r.units[*r.find(15.7118, -4.9118)].name, "Tombouctou");  // Léré (ACLED, Geo-PKO)
  EXPECT_EQ(r.units[*r.find(14.2116, -3.0654)].name, "Mopti");       // Flee's misplaced "Lere"
  EXPECT_FALSE(r.find(15.639012, -5.751422));                        // Mbera, Mauritania
}

TEST(Raster, TownsFallInTheirRegionsAtQuarterDegree) {
  const auto g = geo::rasterize(layers().regions, layers().cercles, options(0.25));
  EXPECT_EQ(region_at(g, 12.60915, -7.97522), "Bamako");
  EXPECT_EQ(region_at(g, 16.27167, -0.04472), "Gao");
  EXPECT_EQ(region_at(g, 18.44345, 1.40921), "Kidal");
  EXPECT_EQ(region_at(g, 16.77348, -3.00742), "Tombouctou");
  EXPECT_EQ(region_at(g, 14.4843, -4.18296), "Mopti");
  EXPECT_EQ(region_at(g, 15.639012, -5.751422), "outside");  // Mbera
}

TEST(Raster, EveryRegionAndCercleHasCells) {
  for (double resolution : {0.5, 0.25, 0.1}) {
    const auto g = geo::rasterize(layers().regions, layers().cercles, options(resolution));
    for (std::size_t r = 0; r < g.region_cells.size(); ++r) {
      EXPECT_GT(g.region_cells[r], 0u) << layers().regions.units[r].name << " at " << resolution;
    }
    for (std::size_t c = 0; c < g.cercle_cells.size(); ++c) {
      EXPECT_GT(g.cercle_cells[c], 0u) << layers().cercles.units[c].name << " at " << resolution;
    }
    // Every cell in a region has a cercle of that region.
    for (std::size_t cell = 0; cell < g.region.size(); ++cell) {
      if (g.region[cell] == geo::kOutside) continue;
      ASSERT_NE(g.cercle[cell], geo::kOutside);
      EXPECT_EQ(layers().cercles.units[static_cast<std::size_t>(g.cercle[cell])].parent,
                layers().regions.units[static_cast<std::size_t>(g.region[cell])].name);
    }
  }
}

TEST(Raster, BamakoIsTooSmallForACellCentreAtQuarterDegree) {
  const auto g = geo::rasterize(layers().regions, layers().cercles, options(0.25));
  const auto bamako = *layers().regions.index_of("Bamako");
  EXPECT_EQ(g.region_cells[bamako], 1u);
  ASSERT_EQ(g.regions_by_inner_point.size(), 1u);
  EXPECT_EQ(g.regions_by_inner_point[0], bamako);
}

TEST(Raster, CellCountsFollowAreas) {
  const auto g = geo::rasterize(layers().regions, layers().cercles, options(0.25));
  const auto& r = layers().regions;
  // Cells near 16°N are about 26.7 x 27.8 km (742 km²); Tombouctou is ~497,000 km².
  const double cells = g.region_cells[*r.index_of("Tombouctou")];
  EXPECT_NEAR(cells, 496611.0 / 742.0, 0.1 * 496611.0 / 742.0);
}

TEST(Raster, WithoutBiomeBandsTheCellsHaveNoBiome) {
  EXPECT_TRUE(geo::rasterize(layers().regions, layers().cercles, options(0.25)).biome.empty());
}

TEST(Raster, BiomeBandsAndBorder) {
  auto o = options(0.25);
  o.biome_bands = geo::BiomeBands{17.0, 14.0};
  const auto g = geo::rasterize(layers().regions, layers().cercles, o);
  EXPECT_EQ(g.biome[*g.grid.cell_at(18.44, 1.41)], geo::Biome::Saharan);    // Kidal
  EXPECT_EQ(g.biome[*g.grid.cell_at(16.27, -0.04)], geo::Biome::Sahelian);  // Gao
  EXPECT_EQ(g.biome[*g.grid.cell_at(11.32, -5.67)], geo::Biome::Sudanian);  // Sikasso
  EXPECT_EQ(g.border[*g.grid.cell_at(14.44, -4.19)], 0);                    // Mopti: inland
  EXPECT_EQ(g.border[*g.grid.cell_at(20.20, 1.01)], 0);                     // Tessalit: ~60 km from Algeria
  std::size_t border = 0;
  for (auto b : g.border) border += b;
  EXPECT_GT(border, 100u);
  // A border cell has a neighbour outside Mali.
  const auto around = engine::neighbourhood_offsets(engine::Neighbourhood::Moore, 1, false);
  engine::CellIndex next[8];
  for (engine::CellIndex cell = 0; cell < g.region.size(); ++cell) {
    if (g.border[cell] == 0) continue;
    const auto k = g.grid.neighbours(cell, around, false, next);
    bool outside = k < 8;
    for (std::size_t i = 0; i < k; ++i) outside = outside || g.region[next[i]] == geo::kOutside;
    EXPECT_TRUE(outside);
  }
}

TEST(Raster, TimingAtQuarterDegree) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = geo::load_admin_layer(regions_source());
  const auto c = geo::load_admin_layer(cercles_source());
  const auto t1 = std::chrono::steady_clock::now();
  const auto g = geo::rasterize(r, c, options(0.25));
  const auto t2 = std::chrono::steady_clock::now();
  const double load_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  const double raster_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
  RecordProperty("load_ms", std::to_string(load_ms));
  RecordProperty("raster_ms", std::to_string(raster_ms));
  std::printf(
      "[ timing   ] GDAL load of both layers %.1f ms; rasterization at 0.25° (%u x %u cells) %.1f ms\n",
      load_ms, g.grid.rows(), g.grid.cols(), raster_ms);
  // Timings are recorded, never asserted (a busy machine is not a bug): the grid is.
  EXPECT_GT(g.grid.rows() * g.grid.cols(), 0u);
}

TEST(BoundaryErrors, MissingFileNamesTheScenarioField) {
  auto source = regions_source();
  source.path = kGeography / "nope.geojson";
  try {
    geo::load_admin_layer(source);
    FAIL();
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.where().str(), "scenario.yaml:7:12");
    EXPECT_EQ(e.field(), "geography.regions.file");
    EXPECT_EQ(e.message(), "boundary file 'regions.geojson': file not found");
  }
}

TEST(BoundaryErrors, DevicesFoldersAndFilesOverTheCapAreRefusedBeforeGdalOpensThem) {
  auto message_of = [](const fs::path& path) {
    auto source = regions_source();
    source.path = path;
    try {
      (void)geo::load_admin_layer(source);
    } catch (const scenario::ScenarioError& e) {
      EXPECT_EQ(e.where().str(), "scenario.yaml:7:12");
      return e.message();
    }
    return std::string("read");
  };
  EXPECT_EQ(
      message_of("/dev/zero"),
      "boundary file 'regions.geojson': is not a regular file (devices, pipes and sockets are not read)");
  EXPECT_EQ(message_of(kGeography), "boundary file 'regions.geojson': is a folder, not a file");
  const auto big =
      fs::temp_directory_path() / ("peacesim_geo_cap_" + std::to_string(::getpid()) + ".geojson");
  std::ofstream(big) << "{";
  fs::resize_file(big, geo::kMaxBoundaryBytes + 1);  // sparse: nothing is written or read
  EXPECT_EQ(
      message_of(big),
      "boundary file 'regions.geojson': is 256.0 MiB (268435457 bytes), more than the 256 MiB allowed for a "
      "boundary file");
  fs::remove(big);
}

TEST(BoundaryErrors, UnknownAttributeListsTheAttributes) {
  auto source = regions_source();
  source.name_field = "ADM1_EN";
  try {
    geo::load_admin_layer(source);
    FAIL();
  } catch (const scenario::ScenarioError& e) {
    EXPECT_NE(e.message().find("has no attribute 'ADM1_EN'; attributes: adm1, adm1_pcode"), std::string::npos)
        << e.what();
  }
}

TEST(BoundaryErrors, NotAVectorFileOrNotPolygons) {
  const auto dir = fs::temp_directory_path() / "peacesim_geo_tests";
  fs::create_directories(dir);
  std::ofstream(dir / "garbage.geojson") << "this is not geojson";
  std::ofstream(dir / "points.geojson")
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adm1":"X","adm1_pcode":"X1"},)"
         R"("geometry":{"type":"Point","coordinates":[0,15]}}]})";
  auto source = regions_source();
  source.path = dir / "garbage.geojson";
  try {
    geo::load_admin_layer(source);
    FAIL();
  } catch (const scenario::ScenarioError& e) {
    EXPECT_NE(e.message().find("GDAL cannot read it"), std::string::npos) << e.what();
    EXPECT_EQ(e.message().find('\n'), std::string::npos) << "one line";
  }
  source.path = dir / "points.geojson";
  try {
    geo::load_admin_layer(source);
    FAIL();
  } catch (const scenario::ScenarioError& e) {
    EXPECT_NE(e.message().find("unit 'X' is a Point, not a polygon"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace peacesim::testing
