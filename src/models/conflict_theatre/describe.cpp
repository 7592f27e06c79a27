#include "models/conflict_theatre/describe.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/conflict_theatre/describe_util.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

namespace {
using namespace fmt_util;  // NOLINT(google-build-using-namespace): formatting helpers only

// Where a forecast starts: the origin, the observed stocks the run takes on the day after it (M7)
// and the deaths of the origin's year the armed groups are scaled to (M17).
std::vector<std::string> forecast_origin_row(const DynamicsSpec& dynamics) {
  if (!dynamics.forecast_origin) return {"forecast origin", "none: the run simulates throughout", ""};
  const engine::Date origin = *dynamics.forecast_origin;
  std::vector<std::string> parts, sources;
  for (const ObservedStocks* o : stocks_at_origin(dynamics)) {
    std::vector<std::string> stocks;
    if (o->internal) stocks.push_back("internally displaced " + thousands(*o->internal));
    for (const auto& a : o->abroad) stocks.push_back("refugees in " + a.country + " " + thousands(a.people));
    if (o->elsewhere) stocks.push_back("refugees elsewhere " + thousands(*o->elsewhere) + ", held");
    parts.push_back(fmt::format("the displaced {}stocks are set to those observed ({})",
                                o->state.empty() ? "" : "of " + o->state + " ", fmt::join(stocks, ", ")));
    sources.push_back(o->source.text);
  }
  if (const ObservedFatalities* f = fatalities_at_origin(dynamics)) {
    double deaths = 0.0;
    for (const auto& r : f->regions) deaths += r.deaths;
    parts.push_back(fmt::format(
        "each region's armed groups are scaled to the deaths observed in {} ({} in {} regions; M17, "
        "origin_strength_enabled)",
        f->year, thousands(deaths), f->regions.size()));
    sources.push_back(f->source.text);
  }
  if (parts.empty()) {
    return {"forecast origin",
            fmt::format(
                "{}: nothing observed dated then (dynamics.observed_stocks, observed_fatalities): the run "
                "simulates throughout",
                origin.iso()),
            ""};
  }
  return {"forecast origin",
          fmt::format("{}: on {} {}", origin.iso(), origin.plus_days(1).iso(), fmt::join(parts, "; ")),
          fmt::format("{}", fmt::join(sources, "; "))};
}

Table overview(const TheatreWorld& w, const DynamicsSpec& dynamics, const scenario::Scenario& s) {
  const auto& t = w.theatre;
  Table table{"Theatre", {"item", "value", "source"}, {}, ""};
  table.rows.push_back({"observations end", t.meta.observations_end.str(), t.meta.source.text});
  const auto in_theatre =
      std::count_if(w.grid.region.begin(), w.grid.region.end(), [](auto r) { return r != geo::kOutside; });
  table.rows.push_back({"grid",
                        fmt::format("{} x {} cells of {}°, {} in the regions, {} on their border",
                                    w.grid.grid.rows(), w.grid.grid.cols(), w.grid.grid.resolution(),
                                    in_theatre, std::count(w.grid.border.begin(), w.grid.border.end(), 1)),
                        t.geography.source.text});
  if (const auto& aliases = t.geography.regions.aliases) {
    table.rows.push_back(
        {"region spellings",
         fmt::format("{} other spellings of the {} regions, by which observed events are counted",
                     w.region_aliases.size(), w.regions.units.size()),
         aliases->text});
  }
  if (const auto& bands = t.geography.biome_bands) {
    table.rows.push_back({"biome bands",
                          fmt::format("Saharan from {}°N, Sudanian below {}°N, Sahelian between",
                                      bands->saharan_north_of, bands->sudanian_south_of),
                          bands->source.text});
  }
  table.rows.push_back(
      {"population",
       fmt::format("{} at the census ({}), {} on {}",
                   thousands(w.national_population(t.population.census_date.date)),
                   t.population.census_date.str(), thousands(w.national_population(s.start)), s.start.iso()),
       t.population.census_source.text});
  table.rows.push_back({"cercle split",
                        t.population.split == theatre::CercleSplit::Equal ? "equal shares" : "by area",
                        t.population.split_source.text});
  int camps = 0;
  for (const auto& p : t.places) camps += p.kind == theatre::PlaceKind::Camp ? 1 : 0;
  table.rows.push_back(forecast_origin_row(dynamics));
  if (!dynamics.refugee_hosts.empty()) {
    std::vector<std::string> factors, pulls, sources;
    for (const auto& h : dynamics.refugee_hosts) {
      factors.push_back(fmt::format("{} {}", h.country, h.return_factor));
      pulls.push_back(fmt::format("{} {}", h.country, h.attraction));
      sources.push_back(h.source.text);
    }
    table.rows.push_back({"refugee hosts",
                          fmt::format("return factors (times the return chance abroad, M7): {}; attractions "
                                      "(times the weight of their places in refugees' routes): {}",
                                      fmt::join(factors, ", "), fmt::join(pulls, ", ")),
                          fmt::format("{}", fmt::join(sources, "; "))});
  }
  table.rows.push_back(
      {"counts",
       fmt::format("{} places ({} camps), {} routes, {} armed groups, {} institutions, {} operations, "
                   "{} agreements, {} timeline events",
                   t.places.size(), camps, t.routes.edges.size(), t.groups.size(), t.institutions.size(),
                   t.operations.size(), t.agreements.size(), t.timeline.size()),
       ""});
  return table;
}

Table population_table(const TheatreWorld& w, const scenario::Scenario& s) {
  Table table{"Population by region",
              {"region", "code", "cercles", "cells", "census", "on " + s.start.iso()},
              {},
              "Census figures from the scenario's census file, grown at population_growth_rate; each cercle "
              "takes its "
              "share by the scenario's cercle_split, each cell its cercle's people evenly."};
  for (std::size_t r = 0; r < w.regions.units.size(); ++r) {
    const auto& u = w.regions.units[r];
    int cercles = 0;
    for (const auto& c : w.cercles.units) cercles += c.parent == u.name ? 1 : 0;
    table.rows.push_back({u.name, u.code, std::to_string(cercles), std::to_string(w.grid.region_cells[r]),
                          thousands(w.region_census[r]), thousands(w.population(r, s.start))});
  }
  return table;
}

Table communities_table(const TheatreWorld& w) {
  Table table{"Communities and livelihoods by region", {"region", "shares", "source"}, {}, ""};
  auto add = [&](const std::vector<theatre::RegionShares>& list, const char* what) {
    for (const auto& entry : list) {
      std::vector<std::string> parts;
      for (const auto& [cat, v] : entry.shares) parts.push_back(fmt::format("{} {:.0f}%", cat.id, v * 100));
      table.rows.push_back(
          {entry.region.id, fmt::format("{}: {}", what, fmt::join(parts, ", ")), entry.source.text});
    }
  };
  add(w.theatre.population.community_shares, "communities");
  add(w.theatre.population.livelihood_shares, "livelihoods");
  return table;
}

Table timeline_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{
      "Timeline",
      {"date", "kind", "role", "event", "actors", "source"},
      {},
      "Roles: input = played by the model; observation = kept for calibration, never played; reference = "
      "after the observation cut-off, shown only."};
  for (const auto& e : t.timeline) {
    table.rows.push_back({e.when.str(), e.kind, std::string(theatre::role_name(e.role)), e.text,
                          ids_text(t, e.actors), e.source.text});
  }
  return table;
}

Table places_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{"Places", {"place", "kind", "country", "region", "lat", "lon", "source"}, {}, ""};
  for (const auto& p : t.places) {
    table.rows.push_back({p.name, std::string(theatre::place_kind_name(p.kind)), p.country,
                          p.region ? p.region->id : "", fmt::format("{:.4f}", p.lat),
                          fmt::format("{:.4f}", p.lon),
                          p.source.text + (p.note.empty() ? "" : " — " + p.note)});
  }
  return table;
}

Table routes_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{"Routes", {"from", "to", "km", "how", "source"}, {}, ""};
  for (std::size_t i = 0; i < t.routes.edges.size(); ++i) {
    const auto& e = t.routes.edges[i];
    table.rows.push_back({t.find_place(e.a.id)->name, t.find_place(e.b.id)->name,
                          fmt::format("{:.0f}", w.route_km[i]),
                          e.km ? "given" : "great circle x route_detour_factor",
                          e.source.text + (e.note.empty() ? "" : " — " + e.note)});
  }
  for (const auto& c : t.routes.closures) {
    table.rows.push_back({c.country_a, c.country_b, "closed", c.from.str() + ".." + c.to.str(),
                          c.source.text + (c.note.empty() ? "" : " — " + c.note)});
  }
  return table;
}

}  // namespace

std::vector<Table> describe_tables(const TheatreWorld& w, const DynamicsSpec& dynamics,
                                   const scenario::Scenario& s) {
  std::vector<Table> tables{overview(w, dynamics, s), population_table(w, s), communities_table(w),
                            operations_table(w)};
  for (const auto& op : w.theatre.operations) {
    if (!op.mandates.empty()) tables.push_back(mandate_table(op));
  }
  tables.push_back(strength_table(w));
  tables.push_back(relations_table(w));
  tables.push_back(groups_table(w));
  tables.push_back(changes_table(w));
  tables.push_back(agreements_table(w));
  for (const auto& host : w.theatre.states) tables.push_back(state_table(host));
  tables.push_back(institutions_table(w));
  tables.push_back(positions_table(w));
  tables.push_back(timeline_table(w));
  tables.push_back(places_table(w));
  tables.push_back(routes_table(w));
  return tables;
}

std::string describe_world(const TheatreWorld& w, const DynamicsSpec& dynamics, const scenario::Scenario& s,
                           DescribeFormat format) {
  const auto tables = describe_tables(w, dynamics, s);
  if (format == DescribeFormat::Json) return describe_json(w, tables);
  std::string out;
  for (const auto& t : tables)
    out += (format == DescribeFormat::Markdown ? render_markdown(t) : render_text(t) + "\n");
  return out;
}

}  // namespace peacesim::models::conflict_theatre
