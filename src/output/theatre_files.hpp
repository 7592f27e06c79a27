// What the dashboard draws of a theatre, written beside a run's results so that a run folder is
// enough to draw it anywhere (`peacesim serve`, `peacesim report`), wherever the scenario's data
// files are. A model hands them to the run store (engine::Model::run_files) from the theatre it
// has read:
//   map.geojson   regions, cercles and neighbouring countries (outlines simplified with GDAL),
//                 towns, camps and bases, one FeatureCollection whose features say their `layer`;
//   theatre.json  the operations (kind, dates, mandates and their task categories, budgets) and
//                 the network of actors and operations (who authorizes, runs, funds, staffs and
//                 supports whom).
// Models without a theatre (Epstein's, Flee's case) write neither file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "theatre/theatre.hpp"

namespace peacesim::output {

inline constexpr const char* kMapFile = "map.geojson";
inline constexpr const char* kTheatreFile = "theatre.json";

// (file name, content) pairs: the map and the theatre file of theatre `t`, labelled with its
// scenario's name and title. Throws scenario::ScenarioError for an unreadable boundary file
// (already checked when the model built).
std::vector<std::pair<std::string, std::string>> theatre_files(const theatre::Theatre& t,
                                                               const std::string& scenario_name,
                                                               const std::string& title);

}  // namespace peacesim::output
