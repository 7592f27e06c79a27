#include "mechanisms/demography/demography.hpp"

namespace peacesim::mechanisms::demography {

using conflict::Status;

void month(conflict::State& state, const engine::RandomStreams& random, std::uint32_t step,
           const Params& params, const displacement::FlightParams& flight, Counts& counts) {
  auto& people = state.people;
  const std::size_t n = people.size();
  const double birth = params.birth_rate / 12.0;
  const double death = params.death_rate / 12.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Status st = people.status[i];
    if (st != Status::Resident && st != Status::Displaced) continue;
    auto draws = random.draws(kStream, step, i);
    if (draws.uniform() < death) {
      people.status[i] = Status::DiedNaturally;
      ++counts.natural_deaths;
      continue;
    }
    if (draws.uniform() < birth) {
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
