// Births and natural deaths (MODEL.md §3: the population grows). Monthly, each living person in
// the country (resident or displaced inside it) dies with probability death_rate / 12, and if alive
// has a child with probability birth_rate / 12: a resident of the same cell, community and
// livelihood, with new draws of hardship, risk aversion and tolerance of violence (M7) and the
// parent's legitimacy. The index of people by cell is rebuilt after, once a month.
#pragma once

#include <cstdint>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "engine/random.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/displacement/flight.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::demography {

struct Params {
  double birth_rate = 0.047;  // per person a year
  double death_rate = 0.011;
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

// Births and deaths draw on this stream, keyed by person; so do the first people's attributes
// when a model builds its population (step 0).
inline constexpr engine::StreamId kStream = 0x0C08;

// Its own state, checkpointed whole: agents born and dead of natural causes since the start.
struct Counts {
  std::uint64_t births = 0, natural_deaths = 0;
  bool operator==(const Counts&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// One month, on the given step's draws.
void month(conflict::State& state, const engine::RandomStreams& random, std::uint32_t step,
           const Params& params, const displacement::FlightParams& flight, Counts& counts);

}  // namespace peacesim::mechanisms::demography
