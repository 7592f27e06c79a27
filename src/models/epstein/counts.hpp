// What both exact variants report after each step.
#pragma once

#include <cstdint>

namespace peacesim::models::epstein {

struct Counts {
  std::uint64_t quiet = 0;
  std::uint64_t active = 0;
  std::uint64_t jailed = 0;
  std::uint64_t cops = 0;
  friend bool operator==(const Counts&, const Counts&) = default;
};

}  // namespace peacesim::models::epstein
