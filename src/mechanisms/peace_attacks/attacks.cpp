// M16's day: who can attack in each region, the attacks on convoys and camps, their dead.
#include <algorithm>
#include <cmath>
#include <string>

#include "mechanisms/combat/combat.hpp"
#include "mechanisms/conflict/draws.hpp"
#include "mechanisms/peace_attacks/peace_attacks.hpp"

namespace peacesim::mechanisms::peace_attacks {

using conflict::ActorIndex;
using conflict::kState;
using conflict::PlaceIndex;
using conflict::State;

namespace {

// A group's fighters in region r: dispersed there and in its towns there.
double fighters_in(const State& state, const conflict::Group& g, std::size_t r) {
  double f = r < g.dispersed.size() ? g.dispersed[r] : 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    if (conflict::is_town(state.places[p]) && state.places[p].region == r) f += g.at_place[p];
  }
  return f;
}

// How much a group's fighters count as attackers of peace operations (0: not at all).
double weight_of(const State& state, ActorIndex a, const Params& params) {
  const auto& g = state.group(a);
  if (!g.active || !state.are_hostile(a, kState)) return 0.0;
  return g.kind == conflict::GroupKind::Jihadist ? 1.0 : params.rebel_weight;
}

// The weighted fighters of each group in region r (index a - 1).
std::vector<double> attackers_in(const State& state, const Params& params, std::size_t r) {
  std::vector<double> w(state.groups.size(), 0.0);
  for (std::size_t i = 0; i < state.groups.size(); ++i) {
    const double k = weight_of(state, static_cast<ActorIndex>(i + 1), params);
    if (k > 0.0) w[i] = k * fighters_in(state, state.groups[i], r);
  }
  return w;
}

enum class Kind { Ied, Ambush, Fire, Assault };

struct Attack {
  Kind kind = Kind::Ied;
  ActorIndex by = conflict::kNoActor;
  std::size_t camp = 0;                   // whose troops are hit
  PlaceIndex place = conflict::kNoPlace;  // where
  double days_protected = 0.0;
};

double base_deaths(const Params& params, Kind kind) {
  switch (kind) {
    case Kind::Ied:
      return params.ied_deaths;
    case Kind::Ambush:
      return params.ambush_deaths;
    case Kind::Fire:
      return params.fire_deaths;
    case Kind::Assault:
      return params.assault_deaths;
  }
  return 0.0;
}

void carry_out(State& state, conflict::Context& context, const Params& params, const Exposure& x,
               const Attack& attack, Record& record, engine::SeriesId attacks_series,
               engine::RandomDraws& draws) {
  const Camp& camp = x.camps[attack.camp];
  const std::size_t region = state.places[attack.place].region;
  const double mean =
      base_deaths(params, attack.kind) * lethality(params, record.experience[region], attack.days_protected);
  const double drawn = conflict::negative_binomial(draws, mean, params.dispersion);
  const double dead = combat::force_losses(state, context, camp.place, static_cast<int>(camp.force), drawn);
  double attackers_dead = 0.0;
  if (attack.kind == Kind::Assault) {  // an ambush strikes and withdraws; an assault meets the camp's fire
    const double here = fighters_in(state, state.group(attack.by), region);
    const double drawn_attackers =
        conflict::negative_binomial(draws, params.assault_attackers_dead, params.dispersion);
    attackers_dead =
        combat::group_losses(state, context, attack.place, attack.by, std::min(here, drawn_attackers));
  }
  record.experience[region] += 1.0;

  events::Happening h;
  const bool battle = attack.kind == Kind::Ambush || attack.kind == Kind::Assault;
  h.type = battle ? events::EventType::Battles : events::EventType::ExplosionsRemoteViolence;
  h.sub_type = battle                     ? "Armed clash"
               : attack.kind == Kind::Ied ? "Remote explosive/landmine/IED"
                                          : "Shelling/artillery/missile attack";
  const auto& g = state.group(attack.by);
  h.actor1 = g.event_name();
  h.actor2 = state.forces[camp.force].name;
  h.type1 = events::actor_type(g);
  h.type2 = events::ActorType::External;
  h.place = attack.place;
  h.fatalities = static_cast<int>(std::lround(dead + attackers_dead));
  context.log.emit(context.recorder, state, h);
  state.places[attack.place].danger += dead + attackers_dead;
  context.recorder.add(attacks_series, 0, 1.0);
  context.recorder.add(attacks_series, static_cast<engine::RegionIndex>(1 + region), 1.0);
}

// Keeps the dates camps opened and forces deployed; today's exposure for the series.
void keep_record(const State& state, const Exposure& x, Record& record) {
  for (std::size_t f = 0; f < state.forces.size(); ++f) {
    if (state.forces[f].un && state.forces[f].strength > 0.0 && record.deployed[f] == Record::kNever)
      record.deployed[f] = state.day;
  }
  for (const Camp& c : x.camps) {
    auto& opened = record.opened[c.force * record.places + c.place];
    if (opened == Record::kNever) opened = state.day;
  }
  record.convoy_km = x.convoy_km;
  record.camps = x.camps_in;
}

}  // namespace

std::vector<double> attackers(const State& state, const Params& params) {
  std::vector<double> out(state.regions.size(), 0.0);
  for (std::size_t r = 0; r < out.size(); ++r) {
    for (const double w : attackers_in(state, params, r)) out[r] += w;
  }
  return out;
}

double lethality(const Params& params, double experience, double days) {
  const double learned = 1.0 + params.learning_gain * (1.0 - std::exp(-experience / params.learning_attacks));
  const double exposed =
      params.protection_floor +
      (1.0 - params.protection_floor) * std::exp(-std::max(0.0, days) / params.protection_days);
  return learned * exposed;
}

void Record::reset(std::size_t forces, std::size_t place_count, std::size_t regions) {
  places = place_count;
  opened.assign(forces * place_count, kNever);
  deployed.assign(forces, kNever);
  experience.assign(regions, 0.0);
  convoy_km.assign(regions, 0.0);
  camps.assign(regions, 0.0);
}

void day(State& state, conflict::Context& context, const Params& params, const Supply& supply,
         double un_impartiality, Record& record, engine::SeriesId attacks_series) {
  if (!params.enabled) return;
  const Exposure x = exposure(state, supply, params);
  keep_record(state, x, record);
  const double keep = std::exp(-1.0 / params.experience_days);
  for (double& e : record.experience) e *= keep;
  const double intent = 1.0 + params.partiality_weight * (1.0 - un_impartiality);

  std::vector<double> convoy_weight(x.stretches.size(), 0.0);
  for (std::size_t r = 0; r < state.regions.size(); ++r) {
    const std::vector<double> by_group = attackers_in(state, params, r);
    double hostile = 0.0;
    for (const double w : by_group) hostile += w;
    if (!(hostile > 0.0)) continue;  // nobody here to attack
    const double presence = 1.0 - std::exp(-hostile / params.presence_people);
    auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), r);
    auto attacker = [&] {
      return static_cast<ActorIndex>(conflict::weighted_pick(draws, by_group, hostile) + 1);
    };

    // Convoys on the roads of region r.
    const std::uint32_t on_roads =
        conflict::poisson(draws, params.convoy_rate * x.convoy_km[r] / 1000.0 * presence * intent);
    if (on_roads > 0) {
      double total = 0.0;
      for (std::size_t i = 0; i < x.stretches.size(); ++i) {
        const auto& s = x.stretches[i];
        convoy_weight[i] = state.places[s.place].region == r ? s.convoy_km : 0.0;
        total += convoy_weight[i];
      }
      for (std::uint32_t i = 0; i < on_roads && total > 0.0; ++i) {
        const auto& s = x.stretches[conflict::weighted_pick(draws, convoy_weight, total)];
        Attack a;
        a.kind = draws.uniform() < params.ambush_share ? Kind::Ambush : Kind::Ied;
        a.by = attacker();
        a.camp = s.camp;
        a.place = s.place;
        const std::int32_t since = record.deployed[x.camps[s.camp].force];
        a.days_protected = static_cast<double>(state.day - since);
        carry_out(state, context, params, x, a, record, attacks_series, draws);
      }
    }

    // The camps of region r.
    for (std::size_t c = 0; c < x.camps.size(); ++c) {
      const Camp& camp = x.camps[c];
      if (state.places[camp.place].region != r) continue;
      const std::int32_t opened = record.opened[camp.force * record.places + camp.place];
      for (const Kind kind : {Kind::Fire, Kind::Assault}) {
        const double rate = kind == Kind::Fire ? params.fire_rate : params.assault_rate;
        const std::uint32_t n = conflict::poisson(draws, rate * presence * intent);
        for (std::uint32_t i = 0; i < n; ++i) {
          Attack a;
          a.kind = kind;
          a.by = attacker();
          a.camp = c;
          a.place = camp.place;
          a.days_protected = static_cast<double>(state.day - opened);
          carry_out(state, context, params, x, a, record, attacks_series, draws);
        }
      }
    }
  }
}

}  // namespace peacesim::mechanisms::peace_attacks
