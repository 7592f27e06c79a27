// What the dashboard draws of a scenario's theatre, written beside a run's results so that a run
// folder is enough to draw it anywhere (`peacesim serve`, `peacesim report`), wherever the
// scenario's data files are:
//   map.geojson   regions, cercles and neighbouring countries (outlines simplified with GDAL),
//                 towns, camps and bases, one FeatureCollection whose features say their `layer`;
//   theatre.json  the operations (kind, dates, mandates and their task categories, budgets) and
//                 the network of actors and operations (who authorizes, runs, funds, staffs and
//                 supports whom).
// Scenarios without a theatre (Epstein's model, Flee's case) get neither file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace peacesim::web {

inline constexpr const char* kMapFile = "map.geojson";
inline constexpr const char* kTheatreFile = "theatre.json";

// (file name, content) pairs; empty when the scenario has no `geography` section. Throws
// scenario::ScenarioError for an unreadable boundary file (already checked when the model built).
std::vector<std::pair<std::string, std::string>> dashboard_files(const scenario::Scenario& scenario);

}  // namespace peacesim::web
