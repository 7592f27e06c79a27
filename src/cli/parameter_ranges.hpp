// The parameter ranges of `sweep` and `sensitivity` (`--param NAME=LOW:HIGH`, or `--param NAME`
// for the parameter's declared plausible range), checked against the model's declarations, and
// the model factory for one point of the space.
#pragma once

#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "cli/prepared_run.hpp"

namespace peacesim::cli {

struct ParameterRange {
  std::string name;
  double low = 0.0, high = 0.0;
  bool integer = false;
};

// Throws scenario::ScenarioError (field `--param`) for an unknown parameter, a malformed range, a
// boolean parameter, or bounds outside the declared plausible range.
std::vector<ParameterRange> parse_ranges(const PreparedRun& run, const std::vector<std::string>& args);

// The scenario with these parameters, as an arm to run members of.
analysis::Arm arm_with(const PreparedRun& run, engine::ParameterSet parameters);

// The scenario with these parameter values (integers rounded), as an arm to run members of.
analysis::Arm arm_at(const PreparedRun& run, const std::vector<ParameterRange>& ranges,
                     const std::vector<double>& values);

// The values as used (integers rounded).
std::vector<double> effective_values(const std::vector<ParameterRange>& ranges,
                                     const std::vector<double>& values);

}  // namespace peacesim::cli
