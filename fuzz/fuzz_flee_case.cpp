// libFuzzer target: any bytes as one of a Flee case's input files (the first byte picks which:
// locations, routes, closures, conflicts, registration corrections or the camp-data layout), the
// others the shipped Mali 2012 case's, through `read_flee_case`. A std::runtime_error naming the
// file and row is the expected answer to bad input; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>

#include "fuzz_input_file.hpp"
#include "models/flee_case/flee_case.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto path = peacesim::fuzz::input_file(".csv", data + 1, size - 1);
  auto files = peacesim::models::flee_case::fabflee_layout(std::filesystem::path(PEACESIM_SOURCE_DIR) /
                                                           "data/displacement/flee_mali2012");
  switch (data[0] % 6) {
    case 0:
      files.locations = path;
      break;
    case 1:
      files.routes = path;
      break;
    case 2:
      files.closures = path;
      break;
    case 3:
      files.conflicts = path;
      break;
    case 4:
      files.registration_corrections = path;
      break;
    default:
      files.camp_data = path;
      break;
  }
  try {
    (void)peacesim::models::flee_case::read_flee_case(files, "2012-02-29", 60);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
