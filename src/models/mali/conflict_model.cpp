#include "models/mali/conflict_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mechanisms/conflict/draws.hpp"
#include "scenario/error.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::mali {

namespace conflict = mechanisms::conflict;
using conflict::ActorIndex;
using conflict::kState;
using conflict::Status;
using engine::Cadence;
using engine::SeriesKind;

namespace {
void set_provisions(mechanisms::peace_process::Agreement& m, const theatre::Agreement& a) {
  for (const auto& p : a.provisions) {
    m.cantonment = m.cantonment || p == "cantonment";
    m.ddr = m.ddr || p == "ddr";
    m.decentralization = m.decentralization || p == "decentralization";
    m.redeployment = m.redeployment || p == "army_redeployment" || p == "return_of_state_presence";
  }
}
}  // namespace

ConflictModel::ConflictModel(MaliWorld world, DynamicsSpec spec, const engine::ParameterSet& parameters,
                             engine::Date start, engine::Date end, double people_per_agent,
                             std::uint64_t seed)
    : schedule_(std::move(world), end),
      spec_(std::move(spec)),
      built_(build_state(schedule_.world(), spec_, parameters, start, people_per_agent,
                         engine::RandomStreams(seed))),
      grievance_(mechanisms::grievance::params_from(parameters)),
      mobilization_(mechanisms::mobilization::params_from(parameters)),
      strategy_(mechanisms::group_strategy::params_from(parameters)),
      forces_(mechanisms::force_employment::params_from(parameters)),
      combat_(mechanisms::combat::params_from(parameters)),
      civilians_(mechanisms::civilians::params_from(parameters)),
      control_(mechanisms::control::params_from(parameters)),
      perceptions_(mechanisms::perceptions::params_from(parameters)),
      peace_(mechanisms::peace_process::params_from(parameters)),
      negotiation_(mechanisms::peace_process::negotiation_params_from(parameters)),
      flight_params_(mechanisms::displacement::flight_params_from(parameters)),
      birth_rate_(parameters.real("demography_birth_rate")),
      death_rate_(parameters.real("demography_death_rate")),
      end_(end),
      influx_done_(spec_.influxes.size(), false) {
  ops_ = std::make_unique<conflict::PeopleOps>(built_.state);
  start_ = start;
  const auto& operations = schedule_.world().theatre.operations;
  institutions_ = std::make_unique<mechanisms::institutions::Institutions>(
      make_rules(schedule_.world(), spec_, start), mechanisms::institutions::params_from(parameters),
      operations.size());
  situation_ = std::make_unique<SituationReader>(schedule_.world(), spec_);
  schedule_.set_decided([this](std::size_t op) -> std::optional<double> {
    if (!institutions_->rules(op)) return std::nullopt;
    return institutions_->strength(op);
  });
  flight_ = std::make_unique<mechanisms::displacement::Flight>(flight_params_, *built_.displacement);
  built_.state.towns_change_hands = control_.enabled;
  log_.set_enabled(parameters.boolean("events_enabled"));
  auto& st = built_.state;
  st.included_communities.assign(schedule_.world().theatre.population.communities.size(), 0.0);
  st.authority_bonus.assign(st.places.size(), 0.0);
  // M10: the scenario's agreements, their armed signatories and what they provide for.
  check_negotiations(schedule_.world(), spec_);
  for (const auto& a : schedule_.world().theatre.agreements) {
    if (a.role != theatre::Role::Input) continue;
    mechanisms::peace_process::Agreement m;
    m.id = a.id;
    m.name = a.name;
    set_provisions(m, a);
    if (negotiated(spec_, a.id)) {
      // Who signs and when are M10's results: the talks open, nobody has signed yet.
      m.negotiated = true;
      talks_.push_back(make_talks(schedule_.world(), spec_, a, agreements_.size(), start, st));
      agreements_.push_back(std::move(m));
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
    // A coalition's signature binds its members (the CMA for the MNLA and the HCUA).
    for (std::size_t g = 0; g < st.groups.size(); ++g) {
      const auto& tg = schedule_.world().theatre.groups[built_.group_theatre[g]];
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
    agreements_.push_back(std::move(m));
  }
  last_controller_.assign(built_.state.places.size(), kState);
  if (parameters.boolean("costs_enabled")) {
    mechanisms::costs::Rules rules;
    for (const auto& [kind, usd] : spec_.costs.troop_year_usd) rules.troop_year_usd[kind] = usd;
    for (const auto& [funding, shares] : spec_.costs.payers) {
      for (const auto& [payer, share] : shares) rules.payers[funding].push_back({payer, share});
    }
    std::vector<mechanisms::costs::Costs::Operation> ops;
    const auto& t = schedule_.world().theatre;
    for (std::size_t f = 0; f < built_.state.forces.size(); ++f) {
      const auto& op = t.operations[built_.force_operation[f]];
      ops.push_back(
          {op.id, op.name, op.kind, op.organizations.empty() ? op.id : op.organizations.front().id});
      for (const auto& b : op.budgets) {
        if (!rules.payers.count(b.funding)) {
          throw scenario::ScenarioError(
              spec_.costs.where, spec_.costs.field + ".payers",
              "has no entry for funding '" + b.funding + "' (used by " + op.id + ")");
        }
      }
    }
    costs_ = std::make_unique<mechanisms::costs::Costs>(std::move(rules), std::move(ops));
  }
}

conflict::Context ConflictModel::context(engine::StepContext& c) {
  return {c.random, c.recorder, log_, *ops_, casualties_, c.threads};
}

void ConflictModel::declare_outputs(engine::Recorder& recorder) {
  schedule_.declare_outputs(recorder);
  log_.declare(recorder);
  if (costs_) costs_->declare(recorder);
  for (const auto& a : agreements_) {
    implementation_.push_back(recorder.declare({"implementation_" + a.id, "1",
                                                a.name + ": implementation (M10), 0 to 1; national only",
                                                SeriesKind::Gauge, Cadence::Monthly}));
  }
  demobilized_ =
      recorder.declare({"fighters_demobilized", "people",
                        "Signatories' fighters sent home by cantonment and DDR (M10), national only",
                        SeriesKind::Flow, Cadence::Monthly});
  const auto& s = built_.state;
  casualties_.push_back(
      recorder.declare({"casualties_army", "people", "The army's dead in fighting (M5), by admin1",
                        SeriesKind::Flow, Cadence::Monthly}));
  for (const auto& f : s.forces) {
    casualties_.push_back(recorder.declare(
        {"casualties_" + f.id, "people", f.name + ": dead in fighting (M5), by admin1; losses are replaced",
         SeriesKind::Flow, Cadence::Monthly}));
  }
  towns_held_.push_back(recorder.declare({"towns_held_state", "towns",
                                          "Towns of the scenario held by the state's side (M8), by admin1",
                                          SeriesKind::Gauge, Cadence::Monthly}));
  for (const auto& g : s.groups) {
    towns_held_.push_back(
        recorder.declare({"towns_held_" + g.id, "towns", g.name + ": towns held (M8), by admin1",
                          SeriesKind::Gauge, Cadence::Monthly}));
    fighters_.push_back(
        recorder.declare({"fighters_" + g.id, "people",
                          g.name + ": fighters (M2), by admin1 where deployed; dispersed fighters "
                                   "split evenly over the group's regions",
                          SeriesKind::Gauge, Cadence::Monthly}));
  }
  authority_ =
      recorder.declare({"state_authority", "1",
                        "Mean state authority (M8) of the people's towns, weighted by people, by admin1",
                        SeriesKind::Gauge, Cadence::Monthly});
  idp_ = recorder.declare({"internally_displaced", "people",
                           "People displaced inside Mali (M7), by admin1 of origin", SeriesKind::Gauge,
                           Cadence::Monthly});
  refugees_ = recorder.declare({"refugees", "people", "People abroad as refugees (M7), by admin1 of origin",
                                SeriesKind::Gauge, Cadence::Monthly});
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    if (s.places[p].kind != conflict::PlaceKind::Camp) continue;
    refugees_camp_.push_back(
        recorder.declare({"refugees_camp_" + s.places[p].id, "people",
                          "Refugees at " + s.places[p].name + " (" + s.places[p].country + "), national only",
                          SeriesKind::Gauge, Cadence::Monthly}));
    const std::string& country = s.places[p].country;
    if (std::none_of(refugees_country_.begin(), refugees_country_.end(),
                     [&](const auto& x) { return x.first == country; })) {
      refugees_country_.emplace_back(
          country, recorder.declare({"refugees_in_" + country, "people",
                                     "Refugees in " + country + " (camps and places there), national only",
                                     SeriesKind::Gauge, Cadence::Monthly}));
    }
  }
  alive_ = recorder.declare({"people_alive_in_mali", "people",
                             "People alive in Mali (residents, displaced, fighters)", SeriesKind::Gauge,
                             Cadence::Monthly});
  abroad_ =
      recorder.declare({"people_abroad", "people", "Refugees abroad", SeriesKind::Gauge, Cadence::Monthly});
  killed_ =
      recorder.declare({"people_killed", "people", "People (civilians and fighters) killed since the start",
                        SeriesKind::Gauge, Cadence::Monthly});
  born_ = recorder.declare(
      {"people_born", "people", "Births since the start", SeriesKind::Gauge, Cadence::Monthly});
  died_ = recorder.declare({"people_died_naturally", "people", "Natural deaths since the start",
                            SeriesKind::Gauge, Cadence::Monthly});
  impartiality_ =
      recorder.declare({"un_impartiality", "1", "UN impartiality as the parties see it (M11), national",
                        SeriesKind::Gauge, Cadence::Monthly});
  army_capability_ = recorder.declare({"army_capability", "1",
                                       "The army's combat capability times its morale (M4), national",
                                       SeriesKind::Gauge, Cadence::Monthly});
  army_strength_ =
      recorder.declare({"army_strength", "people", "The army's troops (M4), by admin1 where stationed",
                        SeriesKind::Gauge, Cadence::Monthly});
}

std::vector<engine::System> ConflictModel::systems() {
  std::vector<engine::System> out = schedule_.systems();
  auto daily = [&](std::string name, auto fn) {
    out.push_back({std::move(name), Cadence::Daily, engine::Phase::Step, fn});
  };
  daily("scheduled decisions", [this](engine::StepContext& c) { schedule(c); });
  daily("M4 force employment", [this](engine::StepContext& c) {
    auto ctx = context(c);
    mechanisms::force_employment::employ(built_.state, ctx, forces_, combat_);
  });
  daily("M3 group strategy", [this](engine::StepContext& c) {
    auto ctx = context(c);
    mechanisms::group_strategy::act(built_.state, ctx, strategy_, combat_);
  });
  daily("M5 combat", [this](engine::StepContext& c) {
    auto ctx = context(c);
    mechanisms::combat::fight(built_.state, ctx, combat_);
  });
  daily("M8 control", [this](engine::StepContext&) {
    if (control_.enabled) mechanisms::control::update_authority(built_.state, control_);
    note_changes();
  });
  daily("M6 civilians", [this](engine::StepContext& c) {
    auto ctx = context(c);
    mechanisms::civilians::act(built_.state, ctx, civilians_);
  });
  daily("M7 displacement", [this](engine::StepContext& c) {
    auto ctx = context(c);
    flight_->day(built_.state, ctx);
  });
  out.push_back({"M1 M2 M11 demography", Cadence::Monthly, engine::Phase::Step,
                 [this](engine::StepContext& c) { monthly(c); }});
  out.push_back({"conflict outputs", Cadence::Monthly, engine::Phase::Observe,
                 [this](engine::StepContext& c) { observe(c); }});
  return out;
}

namespace {

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

// A group that merges into another hands over its fighters (MUJAO into al-Mourabitoun, 2013).
void merge_fighters(conflict::State& s, const theatre::ArmedGroup& tg, std::size_t from, engine::Date today) {
  const theatre::GroupChange* end = tg.end();
  if (end == nullptr || end->kind != theatre::ChangeKind::MergedInto || !end->group || end->when.date > today)
    return;
  const ActorIndex to = s.actor_of(end->group->id);
  if (to == conflict::kNoActor || to == from + 1) return;
  auto& a = s.groups[from];
  auto& b = s.group(to);
  for (const std::uint32_t agent : a.fighters) s.people.group[agent] = to;
  b.fighters.insert(b.fighters.end(), a.fighters.begin(), a.fighters.end());
  a.fighters.clear();
  b.dispersed += a.fighters_people();
  std::fill(a.at_place.begin(), a.at_place.end(), 0.0);
  a.dispersed = 0.0;
}

bool relation_on(const theatre::Relation& rel, engine::Date today) {
  return (!rel.from || rel.from->date <= today) && (!rel.to || today <= rel.to->date);
}

// M11's input for a UN operation: how far its links with offensive counter-terrorism make it a
// party (002: ASIFU's target packages, Barkhane's support, exchanges of intelligence). Weights:
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

}  // namespace

void ConflictModel::schedule(engine::StepContext& c) {
  auto& s = built_.state;
  const engine::Date today = c.clock.today();
  s.day = static_cast<std::int32_t>(c.clock.step());
  s.date = today;
  const auto& t = schedule_.world().theatre;

  // Groups: existence, designation, hostility, offensives (decisions, on their dates).
  s.excluded_communities = 0;
  for (std::size_t i = 0; i < s.groups.size(); ++i) {
    auto& g = s.groups[i];
    const auto& tg = t.groups[built_.group_theatre[i]];
    const bool was_active = g.active;
    g.active = theatre::group_exists(tg, today, true);
    if (was_active && !g.active) merge_fighters(s, tg, i, today);
    g.designated = theatre::group_designated(tg, today, true);
    if (g.active && g.designated) s.excluded_communities |= g.communities;
    g.offensive = false;
    g.offensive_regions = 0;
    g.offensive_towns.clear();
  }
  for (const auto& off : spec_.offensives) {
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
        if (auto ri = schedule_.world().regions.index_of(r.id)) g.offensive_regions |= 1u << *ri;
      }
    }
  }
  for (auto& row : s.hostile) std::fill(row.begin(), row.end(), 0);
  for (std::size_t i = 0; i < s.groups.size(); ++i) {
    const auto& g = s.groups[i];
    const bool pro = g.kind == conflict::GroupKind::ProGovernment;
    const bool at_peace =
        signatory(t, spec_, t.groups[built_.group_theatre[i]], today) ||
        mechanisms::peace_process::signed_negotiated(agreements_, static_cast<ActorIndex>(i + 1), s.day);
    const bool enemy = !pro && !at_peace;
    s.hostile[0][i + 1] = s.hostile[i + 1][0] = enemy ? 1 : 0;
    for (std::size_t j = 0; j < s.groups.size(); ++j) {
      const bool other_pro = s.groups[j].kind == conflict::GroupKind::ProGovernment;
      if (i != j && pro != other_pro && !s.groups[j].designated && !g.designated) {
        s.hostile[i + 1][j + 1] = 1;  // pro-government militias against the rebels
      }
    }
  }
  for (const auto& h : spec_.hostilities) {
    if (!active_on(h.from, h.to, today)) continue;
    const ActorIndex a = s.actor_of(h.a.id);
    const ActorIndex b = s.actor_of(h.b.id);
    if (a != conflict::kNoActor && b != conflict::kNoActor) s.hostile[a][b] = s.hostile[b][a] = 1;
  }

  // The government: its baseline legitimacy and the last coup.
  const theatre::GovernmentPeriod* gov = nullptr;
  for (const auto& period : t.state.governments) {
    if (period.role == theatre::Role::Input && period.from.date <= today) gov = &period;
  }
  if (gov != nullptr) {
    s.regime_legitimacy = gov->kind == "military"       ? grievance_.legitimacy_military
                          : gov->kind == "transitional" ? grievance_.legitimacy_transitional
                                                        : grievance_.legitimacy_elected;
    for (const auto& period : t.state.governments) {
      if (period.role == theatre::Role::Input && period.how == "coup" && period.from.date <= today) {
        s.coup_day = static_cast<std::int32_t>(days_between(c.clock.start(), period.from.date));
      }
    }
  }

  // Forces: today's strength (recorded, or decided by M9), and where they are stationed.
  decide();
  double pressure = 0.0;
  for (std::size_t f = 0; f < s.forces.size(); ++f) {
    auto& force = s.forces[f];
    const std::size_t op_index = built_.force_operation[f];
    const auto& op = t.operations[op_index];
    const bool ruled = institutions_->rules(op_index);
    force.strength = ruled ? institutions_->strength(op_index) : theatre::actual_strength(op, today);
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
        if (s.places[site.place].in_mali) force.station[site.place] += site.troops;
      }
    } else {
      for (const auto& b : op.bases) {
        const bool on = (!b.from || b.from->date <= today) && (!b.to || today <= b.to->date);
        const auto* place = t.find_place(b.place.id);
        if (!on || place == nullptr) continue;
        const auto p = static_cast<std::size_t>(place - t.places.data());
        if (s.places[p].in_mali) force.station[p] += 1.0;
      }
    }
    double total = 0.0;
    for (double x : force.station) total += x;
    if (total <= 0.0) {
      force.station[s.capital] = 1.0;
    } else {
      for (double& x : force.station) x /= total;
    }
  }
  s.un_partiality_pressure = std::min(1.0, pressure);
  if (costs_) pay(c.recorder, today);

  // Influxes due today.
  for (std::size_t i = 0; i < spec_.influxes.size(); ++i) {
    if (influx_done_[i] || spec_.influxes[i].when.date > today) continue;
    influx_done_[i] = true;
    const ActorIndex g = s.actor_of(spec_.influxes[i].group.id);
    if (g == conflict::kNoActor) continue;
    auto ctx = context(c);
    mechanisms::mobilization::influx(s, ctx, g, spec_.influxes[i].fighters,
                                     static_cast<std::uint32_t>(1u << 30) + static_cast<std::uint32_t>(i));
  }
}

void ConflictModel::decide() {
  const auto& s = built_.state;
  institutions_->step(
      situation_->read(s, built_.force_operation, schedule_.world().theatre.operations.size()));
}

void ConflictModel::pay(engine::Recorder& recorder, engine::Date today) {
  const auto& t = schedule_.world().theatre;
  for (std::size_t f = 0; f < built_.state.forces.size(); ++f) {
    const std::size_t op_index = built_.force_operation[f];
    const auto& op = t.operations[op_index];
    if (institutions_->rules(op_index)) {
      // A ruled operation pays troop-years (no recorded budget figure) from the source its rule
      // names, else its first budget's (check_decisions ensures one of them exists).
      std::string funding = op.budgets.empty() ? "" : op.budgets.front().funding;
      for (const auto& d : spec_.decisions) {
        if (d.operation.id == op.id && d.funding) funding = *d.funding;
      }
      if (built_.state.forces[f].strength > 0.0)
        costs_->day(recorder, f, 0.0, built_.state.forces[f].strength, funding);
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
    costs_->day(recorder, f, per_year, built_.state.forces[f].strength, b.funding);
  }
}

void ConflictModel::note_changes() {
  const auto& s = built_.state;
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    if (s.places[p].controller == last_controller_[p]) continue;
    last_controller_[p] = s.places[p].controller;
    changes_.push_back({s.date, s.places[p].name, s.actor_name(s.places[p].controller)});
  }
}

void ConflictModel::demography(engine::StepContext& c) {
  auto& s = built_.state;
  auto& people = s.people;
  const std::size_t n = people.size();
  const double birth = birth_rate_ / 12.0;
  const double death = death_rate_ / 12.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Status st = people.status[i];
    if (st != Status::Resident && st != Status::Displaced) continue;
    auto draws = c.random.draws(conflict::kDemographyStream, c.clock.step(), i);
    if (draws.uniform() < death) {
      people.status[i] = Status::DiedNaturally;
      ++s.natural_deaths;
      continue;
    }
    if (draws.uniform() < birth) {
      const std::uint32_t child = people.add(people.cell[i], people.community[i], people.livelihood[i]);
      people.hardship[child] = conflict::to_byte(draws.uniform());
      people.risk_aversion[child] = conflict::to_byte(draws.uniform());
      people.legitimacy[child] = people.legitimacy[i];
      people.tolerance_days[child] = mechanisms::displacement::draw_tolerance(draws, flight_params_);
      ++s.births;
    }
  }
  s.rebuild_cell_index();
}

void ConflictModel::monthly(engine::StepContext& c) {
  auto ctx = context(c);
  mechanisms::perceptions::update(built_.state, perceptions_);
  if (peace_.enabled) {
    for (const ActorIndex g :
         mechanisms::peace_process::negotiate(built_.state, ctx, agreements_, talks_, negotiation_)) {
      mechanisms::events::Happening h;
      h.type = mechanisms::events::EventType::StrategicDevelopments;
      h.sub_type = "Agreement";
      h.actor1 = built_.state.actor_name(g);
      h.type1 = mechanisms::events::actor_type(built_.state.group(g));
      h.actor2 = built_.state.actor_name(kState);
      h.type2 = mechanisms::events::ActorType::State;
      h.place = built_.state.capital;
      log_.emit(c.recorder, built_.state, h);
    }
  }
  const std::size_t home = mechanisms::peace_process::implement(built_.state, ctx, agreements_, peace_);
  c.recorder.add(demobilized_, 0, static_cast<double>(home) * built_.state.people.people_per_agent);
  mechanisms::grievance::update(built_.state, ctx, grievance_);
  mechanisms::mobilization::recruit(built_.state, ctx, mobilization_);
  demography(c);
}

void ConflictModel::observe(engine::StepContext& c) {
  auto& rec = c.recorder;
  if (costs_) costs_->observe(rec);
  const auto& s = built_.state;
  const std::size_t regions = s.regions.size();
  auto set_both = [&](engine::SeriesId id, const std::vector<double>& by_region) {
    double total = 0.0;
    for (std::size_t r = 0; r < regions; ++r) {
      rec.set(id, static_cast<engine::RegionIndex>(r + 1), by_region[r]);
      total += by_region[r];
    }
    rec.set(id, 0, total);
  };
  // Towns held and fighters.
  for (std::size_t a = 0; a < s.actor_count(); ++a) {
    std::vector<double> held(regions, 0.0);
    for (const auto& p : s.places) {
      if (p.kind == conflict::PlaceKind::Town && p.controller == a) held[p.region] += 1.0;
    }
    set_both(towns_held_[a], held);
  }
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    std::vector<double> f(regions, 0.0);
    for (std::size_t p = 0; p < s.places.size(); ++p) {
      if (s.places[p].in_mali) f[s.places[p].region] += s.groups[g].at_place[p];
    }
    const auto k = static_cast<double>(std::popcount(s.groups[g].regions));
    for (std::size_t r = 0; r < regions && k > 0; ++r) {
      if ((s.groups[g].regions >> r) & 1u) f[r] += s.groups[g].dispersed / k;
    }
    set_both(fighters_[g], f);
  }
  // People: statuses by region of home.
  std::vector<double> alive(regions, 0.0), idp(regions, 0.0), refugees(regions, 0.0), authority(regions, 0.0),
      residents(regions, 0.0);
  double killed = 0.0;
  const double k = s.people.people_per_agent;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const auto& cell = s.cells[s.people.cell[i]];
    switch (s.people.status[i]) {
      case Status::Resident:
        residents[cell.region] += k;
        authority[cell.region] += k * s.places[cell.place].state_authority;
        alive[cell.region] += k;
        break;
      case Status::Fighter:
        alive[cell.region] += k;
        break;
      case Status::Displaced:
        idp[cell.region] += k;
        alive[cell.region] += k;
        break;
      case Status::Refugee:
        refugees[cell.region] += k;
        break;
      case Status::KilledViolently:
        killed += k;
        break;
      case Status::DiedNaturally:
        break;
    }
  }
  for (std::size_t r = 0; r < regions; ++r) {
    rec.set(authority_, static_cast<engine::RegionIndex>(r + 1),
            residents[r] > 0 ? authority[r] / residents[r] : 0.0);
  }
  double all_auth = 0.0, all_res = 0.0;
  for (std::size_t r = 0; r < regions; ++r) {
    all_auth += authority[r];
    all_res += residents[r];
  }
  rec.set(authority_, 0, all_res > 0 ? all_auth / all_res : 0.0);
  set_both(idp_, idp);
  set_both(refugees_, refugees);
  set_both(alive_, alive);
  double abroad = 0.0;
  for (double x : refugees) abroad += x;
  rec.set(abroad_, 0, abroad);
  rec.set(killed_, 0, killed);
  rec.set(born_, 0, static_cast<double>(s.births) * k);
  rec.set(died_, 0, static_cast<double>(s.natural_deaths) * k);
  std::size_t camp = 0;
  std::vector<double> by_country(refugees_country_.size(), 0.0);
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    if (s.places[p].kind != conflict::PlaceKind::Camp) continue;
    const double here = flight_->refugees_at(static_cast<mechanisms::displacement::PlaceId>(p));
    rec.set(refugees_camp_[camp++], 0, here);
    for (std::size_t ci = 0; ci < refugees_country_.size(); ++ci) {
      if (refugees_country_[ci].first == s.places[p].country) by_country[ci] += here;
    }
  }
  for (std::size_t ci = 0; ci < refugees_country_.size(); ++ci)
    rec.set(refugees_country_[ci].second, 0, by_country[ci]);
  rec.set(impartiality_, 0, s.un_impartiality);
  for (std::size_t a = 0; a < agreements_.size(); ++a)
    rec.set(implementation_[a], 0, agreements_[a].implementation);
  rec.set(army_capability_, 0, s.army_capability * s.army_morale);
  std::vector<double> army(regions, 0.0);
  for (const auto& p : s.places) {
    if (p.in_mali) army[p.region] += p.army;
  }
  set_both(army_strength_, army);
}

std::vector<std::pair<std::string, std::string>> ConflictModel::summary() const {
  auto out = schedule_.summary();
  const auto& s = built_.state;
  auto first_change = [&](const std::string& town) {
    std::vector<std::string> parts;
    for (const auto& ch : changes_) {
      if (ch.town == town) parts.push_back(ch.date.iso() + " " + ch.controller);
      if (parts.size() == 3) break;
    }
    return parts.empty() ? std::string("never changed hands") : fmt::format("{}", fmt::join(parts, "; "));
  };
  for (const std::string town : {"Kidal", "Gao", "Timbuktu"})
    out.emplace_back(town + " (first changes of hands)", first_change(town));
  double killed = 0, idp = 0, refugees = 0, fighters = 0;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const auto st = s.people.status[i];
    killed += st == Status::KilledViolently ? 1 : 0;
    idp += st == Status::Displaced ? 1 : 0;
    refugees += st == Status::Refugee ? 1 : 0;
    fighters += st == Status::Fighter ? 1 : 0;
  }
  const double k = s.people.people_per_agent;
  if (costs_) {
    std::vector<std::pair<double, std::string>> payers;
    for (const auto& [payer, usd] : costs_->by_payer()) payers.emplace_back(usd, payer);
    std::sort(payers.rbegin(), payers.rend());
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < payers.size() && i < 5; ++i) {
      parts.push_back(
          fmt::format("{} {:.0f} %", payers[i].second, 100.0 * payers[i].first / costs_->total()));
    }
    out.emplace_back("operations' cost (M12)",
                     fmt::format("{:.2f} bn USD; paid by {}", costs_->total() / 1e9, fmt::join(parts, ", ")));
  }
  if (!institutions_->decisions().empty()) {
    std::vector<std::string> parts;
    const auto& ops = schedule_.world().theatre.operations;
    for (const auto& d : institutions_->decisions()) {
      parts.push_back(
          fmt::format("{} {} {}", start_.plus_days(d.day).iso(), ops[d.operation].short_name, d.what));
    }
    out.emplace_back("institutions' decisions (M9)", fmt::format("{}", fmt::join(parts, "; ")));
  }
  out.emplace_back("events (ACLED schema)", fmt::format("{:.0f}, with {:.0f} fatalities", log_.total_events(),
                                                        log_.total_fatalities()));
  out.emplace_back(
      "on " + end_.iso(),
      fmt::format("{:.0f} fighters, {:.0f} displaced in Mali, {:.0f} refugees; {:.0f} people killed "
                  "(agents of {} people)",
                  fighters * k, idp * k, refugees * k, killed * k, k));
  return out;
}

}  // namespace peacesim::models::mali
