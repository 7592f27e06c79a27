// M10 Peace process, its negotiation part (MODEL.md §4): who may negotiate, how mediation weighs,
// and when groups sign, for the agreements a counterfactual scenario hands to the model
// (`dynamics.negotiations`). Other agreements keep their recorded signatures.
//
// Eligibility follows labelling (Q5). `undesignated` (as in the record): groups listed as terrorist
// on the date and groups the agreement excluded may not negotiate; `no_jihadists`: no jihadist
// group may, designated or not ("terrorists": never negotiated with); `all`: every group may
// ("spoilers" eligible for talks).
// Each month from the opening of talks, an eligible group still fighting the state signs with
// probability
//
//     p = 1 − exp(−rate · M · π · ρ)
//
// where M is the mediation's weight (the mean over the mediators of 1 for a state or regional
// mediator and of the UN's impartiality for a UN one: a partial UN mediates less well, 002), π =
// pressure for a group that holds no town (military pressure pushes to the table) and 1
// otherwise, and ρ = jihadist_reluctance for jihadist groups (whose aims leave less to bargain
// over) and 1 otherwise. A signatory stops fighting the state (the ceasefire) and the agreement's
// implementation (peace_process.hpp) starts with its first armed signatory.
#pragma once

#include <vector>

#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/peace_process/peace_process.hpp"

namespace peacesim::mechanisms::peace_process {

struct NegotiationParams {
  double rate = 0.08;
  double pressure = 2.0;
  double jihadist_reluctance = 0.3;
};

const engine::ParameterTable<NegotiationParams>& negotiation_parameter_table();

inline constexpr engine::StreamId kNegotiationStream = 0x0C0B;

enum class Eligibility : std::uint8_t { Undesignated, NoJihadists, All };

// Talks towards one of the model's agreements.
struct Talks {
  std::size_t agreement = 0;  // index into the model's agreements
  std::int32_t from_day = 0;  // talks open (days since the run's start)
  Eligibility eligibility = Eligibility::Undesignated;
  std::vector<conflict::ActorIndex> excluded;  // groups the agreement kept out (Undesignated only)
  std::vector<bool> mediator_un;  // for each mediator: a UN body, whose weight is the UN's impartiality
};

// The weight of a mediation given the UN's impartiality.
double mediation_weight(const Talks& talks, double un_impartiality);

// Whether a group may sit at the table.
bool eligible(const Talks& talks, const conflict::Group& group, conflict::ActorIndex g);

// One month of talks, mediated under the UN's impartiality (M11); returns the groups that signed.
// Signatures go into the agreements (signatories, the day each joined, the regions covered, the
// first signature's day).
std::vector<conflict::ActorIndex> negotiate(const conflict::State& state, conflict::Context& context,
                                            std::vector<Agreement>& agreements,
                                            const std::vector<Talks>& talks, const NegotiationParams& params,
                                            double un_impartiality);

// What M10 gets from the model: the scenario's agreements as they stand at the start (recorded
// signatures, or none yet for the negotiated ones), the talks, and the number of communities.
struct Inputs {
  std::vector<Agreement> agreements;
  std::vector<Talks> talks;
  std::size_t communities = 0;
};

// Whether a group has signed a negotiated agreement by the state's day.
bool signed_negotiated(const std::vector<Agreement>& agreements, conflict::ActorIndex group,
                       std::int32_t day);

}  // namespace peacesim::mechanisms::peace_process
