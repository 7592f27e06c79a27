#include "mechanisms/displacement/displacement.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/random_batch.hpp"
#include "engine/route_graph.hpp"

namespace peacesim::mechanisms::displacement {

namespace {
// Agent columns.
constexpr std::size_t kAt = 0;
constexpr std::size_t kPath = 1;
constexpr std::size_t kLeg = 2;
constexpr std::size_t kProgress = 3;
constexpr std::size_t kHome = 4;
constexpr std::size_t kWake = 5;
constexpr std::size_t kRegime = 6;
constexpr std::size_t kSince = 7;
constexpr std::size_t kGroup = 8;
constexpr std::size_t kArrived = 9;

constexpr int kMaxHopsPerDay = 16;  // a guard: links are tens of km at least in any real graph

void check_range(const char* name, double v, double lo, double hi) {
  if (!(v >= lo && v <= hi)) {
    throw std::invalid_argument(std::string("displacement rule '") + name + "' = " + std::to_string(v) +
                                " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
}
}  // namespace

Displacement::Displacement(std::vector<Place> places, std::vector<Link> links, Rules rules) : rules_(rules) {
  dyn_.places = std::move(places);
  dyn_.links = std::move(links);
  if (dyn_.places.size() >= kNoPlace || dyn_.links.size() >= kNoPlace) {
    throw std::invalid_argument("displacement: at most 65,534 places and links");
  }
  for (const Place& p : dyn_.places) {
    if (!p.foreign) nations_ = std::max<std::size_t>(nations_, std::size_t{p.nation} + 1);
    if (!(p.return_factor >= 0.0 && p.return_factor <= 100.0))
      throw std::invalid_argument("displacement: a place's return factor must lie in 0..100");
    if (!(p.attraction >= 0.0 && p.attraction <= 100.0))
      throw std::invalid_argument("displacement: a place's attraction must lie in 0..100");
  }
  check_range("people_per_agent", rules_.people_per_agent, 1e-9, 1e12);
  check_range("speed_km", rules_.speed_km, 1e-3, 1e5);
  check_range("move_chance_violence", rules_.move_chance_violence, 0, 1);
  check_range("move_chance_town", rules_.move_chance_town, 0, 1);
  check_range("move_chance_camp", rules_.move_chance_camp, 0, 1);
  check_range("return_chance", rules_.return_chance, 0, 1);
  check_range("capacity_buffer", rules_.capacity_buffer, 0, 1);
  check_range("awareness", rules_.awareness, 0, 2);
  check_range("violence_memory_days", rules_.violence_memory_days, 0, 1e6);
  check_range("return_after_days", rules_.return_after_days, 0, 1e6);
  check_range("return_tolerance", rules_.return_tolerance, 0, 1);
  check_range("return_decay_days", rules_.return_decay_days, 0, 1e6);
  check_range("kin_weight", rules_.kin_weight, 1e-9, 1e6);
  check_range("settle_days", rules_.settle_days, 0, 1e6);
  check_range("return_abroad_factor", rules_.return_abroad_factor, 0, 1);
  check_range("return_exile_decay_days", rules_.return_exile_decay_days, 0, 1e6);
  check_range("return_area_weight", rules_.return_area_weight, 0, 100);
  check_range("return_fear_weight", rules_.return_fear_weight, 0, 1e3);
  check_range("return_unsafe_factor", rules_.return_unsafe_factor, 0, 1);
  const std::size_t n = dyn_.places.size();
  adjacency_.resize(n);
  adjacency_links_.resize(n);
  for (std::size_t i = 0; i < dyn_.links.size(); ++i) {
    const Link& l = dyn_.links[i];
    if (l.a >= n || l.b >= n || l.a == l.b)
      throw std::invalid_argument("displacement: link to an unknown place");
    if (!(l.km > 0)) throw std::invalid_argument("displacement: link lengths must be positive");
    adjacency_[l.a].push_back(l.b);
    adjacency_links_[l.a].push_back(static_cast<LinkId>(i));
    adjacency_[l.b].push_back(l.a);
    adjacency_links_[l.b].push_back(static_cast<LinkId>(i));
  }
  dyn_.violence.assign(n, 0.0);
  dyn_.last_violence_day.assign(n, -1);
  dyn_.recent_violence.assign(n, 0.0);
  dyn_.safe_days.assign(n, 0);
  std::size_t areas = 1;
  for (const Place& p : dyn_.places) areas = std::max<std::size_t>(areas, p.area + 1u);
  dyn_.area_calm.assign(areas, 1.0);
  area_places_.assign(areas, 0.0);
  for (const Place& p : dyn_.places) area_places_[p.area] += p.foreign ? 0.0 : 1.0;
  dyn_.link_open.assign(dyn_.links.size(), 1);
  dyn_.carry.assign(n, 0.0);
  dyn_.move_chance.assign(n, -1.0);
  dyn_.regime.assign(n, 0);
  dyn_.capacity_factor.assign(n, 1.0);
  dyn_.resting.assign(n, 0);
  enumerate_paths();

  // Next hops on shortest routes (Boost Dijkstra through the engine's route graph).
  engine::RouteGraph graph;
  for (const Place& p : dyn_.places) graph.add_place({p.name, 0, 0, engine::PlaceKind::Town, p.country});
  for (const Link& l : dyn_.links) graph.add_route(l.a, l.b, l.km);
  dyn_.next_hop_home.assign(n, std::vector<PlaceId>(n, kNoPlace));
  for (std::size_t home = 0; home < n; ++home) {
    const std::vector<double> d = graph.distances_from(static_cast<engine::PlaceIndex>(home));
    for (std::size_t at = 0; at < n; ++at) {
      if (at == home || std::isinf(d[at])) continue;
      double best = std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < adjacency_[at].size(); ++k) {
        const PlaceId nb = adjacency_[at][k];
        const double via = dyn_.links[adjacency_links_[at][k]].km + d[nb];
        if (via < best) {
          best = via;
          dyn_.next_hop_home[home][at] = nb;
        }
      }
    }
  }
}

void Displacement::enumerate_paths() {
  const std::size_t n = dyn_.places.size();
  const int max_legs = rules_.awareness + 1;
  paths_begin_.assign(n + 1, 0);
  for (std::size_t origin = 0; origin < n; ++origin) {
    paths_begin_[origin] = static_cast<std::uint32_t>(paths_.size());
    Path p{};
    p.places[0] = static_cast<PlaceId>(origin);
    // Depth-first over simple paths, in link order (deterministic).
    auto extend = [&](auto&& self, int legs, double km) -> void {
      if (legs < 0 || legs > 2) return;  // at most 3 legs (awareness <= 2)
      const PlaceId from = p.places[legs];
      for (std::size_t k = 0; k < adjacency_[from].size(); ++k) {
        const PlaceId to = adjacency_[from][k];
        bool visited = false;
        for (int i = 0; i <= legs; ++i) visited = visited || p.places[i] == to;
        if (visited) continue;
        p.places[legs + 1] = to;
        p.links[legs] = adjacency_links_[from][k];
        p.legs = static_cast<std::uint8_t>(legs + 1);
        p.end = to;
        p.km = km + dyn_.links[p.links[legs]].km;
        const Place& end = dyn_.places[to];
        p.pull = end.country != dyn_.places[origin].country ? end.attraction : 1.0;
        paths_.push_back(p);
        if (legs + 1 < max_legs) self(self, legs + 1, p.km);
      }
    };
    extend(extend, 0, 0.0);
  }
  paths_begin_[n] = static_cast<std::uint32_t>(paths_.size());
  dyn_.path_weight_cum.assign(nations_, std::vector<double>(paths_.size(), 0.0));
  dyn_.path_usable.assign(paths_.size(), 0);
}

void Displacement::set_violence(PlaceId place, double intensity) {
  dyn_.violence.at(place) = std::max(0.0, intensity);
}

void Displacement::set_link_open(LinkId link, bool open) { dyn_.link_open.at(link) = open ? 1 : 0; }

void Displacement::set_kin(std::vector<std::vector<std::uint8_t>> kin) {
  if (kin.size() > 256) throw std::invalid_argument("displacement: at most 256 groups have kin");
  for (const auto& row : kin) {
    if (row.size() != dyn_.places.size())
      throw std::invalid_argument("displacement: kin needs one entry per place");
  }
  kin_ = std::move(kin);
}

std::size_t Displacement::displace(PlaceId origin, double people, std::uint32_t day, std::uint8_t group) {
  if (!(people > 0)) return 0;
  dyn_.carry.at(origin) += people / rules_.people_per_agent;
  const double whole = std::floor(dyn_.carry[origin] + 1e-9);
  dyn_.carry[origin] = std::max(0.0, dyn_.carry[origin] - whole);
  const auto count = static_cast<std::size_t>(whole);
  for (std::size_t i = 0; i < count; ++i) {
    // A new agent decides today (rest ends today; regime 0 forces a fresh draw at its place).
    dyn_.agents.create(origin, kNoPath, 0, 0.0f, origin, day, kNever, day, group, day);
    dyn_.retired.push_back(0);
  }
  dyn_.resting[origin] += static_cast<std::uint32_t>(count);
  return count;
}

std::size_t Displacement::add_resting(PlaceId home, PlaceId at, std::uint32_t day, std::uint8_t group,
                                      std::uint32_t left_home) {
  if (home >= dyn_.places.size() || at >= dyn_.places.size())
    throw std::invalid_argument("displacement: an agent added at an unknown place");
  if (left_home > day)
    throw std::invalid_argument("displacement: an agent added that leaves home after it arrives");
  // Regime kNever differs from any place's, so the agent draws its rest at `at` when next moved.
  dyn_.agents.create(at, kNoPath, 0, 0.0f, home, day, kNever, left_home, group, day);
  dyn_.retired.push_back(0);
  ++dyn_.resting[at];
  return dyn_.agents.size() - 1;
}

double Displacement::move_chance(PlaceId p) const {
  if (dyn_.places[p].kind == PlaceKind::Camp) return rules_.move_chance_camp;
  const double v = std::min(1.0, dyn_.recent_violence[p]);
  return rules_.move_chance_town + (rules_.move_chance_violence - rules_.move_chance_town) * v;
}

bool Displacement::settles(PlaceId p) const {
  // People settle in calm towns; a camp keeps its own move chance and violence unsettles anyone.
  return rules_.settle_days > 0 && dyn_.places[p].kind == PlaceKind::Town && dyn_.recent_violence[p] <= 0.0;
}

double Displacement::attractiveness(PlaceId p, std::uint8_t nation) const {
  double score = 1.0;
  if (abroad_from(p, nation)) score *= rules_.foreign_weight;
  if (dyn_.places[p].kind == PlaceKind::Camp) score *= rules_.camp_weight;
  if (dyn_.recent_violence[p] > 0) score *= std::pow(rules_.violence_weight, dyn_.recent_violence[p]);
  return score;
}

double Displacement::capacity_factor(PlaceId p) const {
  const double cap = dyn_.places[p].capacity;
  if (cap < 1) return 1.0;
  const double occupants = people_at(p);
  if (occupants <= rules_.capacity_buffer * cap) return 1.0;
  if (occupants >= cap) return 0.0;
  return 1.0 - (occupants - rules_.capacity_buffer * cap) / (cap * (1.0 - rules_.capacity_buffer));
}

bool Displacement::home_safe(PlaceId home) const {
  // Only a place people fled (it has had violence) can be a home to go back to.
  return dyn_.last_violence_day[home] >= 0 && dyn_.recent_violence[home] <= rules_.return_tolerance &&
         dyn_.safe_days[home] >= static_cast<std::uint32_t>(rules_.return_after_days);
}

double Displacement::home_factor(PlaceId home) const {
  if (home_safe(home)) return 1.0;
  // Home not yet safe: some go back all the same (fields, herds, houses to keep), fewer.
  return dyn_.last_violence_day[home] >= 0 ? rules_.return_unsafe_factor : 0.0;
}

double Displacement::return_chance(std::uint32_t days_away, PlaceId at, PlaceId home,
                                   std::uint8_t group) const {
  double h = rules_.return_chance * home_factor(home);
  // The longer people have been away, the less likely they go back (livelihoods, land and homes
  // lost or taken; docs/model/displacement.md).
  if (rules_.return_decay_days > 0) h *= std::exp(-static_cast<double>(days_away) / rules_.return_decay_days);
  // A border to cross, the aid of a camp and the papers of a return weigh on refugees only.
  if (abroad_for(at, home)) {
    h *= rules_.return_abroad_factor * dyn_.places[at].return_factor;
    // Exile grows protracted (aid, schooling and work in the host country; docs/model/displacement.md,
    // "Returning"): abroad, the chance falls with the time since leaving home on top of the above.
    if (rules_.return_exile_decay_days > 0)
      h *= std::exp(-static_cast<double>(days_away) / rules_.return_exile_decay_days);
  }
  // A calm town in a violent area is not yet home: the roads, fields and markets around it count.
  const std::uint16_t area = dyn_.places[home].area;
  // (S^β for today, from prepare_day, which every step runs before the moves that call this.)
  if (rules_.return_area_weight > 0) h *= area_return_factor_[area];
  // A community that fears reprisals at home stays away (issue 17; the threat comes from M14).
  if (rules_.return_fear_weight > 0 && group < dyn_.fear.size() && area < dyn_.fear[group].size())
    h *= std::exp(-rules_.return_fear_weight * dyn_.fear[group][area]);
  return h;
}

void Displacement::set_fear(const std::vector<std::vector<double>>& fear) {
  for (const auto& row : fear) {
    for (double t : row) {
      if (!(t >= 0.0 && t <= 1.0)) throw std::invalid_argument("displacement: a threat must lie in 0..1");
    }
  }
  dyn_.fear = fear;
}

LinkId Displacement::link_between(PlaceId a, PlaceId b) const {
  for (std::size_t k = 0; k < adjacency_[a].size(); ++k) {
    if (adjacency_[a][k] == b) return adjacency_links_[a][k];
  }
  return kNoPlace;
}

void Displacement::prepare_day(std::uint32_t day) {
  const std::size_t n = dyn_.places.size();
  dyn_.any_safe_home = false;
  std::fill(dyn_.area_calm.begin(), dyn_.area_calm.end(), 0.0);  // calm places, then their share
  for (std::size_t p = 0; p < n; ++p) {
    if (dyn_.violence[p] > 0) dyn_.last_violence_day[p] = day;
    const bool recent =
        dyn_.last_violence_day[p] >= 0 &&
        static_cast<std::int64_t>(day) - dyn_.last_violence_day[p] <= rules_.violence_memory_days;
    // Recent violence: today's intensity, or the intensity remembered while within memory.
    if (dyn_.violence[p] > 0) {
      dyn_.recent_violence[p] = dyn_.violence[p];
    } else if (!recent) {
      dyn_.recent_violence[p] = 0.0;
    }
    const bool calm = dyn_.recent_violence[p] <= rules_.return_tolerance;
    dyn_.safe_days[p] = calm ? dyn_.safe_days[p] + 1 : 0;
    if (calm && !dyn_.places[p].foreign) dyn_.area_calm[dyn_.places[p].area] += 1.0;
    if (home_safe(static_cast<PlaceId>(p))) dyn_.any_safe_home = true;
    const double chance = move_chance(static_cast<PlaceId>(p));
    if (chance != dyn_.move_chance[p]) {
      dyn_.move_chance[p] = chance;
      ++dyn_.regime[p];  // resting agents here redraw their waiting time (memoryless: exact)
    }
    dyn_.capacity_factor[p] = capacity_factor(static_cast<PlaceId>(p));
  }
  for (std::size_t a = 0; a < dyn_.area_calm.size(); ++a)
    dyn_.area_calm[a] = area_places_[a] > 0 ? dyn_.area_calm[a] / area_places_[a] : 1.0;
  area_return_factor_.resize(dyn_.area_calm.size());
  for (std::size_t a = 0; a < dyn_.area_calm.size(); ++a)
    area_return_factor_[a] = std::pow(dyn_.area_calm[a], rules_.return_area_weight);
  // Route weights: attractiveness of the end over the softened length, times its capacity factor,
  // for people of each nation (the places abroad for them weigh foreign_weight); for each group
  // with kin, the same with the kin places' attraction raised.
  mark_usable_paths();
  dyn_.path_weight_cum.resize(nations_);
  dyn_.kin_weight_cum.resize(nations_);
  std::vector<double> score(n);
  for (std::size_t nation = 0; nation < nations_; ++nation) {
    for (std::size_t p = 0; p < n; ++p)
      score[p] = attractiveness(static_cast<PlaceId>(p), static_cast<std::uint8_t>(nation));
    weigh_paths(score, dyn_.path_weight_cum[nation]);
    auto& kin_cum = dyn_.kin_weight_cum[nation];
    kin_cum.resize(kin_.size());
    for (std::size_t g = 0; g < kin_.size(); ++g) {
      const bool any =
          rules_.kin_weight != 1.0 && std::find(kin_[g].begin(), kin_[g].end(), 1) != kin_[g].end();
      if (!any) {
        kin_cum[g].clear();
        continue;
      }
      std::vector<double> kin_score = score;
      for (std::size_t p = 0; p < n; ++p) {
        if (kin_[g][p] != 0) kin_score[p] *= rules_.kin_weight;
      }
      weigh_paths(kin_score, kin_cum[g]);
    }
  }
}

void Displacement::mark_usable_paths() {
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    bool open = true;
    for (int l = 0; l < paths_[i].legs; ++l) open = open && dyn_.link_open[paths_[i].links[l]] != 0;
    dyn_.path_usable[i] = open ? 1 : 0;
  }
}

void Displacement::weigh_paths(const std::vector<double>& score, std::vector<double>& cum) const {
  cum.resize(paths_.size());
  for (std::size_t origin = 0; origin < score.size(); ++origin) {
    double total = 0.0;
    for (std::uint32_t i = paths_begin_[origin]; i < paths_begin_[origin + 1]; ++i) {
      const Path& path = paths_[i];
      if (dyn_.path_usable[i])
        total += path.pull * score[path.end] / (rules_.distance_softening_km + path.km) *
                 dyn_.capacity_factor[path.end];
      cum[i] = total;
    }
  }
}

std::uint32_t Displacement::choose_path(PlaceId p, std::uint8_t group, std::uint8_t nation,
                                        engine::RandomDraws& draws) const {
  const std::uint32_t begin = paths_begin_[p];
  const std::uint32_t end = paths_begin_[p + 1];
  if (begin == end) return kNoPath;
  const auto& kin_cum = dyn_.kin_weight_cum[nation];
  const std::vector<double>& cum =
      group < kin_cum.size() && !kin_cum[group].empty() ? kin_cum[group] : dyn_.path_weight_cum[nation];
  const double total = cum[end - 1];
  const double u = draws.uniform();
  if (total > 0) {
    const double target = u * total;
    for (std::uint32_t i = begin; i < end; ++i) {
      if (dyn_.path_usable[i] && target < cum[i]) return i;
    }
    for (std::uint32_t i = end; i-- > begin;) {
      if (dyn_.path_usable[i]) return i;  // rounding at the very top
    }
    return kNoPath;
  }
  // All weights zero (every destination full): equal chances among usable paths.
  std::uint32_t usable = 0;
  for (std::uint32_t i = begin; i < end; ++i) usable += dyn_.path_usable[i];
  if (usable == 0) return kNoPath;
  auto k = static_cast<std::uint32_t>(u * usable);
  for (std::uint32_t i = begin; i < end; ++i) {
    if (!dyn_.path_usable[i]) continue;
    if (k == 0) return i;
    --k;
  }
  return kNoPath;
}

std::uint32_t Displacement::rest_until(PlaceId p, std::uint32_t from_day, std::uint32_t arrived,
                                       engine::RandomDraws& draws) const {
  const double chance = dyn_.move_chance[p];
  if (chance >= 1.0) return from_day;
  if (chance <= 0.0) return kNever;
  const double u = 1.0 - draws.uniform();  // (0, 1]
  double wait = 0.0;
  if (settles(p)) {
    // Settling: the hazard λ(a) = λ0·exp(−a/T) of moving on falls with the days a since arrival
    // (λ0 = −ln(1 − chance), so that T → ∞ is the geometric rule below). The chance of staying
    // from age a0 for w more days is exp(−A·(1 − e^(−w/T))), A = λ0·T·e^(−a0/T): inverted exactly,
    // and never for a draw beyond A (those have settled for good, unless the place changes).
    const double T = rules_.settle_days;
    const double a0 = from_day > arrived ? static_cast<double>(from_day - arrived) : 0.0;
    const double A = -std::log1p(-chance) * T * std::exp(-a0 / T);
    const double e = -std::log(u);
    if (e >= A) return kNever;
    wait = std::floor(-T * std::log1p(-e / A));
  } else {
    // Days until the first success of a daily Bernoulli(chance): geometric, counted from from_day.
    wait = std::floor(std::log(u) / std::log1p(-chance));
  }
  if (wait >= static_cast<double>(kNever - from_day - 1)) return kNever - 1;
  return from_day + static_cast<std::uint32_t>(wait);
}

bool Displacement::may_return(std::size_t slot) const {
  // (any_safe_home first: with no return before safety, most days no home is safe.)
  const auto at = dyn_.agents.column<kAt>();
  const auto home = dyn_.agents.column<kHome>();
  return dyn_.agents.column<kPath>()[slot] == kNoPath && at[slot] != home[slot] &&
         (dyn_.any_safe_home || rules_.return_unsafe_factor > 0) && home_factor(home[slot]) > 0.0;
}

void Displacement::move_agent(std::size_t slot, const engine::RandomStreams& random, std::uint32_t day,
                              const double* return_draw) {
  auto at = dyn_.agents.column<kAt>();
  auto path_of = dyn_.agents.column<kPath>();
  auto leg_of = dyn_.agents.column<kLeg>();
  auto progress_of = dyn_.agents.column<kProgress>();
  auto home_of = dyn_.agents.column<kHome>();
  auto wake_of = dyn_.agents.column<kWake>();
  auto regime_of = dyn_.agents.column<kRegime>();
  auto arrived_of = dyn_.agents.column<kArrived>();

  const bool resting = path_of[slot] == kNoPath;
  // Whether a resting agent away from home may set off back today (may_return, decided by the
  // caller, which drew the return draws of all such agents together).
  const bool returning = return_draw != nullptr;
  if (resting) {
    const bool stale = regime_of[slot] != dyn_.regime[at[slot]];
    if (!stale && wake_of[slot] > day && !returning) return;  // the common case: still resting
  }

  engine::RandomDraws draws =
      random.draws(kMoveStream, day, dyn_.agents.id_at(static_cast<engine::AgentId>(slot)));
  if (resting) {
    const PlaceId p = at[slot];
    if (regime_of[slot] != dyn_.regime[p]) {
      regime_of[slot] = dyn_.regime[p];
      wake_of[slot] = rest_until(p, day, arrived_of[slot], draws);
    }
    if (returning) {
      const std::uint32_t since = dyn_.agents.column<kSince>()[slot];
      // Every factor of the chance after the first two lies in [0, 1], so a draw at or above
      // return_chance × home_factor cannot fall below the chance (rounding never lifts a product
      // by a factor ≤ 1): most days the exponentials need not be worked out, with the same outcome.
      const double u = *return_draw;
      const bool goes = u < rules_.return_chance * home_factor(home_of[slot]) &&
                        u < return_chance(day >= since ? day - since : 0, at[slot], home_of[slot],
                                          dyn_.agents.column<kGroup>()[slot]);
      if (goes) {
        path_of[slot] = kReturnPath;
        leg_of[slot] = 0;
        progress_of[slot] = 0.0f;
      }
    }
  }

  double budget = rules_.speed_km;
  for (int hop = 0; hop < kMaxHopsPerDay; ++hop) {
    PlaceId here = at[slot];
    if (path_of[slot] == kNoPath) {
      if (wake_of[slot] > day) return;
      const std::uint32_t chosen =
          choose_path(here, dyn_.agents.column<kGroup>()[slot], dyn_.places[home_of[slot]].nation, draws);
      if (chosen == kNoPath) {
        wake_of[slot] = rest_until(here, day + 1, arrived_of[slot], draws);
        return;
      }
      path_of[slot] = chosen;
      leg_of[slot] = 0;
      progress_of[slot] = 0.0f;
    }
    // The leg under way.
    PlaceId next;
    LinkId link;
    const std::uint32_t pid = path_of[slot];
    if (pid == kReturnPath) {
      next = dyn_.next_hop_home[home_of[slot]][here];
      link = next == kNoPlace ? kNoPlace : link_between(here, next);
    } else {
      next = paths_[pid].places[leg_of[slot] + 1];
      link = paths_[pid].links[leg_of[slot]];
    }
    if (link == kNoPlace || !dyn_.link_open[link]) {
      // Closed (or no way): turn back to where the leg started and wait there.
      path_of[slot] = kNoPath;
      progress_of[slot] = 0.0f;
      regime_of[slot] = dyn_.regime[here];
      wake_of[slot] = rest_until(here, day + 1, arrived_of[slot], draws);
      return;
    }
    const double need = dyn_.links[link].km - static_cast<double>(progress_of[slot]);
    if (budget < need) {
      progress_of[slot] += static_cast<float>(budget);
      return;
    }
    budget -= need;
    at[slot] = next;
    here = next;
    progress_of[slot] = 0.0f;
    bool arrived;
    if (pid == kReturnPath) {
      arrived = next == home_of[slot];
    } else {
      leg_of[slot] = static_cast<std::uint8_t>(leg_of[slot] + 1);
      arrived = leg_of[slot] == paths_[pid].legs;
      // A route whose final camp has filled up is dropped at the next stop.
      if (!arrived && dyn_.capacity_factor[paths_[pid].end] < 0.5) arrived = true;
    }
    if (!arrived) continue;
    path_of[slot] = kNoPath;
    regime_of[slot] = dyn_.regime[here];
    arrived_of[slot] = day;
    // With time left today the agent decides again at once; otherwise from tomorrow.
    wake_of[slot] = rest_until(here, budget > 0 ? day : day + 1, day, draws);
    if (pid == kReturnPath && here == home_of[slot]) wake_of[slot] = kNever - 1;  // home: stays
  }
}

void Displacement::step(const engine::RandomStreams& random, std::uint32_t day, unsigned threads) {
  prepare_day(day);
  const std::size_t n = dyn_.agents.size();
  // Each agent moves on its own (its draws are its own, and it writes only its own slot), then is
  // counted where it is. Retired slots (home for good or counted out: about half of them late in a
  // run) are passed over here rather than by a call each. The counts are whole numbers, so their
  // sum does not depend on how the slots were split between threads.
  struct Counts {
    std::vector<std::uint32_t> resting;
    std::size_t in_transit = 0;
  };
  const auto at = dyn_.agents.column<kAt>();
  const auto path_of = dyn_.agents.column<kPath>();
  // The return draws (the first uniform of each agent's key in kReturnStream) of the agents that
  // may set off home today are enciphered a batch at a time, before the moves.
  constexpr std::size_t kBatch = 256;
  auto move_and_count = [&](std::size_t begin, std::size_t end, Counts& counts) {
    std::array<std::uint64_t, kBatch> ids;
    std::array<engine::PhiloxBlock, kBatch> blocks;
    std::array<bool, kBatch> returning;
    for (std::size_t from = begin; from < end; from += kBatch) {
      const std::size_t to = std::min(end, from + kBatch);
      std::size_t m = 0;
      for (std::size_t s = from; s < to; ++s) {
        returning[s - from] = dyn_.retired[s] == 0 && may_return(s);
        if (returning[s - from]) ids[m++] = dyn_.agents.id_at(static_cast<engine::AgentId>(s));
      }
      engine::first_blocks(random.seed(), kReturnStream, day, std::span<const std::uint64_t>(ids.data(), m),
                           std::span(blocks.data(), m));
      std::size_t j = 0;
      for (std::size_t s = from; s < to; ++s) {
        if (dyn_.retired[s] != 0) continue;
        const double draw = returning[s - from] ? engine::first_uniform(blocks[j++]) : 0.0;
        move_agent(s, random, day, returning[s - from] ? &draw : nullptr);
        if (path_of[s] == kNoPath) {
          ++counts.resting[at[s]];
        } else {
          ++counts.in_transit;
        }
      }
    }
  };
  const Counts none{std::vector<std::uint32_t>(dyn_.resting.size(), 0u), 0};
  Counts all = none;
  if (threads > 1 && n > 4096) {
    tbb::enumerable_thread_specific<Counts> by_thread(none);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 2048),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        move_and_count(r.begin(), r.end(), by_thread.local());
                      });
    for (const Counts& part : by_thread) {
      for (std::size_t p = 0; p < all.resting.size(); ++p) all.resting[p] += part.resting[p];
      all.in_transit += part.in_transit;
    }
  } else {
    move_and_count(0, n, all);
  }
  dyn_.resting = std::move(all.resting);
  dyn_.in_transit = all.in_transit;
}

Displacement::Whereabouts Displacement::whereabouts(std::size_t slot) const {
  const std::size_t s = slot;
  const PlaceId at = dyn_.agents.column<kAt>()[s];
  const std::uint32_t pid = dyn_.agents.column<kPath>()[s];
  const PlaceId home = dyn_.agents.column<kHome>()[s];
  PlaceId heading = kNoPlace;
  if (pid == kReturnPath) {
    heading = dyn_.next_hop_home[home][at];
  } else if (pid != kNoPath) {
    heading = paths_[pid].places[dyn_.agents.column<kLeg>()[s] + 1];
  }
  return {at,
          heading,
          home,
          dyn_.agents.column<kProgress>()[s],
          dyn_.agents.column<kGroup>()[s],
          dyn_.agents.column<kSince>()[s]};
}

void Displacement::retire(std::size_t slot) {
  if (dyn_.retired.at(slot) != 0) return;
  dyn_.retired[slot] = 1;
  const auto s = static_cast<std::uint32_t>(slot);
  if (dyn_.agents.column<kPath>()[s] == kNoPath) {
    --dyn_.resting[dyn_.agents.column<kAt>()[s]];
  } else {
    --dyn_.in_transit;
  }
}

bool Displacement::settled_home(std::size_t slot) const {
  const auto s = static_cast<std::uint32_t>(slot);
  return dyn_.agents.column<kWake>()[s] == kNever - 1 &&
         dyn_.agents.column<kAt>()[s] == dyn_.agents.column<kHome>()[s] &&
         dyn_.agents.column<kPath>()[s] == kNoPath;
}

}  // namespace peacesim::mechanisms::displacement
