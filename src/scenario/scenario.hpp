// A scenario: what to run (model, calendar, seed, scale, parameter values) and everything the
// model reads from the file. Loading layers base, variant and command-line overrides, then checks
// the common fields; each model checks its own sections.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/parameters.hpp"
#include "scenario/node.hpp"

namespace peacesim::scenario {

inline constexpr int kSchemaVersion = 1;

struct Scenario {
  std::filesystem::path path;                // the file named by the user
  std::vector<std::filesystem::path> files;  // every file read, bases first
  std::string name;
  std::string title;
  std::string description;
  std::string model;
  engine::Date start;
  engine::Date end;
  // calendar.forecast_origin: the last day whose observations the run may start a forecast from
  // (a model that has them sets its state to what was observed then, on the day after); none: the
  // run simulates throughout. No earlier than the day before the start; on or after the end, the
  // run ends before its forecast. `backtest` sets it to each origin.
  std::optional<engine::Date> forecast_origin;
  std::uint64_t seed = 1;
  double people_per_agent = 1.0;
  // The outcomes a comparison, sweep or sensitivity shows when none are asked for, in order
  // (`headline_outcomes:`, names as SERIES[REGION]); empty: the first outcomes of the run.
  std::vector<std::string> headline_outcomes;
  Node root;         // the merged tree (after overrides)
  std::string hash;  // content hash of the merged tree: two runs with equal hashes ran the same input
};

struct LoadOptions {
  std::vector<std::string> overrides;      // --set FIELD=VALUE, applied in order
  std::optional<std::uint64_t> seed;       // --seed
  std::optional<double> people_per_agent;  // --scale
};

// Loads and checks a scenario. Throws ScenarioError with file, line, column and field.
Scenario load_scenario(const std::filesystem::path& path, const LoadOptions& options = {});

// The parameter values for a model: its declared defaults, replaced by the scenario's
// `parameters:` entries (each a number, or a mapping with value, unit, source, range). Throws
// ScenarioError for unknown names, wrong types, values outside the declared range, or a unit
// that differs from the declared one.
engine::ParameterSet resolve_parameters(const Scenario& scenario, std::vector<engine::ParameterSpec> specs);

// The names of the top-level fields every scenario may have (models add their own sections).
const std::vector<std::string>& common_fields();

}  // namespace peacesim::scenario
