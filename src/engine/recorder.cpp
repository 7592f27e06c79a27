#include "engine/recorder.hpp"

#include <algorithm>
#include <stdexcept>

namespace peacesim::engine {

void Recorder::set_regions(std::vector<std::string> names) {
  if (!specs_.empty()) throw std::logic_error("regions must be set before series are declared");
  if (names.empty()) throw std::invalid_argument("at least one region is needed");
  regions_ = std::move(names);
}

SeriesId Recorder::declare(SeriesSpec spec) {
  for (const auto& s : specs_) {
    if (s.name == spec.name) throw std::logic_error("series declared twice: " + spec.name);
  }
  specs_.push_back(std::move(spec));
  current_.resize(specs_.size() * regions_.size(), 0.0);
  return static_cast<SeriesId>(specs_.size() - 1);
}

void Recorder::close_periods(std::uint32_t step, Date date, CadenceSet ended, bool initial) {
  for (SeriesId id = 0; id < specs_.size(); ++id) {
    const SeriesSpec& spec = specs_[id];
    if (initial) {
      if (spec.kind != SeriesKind::Gauge) continue;
    } else if (!ended.contains(spec.cadence)) {
      continue;
    }
    for (RegionIndex r = 0; r < regions_.size(); ++r) {
      double& value = current_[slot(id, r)];
      rows_.push_back({step, date, id, r, value});
      if (spec.kind == SeriesKind::Flow) value = 0.0;
    }
  }
}

}  // namespace peacesim::engine
