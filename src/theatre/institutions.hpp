// Institutions that authorize, fund, staff and end operations (MODEL.md §3, Institutions), and the
// host state: its governments over time (civilian or military, changed by coups) and its army.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

// A dated text with its citation: a position taken, an interest, a constraint.
struct Statement {
  std::optional<When> when;
  std::string text;
  std::optional<Ref> on;  // the operation (or agreement) it is about, if any
  Role role = Role::Input;
  Source source;
  std::string field;
};

struct Institution {
  std::string id;
  std::string name;
  std::string kind;          // state, host_state, un_organ, un_secretariat, regional_organization, union
  std::vector<Ref> members;  // other institutions (e.g. the UNSC's permanent members)
  std::vector<std::string> member_states;  // ISO codes, for organizations of states
  std::vector<Statement> interests;
  std::vector<Statement> constraints;
  std::vector<Statement> positions;
  Source source;
  Location where;
  std::string field;
};

struct GovernmentPeriod {
  When from;
  std::string kind;  // civilian_elected, military, transitional
  std::string head;
  std::string how;  // election, coup, transfer, ...
  Role role = Role::Input;
  Source source;
  std::string field;
};

struct ArmyFigure {
  When when;
  double military = 0.0;
  std::string note;
  Source source;
  std::string field;
};

// A state of the theatre: `state:` for one, `states:` for several (allies: together they are the
// state's side), each with its country, capital, governments and army.
struct HostState {
  std::string field;        // where the scenario gives it: "state" or "states[i]"
  std::string institution;  // the institution id that stands for the host government
  std::string name;
  std::string country;               // ISO 3166-1 alpha-3: its places need a region (admin1)
  std::string country_name;          // as the event data's `country` column writes it; labels national totals
  std::optional<Ref> capital;        // a place id: the seat of government, where the army keeps its reserve
  std::string civilians_event_name;  // how the event data name its civilians (default "Civilians")
  std::vector<GovernmentPeriod> governments;  // in date order
  std::string army_id;
  std::string army_name;
  std::string army_event_name;  // how the event data name its forces (default: army_name)
  std::vector<ArmyFigure> army_strength;
  std::vector<Statement> army_notes;
  Source source;
};

inline const std::vector<std::string>& institution_kinds() {
  static const std::vector<std::string> kinds{
      "state", "host_state", "un_organ", "un_secretariat", "regional_organization", "union"};
  return kinds;
}

std::vector<Institution> read_institutions(const Node& root);
std::vector<HostState> read_states(const Node& root);

}  // namespace peacesim::theatre
