#include "theatre/theatre.hpp"

#include <algorithm>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

const std::vector<std::string>& theatre_sections() {
  static const std::vector<std::string> sections{
      "theatre",      "geography",    "population",    "places",     "routes",
      "institutions", "armed_groups", "peace_process", "operations", "timeline"};
  return sections;
}

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Place* Theatre::find_place(const std::string& id) const { return find_by_id(places, id); }
std::optional<std::size_t> Theatre::state_of(const std::string& country) const {
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (states[i].country == country) return i;
  }
  return std::nullopt;
}
const ArmedGroup* Theatre::find_group(const std::string& id) const { return find_by_id(groups, id); }
const Institution* Theatre::find_institution(const std::string& id) const {
  return find_by_id(institutions, id);
}
const Operation* Theatre::find_operation(const std::string& id) const { return find_by_id(operations, id); }
const Agreement* Theatre::find_agreement(const std::string& id) const { return find_by_id(agreements, id); }

std::string Theatre::actor_name(const std::string& id) const {
  if (const auto* g = find_group(id)) return g->short_name;
  if (const auto* i = find_institution(id)) return i->name;
  if (const auto* o = find_operation(id)) return o->short_name;
  for (const auto& s : states) {
    if (id == s.army_id) return s.army_name;
  }
  return id;
}

Theatre read_theatre(const scenario::Node& root) {
  for (const auto& section : theatre_sections()) {
    const scenario::Node* node = root.get(section);
    if (node == nullptr || node->is_null()) {
      throw ScenarioError(node ? node->where() : root.where(), section,
                          "is required for a theatre scenario but missing");
    }
  }
  Theatre t;
  {
    scenario::MapReader r(*root.get("theatre"), "theatre");
    t.meta.observations_end = when_field(r, "observations_end");
    t.meta.source = read_source(r);
    r.finish();
  }
  t.geography = read_geography(root);
  t.population = read_population(root);
  t.places = read_places(root);
  t.routes = read_routes(root);
  t.states = read_states(root);  // `state` or `states`
  t.institutions = read_institutions(root);
  t.groups = read_groups(root);
  t.agreements = read_agreements(root);
  t.operations = read_operations(root);
  t.timeline = read_timeline(root);
  return t;
}

}  // namespace peacesim::theatre
