#include "cli/seeds.hpp"

#include <fmt/format.h>

#include "scenario/error.hpp"

namespace peacesim::cli {

std::vector<std::uint64_t> member_seeds(std::uint64_t first, std::size_t count, const std::string& option) {
  if (count > 0 && (first > kMaxSeed || count - 1 > kMaxSeed - first)) {
    throw scenario::ScenarioError(
        scenario::Location{"<command line>", 0, 0}, option,
        fmt::format("{} seeds from {} would pass {}, the largest seed: choose a smaller {}", count, first,
                    kMaxSeed, option));
  }
  std::vector<std::uint64_t> seeds;
  seeds.reserve(count);
  for (std::size_t i = 0; i < count; ++i) seeds.push_back(first + i);
  return seeds;
}

}  // namespace peacesim::cli
