#include "mechanisms/displacement/parameters.hpp"

namespace peacesim::mechanisms::displacement {

using engine::ParameterKind;
using engine::ParameterSpec;

std::vector<ParameterSpec> parameter_specs() {
  const std::string flee = "Flee (Suleimenova et al. 2017, Sci. Rep. 7:13377; djgroen/flee simsetting.yml): ";
  return {
      {"displacement_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §5)", "Run the displacement mechanism (M7)"},
      {"displacement_speed_km", ParameterKind::Real, 360, 50, 1000, "km/day",
       flee + "max_move_speed 360 (a day's travel by vehicle)", "Most kilometres an agent travels in a day"},
      {"displacement_move_chance_violence", ParameterKind::Real, 1.0, 0, 1, "1/day",
       flee + "conflict_movechance 1.0", "Daily chance of leaving a place with full recent violence"},
      {"displacement_move_chance_town", ParameterKind::Real, 0.3, 0, 1, "1/day",
       flee + "default_movechance 0.3", "Daily chance of leaving a place without violence (moving on)"},
      {"displacement_move_chance_camp", ParameterKind::Real, 0.001, 0, 0.1, "1/day",
       flee + "camp_movechance 0.001", "Daily chance of leaving a camp"},
      {"displacement_violence_weight", ParameterKind::Real, 0.25, 0, 1, "1",
       flee + "conflict_weight 0.25 in simsetting.yml (code default 1/sqrt(10))",
       "Attractiveness factor of a destination per unit of recent violence (weight^intensity)"},
      {"displacement_camp_weight", ParameterKind::Real, 1.0, 0.1, 10, "1", flee + "camp_weight 1.0",
       "Attractiveness factor of a camp"},
      {"displacement_foreign_weight", ParameterKind::Real, 1.0, 0.1, 10, "1", flee + "foreign_weight 1.0",
       "Attractiveness factor of a place abroad"},
      {"displacement_distance_softening_km", ParameterKind::Real, 10, 0, 500, "km",
       flee + "softening 10 (added to route length in route weights)",
       "Added to a route's length when weighting it"},
      {"displacement_capacity_buffer", ParameterKind::Real, 0.9, 0.5, 1.0, "1", flee + "capacity_buffer 0.9",
       "Occupancy (share of capacity) above which a camp's attraction falls linearly to 0"},
      {"displacement_awareness", ParameterKind::Integer, 1, 0, 2, "links", flee + "awareness_level 1",
       "Links beyond the first that an agent considers when choosing a route"},
      {"displacement_violence_memory_days", ParameterKind::Integer, 0, 0, 365, "days",
       "assumption: 0 reproduces Flee (a place is dangerous while violence lasts); MODEL.md M7 asks for "
       "recent violence",
       "Days after violence stops that a place still counts as violent"},
      {"displacement_return_after_days", ParameterKind::Integer, 90, 7, 3650, "days",
       "assumption: a season of calm before families risk going back (UNHCR return surveys cite security "
       "first)",
       "Days without violence at home before the displaced start going back"},
      {"displacement_return_chance", ParameterKind::Real, 0.05, 0, 1, "1/day",
       "assumption: returns spread over a few weeks to months once home is safe",
       "Daily chance that a displaced person sets off home once it is safe"},
  };
}

Rules rules_from(const engine::ParameterSet& p, double people_per_agent) {
  Rules r;
  r.people_per_agent = people_per_agent;
  r.speed_km = p.real("displacement_speed_km");
  r.move_chance_violence = p.real("displacement_move_chance_violence");
  r.move_chance_town = p.real("displacement_move_chance_town");
  r.move_chance_camp = p.real("displacement_move_chance_camp");
  r.violence_weight = p.real("displacement_violence_weight");
  r.camp_weight = p.real("displacement_camp_weight");
  r.foreign_weight = p.real("displacement_foreign_weight");
  r.distance_softening_km = p.real("displacement_distance_softening_km");
  r.capacity_buffer = p.real("displacement_capacity_buffer");
  r.awareness = static_cast<int>(p.integer("displacement_awareness"));
  r.violence_memory_days = static_cast<int>(p.integer("displacement_violence_memory_days"));
  r.return_after_days = static_cast<int>(p.integer("displacement_return_after_days"));
  r.return_chance = p.real("displacement_return_chance");
  return r;
}

std::vector<ParameterSpec> threshold_parameter_specs() {
  return {
      {"displacement_leaving_share", ParameterKind::Real, 0.25, 0, 1, "1",
       "assumption: of the order of a quarter of the people of the north were displaced in 2012 (MODEL.md "
       "M7); "
       "to be calibrated on UNHCR 2012-2016 (issue 5 item 5)",
       "Share of a place's residents who would ever leave because of violence"},
      {"displacement_tolerance_days", ParameterKind::Real, 30, 1, 365, "days",
       "assumption: most who leave do so within the first weeks of fighting; to be calibrated",
       "Mean days of full violence residents endure before leaving (exponential thresholds)"},
  };
}

ThresholdRules threshold_rules_from(const engine::ParameterSet& p) {
  return {p.real("displacement_leaving_share"), p.real("displacement_tolerance_days")};
}

}  // namespace peacesim::mechanisms::displacement
