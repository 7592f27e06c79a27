#include "cli/region_names.hpp"

#include <algorithm>
#include <map>

#include "theatre/institutions.hpp"
#include "theatre/region_aliases.hpp"

namespace peacesim::cli {

std::optional<ScenarioRegions> scenario_regions(const scenario::Scenario& s) {
  if (s.root.get("geography") == nullptr) return std::nullopt;
  theatre::BoundaryLayer spec = theatre::read_geography(s.root).regions;
  geo::AdminLayer layer =
      geo::load_admin_layer(geo::LayerSource{spec.file.path, spec.file.text, spec.name_field, spec.code_field,
                                             spec.parent_field, spec.file.where, spec.file.field});
  return ScenarioRegions{std::move(spec), std::move(layer)};
}

validation::RegionNames region_names(const ScenarioRegions& r) {
  std::vector<std::string> regions;  // the theatre's: without those the scenario leaves out
  const auto& left_out = r.spec.excluded;
  std::map<std::string, std::string> countries;  // the left-out regions' too
  for (const auto& unit : r.layer.units) {
    if (!r.spec.leaves_out(unit.name)) regions.push_back(unit.name);
    countries[unit.name] = unit.parent;
  }
  auto aliases = r.spec.aliases ? theatre::read_region_aliases(*r.spec.aliases, regions, left_out)
                                : std::vector<std::pair<std::string, std::string>>{};
  validation::RegionNames names(std::move(regions), std::move(aliases));
  names.set_left_out(left_out);
  names.set_countries(std::move(countries));
  return names;
}

std::vector<std::pair<std::string, std::vector<std::string>>> country_regions(const scenario::Scenario& s,
                                                                              const ScenarioRegions& r) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  const scenario::Node* several = s.root.get("states");
  if (several == nullptr || several->is_null()) return out;
  const auto states = theatre::read_states(s.root);
  if (states.size() < 2) return out;
  for (const auto& state : states) {
    std::vector<std::string> within;
    for (const auto& unit : r.layer.units) {
      if (unit.parent == state.country && !r.spec.leaves_out(unit.name)) within.push_back(unit.name);
    }
    std::sort(within.begin(), within.end());
    out.emplace_back(state.country_name, std::move(within));
  }
  return out;
}

validation::RegionNames scenario_region_names(const scenario::Scenario& s) {
  const auto regions = scenario_regions(s);
  return regions ? region_names(*regions) : validation::RegionNames{};
}

}  // namespace peacesim::cli
