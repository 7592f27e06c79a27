// Which units of a boundary layer are neighbours: they share a stretch of border, not just a
// corner. Used by the backtest's statistical baseline (validation/nb_regression.hpp), whose
// regressors include the neighbours' counts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "geo/boundaries.hpp"

namespace peacesim::geo {

// Each unit's neighbours, by name (sorted). Two units are neighbours when the part of one's
// outline lying within `tolerance_deg` of the other is longer than `min_shared_deg` (both in
// degrees; the defaults, about 1 m and 1 km, absorb rounding in the coordinates and leave out
// units that only touch at a point). Every unit appears, with no neighbours if it has none.
std::map<std::string, std::vector<std::string>> neighbours(const AdminLayer& layer,
                                                           double tolerance_deg = 1e-5,
                                                           double min_shared_deg = 0.01);

}  // namespace peacesim::geo
