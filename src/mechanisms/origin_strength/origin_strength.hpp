// M17 Strengths at a forecast's origin: a run that forecasts from an origin knows how many people
// were killed in each region in the origin's year; its own armed groups there have made too many
// or too few deaths after years of simulation. On the day after the origin the non-state groups'
// fighters in each region are scaled by how far the region's simulated deaths of that year are
// from those observed,
//     f_r = clamp((O_r + s) / (D_r + s), 1/M, M)
// O_r the observed deaths, D_r the simulated, s = smoothing (few deaths say little), M = max_factor;
// a region without an observation keeps its groups. Fewer: the fighters go home (residents
// again); more: residents of the region from the group's communities join it. The groups' deaths
// grow about in proportion to their strength (M3, M5, M6), so the forecast starts from violence of
// the observed size, where it was observed; what follows is the model's own
// (docs/model/operational-layer.md, M17), under a ceiling on the fighters of all groups set at
// their corrected number (M2 reads it: the groups' means as their violence at the origin shows).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/parameter_table.hpp"
#include "engine/random.hpp"
#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
class PeopleOps;
}  // namespace peacesim::mechanisms::conflict

namespace peacesim::mechanisms::events {
class EventLog;
}

namespace peacesim::mechanisms::origin_strength {

struct Params {
  bool enabled = true;
  double smoothing = 10.0;  // s, deaths
  double max_factor = 4.0;  // M
  // Whether each group's resources to absorb recruits (M2's capacity) follow its strength's
  // correction, a_g below, for the rest of the run.
  bool resources = false;
  // Whether the theatre's fighters, all groups together, are bounded after the origin by
  // headroom · F + floor, F their number after the correction (M2's Resources::ceiling).
  bool ceiling = true;
  double ceiling_headroom = 1.0;  // 1
  double ceiling_floor = 0.0;     // people
  // Whether each group is bounded too, by headroom · its own fighters after the correction
  // (M2's Resources::group_ceiling).
  bool ceiling_by_group = true;
  // φ, the variance-to-mean ratio of a region's yearly deaths as an observation of the strength
  // behind them (deaths come in events of very unequal size). 0: the observation is taken as exact;
  // above 0 each run draws the deaths its region's strength stands for (observed_strength below).
  double observation_dispersion = 0.0;  // deaths
  // Whether, where the observations say who the deaths were, each group is scaled by its own factor
  // (group_factor below) rather than its region's.
  bool by_group = true;
};
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

// The deaths observed in the origin's year by region, an input the model makes from the scenario
// (dynamics.observed_fatalities at calendar.forecast_origin).
struct Observed {
  std::int64_t day = -1;           // the run day of the correction (the day after the origin); -1 never
  std::int32_t year = 0;           // the calendar year whose deaths are compared
  std::vector<double> fatalities;  // by region of the state; < 0: not observed
  // Who the deaths were, where the observations say: the deaths of the events naming each group
  // ([group index · regions + region]) and of those naming none of the groups ([region]); < 0 (or
  // empty): not attributed there.
  std::vector<double> named;
  std::vector<double> unnamed;
};

inline constexpr engine::StreamId kStream = 0x0C20;

// f_r for one region (see above).
double strength_factor(double observed, double simulated, const Params& params);
// The deaths a region's strength stands for, given O observed: O itself when φ is 0; otherwise a
// draw λ − s, λ ~ Gamma((O + s) / φ, φ), of mean O and variance φ (O + s): the year's deaths are
// a count of events of unequal size, so one year's total measures the strength behind it only
// roughly, and each run of an ensemble starts from its own reading of it.
double observed_strength(double observed, const Params& params, engine::RandomDraws& draws);

// f_gr for group g in a region where the deaths are attributed: the smoothed ratio of the deaths
// observed in events naming g, plus its share of those naming no group (the unnamed deaths go to the
// groups as the model's own deaths there do), to the model's deaths in events naming g,
//     f_gr = clamp((O_gr + U_r · D_gr / D_r + s) / (D_gr + s), 1/M, M)
// (D_r the model's deaths in the region; 0 there: no share).
double group_factor(double named, double unnamed, double simulated_group, double simulated_region,
                    const Params& params);

// The deaths observed in region r in events naming each group, by group index (from
// observed.named), those of a group that has merged since credited to the group it merged into and
// those of a group no longer active (nor merged) added to the unnamed deaths of r, set in `unnamed`.
std::vector<double> named_deaths(const conflict::State& state, const Observed& observed, std::size_t r,
                                 double& unnamed);

// Each group's fighters by region (dispersed and holding towns): the weights of group_factors.
std::vector<std::vector<double>> fighters_by_region(const conflict::State& state);
// a_g = Σ_r F_gr f_r / Σ_r F_gr, the fighter-weighted mean of the regions' factors f_r (1 where not
// observed) over group g's fighters F_gr before the correction; 1 for a group without fighters.
std::vector<double> group_factors(const std::vector<std::vector<double>>& fighters,
                                  const std::vector<double>& region_factors);

// headroom · F + floor, F the fighters of all groups (people).
double fighters_ceiling(const conflict::State& state, const Params& params);
// headroom · F_g for each group g (people); -1 (none) for a group without fighters, not active, or
// not yet formed at the origin (`at_origin[g]` 0: it formed on the day of the correction, a split
// bringing fighters from its parent say; an empty `at_origin` counts every active group).
std::vector<double> group_ceilings(const conflict::State& state, const Params& params,
                                   const std::vector<std::uint8_t>& at_origin = {});

// Scales every active group's fighters in each observed region by its f_r, the observation read by
// observed_strength with `reading` (one draw sequence, regions in order); returns the factors (1 where
// nothing was observed). `draws` pick the agents who leave or join.
std::vector<double> rescale(conflict::State& state, conflict::PeopleOps& ops, const events::EventLog& log,
                            const Observed& observed, const Params& params, engine::RandomDraws draws,
                            engine::RandomDraws reading);

}  // namespace peacesim::mechanisms::origin_strength
