#include "cli/observed_files.hpp"

#include "scenario/error.hpp"

namespace peacesim::cli {

engine::Date date_option(const std::string& text, const std::string& field) {
  if (auto d = engine::Date::parse(text)) return *d;
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field,
                                "'" + text + "' is not a date YYYY-MM-DD");
}

validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from,
                                   engine::Date to) {
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
        observed.displacement = validation::read_unhcr(file);
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
