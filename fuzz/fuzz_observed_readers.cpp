// libFuzzer target: any bytes as an observed-data file (ACLED export or aggregates, UNHCR, UN
// peacekeeping fatalities), through every reader `peacesim validate` uses. InputError is the
// expected answer to bad input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input_file.hpp"
#include "validation/observed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace v = peacesim::validation;
  const auto path = peacesim::fuzz::input_file(".csv", data, size);
  const peacesim::engine::Date from(2012, 1, 1), to(2016, 12, 31);
  // An invented theatre's regions, with one other spelling.
  static const v::RegionNames regions({"North", "South"}, {{"Nord", "North"}});
  // The same bytes as a run folder's region table (a theatre of several states' has a country column).
  try {
    (void)v::RegionNames::from_csv(std::string(reinterpret_cast<const char*>(data), size), "regions.csv");
  } catch (const v::InputError&) {
  }
  try {
    switch (v::kind_of(path)) {
      case v::ObservedKind::Acled:
      case v::ObservedKind::AcledAggregates:
        (void)v::read_events(path, from, to, regions);
        break;
      case v::ObservedKind::UnhcrPopulation:
        // With a country of origin, and without (the file's only one, or the several-origins error).
        try {
          (void)v::read_unhcr(path, "");
        } catch (const v::InputError&) {
        }
        try {
          (void)v::read_unhcr(path, "XAA");
        } catch (const v::InputError&) {
        }
        // As a theatre of several states reads it: twice over (its rows are all repeats, counted
        // once), for two origins.
        (void)v::read_unhcr(std::vector<std::filesystem::path>{path, path}, {"XAA", "XBB"});
        break;
      case v::ObservedKind::PeacekeepingFatalities: {
        // As validate reads it (which of a theatre's UN operations the file is about, then its
        // deaths): with two operations to tell apart, and with one (the file needs no mission column).
        try {
          (void)v::read_peacekeeping_deaths(path, {{"XAA", "casualties_xaa"}, {"XBB", "casualties_xbb"}},
                                            from, to);
        } catch (const v::InputError&) {
        }
        (void)v::read_peacekeeping_deaths(path, {{"XAA", "casualties_xaa"}}, from, to);
        break;
      }
    }
  } catch (const v::InputError&) {
  }
  return 0;
}
