// M13 Events: ACLED interaction codes, and one emit = one event in the file plus the same event
// and fatalities in the monthly series, nationally and in the place's region.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "mechanisms/events/event_log.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

using events::ActorType;
using events::EventType;

TEST(EventLogMechanism, InteractionCodesPutTheSmallerDigitFirst) {
  EXPECT_EQ(events::interaction(ActorType::State, ActorType::Rebel), 12);
  EXPECT_EQ(events::interaction(ActorType::Rebel, ActorType::State), 12);
  EXPECT_EQ(events::interaction(ActorType::Rebel, ActorType::Civilians), 27);
  EXPECT_EQ(events::interaction(ActorType::Civilians, ActorType::State), 17);
  EXPECT_EQ(events::interaction(ActorType::External, ActorType::Rebel), 28);
  EXPECT_EQ(events::interaction(ActorType::Political, ActorType::Civilians), 37);
  EXPECT_EQ(events::interaction(ActorType::Rebel, ActorType::Rebel), 22);
}

TEST(EventLogMechanism, GroupKindsMapToAcledActorTypes) {
  Group g;
  g.kind = GroupKind::Separatist;
  EXPECT_EQ(events::actor_type(g), ActorType::Rebel);
  g.kind = GroupKind::Jihadist;
  EXPECT_EQ(events::actor_type(g), ActorType::Rebel);
  g.kind = GroupKind::ProGovernment;
  EXPECT_EQ(events::actor_type(g), ActorType::Political);
  g.kind = GroupKind::SelfDefence;
  EXPECT_EQ(events::actor_type(g), ActorType::Identity);
}

TEST(EventLogMechanism, TypeNamesAreAcledSpellings) {
  EXPECT_EQ(events::event_type_name(EventType::Battles), "Battles");
  EXPECT_EQ(events::event_type_name(EventType::ViolenceAgainstCivilians), "Violence against civilians");
  EXPECT_EQ(events::event_type_name(EventType::ExplosionsRemoteViolence), "Explosions/Remote violence");
  EXPECT_EQ(events::event_type_name(EventType::StrategicDevelopments), "Strategic developments");
}

TEST(EventLogMechanism, DeclaresEventAndFatalitySeriesByType) {
  World w;
  auto flows = w.close();
  for (const char* name : {"events_battles", "fatalities_battles", "events_violence_against_civilians",
                           "fatalities_violence_against_civilians", "events_explosions_remote_violence",
                           "fatalities_explosions_remote_violence", "events_strategic_developments",
                           "fatalities_strategic_developments", "civilians_killed"}) {
    ASSERT_TRUE(flows.count(name)) << name;
    EXPECT_EQ(flows[name].size(), 3u) << name;
    for (double v : flows[name]) EXPECT_EQ(v, 0.0) << name;
  }
}

TEST(EventLogMechanism, EmitRecordsOneEventWithThePlacesFields) {
  World w;
  w.state.day = 17;
  w.state.date = engine::Date(2012, 3, 18);
  events::Happening h;
  h.type = EventType::ViolenceAgainstCivilians;
  h.sub_type = "Attack";
  h.actor1 = "MUJAO";
  h.actor2 = "Civilians (Mali)";
  h.type1 = ActorType::Rebel;
  h.type2 = ActorType::Civilians;
  h.place = kAnsongo;
  h.fatalities = 4;
  h.civilian_fatalities = 4;
  w.log.emit(w.recorder, w.state, h);

  ASSERT_EQ(w.recorder.events().size(), 1u);
  const engine::Event& e = w.recorder.events()[0];
  EXPECT_EQ(e.step, 17u);
  EXPECT_EQ(e.event_date, engine::Date(2012, 3, 18));
  EXPECT_EQ(e.event_type, "Violence against civilians");
  EXPECT_EQ(e.sub_event_type, "Attack");
  EXPECT_EQ(e.actor1, "MUJAO");
  EXPECT_EQ(e.actor2, "Civilians (Mali)");
  EXPECT_EQ(e.interaction, 27);
  EXPECT_EQ(e.admin1, "Gao");
  EXPECT_EQ(e.admin2, "Ansongo");
  EXPECT_EQ(e.location, "Ansongo");
  EXPECT_DOUBLE_EQ(e.latitude, 15.66);
  EXPECT_DOUBLE_EQ(e.longitude, 0.50);
  EXPECT_EQ(e.fatalities, 4);
  EXPECT_DOUBLE_EQ(w.log.total_events(), 1.0);
  EXPECT_DOUBLE_EQ(w.log.total_fatalities(), 4.0);
}

TEST(EventLogMechanism, EmitAddsToTheNationalAndRegionalFlowsOnly) {
  World w;
  events::Happening battle;
  battle.type = EventType::Battles;
  battle.sub_type = "Armed clash";
  battle.type1 = ActorType::State;
  battle.type2 = ActorType::Rebel;
  battle.place = kGao;
  battle.fatalities = 7;
  battle.civilian_fatalities = 2;
  w.log.emit(w.recorder, w.state, battle);
  w.log.emit(w.recorder, w.state, battle);
  events::Happening ied;
  ied.type = EventType::ExplosionsRemoteViolence;
  ied.place = kBamako;
  ied.fatalities = 3;
  w.log.emit(w.recorder, w.state, ied);

  auto f = w.close();
  // Battles: two events at Gao (region 1 -> recorder region 2), none in Bamako.
  EXPECT_EQ(f["events_battles"], (std::vector<double>{2, 0, 2}));
  EXPECT_EQ(f["fatalities_battles"], (std::vector<double>{14, 0, 14}));
  EXPECT_EQ(f["civilians_killed"], (std::vector<double>{4, 0, 4}));
  EXPECT_EQ(f["events_explosions_remote_violence"], (std::vector<double>{1, 1, 0}));
  EXPECT_EQ(f["fatalities_explosions_remote_violence"], (std::vector<double>{3, 3, 0}));
  EXPECT_EQ(f["events_violence_against_civilians"], (std::vector<double>{0, 0, 0}));
  EXPECT_DOUBLE_EQ(w.log.total_events(), 3.0);
  EXPECT_DOUBLE_EQ(w.log.total_fatalities(), 17.0);
  EXPECT_EQ(w.recorder.events().size(), 3u);
  EXPECT_EQ(w.recorder.events()[0].interaction, 12);
}

// An event between two named actors at a place, with its deaths.
events::Happening between(const std::string& actor1, const std::string& actor2, PlaceIndex place,
                          int deaths) {
  events::Happening h;
  h.actor1 = actor1;
  h.actor2 = actor2;
  h.place = place;
  h.fatalities = deaths;
  return h;
}

// The deaths of each year by region are kept for the groups each event names too, on either side;
// the members of a coalition answer to its name, and an event naming no group adds to none.
TEST(EventLogMechanism, EachGroupNamedByAnEventIsCreditedItsDeaths) {
  World w;
  w.group(kMnla).coalition_name = "Coalition";
  const std::size_t regions = w.state.regions.size();
  const std::string forces = "State forces";
  w.log.emit(w.recorder, w.state, between("Coalition", w.group(kMujao).name, kGao, 5));
  w.log.emit(w.recorder, w.state, between(forces, w.group(kMujao).name, kBamako, 2));
  // Its own name no longer names the group: it answers to the coalition's.
  w.log.emit(w.recorder, w.state, between(forces, w.group(kMnla).name, kGao, 3));

  const std::int32_t year = w.state.date.year();
  EXPECT_DOUBLE_EQ(w.log.fatalities_of(year, kMnla - 1, kRegionOfGao, regions), 5.0);
  EXPECT_DOUBLE_EQ(w.log.fatalities_of(year, kMujao - 1, kRegionOfGao, regions), 5.0);
  EXPECT_DOUBLE_EQ(w.log.fatalities_of(year, kMujao - 1, kRegionOfBamako, regions), 2.0);
  EXPECT_DOUBLE_EQ(w.log.fatalities_of(year, kMnla - 1, kRegionOfBamako, regions), 0.0);
  EXPECT_DOUBLE_EQ(w.log.fatalities_in(year, kRegionOfGao), 8.0);
  EXPECT_DOUBLE_EQ(w.log.fatalities_of(year + 1, kMujao - 1, kRegionOfGao, regions), 0.0);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
