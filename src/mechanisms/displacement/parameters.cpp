#include "mechanisms/displacement/parameters.hpp"

namespace peacesim::mechanisms::displacement {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Rules>& rules_table() {
  const std::string flee = "Flee (Suleimenova et al. 2017, Sci. Rep. 7:13377; djgroen/flee simsetting.yml): ";
  static const engine::ParameterTable<Rules> table{
      on_off("displacement_enabled", &Rules::enabled, "assumption: a switch for ablation (MODEL.md §5)",
             "Run the displacement mechanism (M7)"),
      parameter("displacement_speed_km", &Rules::speed_km, 50, 1000, "km/day",
                flee + "max_move_speed 360 (a day's travel by vehicle)",
                "Most kilometres an agent travels in a day"),
      parameter("displacement_move_chance_violence", &Rules::move_chance_violence, 0, 1, "1/day",
                flee + "conflict_movechance 1.0",
                "Daily chance of leaving a place with full recent violence"),
      parameter("displacement_move_chance_town", &Rules::move_chance_town, 0, 1, "1/day",
                flee + "default_movechance 0.3",
                "Daily chance of leaving a place without violence (moving on)"),
      parameter("displacement_move_chance_camp", &Rules::move_chance_camp, 0, 0.1, "1/day",
                flee + "camp_movechance 0.001", "Daily chance of leaving a camp"),
      parameter("displacement_violence_weight", &Rules::violence_weight, 0, 1, "1",
                flee + "conflict_weight 0.25 in simsetting.yml (code default 1/sqrt(10))",
                "Attractiveness factor of a destination per unit of recent violence (weight^intensity)"),
      parameter("displacement_camp_weight", &Rules::camp_weight, 0.1, 10, "1", flee + "camp_weight 1.0",
                "Attractiveness factor of a camp"),
      parameter("displacement_foreign_weight", &Rules::foreign_weight, 0.1, 10, "1",
                flee + "foreign_weight 1.0", "Attractiveness factor of a place abroad"),
      parameter("displacement_distance_softening_km", &Rules::distance_softening_km, 0, 500, "km",
                flee + "softening 10 (added to route length in route weights)",
                "Added to a route's length when weighting it"),
      parameter("displacement_capacity_buffer", &Rules::capacity_buffer, 0.5, 1.0, "1",
                flee + "capacity_buffer 0.9",
                "Occupancy (share of capacity) above which a camp's attraction falls linearly to 0"),
      parameter("displacement_awareness", &Rules::awareness, 0, 2, "links", flee + "awareness_level 1",
                "Links beyond the first that an agent considers when choosing a route"),
      parameter(
          "displacement_violence_memory_days", &Rules::violence_memory_days, 0, 365, "days",
          "assumption: 0 reproduces Flee (a place is dangerous while violence lasts); MODEL.md M7 asks for "
          "recent violence",
          "Days after violence stops that a place still counts as violent"),
      parameter(
          "displacement_return_after_days", &Rules::return_after_days, 7, 3650, "days",
          "assumption: a season of calm before families risk going back (UNHCR return surveys cite security "
          "first)",
          "Days without violence at home before the displaced start going back"),
      parameter("displacement_return_chance", &Rules::return_chance, 0, 1, "1/day",
                "assumption: returns spread over a few weeks to months once home is safe",
                "Daily chance that a displaced person sets off home once it is safe"),
      parameter("displacement_return_tolerance", &Rules::return_tolerance, 0, 1, "1",
                "assumption: 0 keeps the rule before (home safe only without any recent violence); "
                "a theatre's fit sets it (docs/calibration.md, \"Returns\")",
                "Recent violence intensity (0-1) at home up to which home counts as safe to go back to"),
      parameter(
          "displacement_return_decay_days", &Rules::return_decay_days, 0, 7300, "days",
          "assumption: 0 keeps a constant return chance; protracted displacement (the hazard of "
          "return falls with time away) is for a theatre's fit to set (docs/calibration.md, \"Returns\")",
          "Days away over which the chance of going home falls by a factor e (0: it never falls)"),
      parameter("displacement_kin_weight", &Rules::kin_weight, 1, 50, "1",
                "assumption: 1 leaves routes blind to community (as Flee's); the displaced of a community "
                "go where their kin live across the border (the scenario's kin_abroad, cited there); a "
                "theatre's fit sets the strength (docs/model/displacement.md)",
                "Attractiveness factor of a place abroad in a country where the agent's community has kin"),
      parameter(
          "displacement_settle_days", &Rules::settle_days, 0, 3650, "days",
          "assumption: 0 keeps Flee's constant move chance in towns; issue 17: the displaced in towns settle "
          "(work, rent, schools), so that they do not drift into camps over years; a theatre's fit sets it "
          "(docs/model/displacement.md)",
          "Days at rest in a calm town over which the chance of moving on falls by a factor e (0: never)"),
      parameter(
          "displacement_return_abroad_factor", &Rules::return_abroad_factor, 0.01, 1, "1",
          "assumption: 1 treats refugees like the internally displaced (as Flee does); a border to cross, "
          "the aid of a camp and the formalities of a voluntary repatriation slow returns from abroad; a "
          "theatre's fit on returned refugees and IDPs sets it (docs/model/displacement.md, \"Returns\")",
          "Return chance of a displaced person abroad relative to one inside the country"),
      parameter(
          "displacement_return_exile_decay_days", &Rules::return_exile_decay_days, 0, 7300, "days",
          "assumption: 0 keeps a constant return chance abroad; issue 17: exile grows protracted (schools, "
          "work and aid in the host country hold refugees longer the longer they stay); a theatre's fit or "
          "backtest sets it (docs/model/displacement.md, \"Returning\")",
          "Days away over which the return chance of a refugee (abroad only) falls by a factor e (0: never)"),
      parameter(
          "displacement_return_area_weight", &Rules::return_area_weight, 0, 10, "1",
          "assumption: 0 keeps the rule before (only the home town's safety counts); issue 17 asks for "
          "safety across the home area; a theatre's fit sets it (docs/model/displacement.md, \"Returns\")",
          "Exponent of the share of the home area's places without recent violence in the return chance"),
      parameter(
          "displacement_return_fear_weight", &Rules::return_fear_weight, 0, 20, "1",
          "assumption: 0 keeps the rule before; a community threatened at home (M14's threat, 0..1) fears "
          "reprisals and stays away (issue 17; MODEL.md M14); a theatre's fit sets it "
          "(docs/model/displacement.md, \"Returns\")",
          "Rate at which the return chance falls with the threat the community feels in its home area "
          "(a factor exp(-this) at full threat)"),
      parameter(
          "displacement_return_unsafe_factor", &Rules::return_unsafe_factor, 0, 1, "1",
          "assumption: 0 keeps the rule before (nobody goes back before home has been safe for "
          "displacement_return_after_days); issue 17: people also go back to areas that never stay calm, "
          "as registered returns to regions with violence every year show; a theatre's fit sets it "
          "(docs/model/displacement.md, \"Returning\")",
          "Return chance while home is not yet safe, relative to the chance once it is"),
  };
  return table;
}

const engine::ParameterTable<ThresholdRules>& threshold_table() {
  static const engine::ParameterTable<ThresholdRules> table{
      parameter(
          "displacement_leaving_share", &ThresholdRules::leaving_share, 0, 1, "1",
          "assumption: of the order of a quarter of the people of the north were displaced in 2012 (MODEL.md "
          "M7); "
          "to be calibrated on UNHCR 2012-2016 (issue 5 item 5)",
          "Share of a place's residents who would ever leave because of violence"),
      parameter("displacement_tolerance_days", &ThresholdRules::tolerance_days, 1, 365, "days",
                "assumption: most who leave do so within the first weeks of fighting; to be calibrated",
                "Mean days of full violence residents endure before leaving (exponential thresholds)"),
  };
  return table;
}

std::vector<engine::ParameterSpec> parameter_specs() { return rules_table().specs(); }

Rules rules_from(const engine::ParameterSet& parameters, double people_per_agent) {
  Rules r = rules_table().bind(parameters);
  r.people_per_agent = people_per_agent;
  return r;
}

std::vector<engine::ParameterSpec> threshold_parameter_specs() { return threshold_table().specs(); }

ThresholdRules threshold_rules_from(const engine::ParameterSet& parameters) {
  return threshold_table().bind(parameters);
}

}  // namespace peacesim::mechanisms::displacement
