// Test helper shared by the mechanisms' tests: closes the monthly period of a recorder and returns
// the flows recorded in it, by series name and recorder region (0 all, 1 + r region r).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/recorder.hpp"

namespace peacesim::mechanisms::testing {

inline std::map<std::string, std::vector<double>> close_month(engine::Recorder& recorder, std::int64_t day,
                                                              engine::Date date) {
  const std::size_t first = recorder.rows().size();
  recorder.close_periods(static_cast<std::uint32_t>(day), date, {engine::Cadence::Monthly});
  std::map<std::string, std::vector<double>> out;
  for (std::size_t i = first; i < recorder.rows().size(); ++i) {
    const auto& row = recorder.rows()[i];
    auto& v = out[recorder.series()[row.series].name];
    v.resize(recorder.regions().size(), 0.0);
    v[row.region] = row.value;
  }
  return out;
}

}  // namespace peacesim::mechanisms::testing
