// Demography as one module: its parameters, its random stream, its counts and its monthly system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/demography/demography.hpp"

namespace peacesim::mechanisms::demography {

using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      parameter("demography_birth_rate", &Params::birth_rate, 0.035, 0.055, "1/year",
                "docs/model/parameter-sources.md#demography_birth_rate (public record (UN World Population "
                "Prospects: the theatre's crude birth rate, about 47 per 1,000 in 2010-2015); birth minus "
                "death rate matches population_growth_rate's 3.65 %)",
                "Yearly births per person alive in the theatre (residents and displaced)"),
      parameter("demography_death_rate", &Params::death_rate, 0.005, 0.02, "1/year",
                "docs/model/parameter-sources.md#demography_death_rate (public record (UN World Population "
                "Prospects: the theatre's crude death rate, about 11 per 1,000 in 2010-2015))",
                "Yearly natural deaths per person alive in the theatre (residents and displaced)"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  const auto& flight = r.read<displacement::FlightParams>();  // newborns' tolerance of violence (M7)
  Counts& counts = r.state<Counts>();
  conflict::State& world = r.world();
  r.system("demography", engine::Cadence::Monthly, [&world, &params, &flight, &counts](conflict::Context& c) {
    month(world, c.random, static_cast<std::uint32_t>(world.day), params, flight, counts);
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"demography", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::demography
