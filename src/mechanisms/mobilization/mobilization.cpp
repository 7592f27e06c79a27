#include "mechanisms/mobilization/mobilization.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/ordered_lists.hpp"
#include "mechanisms/conflict/draws.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/mobilization/bases.hpp"

namespace peacesim::mechanisms::mobilization {

using conflict::ActorIndex;
using conflict::in_mask;
using conflict::State;
using conflict::Status;

std::vector<double> arrest_risk(const State& state, const Params& params) {
  std::vector<double> troops(state.regions.size(), 0.0);
  std::vector<double> fighters(state.regions.size(), 0.0);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!place.in_theatre) continue;
    troops[place.region] += place.army + place.foreign;
    for (const auto& g : state.groups) fighters[place.region] += g.at_place[p];
  }
  for (const auto& g : state.groups) {
    for (std::size_t r = 0; r < state.regions.size() && r < g.dispersed.size(); ++r)
      fighters[r] += g.dispersed[r];
  }
  std::vector<double> risk(state.regions.size(), 0.0);
  for (std::size_t r = 0; r < risk.size(); ++r) {
    risk[r] = 1.0 - std::exp(-params.arrest_k * (troops[r] / 1000.0) / (fighters[r] / 1000.0 + 1.0));
  }
  return risk;
}

namespace {

// The affinity of a person of community c for group g: full for the group's own communities; a
// group with no community base recruits everyone alike (ideology, pay, protection).
double affinity(const conflict::Group& g, std::uint8_t c, const Params& params) {
  if (g.communities == 0) return params.open_affinity;
  return in_mask(g.communities, c) ? 1.0 : params.other_affinity;
}

// The extra pull of group g for a person of community c who feels `fear` (0..1) at home: a threatened
// community looks to the groups that recruit it for protection (M14); a group with no community base
// protects nobody in particular.
double protection(const conflict::Group& g, std::size_t c, double fear, const Params& params) {
  return g.communities != 0 && in_mask(g.communities, c) ? params.pull_threat * fear : 0.0;
}

// A bound on every group's score for the residents of one community and region: a resident with
// grievance G and arrest risk r scores at most G · affinity + pull − r for any group (G ≥ 0), with
// affinity and pull (its protection included) the largest among the groups open to them there.
// Most residents fall short of the threshold most months; the bound passes them over before the
// per-group scores, and leaves every choice as it was (kSlack covers rounding in the sums).
// A resident who chose a group this month (pass 1 of recruit).
struct Chooser {
  std::uint32_t person;
  ActorIndex group;
};

class ScoreBound {
 public:
  static constexpr std::size_t kCommunities = 32;  // communities are bits of a 32-bit mask
  static constexpr double kSlack = 1e-9;

  ScoreBound(const State& state, const Params& params, const std::vector<double>& pull)
      : regions_(state.regions.size()),
        affinity_(kCommunities * regions_, 0.0),
        pull_(kCommunities * regions_, -std::numeric_limits<double>::infinity()) {
    const auto& threat = state.community_threat;
    for (std::size_t c = 0; c < kCommunities; ++c) {
      for (std::size_t r = 0; r < regions_; ++r) {
        const double fear = c < threat.size() && r < threat[c].size() ? threat[c][r] : 0.0;
        const std::size_t at = c * regions_ + r;
        for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
          const auto& g = state.groups[gi];
          if (!g.active || !in_mask(g.regions, r)) continue;
          const double protect = protection(g, c, fear, params);
          affinity_[at] = std::max(affinity_[at], affinity(g, static_cast<std::uint8_t>(c), params));
          pull_[at] = std::max(pull_[at], pull[gi] + protect);
        }
      }
    }
  }

  // False when no group can reach the threshold for this resident.
  [[nodiscard]] bool may_reach(std::size_t community, std::size_t region, double grievance, double risk,
                               double threshold) const {
    if (community >= kCommunities || region >= regions_) return true;  // not bounded: score them all
    const std::size_t at = community * regions_ + region;
    return grievance * affinity_[at] + pull_[at] - risk + kSlack >= threshold;
  }

 private:
  std::size_t regions_;
  std::vector<double> affinity_;  // [community][region]
  std::vector<double> pull_;      // [community][region], -inf: no group open to them
};

}  // namespace

std::vector<double> pulls(const State& state, const Params& params) {
  std::vector<double> towns(state.actor_count(), 0.0);
  for (const auto& place : state.places) {
    if (conflict::is_town(place)) towns[place.controller] += 1;
  }
  std::vector<double> pull(state.groups.size(), 0.0);
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    pull[gi] =
        params.pull_base + state.groups[gi].pull + params.pull_towns * std::min(1.0, towns[gi + 1] / 5.0);
  }
  return pull;
}

double best_score(const conflict::Group& g, const Params& params) {
  const double affinity = g.communities == 0 ? params.open_affinity : 1.0;
  return affinity + params.pull_base + g.pull;
}

double capacity(const conflict::Group& g, const Params& params, double resources) {
  return resources * (params.absorb_base + params.absorb_share * g.fighters_people());
}

double room_share(double ceiling, double fighters, double wanted) {
  const double room = std::max(0.0, ceiling - fighters);
  return wanted > room ? room / wanted : 1.0;
}

std::vector<double> Resources::ceilings(const conflict::State& state) const {
  std::vector<double> out(state.groups.size(), -1.0);
  for (std::size_t h = 0; h < group_ceiling.size() && h < state.groups.size(); ++h) {
    if (group_ceiling[h] < 0.0) continue;
    const std::size_t at = state.heir_of(h);  // the group that holds h's fighters today
    out[at] = std::max(0.0, out[at]) + group_ceiling[h];
  }
  return out;
}

double Resources::ceiling_of(const conflict::State& state, std::size_t group) const {
  const auto all = ceilings(state);
  return group < all.size() ? all[group] : -1.0;
}

void recruit(State& state, conflict::Context& context, const Params& params, const Resources& resources) {
  const double k = state.people.people_per_agent;
  // Desertion first: whole agents, the fraction carried by the rounding of the expected count.
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    auto& g = state.groups[gi];
    if (g.fighters.empty()) continue;
    auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), gi);
    context.ops.send_home(state, static_cast<ActorIndex>(gi + 1),
                          params.desert_rate * static_cast<double>(g.fighters.size()), draws);
  }
  if (!params.enabled) return;

  const std::vector<double> risk = arrest_risk(state, params);
  const std::vector<double> pull = pulls(state, params);
  const auto& threat = state.community_threat;  // M14: [community][region], 0..1
  const ScoreBound bound(state, params, pull);
  // Pass 1 (parallel): each resident picks among the groups whose score reaches the threshold, by a
  // logit over the scores (the first uniform of the person's keyed draws), or none. Each block of
  // people lists its choosers in person order; the lists are joined in block order, so the passes
  // below read the choosers in person order whatever the threads, and never the people who chose
  // nothing (most of them).
  auto& people = state.people;
  const std::size_t groups = state.groups.size();
  const std::vector<Chooser> chosen =
      engine::list_in_order<Chooser>(people.size(), [&](std::size_t begin, std::size_t end, auto& picked) {
        std::vector<double> weight(groups, 0.0);
        for (std::size_t i = begin; i < end; ++i) {
          if (people.status[i] != Status::Resident) continue;
          const auto region = state.cells[people.cell[i]].region;
          const auto c = people.community[i];
          const double g_i = grievance::grievance(people, i);
          const double r_i = conflict::unit(people.risk_aversion[i]) * risk[region];
          if (!bound.may_reach(c, region, g_i, r_i, params.threshold)) continue;
          const double fear = c < threat.size() && region < threat[c].size() ? threat[c][region] : 0.0;
          double best = -1.0;
          bool any = false;
          for (std::size_t gi = 0; gi < groups; ++gi) {
            const auto& g = state.groups[gi];
            // Not a choice: its weight below is exp(-inf) = 0 (a score of 0 at a threshold of 0 is one).
            weight[gi] = -std::numeric_limits<double>::infinity();
            if (!g.active || !in_mask(g.regions, region)) continue;
            const double protect = protection(g, c, fear, params);
            const double score = g_i * affinity(g, c, params) + pull[gi] + protect - r_i;
            if (score < params.threshold) continue;
            weight[gi] = score;
            best = std::max(best, score);
            any = true;
          }
          if (!any) continue;
          double total = 0.0;
          for (std::size_t gi = 0; gi < groups; ++gi) {
            weight[gi] = std::exp((weight[gi] - best) / params.choice_scale);
            total += weight[gi];
          }
          auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 1000 + i);
          picked.push_back({static_cast<std::uint32_t>(i),
                            static_cast<ActorIndex>(conflict::weighted_pick(draws, weight, total) + 1)});
        }
      });
  std::vector<double> eligible(groups, 0.0);
  for (const Chooser& x : chosen) eligible[x.group - 1] += k;
  std::vector<double> accept(groups, 0.0);
  for (std::size_t gi = 0; gi < groups; ++gi) {
    accept[gi] =
        eligible[gi] > 0
            ? std::min(params.join_rate, capacity(state.groups[gi], params, resources.of(gi)) / eligible[gi])
            : 0.0;
  }
  // Under a ceiling the groups take no more recruits than bring their fighters back to it: each
  // ready person's chance is cut to the room left, and the last joiners stop at the ceiling (the
  // draws may overshoot the expectation; a whole agent may still pass it by less than itself).
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  std::vector<double> left(groups, kUnbounded);  // room left under each group's own ceiling
  if (!resources.group_ceiling.empty()) {
    const std::vector<double> own_ceilings = resources.ceilings(state);
    for (std::size_t gi = 0; gi < groups; ++gi) {
      const double own = own_ceilings[gi];
      if (own < 0.0) continue;
      const double fighters = state.groups[gi].fighters_people();
      accept[gi] *= room_share(own, fighters, eligible[gi] * accept[gi]);
      left[gi] = own - fighters;
    }
  }
  double room = 1.0;
  double left_all = kUnbounded;  // room left under the whole's ceiling
  if (resources.bounded()) {
    double wanted = 0.0;
    for (const Chooser& x : chosen) wanted += k * accept[x.group - 1];
    const double fighters = state.fighters_total();
    room = room_share(resources.ceiling, fighters, wanted);
    left_all = resources.ceiling - fighters;
  }
  // Where each group's recruits from each region gather (their home region unless the group has
  // bases and base_share > 0).
  std::vector<std::vector<std::size_t>> gather(groups);
  if (params.base_share > 0.0) {
    const RegionCentres centres = region_centres(state);
    for (std::size_t gi = 0; gi < groups; ++gi) gather[gi] = gathering_regions(state.groups[gi], centres);
  }
  // Pass 2 (in person order, draws keyed by person: the same whatever the threads); the second
  // uniform of the person's draws decides.
  for (const auto [i, c] : chosen) {
    if (left[c - 1] <= 0.0 || left_all <= 0.0) continue;
    auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 1000 + i);
    (void)draws.uniform();
    if (draws.uniform() < accept[c - 1] * room) {
      const auto& to = gather[c - 1];
      if (to.empty()) {
        context.ops.enlist(state, i, c);
      } else {
        context.ops.enlist(state, i, c, to[state.cells[people.cell[i]].region], params.base_share);
      }
      left[c - 1] -= k;
      left_all -= k;
    }
  }
}

double split(State& state, ActorIndex parent, ActorIndex child, double share) {
  auto& from = state.group(parent);
  auto& to = state.group(child);
  const double k = state.people.people_per_agent;
  const auto agents = static_cast<std::size_t>(std::floor(share * static_cast<double>(from.fighters.size())));
  if (agents == 0) return 0.0;
  // The strengths: from the parent's fighters in the new group's regions first, then the rest.
  double wanted = static_cast<double>(agents) * k;
  for (std::size_t r = 0; r < from.dispersed.size() && wanted > 0.0; ++r) {
    if (!in_mask(to.regions, r)) continue;
    const double moved = from.take_dispersed_in(r, wanted, false);
    to.dispersed[r] += moved;
    wanted -= moved;
  }
  if (wanted > 0.0) {
    const double moved = from.take_dispersed(wanted);
    // Fighters from outside its regions join where the new group operates, spread evenly.
    const auto n = static_cast<double>(std::popcount(to.regions));
    for (std::size_t r = 0; r < to.dispersed.size(); ++r) {
      if (n > 0 && in_mask(to.regions, r)) to.dispersed[r] += moved / n;
    }
    wanted -= moved;
  }
  // Agents follow (the most recently enlisted).
  for (std::size_t i = 0; i < agents && !from.fighters.empty(); ++i) {
    const std::uint32_t agent = from.fighters.back();
    from.fighters.pop_back();
    state.people.group[agent] = child;
    to.fighters.push_back(agent);
  }
  return static_cast<double>(agents) * k;
}

double influx(State& state, conflict::Context& context, ActorIndex g, double people, std::uint32_t regions,
              std::uint32_t key) {
  auto& group = state.group(g);
  const double k = state.people.people_per_agent;
  const auto wanted = static_cast<std::size_t>(std::llround(people / k));
  if (wanted == 0) return 0.0;
  // Candidates: residents of the group's communities in the influx's regions (else the group's).
  const std::uint32_t where = regions != 0 ? regions : group.regions;
  std::vector<std::uint32_t> candidates;
  for (std::size_t i = 0; i < state.people.size(); ++i) {
    if (state.people.status[i] != Status::Resident) continue;
    if (group.communities != 0 && !in_mask(group.communities, state.people.community[i])) continue;
    if (!in_mask(where, state.cells[state.people.cell[i]].region)) continue;
    candidates.push_back(static_cast<std::uint32_t>(i));
  }
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), key);
  std::size_t taken = 0;
  // A partial Fisher-Yates shuffle picks `wanted` distinct candidates.
  for (; taken < wanted && taken < candidates.size(); ++taken) {
    const auto j = taken + draws.below(static_cast<std::uint32_t>(candidates.size() - taken));
    std::swap(candidates[taken], candidates[j]);
    context.ops.enlist(state, candidates[taken], g);
  }
  return static_cast<double>(taken) * k;
}

}  // namespace peacesim::mechanisms::mobilization
