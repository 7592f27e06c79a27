// Everything the theatre model is built from: the theatre read from the scenario, the boundaries
// and the grid (GDAL), the population by region, cercle and cell, and the route graph.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/parameters.hpp"
#include "engine/route_graph.hpp"
#include "geo/raster.hpp"
#include "scenario/scenario.hpp"
#include "theatre/theatre.hpp"

namespace peacesim::models::conflict_theatre {

struct Timings {
  double theatre_ms = 0;  // reading and checking the scenario's sections and data files
  double boundaries_ms = 0;
  double raster_ms = 0;
};

struct TheatreWorld {
  std::string scenario_name, scenario_title;  // what the run files are labelled with
  theatre::Theatre theatre;
  geo::AdminLayer regions;  // sorted by code (pcode)
  // The regions the scenario leaves out (geography.regions.exclude) and the country each was in:
  // which states the theatre does not hold whole.
  std::map<std::string, std::string> left_out_countries;
  geo::AdminLayer cercles;  // sorted by code
  geo::TheatreGrid grid;
  // The regions' other spellings in observed sources (spelling, region): geography.regions.aliases.
  std::vector<std::pair<std::string, std::string>> region_aliases;
  std::vector<double> region_census;  // census population by region index
  std::vector<double> cercle_census;  // split over cercles by the scenario's cercle_split
  std::vector<float> cell_census;     // split over each cercle's cells evenly
  std::vector<std::optional<std::size_t>>
      place_region;                       // by place index: region index, if in the theatre's regions
  std::vector<std::size_t> region_state;  // by region index: its state (index into theatre.states)
  engine::RouteGraph routes;              // places in theatre order; routes in scenario order
  std::vector<double> route_km;           // by edge, as used (given or estimated)
  double growth_rate = 0;                 // per year
  Timings timings;

  // The population of a region on a date, growing from the census (national total: region npos).
  [[nodiscard]] double population(std::size_t region, engine::Date date) const;
  [[nodiscard]] double national_population(engine::Date date) const;
  // What the outputs call the theatre's total (the recorder's first region): the state's country
  // name, or the states' names joined by " + " when there are several.
  [[nodiscard]] std::string national_name() const;
};

// Loads and checks everything. Throws scenario::ScenarioError with the location of the offending
// value (a section field, a data file's path, or a place whose coordinates contradict its region).
TheatreWorld load_world(const scenario::Scenario& scenario, const engine::ParameterSet& parameters);

}  // namespace peacesim::models::conflict_theatre
