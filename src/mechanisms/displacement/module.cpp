// M7 as one module: who flees in the theatre (flight) and how the displaced move (the displacement
// mechanism), with both sets of parameters, the movement's random streams, their state and the
// daily system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/displacement/flight.hpp"
#include "mechanisms/displacement/parameters.hpp"

namespace peacesim::mechanisms::displacement {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<FlightParams>& flight_parameter_table() {
  static const engine::ParameterTable<FlightParams> table{
      on_off("flight_enabled", &FlightParams::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M7 in the theatre: people flee violence; off, nobody is displaced"),
      parameter("flight_danger_scale", &FlightParams::danger_scale, 0.5, 500, "people",
                "assumption: a town where about ten people were killed recently is at 63 % of full violence",
                "Recent fatalities at which a town's violence intensity is 1 - 1/e"),
      parameter("flight_memory_days", &FlightParams::memory_days, 1, 365, "days",
                "assumption: a month of calm lets fear fade (MODEL.md M7: recent violence)",
                "Time constant of the decay of a town's recent violence"),
      parameter("flight_tolerance_days", &FlightParams::tolerance_days, 1, 250, "days",
                "assumption: of the order of Flee's daily move chance 1 at conflict, softened for people "
                "with homes "
                "(docs/model/displacement.md)",
                "Mean days of full violence a person endures before leaving"),
      parameter(
          "flight_tolerance_shape", &FlightParams::tolerance_shape, 0.5, 5, "1",
          "assumption: 1 keeps the exponential law of tolerances (as many leave after the first days "
          "of violence as after later ones); above 1 the law is Weibull-shaped, so a lone attack moves "
          "few and a season of violence moves most (issue 17: flight saturates); a theatre's fit sets it "
          "(docs/model/operational-layer.md, M7)",
          "Shape k of the Weibull law of the days of violence people endure before leaving"),
      parameter("flight_leaving_share", &FlightParams::leaving_share, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#flight_leaving_share (UNHCR 2012-2013 population stocks "
                "(about half of the north's people displaced at the peak); assumption)",
                "Share of people who would ever leave"),
      parameter("flight_kernel_km", &FlightParams::kernel_km, 0, 500, "km",
                "assumption: violence is felt where it happens and in the villages around, fading over a "
                "few tens of km (issue 17: a whole catchment fleeing a town's violence over-displaces); "
                "calibrated on UNHCR 2012-2016 (docs/model/displacement.md)",
                "Distance at which a town's violence is felt at e^-1 of its strength, within its region (0: "
                "everywhere in the catchment alike)"),
      parameter(
          "flight_population_elasticity", &FlightParams::population_elasticity, 0, 1, "1",
          "assumption: 0 keeps the rule before (recent deaths frighten alike whatever the number of "
          "people around); 1 makes fear the chance of being killed (deaths per 100,000 people), so that "
          "low-level violence displaces in proportion to the deaths (issue 17: flight saturates); a "
          "theatre's fit sets it (docs/model/operational-layer.md, M7)",
          "Elasticity of a town's felt danger with respect to 100,000 / the people who feel it"),
      on_off("flight_returnees_accept_home", &FlightParams::returnees_accept_home,
             "assumption: off keeps the rule before (a returnee keeps the tolerance that made them leave, "
             "so the next death at a home still violent sends them away again); on, whoever chooses to go "
             "back lives with what home is then (issue 17: returns that do not undo themselves; "
             "docs/model/displacement.md, \"Returning\")",
             "A returnee's tolerance is drawn anew given that it holds through home's present violence"),
      parameter("flight_occupation_intensity", &FlightParams::occupation_intensity, 0, 1, "1/day",
                "assumption: 0 keeps flight a response to deaths alone; people also leave a town because "
                "an armed group rules it (the accounts cited in docs/model/operational-layer.md, M7, "
                "\"Living under a hostile group\"); a theatre's fit sets it",
                "Days of full violence a person endures for each day their town is held by a group hostile "
                "to its state"),
  };
  return table;
}

const engine::ParameterTable<RegistrationParams>& registration_parameter_table() {
  static const engine::ParameterTable<RegistrationParams> table{
      parameter(
          "registration_lag_days", &RegistrationParams::lag_days, 0, 365, "days",
          "docs/model/parameter-sources.md#registration_lag_days (assumption: 0 registers everyone at once "
          "(the books are the simulation); UNHCR registers refugees at camps and a national commission "
          "counts IDPs some weeks after they arrive; a theatre's fit sets it (docs/model/displacement.md, "
          "\"Registered counts\"))",
          "Days a displaced person has been in a status (IDP, refugee in a country) before it is counted"),
      parameter(
          "registration_verification_days", &RegistrationParams::verification_days, 0, 3650, "days",
          "assumption: 0 strikes off at once those who went home; registers are cleaned at verification "
          "exercises, of the order of once a year; a theatre's fit sets it (docs/model/displacement.md, "
          "\"Registered counts\")",
          "Days between verification exercises that strike off the registered who went home or moved on "
          "(0: at once)"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const FlightParams& params = r.parameters(flight_parameter_table());
  Rules rules = r.parameters(rules_table());
  rules.people_per_agent = r.world().people.people_per_agent;
  r.stream(kMoveStream);
  r.stream(kReturnStream);
  r.stream(kOriginStream);
  r.stream(kHomecomingStream);
  const Network& network = r.read<Network>();
  auto& moves = r.keep<Displacement>(network.places, network.links, rules);
  moves.set_kin(network.kin);
  r.checkpoint(moves.dynamic());
  const RegistrationParams& books = r.parameters(registration_parameter_table());
  // The stocks a forecast starts from (flight.hpp): a copy, as the object provided may be read later.
  auto& flight = r.keep<Flight>(params, moves, books, r.read<OriginStocks>());
  r.checkpoint(flight.state());
  r.checkpoint(flight.registration().state());
  conflict::State& world = r.world();
  r.system("M7 displacement", engine::Cadence::Daily,
           [&world, &flight](conflict::Context& c) { flight.day(world, c); });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M7 displacement",
                                  [] {
                                    auto specs = flight_parameter_table().specs();
                                    for (auto& s : rules_table().specs()) specs.push_back(s);
                                    for (auto& s : registration_parameter_table().specs()) specs.push_back(s);
                                    return specs;
                                  },
                                  install};
  return m;
}

}  // namespace peacesim::mechanisms::displacement
