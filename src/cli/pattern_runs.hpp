// The patterns of a scenario (validation/patterns.hpp) checked on a set of runs, as
// `peacesim patterns` and `peacesim backtest` print and write them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "validation/patterns.hpp"

namespace peacesim::cli {

// results[member][pattern], for the members' seeds.
struct PatternTable {
  std::vector<validation::Pattern> patterns;
  std::vector<std::uint64_t> seeds;
  std::vector<std::vector<validation::PatternResult>> results;
};

// Every pattern of one finished run.
std::vector<validation::PatternResult> check_patterns(const std::vector<validation::Pattern>& patterns,
                                                      const engine::Recorder& run);

// Per pattern: id, kind, text, source, holds_in, runs, share, and every run's seed, result and
// detail.
nlohmann::json patterns_json(const PatternTable& table);

// One line per pattern: how many runs it holds in, and the first run's measurement.
void print_patterns(const PatternTable& table);

}  // namespace peacesim::cli
