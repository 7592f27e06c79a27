// M10 Peace process (MODEL.md §4), its implementation part: what an agreement, once signed, does.
//
// Which agreements are signed, by whom and when comes from the scenario (peace_process section);
// signatories stop fighting the state from the day they sign (the ceasefire, applied by the model
// through hostility). Implementation progresses monthly:
//
//     I' = I + rate · (1 − substitution · f) · (1 − rent · m) · (1 − I)
//
// with f the share of foreign troops among the state's side in the regions the agreement covers
// (foreign forces filling the north make the state's return less urgent: the vicious circle, 002,
// Q7) and m = min(1, foreign troops / rent_troops) standing for the international money that makes
// the status quo attractive. Implementation acts through its provisions:
//   - cantonment / DDR: each month a share ddr_rate · I of the signatories' fighters go home;
//   - decentralization: the signatories' communities count as included in M1 in proportion to I
//     (their exclusion penalty is multiplied by 1 − I);
//   - army redeployment / return of state presence: towns of the covered regions get
//     redeploy_weight · I added to their state-authority baseline (M8).
// In the historical scenario, who signs and when are inputs; for agreements a counterfactual
// scenario hands to negotiation (negotiation.hpp), they are results.
#pragma once

#include <string>
#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::peace_process {

struct Params {
  bool enabled = true;
  double rate = 0.02;
  double substitution = 0.5;
  double rent = 0.3;
  double rent_troops = 15000;
  double ddr_rate = 0.05;
  double redeploy_weight = 0.3;
};

// Its parameters (implementation; negotiation.hpp has the talks'), bound to their members
// (module.cpp), and M10's module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C0A;  // demobilization (negotiation has its own)

struct Agreement {
  std::string id;
  std::string name;
  std::vector<conflict::ActorIndex> signatories;  // armed groups that signed (the government too)
  std::vector<std::int32_t> joined;               // negotiated: the day each signatory signed
  bool negotiated = false;                        // signatures are M10's results (negotiation.hpp)
  std::int32_t signed_day = -1;  // recorded: when the last armed group signed; negotiated: the first
  std::uint32_t regions = 0;     // regions it covers (the signatories' regions)
  bool cantonment = false, ddr = false, decentralization = false, redeployment = false;
  double implementation = 0.0;  // I, 0..1
  bool operator==(const Agreement&) const = default;
  template <class Archive>  // checkpoints: every field (engine/fields.hpp)
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// M10's own state, checkpointed whole: the agreements (signatures, implementation) and what
// implementation gives M1 and M8.
struct State {
  std::vector<Agreement> agreements;
  std::vector<double> included_communities;  // -> M1: how far each community's exclusion is lifted, 0..1
  std::vector<double> authority_bonus;       // -> M8: added to each town's state-authority baseline
  bool operator==(const State&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// One month of implementation; returns the fighters (agents) sent home.
std::size_t implement(conflict::State& state, conflict::Context& context, State& own, const Params& params);

// The share of foreign troops among the state's side in some regions.
double foreign_share(const conflict::State& state, std::uint32_t regions);

}  // namespace peacesim::mechanisms::peace_process
