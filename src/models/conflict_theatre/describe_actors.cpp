// The actors' tables for `describe`: armed groups and their changes, the peace process, the host
// state, institutions and their positions.
#include <fmt/format.h>

#include <algorithm>

#include "models/conflict_theatre/describe.hpp"
#include "models/conflict_theatre/describe_util.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

using namespace fmt_util;  // NOLINT(google-build-using-namespace): formatting helpers only

Table groups_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{
      "Armed groups",
      {"group", "type", "appears", "ends", "designated", "peace process", "areas", "communities"},
      {},
      "Signatures come from the agreements; 'reference' marks facts after the observation cut-off, shown but "
      "never played."};
  for (const auto& g : t.groups) {
    const auto& origin = g.origin();
    std::string appears = origin.when.str() + " " + std::string(theatre::change_kind_name(origin.kind));
    if (origin.group) appears += " " + t.actor_name(origin.group->id);
    if (!origin.from.empty()) appears += " (merger of " + ids_text(t, origin.from) + ")";
    if (origin.role != Role::Input) appears += " [" + role_tag(origin.role) + "]";
    std::string ends = "—";
    if (const auto* e = g.end()) {
      ends = e->when.str() + " " + std::string(theatre::change_kind_name(e->kind)) +
             (e->group ? " " + t.actor_name(e->group->id) : "") +
             (e->role != Role::Input ? " [" + role_tag(e->role) + "]" : "");
    }
    std::vector<std::string> designations;
    std::vector<std::string> process;
    for (const auto& c : g.changes) {
      if (c.kind == theatre::ChangeKind::Designated)
        designations.push_back(t.actor_name(c.by->id) + " " + c.when.str());
      if (c.kind == theatre::ChangeKind::Negotiating || c.kind == theatre::ChangeKind::Excluded) {
        process.push_back(std::string(theatre::change_kind_name(c.kind)) + " " + c.when.str());
      }
    }
    for (const auto& a : t.agreements) {
      for (const auto& s : a.signatures) {
        if (s.party.id == g.id) process.push_back("signed " + a.name + " " + s.when.str());
      }
      for (const auto& x : a.excluded) {
        if (x.id == g.id) process.push_back("excluded from " + a.name);
      }
    }
    std::vector<std::string> areas;
    for (const auto& a : g.areas) areas.push_back(a.base ? a.region.id + " (base)" : a.region.id);
    std::vector<std::string> communities;
    for (const auto& c : g.communities) communities.push_back(c.id);
    table.rows.push_back({g.short_name, std::string(theatre::group_type_name(g.type)), appears, ends,
                          designations.empty() ? "—" : joined(designations, "; "),
                          process.empty() ? "—" : joined(process, "; "), joined(areas), joined(communities)});
  }
  return table;
}

Table changes_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{"Armed group changes", {"date", "group", "change", "detail", "role", "source"}, {}, ""};
  struct Row {
    theatre::Date date;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  for (const auto& g : t.groups) {
    for (const auto& c : g.changes) {
      std::string detail = c.text;
      if (c.group) detail = t.actor_name(c.group->id) + (detail.empty() ? "" : ": " + detail);
      if (!c.from.empty() && detail.empty()) detail = "merger of " + ids_text(t, c.from);
      if (c.by) detail = "by " + t.actor_name(c.by->id) + (detail.empty() ? "" : ": " + detail);
      rows.push_back({c.when.date,
                      {c.when.str(), g.short_name, std::string(theatre::change_kind_name(c.kind)), detail,
                       std::string(theatre::role_name(c.role)), c.source.text}});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.date < b.date; });
  for (auto& r : rows) table.rows.push_back(std::move(r.cells));
  return table;
}

Table agreements_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{"Peace process",
              {"agreement", "talks from", "mediators", "signatures", "excluded", "provisions", "source"},
              {},
              ""};
  for (const auto& a : t.agreements) {
    std::vector<std::string> sigs;
    for (const auto& s : a.signatures) sigs.push_back(t.actor_name(s.party.id) + " " + s.when.str());
    table.rows.push_back({a.name, opt(a.talks_from), ids_text(t, a.mediators), joined(sigs, "; "),
                          a.excluded.empty() ? "—" : ids_text(t, a.excluded), joined(a.provisions),
                          a.source.text});
  }
  return table;
}

Table state_table(const theatre::HostState& s) {
  Table table{"Host state: " + s.name, {"from", "government", "head", "how", "role", "source"}, {}, ""};
  for (const auto& g : s.governments) {
    table.rows.push_back(
        {g.from.str(), g.kind, g.head, g.how, std::string(theatre::role_name(g.role)), g.source.text});
  }
  for (const auto& f : s.army_strength) {
    table.rows.push_back({f.when.str(), "army: " + s.army_name, thousands(f.military) + " military", f.note,
                          "input", f.source.text});
  }
  for (const auto& n : s.army_notes) {
    table.rows.push_back({n.when ? n.when->str() : "—", "army: " + s.army_name, "", n.text,
                          std::string(theatre::role_name(n.role)), n.source.text});
  }
  return table;
}

Table institutions_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{
      "Institutions", {"institution", "kind", "members", "interests and constraints", "source"}, {}, ""};
  for (const auto& i : t.institutions) {
    std::vector<std::string> members;
    for (const auto& m : i.members) members.push_back(t.actor_name(m.id));
    members.insert(members.end(), i.member_states.begin(), i.member_states.end());
    std::vector<std::string> notes;
    for (const auto& s : i.interests) notes.push_back("interest: " + s.text + " (" + s.source.text + ")");
    for (const auto& s : i.constraints) notes.push_back("constraint: " + s.text + " (" + s.source.text + ")");
    table.rows.push_back({i.name, i.kind, members.empty() ? "—" : joined(members),
                          notes.empty() ? "—" : joined(notes, "; "), i.source.text});
  }
  return table;
}

Table positions_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{
      "Positions of institutions", {"date", "institution", "on", "position", "role", "source"}, {}, ""};
  struct Row {
    theatre::Date date;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  for (const auto& i : t.institutions) {
    for (const auto& p : i.positions) {
      rows.push_back({p.when ? p.when->date : theatre::Date{},
                      {p.when ? p.when->str() : "—", i.name, p.on ? t.actor_name(p.on->id) : "", p.text,
                       std::string(theatre::role_name(p.role)), p.source.text}});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.date < b.date; });
  for (auto& r : rows) table.rows.push_back(std::move(r.cells));
  return table;
}

}  // namespace peacesim::models::conflict_theatre
