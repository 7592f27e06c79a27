#include "models/conflict_theatre/talks.hpp"

#include <algorithm>

#include "scenario/error.hpp"

namespace peacesim::models::conflict_theatre {

namespace {
const NegotiationSpec* find(const DynamicsSpec& spec, const std::string& agreement_id) {
  for (const auto& n : spec.negotiations) {
    if (n.agreement.id == agreement_id) return &n;
  }
  return nullptr;
}
}  // namespace

bool negotiated(const DynamicsSpec& spec, const std::string& agreement_id) {
  return find(spec, agreement_id) != nullptr;
}

void check_negotiations(const TheatreWorld& world, const DynamicsSpec& spec) {
  for (std::size_t i = 0; i < spec.negotiations.size(); ++i) {
    const auto& n = spec.negotiations[i];
    const auto& all = world.theatre.agreements;
    const auto it = std::find_if(all.begin(), all.end(), [&](const theatre::Agreement& a) {
      return a.id == n.agreement.id && a.role == theatre::Role::Input;
    });
    if (it == all.end()) {
      throw scenario::ScenarioError(
          n.agreement.where, n.agreement.field,
          "'" + n.agreement.id + "' is not an agreement of the scenario's peace process");
    }
    if (find(spec, n.agreement.id) != &n) {
      throw scenario::ScenarioError(n.agreement.where, n.agreement.field,
                                    "'" + n.agreement.id + "' is negotiated twice");
    }
    if (!n.from && !it->talks_from) {
      throw scenario::ScenarioError(
          n.where, n.field + ".from",
          "is required: '" + n.agreement.id + "' gives no date for the opening of talks");
    }
  }
}

mechanisms::peace_process::Talks make_talks(const TheatreWorld& world, const DynamicsSpec& spec,
                                            const theatre::Agreement& a, std::size_t index,
                                            engine::Date start, const mechanisms::conflict::State& state) {
  const NegotiationSpec& n = *find(spec, a.id);
  mechanisms::peace_process::Talks t;
  t.agreement = index;
  t.from_day = static_cast<std::int32_t>(days_between(start, n.from ? n.from->date : a.talks_from->date));
  using mechanisms::peace_process::Eligibility;
  t.eligibility = n.eligibility == "all"            ? Eligibility::All
                  : n.eligibility == "no_jihadists" ? Eligibility::NoJihadists
                                                    : Eligibility::Undesignated;
  for (const auto& x : a.excluded) {
    const auto g = state.actor_of(x.id);
    if (g != mechanisms::conflict::kNoActor) t.excluded.push_back(g);
  }
  for (const auto& m : a.mediators) {
    const auto* inst = world.theatre.find_institution(m.id);
    t.mediator_un.push_back(inst != nullptr && (inst->kind == "un_organ" || inst->kind == "un_secretariat"));
  }
  return t;
}

}  // namespace peacesim::models::conflict_theatre
