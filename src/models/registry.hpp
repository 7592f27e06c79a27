// The models peacesim can run, by the name a scenario gives in its `model:` field.
#pragma once

#include "engine/model.hpp"
#include "engine/parameters.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace peacesim::models {

// Everything a model is built from.
struct ModelInput {
  const engine::ParameterSet& parameters;
  const scenario::Scenario& scenario;  // for models that read their own sections of the file
  std::uint64_t seed = 1;  // the run seed (initial placement draws use it through RandomStreams)
  unsigned threads = 1;
  double scale = 1.0;  // people per agent, where the model has people
};

struct ModelInfo {
  std::string name;     // e.g. "epstein_mesa"
  std::string summary;  // one line for `peacesim describe` and `--help`
  std::vector<engine::ParameterSpec> parameters;
  // Top-level scenario sections this model reads besides the common ones (MODEL.md §3 entities for
  // the Mali model, none for Epstein's). Any other top-level field is reported as unknown.
  std::vector<std::string> sections;
  std::function<std::unique_ptr<engine::Model>(const ModelInput&)> make;
};

// All registered models, in a fixed order.
const std::vector<ModelInfo>& all_models();
const ModelInfo* find_model(const std::string& name);

}  // namespace peacesim::models
