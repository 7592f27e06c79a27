// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC), in the population Monte
// Carlo form of Beaumont, Cornuet, Marin and Robert (2009, "Adaptive approximate Bayesian
// computation", Biometrika 96: 983-990), with the tolerance chosen adaptively as a quantile of the
// previous population's distances (Drovandi and Pettitt 2011; Del Moral, Doucet and Jasra 2012).
// In our own words:
//
// The parameters θ have independent uniform priors on a box. A simulator maps θ (and its own
// seeds) to a distance d(θ) ≥ 0 between the simulated and the observed summaries. Population 0
// is N draws from the prior, all kept, weights 1/N. Population t ≥ 1 has a tolerance ε_t, the
// q-quantile of population t-1's distances; its particles are proposed by drawing a particle j of
// population t-1 with probability w_j and moving it by a Gaussian kernel K with covariance
// Σ = 2 · (the weighted covariance of population t-1) (Beaumont et al. 2009, §3), and kept when
// they lie in the prior's support and d(θ) ≤ ε_t, until N are kept. A kept particle's weight is
//
//     w_i ∝ π(θ_i) / Σ_j w_j K_Σ(θ_i − θ_j),
//
// normalized to sum 1 (π uniform, so constant inside the box). The weighted particles of the last
// population approximate the posterior given d ≤ ε; ε shrinks from one population to the next.
//
// Determinism: proposals are made in batches of N, each batch from its own counter-based random
// stream keyed by (seed, population, batch); the batch is simulated (in parallel, by the caller)
// and its particles are kept in proposal order until N are kept. The result depends on the seed
// and the simulator only, not on threads.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace peacesim::analysis::abc {

struct Box {
  std::vector<double> low, high;  // the uniform prior's bounds, low < high
  [[nodiscard]] std::size_t size() const { return low.size(); }
  [[nodiscard]] bool contains(const std::vector<double>& theta) const;
};

struct Particle {
  std::vector<double> theta;
  double weight = 0;    // normalized within its population
  double distance = 0;  // d(θ)
};

struct Population {
  double epsilon = 0;                       // the tolerance its particles met (infinite for population 0)
  std::vector<Particle> particles;          // N kept particles
  std::size_t simulations = 0;              // simulations it took
  [[nodiscard]] double acceptance() const;  // N / simulations
  [[nodiscard]] double effective_sample_size() const;  // 1 / Σ w²
};

struct Settings {
  std::size_t particles = 100;   // N
  std::size_t populations = 5;   // including population 0
  double quantile = 0.5;         // q: ε_t is this quantile of population t-1's distances
  std::size_t budget = 10000;    // simulations in all; the last complete population stands
  double min_acceptance = 0.01;  // stop when a population's acceptance falls below this
  std::uint64_t seed = 1;
};

// Distances of a batch of parameter vectors: d[i] for thetas[i]. `population` and `batch` number
// the call (0-based) so that the simulator can key its own seeds on them.
using Simulator = std::function<std::vector<double>(const std::vector<std::vector<double>>& thetas,
                                                    std::size_t population, std::size_t batch)>;

// Why the run stopped after its last population.
enum class Stop { Populations, Budget, Acceptance, Interrupted };
std::string describe(Stop stop);

struct Result {
  std::vector<Population> populations;  // complete populations, 0 first
  std::size_t simulations = 0;          // in all, including an unfinished population's
  Stop stop = Stop::Populations;
};

// Throws std::invalid_argument for an empty or inverted box, fewer than 2 particles, a quantile
// outside (0, 1), or no populations. `done` receives each complete population as it is made (to
// checkpoint it); `progress(population, kept, simulated)` after every batch; `stop` is polled
// between batches. Resumes from `start` (populations made before), which must come from the
// same settings.
Result run(const Box& prior, const Settings& settings, const Simulator& simulate,
           std::vector<Population> start = {}, const std::function<void(const Population&)>& done = {},
           const std::function<void(std::size_t, std::size_t, std::size_t)>& progress = {},
           const std::function<bool()>& stop = {});

// Summaries of a population: the weighted mean, and the weighted q-quantile (q in [0, 1]) of one
// parameter (the smallest value whose cumulative weight reaches q).
std::vector<double> weighted_mean(const Population& population);
double weighted_quantile(const Population& population, std::size_t parameter, double q);

}  // namespace peacesim::analysis::abc
