// M9 as one module: its parameters, the institutions' state and their daily decisions.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/institutions/institutions.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::institutions {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("institutions_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M9's rules for the operations a scenario hands to them (dynamics.decisions); others keep "
             "their "
             "record"),
      parameter(
          "institutions_authorization_months", &Params::authorization_months, 0.5, 12.0, "months",
          "docs/model/parameter-sources.md#institutions_authorization_months (004 §4.2 and the theatre's "
          "facts file (the host's request of September 2012 to the authorizing resolution of 2012-12-20; the "
          "next resolution of 2013-04-25 about two months after the Secretary-General's options))",
          "Time from a decision to the Security Council's authorization (plan, host request, consensus)"),
      parameter("institutions_reaction_days", &Params::reaction_days, 0.0, 60.0, "days",
                "docs/model/parameter-sources.md#institutions_reaction_days (004 §4.3 (a town on the road to "
                "the capital fell on 2013-01-10; the intervention began on 2013-01-11))",
                "Time from a national decision to the first troops"),
      parameter(
          "institutions_deployment_months", &Params::deployment_months, 0.0, 12.0, "months",
          "docs/model/parameter-sources.md#institutions_deployment_months (the theatre's facts file (from "
          "the resolution of 2013-04-25 to the UN operation's transfer of authority on 2013-07-01))",
          "Time from authorization to the first troops of a multinational operation (force generation lead "
          "time)"),
      parameter("institutions_generation_months", &Params::generation_months, 0.5, 36.0, "months",
                "docs/model/parameter-sources.md#institutions_generation_months (operations data (the UN "
                "operation's strength: about 6,100 re-hatted in July 2013, 9,000 a year later, of 12,640 "
                "authorized); size: assumption of that order)",
                "Time constant of the approach to the target strength"),
      parameter("institutions_trust_fund_share", &Params::trust_fund_share, 0.1, 1.0, "1",
                "docs/model/parameter-sources.md#institutions_trust_fund_share (004 §4.2 (the regional "
                "operation needed 410 M USD a year; the January 2013 donor conference pledged about the "
                "pre-acceleration budget, 227 M USD: 0.55))",
                "Share of its ceiling a voluntary trust fund pays for; it also slows generation by the same "
                "factor"),
      parameter("institutions_threat_km", &Params::threat_km, 100.0, 1500.0, "km",
                "docs/model/parameter-sources.md#institutions_threat_km (004 §4.3 (the intervening state "
                "acted the day after a town about 500 km from the capital fell))",
                "A hostile group holding a town within this distance of the capital is an acute threat"),
      parameter(
          "institutions_stable_months", &Params::stable_months, 1.0, 36.0, "months",
          "assumption: how long the north must be held before stability is declared (Q3, 000; 001; 004 §4.5)",
          "Months the state must hold every town of the contested regions before a 'contested_stable' "
          "trigger fires"),
      parameter("institutions_burden_share", &Params::burden_share, 0.0, 5.0, "1",
                "docs/model/parameter-sources.md#institutions_burden_share (004 §5 (the intervening state "
                "shares the burden once partners are in the field); size: assumption)",
                "Partners' strength, as a multiple of an operation's ceiling, at which it draws down"),
      parameter("institutions_residual_share", &Params::residual_share, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#institutions_residual_share (004 §4.3, §4.6 (the first "
                "intervention's 4,500 at its peak against its regional successor's 3,000 across five "
                "countries); size: assumption)",
                "Share of its ceiling an operation keeps after drawing down (influence kept)"),
      parameter(
          "institutions_withdrawal_deaths", &Params::withdrawal_deaths, 1.0, 2000.0, "people/year",
          "docs/model/parameter-sources.md#institutions_withdrawal_deaths (assumption: the intervening state "
          "kept its forces with about ten deaths a year (public record); the threshold is well above)",
          "Own deaths over the last 365 days at which an operation allowed to withdraw leaves"),
      parameter(
          "institutions_withdrawal_resentment", &Params::withdrawal_resentment, 0.0, 1.0, "1",
          "assumption: host hostility (MODEL.md M9) at which a foreign operation leaves",
          "Mean resentment of foreign forces in the north at which an operation allowed to withdraw leaves"),
      parameter("institutions_withdrawal_months", &Params::withdrawal_months, 0.5, 36.0, "months",
                "assumption: a withdrawal takes months (troops, equipment and bases)",
                "Time for a withdrawing operation to leave (95 % gone)"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  const Inputs& inputs = r.read<Inputs>();
  const auto& perceived = r.read<perceptions::State>();
  auto& institutions = r.keep<Institutions>(inputs.rules, params, inputs.operations);
  r.checkpoint(institutions.state());
  const conflict::State& world = r.world();
  r.system("M9 institutions", engine::Cadence::Daily,
           [&world, &inputs, &perceived, &institutions](conflict::Context&) {
             institutions.step(inputs.situation(world, perceived.resentment));
           });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M9 institutions", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::institutions
