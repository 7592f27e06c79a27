#include "analysis/sensitivity/designs.hpp"

#include <numeric>
#include <stdexcept>

#include "engine/random.hpp"

namespace peacesim::analysis::sensitivity {

namespace {
constexpr engine::StreamId kDesignStream = 0x5E01;
}

std::vector<Point> grid_design(std::size_t parameters, std::size_t levels) {
  if (parameters == 0 || levels < 2)
    throw std::invalid_argument("a grid needs parameters and at least 2 levels");
  std::size_t total = 1;
  for (std::size_t k = 0; k < parameters; ++k) {
    if (total > 1'000'000 / levels) throw std::invalid_argument("a grid of more than a million points");
    total *= levels;
  }
  std::vector<Point> out(total, Point(parameters));
  for (std::size_t i = 0; i < total; ++i) {
    std::size_t rest = i;
    for (std::size_t k = parameters; k-- > 0;) {
      out[i][k] = static_cast<double>(rest % levels) / static_cast<double>(levels - 1);
      rest /= levels;
    }
  }
  return out;
}

std::vector<Point> latin_hypercube(std::size_t parameters, std::size_t points, std::uint64_t seed) {
  if (parameters == 0 || points == 0)
    throw std::invalid_argument("a Latin hypercube needs parameters and points");
  const engine::RandomStreams random(seed);
  std::vector<Point> out(points, Point(parameters));
  for (std::size_t k = 0; k < parameters; ++k) {
    auto draws = random.draws(kDesignStream, static_cast<std::uint32_t>(k), 0);
    std::vector<std::size_t> stratum(points);
    std::iota(stratum.begin(), stratum.end(), 0);
    // Fisher-Yates with the keyed stream: the permutation is part of the design's identity.
    for (std::size_t i = points; i > 1; --i) {
      const auto j = static_cast<std::size_t>(draws.uniform() * static_cast<double>(i));
      std::swap(stratum[i - 1], stratum[j < i ? j : i - 1]);
    }
    for (std::size_t i = 0; i < points; ++i) {
      out[i][k] = (static_cast<double>(stratum[i]) + draws.uniform()) / static_cast<double>(points);
    }
  }
  return out;
}

std::vector<double> scale(const Point& unit, const std::vector<double>& low,
                          const std::vector<double>& high) {
  std::vector<double> out(unit.size());
  for (std::size_t k = 0; k < unit.size(); ++k) out[k] = low[k] + unit[k] * (high[k] - low[k]);
  return out;
}

}  // namespace peacesim::analysis::sensitivity
