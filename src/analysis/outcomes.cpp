#include "analysis/outcomes.hpp"

#include <fmt/format.h>

#include <set>

namespace peacesim::analysis {

namespace {
// The two forms of an outcome's name; outcomes_of and outcome_names must agree on them.
std::string whole_run_name(const std::string& series, const std::string& region) {
  return fmt::format("{}[{}]", series, region);
}
std::string yearly_name(const std::string& whole_run, int year) {
  return fmt::format("{}@{}", whole_run, year);
}
}  // namespace

Outcomes outcomes_of(const engine::Recorder& recorder) {
  Outcomes out;
  const auto& specs = recorder.series();
  const auto& regions = recorder.regions();
  for (const auto& row : recorder.rows()) {
    if (row.step == 0) continue;  // the initial state is not an outcome
    const auto& spec = specs[row.series];
    const std::string name = whole_run_name(spec.name, regions[row.region]);
    const std::string yearly = yearly_name(name, row.date.year());
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

std::set<std::string> outcome_names(engine::Model& model, engine::Date start, engine::Date end) {
  engine::Recorder recorder;
  model.declare_outputs(recorder);
  // The years in which a period of each cadence ends at step 1 or later: where the engine's
  // close_periods writes rows that outcomes_of reads (every series in every region).
  std::map<engine::Cadence, std::set<int>> years;
  for (const auto& spec : recorder.series()) years[spec.cadence];
  engine::Clock clock(start, end);
  while (!clock.finished()) {
    const engine::CadenceSet ended = clock.periods_ending();
    for (auto& [cadence, in] : years) {
      if (ended.contains(cadence)) in.insert(clock.today().year());
    }
    clock.advance();
  }
  std::set<std::string> names;
  for (const auto& spec : recorder.series()) {
    const auto& in = years.at(spec.cadence);
    if (in.empty()) continue;
    for (const auto& region : recorder.regions()) {
      const std::string name = whole_run_name(spec.name, region);
      names.insert(name);
      for (const int year : in) names.insert(yearly_name(name, year));
    }
  }
  return names;
}

std::vector<std::string> headline_outcomes(const std::vector<std::string>& present,
                                           const std::vector<std::string>& preferred) {
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
