#include "scenario/scenario.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <limits>

#include "scenario/error.hpp"
#include "scenario/json.hpp"
#include "scenario/reader.hpp"
#include "scenario/yaml_source.hpp"

namespace peacesim::scenario {

namespace {
constexpr std::int64_t kMaxSteps = 100'000;  // about 270 years of days: a guard against typos

std::string content_hash(const Node& root) {
  const std::string canonical = to_json(root).dump();
  const XXH128_hash_t h = XXH3_128bits(canonical.data(), canonical.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

void read_calendar(MapReader& top, Scenario& s) {
  const Node& node = top.required("calendar");
  MapReader cal(node, "calendar");
  s.start = cal.date("start");
  const Node* step = cal.optional("step");
  const Node* end = cal.optional("end");
  const Node* steps = cal.optional("steps");
  const Node* origin = cal.optional("forecast_origin");
  cal.finish();  // a misspelt field is the likeliest cause of what follows: say so first
  if (step != nullptr) {
    const std::string text = read_string(*step, cal.field("step"));
    if (text != "1 day" && text != "day" && text != "daily") {
      throw ScenarioError(step->where(), cal.field("step"), "only daily steps are supported ('1 day')");
    }
  }
  if ((end == nullptr) == (steps == nullptr)) {
    throw ScenarioError(node.where(), "calendar",
                        "give exactly one of 'end' (a date) or 'steps' (a count of days)");
  }
  if (end != nullptr) {
    s.end = read_date(*end, cal.field("end"));
    if (s.end < s.start) {
      throw ScenarioError(end->where(), cal.field("end"),
                          fmt::format("{} is before calendar.start {}", s.end.iso(), s.start.iso()));
    }
  } else {
    const std::int64_t n = read_integer(*steps, cal.field("steps"));
    if (n < 1 || n > kMaxSteps) {
      throw ScenarioError(steps->where(), cal.field("steps"),
                          fmt::format("must be between 1 and {}", kMaxSteps));
    }
    s.end = s.start.plus_days(n - 1);
  }
  if (days_between(s.start, s.end) + 1 > kMaxSteps) {
    throw ScenarioError(node.where(), "calendar", fmt::format("runs longer than {} days", kMaxSteps));
  }
  // `none` says so explicitly (`--set calendar.forecast_origin=none` undoes a scenario's origin).
  if (origin != nullptr && !(origin->is_scalar() && origin->text() == "none")) {
    s.forecast_origin = read_date(*origin, cal.field("forecast_origin"));
    // The day before the start is the latest origin a run can start from (its first day is then
    // the forecast's); an origin on or after the end leaves the whole run before the forecast.
    if (*s.forecast_origin < s.start.plus_days(-1)) {
      throw ScenarioError(origin->where(), cal.field("forecast_origin"),
                          fmt::format("{} is before the day before calendar.start {}: the run could not "
                                      "start its forecast from it",
                                      s.forecast_origin->iso(), s.start.iso()));
    }
  }
}

void read_run(MapReader& top, Scenario& s) {
  const Node* node = top.optional("run");
  if (node == nullptr) return;
  MapReader run(*node, "run");
  if (const Node* seed = run.optional("seed")) {
    const std::int64_t v = read_integer(*seed, run.field("seed"));
    if (v < 0) throw ScenarioError(seed->where(), run.field("seed"), "must not be negative");
    s.seed = static_cast<std::uint64_t>(v);
  }
  if (const Node* ppa = run.optional("people_per_agent")) {
    s.people_per_agent = read_number(*ppa, run.field("people_per_agent"));
    if (!(s.people_per_agent >= 1.0)) {
      throw ScenarioError(ppa->where(), run.field("people_per_agent"), "must be at least 1");
    }
  }
  run.finish();
}
}  // namespace

namespace {

// `headline_outcomes`: a list of outcome names (SERIES[REGION]); whether the model has them is
// checked where they are used, against the run's outcomes.
void read_headline_outcomes(MapReader& top, Scenario& s) {
  const Node* list = top.optional("headline_outcomes");
  if (list == nullptr || list->is_null()) return;
  if (!list->is_sequence())
    throw ScenarioError(list->where(), "headline_outcomes", "must be a list of outcome names");
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const std::string field = fmt::format("headline_outcomes[{}]", i);
    const std::string name = read_string(list->items()[i], field);
    if (name.empty() || name.find('[') == std::string::npos || name.back() != ']') {
      throw ScenarioError(
          list->items()[i].where(), field,
          "'" + name + "' is not an outcome name: SERIES[REGION], a series and one of its regions");
    }
    s.headline_outcomes.push_back(name);
  }
}

}  // namespace

const std::vector<std::string>& common_fields() {
  // `patterns`, `calibration` and `posterior` say how runs are judged and fitted (docs/validation.md,
  // docs/calibration.md); they are read by the commands that judge and fit, whatever the model.
  static const std::vector<std::string> fields{"peacesim", "name",        "title",     "description",
                                               "model",    "calendar",    "run",       "parameters",
                                               "patterns", "calibration", "posterior", "headline_outcomes"};
  return fields;
}

Scenario load_scenario(const std::filesystem::path& path, const LoadOptions& options) {
  Scenario s;
  s.path = path;
  ParseBudget budget;  // the files and the --set values together
  s.root = load_layered(path, budget, &s.files);
  for (const std::string& assignment : options.overrides) apply_override(s.root, assignment, budget);

  MapReader top(s.root, "");
  const Node& version = top.required("peacesim");
  if (read_integer(version, "peacesim") != kSchemaVersion) {
    throw ScenarioError(version.where(), "peacesim",
                        fmt::format("this peacesim reads scenario schema version {}, the file says {}",
                                    kSchemaVersion, version.text()));
  }
  s.name = top.string("name");
  if (s.name.empty() || s.name.find_first_of("/\\ \t") != std::string::npos) {
    throw ScenarioError(top.required("name").where(), "name",
                        "must be a non-empty word without spaces or slashes");
  }
  s.title = top.string_or("title", s.name);
  s.description = top.string_or("description", "");
  s.model = top.string("model");
  read_calendar(top, s);
  read_run(top, s);
  top.accept("parameters");  // checked against the model's declarations in resolve_parameters
  read_headline_outcomes(top, s);
  // Models read their own sections; only the common fields are checked here.

  if (options.seed) s.seed = *options.seed;
  if (options.people_per_agent) {
    if (!(*options.people_per_agent >= 1.0)) {
      throw ScenarioError({"<command line: --scale>"}, "run.people_per_agent", "must be at least 1");
    }
    s.people_per_agent = *options.people_per_agent;
  }
  s.hash = content_hash(s.root);
  return s;
}

engine::ParameterSet resolve_parameters(const Scenario& scenario, std::vector<engine::ParameterSpec> specs) {
  engine::ParameterSet set(std::move(specs));
  const Node* section = scenario.root.get("parameters");
  if (section == nullptr || section->is_null()) return set;
  if (!section->is_map()) {
    throw ScenarioError(section->where(), "parameters", "expected a mapping of parameter names to values");
  }
  std::vector<std::string> names;
  for (const auto& spec : set.specs()) names.push_back(spec.name);

  for (const auto& [name, node] : section->entries()) {
    const std::string field = "parameters." + name;
    const engine::ParameterSpec* spec = set.find(name);
    if (spec == nullptr) {
      std::string message = fmt::format("model '{}' has no parameter '{}'", scenario.model, name);
      if (auto near = closest_name(name, names)) message += fmt::format(" (did you mean '{}'?)", *near);
      throw ScenarioError(node.where(), field, message);
    }
    const Node* value_node = &node;
    std::string source = spec->source;
    if (node.is_map()) {
      MapReader entry(node, field);
      value_node = &entry.required("value");
      if (const Node* unit = entry.optional("unit")) {
        const std::string u = read_string(*unit, field + ".unit");
        if (u != spec->unit) {
          throw ScenarioError(unit->where(), field + ".unit",
                              fmt::format("is '{}' but {} is measured in '{}'", u, name, spec->unit));
        }
      }
      if (const Node* src = entry.optional("source")) source = read_string(*src, field + ".source");
      if (const Node* range = entry.optional("range")) {
        if (!range->is_sequence() || range->items().size() != 2) {
          throw ScenarioError(range->where(), field + ".range", "expected a list of two numbers [min, max]");
        }
        const double lo = read_number(range->items()[0], field + ".range[0]");
        const double hi = read_number(range->items()[1], field + ".range[1]");
        if (lo > hi || lo < spec->min || hi > spec->max) {
          throw ScenarioError(range->where(), field + ".range",
                              fmt::format("[{}, {}] must be ordered and within the declared range [{}, {}]",
                                          lo, hi, spec->min, spec->max));
        }
      }
      entry.finish();
    }
    double value = 0.0;
    if (spec->kind == engine::ParameterKind::Boolean) {
      value = read_bool(*value_node, field) ? 1.0 : 0.0;
    } else {
      value = read_number(*value_node, field);
    }
    if (auto problem = engine::check_value(*spec, value)) {
      throw ScenarioError(value_node->where(), field, *problem);
    }
    set.set(name, value, {value_node->where().str(), source});
  }
  return set;
}

}  // namespace peacesim::scenario
