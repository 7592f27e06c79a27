// M5 as one module: its parameters, its random stream, its daily system and the casualty series.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/combat/combat.hpp"

namespace peacesim::mechanisms::combat {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("combat_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M5: battles and skirmishes; off, nobody is killed in fighting and towns change hands only "
             "undefended"),
      parameter(
          "combat_attrition", &Params::attrition, 0.002, 0.2, "1/day",
          "assumption: Lanchester coefficients of a few per cent a day are usual for small-unit fighting "
          "(Lanchester 1916; calibrated on ACLED 2012-2016 battle fatalities, docs/model/combat.md)",
          "Casualties inflicted per effective enemy fighter per day of battle (α)"),
      parameter("combat_break_loss", &Params::break_loss, 0.05, 0.9, "1",
                "assumption: units rarely fight on after losing a quarter of their people",
                "Share of its starting people a side loses before it breaks"),
      parameter("combat_break_ratio", &Params::break_ratio, 0.05, 1.0, "1",
                "assumption: a side outgunned three to one withdraws ('blend in with the local population', "
                "000; 004 "
                "§3.3)",
                "A side breaks when its effective strength falls below this share of the enemy's"),
      parameter("combat_max_days", &Params::max_days, 1, 60, "days",
                "docs/model/parameter-sources.md#combat_max_days (assumption: assaults on the theatre's "
                "towns in 2012-2013 were decided within days (004 §3.2-3.3))",
                "Days after which an undecided battle ends with the attacker withdrawing"),
      parameter(
          "combat_dispersion", &Params::dispersion, 0.0, 100.0, "1",
          "docs/model/parameter-sources.md#combat_dispersion (ACLED event fatalities: a negative binomial "
          "fitted by maximum likelihood to Battles 2013-2016 has shape 0.40 (36 % of them kill nobody); 0 "
          "means Poisson)",
          "Shape k of the negative binomial of each side's losses in a skirmish (variance = mean + mean²/k)"),
      parameter("combat_civilian_share", &Params::civilian_share, 0.0, 2.0, "1",
                "assumption: crossfire deaths are a small fraction of combatant deaths in town battles",
                "Civilians killed per combatant killed in a battle at a town"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  r.system("M5 combat", engine::Cadence::Daily,
           [&world, &params](conflict::Context& c) { fight(world, c, params); });
  // The state's side's dead, by force: the army first, then each international force.
  auto& casualties = r.casualty_series();
  r.series([&world, &casualties](engine::Recorder& rec) {
    casualties.push_back(
        rec.declare({"casualties_army", "people", "The army's dead in fighting (M5), by admin1",
                     engine::SeriesKind::Flow, engine::Cadence::Monthly}));
    for (const auto& f : world.forces) {
      casualties.push_back(rec.declare({"casualties_" + f.id, "people",
                                        f.name + ": dead in fighting (M5), by admin1; losses are replaced",
                                        engine::SeriesKind::Flow, engine::Cadence::Monthly}));
    }
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M5 combat", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::combat
