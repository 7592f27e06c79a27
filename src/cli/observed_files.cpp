#include "cli/observed_files.hpp"

#include "scenario/error.hpp"

namespace peacesim::cli {

engine::Date date_option(const std::string& text, const std::string& field) {
  if (auto d = engine::Date::parse(text)) return *d;
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field,
                                "'" + text + "' is not a date YYYY-MM-DD");
}

std::string displaced_origin(const scenario::Scenario& scenario) {
  const auto* state = scenario.root.get("state");
  const auto* country = state != nullptr && state->is_map() ? state->get("country") : nullptr;
  return country != nullptr && country->is_scalar() ? country->text() : "";
}

std::string displaced_origin_of_runs(const std::vector<std::string>& folders) {
  std::string origin;
  for (const auto& f : folders) {
    const std::string mine = validation::displaced_origin_of_run(f);
    if (!origin.empty() && !mine.empty() && mine != origin)
      throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "RUN",
                                    f + " ran a theatre of " + mine + ", an earlier folder one of " + origin +
                                        ": compare one country's runs at a time");
    if (origin.empty()) origin = mine;
  }
  return origin;
}

validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from, engine::Date to,
                                   const std::string& origin) {
  const engine::Date dawn(1900, 1, 1), dusk(2200, 12, 31);
  validation::Observed observed;
  for (const auto& file : files) {
    observed.files.push_back(file);
    switch (validation::kind_of(file)) {
      case validation::ObservedKind::Acled:
      case validation::ObservedKind::AcledAggregates:
        observed.events = validation::read_events(file, dawn, dusk);
        observed.events_in_window = validation::read_events(file, from, to);
        break;
      case validation::ObservedKind::UnhcrPopulation:
        observed.displacement = validation::read_unhcr(file, origin);
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
