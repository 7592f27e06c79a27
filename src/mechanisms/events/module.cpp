// M13 as one module: its switch, the log's totals as its state and its series. The log itself is
// the layer's (every mechanism emits events through conflict::Context).
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/events/event_log.hpp"

namespace peacesim::mechanisms::events {

using engine::on_off;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("events_enabled", &Params::enabled,
             "assumption: a switch (MODEL.md §4); large ensembles may need only the series",
             "Keep M13's event rows (ACLED schema); off, only the monthly series count events"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  EventLog& log = r.log();
  log.set_enabled(params.enabled);
  r.checkpoint(log.totals());
  r.series([&log](engine::Recorder& rec) { log.declare(rec); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M13 events", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::events
