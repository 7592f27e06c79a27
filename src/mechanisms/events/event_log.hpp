// M13 Events (MODEL.md §4): every violent interaction becomes one event in ACLED's schema, and
// the same call adds it to the monthly series of events and fatalities by type and region, so the
// event file and the series can never disagree (an invariant the tests check).
#pragma once

#include <array>
#include <string>

#include "engine/parameters.hpp"
#include "engine/recorder.hpp"
#include "mechanisms/conflict/state.hpp"

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

std::vector<engine::ParameterSpec> parameter_specs();  // the switch `events_enabled`

class EventLog {
 public:
  // Off, no event rows are kept (the monthly series still count them): for large ensembles that
  // need only the series.
  void set_enabled(bool on) { enabled_ = on; }

  // Declares events_<type>, fatalities_<type> and civilians_killed (monthly flows by region).
  void declare(engine::Recorder& recorder);
  // Records one event at a place in Mali on the state's date.
  void emit(engine::Recorder& recorder, const conflict::State& state, const Happening& h);

  [[nodiscard]] double total_events() const { return events_total_; }
  [[nodiscard]] double total_fatalities() const { return fatalities_total_; }
  template <class Archive>  // checkpoints (engine/checkpoint.hpp)
  void serialize(Archive& a) {
    a(events_total_, fatalities_total_);
  }

 private:
  std::array<engine::SeriesId, kEventTypes> events_{};
  std::array<engine::SeriesId, kEventTypes> fatalities_{};
  engine::SeriesId civilians_ = 0;
  double events_total_ = 0, fatalities_total_ = 0;
  bool enabled_ = true;
};

}  // namespace peacesim::mechanisms::events
