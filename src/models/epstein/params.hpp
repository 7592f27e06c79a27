// Parameters of Epstein's civil-violence model (MODEL.md §7), shared by its three variants.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/parameters.hpp"
#include "engine/random.hpp"

namespace peacesim::models::epstein {

// The three ways peacesim runs the model.
//  Mesa:     Mesa 3.3.1's example, exactly (random activation order, sequential).
//  NetLogo:  NetLogo's "Rebellion", exactly (random turtle order, sequential).
//  Parallel: Mesa's rules with a partitioned update order (see mesa_world.hpp), for many threads.
enum class Variant : std::uint8_t { Mesa, NetLogo, Parallel };

struct Params {
  std::uint32_t width = 40;
  std::uint32_t height = 40;
  double citizen_density = 0.7;
  double cop_density = 0.074;
  std::uint32_t citizen_vision = 7;
  std::uint32_t cop_vision = 7;
  double legitimacy = 0.8;
  std::uint32_t max_jail_term = 1000;
  double active_threshold = 0.1;
  double arrest_prob_constant = 2.3;
  bool movement = true;
  // Legitimacy schedule: L falls by `legitimacy_drop` along a linear ramp that starts with step
  // `legitimacy_drop_start` (steps are numbered from 1) and lasts `legitimacy_drop_steps` steps;
  // a ramp of one step is a sudden drop.
  double legitimacy_drop = 0.0;
  std::uint32_t legitimacy_drop_start = 1;
  std::uint32_t legitimacy_drop_steps = 1;

  // Legitimacy in force during step number `step_number` (1 for the first step).
  [[nodiscard]] double legitimacy_at(std::uint32_t step_number) const;

  [[nodiscard]] std::uint32_t max_vision() const {
    return citizen_vision > cop_vision ? citizen_vision : cop_vision;
  }

  // Throws std::invalid_argument when the combination cannot be run (densities summing past 1,
  // a grid narrower than a vision window, a drop below zero legitimacy).
  void validate() const;
};

Params mesa_defaults();
Params netlogo_defaults();

// The declared parameters (defaults, ranges, units, sources) of a variant.
std::vector<engine::ParameterSpec> parameter_specs(Variant variant);

// Reads a run's values.
Params params_from(const engine::ParameterSet& set);

// Random streams of the model (engine::StreamId). Chosen from 0x3E00 ("E" for Epstein) upwards
// so that they never meet another model's streams.
namespace streams {
inline constexpr engine::StreamId kPlacement = 0x3E00;      // initial placement and attributes
inline constexpr engine::StreamId kOrder = 0x3E01;          // activation order (bucket draws)
inline constexpr engine::StreamId kOrderBucket = 0x3E02;    // activation order (within buckets)
inline constexpr engine::StreamId kActSequential = 0x3E03;  // agents' draws, sequential variants
inline constexpr engine::StreamId kActByTile = 0x3E04;      // parallel variant: agents' draws, per tile
inline constexpr engine::StreamId kTiling = 0x3E05;         // parallel variant: tiling and phases
inline constexpr engine::StreamId kTileOrder = 0x3E06;      // parallel variant: order within a tile
inline constexpr engine::StreamId kActSingle = 0x3E07;      // one agent's turn on its own (tests)
}  // namespace streams

}  // namespace peacesim::models::epstein
