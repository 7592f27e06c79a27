#include "mechanisms/origin_strength/origin_strength.hpp"

#include <algorithm>
#include <cmath>

#include "mechanisms/conflict/draws.hpp"
#include "mechanisms/conflict/people_ops.hpp"
#include "mechanisms/events/event_log.hpp"

namespace peacesim::mechanisms::origin_strength {

using conflict::Status;

double strength_factor(double observed, double simulated, const Params& params) {
  const double f = (observed + params.smoothing) / (std::max(0.0, simulated) + params.smoothing);
  return std::clamp(f, 1.0 / params.max_factor, params.max_factor);
}

double group_factor(double named, double unnamed, double simulated_group, double simulated_region,
                    const Params& params) {
  // f_r's rule, with the group's own deaths and its share of the unnamed ones as the observation.
  const double d = std::max(0.0, simulated_group);
  const double share = simulated_region > 0.0 ? std::min(1.0, d / simulated_region) : 0.0;
  return strength_factor(std::max(0.0, named) + std::max(0.0, unnamed) * share, d, params);
}

double observed_strength(double observed, const Params& params, engine::RandomDraws& draws) {
  if (!(params.observation_dispersion > 0.0)) return observed;
  const double phi = params.observation_dispersion;
  conflict::DrawBits bits{draws};
  // A gamma of shape 0 is degenerate; with no smoothing and nothing observed, nothing is read.
  const double shape = (std::max(0.0, observed) + params.smoothing) / phi;
  if (!(shape > 0.0)) return observed;
  boost::random::gamma_distribution<double> gamma(shape, phi);
  return gamma(bits) - params.smoothing;
}

std::vector<double> named_deaths(const conflict::State& state, const Observed& observed, std::size_t r,
                                 double& unnamed) {
  const std::size_t regions = state.regions.size();
  std::vector<double> out(state.groups.size(), 0.0);
  unnamed = std::max(0.0, observed.unnamed[r]);
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const double n = observed.named[gi * regions + r];
    if (!(n > 0.0)) continue;
    const std::size_t at = state.heir_of(gi);
    if (state.groups[at].active)
      out[at] += n;
    else
      unnamed += n;
  }
  return out;
}

namespace {

// A whole number of agents for `people`, the fraction kept with its probability (one draw).
std::size_t whole_agents(double people, double k, engine::RandomDraws& draws) {
  const double n = std::max(0.0, people) / k;
  auto whole = static_cast<std::size_t>(n);
  if (draws.uniform() < n - static_cast<double>(whole)) ++whole;
  return whole;
}

// Group g loses `share` of its fighters in region r (dispersed and holding its towns) as whole
// agents, who go home.
void shrink(conflict::State& state, conflict::PeopleOps& ops, conflict::ActorIndex g, std::size_t r,
            const std::vector<conflict::PlaceIndex>& places, double share, engine::RandomDraws& draws) {
  auto& group = state.group(g);
  const double total = state.fighters_in(group, r);
  if (total <= 0.0) return;
  const double k = state.people.people_per_agent;
  // Whole agents only, no more than the region holds (a remnant under one agent stays).
  const auto held = static_cast<std::size_t>(std::floor(total / k + 1e-9));
  const std::size_t n = std::min({whole_agents(total * share, k, draws), group.fighters.size(), held});
  const double q = static_cast<double>(n) * k / total;
  group.dispersed[r] -= group.dispersed[r] * q;
  for (const auto p : places) group.at_place[p] -= group.at_place[p] * q;
  ops.release(state, g, n);
}

// Group g gains `people` recruits among the residents of region r from its communities (any
// community for a group without any), drawn at random; they blend in there.
void grow(conflict::State& state, conflict::PeopleOps& ops, conflict::ActorIndex g,
          const std::vector<std::uint32_t>& residents, double people, engine::RandomDraws& draws) {
  const auto& group = state.group(g);
  std::vector<std::uint32_t> pool;
  for (const auto i : residents) {
    if (state.people.status[i] != Status::Resident) continue;  // enlisted by a group before
    if (group.communities != 0 && ((group.communities >> state.people.community[i]) & 1u) == 0) continue;
    pool.push_back(i);
  }
  const std::size_t n = std::min(whole_agents(people, state.people.people_per_agent, draws), pool.size());
  engine::choose_to_front(pool, n, draws);
  for (std::size_t j = 0; j < n; ++j) ops.enlist(state, pool[j], g);
}

}  // namespace

std::vector<std::vector<double>> fighters_by_region(const conflict::State& state) {
  const std::size_t regions = state.regions.size();
  std::vector<std::vector<double>> out(state.groups.size(), std::vector<double>(regions, 0.0));
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    for (std::size_t r = 0; r < regions; ++r) out[gi][r] = state.fighters_in(state.groups[gi], r);
  }
  return out;
}

double fighters_ceiling(const conflict::State& state, const Params& params) {
  return params.ceiling_headroom * state.fighters_total() + params.ceiling_floor;
}

std::vector<double> group_ceilings(const conflict::State& state, const Params& params,
                                   const std::vector<std::uint8_t>& at_origin) {
  std::vector<double> out;
  out.reserve(state.groups.size());
  // A group without fighters at the origin, or not formed by then (formed on the correction's day,
  // even with fighters a split brought), has no strength the origin year's observations measure:
  // only the whole's ceiling bounds it.
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const auto& g = state.groups[gi];
    const bool formed = at_origin.empty() || (gi < at_origin.size() && at_origin[gi] != 0);
    const double f = g.active && formed ? g.fighters_people() : 0.0;
    out.push_back(f > 0.0 ? params.ceiling_headroom * f : -1.0);
  }
  return out;
}

std::vector<double> group_factors(const std::vector<std::vector<double>>& fighters,
                                  const std::vector<double>& region_factors) {
  std::vector<double> out(fighters.size(), 1.0);
  for (std::size_t gi = 0; gi < fighters.size(); ++gi) {
    double weighted = 0.0, total = 0.0;
    for (std::size_t r = 0; r < fighters[gi].size() && r < region_factors.size(); ++r) {
      weighted += fighters[gi][r] * region_factors[r];
      total += fighters[gi][r];
    }
    if (total > 0.0) out[gi] = weighted / total;
  }
  return out;
}

std::vector<double> rescale(conflict::State& state, conflict::PeopleOps& ops, const events::EventLog& log,
                            const Observed& observed, const Params& params, engine::RandomDraws draws,
                            engine::RandomDraws reading) {
  const std::size_t regions = state.regions.size();
  std::vector<double> factor(regions, 1.0);
  std::vector<std::vector<conflict::PlaceIndex>> places(regions);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    if (state.places[p].in_theatre)
      places[state.places[p].region].push_back(static_cast<conflict::PlaceIndex>(p));
  }
  std::vector<std::vector<std::uint32_t>> residents(regions);
  for (std::uint32_t i = 0; i < state.people.size(); ++i) {
    if (state.people.status[i] != Status::Resident) continue;
    const auto r = state.cells[state.people.cell[i]].region;
    if (r < regions) residents[r].push_back(i);
  }
  for (std::size_t r = 0; r < regions && r < observed.fatalities.size(); ++r) {
    if (observed.fatalities[r] < 0.0) continue;
    const double deaths = observed_strength(observed.fatalities[r], params, reading);
    const double simulated = log.fatalities_in(observed.year, r);
    factor[r] = strength_factor(deaths, simulated, params);
    const bool named = params.by_group && r < observed.unnamed.size() && observed.unnamed[r] >= 0.0 &&
                       observed.named.size() >= state.groups.size() * regions;
    double unnamed = 0.0;
    const std::vector<double> by_group =
        named ? named_deaths(state, observed, r, unnamed) : std::vector<double>{};
    for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
      const auto g = static_cast<conflict::ActorIndex>(gi + 1);
      if (!state.group(g).active) continue;
      const double f = named
                           ? group_factor(by_group[gi], unnamed,
                                          log.fatalities_of(observed.year, gi, r, regions), simulated, params)
                           : factor[r];
      if (f < 1.0) {
        shrink(state, ops, g, r, places[r], 1.0 - f, draws);
      } else if (f > 1.0) {
        grow(state, ops, g, residents[r], state.group(g).dispersed[r] * (f - 1.0), draws);
      }
    }
  }
  return factor;
}

}  // namespace peacesim::mechanisms::origin_strength
