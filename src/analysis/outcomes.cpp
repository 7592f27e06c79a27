#include "analysis/outcomes.hpp"

#include <fmt/format.h>

#include <set>

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

std::vector<std::string> headline_outcomes(const std::vector<std::string>& present) {
  static const std::vector<std::string> preferred{
      "fatalities_battles[Mali]",
      "fatalities_violence_against_civilians[Mali]",
      "fatalities_explosions_remote_violence[Mali]",
      "civilians_killed[Mali]",
      "casualties_minusma[Mali]",
      "casualties_army[Mali]",
      "internally_displaced[Mali]",
      "refugees[Mali]",
      "state_authority[Gao]",
      "state_authority[Kidal]",
      "state_authority[Tombouctou]",
      "state_authority[Mopti]",
      "towns_held_state[Mali]",
      "implementation_ouagadougou_2013[Mali]",
      "implementation_algiers_2015[Mali]",
      "cost_total[Mali]",
      "share_paid_by_france[Mali]",
      "share_paid_by_usa[Mali]",
      "share_paid_by_donors[Mali]",
  };
  const std::set<std::string> have(present.begin(), present.end());
  std::vector<std::string> out;
  for (const auto& name : preferred) {
    if (have.count(name)) out.push_back(name);
  }
  if (!out.empty()) return out;
  for (const auto& name : present) {
    if (name.find('@') == std::string::npos) out.push_back(name);
    if (out.size() == 12) break;
  }
  return out;
}

}  // namespace peacesim::analysis
