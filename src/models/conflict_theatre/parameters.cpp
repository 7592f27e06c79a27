#include "models/conflict_theatre/parameters.hpp"

namespace peacesim::models::conflict_theatre {

using engine::parameter;

const engine::ParameterTable<WorldParams>& world_parameter_table() {
  static const engine::ParameterTable<WorldParams> table{
      parameter("population_growth_rate", &WorldParams::growth_rate, 0.029, 0.053, "1/year",
                "docs/model/parameter-sources.md#population_growth_rate (the two censuses' national rate, "
                "ln(P2009 / P1998) / 11; range = the lowest and highest regional rates 1998-2009 "
                "(data/README.md §Population))",
                "Yearly continuous growth rate applied to every region's 2009 census population: "
                "P(t) = P2009 * exp(rate * years since the census). No displacement (that is mechanism M7)."),
      parameter("grid_resolution", &WorldParams::grid_resolution, 0.05, 1.0, "degrees",
                "MODEL.md §3 (Space: 0.25 degrees a good default; 0.5 aligns with PRIO-GRID)",
                "Side of a grid cell; the grid snaps to multiples of it, as PRIO-GRID does at 0.5."),
      parameter(
          "route_detour_factor", &WorldParams::detour_factor, 1.0, 2.7, "1",
          "docs/model/parameter-sources.md#route_detour_factor (Flee's road distances against great-circle "
          "distances over its 35 routes: median ratio; range = 1 to the largest ratio, 2.69)",
          "Road km = great-circle km times this factor, for routes the scenario marks 'estimate: "
          "great_circle'."),
  };
  return table;
}

}  // namespace peacesim::models::conflict_theatre
