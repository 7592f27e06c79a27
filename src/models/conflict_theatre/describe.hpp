// `peacesim describe` for the theatre model: the theatre's tables (operations, the mandates by
// resolution, strengths, armed groups and their changes, actors, the peace process, the
// timeline, places and routes, population by region), generated from the scenario.
#pragma once

#include <string>
#include <vector>

#include "models/conflict_theatre/dynamics_spec.hpp"
#include "models/conflict_theatre/tables.hpp"
#include "models/conflict_theatre/world.hpp"
#include "models/registry.hpp"

namespace peacesim::models::conflict_theatre {

// The tables, in the order they are printed.
std::vector<Table> describe_tables(const TheatreWorld& world, const DynamicsSpec& dynamics,
                                   const scenario::Scenario& scenario);

// The mandate evolution of one operation, one row per resolution (seed 002's table).
Table mandate_table(const theatre::Operation& op);

// The tables of the world (describe_tables) as `describe --format json` prints them.
std::string describe_json(const TheatreWorld& world, const std::vector<Table>& tables);

// The tables that describe_tables assembles, by subject.
Table operations_table(const TheatreWorld& world);
Table strength_table(const TheatreWorld& world);
Table relations_table(const TheatreWorld& world);
Table groups_table(const TheatreWorld& world);
Table changes_table(const TheatreWorld& world);
Table agreements_table(const TheatreWorld& world);
Table state_table(const theatre::HostState& state);  // one table a state
Table institutions_table(const TheatreWorld& world);
Table positions_table(const TheatreWorld& world);

std::string describe_world(const TheatreWorld& world, const DynamicsSpec& dynamics,
                           const scenario::Scenario& scenario, DescribeFormat format);

}  // namespace peacesim::models::conflict_theatre
