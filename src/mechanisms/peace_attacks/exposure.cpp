// M16's exposure: a UN operation's camps today and the convoy-km on the roads that supply them.
#include <algorithm>
#include <cmath>
#include <limits>

#include "mechanisms/peace_attacks/peace_attacks.hpp"

namespace peacesim::mechanisms::peace_attacks {

using conflict::kNoPlace;
using conflict::PlaceIndex;
using conflict::State;

namespace {

// A force's troops at a place below this are rounding crumbs, not a camp.
constexpr double kCampPeople = 1.0;

// The hubs serving force f today; if the scenario gives none, the capital of the first state whose
// regions the force operates in (the first state's if none).
std::vector<PlaceIndex> hubs_of(const State& state, const Supply& supply, std::size_t f) {
  std::vector<PlaceIndex> out;
  for (const Hub& h : supply.hubs) {
    if (h.force == f && h.place < state.places.size() && h.from_day <= state.day && state.day <= h.to_day)
      out.push_back(h.place);
  }
  if (out.empty()) out.push_back(state.capital_for(state.forces[f].regions));
  return out;
}

// The places on the shortest road from hub h to camp c, c first and h last, rebuilt from the
// shortest-path distances alone: from u the road goes on to the nearest place v that lies on a
// shortest path from h to u, km(h, v) + km(v, u) = km(h, u). Where none is found the road is taken
// as one segment from h to c.
std::vector<PlaceIndex> road(const State& state, PlaceIndex h, PlaceIndex c) {
  std::vector<PlaceIndex> path{c};
  const auto& from_hub = state.road_km[h];
  PlaceIndex u = c;
  while (u != h && path.size() <= state.places.size()) {
    const double here = from_hub[u];
    PlaceIndex next = kNoPlace;
    double step = std::numeric_limits<double>::infinity();
    for (std::size_t v = 0; v < state.places.size(); ++v) {
      const double km = state.road_km[v][u];
      if (!(from_hub[v] < here) || !(km > 0.0) || km >= step) continue;
      if (std::abs(from_hub[v] + km - here) <= 1e-6 * std::max(1.0, here)) {
        next = static_cast<PlaceIndex>(v);
        step = km;
      }
    }
    if (next == kNoPlace) return {c, h};
    path.push_back(next);
    u = next;
  }
  if (u != h) return {c, h};
  return path;
}

}  // namespace

Exposure exposure(const State& state, const Supply& supply, const Params& params) {
  Exposure x;
  const std::size_t regions = state.regions.size();
  x.convoy_km.assign(regions, 0.0);
  x.camps_in.assign(regions, 0.0);
  for (std::size_t f = 0; f < state.forces.size(); ++f) {
    const auto& force = state.forces[f];
    if (!force.un || !(force.strength > 0.0)) continue;
    const std::vector<PlaceIndex> hubs = hubs_of(state, supply, f);
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      if (!conflict::is_town(state.places[p]) || force.at_place[p] < kCampPeople) continue;
      Camp camp;
      camp.force = f;
      camp.place = static_cast<PlaceIndex>(p);
      camp.troops = force.at_place[p];
      double best = std::numeric_limits<double>::infinity();
      for (const PlaceIndex h : hubs) {
        if (state.road_km[h][p] < best) {
          best = state.road_km[h][p];
          camp.hub = h;
        }
      }
      if (!std::isfinite(best)) camp.hub = kNoPlace;
      camp.road_km = std::isfinite(best) ? best : 0.0;
      const std::size_t index = x.camps.size();
      x.camps.push_back(camp);
      x.camps_in[state.places[p].region] += 1.0;
      if (camp.hub == kNoPlace || camp.road_km <= 0.0) continue;
      // Round trips a day times the km of each segment, half at each end (in the theatre).
      const double trips = params.convoys * camp.troops / 1000.0;
      const std::vector<PlaceIndex> path = road(state, camp.hub, camp.place);
      for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const PlaceIndex u = path[i];
        const PlaceIndex v = path[i + 1];
        const double km = std::max(0.0, state.road_km[camp.hub][u] - state.road_km[camp.hub][v]);
        const bool u_in = state.places[u].in_theatre;
        const bool v_in = state.places[v].in_theatre;
        if (!u_in && !v_in) continue;
        const double at_u = u_in ? (v_in ? km / 2.0 : km) : 0.0;
        for (const auto& [place, share] : {std::pair{u, at_u}, std::pair{v, km - at_u}}) {
          if (!(share > 0.0)) continue;
          const double convoy_km = 2.0 * trips * share;
          x.stretches.push_back({index, place, convoy_km});
          x.convoy_km[state.places[place].region] += convoy_km;
        }
      }
    }
  }
  return x;
}

}  // namespace peacesim::mechanisms::peace_attacks
