// Runs a model over the calendar: systems in order, each on its cadence; observers at period ends;
// the recorder closing periods. Knows nothing about files.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "engine/calendar.hpp"
#include "engine/model.hpp"
#include "engine/random.hpp"
#include "engine/recorder.hpp"

namespace peacesim::engine {

struct SimulationOptions {
  std::uint64_t seed = 1;
  unsigned threads = 1;
  // Called after every step with (steps done, total steps); may be empty.
  std::function<void(std::uint32_t, std::uint32_t)> on_progress;
  // Set from another thread or a signal handler to stop at the end of the current step.
  const std::atomic<bool>* stop = nullptr;
};

struct SimulationResult {
  bool completed = false;  // false when stopped early
  std::uint32_t steps_done = 0;
  double steps_seconds = 0.0;                    // wall time of the steps (set-up excluded)
  std::map<std::string, double> system_seconds;  // wall time per system
};

class Simulation {
 public:
  Simulation(Model& model, Clock clock, SimulationOptions options);

  SimulationResult run();

  [[nodiscard]] const Recorder& recorder() const { return recorder_; }
  [[nodiscard]] const Clock& clock() const { return clock_; }

 private:
  Model& model_;
  Clock clock_;
  SimulationOptions options_;
  RandomStreams random_;
  Recorder recorder_;
};

}  // namespace peacesim::engine
