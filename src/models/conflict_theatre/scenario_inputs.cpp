#include "models/conflict_theatre/scenario_inputs.hpp"

#include <algorithm>
#include <cmath>

#include "mechanisms/costs/costs.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/institutions/institutions.hpp"
#include "mechanisms/mobilization/mobilization.hpp"
#include "mechanisms/origin_strength/origin_strength.hpp"
#include "mechanisms/peace_attacks/peace_attacks.hpp"
#include "mechanisms/peace_process/negotiation.hpp"
#include "models/conflict_theatre/decisions.hpp"
#include "models/conflict_theatre/mechanisms.hpp"
#include "models/conflict_theatre/talks.hpp"
#include "scenario/error.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

namespace conflict = mechanisms::conflict;
using conflict::ActorIndex;
using conflict::kState;

namespace {

// ---- inputs the mechanisms are made with ----

void set_provisions(mechanisms::peace_process::Agreement& m, const theatre::Agreement& a) {
  for (const auto& p : a.provisions) {
    m.cantonment = m.cantonment || p == "cantonment";
    m.ddr = m.ddr || p == "ddr";
    m.decentralization = m.decentralization || p == "decentralization";
    m.redeployment = m.redeployment || p == "army_redeployment" || p == "return_of_state_presence";
  }
}

// M10: the scenario's agreements, their armed signatories and what they provide for.
mechanisms::peace_process::Inputs peace_inputs(const TheatreWorld& world, const DynamicsSpec& spec,
                                               const BuiltState& built, engine::Date start) {
  const auto& st = built.state;
  mechanisms::peace_process::Inputs out;
  out.communities = world.theatre.population.communities.size();
  check_negotiations(world, spec);
  for (const auto& a : world.theatre.agreements) {
    if (a.role != theatre::Role::Input) continue;
    mechanisms::peace_process::Agreement m;
    m.id = a.id;
    m.name = a.name;
    set_provisions(m, a);
    if (negotiated(spec, a.id)) {
      // Who signs and when are M10's results: the talks open, nobody has signed yet.
      m.negotiated = true;
      out.talks.push_back(make_talks(world, spec, a, out.agreements.size(), start, st));
      out.agreements.push_back(std::move(m));
      continue;
    }
    engine::Date last;
    for (const auto& sig : a.signatures) {
      const ActorIndex g = st.actor_of(sig.party.id);
      if (g == conflict::kNoActor) continue;  // the government's own signature
      m.signatories.push_back(g);
      m.regions |= st.group(g).regions;
      if (sig.when.date > last) last = sig.when.date;
    }
    // A coalition's signature binds its members (a rebel coalition's for each of its movements).
    for (std::size_t g = 0; g < st.groups.size(); ++g) {
      const auto& tg = world.theatre.groups[built.group_theatre[g]];
      for (const auto& ch : tg.changes) {
        if (ch.kind != theatre::ChangeKind::Joined || !ch.group || ch.role != theatre::Role::Input) continue;
        for (const auto& sig : a.signatures) {
          if (sig.party.id != ch.group->id) continue;
          m.signatories.push_back(static_cast<ActorIndex>(g + 1));
          m.regions |= st.groups[g].regions;
          const engine::Date when = std::max(sig.when.date, ch.when.date);
          if (when > last) last = when;
        }
      }
    }
    if (m.signatories.empty()) continue;
    m.signed_day = static_cast<std::int32_t>(days_between(start, last));
    out.agreements.push_back(std::move(m));
  }
  return out;
}

// M12: what a day of each force costs and who pays, from the scenario's budgets and rules.
std::vector<mechanisms::costs::Bill> bills(const TheatreWorld& world, const DynamicsSpec& spec,
                                           const BuiltState& built,
                                           const mechanisms::institutions::Institutions& m9,
                                           const conflict::State& s) {
  const auto& t = world.theatre;
  const engine::Date today = s.date;
  std::vector<mechanisms::costs::Bill> out;
  for (std::size_t f = 0; f < s.forces.size(); ++f) {
    const std::size_t op_index = built.force_operation[f];
    const auto& op = t.operations[op_index];
    if (m9.rules(op_index)) {
      // A ruled operation pays troop-years (no recorded budget figure) from the source its rule
      // names, else its first budget's (check_decisions ensures one of them exists).
      std::string funding = op.budgets.empty() ? "" : op.budgets.front().funding;
      for (const auto& d : spec.decisions) {
        if (d.operation.id == op.id && d.funding) funding = *d.funding;
      }
      if (s.forces[f].strength > 0.0) out.push_back({f, 0.0, s.forces[f].strength, funding});
      continue;
    }
    if (!theatre::deployed_on(op, today) || op.budgets.empty()) continue;
    const theatre::Budget* in_force = nullptr;
    for (const auto& b : op.budgets) {
      if (b.from.date <= today && (!b.to || today <= b.to->date)) in_force = &b;
    }
    // Outside any budget period the last funding source known still applies (no figure, so the
    // troop-year cost is used).
    const theatre::Budget& b = in_force != nullptr ? *in_force : op.budgets.back();
    const double per_year = in_force != nullptr && b.usd_per_year ? *b.usd_per_year : 0.0;
    out.push_back({f, per_year, s.forces[f].strength, b.funding});
  }
  return out;
}

mechanisms::costs::Inputs cost_inputs(const TheatreWorld& world, const DynamicsSpec& spec,
                                      const BuiltState& built, bool check) {
  mechanisms::costs::Inputs in;
  for (const auto& [kind, usd] : spec.costs.troop_year_usd) in.rules.troop_year_usd[kind] = usd;
  for (const auto& [funding, shares] : spec.costs.payers) {
    for (const auto& [payer, share] : shares) in.rules.payers[funding].push_back({payer, share});
  }
  const auto& t = world.theatre;
  for (std::size_t f = 0; f < built.state.forces.size(); ++f) {
    const auto& op = t.operations[built.force_operation[f]];
    in.operations.push_back(
        {op.id, op.name, op.kind, op.organizations.empty() ? op.id : op.organizations.front().id});
    for (const auto& b : op.budgets) {
      if (check && !in.rules.payers.count(b.funding)) {
        throw scenario::ScenarioError(spec.costs.where, spec.costs.field + ".payers",
                                      "has no entry for funding '" + b.funding + "' (used by " + op.id + ")");
      }
    }
  }
  return in;
}

// ---- the scenario's decisions of the day ----

// Recorded signatures only: a negotiated agreement's signatures are M10's results.
bool signed_by(const theatre::Theatre& t, const DynamicsSpec& spec, const std::string& group,
               engine::Date today) {
  for (const auto& a : t.agreements) {
    if (a.role != theatre::Role::Input || negotiated(spec, a.id)) continue;
    for (const auto& sig : a.signatures) {
      if (sig.party.id == group && sig.when.date <= today) return true;
    }
  }
  return false;
}

// Whether a group has signed an agreement in force, itself or through a coalition it has joined.
bool signatory(const theatre::Theatre& t, const DynamicsSpec& spec, const theatre::ArmedGroup& g,
               engine::Date today) {
  if (signed_by(t, spec, g.id, today)) return true;
  for (const auto& c : g.changes) {
    if (c.kind == theatre::ChangeKind::Joined && c.group && c.role == theatre::Role::Input &&
        c.when.date <= today && signed_by(t, spec, c.group->id, today)) {
      return true;
    }
  }
  return false;
}

// A group that merges into another hands over its fighters (two jihadist groups merging, say).
void merge_fighters(conflict::State& s, const theatre::ArmedGroup& tg, std::size_t from, engine::Date today) {
  const theatre::GroupChange* end = tg.end();
  if (end == nullptr || end->kind != theatre::ChangeKind::MergedInto || !end->group || end->when.date > today)
    return;
  const ActorIndex to = s.actor_of(end->group->id);
  if (to == conflict::kNoActor || to == from + 1) return;
  auto& a = s.groups[from];
  auto& b = s.group(to);
  a.merged_into = to;
  for (const std::uint32_t agent : a.fighters) s.people.group[agent] = to;
  b.fighters.insert(b.fighters.end(), a.fighters.begin(), a.fighters.end());
  a.fighters.clear();
  for (std::size_t r = 0; r < a.dispersed.size(); ++r) b.disperse(r, a.dispersed[r]);
  for (std::size_t p = 0; p < a.at_place.size(); ++p) b.disperse(s.places[p].region, a.at_place[p]);
  std::fill(a.at_place.begin(), a.at_place.end(), 0.0);
  std::fill(a.dispersed.begin(), a.dispersed.end(), 0.0);
}

// The coalition a group belongs to today (its last `joined` not undone by a `left`), or null.
const theatre::Ref* coalition_today(const theatre::ArmedGroup& g, engine::Date today) {
  const theatre::Ref* in = nullptr;
  for (const auto& c : g.changes) {
    if (c.role != theatre::Role::Input || c.when.date > today || !c.group) continue;
    if (c.kind == theatre::ChangeKind::Joined) in = &*c.group;
    if (c.kind == theatre::ChangeKind::Left && in != nullptr && in->id == c.group->id) in = nullptr;
  }
  return in;
}

// Whether a group is `party` today: the group itself, or a member of the coalition `party`.
bool party_to(const theatre::ArmedGroup& g, const std::string& party, engine::Date today) {
  if (g.id == party) return true;
  const theatre::Ref* in = coalition_today(g, today);
  return in != nullptr && in->id == party;
}

// The name a group's events carry today: its coalition's, once it has joined one whose members the
// event data name after it (dynamics.groups[].members_named_from), else its own (empty).
std::string coalition_name(const theatre::Theatre& t, const DynamicsSpec& spec, const theatre::ArmedGroup& g,
                           engine::Date today) {
  const theatre::Ref* in = coalition_today(g, today);
  if (in == nullptr) return {};
  for (const auto& traits : spec.groups) {
    if (traits.group.id != in->id || !traits.members_named_from || traits.members_named_from->date > today)
      continue;
    for (const auto& coalition : t.groups) {
      if (coalition.id == in->id) return coalition.name;
    }
  }
  return {};
}

// A group that splits from another takes a share of its fighters (a faction pledging to another cause).
void split_fighters(conflict::State& s, const theatre::ArmedGroup& tg, std::size_t child) {
  const theatre::GroupChange& origin = tg.origin();
  if (origin.kind != theatre::ChangeKind::SplitFrom || !origin.group) return;
  const ActorIndex parent = s.actor_of(origin.group->id);
  if (parent == conflict::kNoActor || parent == child + 1) return;
  mechanisms::mobilization::split(s, parent, static_cast<ActorIndex>(child + 1), s.groups[child].split_share);
}

bool relation_on(const theatre::Relation& rel, engine::Date today) {
  return (!rel.from || rel.from->date <= today) && (!rel.to || today <= rel.to->date);
}

// M11's input for a UN operation: how far its links with offensive counter-terrorism make it a
// party (002: its intelligence unit's target packages, support to a counter-terrorism operation,
// exchanges of intelligence). Weights:
// assumption, documented in docs/model/operational-layer.md.
double partiality_pressure(const conflict::State& s, const theatre::Operation& op, engine::Date today,
                           bool military_intelligence, bool own_offensive) {
  // A UN operation that carries out counter-terrorism itself is a party (002: the 'robust' posture).
  double pressure = own_offensive ? 1.0 : 0.0;
  bool linked = false;
  for (const auto& rel : op.relations) {
    if (!relation_on(rel, today)) continue;
    const bool with_offensive = std::any_of(s.forces.begin(), s.forces.end(), [&](const conflict::Force& f) {
      return f.id == rel.with.id && f.offensive && f.strength > 0.0;
    });
    if (!with_offensive) continue;
    if (rel.kind == "support_under_threat") pressure += 0.2;
    if (rel.kind == "intelligence_sharing") pressure += 0.3;
    linked = linked || rel.kind == "support_under_threat" || rel.kind == "intelligence_sharing";
  }
  if (military_intelligence && linked) pressure += 0.3;  // its intelligence feeds counter-terrorism
  return pressure;
}

// Whether the mandate in force on a date (the latest adopted; before the first, the first) has a
// task: mandates change what an operation does over time.
bool task_on(const theatre::Operation& op, const std::string& category, engine::Date today) {
  const theatre::Mandate* in_force = op.mandates.empty() ? nullptr : &op.mandates.front();
  for (const auto& m : op.mandates) {
    if (m.adopted.date <= today) in_force = &m;
  }
  if (in_force == nullptr) return false;
  return std::any_of(in_force->tasks.begin(), in_force->tasks.end(),
                     [&](const theatre::Task& t) { return t.category == category; });
}

bool active_on(const theatre::When& from, const std::optional<theatre::When>& to, engine::Date today) {
  return from.date <= today && (!to || today <= to->date);
}

// Groups (existence, designation, offensives, hostility) and the government (its baseline
// legitimacy, the last coup), as the scenario records them for today.
void groups_and_government(const TheatreWorld& world, const DynamicsSpec& spec, const BuiltState& built,
                           const mechanisms::grievance::Params& m1,
                           const mechanisms::peace_process::State& m10, conflict::State& s,
                           const engine::Clock& clock) {
  const engine::Date today = clock.today();
  s.day = static_cast<std::int32_t>(clock.step());
  s.date = today;
  const auto& t = world.theatre;

  s.excluded_communities = 0;
  for (std::size_t i = 0; i < s.groups.size(); ++i) {
    auto& g = s.groups[i];
    const auto& tg = t.groups[built.group_theatre[i]];
    const bool was_active = g.active;
    g.active = theatre::group_exists(tg, today, true);
    if (was_active && !g.active) merge_fighters(s, tg, i, today);
    if (!was_active && g.active) split_fighters(s, tg, i);
    g.designated = theatre::group_designated(tg, today, true);
    g.coalition_name = coalition_name(t, spec, tg, today);
    if (g.active && g.designated) s.excluded_communities |= g.communities;
    g.offensive = false;
    g.offensive_regions = 0;
    g.offensive_towns.clear();
  }
  for (const auto& off : spec.offensives) {
    if (today < off.from.date || today > off.to.date) continue;
    for (const auto& ref : off.groups) {
      const ActorIndex a = s.actor_of(ref.id);
      if (a == conflict::kNoActor) continue;
      auto& g = s.group(a);
      g.offensive = true;
      for (const auto& town : off.towns) {
        const auto* place = t.find_place(town.id);
        if (place != nullptr)
          g.offensive_towns.push_back(static_cast<conflict::PlaceIndex>(place - t.places.data()));
      }
      for (const auto& r : off.regions) {
        if (auto ri = world.regions.index_of(r.id)) g.offensive_regions |= 1u << *ri;
      }
    }
  }
  for (auto& row : s.hostile) std::fill(row.begin(), row.end(), 0);
  for (std::size_t i = 0; i < s.groups.size(); ++i) {
    const auto& g = s.groups[i];
    const bool at_peace =
        signatory(t, spec, t.groups[built.group_theatre[i]], today) ||
        mechanisms::peace_process::signed_negotiated(m10.agreements, static_cast<ActorIndex>(i + 1), s.day);
    s.hostile[0][i + 1] = s.hostile[i + 1][0] = conflict::enemy_of_state(g, at_peace) ? 1 : 0;
    for (std::size_t j = i + 1; j < s.groups.size(); ++j) {
      if (conflict::rivals_by_kind(g, s.groups[j])) s.hostile[i + 1][j + 1] = s.hostile[j + 1][i + 1] = 1;
    }
  }
  for (const auto& h : spec.hostilities) {
    if (!active_on(h.from, h.to, today)) continue;
    const ActorIndex a = s.actor_of(h.a.id);
    const ActorIndex b = s.actor_of(h.b.id);
    if (a != conflict::kNoActor && b != conflict::kNoActor) s.hostile[a][b] = s.hostile[b][a] = 1;
  }
  // A truce between two groups, or two coalitions, suspends every hostility between their members
  // of the day, whether it comes from what they are (rivals_by_kind) or from a dated hostility.
  for (const auto& truce : spec.truces) {
    if (!active_on(truce.from, truce.to, today)) continue;
    std::vector<ActorIndex> side_a, side_b;  // each side's members today
    for (std::size_t i = 0; i < s.groups.size(); ++i) {
      const auto& g = t.groups[built.group_theatre[i]];
      const auto actor = static_cast<ActorIndex>(i + 1);
      if (party_to(g, truce.a.id, today)) side_a.push_back(actor);
      if (party_to(g, truce.b.id, today)) side_b.push_back(actor);
    }
    for (const ActorIndex a : side_a) {
      for (const ActorIndex b : side_b) s.hostile[a][b] = s.hostile[b][a] = 0;
    }
  }

  // Each state's government in office today: M1's baseline legitimacy and M4's last coup.
  for (std::size_t c = 0; c < t.states.size() && c < s.countries.size(); ++c) {
    const auto& governments = t.states[c].governments;
    auto& country = s.countries[c];
    const theatre::GovernmentPeriod* gov = nullptr;
    for (const auto& period : governments) {
      if (period.role == theatre::Role::Input && period.from.date <= today) gov = &period;
    }
    if (gov == nullptr) continue;
    country.regime_legitimacy = gov->kind == "military"       ? m1.legitimacy_military
                                : gov->kind == "transitional" ? m1.legitimacy_transitional
                                                              : m1.legitimacy_elected;
    for (const auto& period : governments) {
      if (period.role == theatre::Role::Input && period.how == "coup" && period.from.date <= today) {
        country.coup_day = static_cast<std::int32_t>(days_between(clock.start(), period.from.date));
      }
    }
  }
}

// Forces: today's strength (recorded, or decided by M9), where they are stationed, and the pressure
// on the UN's impartiality (M11's input).
void forces(const TheatreWorld& world, const BuiltState& built,
            const mechanisms::institutions::Institutions& m9, conflict::State& s) {
  const engine::Date today = s.date;
  const auto& t = world.theatre;
  double pressure = 0.0;
  for (std::size_t f = 0; f < s.forces.size(); ++f) {
    auto& force = s.forces[f];
    const std::size_t op_index = built.force_operation[f];
    const auto& op = t.operations[op_index];
    const bool ruled = m9.rules(op_index);
    force.strength = ruled ? m9.strength(op_index) : theatre::actual_strength(op, today);
    bool military_intelligence = false;
    for (const auto& unit : op.units) {
      const bool on = (!unit.from || today >= unit.from->date) && (!unit.to || today <= unit.to->date);
      const auto* p = on ? theatre::in_force(unit.strength, today) : nullptr;
      // A ruled operation's ceiling covers its contingents.
      if (p != nullptr && unit.kind == "contingent" && !ruled) force.strength += p->total();
      military_intelligence =
          military_intelligence || (on && unit.kind == "intelligence" && unit.command == "military");
    }
    force.offensive = task_on(op, "offensive_counter_terrorism", today);
    if (force.un && force.strength > 0.0)
      pressure += partiality_pressure(s, op, today, military_intelligence, force.offensive);
    std::fill(force.station.begin(), force.station.end(), 0.0);
    const theatre::SpreadSnapshot* snap = nullptr;
    for (const auto& sn : op.spread_snapshots) {
      if (sn.date <= today) snap = &sn;
    }
    if (snap != nullptr) {
      for (const auto& site : snap->sites) {
        if (s.places[site.place].in_theatre) force.station[site.place] += site.troops;
      }
    } else {
      for (const auto& b : op.bases) {
        const bool on = (!b.from || b.from->date <= today) && (!b.to || today <= b.to->date);
        const auto* place = t.find_place(b.place.id);
        if (!on || place == nullptr) continue;
        const auto p = static_cast<std::size_t>(place - t.places.data());
        if (s.places[p].in_theatre) force.station[p] += 1.0;
      }
    }
    double total = 0.0;
    for (double x : force.station) total += x;
    if (total <= 0.0) {
      force.station[s.capital_for(force.regions)] = 1.0;
    } else {
      for (double& x : force.station) x /= total;
    }
  }
  s.un_partiality_pressure = std::min(1.0, pressure);
}

// M16: where each operation's convoys start, its headquarters and logistics bases, on their dates.
mechanisms::peace_attacks::Supply supply_hubs(const TheatreWorld& world, const BuiltState& built,
                                              engine::Date start) {
  mechanisms::peace_attacks::Supply out;
  const auto& t = world.theatre;
  for (std::size_t f = 0; f < built.force_operation.size(); ++f) {
    for (const auto& b : t.operations[built.force_operation[f]].bases) {
      const auto* place = t.find_place(b.place.id);
      if ((b.kind != "hq" && b.kind != "logistics") || place == nullptr) continue;
      mechanisms::peace_attacks::Hub h;
      h.force = f;
      h.place = static_cast<conflict::PlaceIndex>(place - t.places.data());
      if (b.from) h.from_day = static_cast<std::int32_t>(days_between(start, b.from->date));
      if (b.to) h.to_day = static_cast<std::int32_t>(days_between(start, b.to->date));
      out.hubs.push_back(h);
    }
  }
  return out;
}

// M7: the observed stocks dated at the forecast's origin, set on the day after it (none without both).
mechanisms::displacement::OriginStocks origin_stocks(const TheatreWorld& world, const DynamicsSpec& spec,
                                                     engine::Date start) {
  mechanisms::displacement::OriginStocks out;
  for (const ObservedStocks* o : stocks_at_origin(spec)) {
    out.day = days_between(start, o->when.date) + 1;
    mechanisms::displacement::OriginStocks::OfNation n;
    // The state's index is its people's nation (build_state: a place's nation is its host state).
    if (!o->state.empty()) n.nation = static_cast<std::uint8_t>(world.theatre.state_of(o->state).value_or(0));
    n.internal = o->internal;
    for (const auto& a : o->abroad) n.abroad.emplace_back(a.country, a.people);
    n.elsewhere = o->elsewhere.value_or(0.0);
    out.nations.push_back(std::move(n));
  }
  return out;
}

// M17: the deaths observed by region in the year that ends at the forecast's origin, compared on the
// day after it (regions without an entry are not observed: -1).
mechanisms::origin_strength::Observed origin_fatalities(const TheatreWorld& world, const DynamicsSpec& spec,
                                                        const conflict::State& state, engine::Date start) {
  mechanisms::origin_strength::Observed out;
  const ObservedFatalities* o = fatalities_at_origin(spec);
  if (o == nullptr) return out;
  out.day = days_between(start, *spec.forecast_origin) + 1;
  out.year = o->year;
  const std::size_t regions = world.regions.units.size();
  out.fatalities.assign(regions, -1.0);
  for (const auto& region : o->regions) {
    if (const auto r = world.regions.index_of(region.region.id)) out.fatalities[*r] = region.deaths;
  }
  if (o->by_group.empty()) return out;
  // Who the deaths were: named by group (0 for a group not listed) where attributed, -1 elsewhere.
  out.unnamed.assign(regions, -1.0);
  out.named.assign(state.groups.size() * regions, -1.0);
  for (const auto& named : o->by_group) {
    const auto r = world.regions.index_of(named.region.id);
    if (!r) continue;
    out.unnamed[*r] = named.unnamed;
    for (std::size_t g = 0; g < state.groups.size(); ++g) out.named[g * regions + *r] = 0.0;
    for (const auto& [group, deaths] : named.groups) {
      const conflict::ActorIndex a = state.actor_of(group.id);
      if (a == conflict::kNoActor || a == 0) continue;
      out.named[(static_cast<std::size_t>(a) - 1) * regions + *r] = deaths;
    }
  }
  return out;
}

}  // namespace

void provide_inputs(conflict::Registry& r, const TheatreWorld& world, const DynamicsSpec& spec,
                    const BuiltState& built, const engine::ParameterSet& parameters, engine::Date start) {
  namespace m = mechanisms;
  m::mobilization::Influxes influxes;
  for (const auto& in : spec.influxes) {
    std::uint32_t regions = 0;
    for (const auto& ref : in.regions) {
      if (auto ri = world.regions.index_of(ref.id)) regions |= 1u << *ri;
    }
    influxes.list.push_back({in.when.date, built.state.actor_of(in.group.id), in.fighters, regions});
  }
  r.provide(std::move(influxes));
  r.provide(built.network);
  r.provide(origin_stocks(world, spec, start));
  r.provide(origin_fatalities(world, spec, built.state, start));
  r.provide(supply_hubs(world, built, start));
  r.provide(peace_inputs(world, spec, built, start));
  r.provide(m::institutions::Inputs{
      make_rules(world, spec, start), world.theatre.operations.size(),
      [reader = SituationReader(world, spec), &built, operations = world.theatre.operations.size()](
          const conflict::State& s, const std::vector<double>& resentment) {
        return reader.read(s, resentment, built.force_operation, operations);
      }});
  // M12 refuses a funding source without payers only when it runs (its switch, read the way it binds it).
  const bool check = m::costs::parameter_table().bind(parameters).enabled;
  m::costs::Inputs costs = cost_inputs(world, spec, built, check);
  costs.bills = [&world, &spec, &built, &r](const conflict::State& s) {
    return bills(world, spec, built, r.get<m::institutions::Institutions>(), s);
  };
  r.provide(std::move(costs));
}

void register_decisions(conflict::Registry& r, const TheatreWorld& world, const DynamicsSpec& spec,
                        const BuiltState& built) {
  namespace m = mechanisms;
  conflict::State& s = r.world();
  const auto& m1 = r.read<m::grievance::Params>();
  const auto& m9 = r.read<m::institutions::Institutions>();
  const auto& m10 = r.read<m::peace_process::State>();
  r.system({kGroupsAndGovernment, engine::Cadence::Daily, engine::Phase::Step,
            [&world, &spec, &built, &m1, &m10, &s](engine::StepContext& c) {
              groups_and_government(world, spec, built, m1, m10, s, c.clock);
            }});
  r.system({kForces, engine::Cadence::Daily, engine::Phase::Step,
            [&world, &built, &m9, &s](engine::StepContext&) { forces(world, built, m9, s); }});
}

}  // namespace peacesim::models::conflict_theatre
