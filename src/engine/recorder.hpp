// Declared recording. A model declares its time series and the engine writes them: the model
// only sets values (gauges) or adds amounts (flows); the engine decides when a period closes and
// which rows come out. Events follow ACLED's schema (MODEL.md M13).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/calendar.hpp"

namespace peacesim::engine {

using SeriesId = std::uint32_t;
using RegionIndex = std::uint32_t;

enum class SeriesKind : std::uint8_t {
  Gauge,  // a state: the value at the end of each period (fighters, people displaced)
  Flow,   // an amount: the sum over each period (fatalities, events)
};

struct SeriesSpec {
  std::string name;
  std::string unit;
  std::string description;
  SeriesKind kind = SeriesKind::Gauge;
  Cadence cadence = Cadence::Daily;
};

// One row of output: the value of a series in a region for the period that ended on `date`,
// after `step` steps. The initial state (gauges only) has step 0 and the eve of the start date.
struct SeriesRow {
  std::uint32_t step;
  Date date;
  SeriesId series;
  RegionIndex region;
  double value;
  template <class Archive>
  void serialize(Archive& a) {
    a(step, date, series, region, value);
  }
};

// An event in ACLED's schema (column names as in ACLED exports).
struct Event {
  std::uint32_t step = 0;
  Date event_date;
  std::string event_type;  // Battles, Violence against civilians, Explosions/Remote violence, ...
  std::string sub_event_type;
  std::string actor1;
  std::string actor2;
  int interaction = 0;  // ACLED's two-digit actor-type code
  std::string country;  // as ACLED's `country` column names it (the state's country name)
  std::string admin1;
  std::string admin2;
  std::string location;
  double latitude = 0.0;
  double longitude = 0.0;
  int fatalities = 0;
  template <class Archive>
  void serialize(Archive& a) {
    a(step, event_date, event_type, sub_event_type, actor1, actor2, interaction, country, admin1, admin2,
      location, latitude, longitude, fatalities);
  }
};

class Recorder {
 public:
  // --- declaration (before the run) ---
  // Regions every series is broken down by, the first standing for the whole (a theatre model puts
  // its country there, under the name the outputs and validate use); "all" when a model declares none.
  void set_regions(std::vector<std::string> names);
  SeriesId declare(SeriesSpec spec);

  [[nodiscard]] const std::vector<std::string>& regions() const { return regions_; }
  [[nodiscard]] const std::vector<SeriesSpec>& series() const { return specs_; }

  // --- during the run (single-threaded: reduce parallel work before recording) ---
  void set(SeriesId id, RegionIndex region, double value) { current_[slot(id, region)] = value; }
  void add(SeriesId id, RegionIndex region, double amount) { current_[slot(id, region)] += amount; }
  void event(Event e) { events_.push_back(std::move(e)); }

  // --- called by the engine ---
  // Emits rows for every series whose period (per its cadence) ended with this step; flows are
  // then reset to zero. `initial` emits the gauges' starting values (step 0).
  void close_periods(std::uint32_t step, Date date, CadenceSet ended, bool initial = false);

  [[nodiscard]] const std::vector<SeriesRow>& rows() const { return rows_; }
  [[nodiscard]] const std::vector<Event>& events() const { return events_; }

  // Checkpoints: what was recorded so far and the open periods' values (the declarations are
  // made again by the model).
  template <class Archive>
  void serialize_state(Archive& a) {
    a(current_, rows_, events_);
  }

 private:
  [[nodiscard]] std::size_t slot(SeriesId id, RegionIndex region) const {
    return static_cast<std::size_t>(id) * regions_.size() + region;
  }

  std::vector<std::string> regions_{"all"};
  std::vector<SeriesSpec> specs_;
  std::vector<double> current_;
  std::vector<SeriesRow> rows_;
  std::vector<Event> events_;
};

}  // namespace peacesim::engine
