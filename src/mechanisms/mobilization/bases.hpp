// Where a group's recruits gather (M2; docs/model/operational-layer.md, M2, "Where recruits
// gather"): a group may name some of its regions as bases (its sanctuary, its leaders' home). A
// share of the recruits it makes elsewhere leaves for the base nearest their home region, so that
// its strength, and the fighting that follows it, sits where the group is rooted and not only where
// most of its recruits live.
#pragma once

#include <cstddef>
#include <vector>

#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::mobilization {

// Each region's centre: the mean latitude and longitude of its cells (NaN for a region without
// cells).
struct RegionCentres {
  std::vector<double> lat;
  std::vector<double> lon;
};
RegionCentres region_centres(const conflict::State& state);

// For each region r, the region where group g's recruits from r gather: r itself when g has no base
// or r is one of its bases, else the base whose centre is nearest r's (great-circle distance; the
// lower region index on a tie).
std::vector<std::size_t> gathering_regions(const conflict::Group& g, const RegionCentres& centres);

}  // namespace peacesim::mechanisms::mobilization
