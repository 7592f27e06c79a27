// libFuzzer target: any bytes as a boundary file (GeoJSON) through the GDAL/OGR reader of the
// theatre's regions and cercles. A ScenarioError is the expected answer to bad input.
#include <cpl_conv.h>

#include <cstddef>
#include <cstdint>

#include "fuzz_input_file.hpp"
#include "geo/boundaries.hpp"
#include "scenario/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  CPLSetConfigOption("CPL_LOG", "/dev/null");
  peacesim::geo::LayerSource source;
  source.path = peacesim::fuzz::input_file(".geojson", data, size);
  source.path_text = "fuzz.geojson";
  source.name_field = "adm1";
  source.code_field = "adm1_pcode";
  source.where = {"fuzz.geojson", 1, 1};
  source.field = "theatre.geography.regions";
  try {
    (void)peacesim::geo::load_admin_layer(source);
  } catch (const peacesim::scenario::ScenarioError&) {
  }
  return 0;
}
