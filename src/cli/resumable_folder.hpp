// The folder of an ensemble or a sweep, which the same command resumes after an interruption. Before
// any member runs, the folder is stamped with a JSON file (`ensemble_inputs.json`, `sweep.json`)
// recording what its members are made from: peacesim version, scenario (content hash, path, --set),
// scale, end date, seeds and, for a sweep, its design. A later call resumes the folder only if it
// asks for exactly that; otherwise it is refused with every difference named, so a folder never
// holds members made from two inputs. A folder that is not of the command's own kind (a run folder,
// a sweep given to `ensemble`, any other files) is refused and left untouched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/prepared_run.hpp"

namespace peacesim::cli {

// What every member of an ensemble or sweep of this scenario is made from (the seeds from
// `first_seed`); a sweep adds its design to it.
nlohmann::json member_inputs(const PreparedRun& run, const std::vector<std::string>& overrides,
                             std::uint64_t first_seed);

// Each difference between the inputs a folder holds and those asked now, in words
// ("scale (--scale, people per agent): 100 in the folder, 50 asked"); empty when they agree.
std::vector<std::string> input_differences(const nlohmann::json& held, const nlohmann::json& asked);

// Opens `dir` for a command of kind `what` ("ensemble", "sweep") whose stamp file is `stamp`: a
// missing or empty folder (hidden files aside) is made and stamped with `inputs`; an existing
// one must hold the stamp with the same inputs. Throws output::OutputError, naming the folder and
// what differs, otherwise. Safe when several processes (array jobs) open the same folder at once.
void open_resumable_folder(const std::filesystem::path& dir, const std::string& what,
                           const std::string& stamp, const nlohmann::json& inputs);

}  // namespace peacesim::cli
