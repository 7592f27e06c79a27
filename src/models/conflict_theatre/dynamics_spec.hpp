// The scenario's `dynamics` section: what the operational layer needs beyond the theatre. It
// holds decisions and starting strengths only, never results (issue 5): the dates groups decide
// to attack (offensives), to turn on one another (hostilities) or stop (truces), fighters coming
// back from a neighbouring war (influxes), the army's starting strength and each side's combat
// capability. Who wins, who dies and who flees come from the mechanisms. Format:
// docs/scenario-format.md (dynamics).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario/node.hpp"
#include "theatre/read.hpp"

namespace peacesim::models::conflict_theatre {

// A camp that holds a given share of the contested regions' garrisons at the start (a command's
// base).
struct ArmyCamp {
  theatre::Ref place;
  double share = 0;  // of the army in the contested regions
  theatre::Source source;
};

// One state's army at the start: `dynamics.army` for a theatre of one state, `dynamics.armies` (each
// naming its state's country) for several.
struct ArmySpec {
  std::string state;  // the country code of its state (empty: the only state)
  std::string field;  // where the scenario gives it
  scenario::Location where;
  double strength = 0;  // people at the start
  // The regions the state must hold against the groups, and the army's share
  // garrisoned in their towns at the start (scenario: contested_regions, contested_share; the older
  // names north_regions, north_share are read too).
  double contested_share = 0;
  std::vector<theatre::Ref> contested_regions;
  std::vector<ArmyCamp> camps;  // the rest of the contested share is spread over the towns by weight
  theatre::Source source;
};

struct GroupTraits {
  theatre::Ref group;
  double capability = 1.0;
  double pull = 0.0;                  // extra pull on recruits (M2): money, prestige
  std::optional<double> split_share;  // share of the parent's fighters a split takes (M2)
  bool fights = false;                // capability, pull or split_share given: traits of a fighting group
  // A coalition only: from this date, events of its members carry the coalition's name (the event
  // data's coding convention, e.g. ACLED's; an input, cited).
  std::optional<theatre::When> members_named_from;
  theatre::Source source;
};

struct Influx {
  theatre::Ref group;
  theatre::When when;
  double fighters = 0;
  std::vector<theatre::Ref> regions;  // optional: where the fighters gather (default the group's areas)
  theatre::Source source;
};

struct Offensive {
  std::vector<theatre::Ref> groups;
  theatre::When from;
  theatre::When to;
  std::vector<theatre::Ref> regions;
  std::vector<theatre::Ref> towns;  // optional: the offensive's only objectives (place ids)
  std::string text;
  theatre::Source source;
};

// Two groups (or coalitions) and the dates a relation between them holds: a hostility (they turn
// on each other) or a truce (they stop fighting each other, whatever made them rivals).
struct GroupPair {
  theatre::Ref a, b;
  theatre::When from;
  std::optional<theatre::When> to;
  std::string text;
  theatre::Source source;
};
using Hostility = GroupPair;
using Truce = GroupPair;

struct ForceTraits {
  theatre::Ref operation;
  double capability = 1.0;
  std::vector<theatre::Ref> objectives;  // optional: towns it takes first (place ids)
  theatre::Source source;
};

// M12: the cost of a troop-year by kind of operation (where no budget is in force), and who pays
// each funding source.
struct CostSpec {
  std::vector<std::pair<std::string, double>> troop_year_usd;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> payers;
  scenario::Location where;
  std::string field;
};

// M9: an operation handed to the institutions' rules in a counterfactual scenario (absent: the
// operation keeps its recorded dates and figures).
struct DecisionSpec {
  theatre::Ref operation;
  std::string trigger;  // date, acute_threat, contested_stable, predecessor_deployed
  std::optional<theatre::When> date;
  std::optional<bool> authorization;   // needs the Security Council (default: unless national)
  std::optional<double> ceiling;       // people (default: its largest authorized, planned or actual figure)
  std::optional<std::string> funding;  // default: its first budget's funding
  std::vector<theatre::Ref> share_with;
  bool withdraw = false;
  std::optional<theatre::Ref> takes_over;
  theatre::Source source;
  scenario::Location where;
  std::string field;
};

// M10: an agreement whose signatures become results of talks in a counterfactual scenario
// (absent: the recorded signatures).
struct NegotiationSpec {
  theatre::Ref agreement;
  std::string eligibility = "undesignated";  // undesignated, no_jihadists or all (Q5)
  std::optional<theatre::When> from;         // talks open (default: the agreement's talks_from)
  theatre::Source source;
  scenario::Location where;
  std::string field;
};

inline const std::vector<std::string>& decision_triggers() {
  static const std::vector<std::string> words{"date", "acute_threat", "contested_stable",
                                              "predecessor_deployed"};
  return words;
}
// The older name of a trigger, still read: north_stable is contested_stable.
inline constexpr const char* kOlderContestedStable = "north_stable";

// M7: the displaced stocks observed on a date (a 31 December of UNHCR's year-end figures, say): a
// forecast from that date (calendar.forecast_origin) starts from them (docs/model/displacement.md).
struct ObservedStocks {
  theatre::When when;
  // Whose displaced (ISO3, a state of the theatre): required with several states, optional (the
  // theatre's state) with one. Empty: the theatre's only state.
  std::string state;
  scenario::Location state_where;
  std::string state_field;
  std::optional<double> internal;  // internally displaced people
  struct Abroad {
    std::string country;  // ISO 3166-1 alpha-3: a country of places outside the theatre's regions
    double people = 0.0;
    scenario::Location where;
    std::string field;
  };
  std::vector<Abroad> abroad;  // refugees by host country
  // Refugees in countries with no place of the theatre (UNHCR's total abroad less the hosts given in
  // `abroad`): the model does not simulate them; a forecast from this date holds them at this count
  // and adds them to its national refugees (one state only).
  std::optional<double> elsewhere;
  scenario::Location elsewhere_where;
  std::string elsewhere_field;
  theatre::Source source;
};

// M17: the deaths from political violence observed in a calendar year, by region (ACLED's, say): a
// forecast from the year's last day starts with the groups scaled to them (docs/model/operational-layer.md,
// M17).
struct ObservedFatalities {
  std::int32_t year = 0;
  scenario::Location where;
  std::string field;
  struct Region {
    theatre::Ref region;
    double deaths = 0.0;
  };
  std::vector<Region> regions;  // regions not listed are not observed
  // Who the deaths were: by region, the deaths of the events that name each armed group (as either
  // side; a coalition's events count for each of its members), and the deaths of the events that
  // name none of the scenario's groups. Regions not listed have no attribution.
  struct Named {
    theatre::Ref region;
    std::vector<std::pair<theatre::Ref, double>> groups;  // groups not listed: none named
    double unnamed = 0.0;
  };
  std::vector<Named> by_group;
  theatre::Source source;
};

// M7: a country that hosts the theatre's refugees, how readily they go home from it and how strongly
// it draws them: the return chance abroad (displacement_return_abroad_factor) is multiplied by
// `return_factor` for people resting at its places (docs/model/displacement.md, "Returning"), and
// the weight of its places in the route choice of people for whom they are abroad by `attraction`
// ("Choosing a route"). Countries not listed: 1 and 1.
struct RefugeeHost {
  std::string country;  // ISO 3166-1 alpha-3: a country of places outside the theatre's regions
  double return_factor = 1.0;
  double attraction = 1.0;
  scenario::Location where;
  std::string field;
  theatre::Source source;
};

struct DynamicsSpec {
  std::vector<ArmySpec> armies;  // one per state
  std::vector<GroupTraits> groups;
  std::vector<Influx> influxes;
  std::vector<Offensive> offensives;
  std::vector<Hostility> hostilities;
  std::vector<Truce> truces;  // applied after the hostilities: a truce suspends them
  std::vector<ForceTraits> forces;
  CostSpec costs;
  std::vector<DecisionSpec> decisions;
  std::vector<NegotiationSpec> negotiations;
  std::vector<ObservedStocks> observed_stocks;
  std::vector<ObservedFatalities> observed_fatalities;
  std::vector<RefugeeHost> refugee_hosts;
  std::optional<engine::Date> forecast_origin;  // the scenario's calendar.forecast_origin
};

// Reads `dynamics` from the scenario's merged tree; throws scenario::ScenarioError at the field.
// References to groups, regions and operations are checked by check_dynamics.
DynamicsSpec read_dynamics(const scenario::Node& root);

// What a forecast from calendar.forecast_origin starts from (the checks allow one entry per date and
// per year): M7's displaced stocks dated at the origin, and M17's deaths of the year the origin
// ends (a 31 December only). Null without an origin or without such an entry.
// The entries dated at the forecast's origin (one per state), in the scenario's order; none without.
std::vector<const ObservedStocks*> stocks_at_origin(const DynamicsSpec& spec);
const ObservedFatalities* fatalities_at_origin(const DynamicsSpec& spec);

}  // namespace peacesim::models::conflict_theatre
