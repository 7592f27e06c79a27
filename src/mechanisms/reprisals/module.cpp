// M14 as one module: its parameters, its random stream, its threats and its daily system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/reprisals/reprisals.hpp"

namespace peacesim::mechanisms::reprisals {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("reprisals_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M14: killings of a community's civilians raise its threat, which drives reprisals and "
             "recruitment"),
      parameter(
          "reprisals_branching", &Params::branching, 0.0, 0.95, "1",
          "docs/model/parameter-sources.md#reprisals_branching (MODEL.md M14 (a self-exciting process whose "
          "branching ratio decides whether violence dies out or escalates; 002, 004 §3.4, ICG 2016 on "
          "self-defence militias); Lewis, Mohler, Brantingham and Bertozzi 2012 (Hawkes processes of "
          "conflict violence); size: assumption, calibrated on 2012-2016 (docs/calibration.md))",
          "Reprisal deaths caused, on average, by each killing of a community's civilians (below 1 the "
          "cycle dies out)"),
      parameter("reprisals_memory_days", &Params::memory_days, 5, 730, "days",
                "docs/model/parameter-sources.md#reprisals_memory_days (assumption: the reprisals ACLED "
                "records in 2015-2016 follow the killings they answer by weeks to months)",
                "Time constant of the decay of a community's threat (the Hawkes kernel's mean delay)"),
      parameter("reprisals_fatalities", &Params::fatalities, 0.1, 50, "people",
                "docs/model/parameter-sources.md#reprisals_fatalities (ACLED events (Violence against "
                "civilians 2013-2016: 2.36 deaths an event))",
                "Mean deaths of a reprisal attack"),
      parameter("reprisals_threat_scale", &Params::threat_scale, 1, 1000, "people",
                "assumption: a few killings of a community in a region within weeks make it feel threatened",
                "Recent deaths of a community's civilians in a region at which its threat is 63 % of full"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  const auto& m6 = r.read<civilians::Params>();
  Threats& threats = r.state<Threats>();
  threats.reset(world.community_threat.size(), world.regions.size());
  r.system("M14 reprisals", engine::Cadence::Daily,
           [&world, &params, &m6, &threats](conflict::Context& c) { day(world, c, params, m6, threats); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M14 reprisals", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::reprisals
