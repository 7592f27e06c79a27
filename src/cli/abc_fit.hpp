// What `peacesim fit` asks of ABC-SMC (analysis/abc): the distance of a particle (parameter values)
// from the observations up to the origin, and the checkpoint that makes a fit resumable.
//
// A particle's distance is the mean, over validate's metrics on the window and the scenario's
// patterns that the window can judge, of each one's error: 1 - ρ for a correlation, the value of
// a log-MAE or a share distance, and for a pattern the share of the particle's members in which
// it fails. Each member of each particle has a seed of its own, so that the posterior carries the
// model's chance as well as the data's uncertainty.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/abc/abc_smc.hpp"
#include "cli/parameter_ranges.hpp"
#include "cli/prepared_run.hpp"
#include "validation/metrics.hpp"
#include "validation/patterns.hpp"

namespace peacesim::cli {

struct FitProblem {
  const PreparedRun* run = nullptr;
  std::vector<ParameterRange> ranges;
  validation::Observed observed;              // already cut at the origin
  std::vector<validation::Pattern> patterns;  // those judged within the window
  engine::Date from, to;                      // the window; runs stop at `to`
  std::size_t members = 1;                    // runs per particle
  std::uint64_t seed = 1;                     // keys every member's seed
  unsigned threads = 1;
  const std::atomic<bool>* stop = nullptr;
};

// The patterns of `all` whose every date lies within [.., to].
std::vector<validation::Pattern> patterns_within(const std::vector<validation::Pattern>& all,
                                                 engine::Date to);

// Distances of a batch of particles (values in the ranges' order); throws analysis::Interrupted
// when stopped.
std::vector<double> particle_distances(const FitProblem& problem,
                                       const std::vector<std::vector<double>>& thetas, std::size_t population,
                                       std::size_t batch);

// The checkpoint: the populations made so far and the command they belong to. `load` returns
// none for no file, throws validation::InputError for a file of another command or a damaged one.
void save_populations(const std::filesystem::path& path, const std::string& command,
                      const std::vector<analysis::abc::Population>& populations);
std::vector<analysis::abc::Population> load_populations(const std::filesystem::path& path,
                                                        const std::string& command, std::size_t parameters);

}  // namespace peacesim::cli
