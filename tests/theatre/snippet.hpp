// A minimal valid theatre as YAML text, and helpers to load a variant of it from a temporary file
// so that errors carry a real file:line:column.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/error.hpp"
#include "scenario/yaml_source.hpp"
#include "theatre/checks.hpp"
#include "theatre/theatre.hpp"

namespace peacesim::testing {

// Each section on its own lines; tests replace a marked line or append to a list.
inline std::string minimal_theatre() {
  return R"yaml(peacesim: 1
theatre: {observations_end: 2016-12-31, source: "MODEL.md §6"}
geography:
  regions: {file: regions.geojson, name_field: adm1, code_field: adm1_pcode}
  cercles: {file: cercles.geojson, name_field: adm2, code_field: adm2_pcode, region_field: adm1}
  biome_bands: {saharan_north_of: 17, sudanian_south_of: 14, source: "assumption: test"}
  source: "data/geography"
population:
  census: {file: census.csv, region_column: region, count_column: n, date: 2009-04, source: "data/population"}
  cercle_split: {method: equal, source: "assumption: test"}
  communities: [{id: tuareg, name: Tuareg, source: "MODEL.md §3"}]
  livelihoods: [{id: herder, name: Herder, source: "MODEL.md §3"}]
  community_shares: [{region: Gao, shares: {tuareg: 1.0}, source: "assumption: test"}]
places:
  - {id: gao, name: Gao, kind: town, lat: 16.27, lon: -0.04, country: MLI, region: Gao, source: "data/geography"}
  - {id: kidal, name: Kidal, kind: town, lat: 18.44, lon: 1.41, country: MLI, region: Kidal, source: "data/geography"}
routes:
  edges:
    - {a: gao, b: kidal, estimate: great_circle, source: "assumption: test"}
state:
  institution: mali
  name: Mali
  country: MLI
  governments:
    - {from: 2002-06-08, kind: civilian_elected, head: ATT, how: in_office, source: "004 §3.2"}
  army: {id: fama, name: FAMa}
  source: "004 §3.2"
institutions:
  - {id: mali, name: Mali, kind: host_state, source: "004 §3.2"}
  - {id: unsc, name: UNSC, kind: un_organ, source: "002 Table"}
  - {id: un_secretariat, name: UN Secretariat, kind: un_secretariat, source: "004 §4.5"}
armed_groups:
  - id: mnla
    name: MNLA
    type: separatist
    source: "004 §3.2"
    changes:
      - {date: 2011-10, change: formed, source: "004 §3.2"}
  - id: cma
    name: CMA
    type: coalition
    source: "004 §3.4"
    changes:
      - {date: 2014, change: formed, source: "004 §3.4"}
peace_process:
  agreements:
    - id: algiers
      name: Algiers
      signatures: [{party: cma, date: 2015-06-20, source: "004 §3.4"}]
      source: "004 §3.4"
operations:
  - id: minusma
    name: MINUSMA
    short: MINUSMA
    kind: un_peacekeeping
    status: deployed
    organizations: [un_secretariat]
    legal_basis: [{instrument: "S/RES/2100", date: 2013-04-25, by: unsc, chapter: VII, source: "002 Table"}]
    dates: {decided: 2013-04-25, start: 2013-07-01, source: "004 §4.5"}
    area: {countries: [MLI], regions: [Gao], source: "004 §4.5"}
    actual_strength:
      points:
        - {date: 2013-07, military: 5494, police: 800, source: "004 §4.5"}
    mandates:
      - id: res2100
        instrument: "S/RES/2100 (2013)"
        adopted: 2013-04-25
        military: 11200
        police: 1440
        tasks: [{category: stabilization, text: "Stabilization"}]
        source: "002 Table"
    bases: [{place: gao, source: "data/operations"}]
    source: "002"
timeline:
  - {id: res2100, date: 2013-04-25, kind: un_resolution, operation: minusma, text: "2100", actors: [unsc], source: "002 Table"}
)yaml";
}

inline theatre::AdminNames test_admin() {
  return {{"Gao", "Kidal", "Mopti", "Tombouctou"}, {"Gao", "Kidal"}};
}

// This process's scratch folder: ctest runs each test as its own process, side by side, and two
// tests writing the same file name would read each other's text.
inline std::filesystem::path temp_dir() {
  return std::filesystem::temp_directory_path() / ("peacesim_theatre_tests_" + std::to_string(::getpid()));
}

// Writes `text` to a fresh file under this process's scratch folder and returns its path.
inline std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto dir = temp_dir();
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path;
}

// Replaces the first occurrence of `from` (which must be present) in `text`.
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "snippet lacks: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The line (1-based) on which `needle` first appears in `text`.
inline int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

inline theatre::Theatre load_and_check(const std::string& name, const std::string& text) {
  const scenario::Node root = scenario::parse_yaml_file(write_temp(name, text));
  theatre::Theatre t = theatre::read_theatre(root);
  theatre::check_theatre(t, test_admin());
  return t;
}

// The error a theatre text produces (fails the test if there is none).
inline scenario::ScenarioError error_of(const std::string& name, const std::string& text) {
  try {
    load_and_check(name, text);
  } catch (const scenario::ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << name;
  return scenario::ScenarioError({}, "", "none");
}

}  // namespace peacesim::testing
