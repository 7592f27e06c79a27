// M11 as one module: its parameters, its state (UN impartiality, resentment), its monthly system
// and its series.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::perceptions {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off(
          "perceptions_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
          "Run M11: UN impartiality and resentment of foreign forces move; off, the UN stays impartial and "
          "nobody "
          "resents foreign troops"),
      parameter("perceptions_impartiality_rate", &Params::impartiality_rate, 0.0, 1.0, "1/month",
                "assumption: reputations change over months",
                "Monthly rate at which UN impartiality moves to its target"),
      parameter("perceptions_resentment_growth", &Params::resentment_growth, 0.0, 0.5, "1/month",
                "004 §3.4 (resentment grows with the duration of foreign presence); size: assumption",
                "Monthly growth of resentment where all troops are foreign"),
      parameter("perceptions_resentment_decay", &Params::resentment_decay, 0.0, 0.5, "1/month",
                "assumption: resentment fades slowly once foreign troops leave",
                "Monthly decay of resentment"),
  };
  return table;
}

namespace {

struct Series {
  engine::SeriesId impartiality = 0;
};

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  const conflict::State& world = r.world();
  State& own = r.state<State>();
  own.resentment.assign(world.regions.size(), 0.0);
  r.system("M11 perceptions", engine::Cadence::Monthly,
           [&world, &own, &params](conflict::Context&) { update(world, own, params); });
  auto& series = r.keep<Series>();
  r.series([&series](engine::Recorder& rec) {
    series.impartiality =
        rec.declare({"un_impartiality", "1", "UN impartiality as the parties see it (M11), national",
                     engine::SeriesKind::Gauge, engine::Cadence::Monthly});
  });
  r.observer("M11 outputs", engine::Cadence::Monthly, [&series, &own](engine::Recorder& rec) {
    rec.set(series.impartiality, 0, own.un_impartiality);
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M11 perceptions", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::perceptions
