// Where to run a scenario in its parameter space: points of a design in the unit cube [0, 1]^k,
// mapped to each parameter's range by x = low + u · (high − low).
//
// - grid: `levels` evenly spaced values per parameter (0, 1/(levels−1), ..., 1), every
//   combination: levels^k points, in lexicographic order (the last parameter fastest);
// - Latin hypercube: n points; each parameter's range is cut into n equal strata and each stratum
//   is used exactly once, at a uniform position inside it, the strata matched across parameters
//   by independent random permutations. Random numbers come from the project's counter-based
//   streams, so a design is the same for the same seed on any machine.
#pragma once

#include <cstdint>
#include <vector>

namespace peacesim::analysis::sensitivity {

using Point = std::vector<double>;  // one coordinate per parameter, in [0, 1]

std::vector<Point> grid_design(std::size_t parameters, std::size_t levels);
std::vector<Point> latin_hypercube(std::size_t parameters, std::size_t points, std::uint64_t seed);

// From the unit cube to the parameters' ranges.
std::vector<double> scale(const Point& unit, const std::vector<double>& low, const std::vector<double>& high);

}  // namespace peacesim::analysis::sensitivity
