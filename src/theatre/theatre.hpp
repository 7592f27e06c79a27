// The theatre: everything a scenario says about the place, its people and the actors in it
// (MODEL.md §3), read from the scenario's own sections. Reading checks each section's shape;
// check_theatre (checks.hpp) checks the references between them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "theatre/geography_spec.hpp"
#include "theatre/groups.hpp"
#include "theatre/institutions.hpp"
#include "theatre/operations.hpp"
#include "theatre/peace_process.hpp"
#include "theatre/places_routes.hpp"
#include "theatre/timeline.hpp"

namespace peacesim::theatre {

// The top-level scenario sections a theatre is read from.
const std::vector<std::string>& theatre_sections();

struct TheatreMeta {
  When observations_end;  // MODEL.md §6: no observation after this date enters the scenario
  Source source;
};

struct Theatre {
  TheatreMeta meta;
  GeographySpec geography;
  PopulationSpec population;
  std::vector<Place> places;
  Routes routes;
  std::vector<HostState> states;  // one or more; together the state's side
  std::vector<Institution> institutions;
  std::vector<ArmedGroup> groups;
  std::vector<Agreement> agreements;
  std::vector<Operation> operations;
  std::vector<TimelineEvent> timeline;

  [[nodiscard]] const Place* find_place(const std::string& id) const;
  // The index in `states` of the state whose country is `country` (ISO3), or nullopt.
  [[nodiscard]] std::optional<std::size_t> state_of(const std::string& country) const;
  [[nodiscard]] const ArmedGroup* find_group(const std::string& id) const;
  [[nodiscard]] const Institution* find_institution(const std::string& id) const;
  [[nodiscard]] const Operation* find_operation(const std::string& id) const;
  [[nodiscard]] const Agreement* find_agreement(const std::string& id) const;
  // The display name of any actor id (group, institution, operation, the army), or the id.
  [[nodiscard]] std::string actor_name(const std::string& id) const;
};

// Reads every theatre section of the scenario's merged tree. Throws scenario::ScenarioError.
Theatre read_theatre(const scenario::Node& root);

// Reads the data files the operations name (monthly strengths, deployment snapshots) into
// their strength points and spread snapshots. Throws scenario::ScenarioError at the file field.
void load_operation_data(Theatre& theatre);

}  // namespace peacesim::theatre
