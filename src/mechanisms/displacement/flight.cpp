#include "mechanisms/displacement/flight.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/grid.hpp"

namespace peacesim::mechanisms::displacement {

using conflict::Status;

namespace {
// The scale λ of the Weibull law of tolerances whose shape is k and whose mean is tolerance_days.
double tolerance_scale(const FlightParams& params) {
  return params.tolerance_days / std::tgamma(1.0 + 1.0 / params.tolerance_shape);
}
}  // namespace

std::uint8_t draw_tolerance(engine::RandomDraws& draws, const FlightParams& params) {
  if (draws.uniform() >= params.leaving_share) return 255;
  const double e = -std::log(1.0 - draws.uniform());  // a standard exponential draw
  // Weibull with shape k and mean tolerance_days (k = 1: exponential, the draw as it always was).
  const double days = params.tolerance_shape == 1.0
                          ? params.tolerance_days * e
                          : tolerance_scale(params) * std::pow(e, 1.0 / params.tolerance_shape);
  return static_cast<std::uint8_t>(std::min(254.0, std::floor(days)));
}

std::uint8_t draw_tolerance_above(engine::RandomDraws& draws, const FlightParams& params, double endured) {
  const double k = params.tolerance_shape;
  const double lambda = tolerance_scale(params);
  const double scaled = std::pow(std::max(0.0, endured) / lambda, k);
  const double leaver = params.leaving_share * std::exp(-scaled);  // would leave, but not yet: s·S(E)
  if (draws.uniform() * (1.0 - params.leaving_share + leaver) >= leaver) return 255;
  const double e = -std::log(1.0 - draws.uniform());
  const double days = lambda * std::pow(scaled + e, 1.0 / k);
  // Stored as whole days read as t + 1/2: never below what they have already endured.
  return static_cast<std::uint8_t>(std::min(254.0, std::max(std::floor(days), std::ceil(endured))));
}

std::vector<double> catchment_weights(const conflict::State& state, double kernel_km) {
  std::vector<double> w(state.cells.size(), 0.0);
  for (std::size_t c = 0; c < state.cells.size(); ++c) {
    const auto& cell = state.cells[c];
    if (cell.place == conflict::kNoPlace) continue;
    const auto& town = state.places[cell.place];
    if (town.region != cell.region) continue;  // across a region line: that region's violence is not its own
    w[c] = kernel_km > 0.0
               ? std::exp(-engine::haversine_km(cell.lat, cell.lon, town.lat, town.lon) / kernel_km)
               : 1.0;
  }
  return w;
}

double felt_danger(double danger, double exposed_people, double elasticity) {
  if (elasticity == 0.0 || danger == 0.0) return danger;
  // A catchment where almost nobody lives (or everyone has gone) is taken as one agent's people.
  return danger * std::pow(kReferencePeople / std::max(exposed_people, 1.0), elasticity);
}

double with_occupation(double v, bool occupied, double occupation_intensity) {
  // Not the formula with o = 0: 1 − (1 − v) need not round back to v, and o = 0 is the rule before.
  if (!occupied || occupation_intensity <= 0.0) return v;
  return 1.0 - (1.0 - v) * (1.0 - occupation_intensity);
}

void Flight::day(conflict::State& state, conflict::Context& context) {
  if (cell_weight_.size() != state.cells.size()) cell_weight_ = catchment_weights(state, params_.kernel_km);
  const double keep = std::exp(-1.0 / params_.memory_days);
  const auto day = static_cast<std::uint32_t>(state.day);
  auto& people = state.people;
  if (state.day == origin_.day) start_from_origin(state, context);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    auto& place = state.places[p];
    const auto [begin, end] = context.ops.residents_range(state, static_cast<conflict::PlaceIndex>(p));
    const double rho =
        place.in_theatre && place.danger > 0.0 && params_.population_elasticity > 0.0
            ? felt_danger(place.danger, exposed_people(state, p, begin, end), params_.population_elasticity)
            : place.danger;
    const bool occupied = place.in_theatre && state.held_by_enemy(place);
    const double v = place.in_theatre ? with_occupation(1.0 - std::exp(-rho / params_.danger_scale), occupied,
                                                        params_.occupation_intensity)
                                      : 0.0;
    place.danger *= keep;
    place.exposure_days *= keep;  // endurance counts recent violence: calm lets fear fade
    if (place.danger < 1e-3) place.danger = 0.0;
    displacement_.set_violence(static_cast<PlaceId>(p), v > 0.01 ? v : 0.0);
    if (!params_.enabled || v <= 0.01) continue;
    place.exposure_days += v;
    const double endured = place.exposure_days;
    leaving_.clear();
    leave_place(state, context.ops, p, endured);
    leave_by_community(static_cast<PlaceId>(p), people, day);
  }
  if (displacement_.rules().return_fear_weight > 0) displacement_.set_fear(state.community_threat);
  displacement_.step(context.random, day, context.threads);
  if (state.day % 7 == 0) sync(state, context);
}

namespace {

// How many tolerances t = 0, 1, ..., 254 the felt endurance passes (t + 1/2 < felt): a resident
// leaves when their tolerance is below this count (255, never leaving, is never below it).
std::uint8_t tolerances_passed(double felt) {
  double guess = std::ceil(felt - 0.5);
  guess = guess < 0.0 ? 0.0 : (guess > 255.0 ? 255.0 : guess);
  auto n = static_cast<int>(guess);
  // The rounding of felt − 1/2 aside, the count is the first t that the test t + 1/2 < felt fails.
  while (n > 0 && !(static_cast<double>(n - 1) + 0.5 < felt)) --n;
  while (n < 255 && static_cast<double>(n) + 0.5 < felt) ++n;
  return static_cast<std::uint8_t>(n);
}

}  // namespace

void Flight::leave_place(conflict::State& state, const conflict::PeopleOps& ops, std::size_t p,
                         double endured) {
  // Cell by cell (the order of state.by_cell), each cell's felt endurance E_p · w_c once: a resident
  // leaves when their tolerance, read as t + 1/2, is below it, so a cell where it is at most 1/2
  // keeps everyone. The cell's people are read as runs of consecutive indices, a block of 64 at a
  // time: most blocks have nobody left to leave (those who would have left already), and a block is
  // first tested as a whole, which the compiler does 64 bytes at once. Raw pointers: the status
  // writes would otherwise make the compiler reload every column on each person.
  constexpr std::uint32_t kBlock = 64;
  auto* status = reinterpret_cast<std::uint8_t*>(state.people.status.data());
  const std::uint8_t* tolerance = state.people.tolerance_days.data();
  const auto resident = static_cast<std::uint8_t>(Status::Resident);
  for (std::uint32_t c = ops.place_cells[p]; c < ops.place_cells[p + 1]; ++c) {
    const double felt = endured * cell_weight_[c];
    if (felt <= 0.5) continue;
    const std::uint8_t passed = tolerances_passed(felt);
    for (const PersonRun& run : cell_runs_.of(state, c)) {
      const std::uint32_t end = run.first + run.count;
      for (std::uint32_t from = run.first; from < end; from += kBlock) {
        const std::uint32_t to = std::min(end, from + kBlock);
        std::uint8_t any = 0;
        for (std::uint32_t i = from; i < to; ++i)
          any |= static_cast<std::uint8_t>((status[i] == resident ? 1u : 0u) &
                                           (tolerance[i] < passed ? 1u : 0u));
        if (any == 0) continue;
        for (std::uint32_t i = from; i < to; ++i) {
          if (status[i] != resident || tolerance[i] >= passed) continue;
          status[i] = static_cast<std::uint8_t>(Status::Displaced);
          leaving_.push_back(i);
        }
      }
    }
  }
}

void Flight::leave_by_community(PlaceId origin, const conflict::People& people, std::uint32_t day) {
  if (leaving_.empty()) return;
  // Displacement agents are made in the order of their owners, one community at a time (the
  // displacement mechanism keeps each agent's community for its choice of routes).
  std::stable_sort(leaving_.begin(), leaving_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return people.community[a] < people.community[b];
  });
  std::size_t from = 0;
  while (from < leaving_.size()) {
    const std::uint8_t community = people.community[leaving_[from]];
    std::size_t to = from;
    while (to < leaving_.size() && people.community[leaving_[to]] == community)
      state_.owner.push_back(leaving_[to++]);
    displacement_.displace(origin, static_cast<double>(to - from) * people.people_per_agent, day, community);
    from = to;
  }
}

double Flight::exposed_people(const conflict::State& state, std::size_t p, std::uint32_t begin,
                              std::uint32_t end) {
  if (exposed_.size() != state.places.size() || exposed_version_ != state.cell_index_version) {
    exposed_.assign(state.places.size(), std::numeric_limits<double>::quiet_NaN());
    exposed_version_ = state.cell_index_version;
  }
  if (std::isnan(exposed_[p])) {
    // Everyone whose home is in the catchment counts, whatever their status: those who have fled
    // still make the place's size, so a town does not grow more frightening as it empties.
    double sum = 0.0;
    for (std::uint32_t at = begin; at < end; ++at) sum += cell_weight_[state.people.cell[state.by_cell[at]]];
    exposed_[p] = sum * state.people.people_per_agent;
  }
  return exposed_[p];
}

void Flight::list_countries() {
  if (!countries_.empty()) return;
  // The countries people can be refugees in: those outside the theatre, and with several states in
  // it, those states too (each is abroad for the others' people).
  const bool several = displacement_.nations() > 1;
  for (std::size_t p = 0; p < displacement_.place_count(); ++p) {
    const Place& place = displacement_.place(static_cast<PlaceId>(p));
    if ((place.foreign || several) &&
        std::find(countries_.begin(), countries_.end(), place.country) == countries_.end())
      countries_.push_back(place.country);
  }
}

std::uint8_t Flight::status_code(std::size_t s) const {
  const auto& where = displacement_.whereabouts(s);
  const Place& at = displacement_.place(where.at);
  if (!displacement_.abroad_for(where.at, where.home)) return Registration::kInternal;
  const auto c = std::find(countries_.begin(), countries_.end(), at.country) - countries_.begin();
  return static_cast<std::uint8_t>(Registration::kAbroad + c);
}

void Flight::sync(conflict::State& state, const conflict::Context& context) {
  list_countries();
  registration_.begin(static_cast<std::uint32_t>(state.day));
  for (std::size_t s = 0; s < state_.owner.size(); ++s) {
    registration_.status(s, follow(state, context, s));
  }
}

void Flight::count_return(std::size_t s, double people) {
  // Where they came back from is their status at the last bookkeeping (a week's resolution); who
  // left and came back within the week was never counted displaced and is not counted returned.
  const auto& books = registration_.state();
  const std::uint8_t from = s < books.current.size() ? books.current[s] : Registration::kHome;
  if (from == Registration::kHome) return;
  if (state_.returned.size() <= from) state_.returned.resize(from + 1u, 0.0);
  state_.returned[from] += people;
}

std::uint8_t Flight::follow(conflict::State& state, const conflict::Context& context, std::size_t s) {
  auto& people = state.people;
  if (displacement_.retired(s)) return Registration::kHome;  // home or dead, no longer followed
  const std::uint32_t i = state_.owner[s];
  const Status now = people.status[i];
  if (now != Status::Displaced && now != Status::Refugee) {  // died meanwhile
    displacement_.retire(s);
    return Registration::kHome;
  }
  if (displacement_.settled_home(s)) {
    people.status[i] = Status::Resident;
    if (params_.returnees_accept_home) {
      // Who chose to come back lives with what home is now: the tolerance that made them leave is
      // redrawn given that it holds through home's present violence (else the next death there
      // would send them off again at once, as if they had never chosen to return).
      const auto home = displacement_.whereabouts(s).home;
      auto draws = context.random.draws(kHomecomingStream, static_cast<std::uint32_t>(state.day), s);
      people.tolerance_days[i] = draw_tolerance_above(
          draws, params_, state.places[home].exposure_days * cell_weight_[people.cell[i]]);
    }
    displacement_.retire(s);
    count_return(s, people.people_per_agent);
    return Registration::kHome;
  }
  const std::uint8_t code = status_code(s);
  people.status[i] = code == Registration::kInternal ? Status::Displaced : Status::Refugee;
  return code;
}

}  // namespace peacesim::mechanisms::displacement
