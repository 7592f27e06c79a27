#include "mechanisms/events/event_log.hpp"

#include <algorithm>

namespace peacesim::mechanisms::events {

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::Battles:
      return "Battles";
    case EventType::ViolenceAgainstCivilians:
      return "Violence against civilians";
    case EventType::ExplosionsRemoteViolence:
      return "Explosions/Remote violence";
    case EventType::StrategicDevelopments:
      return "Strategic developments";
  }
  return "";
}

ActorType actor_type(const conflict::Group& group) {
  switch (group.kind) {
    case conflict::GroupKind::Separatist:
    case conflict::GroupKind::Jihadist:
      return ActorType::Rebel;
    case conflict::GroupKind::ProGovernment:
      return ActorType::Political;
    case conflict::GroupKind::SelfDefence:
      return ActorType::Identity;
  }
  return ActorType::Rebel;
}

int interaction(ActorType a, ActorType b) {
  const int x = static_cast<int>(a);
  const int y = static_cast<int>(b);
  return 10 * std::min(x, y) + std::max(x, y);
}

namespace {
// Series names: lower case, words joined by underscores.
std::string slug(EventType type) {
  switch (type) {
    case EventType::Battles:
      return "battles";
    case EventType::ViolenceAgainstCivilians:
      return "violence_against_civilians";
    case EventType::ExplosionsRemoteViolence:
      return "explosions_remote_violence";
    case EventType::StrategicDevelopments:
      return "strategic_developments";
  }
  return "";
}
}  // namespace

void EventLog::declare(engine::Recorder& recorder) {
  using engine::Cadence;
  using engine::SeriesKind;
  for (std::size_t t = 0; t < kEventTypes; ++t) {
    const auto type = static_cast<EventType>(t);
    const std::string name(event_type_name(type));
    events_[t] = recorder.declare({"events_" + slug(type), "events",
                                   "Simulated events of ACLED type '" + name + "' (M13), by admin1",
                                   SeriesKind::Flow, Cadence::Monthly});
    fatalities_[t] = recorder.declare({"fatalities_" + slug(type), "people",
                                       "Fatalities in events of type '" + name + "' (M13), by admin1",
                                       SeriesKind::Flow, Cadence::Monthly});
  }
  civilians_ = recorder.declare({"civilians_killed", "people",
                                 "Civilians killed (in any event type: M5 crossfire, M6 violence), by admin1",
                                 SeriesKind::Flow, Cadence::Monthly});
}

void EventLog::emit(engine::Recorder& recorder, const conflict::State& state, const Happening& h) {
  const conflict::Place& place = state.places[h.place];
  engine::Event e;
  e.step = static_cast<std::uint32_t>(state.day);
  e.event_date = state.date;
  e.event_type = std::string(event_type_name(h.type));
  e.sub_event_type = h.sub_type;
  e.actor1 = h.actor1;
  e.actor2 = h.actor2;
  e.interaction = interaction(h.type1, h.type2);
  e.country = place.in_theatre ? state.country_of(h.place).name : place.country;
  e.admin1 = place.admin1;
  e.admin2 = place.admin2;
  e.location = place.name;
  e.latitude = place.lat;
  e.longitude = place.lon;
  e.fatalities = h.fatalities;
  if (enabled_) recorder.event(std::move(e));

  const auto t = static_cast<std::size_t>(h.type);
  const auto region = static_cast<engine::RegionIndex>(1 + place.region);
  for (const engine::RegionIndex r : {engine::RegionIndex{0}, region}) {
    recorder.add(events_[t], r, 1.0);
    recorder.add(fatalities_[t], r, h.fatalities);
    recorder.add(civilians_, r, h.civilian_fatalities);
  }
  totals_.events += 1;
  totals_.fatalities += h.fatalities;
  const std::int32_t year = state.date.year();
  if (totals_.fatalities_by_year.empty()) totals_.first_year = year;
  const auto y = static_cast<std::size_t>(year - totals_.first_year);
  if (totals_.fatalities_by_year.size() <= y) totals_.fatalities_by_year.resize(y + 1);
  auto& by_region = totals_.fatalities_by_year[y];
  if (by_region.size() < state.regions.size()) by_region.resize(state.regions.size(), 0.0);
  by_region[place.region] += h.fatalities;
  // And by the groups the event names, as either side (the members of a coalition all answer to its
  // name), so that a forecast's origin can compare who made the deaths with who was observed to.
  const std::size_t regions = state.regions.size();
  if (h.fatalities <= 0 || place.region >= regions) return;
  if (totals_.fatalities_by_year_group.size() <= y) totals_.fatalities_by_year_group.resize(y + 1);
  auto& by_group = totals_.fatalities_by_year_group[y];
  if (by_group.size() < state.groups.size() * regions) by_group.resize(state.groups.size() * regions, 0.0);
  for (std::size_t g = 0; g < state.groups.size(); ++g) {
    const std::string& name = state.groups[g].event_name();
    if (name == h.actor1 || name == h.actor2) by_group[g * regions + place.region] += h.fatalities;
  }
}

double EventLog::fatalities_of(std::int32_t year, std::size_t group, std::size_t region,
                               std::size_t regions) const {
  const auto& all = totals_.fatalities_by_year_group;
  if (all.empty() || totals_.fatalities_by_year.empty() || year < totals_.first_year) return 0.0;
  const auto y = static_cast<std::size_t>(year - totals_.first_year);
  const std::size_t at = group * regions + region;
  return y < all.size() && at < all[y].size() ? all[y][at] : 0.0;
}

double EventLog::fatalities_in(std::int32_t year, std::size_t region) const {
  if (totals_.fatalities_by_year.empty() || year < totals_.first_year) return 0.0;
  const auto y = static_cast<std::size_t>(year - totals_.first_year);
  if (y >= totals_.fatalities_by_year.size() || region >= totals_.fatalities_by_year[y].size()) return 0.0;
  return totals_.fatalities_by_year[y][region];
}

}  // namespace peacesim::mechanisms::events
