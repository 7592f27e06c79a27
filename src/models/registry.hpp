// The models peacesim can run, by the name a scenario gives in its `model:` field.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "engine/parameters.hpp"
#include "scenario/scenario.hpp"

namespace peacesim::models {

// Everything a model is built from.
struct ModelInput {
  const engine::ParameterSet& parameters;
  const scenario::Scenario& scenario;  // for models that read their own sections of the file
  std::uint64_t seed = 1;              // the run seed (initial placement draws use it through RandomStreams)
  unsigned threads = 1;
  double scale = 1.0;  // people per agent, where the model has people
};

// How `peacesim describe` prints.
enum class DescribeFormat { Text, Markdown, Json };

struct ModelInfo {
  std::string name;                  // e.g. "epstein_mesa"
  std::vector<std::string> aliases;  // older names a scenario's `model:` may still give
  std::string summary;               // one line for `peacesim describe` and `--help`
  std::vector<engine::ParameterSpec> parameters;
  // Top-level scenario sections this model reads besides the common ones (MODEL.md §3 entities for
  // the theatre model, none for Epstein's). Any other top-level field is reported as unknown.
  std::vector<std::string> sections;
  std::function<std::unique_ptr<engine::Model>(const ModelInput&)> make;
  // Optional: the model's own sections for `peacesim describe` (operations, timeline, ...), in the
  // given format; for Json, the text of one JSON object whose members are added to the output.
  // Throws scenario::ScenarioError for bad input, like make.
  std::function<std::string(const ModelInput&, DescribeFormat)> describe;
};

// All registered models, in a fixed order.
const std::vector<ModelInfo>& all_models();
// The model with this name or alias, or nullptr.
const ModelInfo* find_model(const std::string& name);

}  // namespace peacesim::models
