// The models peacesim can run, by the name a scenario gives in its `model:` field.
#pragma once

#include "engine/model.hpp"
#include "engine/parameters.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace peacesim::models {

// Everything a model is built from.
struct ModelInput {
  const engine::ParameterSet& parameters;
  std::uint64_t seed = 1;  // the run seed (initial placement draws use it through RandomStreams)
  unsigned threads = 1;
  double scale = 1.0;  // people per agent, where the model has people
};

struct ModelInfo {
  std::string name;     // e.g. "epstein_mesa"
  std::string summary;  // one line for `peacesim describe` and `--help`
  std::vector<engine::ParameterSpec> parameters;
  std::function<std::unique_ptr<engine::Model>(const ModelInput&)> make;
};

// All registered models, in a fixed order.
const std::vector<ModelInfo>& all_models();
const ModelInfo* find_model(const std::string& name);

}  // namespace peacesim::models
