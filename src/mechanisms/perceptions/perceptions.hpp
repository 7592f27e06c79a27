// M11 Perceptions (MODEL.md §4).
//
// UN impartiality I relaxes monthly towards 1 − pressure, where the pressure in [0, 1] is set
// from the UN operation's counter-terrorism tasks, intelligence sharing and joint effects with the
// national counter-terrorism operation (002: the UN operation's intelligence unit, target packages), I' = I +
// rate · (1 − pressure − I). A partial UN is attacked more (M3's un_weight · (1 − I)).
//
// Resentment of foreign forces in region r grows with their share of the troops there and with
// time, and fades when they leave: R' = R + growth · s_r · (1 − R) − decay · R, s_r = foreign /
// (foreign + army) troops in the region (004 §3.4: foreign forces seen "as one and the same").
#pragma once

#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::perceptions {

struct Params {
  bool enabled = true;
  double impartiality_rate = 0.1;
  double resentment_growth = 0.03;
  double resentment_decay = 0.01;
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

// M11's own state, read by M1, M3, M9 and M10; checkpointed whole.
struct State {
  double un_impartiality = 1.0;    // 0..1
  std::vector<double> resentment;  // of foreign forces, by region, 0..1
  bool operator==(const State&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// One month (the pressure on the UN's impartiality is the scenario's input in the shared state).
void update(const conflict::State& state, State& own, const Params& params);

}  // namespace peacesim::mechanisms::perceptions
