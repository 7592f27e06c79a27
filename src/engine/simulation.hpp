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
  // Checkpoints (engine/checkpoint.hpp): after a step, when this many steps or seconds have
  // passed since the last one (0: never), `checkpoint` gets the state's bytes and the step.
  std::uint32_t checkpoint_every_steps = 0;
  double checkpoint_every_seconds = 0.0;
  std::function<void(const std::string& bytes, std::uint32_t step)> checkpoint;
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

  // Goes on from a checkpoint (before run()): the steps already done, what was recorded, the
  // model's state. Throws CheckpointError for bytes it cannot read.
  void resume(const std::string& checkpoint);

  SimulationResult run();

  [[nodiscard]] const Recorder& recorder() const { return recorder_; }
  [[nodiscard]] const Clock& clock() const { return clock_; }

 private:
  Model& model_;
  Clock clock_;
  SimulationOptions options_;
  RandomStreams random_;
  Recorder recorder_;
  bool resumed_ = false;
};

}  // namespace peacesim::engine
