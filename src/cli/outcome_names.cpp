#include "cli/outcome_names.hpp"

#include <fmt/format.h>

#include "scenario/error.hpp"
#include "scenario/reader.hpp"

namespace peacesim::cli {

void check_outcomes(const std::vector<std::string>& asked, const std::set<std::string>& known) {
  for (const auto& name : asked) {
    if (known.count(name)) continue;
    std::string message =
        fmt::format("'{}' is not an outcome of these runs (SERIES[REGION] or SERIES[REGION]@YEAR, e.g. '{}')",
                    name, known.empty() ? std::string("none") : *known.begin());
    if (const auto near = scenario::closest_name(name, std::vector<std::string>(known.begin(), known.end())))
      message += fmt::format("; did you mean '{}'?", *near);
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--outcome", message);
  }
}

}  // namespace peacesim::cli
