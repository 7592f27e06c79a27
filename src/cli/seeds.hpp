// The seeds of a command's members: S, S+1, ..., each a whole number 0..kMaxSeed, the range
// `run.seed` takes in a scenario. A span that would run past kMaxSeed is refused, never wrapped.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace peacesim::cli {

inline constexpr std::uint64_t kMaxSeed =
    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// The seeds first, first+1, ..., first+count-1. Throws scenario::ScenarioError naming `option`
// (e.g. "--first-seed") when the last one would pass kMaxSeed.
std::vector<std::uint64_t> member_seeds(std::uint64_t first, std::size_t count, const std::string& option);

}  // namespace peacesim::cli
