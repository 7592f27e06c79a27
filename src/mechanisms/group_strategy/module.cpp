// M3 as one module: its parameters, its random stream and its daily system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/group_strategy/group_strategy.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::group_strategy {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("strategy_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M3: groups attack towns and wage guerrilla war; off, groups only exist and recruit"),
      parameter(
          "strategy_guerrilla_ratio", &Params::guerrilla_ratio, 0.2, 5.0, "1",
          "000; 004 §3.3 (facing Serval the jihadists 'blend in with the local population'); threshold: "
          "assumption",
          "Hostile conventional strength, relative to the group's own, at which it stops holding towns"),
      parameter("strategy_attack_ratio", &Params::attack_ratio, 0.5, 5.0, "1",
                "assumption: attackers seek local superiority before an assault (the 3:1 rule of thumb, "
                "relaxed for "
                "surprise)",
                "Effective superiority a group needs over a town's defenders before it assaults"),
      parameter("strategy_attack_interval_days", &Params::attack_interval_days, 1, 60, "days",
                "assumption: the MNLA took the northern towns at a pace of one every few days (004 §3.2)",
                "Days a group rests between assaults"),
      parameter("strategy_garrison_share", &Params::garrison_share, 0.0, 1.0, "1",
                "assumption: groups left small garrisons and moved their main force (004 §3.2)",
                "Share of a holding group's fighters kept in the towns it holds"),
      parameter("strategy_attack_rate", &Params::attack_rate, 0.0, 0.2, "1/(100 fighters·day)",
                "assumption: calibrated on ACLED 2013-2016 event counts (docs/model/group-strategy.md)",
                "Guerrilla attacks per 100 dispersed fighters per day"),
      parameter("strategy_ied_share", &Params::ied_share, 0.0, 1.0, "1",
                "002 (IEDs and mines the main threat to MINUSMA); share: assumption",
                "Share of guerrilla attacks that are IEDs or other remote violence"),
      parameter("strategy_ied_fatalities", &Params::ied_fatalities, 0.0, 10.0, "people",
                "assumption: most IED strikes in ACLED 2013-2016 kill one or two",
                "Mean deaths of an IED attack"),
      parameter("strategy_ambush_people", &Params::ambush_people, 5, 300, "people",
                "assumption: ambushes are the work of a few pick-ups of fighters",
                "Fighters committed to an ambush"),
      parameter("strategy_exposed_share", &Params::exposed_share, 0.01, 1.0, "1",
                "assumption: a patrol or convoy, not the whole garrison, is caught",
                "Share of a town's troops exposed to an ambush"),
      parameter("strategy_un_weight", &Params::un_weight, 0.0, 10.0, "1",
                "002 (groups treat a partial UN as a party); MODEL.md M11; size: assumption",
                "Extra weight of UN troops as targets, times (1 - UN impartiality)"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  const auto& combat = r.read<combat::Params>();
  const auto& perceived = r.read<perceptions::State>();
  r.system("M3 group strategy", engine::Cadence::Daily,
           [&world, &params, &combat, &perceived](conflict::Context& c) {
             act(world, c, params, combat, perceived.un_impartiality);
           });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M3 group strategy", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::group_strategy
