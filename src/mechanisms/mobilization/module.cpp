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
      parameter("mobilization_open_affinity", &Params::open_affinity, 0.0, 1.0, "1",
                "004 §3.2 (jihadist groups recruit across communities: ideology, pay, protection); size: "
                "assumption",
                "Affinity of anyone for a group that names no community base"),
      parameter(
          "mobilization_choice_scale", &Params::choice_scale, 0.005, 1.0, "1",
          "assumption: a logit over the scores of the groups a person would join (McFadden's random "
          "utility); a few hundredths of the score scale, so clear preferences win but ties split evenly",
          "Scale of the random utility in the choice among the groups a person would join"),
      parameter("mobilization_pull_threat", &Params::pull_threat, 0.0, 1.0, "1",
                "MODEL.md M14 (threat drives self-defence militia recruitment and the jihadist group's pull "
                "among the threatened; 004 §3.4, ICG 2016); size: assumption",
                "Extra pull of the groups recruiting a community, at full threat against it (M14)"),
      parameter(
          "mobilization_split_share", &Params::split_share, 0.0, 1.0, "1",
          "assumption: a faction that breaks away takes a minority of its parent's fighters (MODEL.md §3: "
          "groups split); a scenario sets a group's own share in dynamics.groups[].split_share",
          "Share of the parent's fighters a group that splits off takes with it"),
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
      parameter("mobilization_base_share", &Params::base_share, 0.0, 1.0, "1",
                "assumption: 0 keeps every recruit where they live; a theatre whose groups name bases "
                "(armed_groups[].areas[].base) sets it",
                "Share of the recruits a group makes away from its bases who gather at the nearest base"),
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
      influx(world, c, in.group, in.people, in.regions, kInfluxKey + static_cast<std::uint32_t>(i));
    }
  });
  const Resources& resources = r.read<Resources>();  // 1 for every group unless a mechanism learns otherwise
  r.system("M2 mobilization", engine::Cadence::Monthly,
           [&world, &params, &resources](conflict::Context& c) { recruit(world, c, params, resources); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M2 mobilization", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::mobilization
