#include "mechanisms/conflict/people_ops.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peacesim::mechanisms::conflict {

PeopleOps::PeopleOps(const State& state)
    : carry_{std::vector<double>(state.places.size(), 0.0), std::vector<double>(state.actor_count(), 0.0)} {
  // The builder sorts cells by place; record where each place's run of cells begins.
  place_cells.assign(state.places.size() + 1, 0);
  for (const Cell& c : state.cells) {
    if (c.place == kNoPlace) throw std::invalid_argument("every cell needs a place");
    ++place_cells[c.place + 1];
  }
  for (std::size_t p = 0; p < state.places.size(); ++p) place_cells[p + 1] += place_cells[p];
  for (std::size_t c = 1; c < state.cells.size(); ++c) {
    if (state.cells[c].place < state.cells[c - 1].place) {
      throw std::invalid_argument("cells must be sorted by their place");
    }
  }
}

std::pair<std::uint32_t, std::uint32_t> PeopleOps::residents_range(const State& state, PlaceIndex p) const {
  return {state.cell_begin[place_cells[p]], state.cell_begin[place_cells[p + 1]]};
}

std::size_t PeopleOps::kill_residents(State& state, PlaceIndex p, double people, engine::RandomDraws& draws,
                                      const Victims& victims) {
  carry_.civilian[p] += people / state.people.people_per_agent;
  const double whole = std::floor(carry_.civilian[p]);
  if (whole < 1.0) return 0;
  carry_.civilian[p] -= whole;
  const auto [begin, end] = residents_range(state, p);
  if (begin == end) return 0;
  std::size_t killed = 0;
  const auto span = end - begin;
  auto targeted = [&](std::uint32_t agent) {
    return victims.prefer == 0 || in_mask(victims.prefer, state.people.community[agent]);
  };
  for (std::size_t n = 0; n < static_cast<std::size_t>(whole); ++n) {
    // Start anywhere and walk on to the first resident the killers would pick: a targeted one, or
    // another with probability 1 - strength; after a full round, the first resident met.
    std::uint32_t at = begin + draws.below(span);
    std::uint32_t fallback = kNoAgent;
    std::uint32_t victim = kNoAgent;
    for (std::uint32_t tries = 0; tries < span; ++tries) {
      const std::uint32_t agent = state.by_cell[at];
      if (state.people.status[agent] == Status::Resident) {
        if (fallback == kNoAgent) fallback = agent;
        if (targeted(agent) || victims.strength <= 0.0 || draws.uniform() >= victims.strength) {
          victim = agent;
          break;
        }
      }
      at = at + 1 == end ? begin : at + 1;
    }
    if (victim == kNoAgent) victim = fallback;
    if (victim == kNoAgent) break;
    state.people.status[victim] = Status::KilledViolently;
    state.killings.push_back(
        {state.cells[state.people.cell[victim]].region, state.people.community[victim], victims.by, 1});
    ++killed;
  }
  return killed;
}

std::size_t PeopleOps::kill_fighters(State& state, ActorIndex g, double people) {
  carry_.fighter[g] += people / state.people.people_per_agent;
  const double whole = std::floor(carry_.fighter[g]);
  if (whole < 1.0) return 0;
  carry_.fighter[g] -= whole;
  auto& list = state.group(g).fighters;
  std::size_t killed = 0;
  for (; killed < static_cast<std::size_t>(whole) && !list.empty(); ++killed) {
    state.people.status[list.back()] = Status::KilledViolently;
    list.pop_back();
  }
  return killed;
}

void PeopleOps::enlist(State& state, std::uint32_t agent, ActorIndex g) {
  enlist(state, agent, g, state.cells[state.people.cell[agent]].region, 0.0);
}

void PeopleOps::enlist(State& state, std::uint32_t agent, ActorIndex g, std::size_t gather, double share) {
  state.people.status[agent] = Status::Fighter;
  state.people.group[agent] = g;
  Group& group = state.group(g);
  group.fighters.push_back(agent);
  const std::size_t home = state.cells[state.people.cell[agent]].region;
  const double k = state.people.people_per_agent;
  if (gather == home || share <= 0.0) {
    group.dispersed[home] += k;
  } else {
    group.dispersed[home] += (1.0 - share) * k;
    group.dispersed[gather] += share * k;
  }
}

std::size_t PeopleOps::send_home(State& state, ActorIndex g, double expected, engine::RandomDraws& draws) {
  auto n = static_cast<std::size_t>(expected);
  if (draws.uniform() < expected - static_cast<double>(n)) ++n;
  const double k = state.people.people_per_agent;
  Group& group = state.group(g);
  n = std::min(n, static_cast<std::size_t>(group.dispersed_total() / k));
  group.take_dispersed(static_cast<double>(n) * k);
  release(state, g, n);
  return n;
}

void PeopleOps::release(State& state, ActorIndex g, std::size_t count) {
  Group& group = state.group(g);
  for (std::size_t i = 0; i < count && !group.fighters.empty(); ++i) {
    const std::uint32_t agent = group.fighters.back();
    group.fighters.pop_back();
    state.people.status[agent] = Status::Resident;
    state.people.group[agent] = kNoActor;
  }
}

}  // namespace peacesim::mechanisms::conflict
