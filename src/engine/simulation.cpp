#include "engine/simulation.hpp"

#include <algorithm>

#include "engine/threads.hpp"

namespace peacesim::engine {

namespace {
using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// The cadences whose period ends once the step just run is over: those due on the next day, and
// all of them on the last day.
std::vector<Cadence> ended_periods(const Clock& clock) {
  std::vector<Cadence> ended;
  const bool last = clock.step() + 1 >= clock.total_steps();
  Clock next = clock;
  next.advance();
  for (Cadence c : {Cadence::Daily, Cadence::Weekly, Cadence::Monthly, Cadence::Yearly}) {
    if (last || next.due(c)) ended.push_back(c);
  }
  return ended;
}
}  // namespace

Simulation::Simulation(Model& model, Clock clock, SimulationOptions options)
    : model_(model), clock_(clock), options_(std::move(options)), random_(options_.seed) {
  model_.declare_outputs(recorder_);
}

SimulationResult Simulation::run() {
  ThreadLimit limit(options_.threads);
  std::vector<System> systems = model_.systems();
  SimulationResult result;
  StepContext context{clock_, random_, recorder_, limit.threads()};

  auto observe = [&](const std::vector<Cadence>& ended, bool initial) {
    for (System& s : systems) {
      if (s.phase != Phase::Observe) continue;
      if (!initial && std::find(ended.begin(), ended.end(), s.cadence) == ended.end()) continue;
      s.run(context);
    }
  };

  // The initial state, recorded as the state at the end of the eve of the start date.
  observe({}, true);
  recorder_.close_periods(0, clock_.start().plus_days(-1), {}, true);

  const auto start = SteadyClock::now();
  while (!clock_.finished()) {
    for (System& s : systems) {
      if (s.phase != Phase::Step || !clock_.due(s.cadence)) continue;
      const auto t0 = SteadyClock::now();
      s.run(context);
      result.system_seconds[s.name] += seconds_since(t0);
    }
    const std::vector<Cadence> ended = ended_periods(clock_);
    observe(ended, false);
    recorder_.close_periods(clock_.step() + 1, clock_.today(), ended);
    clock_.advance();
    result.steps_done = clock_.step();
    if (options_.on_progress) options_.on_progress(clock_.step(), clock_.total_steps());
    if (options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed)) break;
  }
  result.steps_seconds = seconds_since(start);
  result.completed = clock_.finished();
  return result;
}

}  // namespace peacesim::engine
