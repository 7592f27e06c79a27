// M2 Mobilization (MODEL.md §4): people join armed groups.
//
// Monthly, a resident i of region r considers the active groups that operate in r and joins the
// one with the best score if
//
//     S_ig = G_i · affinity(c_i, g) + pull_g − R_i · P_r  >  threshold
//
// with G_i the grievance (M1), affinity 1 for the group's own communities and other_affinity for
// the rest, pull_g = pull_base + pull_towns · min(1, towns held / 5) (success attracts), R_i the
// person's risk aversion and P_r = 1 − exp(−arrest_k · C_r / (A_r + 1)) the risk of arrest or death
// (Epstein's estimate, generalized): C_r the state's troops and A_r the groups' fighters in the
// region, in thousands. Groups need resources to absorb recruits: a group takes at most
// absorb_base + absorb_share · fighters people a month; each eligible person joins with
// probability min(join_rate, capacity / eligible). Fighters desert at desert_rate a month.
//
// Exogenous influxes (fighters back from a neighbouring war, 000; 004 §3.1) come from the
// scenario as dated numbers and enlist people of the group's communities in its regions.
//
// Since issue 16 the choice among the groups that pass the threshold is a logit of the scores
// (choice_scale), fighters are kept by region, a split takes fighters from its parent and a
// threatened community (M14) adds pull_threat · threat to its groups' pull: the equations are in
// docs/model/operational-layer.md (M2).
#pragma once

#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::mobilization {

struct Params {
  bool enabled = true;
  double threshold = 0.35;
  double other_affinity = 0.2;
  double open_affinity = 0.6;
  double choice_scale = 0.05;
  double pull_threat = 0.3;
  double pull_base = 0.05;
  double pull_towns = 0.1;
  double arrest_k = 2.3;
  double absorb_base = 50.0;
  double absorb_share = 0.03;
  double join_rate = 0.05;
  double desert_rate = 0.03;
  double split_share = 0.2;
  double base_share = 0.0;  // of recruits made away from a group's bases who gather at the nearest
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C02;  // desertion, joining and influxes

// The scenario's dated influxes (an input the model makes): `people` fighters join `group` on
// `when` (kNoActor: a group the state does not know, skipped).
struct Influx {
  engine::Date when;
  conflict::ActorIndex group = conflict::kNoActor;
  double people = 0.0;
  std::uint32_t regions = 0;  // where they gather (bit r); 0 = the group's own regions
};
struct Influxes {
  std::vector<Influx> list;
};

// M2's own state, checkpointed whole: which influxes have come.
struct InfluxLog {
  std::vector<bool> done;
  bool operator==(const InfluxLog&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// Each group's resources to absorb recruits, relative to the rule's (absorb_base + absorb_share · F),
// by group (group index, not actor); a group not listed has 1. M2 reads it; a mechanism that learns
// a group's resources from data owns and sets it (M17 at a forecast's origin).
//
// The theatre's resources may also bound how many fighters, all groups together, it sustains:
// `ceiling` (people; negative: no bound). At the ceiling the groups recruit only to replace their
// losses; below it, each month's recruits are cut to the room left (room_share).
//
// Each group may have a ceiling of its own too, `group_ceiling` (people, by group index; negative or
// not listed: none): its own means. A group that merges into another hands its ceiling on with its
// fighters (ceiling_of).
struct Resources {
  std::vector<double> factor;
  double ceiling = -1.0;
  std::vector<double> group_ceiling;
  [[nodiscard]] bool bounded() const { return ceiling >= 0.0; }
  [[nodiscard]] double of(std::size_t group) const { return group < factor.size() ? factor[group] : 1.0; }
  // Each group's own ceiling with those of the groups merged into it (directly or through others),
  // by group index; negative when none of them has one.
  [[nodiscard]] std::vector<double> ceilings(const conflict::State& state) const;
  // The same for one group.
  [[nodiscard]] double ceiling_of(const conflict::State& state, std::size_t group) const;
  bool operator==(const Resources&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// One month of recruitment and desertion, each group absorbing recruits as its resources allow.
void recruit(conflict::State& state, conflict::Context& context, const Params& params,
             const Resources& resources = {});

// Enlists `people` people of group g's communities living in its regions (an exogenous influx).
// Returns the people enlisted (whole agents).
double influx(conflict::State& state, conflict::Context& context, conflict::ActorIndex g, double people,
              std::uint32_t regions, std::uint32_t key);

// Each group's pull: base, its own (scenario), success (towns held).
std::vector<double> pulls(const conflict::State& state, const Params& params);
// The highest score anyone could give group g (full grievance, its own community or anyone for a
// group without a community base, no arrest risk, no threat, no towns held). Below the threshold
// the group can never recruit: every active group of a scenario should reach it (issue 16).
double best_score(const conflict::Group& g, const Params& params);
// Recruits group g can take in this month (people), with its resources `resources` (1: the rule's).
double capacity(const conflict::Group& g, const Params& params, double resources = 1.0);

// A split (MODEL.md §3: groups split): group `child` appears and takes `share` of group `parent`'s
// fighters, from the parent's fighters in the child's regions first. Returns the people moved.
double split(conflict::State& state, conflict::ActorIndex parent, conflict::ActorIndex child, double share);

// The share of the month's expected recruits `wanted` (people) that fit under the ceiling with
// `fighters` (people) already under arms: min(1, max(0, ceiling − fighters) / wanted).
double room_share(double ceiling, double fighters, double wanted);

// P_r for each region.
std::vector<double> arrest_risk(const conflict::State& state, const Params& params);

}  // namespace peacesim::mechanisms::mobilization
