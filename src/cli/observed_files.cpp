#include "cli/observed_files.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/region_names.hpp"
#include "scenario/error.hpp"
#include "scenario/json.hpp"

namespace peacesim::cli {

engine::Date date_option(const std::string& text, const std::string& field) {
  if (auto d = engine::Date::parse(text)) return *d;
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field,
                                "'" + text + "' is not a date YYYY-MM-DD");
}

engine::Date first_new_year(engine::Date start) {
  return start.month() == 1 && start.day() == 1 ? start : engine::Date(start.year() + 1, 1, 1);
}

Window default_window(const scenario::Scenario& scenario) {
  engine::Date to = scenario.end;
  if (const auto* theatre = scenario.root.get("theatre"); theatre != nullptr && theatre->is_map()) {
    if (const auto* end = theatre->get("observations_end"); end != nullptr && end->is_scalar()) {
      if (const auto d = engine::Date::parse(end->text())) to = std::min(*d, scenario.end);
    }
  }
  return {std::min(first_new_year(scenario.start), to), to};
}

Window default_window_of_runs(const std::vector<std::string>& folders) {
  if (folders.empty()) return {engine::Date(1900, 1, 1), engine::Date(2200, 12, 31)};
  const validation::RunCalendar c = validation::calendar_of_run(folders.front());
  engine::Date to = c.observations_end ? std::min(*c.observations_end, c.end) : c.end;
  return {std::min(first_new_year(c.start), to), to};
}

Window window_options(const std::string& from, const std::string& from_option, const std::string& to,
                      const std::string& to_option, const Window& fallback) {
  const Window w{from.empty() ? fallback.from : date_option(from, from_option),
                 to.empty() ? fallback.to : date_option(to, to_option)};
  if (w.to < w.from)
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, to_option,
                                  w.to.iso() + " is before " + from_option + " " + w.from.iso());
  return w;
}

ObservedScope observed_scope(const scenario::Scenario& scenario) {
  return observed_scope(scenario, scenario_region_names(scenario));
}

ObservedScope observed_scope(const scenario::Scenario& scenario, validation::RegionNames regions) {
  const auto* state = scenario.root.get("state");
  const auto* country = state != nullptr && state->is_map() ? state->get("country") : nullptr;
  const auto* operations = scenario.root.get("operations");
  nlohmann::json as_json = nlohmann::json::object();
  if (operations != nullptr) as_json["operations"] = nlohmann::json(scenario::to_json(*operations));
  return {country != nullptr && country->is_scalar() ? country->text() : "", std::move(regions),
          validation::peacekeeping_operations(as_json)};
}

ObservedScope observed_scope_of_runs(const std::vector<std::string>& folders) {
  ObservedScope scope;
  for (std::size_t i = 0; i < folders.size(); ++i) {
    const auto& f = folders[i];
    const auto manifest = validation::manifest_of_run(f);
    const std::string mine = validation::displaced_origin(manifest);
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
    if (i == 0) {
      scope.regions = std::move(regions);
      scope.peacekeeping = validation::peacekeeping_operations_of_manifest(manifest);
    }
  }
  return scope;
}

namespace {
// UNHCR's stocks of the scope's displaced: its state's, or with several states those the theatre
// holds whole (a state with a region left out is not compared: its national figures include it).
validation::Displacement read_displacement(const std::vector<std::filesystem::path>& files,
                                           const ObservedScope& scope) {
  const auto countries = scope.regions.countries();
  if (countries.empty()) {
    if (files.size() > 1)
      throw validation::InputError(files[1].string() +
                                   ": a second UNHCR file; a theatre of one state reads one");
    return validation::read_unhcr(files.front(), scope.displaced_origin);
  }
  const auto whole = scope.regions.whole_countries();
  if (whole.empty())
    throw validation::InputError(
        files.front().string() + ": the theatre leaves out a region of every one of its states (" +
        fmt::format("{}", fmt::join(countries, ", ")) + "), so no state's national stocks can be compared");
  return validation::read_unhcr(files, whole);
}
}  // namespace

validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from, engine::Date to,
                                   const ObservedScope& scope) {
  const engine::Date dawn(1900, 1, 1), dusk(2200, 12, 31);
  validation::Observed observed;
  observed.regions = scope.regions;
  bool events_read = false;                  // several event files (one per country) add up
  std::vector<std::filesystem::path> unhcr;  // read together: neighbours' files share rows
  for (const auto& file : files) {
    observed.files.push_back(file);
    switch (validation::kind_of(file)) {
      case validation::ObservedKind::Acled:
      case validation::ObservedKind::AcledAggregates: {
        auto tables = validation::read_events(file, {{dawn, dusk}, {from, to}}, scope.regions);
        if (events_read) {
          validation::add_events(*observed.events, tables[0]);
          validation::add_events(*observed.events_in_window, tables[1]);
        } else {
          observed.events = std::move(tables[0]);
          observed.events_in_window = std::move(tables[1]);
        }
        events_read = true;
        break;
      }
      case validation::ObservedKind::UnhcrPopulation:
        unhcr.emplace_back(file);
        break;
      case validation::ObservedKind::PeacekeepingFatalities:
        observed.peacekeeping = validation::read_peacekeeping_deaths(file, scope.peacekeeping, from, to);
        break;
    }
  }
  if (!unhcr.empty()) observed.displacement = read_displacement(unhcr, scope);
  return observed;
}

}  // namespace peacesim::cli
