// M17 as one module: its parameters, its random stream, the factors it applied and its system,
// which acts once, on the day after the forecast's origin.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/mobilization/mobilization.hpp"
#include "mechanisms/origin_strength/origin_strength.hpp"

namespace peacesim::mechanisms::origin_strength {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off(
          "origin_strength_enabled", &Params::enabled,
          "assumption: a switch for ablation; acts only in a run with a forecast origin and deaths observed "
          "in its year (docs/model/operational-layer.md, M17)",
          "Run M17: at a forecast's origin, scale the armed groups of each region to the deaths observed "
          "there in the origin's year"),
      parameter("origin_strength_smoothing", &Params::smoothing, 0, 1000, "people",
                "assumption: a region's yearly deaths are counts; a handful says little about the "
                "strength behind them (docs/model/operational-layer.md, M17)",
                "Deaths added to the observed and the simulated before their ratio is taken"),
      on_off("origin_strength_resources", &Params::resources,
             "assumption: a group whose violence the model overrates by a factor has its means overrated "
             "too (M2: groups need resources to absorb recruits); off keeps the correction a one-off "
             "(docs/model/operational-layer.md, M17)",
             "At the origin, scale each group's capacity to absorb recruits by its strength's correction, "
             "for the rest of the run"),
      on_off("origin_strength_ceiling", &Params::ceiling,
             "assumption: the theatre's economy (taxes, trafficking, the support of its people) sustains "
             "so many fighters, which the deaths observed to the origin measure; on by the backtests from "
             "2014-12-31 and 2015-12-31 (docs/validation.md, 'A ceiling on the fighters after the origin')",
             "At the origin, bound the fighters of all groups together, for the rest of the run"),
      parameter("origin_strength_ceiling_headroom", &Params::ceiling_headroom, 1, 10, "1",
                "backtests from 2014-12-31 and 2015-12-31, data to 2016 only: 1 gave the lowest mean CRPS "
                "of 1, 1.1, 1.25 and 1.5 (docs/validation.md, 'A ceiling on the fighters after the origin')",
                "The ceiling on fighters as a multiple of their number after the correction"),
      parameter("origin_strength_ceiling_floor", &Params::ceiling_floor, 0, 100000, "people",
                "assumption: none by default; a theatre with few fighters at its origin may leave room for a "
                "band (docs/model/operational-layer.md, M17)",
                "Fighters the ceiling allows besides its multiple of the origin's"),
      on_off("origin_strength_ceiling_by_group", &Params::ceiling_by_group,
             "assumption: each group's own means (its backers, its rackets, its community's support) "
             "sustain the strength its violence at the origin shows; on by the backtests from 2014-12-31 and "
             "2015-12-31, seeds 1-20 and 101-120 (docs/validation.md, 'A ceiling for each group')",
             "At the origin, bound each group's fighters too, by the headroom times its own number after the "
             "correction; a group that merges later hands its bound on"),
      parameter(
          "origin_strength_observation_dispersion", &Params::observation_dispersion, 0, 100, "deaths",
          "assumption: 0 takes the deaths observed in the origin's year as an exact measure of the "
          "groups' strength; a theatre sets the variance-to-mean ratio of its yearly deaths, E[x²] / E[x] "
          "over its events' deaths x (docs/model/operational-layer.md, M17)",
          "Variance-to-mean ratio of a region's yearly deaths read as a measure of its groups' strength; "
          "above 0 each run draws its own reading"),
      on_off(
          "origin_strength_by_group", &Params::by_group,
          "assumption: where the observations say who the deaths were (dynamics.observed_fatalities "
          "by_group), each group's strength is measured by its own deaths; on by the backtests from "
          "2014-12-31 and 2015-12-31, seeds 1-20, 101-120 and 201-220 (docs/validation.md, 'Who the deaths "
          "were at the origin')",
          "At the origin, scale each group by the deaths observed in events naming it, where the "
          "observations attribute them, rather than by its region's deaths"),
      parameter("origin_strength_max_factor", &Params::max_factor, 1, 100, "1",
                "assumption: the observations correct the groups' strength, they do not remake it; a "
                "factor of 4 either way (docs/model/operational-layer.md, M17)",
                "Largest factor by which a region's groups are scaled up, or its inverse down"),
  };
  return table;
}

namespace {

// What M17 did (checkpointed whole, so a resumed run has it too): the factor of each region, and
// which groups existed on the origin's day (noted the day before the correction).
struct Applied {
  std::vector<double> factor;
  std::vector<std::uint8_t> active_at_origin;
  bool operator==(const Applied&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  const Observed& observed = r.read<Observed>();
  Applied& applied = r.state<Applied>();
  mobilization::Resources& resources = r.state<mobilization::Resources>();
  conflict::State& world = r.world();
  const events::EventLog& log = r.log();
  conflict::PeopleOps& ops = r.ops();
  r.system("M17 origin strengths", engine::Cadence::Daily,
           [&world, &params, &observed, &applied, &resources, &log, &ops](conflict::Context& c) {
             if (!params.enabled) return;
             if (world.day + 1 == observed.day) {
               applied.active_at_origin.clear();
               for (const auto& g : world.groups) applied.active_at_origin.push_back(g.active ? 1 : 0);
             }
             if (world.day != observed.day) return;
             // Each group's resources follow its fighters before the correction, where they were.
             std::vector<std::vector<double>> before;
             if (params.resources) before = fighters_by_region(world);
             const auto day = static_cast<std::uint32_t>(world.day);
             applied.factor = rescale(world, ops, log, observed, params, c.random.draws(kStream, day, 0),
                                      c.random.draws(kStream, day, 1));
             if (params.resources) resources.factor = group_factors(before, applied.factor);
             if (params.ceiling) resources.ceiling = fighters_ceiling(world, params);
             if (params.ceiling_by_group)
               resources.group_ceiling = group_ceilings(world, params, applied.active_at_origin);
           });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M17 origin strengths", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::origin_strength
