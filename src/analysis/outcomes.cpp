#include "analysis/outcomes.hpp"

#include <fmt/format.h>

namespace peacesim::analysis {

Outcomes outcomes_of(const engine::Recorder& recorder) {
  Outcomes out;
  const auto& specs = recorder.series();
  const auto& regions = recorder.regions();
  for (const auto& row : recorder.rows()) {
    if (row.step == 0) continue;  // the initial state is not an outcome
    const auto& spec = specs[row.series];
    const std::string name = fmt::format("{}[{}]", spec.name, regions[row.region]);
    const std::string yearly = fmt::format("{}@{}", name, row.date.year());
    if (spec.kind == engine::SeriesKind::Flow) {
      out[name] += row.value;
      out[yearly] += row.value;
    } else {
      out[name] = row.value;  // rows come in time order: the last one stays
      out[yearly] = row.value;
    }
  }
  return out;
}

}  // namespace peacesim::analysis
