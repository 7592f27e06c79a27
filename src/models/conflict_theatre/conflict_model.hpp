// The theatre model with its operational layer (issues 5, 16): the state built from the scenario
// (build_state.hpp), the scenario's daily decisions (scenario_inputs.hpp) and the mechanisms, each
// one module (mechanisms.hpp lists them and the order of a day), installed in one registry that
// holds their parameters, states, series and systems. Results come from the mechanisms.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "mechanisms/conflict/module.hpp"
#include "models/conflict_theatre/build_state.hpp"
#include "models/conflict_theatre/schedule_model.hpp"

namespace peacesim::models::conflict_theatre {

class ConflictModel final : public engine::Model {
 public:
  ConflictModel(TheatreWorld world, DynamicsSpec spec, const engine::ParameterSet& parameters,
                engine::Date start, engine::Date end, double people_per_agent, std::uint64_t seed);

  void declare_outputs(engine::Recorder& recorder) override;
  std::vector<engine::System> systems() override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> run_files(RunFiles which) const override;
  [[nodiscard]] std::size_t agent_count() const override { return built_.state.people.size(); }
  // Checkpoints: every module's state, as the registry holds them (the rest is made again from the
  // scenario when the model is built).
  [[nodiscard]] bool can_checkpoint() const override { return true; }
  void save_state(std::ostream& out) const override { registry_->save(out); }
  void load_state(std::istream& in) override { registry_->load(in); }

  [[nodiscard]] const mechanisms::conflict::State& state() const { return built_.state; }
  [[nodiscard]] const mechanisms::events::EventLog& event_log() const { return registry_->log(); }
  [[nodiscard]] const mechanisms::conflict::Registry& registry() const { return *registry_; }

 private:
  ScheduleModel schedule_;
  DynamicsSpec spec_;
  BuiltState built_;
  std::unique_ptr<mechanisms::conflict::Registry> registry_;
  engine::Date start_, end_;
};

}  // namespace peacesim::models::conflict_theatre
