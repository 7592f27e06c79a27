#include "cli/observed_files.hpp"

#include "cli/region_names.hpp"
#include "scenario/error.hpp"

namespace peacesim::cli {

engine::Date date_option(const std::string& text, const std::string& field) {
  if (auto d = engine::Date::parse(text)) return *d;
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field,
                                "'" + text + "' is not a date YYYY-MM-DD");
}

ObservedScope observed_scope(const scenario::Scenario& scenario) {
  const auto* state = scenario.root.get("state");
  const auto* country = state != nullptr && state->is_map() ? state->get("country") : nullptr;
  return {country != nullptr && country->is_scalar() ? country->text() : "", scenario_region_names(scenario)};
}

ObservedScope observed_scope_of_runs(const std::vector<std::string>& folders) {
  ObservedScope scope;
  for (std::size_t i = 0; i < folders.size(); ++i) {
    const auto& f = folders[i];
    const std::string mine = validation::displaced_origin_of_run(f);
    if (!scope.displaced_origin.empty() && !mine.empty() && mine != scope.displaced_origin)
      throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "RUN",
                                    f + " ran a theatre of " + mine + ", an earlier folder one of " +
                                        scope.displaced_origin + ": compare one country's runs at a time");
    if (scope.displaced_origin.empty()) scope.displaced_origin = mine;
    validation::RegionNames regions = validation::region_names_of_run(f);
    if (i > 0 && regions.regions() != scope.regions.regions())
      throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "RUN",
                                    f + " ran a theatre of other regions than " + folders.front() +
                                        ": compare one theatre's runs at a time");
    if (i == 0) scope.regions = std::move(regions);
  }
  return scope;
}

validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from, engine::Date to,
                                   const ObservedScope& scope) {
  const engine::Date dawn(1900, 1, 1), dusk(2200, 12, 31);
  validation::Observed observed;
  observed.regions = scope.regions;
  for (const auto& file : files) {
    observed.files.push_back(file);
    switch (validation::kind_of(file)) {
      case validation::ObservedKind::Acled:
      case validation::ObservedKind::AcledAggregates:
        observed.events = validation::read_events(file, dawn, dusk, scope.regions);
        observed.events_in_window = validation::read_events(file, from, to, scope.regions);
        break;
      case validation::ObservedKind::UnhcrPopulation:
        observed.displacement = validation::read_unhcr(file, scope.displaced_origin);
        break;
      case validation::ObservedKind::PeacekeepingFatalities: {
        auto all = validation::read_peacekeeping_fatalities(file, dawn, dusk);
        for (const auto& [year, n] : validation::read_peacekeeping_fatalities(file, from, to)) all[year] = n;
        observed.minusma = std::move(all);
        break;
      }
    }
  }
  return observed;
}

}  // namespace peacesim::cli
