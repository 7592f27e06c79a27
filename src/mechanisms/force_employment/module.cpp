// M4 as one module: its parameters, its random stream, its daily system and the army's series.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/force_employment/force_employment.hpp"

namespace peacesim::mechanisms::force_employment {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("forces_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M4: offensives, raids, training; off, forces stay at their stations"),
      parameter(
          "forces_mobile_share", &Params::mobile_share, 0.0, 1.0, "1",
          "docs/model/parameter-sources.md#forces_mobile_share (assumption: counter-terrorism operations "
          "keep most of their strength manoeuvring (004 §3.3, the intervention's columns north))",
          "Share of an offensive operation's strength that manoeuvres"),
      parameter("forces_speed_km", &Params::speed_km, 10, 500, "km/day",
                "docs/model/parameter-sources.md#forces_speed_km (004 §3.3 (the three northern regional "
                "capitals retaken within three weeks of the intervention's launch); assumption)",
                "Road kilometres an offensive column covers a day, logistics included"),
      parameter("forces_garrison_people", &Params::garrison_people, 0, 2000, "people",
                "assumption: a company of the army follows into each retaken town",
                "Army garrison sent to a town the state's side takes"),
      parameter("forces_raid_rate", &Params::raid_rate, 0.0, 1.0, "1/(1000 troops·day)",
                "assumption: calibrated on ACLED 2013-2016 battles (docs/model/force-employment.md)",
                "Raids per 1,000 mobile troops per day against each hostile group dispersed in the area"),
      parameter("forces_raid_find_people", &Params::raid_find_people, 1, 10000, "people",
                "docs/model/parameter-sources.md#forces_raid_find_people (assumption: intelligence finds a "
                "region's fighters in proportion to their number until a few hundred are about (002: the UN "
                "operation's intelligence fed target packages))",
                "Fighters in a region at which raids find them 63 % as often as a large presence"),
      parameter("forces_raid_people", &Params::raid_people, 10, 1000, "people",
                "assumption: a raid is company-sized", "Troops in a raid"),
      parameter("forces_army_raid_share", &Params::army_raid_share, 0.0, 1.0, "1",
                "001 (the army 'unfit to secure its own towns'); size: assumption",
                "Raids per army soldier in the area relative to an offensive operation's troops"),
      parameter(
          "forces_training_rate", &Params::training_rate, 0.0, 0.05, "1/day",
          "docs/model/parameter-sources.md#forces_training_rate (004 §4.4 (a training mission trains "
          "battalions over months); rate: assumption)",
          "Daily rate at which 500 trainers close the gap between the army's capability and the ceiling"),
      parameter("forces_training_ceiling", &Params::training_ceiling, 0.3, 3.0, "1",
                "assumption: a trained army matches the armed groups' fighters man for man",
                "Capability the army's training tends to"),
      parameter("forces_coup_shock", &Params::coup_shock, 0.0, 1.0, "1",
                "004 §3.2 (after the March 2012 coup the army collapsed in the north); size: assumption",
                "Share of the army's morale lost to a coup"),
      parameter("forces_coup_recovery_days", &Params::coup_recovery_days, 10, 1000, "days",
                "assumption: a command takes months to recover from a coup",
                "Time constant of the army's morale recovery"),
      parameter(
          "forces_garrison_concentration", &Params::garrison_concentration, 0.0, 4.0, "1",
          "004 §3.2 (before the 2012 coup the army held the regional capitals' camps while the rebels took "
          "the small posts); size: assumption, calibrated on the dates the towns fell in 2012 "
          "(docs/calibration.md)",
          "Exponent of a town's weight in the share of the army garrisoned there at the start (0 equal "
          "garrisons, 1 in proportion to the people around it)"),
      parameter(
          "forces_redeploy_days", &Params::redeploy_days, 0, 3650, "days",
          "assumption: an army returns its units to their garrisons once the towns are held again (004 "
          "§3.3: the army followed the intervention back into the towns it retook); 0 leaves the troops "
          "where the fighting left them",
          "Time constant of the army's return to its planned garrisons (its garrisons at the start) in "
          "the towns its state holds"),
      on_off("forces_redeploy_to_front", &Params::redeploy_to_front,
             "assumption: an army that has lost towns holds the line facing them (004 §3.2: the army fell "
             "back on the towns facing the ground it had lost)",
             "Redeployment: the planned garrison of a town the state does not hold waits at the nearest town "
             "by road the state holds, rather than in the capital's reserve"),
      parameter("forces_replenish_rate", &Params::replenish_rate, 0.0, 0.1, "1/day",
                "assumption: recruiting and training replacements takes about six months",
                "Daily share of the gap to the army's establishment filled by new soldiers"),
  };
  return table;
}

namespace {

struct Series {
  engine::SeriesId capability = 0, strength = 0;
};

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  const auto& combat = r.read<combat::Params>();
  r.system("M4 force employment", engine::Cadence::Daily,
           [&world, &params, &combat](conflict::Context& c) { employ(world, c, params, combat); });
  auto& series = r.keep<Series>();
  r.series([&series](engine::Recorder& rec) {
    series.capability =
        rec.declare({"army_capability", "1",
                     "The army's combat capability times its morale (M4); with several states, each "
                     "region its state's and the national figure their mean weighted by troops",
                     engine::SeriesKind::Gauge, engine::Cadence::Monthly});
    series.strength =
        rec.declare({"army_strength", "people", "The army's troops (M4), by admin1 where stationed",
                     engine::SeriesKind::Gauge, engine::Cadence::Monthly});
  });
  r.observer("M4 outputs", engine::Cadence::Monthly, [&world, &series](engine::Recorder& rec) {
    auto effective = [](const conflict::Country& c) { return c.army_capability * c.army_morale; };
    if (world.countries.size() == 1) {
      rec.set(series.capability, 0, effective(world.countries.front()));
    } else {
      double weighted = 0.0, troops = 0.0;
      for (const auto& c : world.countries) {
        weighted += effective(c) * c.army_total;
        troops += c.army_total;
      }
      rec.set(series.capability, 0, troops > 0.0 ? weighted / troops : 0.0);
      for (std::size_t region = 0; region < world.regions.size(); ++region)
        rec.set(series.capability, static_cast<engine::RegionIndex>(1 + region),
                effective(world.countries[world.country_of_region(region)]));
    }
    std::vector<double> army(world.regions.size(), 0.0);
    for (const auto& p : world.places) {
      if (p.in_theatre) army[p.region] += p.army;
    }
    conflict::record_by_region(rec, series.strength, army);
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M4 force employment", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::force_employment
