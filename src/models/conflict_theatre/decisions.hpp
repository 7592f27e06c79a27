// M9 in the theatre model: turns the scenario's `dynamics.decisions` into the institutions' rules,
// and reads from the conflict state what the institutions see each day (the threat to the capital,
// whether the contested regions are secured, resentment, each operation's strength and losses).
#pragma once

#include <vector>

#include "mechanisms/conflict/state.hpp"
#include "mechanisms/institutions/institutions.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "models/conflict_theatre/world.hpp"

namespace peacesim::models::conflict_theatre {

// Checks the decisions' references and that each ruled operation has a ceiling; throws
// scenario::ScenarioError at the offending field.
void check_decisions(const TheatreWorld& world, const DynamicsSpec& spec);

// Whether the scenario hands an operation to M9.
bool ruled_by_institutions(const DynamicsSpec& spec, const std::string& operation_id);

std::vector<mechanisms::institutions::Rule> make_rules(const TheatreWorld& world, const DynamicsSpec& spec,
                                                       engine::Date start);

// What the institutions see today. `strength` and `deaths` are by theatre operation.
class SituationReader {
 public:
  SituationReader(const TheatreWorld& world, const DynamicsSpec& spec);
  // `resentment`: M11's, by region.
  [[nodiscard]] mechanisms::institutions::Situation read(const mechanisms::conflict::State& state,
                                                         const std::vector<double>& resentment,
                                                         const std::vector<std::size_t>& force_operation,
                                                         std::size_t operations) const;

 private:
  [[nodiscard]] bool host_military(engine::Date today) const;

  const std::vector<theatre::GovernmentPeriod>* governments_;  // the first state's, in date order
  std::uint32_t contested_ = 0;                                // the armies' contested regions (bit r)
};

}  // namespace peacesim::models::conflict_theatre
