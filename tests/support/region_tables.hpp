// The reference scenario's region table (data/regions/mali_admin1_aliases.csv, which lists each
// region as an alias of itself), for the tests of validation's readers and metrics. Test targets
// that include it define PEACESIM_SOURCE_DIR.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "validation/regions.hpp"

namespace peacesim::testing {

inline const validation::RegionNames& mali_region_names() {
  static const validation::RegionNames names = [] {
    const auto path = std::filesystem::path(PEACESIM_SOURCE_DIR) / "data/regions/mali_admin1_aliases.csv";
    std::ifstream in(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return validation::RegionNames::from_csv(text, path.string());
  }();
  return names;
}

}  // namespace peacesim::testing
