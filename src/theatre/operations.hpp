// Peace operations (MODEL.md §3, Forces and operations): who runs them, on what legal basis,
// when, with how many people authorized and deployed over time, which mandate tasks by period,
// what budget paid by whom, where, with which caveats, and how they relate to each other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

// Mandate task categories (MODEL.md §3) plus the standing tasks of UN mandates (002 Table).
inline const std::vector<std::string>& task_categories() {
  static const std::vector<std::string> words{"offensive_counter_terrorism",
                                              "stabilization",
                                              "protection_of_civilians",
                                              "protection_of_own_personnel",
                                              "support_to_host_forces",
                                              "training",
                                              "ceasefire_monitoring",
                                              "peace_process_and_elections",
                                              "support_to_other_operation",
                                              "state_authority",
                                              "human_rights",
                                              "humanitarian_support",
                                              "cultural_heritage",
                                              "justice",
                                              "countering_asymmetric_threats",
                                              "ddr_and_cantonment",
                                              "sanctions_cooperation",
                                              "weapons_management",
                                              "stabilization_projects",
                                              "border_and_cross_border_security"};
  return words;
}

inline const std::vector<std::string>& funding_kinds() {
  static const std::vector<std::string> words{"assessed", "voluntary_trust_fund", "national", "regional",
                                              "eu_common_costs"};
  return words;
}

inline const std::vector<std::string>& relation_kinds() {
  static const std::vector<std::string> words{"support_under_threat",
                                              "intelligence_sharing",
                                              "training",
                                              "transfer_of_authority",
                                              "succession",
                                              "command",
                                              "support",
                                              "cooperation",
                                              "no_joint_operations"};
  return words;
}

struct LegalBasis {
  std::string instrument;  // "UNSC resolution 2085", a regional organization's decision, ...
  std::optional<When> when;
  std::optional<Ref> by;  // the institution
  std::string chapter;    // "VII" for the UN Charter's Chapter VII, else empty
  Source source;
};

// People deployed (or authorized, planned) at a date; a figure holds until the next one.
struct StrengthPoint {
  When when;
  double military = 0.0;  // troops, staff officers and military observers
  double police = 0.0;
  std::string note;
  Source source;
  std::string field;
  [[nodiscard]] double total() const { return military + police; }
};

// Monthly figures read from a data file: rows of `mission`, military = sum of the military
// columns, police = sum of the police columns, months from..to inclusive.
struct StrengthFile {
  FileRef file;
  std::string mission;
  std::vector<std::string> military_columns;
  std::vector<std::string> police_columns;
  When from;
  When to;
  Source source;
  std::string field;
};

struct Task {
  std::string category;
  std::string priority;  // priority, additional, other
  std::string text;
  std::optional<Source> source;  // when it differs from the mandate's
};

struct Mandate {
  std::string id;
  std::string instrument;  // "S/RES/2100 (2013)"
  When adopted;
  std::optional<double> military;  // authorized ceilings set by this instrument, if any
  std::optional<double> police;
  std::vector<Task> tasks;
  std::vector<std::string> highlights;
  Source source;
  std::string field;
};

struct Budget {
  When from;
  std::optional<When> to;
  std::optional<double> usd_per_year;
  std::string funding;
  std::string note;
  Source source;
};

struct Basing {
  Ref place;
  std::optional<When> from;
  std::optional<When> to;
  std::string kind;  // hq, base, relay, training, logistics (a supply hub: M16's convoys start there)
  Source source;
};

// Where an operation's people are, by site, from a data file of deployment-map snapshots
// (Geo-PKO). Sites are matched to places by name or alias; only shares are used.
struct SpreadFile {
  FileRef file;
  std::string mission;
  Source source;
  std::string field;
};

struct SiteCount {
  std::size_t place = 0;  // index into Theatre::places
  double troops = 0.0;
};

struct SpreadSnapshot {
  Date date;  // first day of the snapshot's month
  std::string revision;
  std::vector<SiteCount> sites;
};

struct Relation {
  Ref with;  // an operation, institution or the army
  std::string kind;
  std::optional<When> from;
  std::optional<When> to;
  std::string text;
  Source source;
};

struct Unit {
  std::string id;
  std::string name;
  std::string kind;  // intelligence, contingent, task_force, headquarters
  std::optional<Ref> contributor;
  std::string command;  // military, civilian, national
  std::optional<When> from;
  std::optional<When> to;
  std::vector<StrengthPoint> strength;
  std::string text;
  Source source;
  std::string field;
};

struct Operation {
  std::string id;
  std::string name;
  std::string short_name;
  std::string kind;  // un_peacekeeping, regional, national, eu_training, eu_civilian, joint_force, task_force
  std::string status;  // deployed, planned_never_deployed
  std::vector<Ref> organizations;
  std::vector<LegalBasis> legal_basis;
  std::optional<When> decided;  // decision or authorization
  std::optional<When> start;    // deployment or launch (absent if never deployed)
  std::optional<When> end;
  Source dates_source;
  std::optional<Ref> predecessor;
  std::vector<std::string> area_countries;
  std::vector<Ref> area_regions;
  std::string area_text;
  Source area_source;
  std::vector<StrengthPoint> authorized;
  std::vector<StrengthPoint> planned;  // plans and pledges, not ceilings
  std::vector<StrengthPoint> actual;   // explicit points and file points, sorted by date
  std::vector<StrengthFile> actual_files;
  std::vector<Mandate> mandates;
  std::vector<Budget> budgets;
  std::vector<Basing> bases;
  std::optional<SpreadFile> spread;
  std::vector<SpreadSnapshot> spread_snapshots;  // filled by load_operation_data
  std::vector<std::pair<std::string, Source>> caveats;
  std::vector<Relation> relations;
  std::vector<Unit> units;
  Source source;
  Location where;
  std::string field;
};

std::vector<Operation> read_operations(const Node& root);

}  // namespace peacesim::theatre
