#include "models/mali/parameters.hpp"

#include "mechanisms/civilians/civilians.hpp"
#include "mechanisms/combat/combat.hpp"
#include "mechanisms/control/control.hpp"
#include "mechanisms/costs/costs.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "mechanisms/displacement/parameters.hpp"
#include "mechanisms/events/event_log.hpp"
#include "mechanisms/force_employment/force_employment.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/group_strategy/group_strategy.hpp"
#include "mechanisms/institutions/institutions.hpp"
#include "mechanisms/mobilization/mobilization.hpp"
#include "mechanisms/peace_process/negotiation.hpp"
#include "mechanisms/peace_process/peace_process.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::models::mali {

std::vector<engine::ParameterSpec> parameter_specs() {
  using engine::ParameterKind;
  std::vector<engine::ParameterSpec> specs{
      {kGrowthRate, ParameterKind::Real, 0.0365, 0.029, 0.053, "1/year",
       "data/README.md §Population: continuous rate ln(14,528,662 / 9,726,169) / 11 from the 1998 and 2009 "
       "censuses; range = the regional rates 1998-2009 (Mopti 2.87 % to Bamako 5.25 %)",
       "Yearly continuous growth rate applied to every region's 2009 census population: "
       "P(t) = P2009 * exp(rate * years since the census). No displacement (that is mechanism M7)."},
      {kGridResolution, ParameterKind::Real, 0.25, 0.05, 1.0, "degrees",
       "MODEL.md §3 (Space: 0.25 degrees a good default; 0.5 aligns with PRIO-GRID)",
       "Side of a grid cell; the grid snaps to multiples of it, as PRIO-GRID does at 0.5."},
      {kDetourFactor, ParameterKind::Real, 1.24, 1.0, 2.7, "1",
       "data/displacement/flee_mali2012/input_csv/routes.csv: median ratio of Flee's road distance to the "
       "great-circle distance over its 35 routes, with Lere and Abala at the coordinates the scenario gives "
       "(docs/model/mali-theatre.md); range = 1 to the largest ratio (Douentza-Mentao 2.69)",
       "Road km = great-circle km times this factor, for routes the scenario marks 'estimate: "
       "great_circle'."},
      {"demography_birth_rate", ParameterKind::Real, 0.047, 0.035, 0.055, "1/year",
       "public record (UN World Population Prospects: Mali's crude birth rate about 47 per 1,000 in "
       "2010-2015); "
       "birth minus death rate matches population_growth_rate's 3.65 %",
       "Yearly births per person alive in Mali (residents and displaced)"},
      {"demography_death_rate", ParameterKind::Real, 0.011, 0.005, 0.02, "1/year",
       "public record (UN World Population Prospects: Mali's crude death rate about 11 per 1,000 in "
       "2010-2015)",
       "Yearly natural deaths per person alive in Mali (residents and displaced)"},
  };
  using namespace mechanisms;
  for (auto more :
       {grievance::parameter_specs(), mobilization::parameter_specs(), group_strategy::parameter_specs(),
        force_employment::parameter_specs(), combat::parameter_specs(), civilians::parameter_specs(),
        displacement::flight_parameter_specs(), displacement::parameter_specs(), control::parameter_specs(),
        perceptions::parameter_specs(), costs::parameter_specs(), peace_process::parameter_specs(),
        peace_process::negotiation_parameter_specs(), institutions::parameter_specs(),
        events::parameter_specs()}) {
    specs.insert(specs.end(), more.begin(), more.end());
  }
  return specs;
}

}  // namespace peacesim::models::mali
