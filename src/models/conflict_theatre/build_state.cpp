#include "models/conflict_theatre/build_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "mechanisms/conflict/context.hpp"
#include "mechanisms/conflict/draws.hpp"
#include "mechanisms/demography/demography.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "models/conflict_theatre/decisions.hpp"
#include "models/conflict_theatre/talks.hpp"
#include "scenario/error.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

namespace conflict = mechanisms::conflict;
using conflict::PlaceIndex;

namespace {

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * 6371.0 * std::asin(std::sqrt(a));
}

// The mask of every region (check_mask_limits keeps their number within the mask's 32 bits).
std::uint32_t all_regions(std::size_t n) { return n >= 32 ? ~0u : (1u << n) - 1u; }

std::uint32_t region_bit(const TheatreWorld& world, const theatre::Ref& ref) {
  const auto r = world.regions.index_of(ref.id);
  if (!r)
    throw scenario::ScenarioError(ref.where, ref.field, "'" + ref.id + "' is not a region of the boundaries");
  return 1u << *r;
}

std::size_t group_index(const TheatreWorld& world, const theatre::Ref& ref) {
  const auto& groups = world.theatre.groups;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].id == ref.id) return i;
  }
  throw scenario::ScenarioError(ref.where, ref.field,
                                "'" + ref.id + "' is not an armed group of the scenario");
}

conflict::PlaceIndex place_index(const TheatreWorld& world, const theatre::Ref& ref) {
  const auto* place = world.theatre.find_place(ref.id);
  if (place == nullptr ||
      !world.place_region[static_cast<std::size_t>(place - world.theatre.places.data())]) {
    throw scenario::ScenarioError(ref.where, ref.field,
                                  "'" + ref.id + "' is not a town of the scenario's regions");
  }
  return static_cast<conflict::PlaceIndex>(place - world.theatre.places.data());
}

std::size_t category_index(const std::vector<theatre::Category>& cats, const std::string& id) {
  for (std::size_t i = 0; i < cats.size(); ++i) {
    if (cats[i].id == id) return i;
  }
  return cats.size();
}

// Shares by region index for communities or livelihoods: [region][category].
std::vector<std::vector<double>> shares_by_region(const TheatreWorld& world,
                                                  const std::vector<theatre::RegionShares>& rs,
                                                  const std::vector<theatre::Category>& cats) {
  std::vector<std::vector<double>> out(world.regions.units.size(), std::vector<double>(cats.size(), 0.0));
  for (auto& row : out) {
    if (!cats.empty()) row.back() = 1.0;  // a region without shares: the last category
  }
  for (const auto& entry : rs) {
    const auto r = world.regions.index_of(entry.region.id);
    if (!r) continue;
    std::fill(out[*r].begin(), out[*r].end(), 0.0);
    for (const auto& [ref, share] : entry.shares) {
      const std::size_t c = category_index(cats, ref.id);
      if (c < cats.size()) out[*r][c] = share;
    }
  }
  return out;
}

std::uint8_t draw_category(engine::RandomDraws& draws, const std::vector<double>& shares) {
  const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
  return static_cast<std::uint8_t>(total > 0 ? conflict::weighted_pick(draws, shares, total) : 0);
}

conflict::GroupKind group_kind(theatre::GroupType t) {
  switch (t) {
    case theatre::GroupType::Separatist:
      return conflict::GroupKind::Separatist;
    case theatre::GroupType::Jihadist:
      return conflict::GroupKind::Jihadist;
    case theatre::GroupType::ProGovernmentMilitia:
      return conflict::GroupKind::ProGovernment;
    case theatre::GroupType::SelfDefenceMilitia:
      return conflict::GroupKind::SelfDefence;
    case theatre::GroupType::Coalition:
      return conflict::GroupKind::Separatist;
  }
  return conflict::GroupKind::Separatist;
}

bool has_task(const theatre::Operation& op, const std::string& category) {
  for (const auto& m : op.mandates) {
    for (const auto& t : m.tasks) {
      if (t.category == category) return true;
    }
  }
  return false;
}

void add_places(const TheatreWorld& world, conflict::State& s) {
  const auto& places = world.theatre.places;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& tp = places[i];
    conflict::Place p;
    p.id = tp.id;
    p.name = tp.name;
    p.country = tp.country;
    p.lat = tp.lat;
    p.lon = tp.lon;
    p.in_theatre = world.place_region[i].has_value();
    // A camp is a camp wherever it is (a theatre of several states has camps inside it: never a
    // town to hold); any other place is a town in the theatre and a place abroad outside it.
    p.kind = tp.kind == theatre::PlaceKind::Camp ? conflict::PlaceKind::Camp
             : p.in_theatre                      ? conflict::PlaceKind::Town
                                                 : conflict::PlaceKind::Abroad;
    if (p.in_theatre) {
      p.region = static_cast<std::uint16_t>(*world.place_region[i]);
      p.admin1 = world.regions.units[p.region].name;
      if (auto c = world.cercles.find(tp.lat, tp.lon)) p.admin2 = world.cercles.units[*c].name;
    }
    p.controller = conflict::kState;
    p.state_authority = p.in_theatre ? 1.0 : 0.0;
    s.places.push_back(std::move(p));
  }
  const std::size_t n = places.size();
  s.road_km.assign(n, std::vector<double>(n, std::numeric_limits<double>::infinity()));
  for (std::size_t a = 0; a < n; ++a)
    s.road_km[a] = world.routes.distances_from(static_cast<engine::PlaceIndex>(a));
}

// Cells of the regions, each given its nearest town, sorted by that town; people agents cell by cell.
void add_people(const TheatreWorld& world, conflict::State& s, engine::Date start, double k,
                const engine::RandomStreams& random, const mechanisms::displacement::FlightParams& flight) {
  const auto& grid = world.grid;
  struct Raw {
    conflict::Cell cell;
    double people;
  };
  std::vector<Raw> raw;
  const double years =
      static_cast<double>(days_between(world.theatre.population.census_date.date, start)) / 365.25;
  const double growth = std::exp(world.growth_rate * years);
  for (std::size_t c = 0; c < grid.grid.size(); ++c) {
    if (grid.region[c] == geo::kOutside) continue;
    Raw r;
    r.cell.region = static_cast<std::uint16_t>(grid.region[c]);
    r.cell.lat = grid.grid.centre_lat(static_cast<engine::CellIndex>(c));
    r.cell.lon = grid.grid.centre_lon(static_cast<engine::CellIndex>(c));
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < s.places.size(); ++p) {
      if (s.places[p].kind != conflict::PlaceKind::Town) continue;
      const double km = great_circle_km(r.cell.lat, r.cell.lon, s.places[p].lat, s.places[p].lon);
      if (km < best) {
        best = km;
        r.cell.place = static_cast<PlaceIndex>(p);
      }
    }
    r.people = static_cast<double>(world.cell_census[c]) * growth;
    raw.push_back(r);
  }
  std::stable_sort(raw.begin(), raw.end(),
                   [](const Raw& a, const Raw& b) { return a.cell.place < b.cell.place; });
  const auto& pop = world.theatre.population;
  const auto communities = shares_by_region(world, pop.community_shares, pop.communities);
  const auto livelihoods = shares_by_region(world, pop.livelihood_shares, pop.livelihoods);
  s.people.people_per_agent = k;
  double carry = 0.0;
  for (std::size_t c = 0; c < raw.size(); ++c) {
    s.cells.push_back(raw[c].cell);
    s.places[raw[c].cell.place].weight += raw[c].people;
    carry += raw[c].people / k;
    const auto n = static_cast<std::size_t>(std::floor(carry));
    carry -= static_cast<double>(n);
    for (std::size_t j = 0; j < n; ++j) {
      const auto id = static_cast<std::uint32_t>(s.people.size());
      auto draws = random.draws(mechanisms::demography::kStream, 0, id);
      const auto region = raw[c].cell.region;
      const std::uint32_t i =
          s.people.add(static_cast<std::uint16_t>(c), draw_category(draws, communities[region]),
                       draw_category(draws, livelihoods[region]));
      s.people.hardship[i] = conflict::to_byte(draws.uniform());
      s.people.risk_aversion[i] = conflict::to_byte(draws.uniform());
      s.people.legitimacy[i] = conflict::to_byte(0.5);
      s.people.tolerance_days[i] = mechanisms::displacement::draw_tolerance(draws, flight);
    }
  }
  // A town's strategic weight: the square root of the people around it, in tens of thousands,
  // plus one so that empty desert posts still count a little.
  for (auto& p : s.places) p.weight = p.in_theatre ? 1.0 + std::sqrt(p.weight / 1e4) : 0.0;
  s.initial_agents = s.people.size();
  s.rebuild_cell_index();
}

void add_groups(const TheatreWorld& world, const DynamicsSpec& spec, const engine::ParameterSet& parameters,
                conflict::State& s, BuiltState& out) {
  const auto& groups = world.theatre.groups;
  const auto& comms = world.theatre.population.communities;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& tg = groups[i];
    if (tg.type == theatre::GroupType::Coalition) continue;  // coalitions act through their members
    conflict::Group g;
    g.id = tg.id;
    g.name = tg.name;
    g.kind = group_kind(tg.type);
    for (const auto& c : tg.communities) {
      const std::size_t ci = category_index(comms, c.id);
      if (ci < comms.size()) g.communities |= 1u << ci;
    }
    for (const auto& a : tg.areas) {
      g.regions |= region_bit(world, a.region);
      if (a.base) g.bases |= region_bit(world, a.region);
    }
    g.at_place.assign(s.places.size(), 0.0);
    g.dispersed.assign(world.regions.units.size(), 0.0);
    g.split_share = parameters.real("mobilization_split_share");
    s.groups.push_back(std::move(g));
    out.group_theatre.push_back(i);
  }
  for (const auto& traits : spec.groups) {
    const std::size_t gi = group_index(world, traits.group);
    const auto it = std::find(out.group_theatre.begin(), out.group_theatre.end(), gi);
    if (it == out.group_theatre.end()) continue;  // a coalition: only the naming of its members' events
    auto& g = s.groups[static_cast<std::size_t>(it - out.group_theatre.begin())];
    g.capability = traits.capability;
    g.pull = traits.pull;
    if (traits.split_share) g.split_share = *traits.split_share;
  }
  const std::size_t actors = s.actor_count();
  s.hostile.assign(actors, std::vector<std::uint8_t>(actors, 0));
}

void add_forces(const TheatreWorld& world, const DynamicsSpec& spec, conflict::State& s, BuiltState& out) {
  const auto& ops = world.theatre.operations;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto& op = ops[i];
    // M9 may deploy an operation the record never deployed (a counterfactual).
    if ((op.status == "planned_never_deployed" || !op.start) && !ruled_by_institutions(spec, op.id)) continue;
    // A civilian mission advises and trains police and gendarmerie, which the model does not have:
    // it is on the map, the network and the timeline, not a force in the fighting.
    if (op.kind == "eu_civilian") continue;
    conflict::Force f;
    f.id = op.id;
    f.name = op.name;
    f.offensive = has_task(op, "offensive_counter_terrorism");
    f.protects_civilians = has_task(op, "protection_of_civilians");
    f.trains = op.kind == "eu_training";
    f.un = op.kind == "un_peacekeeping";
    f.capability = 1.0;
    for (const auto& r : op.area_regions) {
      if (world.regions.index_of(r.id)) f.regions |= region_bit(world, r);
    }
    if (f.regions == 0) f.regions = all_regions(world.regions.units.size());
    f.at_place.assign(s.places.size(), 0.0);
    f.station.assign(s.places.size(), 0.0);
    s.forces.push_back(std::move(f));
    out.force_operation.push_back(i);
  }
  for (const auto& traits : spec.forces) {
    bool found = false;
    for (std::size_t f = 0; f < s.forces.size(); ++f) {
      if (s.forces[f].id == traits.operation.id) {
        s.forces[f].capability = traits.capability;
        for (const auto& ref : traits.objectives) s.forces[f].objectives.push_back(place_index(world, ref));
        found = true;
      }
    }
    // Traits of an operation a variant does not deploy are kept for nothing; unknown ids are errors.
    if (!found && world.theatre.find_operation(traits.operation.id) == nullptr) {
      throw scenario::ScenarioError(traits.operation.where, traits.operation.field,
                                    "'" + traits.operation.id + "' is not an operation of the scenario");
    }
  }
}

// The theatre's states (the scenario's state or states), each with its capital and the names the
// event data give its forces and civilians; each region and town knows its state.
void add_countries(const TheatreWorld& world, conflict::State& s) {
  for (const auto& host : world.theatre.states) {
    if (!host.capital) {
      throw scenario::ScenarioError(host.source.where, host.field + ".capital",
                                    "is required by this model: the place where the army keeps its reserve");
    }
    const auto capital = std::find_if(s.places.begin(), s.places.end(),
                                      [&](const conflict::Place& p) { return p.id == host.capital->id; });
    if (capital == s.places.end() || !capital->in_theatre) {
      throw scenario::ScenarioError(host.capital->where, host.capital->field,
                                    "'" + host.capital->id + "' is not one of the model's towns");
    }
    conflict::Country c;
    c.code = host.country;
    c.name = host.country_name;
    c.capital = static_cast<PlaceIndex>(capital - s.places.begin());
    c.forces_event_name = host.army_event_name;
    c.civilians_event_name = host.civilians_event_name;
    s.countries.push_back(std::move(c));
  }
  for (const std::size_t state : world.region_state)
    s.region_country.push_back(static_cast<conflict::CountryIndex>(state));
  for (auto& p : s.places) {
    if (p.in_theatre) p.host = s.region_country[p.region];
  }
}

// The index of the state an army belongs to (check_dynamics has checked that there is one), or
// the number of states for none.
std::size_t army_state(const TheatreWorld& world, const ArmySpec& army) {
  if (army.state.empty()) return 0;
  return world.theatre.state_of(army.state).value_or(world.theatre.states.size());
}

// One state's army at the start, in its own state's towns.
void add_army(const TheatreWorld& world, const ArmySpec& army, double concentration, conflict::State& s) {
  const auto host = static_cast<conflict::CountryIndex>(army_state(world, army));
  auto& country = s.countries[host];
  const std::uint32_t contested = contested_mask(world, army);
  auto ours = [&](const conflict::Place& p) { return p.kind == conflict::PlaceKind::Town && p.host == host; };
  // Garrisons in proportion to weight^concentration: above 1, the army's commands and camps in
  // the regional capitals hold more of it than the small posts.
  auto share = [concentration](const conflict::Place& p) { return std::pow(p.weight, concentration); };
  double contested_weight = 0.0, other_weight = 0.0;
  for (const auto& p : s.places) {
    if (!ours(p)) continue;
    ((contested >> p.region) & 1u ? contested_weight : other_weight) += share(p);
  }
  const double in_contested = army.strength * army.contested_share;
  // The command camps of the contested regions (the scenario's `camps`) hold their shares; the rest
  // of the contested share is spread over those regions' towns by weight.
  double in_camps = 0.0;
  for (const auto& c : army.camps) in_camps += in_contested * c.share;
  const double spread = in_contested - in_camps;
  // The rest: half as garrisons of the other towns, half in reserve in the capital.
  const double in_rest = army.strength - in_contested;
  for (auto& p : s.places) {
    if (!ours(p)) continue;
    const bool is_contested = ((contested >> p.region) & 1u) != 0;
    p.army = is_contested ? (contested_weight > 0 ? spread * share(p) / contested_weight : 0.0)
                          : (other_weight > 0 ? 0.5 * in_rest * share(p) / other_weight : 0.0);
  }
  for (const auto& c : army.camps) {  // each a town of the contested regions (check_dynamics)
    s.places[place_index(world, c.place)].army += in_contested * c.share;
  }
  // (A state whose towns are all contested keeps all of the rest in reserve: no troops are lost.)
  s.places[country.capital].army += other_weight > 0 ? 0.5 * in_rest : in_rest;
  // The plan the army returns to (M4's redeployment): each town's share of it at the start.
  for (auto& p : s.places) {
    if (ours(p) && army.strength > 0) p.army_plan = p.army / army.strength;
  }
  country.army_total = army.strength;
  country.army_establishment = army.strength;
}

}  // namespace

namespace {

// Regions and communities are bits of 32-bit masks (conflict::Group::regions, ::communities).
void check_mask_limits(const TheatreWorld& world) {
  constexpr std::size_t kMaskBits = 32;
  const auto& file = world.theatre.geography.regions.file;
  if (world.regions.units.size() > kMaskBits) {
    throw scenario::ScenarioError(file.where, file.field,
                                  fmt::format("the boundary file '{}' has {} regions; this model handles at "
                                              "most {}",
                                              file.text, world.regions.units.size(), kMaskBits));
  }
  const auto& communities = world.theatre.population.communities;
  if (communities.size() > kMaskBits) {
    const auto& extra = communities[kMaskBits];
    throw scenario::ScenarioError(
        extra.source.where, "population.communities[" + std::to_string(kMaskBits) + "]",
        fmt::format("{} communities; this model handles at most {}", communities.size(), kMaskBits));
  }
  // Actors are 8-bit indices (0 the state's side, the top value "nobody"), places 16-bit ones.
  constexpr std::size_t kMaxGroups = std::numeric_limits<conflict::ActorIndex>::max() - 1;
  const auto& groups = world.theatre.groups;
  if (groups.size() > kMaxGroups) {
    throw scenario::ScenarioError(
        groups[kMaxGroups].where, groups[kMaxGroups].field,
        fmt::format("{} armed groups; this model handles at most {}", groups.size(), kMaxGroups));
  }
  constexpr std::size_t kMaxPlaces = std::numeric_limits<conflict::PlaceIndex>::max();
  const auto& places = world.theatre.places;
  if (places.size() > kMaxPlaces) {
    throw scenario::ScenarioError(
        places[kMaxPlaces].where, places[kMaxPlaces].field,
        fmt::format("{} places; this model handles at most {}", places.size(), kMaxPlaces));
  }
}

// A coalition's traits name its members' events only; a fighting group's traits are the others.
void check_group_traits(const TheatreWorld& world, const GroupTraits& traits) {
  const bool coalition =
      world.theatre.groups[group_index(world, traits.group)].type == theatre::GroupType::Coalition;
  if (coalition && traits.fights) {
    throw scenario::ScenarioError(
        traits.group.where, traits.group.field,
        "a coalition has no fighters of its own: capability, pull and split_share belong "
        "to its members");
  }
  if (!coalition && traits.members_named_from) {
    throw scenario::ScenarioError(traits.members_named_from->where, traits.members_named_from->field,
                                  "applies to a coalition only ('" + traits.group.id + "' is not one)");
  }
}

}  // namespace

std::uint32_t contested_mask(const TheatreWorld& world, const ArmySpec& army) {
  std::uint32_t contested = 0;
  for (const auto& r : army.contested_regions) contested |= region_bit(world, r);
  return contested;
}

namespace {
// A host of refugees is a country of the theatre's places outside its regions or, with several
// states, another state than `whose` (empty: any state; its own people are not refugees there).
void check_host(const TheatreWorld& world, const std::string& country, const std::string& whose,
                const scenario::Location& where, const std::string& field) {
  const bool several = world.theatre.states.size() > 1;
  bool hosts = several && country != whose && world.theatre.state_of(country).has_value();
  for (std::size_t p = 0; p < world.theatre.places.size(); ++p)
    hosts = hosts || (!world.place_region[p] && world.theatre.places[p].country == country);
  if (!hosts)
    throw scenario::ScenarioError(where, field,
                                  "no place of the theatre outside its regions is in " + country +
                                      (several ? ", nor is it another state of the theatre" : ""));
}

// M7's observed stocks (one entry a date, refugees only in countries with places outside the regions)
// and M17's observed deaths.
void check_observations(const TheatreWorld& world, const DynamicsSpec& spec) {
  // M7 sets each state's displaced (its IDPs, its refugees by host): with several states an entry
  // names its state, and each state has one entry a date.
  const auto& states = world.theatre.states;
  for (std::size_t i = 0; i < spec.observed_stocks.size(); ++i) {
    const auto& o = spec.observed_stocks[i];
    if (o.state.empty() && states.size() > 1)
      throw scenario::ScenarioError(o.when.where, o.when.field,
                                    "the theatre has " + std::to_string(states.size()) +
                                        " states: say whose displaced these are (state: ISO3)");
    if (!o.state.empty() && !world.theatre.state_of(o.state))
      throw scenario::ScenarioError(o.state_where, o.state_field,
                                    "'" + o.state + "' is not a state of the theatre");
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.observed_stocks[j].when.date == o.when.date && spec.observed_stocks[j].state == o.state)
        throw scenario::ScenarioError(o.when.where, o.when.field,
                                      o.when.date.iso() + " has stocks already (one entry a date" +
                                          (o.state.empty() ? ")" : " and state)"));
    }
    if (o.elsewhere && states.size() > 1)
      throw scenario::ScenarioError(o.elsewhere_where, o.elsewhere_field,
                                    "is for a theatre of one state (with several, each state's refugees "
                                    "are counted from its regions, and these have none)");
    for (const auto& a : o.abroad) check_host(world, a.country, o.state, a.where, a.field);
  }
  // M7's refugee hosts (of any state's people).
  for (const auto& h : spec.refugee_hosts) check_host(world, h.country, "", h.where, h.field);
  // M17's observed deaths: one entry a year, in regions of the boundaries.
  for (std::size_t i = 0; i < spec.observed_fatalities.size(); ++i) {
    const auto& o = spec.observed_fatalities[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.observed_fatalities[j].year == o.year)
        throw scenario::ScenarioError(o.where, o.field,
                                      std::to_string(o.year) + " has deaths already (one entry a year)");
    }
    for (const auto& region : o.regions) (void)region_bit(world, region.region);
    // Who the deaths were: regions observed, armed groups (a coalition's deaths go to its members).
    for (const auto& named : o.by_group) {
      const std::uint32_t bit = region_bit(world, named.region);
      const bool observed = std::any_of(o.regions.begin(), o.regions.end(), [&](const auto& region) {
        return region_bit(world, region.region) == bit;
      });
      if (!observed)
        throw scenario::ScenarioError(named.region.where, named.region.field,
                                      "'" + named.region.id + "' has no deaths in `regions` to attribute");
      for (const auto& [group, deaths] : named.groups) {
        if (world.theatre.groups[group_index(world, group)].type == theatre::GroupType::Coalition)
          throw scenario::ScenarioError(group.where, group.field,
                                        "'" + group.id + "' is a coalition: give its members' deaths");
      }
    }
  }
}
}  // namespace

namespace {
// One army per state (`army` for the only state, `armies` naming each state's country), its
// contested regions and camps in its own state.
void check_armies(const TheatreWorld& world, const DynamicsSpec& spec) {
  const auto& states = world.theatre.states;
  std::vector<const ArmySpec*> of_state(states.size(), nullptr);
  for (const auto& army : spec.armies) {
    if (army.state.empty() && states.size() > 1)
      throw scenario::ScenarioError(
          army.where, army.field,
          fmt::format("the theatre has {} states: give `armies`, one per state, each "
                      "with its `state` (country code)",
                      states.size()));
    const std::size_t host = army_state(world, army);
    if (host >= states.size())
      throw scenario::ScenarioError(army.where, army.field + ".state",
                                    "'" + army.state + "' is the country of no state of the theatre");
    if (of_state[host] != nullptr)
      throw scenario::ScenarioError(
          army.where, army.field + ".state",
          states[host].country + " has an army already (" + of_state[host]->field + ")");
    of_state[host] = &army;
    for (const auto& r : army.contested_regions) {
      const auto bit = region_bit(world, r);  // throws for a region the boundaries do not have
      const auto index = static_cast<std::size_t>(std::countr_zero(bit));
      if (world.region_state[index] != host)
        throw scenario::ScenarioError(r.where, r.field,
                                      "'" + r.id + "' is not a region of " + states[host].country);
    }
    const std::uint32_t contested = contested_mask(world, army);
    for (const auto& c : army.camps) {
      const auto p = place_index(world, c.place);
      const auto& region = world.place_region[p];
      if (world.theatre.places[p].kind != theatre::PlaceKind::Town || !region ||
          ((contested >> *region) & 1u) == 0) {
        throw scenario::ScenarioError(c.place.where, c.place.field,
                                      "'" + c.place.id + "' is not a town in the army's contested_regions");
      }
    }
  }
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (of_state[i] == nullptr)
      throw scenario::ScenarioError(states[i].source.where, states[i].field,
                                    "has no army in dynamics.armies (one per state)");
  }
}
}  // namespace

void check_dynamics(const TheatreWorld& world, const DynamicsSpec& spec) {
  check_mask_limits(world);
  check_armies(world, spec);
  for (const auto& g : spec.groups) check_group_traits(world, g);
  for (const auto& inf : spec.influxes) {
    (void)group_index(world, inf.group);
    for (const auto& r : inf.regions) (void)region_bit(world, r);
  }
  for (const auto& off : spec.offensives) {
    for (const auto& g : off.groups) (void)group_index(world, g);
    for (const auto& r : off.regions) (void)region_bit(world, r);
    for (const auto& t : off.towns) (void)place_index(world, t);
  }
  for (const auto* pairs : {&spec.hostilities, &spec.truces}) {
    for (const auto& h : *pairs) {
      (void)group_index(world, h.a);
      (void)group_index(world, h.b);
    }
  }
  for (const auto& f : spec.forces) {
    if (world.theatre.find_operation(f.operation.id) == nullptr) {
      throw scenario::ScenarioError(f.operation.where, f.operation.field,
                                    "'" + f.operation.id + "' is not an operation of the scenario");
    }
    for (const auto& t : f.objectives) (void)place_index(world, t);
  }
  check_decisions(world, spec);
  check_negotiations(world, spec);
  check_observations(world, spec);
}

BuiltState build_state(const TheatreWorld& world, const DynamicsSpec& spec,
                       const engine::ParameterSet& parameters, engine::Date start, double people_per_agent,
                       const engine::RandomStreams& random) {
  check_dynamics(world, spec);
  BuiltState out;
  conflict::State& s = out.state;
  s.date = start;
  for (const auto& r : world.regions.units) s.regions.push_back(r.name);
  s.community_threat.assign(world.theatre.population.communities.size(),
                            std::vector<double>(s.regions.size(), 0.0));
  add_places(world, s);
  add_countries(world, s);
  add_people(world, s, start, people_per_agent, random,
             mechanisms::displacement::flight_parameter_table().bind(parameters));
  add_groups(world, spec, parameters, s, out);
  add_forces(world, spec, s, out);
  for (const auto& army : spec.armies)
    add_army(world, army, parameters.real("forces_garrison_concentration"), s);

  // The displacement mechanism's network (M7): the same places, with the scenario's routes.
  auto& places = out.network.places;
  for (const auto& p : s.places) {
    mechanisms::displacement::Place d;
    d.name = p.name;
    d.country = p.country;
    d.kind = p.kind == conflict::PlaceKind::Camp ? mechanisms::displacement::PlaceKind::Camp
                                                 : mechanisms::displacement::PlaceKind::Town;
    d.foreign = !p.in_theatre;
    d.nation = p.in_theatre ? p.host : std::uint8_t{0};
    d.area = static_cast<std::uint16_t>(p.region);
    for (const auto& host : spec.refugee_hosts) {
      if (host.country != d.country) continue;
      d.return_factor = host.return_factor;
      d.attraction = host.attraction;
    }
    places.push_back(std::move(d));
  }
  // Each community's kin abroad (the scenario's kin_abroad): the places in those countries, outside
  // the theatre or in another of its states.
  for (const auto& community : world.theatre.population.communities) {
    std::vector<std::uint8_t> row(places.size(), 0);
    for (std::size_t p = 0; p < places.size(); ++p) {
      for (const auto& country : community.kin_abroad) {
        if ((places[p].foreign || s.countries.size() > 1) && places[p].country == country.id) row[p] = 1;
      }
    }
    out.network.kin.push_back(std::move(row));
  }
  auto& links = out.network.links;
  const auto& routes = world.routes.routes();
  for (std::size_t e = 0; e < routes.size(); ++e) {
    links.push_back({static_cast<mechanisms::displacement::PlaceId>(routes[e].a),
                     static_cast<mechanisms::displacement::PlaceId>(routes[e].b), world.route_km[e]});
  }
  return out;
}

}  // namespace peacesim::models::conflict_theatre
