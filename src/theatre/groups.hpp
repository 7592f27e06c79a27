// Armed groups and how they change over time: formation, splits, mergers, coalitions, designation
// as terrorist, negotiating or excluded status (MODEL.md §3, Armed groups). Signatory status comes
// from the peace process's agreements.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

enum class GroupType : std::uint8_t {
  Separatist,
  Jihadist,
  ProGovernmentMilitia,
  SelfDefenceMilitia,
  Coalition
};
std::string_view group_type_name(GroupType type);

enum class ChangeKind : std::uint8_t {
  Formed,       // appears (with `from` groups: formed by their merger)
  SplitFrom,    // appears by splitting from `group`
  MergedInto,   // ends by merging into `group`
  Dissolved,    // ends
  Joined,       // joins the coalition `group`
  Left,         // leaves the coalition `group`
  Designated,   // listed as terrorist by institution `by`
  Negotiating,  // takes part in talks
  Excluded,     // excluded from the peace process
  Other,        // any other dated fact (text)
};
std::string_view change_kind_name(ChangeKind kind);

struct GroupChange {
  When when;
  ChangeKind kind = ChangeKind::Other;
  std::optional<Ref> group;  // split_from, merged_into, joined, left
  std::vector<Ref> from;     // formed: the groups that merged to form it
  std::optional<Ref> by;     // designated: the institution
  std::string text;
  Role role = Role::Input;
  Source source;
  std::string field;
};

struct GroupArea {
  Ref region;
  Source source;
  // A region where the group's fighters gather from elsewhere (its sanctuary, its leaders' home):
  // M2 sends a share of the recruits it makes in its other regions there
  // (docs/model/operational-layer.md, M2, "Where recruits gather").
  bool base = false;
};

struct ArmedGroup {
  std::string id;
  std::string name;
  std::string short_name;
  GroupType type = GroupType::Separatist;
  std::vector<Ref> communities;
  std::vector<GroupArea> areas;
  std::vector<GroupChange> changes;  // in date order
  std::string note;
  Source source;
  Location where;
  std::string field;

  // The change that makes it appear (formed or split_from) and the one that ends it, if any.
  [[nodiscard]] const GroupChange& origin() const;
  [[nodiscard]] const GroupChange* end() const;
};

std::vector<ArmedGroup> read_groups(const Node& root);

}  // namespace peacesim::theatre
