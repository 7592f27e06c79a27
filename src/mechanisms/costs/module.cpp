// M12 as one module: its switch, the money spent as its state, its daily accounts and its series.
// Off, it records nothing at all.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/costs/costs.hpp"

namespace peacesim::mechanisms::costs {

using engine::on_off;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("costs_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M12: each operation's cost and who pays it"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  const Inputs& inputs = r.read<Inputs>();
  const conflict::State& world = r.world();
  if (!params.enabled) {
    r.system("M12 costs", engine::Cadence::Daily, [](conflict::Context&) {});
    return;
  }
  auto& costs = r.keep<Costs>(inputs.rules, inputs.operations);
  r.checkpoint(costs.spent());
  r.system("M12 costs", engine::Cadence::Daily, [&world, &inputs, &costs](conflict::Context& c) {
    for (const Bill& b : inputs.bills(world))
      costs.day(c.recorder, b.operation, b.budget_per_year, b.strength, b.funding);
  });
  r.series([&costs](engine::Recorder& rec) { costs.declare(rec); });
  r.observer("M12 outputs", engine::Cadence::Monthly,
             [&costs](engine::Recorder& rec) { costs.observe(rec); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M12 costs", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::costs
