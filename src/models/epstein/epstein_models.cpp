#include "models/epstein/epstein_models.hpp"

#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "models/epstein/mesa_world.hpp"
#include "models/epstein/netlogo_world.hpp"
#include "models/epstein/params.hpp"
#include "scenario/error.hpp"

namespace peacesim::models::epstein {

namespace {

// The engine's view of a world: a step system and an observer that sets the four gauges.
template <class World>
class EpsteinModel final : public engine::Model {
 public:
  EpsteinModel(const Params& params, std::uint64_t seed, Variant variant)
      : world_(make_world(params, seed, variant)), variant_(variant) {}

  void declare_outputs(engine::Recorder& r) override {
    using engine::Cadence;
    using engine::SeriesKind;
    quiet_ = r.declare(
        {"quiet", "citizens", "citizens neither active nor jailed", SeriesKind::Gauge, Cadence::Daily});
    active_ =
        r.declare({"active", "citizens", "citizens in open rebellion", SeriesKind::Gauge, Cadence::Daily});
    jailed_ = r.declare({"jailed", "citizens", "citizens in jail", SeriesKind::Gauge, Cadence::Daily});
    cops_ = r.declare({"cops", "cops", "cops on the grid", SeriesKind::Gauge, Cadence::Daily});
  }

  std::vector<engine::System> systems() override {
    return {{"epstein_step", engine::Cadence::Daily, engine::Phase::Step,
             [this](engine::StepContext& c) { step(c.clock.step()); }},
            {"epstein_counts", engine::Cadence::Daily, engine::Phase::Observe,
             [this](engine::StepContext& c) { observe(c.recorder); }}};
  }

  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const override {
    const auto n = world_.counts();
    return {{"citizens", fmt::format("{}", n.quiet + n.active + n.jailed)},
            {"cops", fmt::format("{}", n.cops)},
            {"active (end)", fmt::format("{}", n.active)},
            {"jailed (end)", fmt::format("{}", n.jailed)}};
  }

  [[nodiscard]] std::size_t agent_count() const override { return world_.agents(); }

  // Checkpoints: the world's state (the series ids are declared again).
  [[nodiscard]] bool can_checkpoint() const override { return true; }
  void save_state(std::ostream& out) const override { world_.save_state(out); }
  void load_state(std::istream& in) override { world_.load_state(in); }

 private:
  static World make_world(const Params& params, std::uint64_t seed, Variant variant) {
    if constexpr (std::is_same_v<World, MesaWorld>) {
      return MesaWorld(params, seed, 64,
                       variant == Variant::Parallel ? MesaWorld::Use::Parallel : MesaWorld::Use::Exact);
    } else {
      return World(params, seed);
    }
  }

  void step(std::uint32_t step) {
    if constexpr (std::is_same_v<World, MesaWorld>) {
      if (variant_ == Variant::Parallel) {
        world_.step_parallel(step);
      } else {
        world_.step_exact(step);
      }
    } else {
      world_.step(step);
    }
  }

  void observe(engine::Recorder& r) const {
    const auto n = world_.counts();
    r.set(quiet_, 0, static_cast<double>(n.quiet));
    r.set(active_, 0, static_cast<double>(n.active));
    r.set(jailed_, 0, static_cast<double>(n.jailed));
    r.set(cops_, 0, static_cast<double>(n.cops));
  }

  World world_;
  Variant variant_;
  engine::SeriesId quiet_ = 0;
  engine::SeriesId active_ = 0;
  engine::SeriesId jailed_ = 0;
  engine::SeriesId cops_ = 0;
};

template <class World>
ModelInfo info(std::string name, std::string summary, Variant variant) {
  ModelInfo m;
  m.name = std::move(name);
  m.summary = std::move(summary);
  m.parameters = parameter_specs(variant);
  m.make = [variant](const ModelInput& in) -> std::unique_ptr<engine::Model> {
    try {
      return std::make_unique<EpsteinModel<World>>(params_from(in.parameters), in.seed, variant);
    } catch (const std::invalid_argument& e) {
      // A combination of parameters the model cannot run (each value was checked against its range).
      const scenario::Node* where = in.scenario.root.get("parameters");
      throw scenario::ScenarioError(where != nullptr ? where->where() : in.scenario.root.where(),
                                    "parameters", e.what());
    }
  };
  return m;
}

}  // namespace

ModelInfo epstein_mesa_info() {
  return info<MesaWorld>(
      "epstein_mesa",
      "Epstein's civil violence (2002) exactly as Mesa 3.3.1's example: von Neumann vision, "
      "random activation, jailed citizens keep their cell",
      Variant::Mesa);
}

ModelInfo epstein_netlogo_info() {
  return info<NetLogoWorld>(
      "epstein_netlogo",
      "Epstein's civil violence (2002) exactly as NetLogo's Rebellion: Euclidean vision, "
      "move then act, floor(C/A), jail terms 0..J-1",
      Variant::NetLogo);
}

ModelInfo epstein_parallel_info() {
  return info<MesaWorld>(
      "epstein_parallel",
      "Epstein's civil violence with Mesa's rules and a partitioned parallel update order; "
      "results identical for any number of threads",
      Variant::Parallel);
}

}  // namespace peacesim::models::epstein
