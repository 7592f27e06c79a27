#include "models/mali/mali_model.hpp"

#include "models/mali/describe.hpp"
#include "models/mali/parameters.hpp"
#include "models/mali/schedule_model.hpp"
#include "theatre/theatre.hpp"

namespace peacesim::models::mali {

ModelInfo mali_info() {
  ModelInfo info;
  info.name = "mali";
  info.summary =
      "Mali theatre (MODEL.md §3) from the scenario: geography, population, groups, institutions, "
      "operations; "
      "plays the scheduled inputs only (no mechanisms yet)";
  info.parameters = parameter_specs();
  info.sections = theatre::theatre_sections();
  info.make = [](const ModelInput& input) -> std::unique_ptr<engine::Model> {
    return std::make_unique<ScheduleModel>(load_world(input.scenario, input.parameters), input.scenario.end);
  };
  info.describe = [](const ModelInput& input, DescribeFormat format) {
    return describe_world(load_world(input.scenario, input.parameters), input.scenario, format);
  };
  return info;
}

}  // namespace peacesim::models::mali
