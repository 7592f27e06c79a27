#include "theatre/groups.hpp"

#include <fmt/format.h>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

std::string_view group_type_name(GroupType type) {
  switch (type) {
    case GroupType::Separatist:
      return "separatist";
    case GroupType::Jihadist:
      return "jihadist";
    case GroupType::ProGovernmentMilitia:
      return "pro_government_militia";
    case GroupType::SelfDefenceMilitia:
      return "self_defence_militia";
    case GroupType::Coalition:
      return "coalition";
  }
  return "separatist";
}

namespace {
const std::vector<std::string> kChangeWords{"formed", "split_from", "merged_into", "dissolved", "joined",
                                            "left",   "designated", "negotiating", "excluded",  "other"};
const std::vector<std::string> kTypeWords{"separatist", "jihadist", "pro_government_militia",
                                          "self_defence_militia", "coalition"};

GroupChange read_change(MapReader& r) {
  GroupChange c;
  c.field = path_of(r);
  c.when = when_field(r, "date");
  const std::string word = choice(r, "change", kChangeWords);
  c.kind = static_cast<ChangeKind>(std::find(kChangeWords.begin(), kChangeWords.end(), word) -
                                   kChangeWords.begin());
  const bool needs_group = c.kind == ChangeKind::SplitFrom || c.kind == ChangeKind::MergedInto ||
                           c.kind == ChangeKind::Joined || c.kind == ChangeKind::Left;
  if (needs_group) {
    c.group = ref_field(r, "group");
  } else if (const Node* g = r.optional("group")) {
    throw ScenarioError(g->where(), r.field("group"), fmt::format("a '{}' change names no group", word));
  }
  if (c.kind == ChangeKind::Formed) c.from = ref_list(r, "from");
  if (c.kind == ChangeKind::Designated) c.by = ref_field(r, "by");
  c.text = r.string_or("text", "");
  if (c.kind == ChangeKind::Other && c.text.empty()) {
    throw ScenarioError(r.node().where(), r.field("text"), "an 'other' change needs a text");
  }
  c.role = read_role(r);
  c.source = read_source(r);
  return c;
}
}  // namespace

std::string_view change_kind_name(ChangeKind kind) { return kChangeWords[static_cast<std::size_t>(kind)]; }

const GroupChange& ArmedGroup::origin() const {
  for (const auto& c : changes) {
    if (c.kind == ChangeKind::Formed || c.kind == ChangeKind::SplitFrom) return c;
  }
  return changes.front();  // unreachable: read_groups requires an origin
}

const GroupChange* ArmedGroup::end() const {
  for (const auto& c : changes) {
    if (c.kind == ChangeKind::MergedInto || c.kind == ChangeKind::Dissolved) return &c;
  }
  return nullptr;
}

std::vector<ArmedGroup> read_groups(const Node& root) {
  std::vector<ArmedGroup> groups;
  for_each_in(*root.get("armed_groups"), "armed_groups", [&](MapReader& r, std::size_t) {
    ArmedGroup g;
    g.where = r.node().where();
    g.field = path_of(r);
    g.id = id_field(r);
    g.name = r.string("name");
    g.short_name = r.string_or("short", g.name);
    const std::string type = choice(r, "type", kTypeWords);
    g.type =
        static_cast<GroupType>(std::find(kTypeWords.begin(), kTypeWords.end(), type) - kTypeWords.begin());
    g.communities = ref_list(r, "communities");
    for_each(r, "areas", [&](MapReader& a, std::size_t) {
      const Node& region = a.required("region");
      const Node* base = a.optional("base");
      g.areas.push_back(
          {Ref{scenario::read_string(region, a.field("region")), region.where(), a.field("region")},
           read_source(a), base != nullptr && scenario::read_bool(*base, a.field("base"))});
    });
    for_each(
        r, "changes", [&](MapReader& c, std::size_t) { g.changes.push_back(read_change(c)); }, true);
    int origins = 0;
    int ends = 0;
    for (const auto& c : g.changes) {
      origins += (c.kind == ChangeKind::Formed || c.kind == ChangeKind::SplitFrom) ? 1 : 0;
      ends += (c.kind == ChangeKind::MergedInto || c.kind == ChangeKind::Dissolved) ? 1 : 0;
    }
    if (origins != 1) {
      throw ScenarioError(r.required("changes").where(), r.field("changes"),
                          fmt::format("needs exactly one 'formed' or 'split_from' change, has {}", origins));
    }
    if (ends > 1) {
      throw ScenarioError(r.required("changes").where(), r.field("changes"),
                          "has more than one 'merged_into' or 'dissolved' change");
    }
    g.note = r.string_or("note", "");
    g.source = read_source(r);
    groups.push_back(std::move(g));
  });
  return groups;
}

}  // namespace peacesim::theatre
