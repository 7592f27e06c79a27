// M1 as one module: its parameters, its random stream and its monthly system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/civilians/civilians.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/peace_process/peace_process.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::grievance {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off(
          "grievance_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
          "Run M1: legitimacy follows the state's presence, abuses, foreign presence and exclusion; off, it "
          "stays "
          "at its first value"),
      parameter("grievance_authority_weight", &Params::authority_weight, 0.0, 1.0, "1",
                "MODEL.md M1 (legitimacy shaped by state presence and services); size: assumption",
                "Legitimacy gained per unit of state authority above one half"),
      parameter("grievance_abuse_weight", &Params::abuse_weight, 0.0, 1.0, "1",
                "MODEL.md M1, M6 (abuses raise grievance); size: assumption",
                "Legitimacy lost to the state's abuses at saturation"),
      parameter("grievance_abuse_scale", &Params::abuse_scale, 1, 1000, "people",
                "assumption: a few massacres in a region are enough to turn it",
                "Recent civilian deaths by the state's side at "
                "which the abuse effect is 63 % of its maximum"),
      parameter(
          "grievance_abuse_spill", &Params::abuse_spill, 0.0, 1.0, "1",
          "docs/model/parameter-sources.md#grievance_abuse_spill (004 §3.4 (the army's abuses against a "
          "community suspected of jihadism alienate that community above all, ICG 2016); size: assumption)",
          "Weight of the state's abuses against other communities of one's region, relative to one's own"),
      parameter(
          "grievance_protect_weight", &Params::protect_weight, 0.0, 1.0, "1",
          "MODEL.md M1 (security provided shapes legitimacy); 004 §3.4 (self-defence militias arise where "
          "the state does not protect); size: assumption",
          "Legitimacy lost at saturation when armed groups kill one's community and the state does not "
          "prevent it"),
      parameter("grievance_foreign_weight", &Params::foreign_weight, 0.0, 1.0, "1",
                "004 §3.4 (resentment of foreign forces, sovereignty); size: assumption",
                "Legitimacy lost at full resentment of foreign forces"),
      parameter("grievance_exclusion_weight", &Params::exclusion_weight, 0.0, 1.0, "1",
                "MODEL.md M1 (inclusion of the community in the peace process); size: assumption",
                "Legitimacy lost by communities outside the peace process"),
      parameter("grievance_spread", &Params::spread, 0.0, 1.0, "1",
                "assumption: people of one place differ in how they see the state",
                "Width of the uniform spread of "
                "legitimacy between people"),
      parameter("grievance_legitimacy_elected", &Params::legitimacy_elected, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#grievance_legitimacy_elected (004 §3.2 (the elected "
                "government already contested before the war); size: assumption)",
                "Baseline legitimacy under an elected civilian government"),
      parameter("grievance_legitimacy_transitional", &Params::legitimacy_transitional, 0.0, 1.0, "1",
                "004 §3.2 (interim authorities under the army's influence); size: assumption",
                "Baseline legitimacy under a transitional government"),
      parameter("grievance_legitimacy_military", &Params::legitimacy_military, 0.0, 1.0, "1",
                "docs/model/parameter-sources.md#grievance_legitimacy_military (003; 004 §3.2 (a junta, and "
                "the regional organization's sanctions); size: assumption)",
                "Baseline legitimacy under a junta"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  r.stream(kStream);
  conflict::State& world = r.world();
  const auto& memory = r.read<civilians::Memory>();
  const auto& perceived = r.read<perceptions::State>();
  const auto& peace = r.read<peace_process::State>();
  auto& spread = r.keep<SpreadDraws>();
  r.system("M1 grievance", engine::Cadence::Monthly,
           [&world, &params, &memory, &perceived, &peace, &spread](auto& c) {
             update(world, c, params,
                    {memory.abuses_by_state, memory.abuses_by_groups, perceived.resentment,
                     peace.included_communities},
                    spread);
           });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M1 grievance", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::grievance
