// M6 as one module: its parameters, its random stream, its memory of abuses and its daily system.
#include "mechanisms/conflict/module.hpp"

#include <algorithm>

#include "mechanisms/civilians/civilians.hpp"

namespace peacesim::mechanisms::civilians {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("civilians_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M6: violence against civilians; off, civilians die only in crossfire"),
      parameter("civilians_hold_rate", &Params::hold_rate, 0.0, 1.0, "1/(town·day)",
                "003; 004 §3.2 (abuses under the Islamists' rule of the north in 2012); rate: assumption",
                "Attacks on civilians per day in a town an armed group holds"),
      parameter(
          "civilians_guerrilla_rate", &Params::guerrilla_rate, 0.0, 0.2, "1/(100 fighters·day)",
          "assumption: calibrated on ACLED 2013-2016 violence against civilians (docs/model/civilians.md)",
          "Attacks on civilians per 100 dispersed fighters per day"),
      parameter("civilians_abuse_rate", &Params::abuse_rate, 0.0, 1.0, "1/(1000 soldiers·day)",
                "004 §3.2 (an army 'reliant on tribal militias'); rate: assumption",
                "Abuses per 1,000 soldiers per day where violence is recent"),
      parameter("civilians_fatalities", &Params::fatalities, 0.0, 20.0, "people",
                "docs/model/parameter-sources.md#civilians_fatalities (assumption: ACLED 2012-2016 violence "
                "against civilians averages about 2 deaths an event)",
                "Mean deaths of an attack on civilians"),
      parameter("civilians_dispersion", &Params::dispersion, 0.0, 100.0, "1",
                "docs/model/parameter-sources.md#civilians_dispersion (ACLED event fatalities: a negative "
                "binomial fitted by maximum likelihood to Violence against civilians 2013-2016 has shape "
                "0.45 (41 % kill nobody: abductions, beatings); 0 means Poisson)",
                "Shape k of the negative binomial of an attack's deaths"),
      parameter("civilians_suspect_weight", &Params::suspect_weight, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#civilians_suspect_weight (002 (counter-terrorism's "
                "vengeance 'without distinction'); 004 §3.4 (abuses against a community suspected of "
                "supporting jihadists, ICG 2016); size: assumption)",
                "How far the army's abuses fall on the communities the groups it fights recruit from (0 "
                "indiscriminate, 1 only them)"),
      parameter("civilians_target_weight", &Params::target_weight, 0.0, 1.0, "1",
                "004 §3.4 (groups punish communities seen as siding with their enemies); size: assumption",
                "How far a group's attacks on civilians fall on the communities its enemies recruit from"),
      parameter("civilians_protect_effect", &Params::protect_effect, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#civilians_protect_effect (002 (the UN operation spends most "
                "of its effort protecting itself); size: assumption)",
                "Share of attacks on civilians prevented where peacekeepers are in full strength"),
      parameter("civilians_protect_people", &Params::protect_people, 100, 10000, "people",
                "assumption: a battalion protects a town", "Peacekeepers for full protection of a town"),
      parameter("civilians_memory_days", &Params::memory_days, 10, 3650, "days",
                "assumption: abuses are remembered for months", "Time constant of the abuse memory (M1)"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  Memory& memory = r.state<Memory>();
  const std::size_t communities = std::max<std::size_t>(1, world.community_threat.size());
  memory.abuses_by_state.assign(communities, std::vector<double>(world.regions.size(), 0.0));
  memory.abuses_by_groups.assign(communities, std::vector<double>(world.regions.size(), 0.0));
  r.system("M6 civilians", engine::Cadence::Daily,
           [&world, &params, &memory](conflict::Context& c) { act(world, c, params, memory); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M6 civilians", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::civilians
