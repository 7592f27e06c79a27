// M10 as one module: the parameters of implementation and of talks, their random streams, the
// agreements as its state, its monthly system (talks, then implementation) and its series.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/peace_process/negotiation.hpp"
#include "mechanisms/peace_process/peace_process.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::peace_process {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("peace_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M10's implementation: signed agreements demobilize, include and redeploy over time"),
      parameter("peace_rate", &Params::rate, 0.0, 0.5, "1/month",
                "docs/model/parameter-sources.md#peace_rate (002 Table (a resolution's timetable: cantonment "
                "and redeployment years behind schedule); size: assumption)",
                "Monthly rate at which an agreement's implementation closes its gap, without obstacles"),
      parameter(
          "peace_substitution", &Params::substitution, 0.0, 1.0, "1",
          "002 (conflict resolution: foreign forces substituting for the state); MODEL.md M10, Q7; size: "
          "assumption",
          "How far a fully foreign security presence in the covered regions slows implementation"),
      parameter(
          "peace_rent", &Params::rent, 0.0, 1.0, "1",
          "002 (international money makes the status quo attractive); MODEL.md M10, Q7; size: assumption",
          "How far international money (proxied by foreign troops) slows implementation at saturation"),
      parameter("peace_rent_troops", &Params::rent_troops, 1000, 100000, "people",
                "docs/model/parameter-sources.md#peace_rent_troops (assumption: the order of the UN "
                "operation and the counter-terrorism operation together, when the money peaked)",
                "Foreign troops at which the rent effect saturates"),
      parameter("peace_ddr_rate", &Params::ddr_rate, 0.0, 0.5, "1/month",
                "assumption: full cantonment would send a twentieth of the fighters home a month",
                "Monthly share of signatories' fighters demobilized at full implementation"),
      parameter("peace_redeploy_weight", &Params::redeploy_weight, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#peace_redeploy_weight (002 Table (a resolution's timetable: "
                "redeployment of the national forces); size: assumption)",
                "State-authority baseline added in covered towns at full implementation"),
  };
  return table;
}

const engine::ParameterTable<NegotiationParams>& negotiation_parameter_table() {
  static const engine::ParameterTable<NegotiationParams> table{
      parameter("peace_negotiation_rate", &NegotiationParams::rate, 0.005, 1.0, "1/month",
                "docs/model/parameter-sources.md#peace_negotiation_rate (004 §3.4 (the final agreement: "
                "talks from 2014-01, signatures in May and June 2015, about 16 months; the preliminary "
                "agreement: about six months); size: assumption of that order)",
                "Monthly hazard that an eligible group fighting the state signs, under full mediation and no "
                "pressure"),
      parameter("peace_pressure", &NegotiationParams::pressure, 1.0, 10.0, "1",
                "004 §3.3-3.4 (the groups negotiated after losing the towns in 2013); size: assumption",
                "Factor on that hazard for a group that holds no town"),
      parameter(
          "peace_jihadist_reluctance", &NegotiationParams::jihadist_reluctance, 0.0, 1.0, "1",
          "002 (the counter-terrorism question: whether jihadists would negotiate at all); size: assumption",
          "Factor on that hazard for jihadist groups, when a scenario lets them negotiate (Q5)"),
  };
  return table;
}

namespace {

struct Series {
  std::vector<engine::SeriesId> implementation;  // by agreement
  engine::SeriesId demobilized = 0;
};

// Signatures are events (ACLED: Strategic developments / Agreement), in the capital of the first
// state (the one whose government the scenario's agreements bind).
void record_signature(conflict::State& world, conflict::Context& c, conflict::ActorIndex g) {
  events::Happening h;
  h.type = events::EventType::StrategicDevelopments;
  h.sub_type = "Agreement";
  h.place = world.countries.front().capital;
  h.actor1 = world.actor_name(g, h.place);
  h.type1 = events::actor_type(world.group(g));
  h.actor2 = world.actor_name(conflict::kState, h.place);
  h.type2 = events::ActorType::State;
  c.log.emit(c.recorder, world, h);
}

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  const NegotiationParams& talks_params = r.parameters(negotiation_parameter_table());
  r.stream(kStream);
  r.stream(kNegotiationStream);
  conflict::State& world = r.world();
  const Inputs& inputs = r.read<Inputs>();
  const auto& perceived = r.read<perceptions::State>();
  State& own = r.state<State>();
  own.agreements = inputs.agreements;
  own.included_communities.assign(inputs.communities, 0.0);
  own.authority_bonus.assign(world.places.size(), 0.0);
  auto& series = r.keep<Series>();
  r.system("M10 peace process", engine::Cadence::Monthly,
           [&world, &own, &inputs, &perceived, &params, &talks_params, &series](conflict::Context& c) {
             if (params.enabled) {
               for (const conflict::ActorIndex g : negotiate(world, c, own.agreements, inputs.talks,
                                                             talks_params, perceived.un_impartiality)) {
                 record_signature(world, c, g);
               }
             }
             const std::size_t home = implement(world, c, own, params);
             c.recorder.add(series.demobilized, 0, static_cast<double>(home) * world.people.people_per_agent);
           });
  r.series([&own, &series](engine::Recorder& rec) {
    for (const auto& a : own.agreements) {
      series.implementation.push_back(rec.declare({"implementation_" + a.id, "1",
                                                   a.name + ": implementation (M10), 0 to 1; national only",
                                                   engine::SeriesKind::Gauge, engine::Cadence::Monthly}));
    }
    series.demobilized =
        rec.declare({"fighters_demobilized", "people",
                     "Signatories' fighters sent home by cantonment and DDR (M10), national only",
                     engine::SeriesKind::Flow, engine::Cadence::Monthly});
  });
  r.observer("M10 outputs", engine::Cadence::Monthly, [&own, &series](engine::Recorder& rec) {
    for (std::size_t a = 0; a < own.agreements.size(); ++a)
      rec.set(series.implementation[a], 0, own.agreements[a].implementation);
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M10 peace process",
                                  [] {
                                    auto specs = parameter_table().specs();
                                    for (auto& s : negotiation_parameter_table().specs()) specs.push_back(s);
                                    return specs;
                                  },
                                  install};
  return m;
}

}  // namespace peacesim::mechanisms::peace_process
