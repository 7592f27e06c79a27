#include "models/conflict_theatre/decisions.hpp"

#include <algorithm>

#include "engine/grid.hpp"
#include "models/conflict_theatre/build_state.hpp"
#include "scenario/error.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

namespace conflict = mechanisms::conflict;
namespace institutions = mechanisms::institutions;

namespace {
const theatre::Operation& operation(const TheatreWorld& world, const theatre::Ref& ref) {
  const auto* op = world.theatre.find_operation(ref.id);
  if (op == nullptr)
    throw scenario::ScenarioError(ref.where, ref.field,
                                  "'" + ref.id + "' is not an operation of the scenario");
  return *op;
}

std::size_t index_of(const TheatreWorld& world, const theatre::Ref& ref) {
  return static_cast<std::size_t>(&operation(world, ref) - world.theatre.operations.data());
}

// The largest figure the scenario gives: authorized, planned or deployed.
double largest_figure(const theatre::Operation& op) {
  double most = 0.0;
  for (const auto* list : {&op.authorized, &op.planned, &op.actual}) {
    for (const auto& p : *list) most = std::max(most, p.total());
  }
  for (const auto& m : op.mandates) most = std::max(most, m.military.value_or(0.0) + m.police.value_or(0.0));
  return most;
}
}  // namespace

bool ruled_by_institutions(const DynamicsSpec& spec, const std::string& operation_id) {
  return std::any_of(spec.decisions.begin(), spec.decisions.end(),
                     [&](const DecisionSpec& d) { return d.operation.id == operation_id; });
}

void check_decisions(const TheatreWorld& world, const DynamicsSpec& spec) {
  for (std::size_t i = 0; i < spec.decisions.size(); ++i) {
    const auto& d = spec.decisions[i];
    const auto& op = operation(world, d.operation);
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.decisions[j].operation.id == d.operation.id) {
        throw scenario::ScenarioError(d.operation.where, d.operation.field,
                                      "'" + d.operation.id + "' already has a decision rule");
      }
    }
    for (const auto& p : d.share_with) (void)operation(world, p);
    if (d.takes_over) {
      (void)operation(world, *d.takes_over);
      if (d.takes_over->id == d.operation.id)
        throw scenario::ScenarioError(d.takes_over->where, d.takes_over->field,
                                      "an operation cannot take over itself");
    }
    if (!d.ceiling && largest_figure(op) <= 0.0) {
      throw scenario::ScenarioError(
          d.where, d.field + ".ceiling",
          "is required: '" + op.id + "' has no authorized, planned or actual figure");
    }
    if (!d.funding && op.budgets.empty()) {
      throw scenario::ScenarioError(d.where, d.field + ".funding",
                                    "is required: '" + op.id + "' has no budget to take its funding from");
    }
  }
}

std::vector<institutions::Rule> make_rules(const TheatreWorld& world, const DynamicsSpec& spec,
                                           engine::Date start) {
  check_decisions(world, spec);
  std::vector<institutions::Rule> rules;
  for (const auto& d : spec.decisions) {
    const auto& op = operation(world, d.operation);
    institutions::Rule r;
    r.operation = index_of(world, d.operation);
    const auto& words = decision_triggers();
    r.trigger =
        static_cast<institutions::Trigger>(std::find(words.begin(), words.end(), d.trigger) - words.begin());
    if (d.date) r.trigger_day = static_cast<std::int32_t>(days_between(start, d.date->date));
    r.needs_authorization = d.authorization.value_or(op.kind != "national");
    // The ceiling: the rule's own, else the authorized ceilings over time, else the largest figure.
    if (d.ceiling) {
      r.ceilings.emplace_back(0, *d.ceiling);
    } else {
      for (const auto& p : theatre::authorized_schedule(op))
        r.ceilings.emplace_back(static_cast<std::int32_t>(days_between(start, p.when.date)), p.total());
      if (r.ceilings.empty()) r.ceilings.emplace_back(0, largest_figure(op));
    }
    r.trust_fund =
        d.funding.value_or(op.budgets.empty() ? "" : op.budgets.front().funding) == "voluntary_trust_fund";
    for (const auto& p : d.share_with) r.share_with.push_back(index_of(world, p));
    r.may_withdraw = d.withdraw;
    if (d.takes_over) r.takes_over = index_of(world, *d.takes_over);
    rules.push_back(std::move(r));
  }
  return rules;
}

bool SituationReader::host_military(engine::Date today) const {
  const theatre::GovernmentPeriod* in_force = nullptr;
  for (const auto& g : *governments_) {
    if (g.role == theatre::Role::Input && g.from.date <= today) in_force = &g;
  }
  return in_force != nullptr && in_force->kind == "military";
}

// M9's situation is the first state's (its government is the host the scenario's operations decide
// about); the contested regions are every army's, and a threat is measured to the nearest capital.
SituationReader::SituationReader(const TheatreWorld& world, const DynamicsSpec& spec)
    : governments_(&world.theatre.states.front().governments) {
  for (const auto& army : spec.armies) contested_ |= contested_mask(world, army);
}

institutions::Situation SituationReader::read(const conflict::State& s,
                                              const std::vector<double>& resentment_by_region,
                                              const std::vector<std::size_t>& force_operation,
                                              std::size_t operations) const {
  institutions::Situation out;
  out.day = s.day;
  bool secured = true;
  for (const auto& p : s.places) {
    if (!conflict::is_town(p) || p.controller == conflict::kState ||
        !s.are_hostile(conflict::kState, p.controller))
      continue;
    for (const auto& c : s.countries) {
      const auto& capital = s.places[c.capital];
      out.threat_km = std::min(out.threat_km, engine::haversine_km(capital.lat, capital.lon, p.lat, p.lon));
    }
    if (conflict::in_mask(contested_, p.region)) secured = false;
  }
  out.contested_held = secured;
  out.host_military = host_military(s.date);
  double resentment = 0.0, regions = 0.0;
  for (std::size_t r = 0; r < resentment_by_region.size(); ++r) {
    if (!conflict::in_mask(contested_, r)) continue;
    resentment += resentment_by_region[r];
    regions += 1.0;
  }
  out.resentment = regions > 0.0 ? resentment / regions : 0.0;
  out.strength.assign(operations, 0.0);
  out.deaths.assign(operations, 0.0);
  for (std::size_t f = 0; f < s.forces.size(); ++f) {
    out.strength[force_operation[f]] = s.forces[f].strength;
    out.deaths[force_operation[f]] = s.forces[f].lost;
  }
  return out;
}

}  // namespace peacesim::models::conflict_theatre
