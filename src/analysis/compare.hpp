// Ensemble comparison of two scenarios (issue 6, item 5): N members of each, with common random
// numbers by default (member i of both runs with the same seed, so the randomness the two share
// cancels in the difference), and for every outcome the mean difference with a 90 % interval.
//
// With common random numbers the interval is the paired Student-t interval of d_i = v_i − b_i:
//     mean(d) ± t(0.95, N−1) · sd(d) / √N.
// Without them (`independent`: the variant's members take seeds N+1..2N) it is Welch's interval
// for the difference of two means. Both are at 90 %; both assume roughly normal means, which
// ensembles of 20 or more members give for the sums and averages compared here.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/outcomes.hpp"
#include "engine/calendar.hpp"
#include "engine/model.hpp"
#include "engine/recorder.hpp"

namespace peacesim::analysis {

struct CompareOptions {
  std::size_t runs = 20;
  std::uint64_t first_seed = 1;
  bool independent = false;  // no common random numbers
  unsigned threads = 1;      // members run side by side; each member runs on one thread
  std::function<void(std::size_t done, std::size_t total)> on_progress;
};

// Makes a fresh model for a seed (models may draw their initial state from it).
using ModelFactory = std::function<std::unique_ptr<engine::Model>(std::uint64_t seed)>;

struct Arm {
  ModelFactory make;
  engine::Date start, end;
};

struct Difference {
  std::string outcome;
  double base_mean = 0, variant_mean = 0;
  double mean = 0;           // variant − base
  double low = 0, high = 0;  // 90 % interval of the difference
  std::size_t n = 0;
  // With members in pairs that share a parameter draw (a posterior): the share of the paired
  // differences' variance that the draws explain, 1 − (within-pair variance) / (total variance);
  // the rest is chance. None without pairs or without spread.
  std::optional<double> parameter_share;
  // With pairs: the share of the pairs (draws) whose mean difference has the sign of `mean` (1: the
  // sign holds across the posterior), and every member's difference (variant − base), in order.
  std::optional<double> sign_holds;
  std::vector<double> member_differences;
};

// The share of the variance of x explained by the pairs (x[2j], x[2j+1]) sharing something (a
// parameter draw): 1 − mean_j (x[2j] − x[2j+1])² / 2 / var(x), clamped to [0, 1] (one-way analysis
// of variance with groups of two). None for fewer than two pairs or no variance. An odd last
// member is left out.
std::optional<double> paired_share(const std::vector<double>& x);

// The share of the pairs (x[2j], x[2j+1]) whose mean has the sign of `overall` (zero counts as
// agreeing with zero only); none for no complete pair.
std::optional<double> pairs_with_sign_of(const std::vector<double>& x, double overall);

struct Comparison {
  std::vector<Difference> differences;  // every outcome present in both arms, by name
  std::vector<std::uint64_t> base_seeds, variant_seeds;
  bool common_random_numbers = true;
  bool pairs_share_draws = false;  // members 2j and 2j+1 share a parameter draw (parameter_share set)
};

// Runs the members of one arm (one per seed) side by side (engine/threads.hpp), each on one
// thread, and returns each member's outcomes; `one_done` is called as each finishes.
std::vector<Outcomes> run_members(const Arm& arm, const std::vector<std::uint64_t>& seeds, unsigned threads,
                                  const std::function<void()>& one_done);

// Stopped by a stop flag (Ctrl-C): the members that ran are lost, nothing is returned.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// The ensemble path every analysis shares: runs every arm's members (arm a, seed s at index
// a · seeds + s) side by side (engine/threads.hpp), each on one thread, and hands each finished
// member's recorder to `visit` (on the thread that ran it; each index once). With `stop`, a raised
// flag ends the members early and throws Interrupted.
void run_points_visiting(const std::vector<Arm>& arms, const std::vector<std::uint64_t>& seeds,
                         unsigned threads,
                         const std::function<void(std::size_t index, const engine::Recorder& run)>& visit,
                         const std::function<void()>& one_done, const std::atomic<bool>* stop = nullptr);

// The same for n runs, run i being arm_of(i) at seed_of(i) (a fit's particles, each with seeds of
// its own).
void run_pairs_visiting(std::size_t n, const std::function<const Arm&(std::size_t)>& arm_of,
                        const std::function<std::uint64_t(std::size_t)>& seed_of, unsigned threads,
                        const std::function<void(std::size_t index, const engine::Recorder& run)>& visit,
                        const std::function<void()>& one_done, const std::atomic<bool>* stop = nullptr);

// Runs every arm's members (arm a, seed s at index a · seeds + s) in one pool of threads.
std::vector<Outcomes> run_points(const std::vector<Arm>& arms, const std::vector<std::uint64_t>& seeds,
                                 unsigned threads, const std::function<void()>& one_done);

// A mean over members with its 90 % Student-t interval.
struct MeanInterval {
  double mean = 0, low = 0, high = 0;
};
MeanInterval mean_interval(const std::vector<double>& values);

// Runs both arms and compares them. Outcomes missing from a member count as 0.
Comparison compare(const Arm& base, const Arm& variant, const CompareOptions& options);
// The same with an arm per member (each member's parameters: a posterior's draws), base and
// variant member i sharing the seed and the draw; `pairs_share_draws` when members 2j and 2j+1
// have the same draw, to split each difference's spread between the draws and chance.
Comparison compare(const std::vector<Arm>& base, const std::vector<Arm>& variant,
                   const CompareOptions& options, bool pairs_share_draws);

// The statistics alone, for given member outcomes (paired when `paired`).
Difference difference(const std::string& name, const std::vector<double>& base,
                      const std::vector<double>& variant, bool paired);

}  // namespace peacesim::analysis
