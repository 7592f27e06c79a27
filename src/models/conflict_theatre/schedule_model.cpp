#include "models/conflict_theatre/schedule_model.hpp"

#include <fmt/format.h>

#include <cmath>

#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

ScheduleModel::ScheduleModel(TheatreWorld world, engine::Date end) : world_(std::move(world)), end_(end) {}

void ScheduleModel::declare_outputs(engine::Recorder& recorder) {
  // The national totals come first, under the country's name (the recorder's first region).
  std::vector<std::string> regions{world_.national_name()};
  for (const auto& r : world_.regions.units) regions.push_back(r.name);
  recorder.set_regions(regions);
  using engine::Cadence;
  using engine::SeriesKind;
  population_ = recorder.declare(
      {"population", "people",
       "Census 2009 population grown at population_growth_rate (no displacement yet); the country is the sum",
       SeriesKind::Gauge, Cadence::Monthly});
  groups_existing_ = recorder.declare({"armed_groups_existing", "groups",
                                       "Armed groups (coalitions included) existing on the date by the "
                                       "scenario's input changes; regions: groups "
                                       "whose listed areas include the region",
                                       SeriesKind::Gauge, Cadence::Monthly});
  groups_designated_ = recorder.declare(
      {"armed_groups_designated", "groups",
       "Existing armed groups listed as terrorist by at least one institution by the date; regions as above",
       SeriesKind::Gauge, Cadence::Monthly});
  operations_deployed_ =
      recorder.declare({"operations_deployed", "operations",
                        "Operations deployed on the date (between start and end); national only",
                        SeriesKind::Gauge, Cadence::Monthly});
  const auto& ops = world_.theatre.operations;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto& op = ops[i];
    OperationSeries s{i, 0, false, 0, theatre::authorized_schedule(op)};
    s.has_actual = !op.actual.empty() || (decided_ && decided_(i).has_value());
    if (s.has_actual) {
      s.actual = recorder.declare(
          {"strength_" + op.id, "people",
           fmt::format(
               "{}: deployed personnel (military + police), the latest recorded figure on or before the date "
               "(0 outside its deployment); national in '{}'; {}",
               op.short_name, world_.national_name(),
               op.spread_snapshots.empty() ? "no regional breakdown (regions 0)"
                                           : "regions: national figure times the region's share of troops in "
                                             "the latest deployment-map snapshot (none before the first: 0)"),
           SeriesKind::Gauge, Cadence::Monthly});
    }
    if (!s.ceilings.empty()) {
      s.has_authorized = true;
      s.authorized = recorder.declare(
          {"authorized_" + op.id, "people",
           op.short_name + ": authorized ceiling (military + police) in force; national only",
           SeriesKind::Gauge, Cadence::Monthly});
    }
    if (s.has_actual || s.has_authorized) operations_.push_back(std::move(s));
    for (std::size_t u = 0; u < op.units.size(); ++u) {
      if (op.units[u].strength.empty()) continue;
      units_.push_back(
          {i, u,
           recorder.declare({fmt::format("strength_{}_{}", op.id, op.units[u].id), "people",
                             fmt::format("{} / {}: personnel of the unit on the date; national only",
                                         op.short_name, op.units[u].name),
                             SeriesKind::Gauge, Cadence::Monthly})});
    }
  }
}

std::vector<engine::System> ScheduleModel::systems() {
  return {{"scheduled_inputs", engine::Cadence::Monthly, engine::Phase::Observe,
           [this](engine::StepContext& c) { observe(c); }}};
}

double ScheduleModel::strength(std::size_t operation, engine::Date date) const {
  if (decided_) {
    if (auto s = decided_(operation)) return *s;
  }
  return theatre::actual_strength(world_.theatre.operations[operation], date);
}

bool ScheduleModel::deployed(std::size_t operation, engine::Date date) const {
  if (decided_) {
    if (auto s = decided_(operation)) return *s > 0.0;
  }
  return theatre::deployed_on(world_.theatre.operations[operation], date);
}

std::vector<double> ScheduleModel::strength_by_region(std::size_t operation, engine::Date date) const {
  const auto& op = world_.theatre.operations[operation];
  std::vector<double> out(1 + world_.regions.units.size(), 0.0);
  out[0] = strength(operation, date);
  const theatre::SpreadSnapshot* snap = nullptr;
  for (const auto& s : op.spread_snapshots) {
    if (s.date > date) break;
    snap = &s;
  }
  if (snap == nullptr || out[0] == 0.0) return out;
  double total = 0.0;
  for (const auto& site : snap->sites) total += site.troops;
  if (total <= 0.0) return out;
  for (const auto& site : snap->sites) {
    if (auto r = world_.place_region[site.place]) out[1 + *r] += out[0] * site.troops / total;
  }
  return out;
}

void ScheduleModel::observe(engine::StepContext& c) {
  const engine::Date today = c.clock.today();
  auto& rec = c.recorder;
  const std::size_t regions = world_.regions.units.size();
  double national = 0.0;
  for (std::size_t r = 0; r < regions; ++r) {
    const double p = world_.population(r, today);
    rec.set(population_, static_cast<engine::RegionIndex>(1 + r), p);
    national += p;
  }
  rec.set(population_, 0, national);

  std::vector<double> existing(1 + regions, 0.0);
  std::vector<double> designated(1 + regions, 0.0);
  for (const auto& g : world_.theatre.groups) {
    if (!theatre::group_exists(g, today, true)) continue;
    const bool listed = theatre::group_designated(g, today, true);
    existing[0] += 1;
    designated[0] += listed ? 1 : 0;
    for (const auto& area : g.areas) {
      if (auto r = world_.regions.index_of(area.region.id)) {
        existing[1 + *r] += 1;
        designated[1 + *r] += listed ? 1 : 0;
      }
    }
  }
  for (std::size_t r = 0; r <= regions; ++r) {
    rec.set(groups_existing_, static_cast<engine::RegionIndex>(r), existing[r]);
    rec.set(groups_designated_, static_cast<engine::RegionIndex>(r), designated[r]);
  }

  double in_field = 0.0;
  const auto& ops = world_.theatre.operations;
  for (std::size_t i = 0; i < ops.size(); ++i) in_field += deployed(i, today) ? 1 : 0;
  rec.set(operations_deployed_, 0, in_field);
  for (const auto& s : operations_) {
    const auto& op = ops[s.operation];
    if (s.has_actual) {
      const auto by_region = strength_by_region(s.operation, today);
      for (std::size_t r = 0; r < by_region.size(); ++r) {
        rec.set(s.actual, static_cast<engine::RegionIndex>(r), std::round(by_region[r] * 10.0) / 10.0);
      }
    }
    if (s.has_authorized) {
      const auto* ceiling = theatre::in_force(s.ceilings, today);
      const bool ended = op.end && today > op.end->date;
      rec.set(s.authorized, 0, ceiling != nullptr && !ended ? ceiling->total() : 0.0);
    }
  }
  for (const auto& u : units_) {
    const auto& unit = ops[u.operation].units[u.unit];
    const bool active = (!unit.from || today >= unit.from->date) && (!unit.to || today <= unit.to->date);
    const auto* p = active ? theatre::in_force(unit.strength, today) : nullptr;
    rec.set(u.id, 0, p ? p->total() : 0.0);
  }
}

std::vector<std::pair<std::string, std::string>> ScheduleModel::summary() const {
  std::vector<std::string> in_field;
  for (std::size_t i = 0; i < world_.theatre.operations.size(); ++i) {
    const auto& op = world_.theatre.operations[i];
    if (!deployed(i, end_)) continue;
    const double n = strength(i, end_);
    in_field.push_back(n > 0 ? fmt::format("{} {:.0f}", op.short_name, n) : op.short_name + " (no figure)");
  }
  int groups = 0;
  for (const auto& g : world_.theatre.groups) groups += theatre::group_exists(g, end_, true) ? 1 : 0;
  return {
      {"operations deployed on " + end_.iso(), fmt::format("{}", fmt::join(in_field, ", "))},
      {"armed groups existing on " + end_.iso() + " (inputs)", std::to_string(groups)},
      {"census projection for " + end_.iso() + " (input, no conflict)",
       fmt::format("{:.0f}", world_.national_population(end_))},
      {"grid", fmt::format("{} x {} cells of {} degrees, {} in the regions", world_.grid.grid.rows(),
                           world_.grid.grid.cols(), world_.grid.grid.resolution(),
                           std::count_if(world_.grid.region.begin(), world_.grid.region.end(),
                                         [](std::int16_t r) { return r != geo::kOutside; }))},
  };
}

}  // namespace peacesim::models::conflict_theatre
