// Draws the mechanisms share, on top of the engine's keyed Philox draws.
#pragma once

#include <boost/random/gamma_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include "engine/random.hpp"

namespace peacesim::mechanisms::conflict {

// A Poisson count with the given mean: exact (by inversion) below 30, normal approximation
// with continuity correction above (error under 1 % there, far below the model's uncertainty).
inline std::uint32_t poisson(engine::RandomDraws& draws, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean < 30.0) {
    double p = std::exp(-mean);
    double cumulative = p;
    const double u = draws.uniform();
    std::uint32_t k = 0;
    while (u > cumulative && k < 200) {
      ++k;
      p *= mean / static_cast<double>(k);
      cumulative += p;
    }
    return k;
  }
  const double x = std::floor(mean + std::sqrt(mean) * draws.standard_normal() + 0.5);
  return x <= 0.0 ? 0u : static_cast<std::uint32_t>(x);
}

// Keyed draws as a C++ uniform random bit generator, for Boost.Random's distributions.
struct DrawBits {
  engine::RandomDraws& draws;
  using result_type = std::uint32_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return draws.next_u32(); }
};

// An overdispersed count: negative binomial with the given mean and shape k (a Poisson whose mean
// is Gamma(k, mean / k) distributed), variance mean + mean² / k. Small k gives many zeros and a
// long tail, as ACLED's fatalities per event have; k <= 0 means no overdispersion (Poisson).
inline std::uint32_t negative_binomial(engine::RandomDraws& draws, double mean, double k) {
  if (!(mean > 0.0)) return 0;
  if (!(k > 0.0)) return poisson(draws, mean);
  DrawBits bits{draws};
  boost::random::gamma_distribution<double> gamma(k, mean / k);
  return poisson(draws, gamma(bits));
}

// Index drawn with probability proportional to weights[i] (all >= 0); `total` is their sum > 0.
template <typename Weights>
std::size_t weighted_pick(engine::RandomDraws& draws, const Weights& weights, double total) {
  double u = draws.uniform() * total;
  std::size_t last = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    last = i;
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return last;
}

}  // namespace peacesim::mechanisms::conflict
