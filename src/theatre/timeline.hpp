// The exogenous timeline: dated events with their actors and places. Each event is an input the
// model plays (decisions, coups, elections), an observation kept for calibration (towns taken,
// attacks: the model must produce those itself), or a reference shown by `describe` only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

inline const std::vector<std::string>& event_kinds() {
  static const std::vector<std::string> kinds{"armed_conflict", "attack",    "town_control",  "coup",
                                              "government",     "election",  "un_resolution", "decision",
                                              "diplomacy",      "agreement", "operation",     "context"};
  return kinds;
}

struct TimelineEvent {
  std::string id;
  When when;
  std::string kind;
  std::string text;
  std::vector<Ref> actors;        // armed groups, institutions, operations or the army
  std::vector<Ref> places;        // place ids
  std::optional<Ref> operation;   // kind operation: the operation it records
  std::optional<Ref> controller;  // kind town_control: who holds the places afterwards
  Role role = Role::Input;
  Source source;
  Location where;
  std::string field;
};

std::vector<TimelineEvent> read_timeline(const Node& root);

}  // namespace peacesim::theatre
