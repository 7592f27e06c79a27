// The stores the server's tests serve: a short Mali run and a three-member ensemble of the same
// scenario (so they can be compared), made once per test process with the real binary, and the
// API over them with observed data for the validation view.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_peacesim.hpp"
#include "support/region_tables.hpp"
#include "validation/observed.hpp"
#include "web/api.hpp"

namespace peacesim::web::testing {

inline const std::filesystem::path& test_stores() {
  static const std::filesystem::path dir = [] {
    const auto d = std::filesystem::temp_directory_path() / ("peacesim_server_" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    const std::string args = " scenarios/mali/mali.yaml --set calendar.end=2012-12-31 --scale 1000 -q --out ";
    const auto run = peacesim::testing::run_peacesim("run" + args + (d / "run").string());
    if (run.exit_code != 0) throw std::runtime_error("cannot make the test run: " + run.err);
    const auto ens = peacesim::testing::run_peacesim("ensemble --runs 3" + args + (d / "ens").string());
    if (ens.exit_code != 0) throw std::runtime_error("cannot make the test ensemble: " + ens.err);
    return d;
  }();
  return dir;
}

inline std::string observed_test_file() {
  return std::string(PEACESIM_SOURCE_DIR) +
         "/data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv";
}

// Source 0 is the run, 1 the ensemble.
inline const Api& test_api() {
  static const Api api = [] {
    const auto from = *engine::Date::parse("2012-01-01");
    const auto to = *engine::Date::parse("2016-12-31");
    validation::Observed observed;
    observed.regions = peacesim::testing::mali_region_names();
    observed.events =
        validation::read_events(observed_test_file(), engine::Date(1900, 1, 1), engine::Date(2200, 12, 31),
                                peacesim::testing::mali_region_names());
    observed.events_in_window =
        validation::read_events(observed_test_file(), from, to, peacesim::testing::mali_region_names());
    observed.files = {observed_test_file()};
    return Api(open_sources({(test_stores() / "run").string(), (test_stores() / "ens").string()}),
               ValidationInput{observed, from, to});
  }();
  return api;
}

}  // namespace peacesim::web::testing
