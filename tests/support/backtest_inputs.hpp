// What the tests of a backtest's scores share: a small observed record, the regions in a ring (each
// the neighbour of the next), a forecast from the origin 2014-12-31 scored on 2015-2016, a member's
// figures, and a metric of a report by name. Test targets that include it define PEACESIM_SOURCE_DIR
// (support/region_tables.hpp).
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/region_tables.hpp"
#include "validation/backtest.hpp"

namespace peacesim::testing {

// A small observed record over the project's regions: events in Gao and Kidal, 2010-2016 (deaths twice
// and three times as many), and the UN peacekeepers killed, 2013-2016.
inline validation::Observed record(double gao_2015) {
  validation::EventTable t;
  const std::map<int, double> gao{{2010, 2},  {2011, 4},        {2012, 30}, {2013, 40},
                                  {2014, 20}, {2015, gao_2015}, {2016, 25}};
  const std::map<int, double> kidal{{2010, 1},  {2011, 1},  {2012, 20}, {2013, 10},
                                    {2014, 16}, {2015, 12}, {2016, 9}};
  for (const auto& [y, v] : gao) t.cells[{"Gao", y}] = {v, 2 * v};
  for (const auto& [y, v] : kidal) t.cells[{"Kidal", y}] = {v, 3 * v};
  validation::Observed o;
  o.regions = mali_region_names();
  o.events = t;
  o.events_in_window = t;
  o.peacekeeping = validation::PeacekeepingDeaths{{"MINUSMA", "casualties_minusma"},
                                                  {{2013, 4}, {2014, 28}, {2015, 12}, {2016, 27}}};
  return o;
}

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
