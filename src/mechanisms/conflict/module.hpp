// A mechanism of the operational layer as one module (issue 16): a name, its parameters and one
// install function that registers everything else with the layer's registry (its random streams,
// its state, its series, its systems with their cadence). A model lists the modules it runs
// (models/conflict_theatre/mechanisms.cpp); nothing else needs to know a mechanism's names or fields.
//
//     void install(conflict::Registry& r) {                  // civilians/module.cpp
//       const Params& params = r.parameters(parameter_table());  // bound once
//       r.stream(kStream);                                       // unique in the model
//       Memory& memory = r.state<Memory>();                      // checkpointed as a whole
//       r.system("M6 civilians", engine::Cadence::Daily,
//                [&world, &params, &memory](conflict::Context& c) { act(world, c, params, memory); });
//     }
//     const conflict::Module& module() {
//       static const conflict::Module m{"M6 civilians", [] { return parameter_table().specs(); }, install};
//       return m;
//     }
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/registry.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/conflict/people_ops.hpp"
#include "mechanisms/conflict/state.hpp"
#include "mechanisms/events/event_log.hpp"

namespace peacesim::mechanisms::conflict {

class Registry;

// Sets a gauge for every region (recorder region r + 1) and the national total (region 0).
void record_by_region(engine::Recorder& recorder, engine::SeriesId id, const std::vector<double>& by_region);

struct Module {
  std::string name;  // also the name of its main system, e.g. "M1 grievance"
  std::function<std::vector<engine::ParameterSpec>()> parameters;  // what install binds, in order
  void (*install)(Registry& registry);
};

// The parameters of a list of modules, in order. Throws engine::RegistryError for a name two
// modules declare, naming both.
std::vector<engine::ParameterSpec> parameter_specs(const std::vector<const Module*>& modules);

// The engine's registry over the shared state, with the services every mechanism uses (the event
// log, the people operations, the casualty series) and systems that get the layer's Context.
class Registry final : public engine::Registry {
 public:
  // The shared state is checkpointed as a whole, with the people operations' carries.
  Registry(State& world, const engine::ParameterSet& parameters);

  // Installs one module; throws engine::RegistryError if what it binds is not what it declares.
  void install(const Module& module);

  [[nodiscard]] State& world() { return world_; }
  [[nodiscard]] events::EventLog& log() { return log_; }
  [[nodiscard]] const events::EventLog& log() const { return log_; }
  [[nodiscard]] PeopleOps& ops() { return *ops_; }
  // The state's side's casualty series, by force (0 = the army): declared by M5, used by any
  // mechanism that kills soldiers.
  [[nodiscard]] std::vector<engine::SeriesId>& casualty_series() { return casualties_; }

  using engine::Registry::system;
  // A Step system running with the layer's context.
  void system(std::string name, engine::Cadence cadence, std::function<void(Context&)> run);
  // An Observe system: sets the module's gauges at the end of each period (and at step 0).
  void observer(std::string name, engine::Cadence cadence, std::function<void(engine::Recorder&)> observe);

 private:
  State& world_;
  events::EventLog log_;
  std::unique_ptr<PeopleOps> ops_;
  std::vector<engine::SeriesId> casualties_;
};

}  // namespace peacesim::mechanisms::conflict
