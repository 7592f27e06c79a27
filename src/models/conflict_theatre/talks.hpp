// M10's negotiation in the theatre model: turns the scenario's `dynamics.negotiations` into the
// model's negotiated agreements and their talks (mechanisms/peace_process/negotiation.hpp).
#pragma once

#include <vector>

#include "mechanisms/peace_process/negotiation.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "models/conflict_theatre/world.hpp"

namespace peacesim::models::conflict_theatre {

// Checks the references (agreements of the scenario, at most one negotiation each, an opening
// date); throws scenario::ScenarioError at the offending field.
void check_negotiations(const TheatreWorld& world, const DynamicsSpec& spec);

// Whether the scenario hands an agreement's signatures to negotiation.
bool negotiated(const DynamicsSpec& spec, const std::string& agreement_id);

// The talks for `agreement` (the model's agreement at index `index`, made from theatre agreement
// `theatre_agreement`): opening day and the mediators' kinds.
mechanisms::peace_process::Talks make_talks(const TheatreWorld& world, const DynamicsSpec& spec,
                                            const theatre::Agreement& theatre_agreement, std::size_t index,
                                            engine::Date start, const mechanisms::conflict::State& state);

}  // namespace peacesim::models::conflict_theatre
