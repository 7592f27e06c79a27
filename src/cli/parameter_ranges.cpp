#include "cli/parameter_ranges.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <memory>

#include "scenario/error.hpp"

namespace peacesim::cli {

namespace {
[[noreturn]] void bad(const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--param", message);
}

double number(const std::string& text, const std::string& arg) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !std::isfinite(x))
    bad("'" + arg + "': '" + text + "' is not a number");
  return x;
}
}  // namespace

std::vector<ParameterRange> parse_ranges(const PreparedRun& run, const std::vector<std::string>& args) {
  if (args.empty()) bad("give at least one parameter (NAME or NAME=LOW:HIGH)");
  std::vector<ParameterRange> out;
  for (const auto& arg : args) {
    const auto eq = arg.find('=');
    ParameterRange r;
    r.name = arg.substr(0, eq);
    const auto* spec = run.parameters.find(r.name);
    if (spec == nullptr) bad("'" + r.name + "' is not a parameter of model '" + run.scenario.model + "'");
    if (spec->kind == engine::ParameterKind::Boolean)
      bad("'" + r.name + "' is a switch (boolean), not a range");
    for (const auto& o : out) {
      if (o.name == r.name) bad("'" + r.name + "' is given twice");
    }
    r.integer = spec->kind == engine::ParameterKind::Integer;
    if (eq == std::string::npos) {
      r.low = spec->min;
      r.high = spec->max;
    } else {
      const std::string range = arg.substr(eq + 1);
      const auto colon = range.find(':');
      if (colon == std::string::npos) bad("'" + arg + "': write NAME=LOW:HIGH");
      r.low = number(range.substr(0, colon), arg);
      r.high = number(range.substr(colon + 1), arg);
    }
    if (!(r.low < r.high))
      bad(fmt::format("'{}': the low bound {} is not below the high bound {}", arg, r.low, r.high));
    if (r.low < spec->min || r.high > spec->max) {
      bad(fmt::format("'{}': [{}, {}] leaves the declared plausible range [{}, {}] {}", arg, r.low, r.high,
                      spec->min, spec->max, spec->unit));
    }
    out.push_back(r);
  }
  return out;
}

std::vector<double> effective_values(const std::vector<ParameterRange>& ranges,
                                     const std::vector<double>& values) {
  std::vector<double> out(values);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    if (ranges[k].integer) out[k] = std::round(out[k]);
  }
  return out;
}

analysis::Arm arm_with(const PreparedRun& run, engine::ParameterSet parameters) {
  auto shared = std::make_shared<const engine::ParameterSet>(std::move(parameters));
  analysis::Arm arm;
  arm.start = run.scenario.start;
  arm.end = run.scenario.end;
  arm.make = [&run, shared](std::uint64_t seed) {
    return run.model->make(models::ModelInput{*shared, run.scenario, seed, 1, run.scenario.people_per_agent});
  };
  return arm;
}

analysis::Arm arm_at(const PreparedRun& run, const std::vector<ParameterRange>& ranges,
                     const std::vector<double>& values) {
  engine::ParameterSet parameters = run.parameters;
  const auto used = effective_values(ranges, values);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    parameters.set(ranges[k].name, used[k], {"--param", "a point of a design (sweep or sensitivity)"});
  }
  return arm_with(run, std::move(parameters));
}

}  // namespace peacesim::cli
