// What a mechanism needs besides the state: randomness, the event log and the recorder, and the
// people operations that keep agents and strengths consistent.
#pragma once

#include "engine/random.hpp"
#include "engine/recorder.hpp"
#include "mechanisms/conflict/people_ops.hpp"
#include "mechanisms/conflict/state.hpp"
#include "mechanisms/events/event_log.hpp"

namespace peacesim::mechanisms::conflict {

struct Context {
  const engine::RandomStreams& random;
  engine::Recorder& recorder;
  events::EventLog& log;
  PeopleOps& ops;
  // Casualties of the state's side, by force (index 0 = the army, 1.. = State::forces) and region.
  std::vector<engine::SeriesId> casualty_series;
  unsigned threads = 1;
};

// Random streams of the conflict mechanisms (engine/random.hpp), one per mechanism.
inline constexpr engine::StreamId kGrievanceStream = 0x0C01;
inline constexpr engine::StreamId kMobilizationStream = 0x0C02;
inline constexpr engine::StreamId kStrategyStream = 0x0C03;
inline constexpr engine::StreamId kForceStream = 0x0C04;
inline constexpr engine::StreamId kCombatStream = 0x0C05;
inline constexpr engine::StreamId kCiviliansStream = 0x0C06;
inline constexpr engine::StreamId kDeparturesStream = 0x0C07;
inline constexpr engine::StreamId kDemographyStream = 0x0C08;
inline constexpr engine::StreamId kControlStream = 0x0C09;
inline constexpr engine::StreamId kPeaceStream = 0x0C0A;
inline constexpr engine::StreamId kNegotiationStream = 0x0C0B;

}  // namespace peacesim::mechanisms::conflict
