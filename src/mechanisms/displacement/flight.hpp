// M7 in a full theatre: who flees, and what becomes of them. The people agents of the conflict
// state (mechanisms/conflict) decide to leave; the displacement mechanism (displacement.hpp) moves
// them along the route graph to safer towns and camps abroad and brings them home.
//
// Each day a town's violence intensity is v_p = 1 − exp(−ρ_p / danger_scale), with
// ρ_p = danger_p · (P_ref / N_p)^α: danger_p the recent fatalities there (M5, M6), decaying with a
// time constant of memory_days, N_p the people of its catchment weighted by how strongly they feel
// it (Σ w_c over its people, below), P_ref = 100,000 and α = population_elasticity. With α = 0 a
// death frightens a town of 5,000 as much as a city of a million; with α = 1 what frightens is the
// recent deaths per 100,000 people around, so that while violence is low the number who leave
// grows in proportion to the deaths, whatever the population (fear as the chance of being killed).
// Its people have endured E_p days of recent violence, E_p' = E_p · exp(−1/memory_days) + v_p (fear
// fades in calm), and a resident of cell c leaves when w_c · E_p passes their own tolerance (in
// days; drawn once per person for a share leaving_share of people, the rest never leave: Weibull
// with mean tolerance_days and shape k = tolerance_shape, P(θ < x) = 1 − exp(−(x/λ)^k),
// λ = tolerance_days / Γ(1 + 1/k); k = 1 is the exponential law, k > 1 makes the few days of
// violence a single attack adds frighten almost nobody while months of it move most; stored as whole days t,
// so the tolerance is taken as t + 1/2, the middle of the day it was rounded down from). Those who leave
// become displacement agents (one per person agent); they are internally displaced while in the theatre,
// refugees abroad, and residents again once back home for good, when they are counted as returned under the
// status they came back from (at the weekly bookkeeping). Each day the threat communities feel by region
// (M14) is handed to the displacement mechanism, whose return rule may read it (return_fear_weight).
//
// A town held by a group hostile to its state (M3's controller) frightens its people by that alone,
// deaths or not (rule by the group, arrests, its justice, fear of the reprisals its retaking will
// bring): its daily intensity is v_p = 1 − (1 − v_deaths)(1 − o), o = occupation_intensity, so o
// per day is endured under occupation even in calm, and the town is not calm for the returns of M7.
//
// The violence of a town is felt across its catchment with weight w_c = exp(−d_c / kernel_km),
// d_c the great-circle distance from the cell to the town, and not at all in a cell of another
// region (a cell whose nearest town lies across a region line): so a region where nobody is killed
// sends nobody away. kernel_km = 0 gives every cell of the catchment the town's full weight.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/displacement/cell_runs.hpp"
#include "mechanisms/displacement/displacement.hpp"
#include "mechanisms/displacement/registration.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::displacement {

struct FlightParams {
  bool enabled = true;
  double danger_scale = 10.0;
  double memory_days = 30.0;
  double tolerance_days = 20.0;
  double tolerance_shape = 1.0;  // k of the Weibull law of tolerances (1: exponential)
  double leaving_share = 0.5;
  double kernel_km = 0.0;              // 0: no distance kernel
  double population_elasticity = 0.0;  // α: 0, deaths frighten alike whatever the population
  bool returnees_accept_home = false;  // a returnee's tolerance is redrawn above home's present violence
  double occupation_intensity = 0.0;   // o: the daily violence-equivalent of living under a hostile group
};

// P_ref: the population per which danger is felt when population_elasticity is 1.
inline constexpr double kReferencePeople = 100000.0;

// The weight with which the violence at a cell's catchment town reaches the cell (see above).
std::vector<double> catchment_weights(const conflict::State& state, double kernel_km);

// M7's parameters in the theatre, bound to their members (module.cpp); the displacement
// mechanism's own (parameters.hpp) come with them in M7's module.
const engine::ParameterTable<FlightParams>& flight_parameter_table();
const engine::ParameterTable<RegistrationParams>& registration_parameter_table();
const conflict::Module& module();

// The places and routes the displaced move along (an input the model makes from the scenario), in
// the order of the shared state's places.
struct Network {
  std::vector<Place> places;
  std::vector<Link> links;
  std::vector<std::vector<std::uint8_t>> kin;  // [community][place]: 1 in a country of the community's kin
};

// The displaced stocks a forecast starts from (origin_state.cpp): on run day `day`, the day after
// the forecast's origin, the simulated stocks are set to what was observed at the origin. An input
// the model makes from the scenario (dynamics.observed_stocks at calendar.forecast_origin).
struct OriginStocks {
  std::int64_t day = -1;  // the run day the stocks are set; -1: never
  // One state's displaced (its nation: Place::nation, the index of the state in the theatre).
  struct OfNation {
    std::uint8_t nation = 0;
    std::optional<double> internal;                      // internally displaced people
    std::vector<std::pair<std::string, double>> abroad;  // refugees by host country (its code)
    // Refugees in countries with no place of the theatre: not simulated, held at this count from
    // `day` on (what the model forecasts for what it does not simulate is that it stays as it was).
    double elsewhere = 0.0;
  };
  std::vector<OfNation> nations;  // the states whose stocks were observed
};

// A town's violence intensity of the day: that of its recent deaths, v, combined with living under a
// hostile group, o (see above); o = 0 or a town not occupied leaves v as it is.
double with_occupation(double v, bool occupied, double occupation_intensity);

// The danger a town's recent fatalities make felt, given the people who feel it (see above).
double felt_danger(double danger, double exposed_people, double elasticity);

// A person's tolerance in days (255 = never leaves).
std::uint8_t draw_tolerance(engine::RandomDraws& draws, const FlightParams& params);
// The tolerance of a person known to have stayed through `endured` days of violence: the law of
// draw_tolerance given θ > endured. With S(E) = exp(−(E/λ)^k) the chance that a would-be leaver's
// tolerance exceeds E, the person never leaves with probability (1 − s) / (1 − s + s·S(E)) (s the
// leaving share), else θ = λ·((E/λ)^k + e)^(1/k), e a standard exponential draw.
std::uint8_t draw_tolerance_above(engine::RandomDraws& draws, const FlightParams& params, double endured);

class Flight {
 public:
  Flight(FlightParams params, Displacement& displacement, RegistrationParams registration = {},
         OriginStocks origin = {})
      : params_(params),
        displacement_(displacement),
        registration_(registration),
        origin_(std::move(origin)) {}

  // One day: intensities, departures, the displacement mechanism's move, statuses.
  void day(conflict::State& state, conflict::Context& context);

  [[nodiscard]] double refugees_at(PlaceId p) const { return displacement_.people_at(p); }
  [[nodiscard]] std::size_t departures() const { return state_.owner.size(); }

  // What changes, checkpointed whole (the displacement's own state is saved apart).
  struct State {
    // By displacement slot: the person agent it stands for (kept once home or dead; the
    // displacement mechanism's retired flag says whether the slot is still followed).
    std::vector<std::uint32_t> owner;
    // People who went home for good since the start, by the status they came back from (the
    // registration's codes: kInternal, kAbroad + country), as of the weekly bookkeeping before.
    std::vector<double> returned;
    bool operator==(const State&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] State& state() { return state_; }

  // What the agencies register (registration.hpp), kept up to date by the weekly bookkeeping.
  [[nodiscard]] const Registration& registration() const { return registration_; }
  [[nodiscard]] Registration& registration() { return registration_; }
  // The person agent displacement slot s stands for (also once home or dead), and the foreign
  // countries in the order of the registration's codes (kAbroad + index).
  [[nodiscard]] std::uint32_t person(std::size_t slot) const { return state_.owner[slot]; }
  [[nodiscard]] const std::vector<std::string>& countries_abroad() const { return countries_; }
  // People back home for good since the start from internal displacement (code kInternal) or from
  // country kAbroad + c; 0 for a code nobody has returned from.
  [[nodiscard]] double returned_from(std::uint8_t code) const {
    return code < state_.returned.size() ? state_.returned[code] : 0.0;
  }
  // Refugees in countries with no place of the theatre on run day `day`: those observed at the
  // forecast's origin from the day after it, none before (or without an origin). An input, not state.
  [[nodiscard]] double refugees_elsewhere(std::int64_t day) const {
    double people = 0.0;
    if (origin_.day < 0 || day < origin_.day) return people;
    for (const auto& n : origin_.nations) people += n.elsewhere;
    return people;
  }

 private:
  void sync(conflict::State& state, const conflict::Context& context);
  void list_countries();  // countries_, once: the foreign countries of the places, in place order
  // The status code (registration.hpp) of a slot still followed, from where it is.
  [[nodiscard]] std::uint8_t status_code(std::size_t s) const;
  // Sets the simulated stocks to origin_'s (origin_state.cpp), on origin_.day.
  void start_from_origin(conflict::State& state, conflict::Context& context);
  // Sends home `count` agents of `slots` (drawn at random; origin_state.cpp).
  void send_home_at_origin(conflict::State& state, const std::vector<std::size_t>& slots, std::size_t count,
                           const engine::RandomDraws& draws);
  // Adds `count` agents of status `code`, each like an agent of `like` drawn at random.
  std::size_t add_at_origin(conflict::State& state, conflict::Context& context, std::uint8_t nation,
                            std::uint8_t code, const std::vector<std::size_t>& like, std::size_t count);
  // Brings person agent owner[s]'s status up to date with displacement slot s; returns its code
  // for the registration (registration.hpp).
  std::uint8_t follow(conflict::State& state, const conflict::Context& context, std::size_t s);
  // Adds a person agent of `people` people, back home for good from slot s, to state_.returned.
  void count_return(std::size_t s, double people);
  // N_p: the people of the agents in [begin, end) of state.by_cell (place p's), each weighted by its
  // cell's w_c; summed once per rebuild of the cell index and kept until the next.
  [[nodiscard]] double exposed_people(const conflict::State& state, std::size_t p, std::uint32_t begin,
                                      std::uint32_t end);

  // Marks the residents of place p whose tolerance the endured violence E_p has passed (weighted by
  // their cell's w_c) as displaced, and lists them in leaving_ in the order of state.by_cell.
  void leave_place(conflict::State& state, const conflict::PeopleOps& ops, std::size_t p, double endured);
  // Today's leavers of one place, made displacement agents community by community.
  void leave_by_community(PlaceId origin, const conflict::People& people, std::uint32_t day);

  std::vector<double> cell_weight_;     // derived from the cells and places on the first day (not state)
  CellRuns cell_runs_;                  // each cell's people as runs of consecutive indices (not state)
  std::vector<std::uint32_t> leaving_;  // scratch: today's leavers of the place at hand
  // N_p by place (NaN: not summed yet) for the cell index of version exposed_version_ (not state:
  // a cache, summed again after a resume).
  std::vector<double> exposed_;
  std::uint64_t exposed_version_ = 0;
  std::vector<std::string> countries_;  // foreign countries of the displacement's places (not state)

  FlightParams params_;
  Displacement& displacement_;
  Registration registration_;
  OriginStocks origin_;
  State state_;
};

}  // namespace peacesim::mechanisms::displacement
