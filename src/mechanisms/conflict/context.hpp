// What a mechanism needs besides the state: randomness, the event log and the recorder, and the
// people operations that keep agents and strengths consistent. Each mechanism's random stream is
// its own, declared in its header and claimed by its module (the registry refuses a stream two
// modules claim).
#pragma once

#include <vector>

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
  const std::vector<engine::SeriesId>& casualty_series;
  unsigned threads = 1;
};

}  // namespace peacesim::mechanisms::conflict
