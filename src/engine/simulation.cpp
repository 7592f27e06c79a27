#include "engine/simulation.hpp"

#include <algorithm>

#include "engine/checkpoint.hpp"
#include "engine/threads.hpp"

namespace peacesim::engine {

namespace {
using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

Simulation::Simulation(Model& model, Clock clock, SimulationOptions options)
    : model_(model), clock_(clock), options_(std::move(options)), random_(options_.seed) {
  model_.declare_outputs(recorder_);
}

void Simulation::resume(const std::string& checkpoint) {
  const std::uint32_t step = load_checkpoint(checkpoint, recorder_, model_);
  if (step > clock_.total_steps()) throw CheckpointError("its step is past the end of this run");
  clock_.seek(step);
  resumed_ = true;
}

SimulationResult Simulation::run() {
  ThreadLimit limit(options_.threads);
  std::vector<System> systems = model_.systems();
  SimulationResult result;
  StepContext context{clock_, random_, recorder_, limit.threads()};

  auto observe = [&](CadenceSet ended, bool initial) {
    for (System& s : systems) {
      if (s.phase != Phase::Observe) continue;
      if (!initial && !ended.contains(s.cadence)) continue;
      s.run(context);
    }
  };
  // Per-system timings by position: a string-keyed map would cost a lookup per system per step.
  std::vector<double> seconds(systems.size(), 0.0);

  // The initial state, recorded as the state at the end of the eve of the start date (a resumed
  // run recorded it before it stopped).
  if (!resumed_) {
    observe({}, true);
    recorder_.close_periods(0, clock_.start().plus_days(-1), {}, true);
  }

  const auto start = SteadyClock::now();
  auto last_checkpoint = start;
  std::uint32_t last_checkpoint_step = clock_.step();
  auto checkpoint_due = [&] {
    if (!options_.checkpoint || clock_.finished()) return false;
    if (options_.checkpoint_every_steps > 0 &&
        clock_.step() - last_checkpoint_step >= options_.checkpoint_every_steps)
      return true;
    return options_.checkpoint_every_seconds > 0 &&
           seconds_since(last_checkpoint) >= options_.checkpoint_every_seconds;
  };
  while (!clock_.finished()) {
    for (std::size_t i = 0; i < systems.size(); ++i) {
      System& s = systems[i];
      if (s.phase != Phase::Step || !clock_.due(s.cadence)) continue;
      const auto t0 = SteadyClock::now();
      s.run(context);
      seconds[i] += seconds_since(t0);
    }
    const CadenceSet ended = clock_.periods_ending();
    observe(ended, false);
    recorder_.close_periods(clock_.step() + 1, clock_.today(), ended);
    clock_.advance();
    result.steps_done = clock_.step();
    if (checkpoint_due()) {
      options_.checkpoint(save_checkpoint(clock_.step(), recorder_, model_), clock_.step());
      last_checkpoint = SteadyClock::now();
      last_checkpoint_step = clock_.step();
    }
    if (options_.on_progress) options_.on_progress(clock_.step(), clock_.total_steps());
    if (options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed)) break;
  }
  result.steps_seconds = seconds_since(start);
  for (std::size_t i = 0; i < systems.size(); ++i) {
    if (systems[i].phase == Phase::Step) result.system_seconds[systems[i].name] += seconds[i];
  }
  result.completed = clock_.finished();
  return result;
}

}  // namespace peacesim::engine
