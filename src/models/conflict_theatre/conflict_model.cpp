#include "models/conflict_theatre/conflict_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "mechanisms/control/control.hpp"
#include "mechanisms/costs/costs.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "mechanisms/institutions/institutions.hpp"
#include "models/conflict_theatre/mechanisms.hpp"
#include "models/conflict_theatre/outputs.hpp"
#include "models/conflict_theatre/scenario_inputs.hpp"
#include "output/theatre_files.hpp"
#include "validation/regions.hpp"

namespace peacesim::models::conflict_theatre {

namespace conflict = mechanisms::conflict;
using conflict::Status;

ConflictModel::ConflictModel(TheatreWorld world, DynamicsSpec spec, const engine::ParameterSet& parameters,
                             engine::Date start, engine::Date end, double people_per_agent,
                             std::uint64_t seed)
    : schedule_(std::move(world), end),
      spec_(std::move(spec)),
      built_(build_state(schedule_.world(), spec_, parameters, start, people_per_agent,
                         engine::RandomStreams(seed))),
      registry_(std::make_unique<conflict::Registry>(built_.state, parameters)),
      start_(start),
      end_(end) {
  auto& r = *registry_;
  const TheatreWorld& w = schedule_.world();
  r.begin(kScenarioInputs);
  provide_inputs(r, w, spec_, built_, parameters, start);
  for (const conflict::Module* m : modules()) r.install(*m);
  r.begin(kScenario);
  register_decisions(r, w, spec_, built_);
  // The schedule's own series (operations' strengths, groups, population), M9's decisions included.
  const auto& m9 = r.get<mechanisms::institutions::Institutions>();
  schedule_.set_decided([&m9](std::size_t op) -> std::optional<double> {
    if (!m9.rules(op)) return std::nullopt;
    return m9.strength(op);
  });
  r.series([this](engine::Recorder& rec) { schedule_.declare_outputs(rec); });
  for (auto& s : schedule_.systems()) r.system(std::move(s));
  r.begin(kConflictOutputs);
  register_outputs(r);
  r.finish();
}

void ConflictModel::declare_outputs(engine::Recorder& recorder) {
  registry_->declare_outputs(recorder, outputs_first());
}

std::vector<engine::System> ConflictModel::systems() { return registry_->systems(day()); }

std::vector<std::pair<std::string, std::string>> ConflictModel::run_files(RunFiles which) const {
  const TheatreWorld& w = schedule_.world();
  if (which == RunFiles::Shared) return output::theatre_files(w.theatre, w.scenario_name, w.scenario_title);
  std::vector<std::string> regions;
  std::map<std::string, std::string> countries = w.left_out_countries;
  for (const auto& unit : w.regions.units) {
    regions.push_back(unit.name);
    countries[unit.name] = unit.parent;
  }
  validation::RegionNames names(regions, w.region_aliases);
  names.set_left_out(w.theatre.geography.regions.excluded);
  names.set_countries(std::move(countries));
  return {{validation::kRegionNamesFile, names.to_csv()}};
}

std::vector<std::pair<std::string, std::string>> ConflictModel::summary() const {
  auto out = schedule_.summary();
  const auto& s = built_.state;
  const auto& changes = registry_->get<mechanisms::control::History>().changes;
  auto first_change = [&](const std::string& town) {
    std::vector<std::string> parts;
    for (const auto& ch : changes) {
      if (ch.town == town) parts.push_back(ch.date.iso() + " " + ch.controller);
      if (parts.size() == 3) break;
    }
    return parts.empty() ? std::string("never changed hands") : fmt::format("{}", fmt::join(parts, "; "));
  };
  // The three towns that changed hands most often, in the order of their first change: where the
  // war was fought over ground, whatever the theatre (no town is named here).
  std::vector<const conflict::Place*> contested;
  std::map<std::string, int> times;
  for (const auto& ch : changes) ++times[ch.town];
  for (const auto& p : s.places) {
    if (conflict::is_town(p) && times.count(p.name)) contested.push_back(&p);
  }
  std::stable_sort(
      contested.begin(), contested.end(),
      [&](const conflict::Place* a, const conflict::Place* b) { return times[a->name] > times[b->name]; });
  if (contested.size() > 3) contested.resize(3);
  for (const auto& ch : changes) {  // first-change order
    const auto at =
        std::find_if(contested.begin(), contested.end(), [&](const auto* p) { return p->name == ch.town; });
    if (at == contested.end()) continue;
    out.emplace_back((*at)->name + " (first changes of hands)", first_change((*at)->name));
    contested.erase(at);
  }
  double killed = 0, idp = 0, refugees = 0, fighters = 0;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const auto st = s.people.status[i];
    killed += st == Status::KilledViolently ? 1 : 0;
    idp += st == Status::Displaced ? 1 : 0;
    refugees += st == Status::Refugee ? 1 : 0;
    fighters += st == Status::Fighter ? 1 : 0;
  }
  const double k = s.people.people_per_agent;
  if (const auto* costs = registry_->find<mechanisms::costs::Costs>()) {
    std::vector<std::pair<double, std::string>> payers;
    for (const auto& [payer, usd] : costs->by_payer()) payers.emplace_back(usd, payer);
    std::sort(payers.rbegin(), payers.rend());
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < payers.size() && i < 5; ++i) {
      parts.push_back(fmt::format("{} {:.0f} %", payers[i].second, 100.0 * payers[i].first / costs->total()));
    }
    out.emplace_back("operations' cost (M12)",
                     fmt::format("{:.2f} bn USD; paid by {}", costs->total() / 1e9, fmt::join(parts, ", ")));
  }
  const auto& decisions = registry_->get<mechanisms::institutions::Institutions>().decisions();
  if (!decisions.empty()) {
    std::vector<std::string> parts;
    const auto& ops = schedule_.world().theatre.operations;
    for (const auto& d : decisions) {
      parts.push_back(
          fmt::format("{} {} {}", start_.plus_days(d.day).iso(), ops[d.operation].short_name, d.what));
    }
    out.emplace_back("institutions' decisions (M9)", fmt::format("{}", fmt::join(parts, "; ")));
  }
  const auto& log = registry_->log();
  out.emplace_back("events (ACLED schema)",
                   fmt::format("{:.0f}, with {:.0f} fatalities", log.total_events(), log.total_fatalities()));
  // Refugees in countries the theatre does not hold, held from a forecast's origin (M7), are no agents.
  const double elsewhere = registry_->get<mechanisms::displacement::Flight>().refugees_elsewhere(s.day);
  out.emplace_back(
      "on " + end_.iso(),
      fmt::format("{:.0f} fighters, {:.0f} displaced inside, {:.0f} refugees{}; {:.0f} people killed "
                  "(agents of {} people)",
                  fighters * k, idp * k, refugees * k,
                  elsewhere > 0.0
                      ? fmt::format(" and {:.0f} elsewhere (held from the forecast origin)", elsewhere)
                      : std::string(),
                  killed * k, k));
  return out;
}

}  // namespace peacesim::models::conflict_theatre
