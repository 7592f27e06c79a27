// M3 as one module: its parameters, its random stream and its daily system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/group_strategy/group_strategy.hpp"
#include "mechanisms/peace_attacks/peace_attacks.hpp"
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
          "docs/model/parameter-sources.md#strategy_guerrilla_ratio (000; 004 §3.3 (facing an intervention "
          "the jihadists 'blend in with the local population'); threshold: assumption)",
          "Hostile conventional strength, relative to the group's own, at which it stops holding towns"),
      parameter("strategy_attack_ratio", &Params::attack_ratio, 0.5, 5.0, "1",
                "assumption: attackers seek local superiority before an assault (the 3:1 rule of thumb, "
                "relaxed for "
                "surprise)",
                "Effective superiority a group needs over a town's defenders before it assaults"),
      parameter("strategy_attack_interval_days", &Params::attack_interval_days, 1, 60, "days",
                "docs/model/parameter-sources.md#strategy_attack_interval_days (assumption: the rebels took "
                "the northern towns at a pace of one every few days (004 §3.2))",
                "Days a group rests between assaults"),
      parameter("strategy_garrison_share", &Params::garrison_share, 0.0, 1.0, "1",
                "assumption: groups left small garrisons and moved their main force (004 §3.2)",
                "Share of a holding group's fighters kept in the towns it holds"),
      parameter("strategy_attack_rate", &Params::attack_rate, 0.0, 0.2, "1/(100 fighters·day)",
                "assumption: calibrated on ACLED 2013-2016 event counts (docs/model/group-strategy.md)",
                "Guerrilla attacks per 100 dispersed fighters per day"),
      parameter("strategy_clash_rate", &Params::clash_rate, 0.0, 0.2, "1/day",
                "docs/model/parameter-sources.md#strategy_clash_rate (assumption: calibrated on ACLED "
                "2014-2016, where fighting between non-state groups is 17-30 % of deaths (ACLED interactions "
                "22, 23, 24, 34, 44))",
                "Clashes a day between two hostile groups sharing a region, per 100 of the geometric mean of "
                "their fighters there"),
      parameter(
          "strategy_clash_attention", &Params::clash_attention, 0.0, 1.0, "1",
          "assumption: a group facing several enemies in a region divides its effort among them (MODEL.md "
          "M3); 0 recovers pairs that fight as if each were alone",
          "Exponent a of the attention shares in the clash rate: a pair's rate is multiplied by "
          "(F_b / E_a · F_a / E_b)^(a/2), E_g the fighters of all of g's enemies in the region"),
      parameter(
          "strategy_defence_floor", &Params::defence_floor, 0.0, 1.0, "1",
          "assumption: self-defence militias arm to protect their community (MODEL.md M3, M14); 1 keeps "
          "them fighting wherever they meet jihadists",
          "Share of its clash rate a self-defence militia keeps where none of its communities feels "
          "threatened (M14); the rest grows with the threat"),
      parameter("strategy_militia_jihadist_clash", &Params::militia_jihadist_clash, 0.0, 1.0, "1",
                "assumption: 1 lets a militia and a jihadist group meet as any two hostile groups do "
                "(docs/model/operational-layer.md, M3)",
                "Factor on the clash rate of a pair of a militia (pro-government or self-defence) and a "
                "jihadist group"),
      parameter("strategy_clash_people", &Params::clash_people, 5, 1000, "people",
                "docs/model/parameter-sources.md#strategy_clash_people (assumption: clashes between armed "
                "groups over ground and roads engage a few dozen vehicles on each side (public record))",
                "Fighters each group commits to a clash with another group"),
      parameter("strategy_ied_share", &Params::ied_share, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#strategy_ied_share (002 (IEDs and mines the main threat to "
                "the UN operation); share: assumption)",
                "Share of guerrilla attacks that are IEDs or other remote violence"),
      parameter("strategy_ied_fatalities", &Params::ied_fatalities, 0.0, 10.0, "people",
                "assumption: most IED strikes in ACLED 2013-2016 kill one or two",
                "Mean deaths of an IED attack"),
      parameter("strategy_ied_dispersion", &Params::ied_dispersion, 0.0, 100.0, "1",
                "docs/model/parameter-sources.md#strategy_ied_dispersion (ACLED event fatalities: a negative "
                "binomial fitted by maximum likelihood to Explosions/Remote violence 2013-2016 has shape "
                "0.25 (58 % kill nobody); 0 means Poisson)",
                "Shape k of the negative binomial of an IED's deaths"),
      parameter("strategy_ambush_people", &Params::ambush_people, 5, 300, "people",
                "assumption: ambushes are the work of a few pick-ups of fighters",
                "Fighters committed to an ambush"),
      parameter("strategy_exposed_share", &Params::exposed_share, 0.01, 1.0, "1",
                "assumption: a patrol or convoy, not the whole garrison, is caught",
                "Share of a town's troops exposed to an ambush"),
      parameter("strategy_patrol_people", &Params::patrol_people, 5, 500, "people",
                "docs/model/parameter-sources.md#strategy_patrol_people (assumption: ambushes hit patrols "
                "and convoys of a platoon or two (ACLED 2013-2016 battles average 4.4 deaths))",
                "Most troops an ambush catches"),
      parameter(
          "strategy_terror_rate", &Params::terror_rate, 0.0, 0.1, "1/(1000 fighters·day)",
          "docs/model/parameter-sources.md#strategy_terror_rate (ACLED events (jihadist attacks outside the "
          "north and centre in 2015-2016: a few a year, by groups of some thousands of fighters); "
          "assumption: in proportion to the group's size)",
          "High-profile attacks a day, per 1,000 of a jihadist group's fighters, on towns outside its areas"),
      parameter("strategy_terror_foreign_people", &Params::terror_foreign_people, 1, 100000, "people",
                "docs/model/parameter-sources.md#strategy_terror_foreign_people (ACLED events (the 2015-2016 "
                "attacks outside the north and centre struck where foreigners were: hotels, restaurants, a "
                "training mission's headquarters); size: assumption)",
                "Foreign troops at a town that double its weight as the target of a high-profile attack"),
      parameter("strategy_terror_fatalities", &Params::terror_fatalities, 0.1, 50, "people",
                "docs/model/parameter-sources.md#strategy_terror_fatalities (ACLED events (the 2015 attacks "
                "on the capital killed 5 and 22))",
                "Mean deaths of a high-profile attack"),
      parameter("strategy_un_weight", &Params::un_weight, 0.0, 10.0, "1",
                "002 (groups treat a partial UN as a party); MODEL.md M11; size: assumption",
                "Extra weight of UN troops as targets, times (1 - UN impartiality); while M16 runs, the "
                "attacks that pick UN troops are left to it"),
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
  // Attacks on UN troops are M16's while it runs (its switch, read here).
  const auto& m16 = r.read<peace_attacks::Params>();
  r.system("M3 group strategy", engine::Cadence::Daily,
           [&world, &params, &combat, &perceived, &m16](conflict::Context& c) {
             act(world, c, params, combat, perceived.un_impartiality, m16.enabled);
           });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M3 group strategy", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::group_strategy
