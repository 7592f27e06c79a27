#include "mechanisms/demography/demography.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "engine/ordered_lists.hpp"
#include "engine/random_batch.hpp"

namespace peacesim::mechanisms::demography {

using conflict::Status;

namespace {

enum class Fate : std::uint8_t { Dies, GivesBirth };

// A person's fate this month.
struct Event {
  std::uint32_t person;
  Fate fate;
};

}  // namespace

void month(conflict::State& state, const engine::RandomStreams& random, std::uint32_t step,
           const Params& params, const displacement::FlightParams& flight, Counts& counts) {
  auto& people = state.people;
  const std::size_t n = people.size();
  const double birth = params.birth_rate / 12.0;
  const double death = params.death_rate / 12.0;
  // Pass 1 (parallel): each person's fate from their own keyed draws, so the same whatever the
  // threads; each block of people lists its fates in person order (most people have none). Pass 2
  // (serial, the lists in block order, so in person order): deaths, and births appended in their
  // parents' order. The two draws are the first block of each person's key, enciphered a batch at
  // a time.
  const std::vector<Event> events =
      engine::list_in_order<Event>(n, [&](std::size_t begin, std::size_t end, std::vector<Event>& picked) {
        std::array<engine::PhiloxBlock, 256> draws;
        for (std::size_t from = begin; from < end; from += draws.size()) {
          const std::size_t count = std::min(draws.size(), end - from);
          engine::first_blocks(random.seed(), kStream, step, from, std::span(draws.data(), count));
          for (std::size_t j = 0; j < count; ++j) {
            const Status st = people.status[from + j];
            if (st != Status::Resident && st != Status::Displaced) continue;
            const auto i = static_cast<std::uint32_t>(from + j);
            if (engine::first_uniform(draws[j]) < death) {
              picked.push_back({i, Fate::Dies});
            } else if (engine::second_uniform(draws[j]) < birth) {
              picked.push_back({i, Fate::GivesBirth});
            }
          }
        }
      });
  for (const auto [i, fate] : events) {
    if (fate == Fate::Dies) {
      people.status[i] = Status::DiedNaturally;
      ++counts.natural_deaths;
      continue;
    }
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
  state.rebuild_cell_index();
}

}  // namespace peacesim::mechanisms::demography
