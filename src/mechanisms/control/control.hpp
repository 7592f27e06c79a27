// M8 Control and state authority (MODEL.md §4).
//
// Each town has a controller: the state's side or an armed group. A town changes hands when an
// attacker wins a battle there (M5) or enters it undefended. Each town's state authority A in
// [0, 1] relaxes daily towards a target:
//
//     A' = A + rate · (T − A),
//     T = [controller is the state] · min(1, base + bonus + (army + foreign) / presence_people)
//
// where bonus is the army's redeployment under a peace agreement being implemented (M10).
//
// so authority returns slowly after a recapture (administrators come back after soldiers) and
// collapses as quickly when a town falls. Cells share their nearest town's authority.
#pragma once

#include <string>
#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::control {

struct Params {
  bool enabled = true;
  double rate = 1.0 / 60.0;        // per day
  double base = 0.3;               // authority of a state-held town without troops
  double presence_people = 500.0;  // troops for full authority
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

// M8's own record, checkpointed whole: who held each town last, and every change of hands (date,
// town, new controller), for the run's summary.
struct History {
  struct Change {
    engine::Date date;
    std::string town;
    std::string controller;
    bool operator==(const Change&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  std::vector<conflict::ActorIndex> last_controller;  // by place
  std::vector<Change> changes;
  bool operator==(const History&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// Hands town p to `winner` and records the event (ACLED: Battles, "Non-state actor overtakes
// territory" or "Government regains territory") with the battle's dead; `winner_name` names the
// actor that took it if not the winner itself (the force leading the state's side).
void capture(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p,
             conflict::ActorIndex winner, int fatalities, int civilian_fatalities = 0,
             const std::string& winner_name = "");

// The daily relaxation of state authority; `authority_bonus` (by place) is M10's redeployment.
void update_authority(conflict::State& state, const Params& params,
                      const std::vector<double>& authority_bonus);

// Appends the towns whose controller changed since the last call.
void note_changes(const conflict::State& state, History& history);

// Towns held by each actor (index = actor) in a region (or all regions if region < 0).
std::vector<double> towns_held(const conflict::State& state, int region);

}  // namespace peacesim::mechanisms::control
