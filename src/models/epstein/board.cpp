#include "models/epstein/board.hpp"

#include <algorithm>
#include <stdexcept>

namespace peacesim::models::epstein {

Geometry::Geometry(std::uint32_t width, std::uint32_t height, std::uint32_t pad, std::uint32_t slack)
    : width_(width), height_(height), pad_(pad) {
  if (width < 2 * pad + 1 || height < 2 * pad + 1) {
    throw std::invalid_argument("grid sides must be at least 2*pad+1");
  }
  stride_ = std::bit_ceil(width + 2 * pad + slack);
  shift_ = static_cast<std::uint32_t>(std::countr_zero(stride_));
  if (padded_cells() >= (std::size_t{1} << 32)) throw std::invalid_argument("grid too large");
}

}  // namespace peacesim::models::epstein
