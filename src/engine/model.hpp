// What a model is to the engine: a set of mechanisms ("systems"), each with a cadence, plus the
// outputs it declares. The model owns its state; the engine owns time, randomness, threads and
// recording. This separates the description of a model from its execution.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/random.hpp"
#include "engine/recorder.hpp"

namespace peacesim::engine {

// What a system sees when it runs.
struct StepContext {
  const Clock& clock;
  const RandomStreams& random;
  Recorder& recorder;
  unsigned threads;  // the most threads a system may use
};

enum class Phase : std::uint8_t {
  Step,     // changes the model's state
  Observe,  // reads the state and sets gauges; runs at step 0 and when its cadence's period ends
};

struct System {
  std::string name;
  Cadence cadence = Cadence::Daily;
  Phase phase = Phase::Step;
  std::function<void(StepContext&)> run;
};

class Model {
 public:
  virtual ~Model() = default;
  Model() = default;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Declares regions, series and anything else the model records. Called once, before the run.
  virtual void declare_outputs(Recorder& recorder) = 0;

  // The systems in the order they run within a step.
  virtual std::vector<System> systems() = 0;

  // A few headline figures for the end-of-run summary (label, value), in display order.
  [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> summary() const { return {}; }

  // Files the model writes beside its results (name, content), from what it has read. `Own`: what
  // every run folder keeps (a theatre model's region table, for validation); `Shared`: what all
  // runs of one scenario share, which an ensemble writes once in its own folder (a theatre model's
  // map and description, for the dashboard). A single run writes both.
  enum class RunFiles { Own, Shared };
  [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> run_files(RunFiles /*which*/) const {
    return {};
  }

  // Agents (or other entities) the model holds, for progress rates and memory reports.
  [[nodiscard]] virtual std::size_t agent_count() const { return 0; }

  // Checkpoints (engine/checkpoint.hpp): a model that can write its whole changing state between
  // two steps, and read it back into a model freshly made from the same scenario and seed, says
  // so; the run then goes on exactly as if it had never stopped.
  [[nodiscard]] virtual bool can_checkpoint() const { return false; }
  virtual void save_state(std::ostream& /*out*/) const {}
  virtual void load_state(std::istream& /*in*/) {}
};

}  // namespace peacesim::engine
