// What the tests of a backtest's scores share: the regions in a ring (each the neighbour of the next),
// a forecast from the origin 2014-12-31 scored on 2015-2016, a member's figures, and a metric of a
// report by name. Test
// targets that include it define PEACESIM_SOURCE_DIR (support/region_tables.hpp).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/region_tables.hpp"
#include "validation/backtest.hpp"

namespace peacesim::testing {

inline validation::Adjacency ring() {
  validation::Adjacency a;
  const auto& rs = mali_region_names().regions();
  for (std::size_t i = 0; i < rs.size(); ++i)
    a[rs[i]] = {rs[(i + 1) % rs.size()], rs[(i + rs.size() - 1) % rs.size()]};
  return a;
}

// A forecast from the origin 2014-12-31, scored on 2015-2016, with `nb_paths` regression paths.
inline validation::ForecastInput from_2014(const validation::Observed& observed,
                                           const validation::Adjacency& adjacency,
                                           std::vector<validation::RunFigures> members,
                                           std::size_t nb_paths = 200) {
  validation::ForecastInput in;
  in.observed = &observed;
  in.origin_year = 2014;
  in.last_year = 2016;
  in.adjacency = &adjacency;
  in.members = std::move(members);
  in.nb_paths = nb_paths;
  return in;
}

// A member's figures for 2015 and 2016: `gao` and `kidal` events (and as many deaths) a year, and
// 20 UN peacekeepers killed.
inline validation::RunFigures member(double gao, double kidal) {
  validation::RunFigures f;
  for (const int y : {2015, 2016}) {
    f.events.cells[{"Gao", y}] = {gao, gao};
    f.events.cells[{"Kidal", y}] = {kidal, kidal};
    f.casualties["casualties_minusma"][y] = 20;
  }
  return f;
}

inline const nlohmann::json& metric(const nlohmann::json& j, const std::string& name) {
  for (const auto& m : j["metrics"]) {
    if (m["name"] == name) return m;
  }
  throw std::runtime_error("no metric " + name);
}

}  // namespace peacesim::testing
