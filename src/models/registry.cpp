#include "models/registry.hpp"

#include <algorithm>

#include "models/conflict_theatre/theatre_model.hpp"
#include "models/epstein/epstein_models.hpp"
#include "models/flee_case/flee_case.hpp"

namespace peacesim::models {

const std::vector<ModelInfo>& all_models() {
  static const std::vector<ModelInfo> models{
      epstein::epstein_mesa_info(),     epstein::epstein_netlogo_info(), epstein::epstein_parallel_info(),
      conflict_theatre::theatre_info(), flee_case::flee_case_info(),
  };
  return models;
}

const ModelInfo* find_model(const std::string& name) {
  const auto& models = all_models();
  const auto it = std::find_if(models.begin(), models.end(), [&](const ModelInfo& m) {
    return m.name == name || std::find(m.aliases.begin(), m.aliases.end(), name) != m.aliases.end();
  });
  return it == models.end() ? nullptr : &*it;
}

}  // namespace peacesim::models
