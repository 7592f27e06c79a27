// M2 as one module: its parameters, its random stream, the scenario's influxes (daily, as they
// fall due) and recruitment and desertion (monthly).
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/mobilization/mobilization.hpp"

namespace peacesim::mechanisms::mobilization {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("mobilization_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M2: people join groups; off, groups have only their scheduled influxes"),
      parameter("mobilization_threshold", &Params::threshold, 0.0, 2.0, "1",
                "MODEL.md §7 (Epstein's threshold T = 0.1, here on a scale with affinity and pull); size: "
                "assumption",
                "Score above which a person is ready to join a group"),
      parameter("mobilization_other_affinity", &Params::other_affinity, 0.0, 1.0, "1",
                "004 §3.2 (groups recruit across communities, jihadists more so); size: assumption",
                "Affinity of a person for a group that does not recruit from their community"),
      parameter("mobilization_pull_base", &Params::pull_base, 0.0, 1.0, "1",
                "MODEL.md M2 (pull(g)); size: assumption", "Pull of any active group (pay, protection)"),
      parameter("mobilization_pull_towns", &Params::pull_towns, 0.0, 1.0, "1",
                "assumption: success attracts recruits (the 2012 victories swelled the groups, 004 §3.2)",
                "Extra pull of a group holding five towns or more"),
      parameter("mobilization_arrest_k", &Params::arrest_k, 0.1, 10.0, "1", "MODEL.md §7 (Epstein's k = 2.3)",
                "Constant of the arrest-risk estimate P = 1 - exp(-k C / (A + 1))"),
      parameter("mobilization_absorb_base", &Params::absorb_base, 0, 1000, "people/month",
                "assumption: even a small group can take in a few dozen recruits a month",
                "Recruits any group can absorb a month"),
      parameter("mobilization_absorb_share", &Params::absorb_share, 0.0, 0.5, "1/month",
                "MODEL.md M2 (groups need resources to absorb recruits); size: assumption",
                "Recruits a group can absorb a month per fighter it has"),
      parameter("mobilization_join_rate", &Params::join_rate, 0.0, 1.0, "1/month",
                "assumption: being ready is not joining; a few per cent act on it in a month",
                "Monthly chance that a ready person joins, when the group has room"),
      parameter("mobilization_desert_rate", &Params::desert_rate, 0.0, 0.5, "1/month",
                "assumption: fighters drift home (seasonal work, family)",
                "Monthly share of a group's fighters who go home"),
  };
  return table;
}

namespace {

// Influx i draws with its own key, far above any person's.
constexpr std::uint32_t kInfluxKey = 1u << 30;

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  const Influxes& influxes = r.read<Influxes>();
  InfluxLog& own = r.state<InfluxLog>();
  own.done.assign(influxes.list.size(), false);
  r.system("M2 influxes", engine::Cadence::Daily, [&world, &influxes, &own](conflict::Context& c) {
    for (std::size_t i = 0; i < influxes.list.size(); ++i) {
      const Influx& in = influxes.list[i];
      if (own.done[i] || in.when > world.date) continue;
      own.done[i] = true;
      if (in.group == conflict::kNoActor) continue;
      influx(world, c, in.group, in.people, kInfluxKey + static_cast<std::uint32_t>(i));
    }
  });
  r.system("M2 mobilization", engine::Cadence::Monthly,
           [&world, &params](conflict::Context& c) { recruit(world, c, params); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M2 mobilization", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::mobilization
