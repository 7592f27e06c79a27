#include "models/conflict_theatre/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "engine/grid.hpp"
#include "models/conflict_theatre/parameters.hpp"
#include "scenario/error.hpp"
#include "theatre/checks.hpp"
#include "theatre/csv.hpp"
#include "theatre/region_aliases.hpp"

namespace peacesim::models::conflict_theatre {

using scenario::ScenarioError;

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

geo::LayerSource layer_source(const theatre::BoundaryLayer& layer) {
  return {layer.file.path,    layer.file.text,  layer.name_field, layer.code_field,
          layer.parent_field, layer.file.where, layer.file.field};
}

void sort_by_code(geo::AdminLayer& layer) {
  std::stable_sort(layer.units.begin(), layer.units.end(),
                   [](const geo::AdminUnit& a, const geo::AdminUnit& b) { return a.code < b.code; });
}

// The regions the scenario leaves out (geography.regions.exclude), and their cercles.
void exclude_regions(TheatreWorld& w) {
  const auto& layer = w.theatre.geography.regions;
  for (const auto& name : layer.excluded) {
    if (!w.regions.index_of(name))
      throw ScenarioError(
          layer.excluded_where, "geography.regions.exclude.regions",
          fmt::format("'{}' is not a region of the boundary file '{}'", name, layer.file.text));
  }
  if (layer.excluded.empty()) return;
  for (const auto& u : w.regions.units) {
    if (layer.leaves_out(u.name)) w.left_out_countries[u.name] = u.parent;
  }
  std::erase_if(w.regions.units, [&](const geo::AdminUnit& u) { return layer.leaves_out(u.name); });
  std::erase_if(w.cercles.units, [&](const geo::AdminUnit& u) { return layer.leaves_out(u.parent); });
  w.regions.fit_extent();  // the extent of what is left
  w.cercles.fit_extent();
}

void check_layers(const TheatreWorld& w) {
  const auto& file = w.theatre.geography.cercles.file;
  for (const auto& c : w.cercles.units) {
    if (!w.regions.index_of(c.parent)) {
      throw ScenarioError(
          file.where, file.field,
          fmt::format("boundary file '{}': cercle '{}' names region '{}', which the regions file "
                      "does not have",
                      file.text, c.name, c.parent));
    }
  }
}

// Each region's state: the one whose country the region's country_field names, or the only state.
void assign_region_states(TheatreWorld& w) {
  const auto& states = w.theatre.states;
  const auto& layer = w.theatre.geography.regions;
  w.region_state.assign(w.regions.units.size(), 0);
  if (layer.parent_field.empty()) {
    if (states.size() > 1)
      throw ScenarioError(
          layer.file.where, "geography.regions.country_field",
          fmt::format("is required with {} states: which region belongs to which", states.size()));
    return;
  }
  for (std::size_t r = 0; r < w.regions.units.size(); ++r) {
    const auto& unit = w.regions.units[r];
    const auto s = w.theatre.state_of(unit.parent);
    if (!s)
      throw ScenarioError(layer.file.where, layer.file.field,
                          fmt::format("boundary file '{}': region '{}' is in country '{}' ({}), which is no "
                                      "state of the theatre",
                                      layer.file.text, unit.name, unit.parent, layer.parent_field));
    w.region_state[r] = *s;
  }
}

// Places with a region must lie in it; places without one must lie outside every region.
void check_place_coordinates(TheatreWorld& w) {
  const auto& places = w.theatre.places;
  w.place_region.assign(places.size(), std::nullopt);
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& p = places[i];
    const auto found = w.regions.find(p.lat, p.lon);
    if (p.region) {
      if (!found || w.regions.units[*found].name != p.region->id) {
        throw ScenarioError(
            p.region->where, p.region->field,
            fmt::format("place '{}' at {}, {} lies {} by the boundary file, not in '{}'", p.id, p.lat, p.lon,
                        found ? fmt::format("in region '{}'", w.regions.units[*found].name)
                              : std::string("outside every region"),
                        p.region->id));
      }
      const auto& state = w.theatre.states[w.region_state[*found]];
      if (state.country != p.country)
        throw ScenarioError(p.where, p.field + ".country",
                            fmt::format("place '{}' is in region '{}', a region of {} ({}), not of {}", p.id,
                                        p.region->id, state.country, state.field, p.country));
      w.place_region[i] = found;
    } else if (found) {
      throw ScenarioError(p.where, p.field + ".country",
                          fmt::format("place '{}' at {}, {} lies in region '{}' of the boundary file, yet "
                                      "it names no region (its country is {})",
                                      p.id, p.lat, p.lon, w.regions.units[*found].name, p.country));
    }
  }
}

// Each census's regions, carried from its date to the first census's at population_growth_rate.
void read_census(TheatreWorld& w) {
  const auto& censuses = w.theatre.population.censuses;
  const engine::Date reference = w.theatre.population.census_date.date;
  w.region_census.assign(w.regions.units.size(), -1.0);
  std::vector<std::size_t> from(w.regions.units.size(), 0);
  for (std::size_t k = 0; k < censuses.size(); ++k) {
    const auto& spec = censuses[k];
    theatre::CsvTable table;
    try {
      table = theatre::read_csv(spec.file.path);
    } catch (const std::exception& e) {
      throw ScenarioError(spec.file.where, spec.file.field,
                          fmt::format("cannot read data file '{}': {}", spec.file.text, e.what()));
    }
    auto column = [&](const std::string& name) {
      if (auto c = table.column(name)) return *c;
      throw ScenarioError(spec.file.where, spec.file.field,
                          fmt::format("data file '{}' has no column '{}'", spec.file.text, name));
    };
    const std::size_t region_col = column(spec.region_column);
    const std::size_t count_col = column(spec.count_column);
    const bool filtered = !spec.country_column.empty();
    const std::size_t country_col = filtered ? column(spec.country_column) : 0;
    const double years = static_cast<double>(days_between(spec.date.date, reference)) / 365.2425;
    const double carried = k == 0 ? 1.0 : std::exp(w.growth_rate * years);
    for (const auto& row : table.rows) {
      if (filtered && row[country_col] != spec.country) continue;
      if (w.theatre.geography.regions.leaves_out(row[region_col])) continue;
      const auto r = w.regions.index_of(row[region_col]);
      if (!r) {
        throw ScenarioError(spec.file.where, spec.file.field,
                            fmt::format("data file '{}': region '{}' is not in the regions boundary file",
                                        spec.file.text, row[region_col]));
      }
      if (w.region_census[*r] >= 0) {
        throw ScenarioError(spec.file.where, spec.file.field,
                            fmt::format("data file '{}': region '{}' has a population already (from {})",
                                        spec.file.text, row[region_col], censuses[from[*r]].field));
      }
      try {
        w.region_census[*r] = std::stod(row[count_col]) * carried;
      } catch (const std::exception&) {
        throw ScenarioError(
            spec.file.where, spec.file.field,
            fmt::format("data file '{}': '{}' is not a count", spec.file.text, row[count_col]));
      }
      from[*r] = k;
    }
  }
  for (std::size_t r = 0; r < w.region_census.size(); ++r) {
    if (w.region_census[r] < 0) {
      const auto& first = censuses.front().file;
      throw ScenarioError(
          first.where, first.field,
          fmt::format("no census gives a population for region '{}'", w.regions.units[r].name));
    }
  }
}

// A region's people over its cercles (equally or by area, as the scenario says), then each
// cercle's over its cells evenly.
void split_population(TheatreWorld& w) {
  const bool by_area = w.theatre.population.split == theatre::CercleSplit::Area;
  w.cercle_census.assign(w.cercles.units.size(), 0.0);
  for (std::size_t r = 0; r < w.regions.units.size(); ++r) {
    double weight_sum = 0.0;
    for (const auto& c : w.cercles.units) {
      if (c.parent == w.regions.units[r].name) weight_sum += by_area ? c.area_km2 : 1.0;
    }
    for (std::size_t c = 0; c < w.cercles.units.size(); ++c) {
      const auto& unit = w.cercles.units[c];
      if (unit.parent != w.regions.units[r].name) continue;
      w.cercle_census[c] = w.region_census[r] * (by_area ? unit.area_km2 : 1.0) / weight_sum;
    }
  }
  w.cell_census.assign(w.grid.grid.size(), 0.0f);
  for (std::size_t cell = 0; cell < w.cell_census.size(); ++cell) {
    const auto c = w.grid.cercle[cell];
    if (c == geo::kOutside) continue;
    const auto ci = static_cast<std::size_t>(c);
    w.cell_census[cell] = static_cast<float>(w.cercle_census[ci] / w.grid.cercle_cells[ci]);
  }
}

void build_routes(TheatreWorld& w, double detour) {
  const auto& t = w.theatre;
  for (const auto& p : t.places) {
    engine::PlaceKind kind = engine::PlaceKind::Other;
    switch (p.kind) {
      case theatre::PlaceKind::Town:
        kind = engine::PlaceKind::Town;
        break;
      case theatre::PlaceKind::Base:
        kind = engine::PlaceKind::Base;
        break;
      case theatre::PlaceKind::Camp:
        kind = engine::PlaceKind::Camp;
        break;
      case theatre::PlaceKind::Crossing:
        kind = engine::PlaceKind::Crossing;
        break;
      case theatre::PlaceKind::Other:
        break;
    }
    w.routes.add_place({p.id, p.lat, p.lon, kind, p.country});
  }
  for (const auto& e : t.routes.edges) {
    const auto a = *w.routes.find(e.a.id);
    const auto b = *w.routes.find(e.b.id);
    const auto& pa = w.routes.place(a);
    const auto& pb = w.routes.place(b);
    const double great_circle = engine::haversine_km(pa.lat, pa.lon, pb.lat, pb.lon);
    double km = great_circle * detour;
    if (e.km) {
      km = *e.km;
      if (km < great_circle && e.note.empty()) {
        throw ScenarioError(
            e.where, e.field + ".km",
            fmt::format("{} km is shorter than the great-circle distance {:.0f} km between '{}' and "
                        "'{}': check their coordinates, or add a 'note' saying why it stays",
                        km, great_circle, e.a.id, e.b.id));
      }
    }
    w.routes.add_route(a, b, km);
    w.route_km.push_back(km);
  }
}
}  // namespace

double TheatreWorld::population(std::size_t region, engine::Date date) const {
  const double years =
      static_cast<double>(days_between(theatre.population.census_date.date, date)) / 365.2425;
  return region_census[region] * std::exp(growth_rate * years);
}

std::string TheatreWorld::national_name() const {
  std::string out;
  for (const auto& s : theatre.states) out += (out.empty() ? "" : " + ") + s.country_name;
  return out;
}

double TheatreWorld::national_population(engine::Date date) const {
  double total = 0.0;
  for (std::size_t r = 0; r < region_census.size(); ++r) total += population(r, date);
  return total;
}

TheatreWorld load_world(const scenario::Scenario& scenario, const engine::ParameterSet& parameters) {
  TheatreWorld w;
  const WorldParams params = world_parameter_table().bind(parameters);
  w.growth_rate = params.growth_rate;
  w.scenario_name = scenario.name;
  w.scenario_title = scenario.title;
  auto t0 = std::chrono::steady_clock::now();
  w.theatre = theatre::read_theatre(scenario.root);
  w.timings.theatre_ms = ms_since(t0);

  t0 = std::chrono::steady_clock::now();
  w.regions = geo::load_admin_layer(layer_source(w.theatre.geography.regions));
  w.cercles = geo::load_admin_layer(layer_source(w.theatre.geography.cercles));
  exclude_regions(w);
  sort_by_code(w.regions);
  sort_by_code(w.cercles);
  check_layers(w);
  assign_region_states(w);
  w.timings.boundaries_ms = ms_since(t0);

  t0 = std::chrono::steady_clock::now();
  theatre::load_operation_data(w.theatre);
  theatre::AdminNames admin;
  for (const auto& r : w.regions.units) admin.regions.push_back(r.name);
  for (const auto& c : w.cercles.units) admin.cercles.push_back(c.name);
  theatre::check_theatre(w.theatre, admin);
  if (const auto& aliases = w.theatre.geography.regions.aliases)
    w.region_aliases =
        theatre::read_region_aliases(*aliases, admin.regions, w.theatre.geography.regions.excluded);
  check_place_coordinates(w);
  read_census(w);
  w.timings.theatre_ms += ms_since(t0);

  t0 = std::chrono::steady_clock::now();
  const auto& g = w.theatre.geography;
  geo::GridOptions options;
  options.resolution_deg = params.grid_resolution;
  options.south = w.regions.south;
  options.north = w.regions.north;
  options.west = w.regions.west;
  options.east = w.regions.east;
  // The grid covers the theatre's country and the places people can reach on foot or by road: camps and
  // crossings abroad. Bases far abroad (N'Djamena) are on the route graph's list but off the grid.
  for (const auto& p : w.theatre.places) {
    if (p.kind != theatre::PlaceKind::Camp && p.kind != theatre::PlaceKind::Crossing &&
        !w.theatre.state_of(p.country))
      continue;
    options.south = std::min(options.south, p.lat);
    options.north = std::max(options.north, p.lat);
    options.west = std::min(options.west, p.lon);
    options.east = std::max(options.east, p.lon);
  }
  options.south -= g.margin_deg;
  options.west -= g.margin_deg;
  options.north += g.margin_deg;
  options.east += g.margin_deg;
  if (g.biome_bands)
    options.biome_bands = geo::BiomeBands{g.biome_bands->saharan_north_of, g.biome_bands->sudanian_south_of};
  w.grid = geo::rasterize(w.regions, w.cercles, options);
  w.timings.raster_ms = ms_since(t0);

  split_population(w);
  build_routes(w, params.detour_factor);
  return w;
}

}  // namespace peacesim::models::conflict_theatre
