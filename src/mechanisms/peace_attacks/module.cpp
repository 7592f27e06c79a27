// M16 as one module: its parameters, its random stream, its record, its daily system and series.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/peace_attacks/peace_attacks.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::peace_attacks {

using engine::on_off;
using engine::parameter;

// The attack counts, deaths per attack and attackers' losses below come from the reference
// theatre's UN operation's entries in ACLED 2013-2016, read one by one (docs/model/parameter-sources.md,
// "M16"; docs/model/operational-layer.md, "M16", calibration).
const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("peace_attacks_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M16: armed groups attack the UN operation's convoys and camps; off, M3's guerrilla attacks "
             "strike UN troops as they strike the army"),
      parameter("peace_attacks_convoys", &Params::convoys, 0.005, 1.0, "1/(1000 troops·day)",
                "assumption: a camp of about a thousand troops is resupplied by road every few weeks (002: "
                "'we wait on logistical support'); only its product with peace_attacks_convoy_rate matters",
                "Supply round trips by road a day per 1,000 troops of a camp"),
      parameter("peace_attacks_convoy_rate", &Params::convoy_rate, 0.0, 10.0, "1/(1000 convoy-km)",
                "docs/model/parameter-sources.md#peace_attacks_convoy_rate (ACLED attacks on the UN "
                "operation 2013-2016: 34 IEDs, mines and ambushes on convoys and vehicles, about 10 a year; "
                "scaled with the camp attacks so that 10 seeds give its 71 deaths by malicious acts (UN "
                "peacekeeping fatalities; docs/model/operational-layer.md, M16))",
                "Attacks on convoys per 1,000 convoy-km, where hostile presence and intent are full"),
      parameter("peace_attacks_ambush_share", &Params::ambush_share, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#peace_attacks_ambush_share (ACLED attacks on the UN "
                "operation 2013-2016: 12 of the 34 attacks on convoys and vehicles are ambushes)",
                "Share of attacks on convoys that are ambushes (Battles); the rest are IEDs and mines"),
      parameter("peace_attacks_fire_rate", &Params::fire_rate, 0.0, 0.05, "1/day",
                "docs/model/parameter-sources.md#peace_attacks_fire_rate (ACLED attacks on the UN operation "
                "2013-2016: 14 rocket and mortar attacks on its camps, on about ten northern camps; scaled "
                "as peace_attacks_convoy_rate)",
                "Rocket and mortar attacks a day on one camp, where hostile presence and intent are full"),
      parameter("peace_attacks_assault_rate", &Params::assault_rate, 0.0, 0.05, "1/day",
                "docs/model/parameter-sources.md#peace_attacks_assault_rate (ACLED attacks on the UN "
                "operation 2013-2016: 11 assaults (suicide, complex and direct attacks) on its camps; scaled "
                "as peace_attacks_convoy_rate)",
                "Assaults a day on one camp, where hostile presence and intent are full"),
      parameter("peace_attacks_presence_people", &Params::presence_people, 10, 10000, "people",
                "assumption: a few hundred fighters in a region are enough to keep the cells that lay mines "
                "and fire rockets there",
                "Hostile fighters in a region at which their presence (1 - exp(-H / this)) is 63 %"),
      parameter("peace_attacks_rebel_weight", &Params::rebel_weight, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#peace_attacks_rebel_weight (ACLED attacks on the UN "
                "operation 2013-2016: of the attacks whose author is named nearly all are by jihadist "
                "groups, a few by rebel and pro-government ones; size: assumption)",
                "Weight of the fighters of hostile groups that are not jihadist as attackers of the UN"),
      parameter(
          "peace_attacks_partiality_weight", &Params::partiality_weight, 0.0, 10.0, "1",
          "002 (groups treat a partial UN as a party); MODEL.md M11; size: assumption (a wholly partial "
          "UN is attacked twice as often)",
          "Extra intent to attack the UN, times (1 - UN impartiality)"),
      parameter("peace_attacks_ied_deaths", &Params::ied_deaths, 0.0, 20.0, "people",
                "docs/model/parameter-sources.md#peace_attacks_ied_deaths (ACLED attacks on the UN operation "
                "2013-2016: 13 peacekeepers killed by 22 IEDs and mines (0.59 each), divided by 0.5, the "
                "mean lethality multiplier (learning times protection) of 2013-2016 in the reference run "
                "(docs/model/operational-layer.md, M16))",
                "Mean deaths of an IED or mine on a convoy, before learning and protection"),
      parameter(
          "peace_attacks_ambush_deaths", &Params::ambush_deaths, 0.0, 50.0, "people",
          "docs/model/parameter-sources.md#peace_attacks_ambush_deaths (ACLED attacks on the UN operation "
          "2013-2016: 20 killed in 12 ambushes (1.7 each), divided as peace_attacks_ied_deaths)",
          "Mean deaths of an ambush on a convoy, before learning and protection"),
      parameter("peace_attacks_fire_deaths", &Params::fire_deaths, 0.0, 20.0, "people",
                "docs/model/parameter-sources.md#peace_attacks_fire_deaths (ACLED attacks on the UN "
                "operation 2013-2016: 3 killed in 14 rocket and mortar attacks (0.21 each), divided as "
                "peace_attacks_ied_deaths)",
                "Mean deaths of a rocket or mortar attack on a camp, before learning and protection"),
      parameter(
          "peace_attacks_assault_deaths", &Params::assault_deaths, 0.0, 50.0, "people",
          "docs/model/parameter-sources.md#peace_attacks_assault_deaths (ACLED attacks on the UN operation "
          "2013-2016: 19 killed in 11 assaults on camps (1.7 each), divided as peace_attacks_ied_deaths)",
          "Mean deaths of an assault on a camp, before learning and protection"),
      parameter("peace_attacks_assault_attackers_dead", &Params::assault_attackers_dead, 0.0, 50.0, "people",
                "docs/model/parameter-sources.md#peace_attacks_assault_attackers_dead (ACLED attacks on the "
                "UN operation 2013-2016: about 10 attackers killed in the 11 assaults (suicide bombers))",
                "Mean attackers killed in an assault on a camp"),
      parameter("peace_attacks_dispersion", &Params::dispersion, 0.0, 100.0, "1",
                "docs/model/parameter-sources.md#peace_attacks_dispersion (ACLED event fatalities: the shape "
                "fitted to Explosions/Remote violence 2013-2016 (0.25, as strategy_ied_dispersion); most "
                "attacks on the UN operation kill nobody and a few kill four to seven)",
                "Shape k of the negative binomial of an attack's deaths (0: Poisson)"),
      parameter("peace_attacks_learning_gain", &Params::learning_gain, 0.0, 10.0, "1",
                "docs/model/parameter-sources.md#peace_attacks_learning_gain (Johnson et al. 2011, Science "
                "333:81 (insurgents' 'progress curves': attacks grow more frequent and deadly with the "
                "attackers' experience); 002 (the UN operation 'regularly the target of attacks'); size: "
                "assumption (a region's seasoned cells kill twice as many))",
                "Rise of an attack's deaths when the attackers are fully experienced (1 + gain)"),
      parameter("peace_attacks_learning_attacks", &Params::learning_attacks, 1, 1000, "attacks",
                "assumption: a cell learns over its first ten or so attacks (Johnson et al. 2011)",
                "Attacks on peace operations in a region at which 63 % of the learning is done"),
      parameter("peace_attacks_experience_days", &Params::experience_days, 30, 10000, "days",
                "assumption: bomb-making and targeting skills persist for years in a region's cells",
                "Time constant with which a region's experience of attacks fades"),
      parameter("peace_attacks_protection_floor", &Params::protection_floor, 0.01, 1.0, "1",
                "docs/model/parameter-sources.md#peace_attacks_protection_floor (002 (the UN operation "
                "'focussed on protecting its force eighty percent of the time': protection is what it spends "
                "itself on); size: assumption)",
                "Share of its first lethality an attack keeps once a camp or convoy is fully protected"),
      parameter(
          "peace_attacks_protection_days", &Params::protection_days, 30, 3650, "days",
          "assumption: fortifying camps and bringing armoured vehicles and counter-IED means takes about a "
          "year (002: 'we wait on logistical support')",
          "Time constant of protection: days since a camp opened (camps) or the operation deployed "
          "(convoys)"),
  };
  return table;
}

namespace {

struct Series {
  engine::SeriesId attacks = 0, convoy_km = 0, camps = 0;
};

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  const auto& supply = r.read<Supply>();
  const auto& perceived = r.read<perceptions::State>();
  Record& record = r.state<Record>();
  record.reset(world.forces.size(), world.places.size(), world.regions.size());
  auto& series = r.keep<Series>();
  r.system("M16 attacks on peace operations", engine::Cadence::Daily,
           [&world, &params, &supply, &perceived, &record, &series](conflict::Context& c) {
             day(world, c, params, supply, perceived.un_impartiality, record, series.attacks);
           });
  r.series([&series](engine::Recorder& rec) {
    series.attacks = rec.declare({"peacekeeper_attacks", "attacks",
                                  "Attacks on UN peace operations' convoys and camps (M16), by admin1",
                                  engine::SeriesKind::Flow, engine::Cadence::Monthly});
    series.convoy_km = rec.declare({"peacekeeper_convoy_km", "km/day",
                                    "Convoy-km a day on UN peace operations' supply roads (M16), by admin1",
                                    engine::SeriesKind::Gauge, engine::Cadence::Monthly});
    series.camps = rec.declare({"peacekeeper_camps", "camps", "Camps of UN peace operations (M16), by admin1",
                                engine::SeriesKind::Gauge, engine::Cadence::Monthly});
  });
  r.observer("M16 outputs", engine::Cadence::Monthly, [&series, &record](engine::Recorder& rec) {
    conflict::record_by_region(rec, series.convoy_km, record.convoy_km);
    conflict::record_by_region(rec, series.camps, record.camps);
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M16 attacks on peace operations", [] { return parameter_table().specs(); },
                                  install};
  return m;
}

}  // namespace peacesim::mechanisms::peace_attacks
