// Morris's elementary-effects screening (Morris 1991, with Campolongo et al.'s μ*), in our own
// words: which parameters matter for an outcome, at the cost of r·(k+1) model evaluations for k
// parameters.
//
// Each parameter's range is mapped to [0, 1] and cut into p levels {0, 1/(p−1), ..., 1}; the jump
// is Δ = p / (2(p − 1)). A trajectory starts at a random level point x whose coordinates allow a
// jump of Δ, and moves one parameter at a time, in random order, by +Δ (or −Δ when +Δ would leave
// the cube): k + 1 points. Along it, parameter i's elementary effect is
//
//     EE_i = (y(x + Δ·e_i) − y(x)) / Δ            (in the unit scale; ± as the step went)
//
// Over r trajectories: μ_i = mean EE_i, μ*_i = mean |EE_i| (importance: effects of opposite signs
// do not cancel), σ_i = standard deviation of EE_i (non-linearity or interactions). Multiplying by
// 1/(high − low) gives effects per unit of the parameter; the unit scale makes parameters of
// different units comparable, which is what screening needs.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/sensitivity/designs.hpp"

namespace peacesim::analysis::sensitivity {

struct Trajectory {
  std::vector<Point> points;       // k + 1 points in the unit cube
  std::vector<std::size_t> moved;  // moved[j]: the parameter changed between points j and j+1
  std::vector<double> step;        // +Δ or −Δ for that move
};

// r trajectories for k parameters on p levels (p even is the usual choice), from a seed.
std::vector<Trajectory> morris_trajectories(std::size_t parameters, std::size_t trajectories,
                                            std::size_t levels, std::uint64_t seed);

struct Effects {
  std::vector<double> mu, mu_star, sigma;  // by parameter
};

// Elementary effects from the model's values at each trajectory's points (y[t][j] for point j of
// trajectory t).
Effects morris_effects(const std::vector<Trajectory>& trajectories, const std::vector<std::vector<double>>& y,
                       std::size_t parameters);

}  // namespace peacesim::analysis::sensitivity
