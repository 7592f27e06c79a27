// What a theatre's scenario gives the mechanisms: the inputs they are made with (the influxes for M2,
// the agreements and talks for M10, the rules for M9, the rates and payers for M12, the places and
// routes for M7), and the scenario's decisions of each day (which groups exist and fight whom, the
// government in office, the forces' strengths and stations) as two systems of the model's own.
#pragma once

#include "engine/calendar.hpp"
#include "engine/parameters.hpp"
#include "mechanisms/conflict/module.hpp"
#include "models/conflict_theatre/build_state.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "models/conflict_theatre/world.hpp"

namespace peacesim::models::conflict_theatre {

// Provides the mechanisms' inputs (as module "scenario inputs", before they install). Throws
// scenario::ScenarioError for a funding source without payers when M12 runs.
void provide_inputs(mechanisms::conflict::Registry& registry, const TheatreWorld& world,
                    const DynamicsSpec& spec, const BuiltState& built, const engine::ParameterSet& parameters,
                    engine::Date start);

// Registers the two systems of the scenario's daily decisions (as module "scenario", after the
// mechanisms: they read M9's decisions, M10's signatures and M1's baselines).
void register_decisions(mechanisms::conflict::Registry& registry, const TheatreWorld& world,
                        const DynamicsSpec& spec, const BuiltState& built);

}  // namespace peacesim::models::conflict_theatre
