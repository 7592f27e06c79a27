#include "cli/region_names.hpp"

#include "geo/boundaries.hpp"
#include "theatre/geography_spec.hpp"
#include "theatre/region_aliases.hpp"

namespace peacesim::cli {

validation::RegionNames scenario_region_names(const scenario::Scenario& s) {
  if (s.root.get("geography") == nullptr) return {};
  const theatre::BoundaryLayer spec = theatre::read_geography(s.root).regions;
  const geo::AdminLayer layer =
      geo::load_admin_layer(geo::LayerSource{spec.file.path, spec.file.text, spec.name_field, spec.code_field,
                                             spec.parent_field, spec.file.where, spec.file.field});
  std::vector<std::string> regions;
  for (const auto& unit : layer.units) regions.push_back(unit.name);
  auto aliases = spec.aliases ? theatre::read_region_aliases(*spec.aliases, regions)
                              : std::vector<std::pair<std::string, std::string>>{};
  return validation::RegionNames(std::move(regions), std::move(aliases));
}

}  // namespace peacesim::cli
