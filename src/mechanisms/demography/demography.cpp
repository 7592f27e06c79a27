#include "mechanisms/demography/demography.hpp"

#include <tbb/parallel_for.h>

#include <vector>

namespace peacesim::mechanisms::demography {

using conflict::Status;

namespace {

enum class Fate : std::uint8_t { None, Dies, GivesBirth };

}  // namespace

void month(conflict::State& state, const engine::RandomStreams& random, std::uint32_t step,
           const Params& params, const displacement::FlightParams& flight, Counts& counts) {
  auto& people = state.people;
  const std::size_t n = people.size();
  const double birth = params.birth_rate / 12.0;
  const double death = params.death_rate / 12.0;
  // Pass 1 (parallel): each person's fate from their own keyed draws, so the same whatever the
  // threads. Pass 2 (serial, in person order): deaths, and births appended in their parents' order.
  std::vector<Fate> fate(n, Fate::None);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1 << 14), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const Status st = people.status[i];
      if (st != Status::Resident && st != Status::Displaced) continue;
      auto draws = random.draws(kStream, step, i);
      if (draws.uniform() < death) {
        fate[i] = Fate::Dies;
      } else if (draws.uniform() < birth) {
        fate[i] = Fate::GivesBirth;
      }
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (fate[i] == Fate::Dies) {
      people.status[i] = Status::DiedNaturally;
      ++counts.natural_deaths;
    } else if (fate[i] == Fate::GivesBirth) {
      // The child's attributes: the parent's draws after the two that decided (few births a month:
      // drawing the key again is cheap).
      auto draws = random.draws(kStream, step, i);
      (void)draws.uniform();
      (void)draws.uniform();
      const std::uint32_t child = people.add(people.cell[i], people.community[i], people.livelihood[i]);
      people.hardship[child] = conflict::to_byte(draws.uniform());
      people.risk_aversion[child] = conflict::to_byte(draws.uniform());
      people.legitimacy[child] = people.legitimacy[i];
      people.tolerance_days[child] = displacement::draw_tolerance(draws, flight);
      ++counts.births;
    }
  }
  state.rebuild_cell_index();
}

}  // namespace peacesim::mechanisms::demography
