// A forecast that starts from the observed displaced stocks (docs/model/displacement.md, "Starting
// a forecast from what was observed"). A run that forecasts from an origin knows, at that origin,
// how many people were internally displaced and how many were refugees in each host country; its own
// stocks there carry the errors of years of simulation. On the day after the origin the simulated
// stocks are set to the observed ones, so the forecast's years start where the world was:
//   - a status (IDPs, refugees in country c) with more simulated people than observed sends the
//     excess home: agents drawn uniformly at random, whose people become residents again (not
//     counted as returns: no one travelled), with a tolerance drawn anew given that it exceeds the
//     violence their home has had (the observation says they live with it: they are the ones who
//     stayed home; draw_tolerance_above). Raising it only to that violence would send them all
//     away again at the next death there;
//   - a status with fewer sends more people: each new agent is like an agent of that status drawn
//     at random (its home, community, place and day of leaving home), standing for a resident of
//     that home and community, who is displaced there from today on as if it had left with it.
// Nothing else changes: violence, groups and the rules of movement go on as simulated.
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/ordered_pool.hpp"
#include "mechanisms/displacement/flight.hpp"

namespace peacesim::mechanisms::displacement {

using conflict::Status;

namespace {
// Keys of the origin's draws (stream kOriginStream): slots for who goes home, above them one key
// range per status for who is added; a theatre's second and later states each have their own range
// above those (the first state's keys are those of a theatre of one state).
constexpr std::uint64_t kAddKeys = std::uint64_t{1} << 40;
constexpr std::uint64_t kNationKeys = std::uint64_t{1} << 48;

// The residents of one community around one home, in the order of the cell index: the agents added
// at the origin take the n-th of those left (counting and walking the home's people for each agent
// added took minutes at full scale).
engine::OrderedPool<std::uint32_t> residents_of(const conflict::State& state, std::uint32_t begin,
                                                std::uint32_t end, std::uint8_t group) {
  std::vector<std::uint32_t> people;
  for (std::uint32_t at = begin; at < end; ++at) {
    const std::uint32_t i = state.by_cell[at];
    if (state.people.status[i] == Status::Resident && state.people.community[i] == group) people.push_back(i);
  }
  return engine::OrderedPool<std::uint32_t>(std::move(people));
}
}  // namespace

void Flight::start_from_origin(conflict::State& state, conflict::Context& context) {
  list_countries();
  const double k = state.people.people_per_agent;
  const auto day = static_cast<std::uint32_t>(state.day);
  // Everyone's status before any change, by the nation of their home, so that the agents added are
  // drawn from the simulated ones of the same state.
  const std::size_t nations = displacement_.nations();
  std::vector<std::vector<std::vector<std::size_t>>> by_status(
      nations, std::vector<std::vector<std::size_t>>(Registration::kAbroad + countries_.size()));
  // Every slot still followed, by nation: the fallback to draw new agents like.
  std::vector<std::vector<std::size_t>> displaced(nations);
  for (std::size_t s = 0; s < state_.owner.size(); ++s) {
    if (displacement_.retired(s)) continue;
    const std::uint8_t nation = displacement_.place(displacement_.whereabouts(s).home).nation;
    by_status[nation][status_code(s)].push_back(s);
    displaced[nation].push_back(s);
  }
  for (const auto& observed : origin_.nations) {
    if (observed.nation >= nations)
      throw std::invalid_argument("displacement: observed stocks of an unknown state");
    std::vector<std::pair<std::uint8_t, double>> targets;
    if (observed.internal) targets.emplace_back(Registration::kInternal, *observed.internal);
    for (const auto& [country, people] : observed.abroad) {
      const auto c = std::find(countries_.begin(), countries_.end(), country) - countries_.begin();
      if (static_cast<std::size_t>(c) == countries_.size())
        throw std::invalid_argument("displacement: observed refugees in " + country +
                                    ", a country with no place of the theatre");
      targets.emplace_back(static_cast<std::uint8_t>(Registration::kAbroad + c), people);
    }
    const std::uint64_t keys = kNationKeys * observed.nation;
    for (const auto& [code, people] : targets) {
      const auto& slots = by_status[observed.nation][code];
      const auto want = static_cast<std::size_t>(std::llround(std::max(0.0, people) / k));
      if (slots.size() > want) {
        send_home_at_origin(state, slots, slots.size() - want,
                            context.random.draws(kOriginStream, day, keys + code));
      } else if (want > slots.size()) {
        add_at_origin(state, context, observed.nation, code,
                      slots.empty() ? displaced[observed.nation] : slots, want - slots.size());
      }
    }
  }
}

void Flight::send_home_at_origin(conflict::State& state, const std::vector<std::size_t>& slots,
                                 std::size_t count, const engine::RandomDraws& draws) {
  // A uniform draw of `count` slots: a partial Fisher-Yates shuffle of a copy, in slot order.
  std::vector<std::size_t> pool = slots;
  engine::RandomDraws d = draws;
  engine::choose_to_front(pool, count, d);
  auto& people = state.people;
  for (std::size_t j = 0; j < count; ++j) {
    const std::size_t s = pool[j];
    const std::uint32_t i = state_.owner[s];
    displacement_.retire(s);
    if (people.status[i] != Status::Displaced && people.status[i] != Status::Refugee) continue;  // died
    people.status[i] = Status::Resident;
    // They live with their home's violence: their tolerance is one that has held through it.
    const auto& home = state.places[displacement_.whereabouts(s).home];
    people.tolerance_days[i] =
        draw_tolerance_above(d, params_, home.exposure_days * cell_weight_[people.cell[i]]);
  }
}

std::size_t Flight::add_at_origin(conflict::State& state, conflict::Context& context, std::uint8_t nation,
                                  std::uint8_t code, const std::vector<std::size_t>& like,
                                  std::size_t count) {
  if (like.empty()) return 0;  // nobody displaced anywhere: nothing says where they would come from
  auto& people = state.people;
  const auto day = static_cast<std::uint32_t>(state.day);
  // Where agents drawn like others of another status go instead (no simulated agent has this one):
  // the camps of the status's country (or inside the nation's own state), else any of its places.
  std::vector<PlaceId> camps, places;
  for (std::size_t p = 0; p < displacement_.place_count(); ++p) {
    const Place& place = displacement_.place(static_cast<PlaceId>(p));
    const bool abroad = displacement_.abroad_from(static_cast<PlaceId>(p), nation);
    const bool fits = code == Registration::kInternal
                          ? !abroad
                          : abroad && place.country == countries_[code - Registration::kAbroad];
    if (!fits) continue;
    places.push_back(static_cast<PlaceId>(p));
    if (place.kind == PlaceKind::Camp) camps.push_back(static_cast<PlaceId>(p));
  }
  const auto& destinations = camps.empty() ? places : camps;
  if (destinations.empty()) return 0;
  std::size_t added = 0;
  // The residents left by home and community, gathered when a home is first drawn (only this
  // function changes their statuses until it returns).
  std::map<std::pair<PlaceId, std::uint8_t>, engine::OrderedPool<std::uint32_t>> remaining;
  for (std::size_t j = 0; j < count; ++j) {
    engine::RandomDraws d =
        context.random.draws(kOriginStream, day, kNationKeys * nation + kAddKeys * (code + 1u) + j);
    // A few tries: the home drawn may have no resident of the community left.
    for (int attempt = 0; attempt < 16; ++attempt) {
      const auto model = like[d.below(static_cast<std::uint32_t>(like.size()))];
      const auto w = displacement_.whereabouts(model);
      auto found = remaining.find({w.home, w.group});
      if (found == remaining.end()) {
        const auto [begin, end] = context.ops.residents_range(state, w.home);
        found = remaining.emplace(std::pair{w.home, w.group}, residents_of(state, begin, end, w.group)).first;
      }
      auto& pool = found->second;
      if (pool.left() == 0) continue;
      const PlaceId to = status_code(model) == code
                             ? w.at
                             : destinations[d.below(static_cast<std::uint32_t>(destinations.size()))];
      const std::uint32_t i = pool.take(d.below(static_cast<std::uint32_t>(pool.left())));
      people.status[i] = code == Registration::kInternal ? Status::Displaced : Status::Refugee;
      state_.owner.push_back(i);
      // In transit, the model agent is counted at the place its leg started: the new one rests there.
      // It left home when the agent it is drawn like did: the return chance may fall with time away.
      const std::size_t slot = displacement_.add_resting(w.home, to, day, w.group, w.left_home);
      if (slot + 1 != state_.owner.size())
        throw std::logic_error("displacement: slots and owners out of step");
      ++added;
      break;
    }
  }
  return added;
}

}  // namespace peacesim::mechanisms::displacement
