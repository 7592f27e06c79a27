// Checkpoints of one run: between two steps, everything that changes (the step, what the recorder
// holds, the model's state) as bytes; read back into a simulation made afresh from the same
// scenario and seed, the run goes on exactly as if it had never stopped (the random streams are
// counter-based: keyed by seed and step, they hold no state).
//
// The bytes are cereal's binary archives: fast, for the same build on the same machine. Whoever
// stores them (cli/run_checkpoint.hpp) says which run and version they belong to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "engine/input_file.hpp"

namespace peacesim::engine {

class Model;
class Recorder;

class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The state after `step` steps. Throws CheckpointError if the model cannot checkpoint.
std::string save_checkpoint(std::uint32_t step, const Recorder& recorder, const Model& model);

// Restores a state saved by save_checkpoint into a freshly made model and its recorder (whose
// outputs are declared); returns the step. Throws CheckpointError for bytes it cannot read.
std::uint32_t load_checkpoint(const std::string& bytes, Recorder& recorder, Model& model);

// The largest checkpoint file read back: far above the reference scenario's run at one agent per person, and
// a bound on what a file put in a checkpoint's place can make a run read. Documented in
// docs/scenario-format.md ("Limits").
inline constexpr std::uint64_t kMaxCheckpointBytes = 4096 * kMiB;

// Reads a checkpoint file: a regular file of at most kMaxCheckpointBytes. Throws InputFileError.
std::string read_checkpoint_file(const std::filesystem::path& path);

}  // namespace peacesim::engine
