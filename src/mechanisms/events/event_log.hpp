// M13 Events (MODEL.md §4): every violent interaction becomes one event in ACLED's schema, and
// the same call adds it to the monthly series of events and fatalities by type and region, so the
// event file and the series can never disagree (an invariant the tests check).
#pragma once

#include <array>
#include <string>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "engine/recorder.hpp"
#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::events {

enum class EventType : std::uint8_t {
  Battles,
  ViolenceAgainstCivilians,
  ExplosionsRemoteViolence,
  StrategicDevelopments,
};
inline constexpr std::size_t kEventTypes = 4;
std::string_view event_type_name(EventType type);  // ACLED's spelling

// ACLED's actor-type digits (inter1/inter2): 1 state forces, 2 rebel groups, 3 political
// militias, 4 identity militias, 7 civilians, 8 external/other forces.
enum class ActorType : std::uint8_t {
  State = 1,
  Rebel = 2,
  Political = 3,
  Identity = 4,
  Civilians = 7,
  External = 8
};
ActorType actor_type(const conflict::Group& group);
// ACLED's interaction code: the two digits, smaller first (e.g. 12 state vs rebels).
int interaction(ActorType a, ActorType b);

struct Happening {
  EventType type = EventType::Battles;
  std::string sub_type;
  std::string actor1, actor2;
  ActorType type1 = ActorType::Rebel, type2 = ActorType::State;
  conflict::PlaceIndex place = 0;
  int fatalities = 0;
  int civilian_fatalities = 0;  // of which civilians
};

// M13's switch (`events_enabled`), bound to its member (module.cpp), and its module: it sets up
// the layer's event log (conflict::Registry::log) and declares its series.
struct Params {
  bool enabled = true;
};
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

class EventLog {
 public:
  // Off, no event rows are kept (the monthly series still count them): for large ensembles that
  // need only the series.
  void set_enabled(bool on) { enabled_ = on; }

  // Declares events_<type>, fatalities_<type> and civilians_killed (monthly flows by region).
  void declare(engine::Recorder& recorder);
  // Records one event at a place of the theatre on the state's date.
  void emit(engine::Recorder& recorder, const conflict::State& state, const Happening& h);

  // What changes: the run's totals so far, for the summary (checkpointed whole).
  struct Totals {
    double events = 0, fatalities = 0;
    // Fatalities by calendar year and region: [year − first year][region] (a forecast's origin
    // compares the origin year's with what was observed; mechanisms/origin_strength).
    std::int32_t first_year = 0;
    std::vector<std::vector<double>> fatalities_by_year;
    // The same by the group named (either side): [year − first year][group · regions + region].
    std::vector<std::vector<double>> fatalities_by_year_group;
    bool operator==(const Totals&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] double total_events() const { return totals_.events; }
  [[nodiscard]] double total_fatalities() const { return totals_.fatalities; }
  [[nodiscard]] Totals& totals() { return totals_; }
  // Fatalities recorded in region r in calendar year y (0 for a year or region without any).
  [[nodiscard]] double fatalities_in(std::int32_t year, std::size_t region) const;
  // Fatalities of events naming group g (by index; either side) in region r in year y; `regions`
  // the theatre's number of regions.
  [[nodiscard]] double fatalities_of(std::int32_t year, std::size_t group, std::size_t region,
                                     std::size_t regions) const;

 private:
  std::array<engine::SeriesId, kEventTypes> events_{};
  std::array<engine::SeriesId, kEventTypes> fatalities_{};
  engine::SeriesId civilians_ = 0;
  Totals totals_;
  bool enabled_ = true;
};

}  // namespace peacesim::mechanisms::events
