#include "mechanisms/conflict/module.hpp"

#include <algorithm>
#include <map>

namespace peacesim::mechanisms::conflict {

void record_by_region(engine::Recorder& recorder, engine::SeriesId id, const std::vector<double>& by_region) {
  double total = 0.0;
  for (std::size_t r = 0; r < by_region.size(); ++r) {
    recorder.set(id, static_cast<engine::RegionIndex>(r + 1), by_region[r]);
    total += by_region[r];
  }
  recorder.set(id, 0, total);
}

std::vector<engine::ParameterSpec> parameter_specs(const std::vector<const Module*>& modules) {
  std::vector<engine::ParameterSpec> out;
  std::map<std::string, std::string> owner;
  for (const Module* m : modules) {
    for (auto& spec : m->parameters()) {
      const auto [it, fresh] = owner.emplace(spec.name, m->name);
      if (!fresh) {
        throw engine::RegistryError("parameter '" + spec.name + "' of module '" + m->name +
                                    "' is already declared by module '" + it->second + "'");
      }
      out.push_back(std::move(spec));
    }
  }
  return out;
}

Registry::Registry(State& world, const engine::ParameterSet& parameters)
    : engine::Registry(parameters), world_(world), ops_(std::make_unique<PeopleOps>(world)) {
  begin("shared state");
  checkpoint(world_);
  checkpoint(ops_->carry());
}

void Registry::install(const Module& module) {
  begin(module.name);
  const std::size_t before = bound().size();
  module.install(*this);
  std::vector<std::string> names;
  for (const auto& spec : module.parameters()) names.push_back(spec.name);
  if (!std::equal(names.begin(), names.end(), bound().begin() + static_cast<std::ptrdiff_t>(before),
                  bound().end())) {
    throw engine::RegistryError("module '" + module.name +
                                "' binds other parameters than it declares (its parameters() and install "
                                "must use the same tables, in the same order)");
  }
}

void Registry::system(std::string name, engine::Cadence cadence, std::function<void(Context&)> run) {
  engine::Registry::system(
      {std::move(name), cadence, engine::Phase::Step, [this, run = std::move(run)](engine::StepContext& c) {
         Context context{c.random, c.recorder, log_, *ops_, casualties_, c.threads};
         run(context);
       }});
}

void Registry::observer(std::string name, engine::Cadence cadence,
                        std::function<void(engine::Recorder&)> observe) {
  engine::Registry::system({std::move(name), cadence, engine::Phase::Observe,
                            [observe = std::move(observe)](engine::StepContext& c) { observe(c.recorder); }});
}

}  // namespace peacesim::mechanisms::conflict
