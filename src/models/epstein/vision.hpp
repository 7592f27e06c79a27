// Vision windows and the arithmetic of the arrest-probability rule.
//
// A window is stored as one span of columns per row offset, so that counting what an agent sees
// means reading 2v+1 contiguous runs of cells instead of visiting 112 or 149 cells one by one.
#pragma once

#include <cstdint>
#include <vector>

namespace peacesim::models::epstein {

// The cells dc in [-half, half] of row offset dr.
struct RowSpan {
  int dr;
  int half;
};

// Mesa's OrthogonalVonNeumannGrid neighbourhood of radius r: |dr| + |dc| <= r. Mesa builds it by
// a breadth-first walk along the four orthogonal links, which reaches exactly this diamond.
std::vector<RowSpan> diamond_rows(int radius);

// NetLogo's `patches in-radius r` for integer r: patch centres with dr^2 + dc^2 <= r^2.
std::vector<RowSpan> disc_rows(int radius);

// Cells covered by the spans, counting the centre cell or not.
std::uint32_t window_cells(const std::vector<RowSpan>& rows, bool include_centre);

// round(c / a) for non-negative integers, ties to even, as Python 3's round() does on the float
// c / a (exactly: a tie is possible only when 2c/a is an odd integer, which the float represents
// exactly for the small counts a vision window holds). a must be > 0.
constexpr std::uint32_t round_half_even_ratio(std::uint32_t c, std::uint32_t a) {
  const std::uint32_t q = c / a;
  const std::uint32_t twice_rem = 2 * (c - q * a);
  if (twice_rem > a || (twice_rem == a && (q & 1u) != 0)) return q + 1;
  return q;
}

// floor(c / a) for non-negative integers (NetLogo's floor on the quotient). a must be > 0.
constexpr std::uint32_t floor_ratio(std::uint32_t c, std::uint32_t a) { return c / a; }

}  // namespace peacesim::models::epstein
