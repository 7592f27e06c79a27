// `peacesim describe` for the Mali model: the theatre's tables (operations, the mandates by
// resolution, strengths, armed groups and their changes, actors, the peace process, the
// timeline, places and routes, population by region), generated from the scenario.
#pragma once

#include <string>
#include <vector>

#include "models/mali/dynamics_spec.hpp"
#include "models/mali/tables.hpp"
#include "models/mali/world.hpp"
#include "models/registry.hpp"

namespace peacesim::models::mali {

// The tables, in the order they are printed.
std::vector<Table> describe_tables(const MaliWorld& world, const DynamicsSpec& dynamics,
                                   const scenario::Scenario& scenario);

// The mandate evolution of one operation, one row per resolution (seed 002's table).
Table mandate_table(const theatre::Operation& op);

// The tables of the world (describe_tables) as `describe --format json` prints them.
std::string describe_json(const MaliWorld& world, const std::vector<Table>& tables);

// The tables that describe_tables assembles, by subject.
Table operations_table(const MaliWorld& world);
Table strength_table(const MaliWorld& world);
Table relations_table(const MaliWorld& world);
Table groups_table(const MaliWorld& world);
Table changes_table(const MaliWorld& world);
Table agreements_table(const MaliWorld& world);
Table state_table(const MaliWorld& world);
Table institutions_table(const MaliWorld& world);
Table positions_table(const MaliWorld& world);

std::string describe_world(const MaliWorld& world, const DynamicsSpec& dynamics,
                           const scenario::Scenario& scenario, DescribeFormat format);

}  // namespace peacesim::models::mali
