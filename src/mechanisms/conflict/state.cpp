#include "mechanisms/conflict/state.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>

namespace peacesim::mechanisms::conflict {

std::uint32_t People::add(std::uint16_t in_cell, std::uint8_t comm, std::uint8_t liv) {
  const auto index = static_cast<std::uint32_t>(status.size());
  cell.push_back(in_cell);
  community.push_back(comm);
  livelihood.push_back(liv);
  status.push_back(Status::Resident);
  group.push_back(kNoActor);
  hardship.push_back(0);
  risk_aversion.push_back(0);
  legitimacy.push_back(0);
  tolerance_days.push_back(255);
  return index;
}

double Group::dispersed_total() const { return std::accumulate(dispersed.begin(), dispersed.end(), 0.0); }

double Group::fighters_people() const {
  return std::accumulate(at_place.begin(), at_place.end(), dispersed_total());
}

double Group::take_dispersed(double people) {
  const double total = dispersed_total();
  if (!(people > 0.0) || !(total > 0.0)) return 0.0;
  if (people >= total) {
    std::fill(dispersed.begin(), dispersed.end(), 0.0);
    return total;
  }
  const double keep = 1.0 - people / total;
  for (double& d : dispersed) d *= keep;
  return people;
}

void Group::disperse(std::size_t region, double people) {
  if (!(people > 0.0)) return;
  if (region < dispersed.size() && in_mask(regions, region)) {
    dispersed[region] += people;
    return;
  }
  double home = 0.0;
  std::size_t count = 0;
  for (std::size_t r = 0; r < dispersed.size(); ++r) {
    if (!in_mask(regions, r)) continue;
    home += dispersed[r];
    ++count;
  }
  if (count == 0) {  // a group with no regions keeps them where they are
    if (region < dispersed.size()) dispersed[region] += people;
    return;
  }
  for (std::size_t r = 0; r < dispersed.size(); ++r) {
    if (!in_mask(regions, r)) continue;
    dispersed[r] += home > 0.0 ? people * dispersed[r] / home : people / static_cast<double>(count);
  }
}

double Group::take_dispersed_in(std::size_t region, double people, bool spill) {
  if (!(people > 0.0) || region >= dispersed.size()) return 0.0;
  const double here = std::min(people, dispersed[region]);
  dispersed[region] -= here;
  return spill ? here + take_dispersed(people - here) : here;
}

std::string State::actor_name(ActorIndex a, PlaceIndex p) const {
  if (a == kState) return country_of(p).forces_event_name;
  if (a == kNoActor) return "";
  return group(a).event_name();
}

ActorIndex State::actor_of(const std::string& id) const {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].id == id) return static_cast<ActorIndex>(g + 1);
  }
  return kNoActor;
}

std::size_t State::heir_of(std::size_t g) const {
  // A chain of mergers has no loops (a group merges once, into a group that still exists); the
  // bound guards a damaged state.
  std::size_t at = g;
  for (std::size_t step = 0; step < groups.size(); ++step) {
    const ActorIndex next = groups[at].merged_into;
    if (next == kNoActor || next == 0) break;
    at = static_cast<std::size_t>(next - 1);
  }
  return at;
}

double State::state_power(PlaceIndex p) const {
  const Country& c = country_of(p);
  return places[p].army * c.army_capability * c.army_morale + places[p].foreign_power;
}

PlaceIndex State::capital_for(std::uint32_t region_mask) const {
  for (std::size_t r = 0; r < regions.size() && r < 32; ++r) {
    if (in_mask(region_mask, r)) return countries[country_of_region(r)].capital;
  }
  return countries.front().capital;
}

double State::fighters_in(const Group& g, std::size_t r) const {
  double total = r < g.dispersed.size() ? g.dispersed[r] : 0.0;
  for (std::size_t p = 0; p < places.size() && p < g.at_place.size(); ++p) {
    if (places[p].in_theatre && places[p].region == r) total += g.at_place[p];
  }
  return total;
}

double State::fighters_total() const {
  double total = 0.0;
  for (const auto& g : groups) total += g.fighters_people();
  return total;
}

void State::rebuild_cell_index() {
  const std::size_t n = people.size();
  const std::size_t indexed = by_cell.size();
  // People are only ever appended and never change cell, so an index that holds the first
  // `indexed` people in order needs only the newcomers put at the end of their cells: each cell's
  // old stretch moves up by the newcomers of the cells before it (from the last cell down, so that
  // nothing is overwritten before it is moved), and the newcomers follow in person order. The
  // result is what the full counting sort below makes, with a move of memory instead of a scatter.
  const bool extends =
      indexed > 0 && indexed <= n && cell_begin.size() == cells.size() + 1 && cell_begin.back() == indexed;
  if (!extends) {
    cell_begin.assign(cells.size() + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++cell_begin[people.cell[i] + 1];
    for (std::size_t c = 0; c < cells.size(); ++c) cell_begin[c + 1] += cell_begin[c];
    by_cell.resize(n);
    std::vector<std::uint32_t> fill(cell_begin.begin(), cell_begin.end() - 1);
    for (std::size_t i = 0; i < n; ++i) by_cell[fill[people.cell[i]]++] = static_cast<std::uint32_t>(i);
    ++cell_index_version;
    return;
  }
  std::vector<std::uint32_t> added(cells.size(), 0);
  for (std::size_t i = indexed; i < n; ++i) ++added[people.cell[i]];
  std::vector<std::uint32_t> begin(cells.size() + 1, 0);
  for (std::size_t c = 0; c < cells.size(); ++c)
    begin[c + 1] = begin[c] + (cell_begin[c + 1] - cell_begin[c]) + added[c];
  by_cell.resize(n);
  for (std::size_t c = cells.size(); c-- > 0;) {
    const std::uint32_t old_size = cell_begin[c + 1] - cell_begin[c];
    if (old_size > 0 && begin[c] != cell_begin[c])
      std::memmove(by_cell.data() + begin[c], by_cell.data() + cell_begin[c],
                   old_size * sizeof(std::uint32_t));
  }
  std::vector<std::uint32_t> fill(cells.size());
  for (std::size_t c = 0; c < cells.size(); ++c) fill[c] = begin[c] + (cell_begin[c + 1] - cell_begin[c]);
  for (std::size_t i = indexed; i < n; ++i) by_cell[fill[people.cell[i]]++] = static_cast<std::uint32_t>(i);
  cell_begin = std::move(begin);
  ++cell_index_version;
}

void State::refresh_foreign() {
  for (Place& place : places) place.foreign = place.peacekeepers = place.foreign_power = 0.0;
  for (const Force& f : forces) {
    for (std::size_t p = 0; p < f.at_place.size(); ++p) {
      if (f.at_place[p] <= 0.0) continue;
      places[p].foreign += f.at_place[p];
      places[p].foreign_power += f.at_place[p] * f.capability;
      if (f.un) places[p].peacekeepers += f.at_place[p];
    }
  }
}

PlaceIndex State::nearest_held(PlaceIndex p, ActorIndex actor) const {
  PlaceIndex best = kNoPlace;
  double best_km = std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < places.size(); ++q) {
    if (q == p || !places[q].in_theatre || places[q].kind != PlaceKind::Town || places[q].controller != actor)
      continue;
    const double km = road_km[p][q];
    if (km < best_km) {
      best_km = km;
      best = static_cast<PlaceIndex>(q);
    }
  }
  return best;
}

}  // namespace peacesim::mechanisms::conflict
