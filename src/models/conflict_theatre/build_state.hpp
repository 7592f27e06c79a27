// Builds the operational layer's state (mechanisms/conflict/state.hpp) from the theatre's world and
// the scenario's `dynamics` section: people agents from the census grown to the start date and
// split by the scenario's community and livelihood shares, cells sorted by their nearest town,
// towns and camps, armed groups, forces, the army and the road distances.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/parameters.hpp"
#include "engine/random.hpp"
#include "mechanisms/conflict/state.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "models/conflict_theatre/world.hpp"

namespace peacesim::models::conflict_theatre {

struct BuiltState {
  mechanisms::conflict::State state;
  mechanisms::displacement::Network network;  // for M7: places in the same order, the scenario's routes
  std::vector<std::size_t> force_operation;   // State::forces[i] comes from theatre operation [i]
  std::vector<std::size_t> group_theatre;     // State::groups[i] is theatre group [i]
};

// The regions the state must hold (dynamics.army.contested_regions) as a mask (bit r); throws
// scenario::ScenarioError for a name the boundaries do not have.
std::uint32_t contested_mask(const TheatreWorld& world, const ArmySpec& army);

// Checks the dynamics section's references (groups, regions, towns, operations) against the world.
// Throws scenario::ScenarioError at the offending field.
void check_dynamics(const TheatreWorld& world, const DynamicsSpec& spec);

// Throws scenario::ScenarioError for references the dynamics section gets wrong.
BuiltState build_state(const TheatreWorld& world, const DynamicsSpec& spec,
                       const engine::ParameterSet& parameters, engine::Date start, double people_per_agent,
                       const engine::RandomStreams& random);

}  // namespace peacesim::models::conflict_theatre
