// A static report: the dashboard's page with every answer its views can ask of the API inlined as
// <script type="application/json" id="peacesim-data">, so one HTML file shows the same charts
// with no server, offline, anywhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/api.hpp"

namespace peacesim::web {

// The API paths a report holds for these sources: the run list; for each source its details,
// series catalogue and every series, events, map, operations, network and (with observed data)
// validation; the comparison of every ordered pair of sources.
std::vector<std::string> report_paths(const Api& api);

// The page with the answers inlined at its `<!--peacesim-data-->` marker. Answers that are
// errors (a run without a map, no observed data) are left out: the view then says so.
// Throws std::runtime_error if the page has no marker.
std::string report_html(const Api& api, std::string_view page);

}  // namespace peacesim::web
