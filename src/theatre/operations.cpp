#include "theatre/operations.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

namespace {
std::vector<StrengthPoint> read_points(MapReader& top, const std::string& key) {
  std::vector<StrengthPoint> out;
  for_each(top, key, [&](MapReader& r, std::size_t) {
    StrengthPoint p;
    p.field = path_of(r);
    p.when = when_field(r, "date");
    p.military = optional_non_negative(r, "military").value_or(0.0);
    p.police = optional_non_negative(r, "police").value_or(0.0);
    if (r.node().get("military") == nullptr && r.node().get("police") == nullptr) {
      throw ScenarioError(r.node().where(), r.field("military"), "give 'military', 'police' or both");
    }
    p.note = r.string_or("note", "");
    p.source = read_source(r);
    if (!out.empty() && out_of_order(out.back().when, p.when)) {
      throw ScenarioError(
          p.when.where, p.when.field,
          fmt::format("{} is before the previous figure's date {}", p.when.str(), out.back().when.str()));
    }
    out.push_back(std::move(p));
  });
  return out;
}

void read_actual(MapReader& top, Operation& op) {
  const Node* node = top.optional("actual_strength");
  if (node == nullptr) return;
  MapReader r(*node, top.field("actual_strength"));
  op.actual = read_points(r, "points");
  for_each(r, "files", [&](MapReader& f, std::size_t) {
    StrengthFile s;
    s.field = path_of(f);
    s.file = file_field(f, "file");
    s.mission = f.string("mission");
    s.military_columns = string_list(f, "military_columns");
    s.police_columns = string_list(f, "police_columns");
    if (s.military_columns.empty() && s.police_columns.empty()) {
      throw ScenarioError(f.node().where(), f.field("military_columns"), "name at least one column to read");
    }
    s.from = when_field(f, "from");
    s.to = when_field(f, "to");
    s.source = read_source(f);
    op.actual_files.push_back(std::move(s));
  });
  r.finish();
}

std::vector<Mandate> read_mandates(MapReader& top) {
  std::vector<Mandate> out;
  for_each(top, "mandates", [&](MapReader& r, std::size_t) {
    Mandate m;
    m.field = path_of(r);
    m.id = id_field(r);
    m.instrument = r.string("instrument");
    m.adopted = when_field(r, "adopted");
    m.military = optional_non_negative(r, "military");
    m.police = optional_non_negative(r, "police");
    for_each(
        r, "tasks",
        [&](MapReader& t, std::size_t) {
          Task task;
          task.category = choice(t, "category", task_categories());
          task.priority =
              optional_choice(t, "priority", {"priority", "additional", "other"}).value_or("priority");
          task.text = t.string("text");
          task.source = optional_source(t);
          m.tasks.push_back(std::move(task));
        },
        true);
    m.highlights = string_list(r, "highlights");
    m.source = read_source(r);
    out.push_back(std::move(m));
  });
  return out;
}

void read_area(MapReader& top, Operation& op) {
  MapReader r(top.required("area"), top.field("area"));
  op.area_countries = string_list(r, "countries");
  if (const Node* regions = r.optional("regions")) {
    for (std::size_t i = 0; i < regions->items().size(); ++i) {
      const Node& n = regions->items()[i];
      const std::string field = fmt::format("{}[{}]", r.field("regions"), i);
      op.area_regions.push_back({scenario::read_string(n, field), n.where(), field});
    }
  }
  op.area_text = r.string_or("text", "");
  op.area_source = read_source(r);
  r.finish();
}

}  // namespace

std::vector<Operation> read_operations(const Node& root) {
  std::vector<Operation> out;
  for_each_in(*root.get("operations"), "operations", [&](MapReader& r, std::size_t) {
    Operation op;
    op.where = r.node().where();
    op.field = path_of(r);
    op.id = id_field(r);
    op.name = r.string("name");
    op.short_name = r.string("short");
    op.kind = choice(r, "kind",
                     {"un_peacekeeping", "regional", "national", "eu_training", "eu_civilian", "joint_force",
                      "task_force"});
    op.status = choice(r, "status", {"deployed", "planned_never_deployed"});
    op.organizations = ref_list(r, "organizations");
    if (op.organizations.empty()) {
      throw ScenarioError(r.node().where(), r.field("organizations"), "name at least one organization");
    }
    for_each(
        r, "legal_basis",
        [&](MapReader& l, std::size_t) {
          op.legal_basis.push_back({l.string("instrument"), optional_when(l, "date"), optional_ref(l, "by"),
                                    l.string_or("chapter", ""), read_source(l)});
        },
        true);
    {
      MapReader d(r.required("dates"), r.field("dates"));
      op.decided = optional_when(d, "decided");
      op.start = optional_when(d, "start");
      op.end = optional_when(d, "end");
      op.dates_source = read_source(d);
      d.finish();
    }
    op.predecessor = optional_ref(r, "predecessor");
    read_area(r, op);
    op.authorized = read_points(r, "authorized_strength");
    op.planned = read_points(r, "planned_strength");
    read_actual(r, op);
    op.mandates = read_mandates(r);
    for_each(r, "budget", [&](MapReader& b, std::size_t) {
      Budget budget;
      budget.from = when_field(b, "from");
      budget.to = optional_when(b, "to");
      budget.usd_per_year = optional_non_negative(b, "usd_per_year");
      budget.funding = choice(b, "funding", funding_kinds());
      budget.note = b.string_or("note", "");
      budget.source = read_source(b);
      op.budgets.push_back(std::move(budget));
    });
    for_each(r, "bases", [&](MapReader& b, std::size_t) {
      op.bases.push_back(
          {ref_field(b, "place"), optional_when(b, "from"), optional_when(b, "to"),
           optional_choice(b, "kind", {"hq", "base", "relay", "training", "logistics"}).value_or("base"),
           read_source(b)});
    });
    if (const Node* spread = r.optional("spread")) {
      MapReader s(*spread, r.field("spread"));
      op.spread = SpreadFile{file_field(s, "file"), s.string("mission"), read_source(s), path_of(s)};
      s.finish();
    }
    for_each(r, "caveats",
             [&](MapReader& c, std::size_t) { op.caveats.emplace_back(c.string("text"), read_source(c)); });
    for_each(r, "relations", [&](MapReader& c, std::size_t) {
      op.relations.push_back({ref_field(c, "with"), choice(c, "kind", relation_kinds()),
                              optional_when(c, "from"), optional_when(c, "to"), c.string("text"),
                              read_source(c)});
    });
    for_each(r, "units", [&](MapReader& u, std::size_t) {
      Unit unit;
      unit.field = path_of(u);
      unit.id = id_field(u);
      unit.name = u.string("name");
      unit.kind = choice(u, "kind", {"intelligence", "contingent", "task_force", "headquarters"});
      unit.contributor = optional_ref(u, "contributor");
      unit.command = optional_choice(u, "command", {"military", "civilian", "national"}).value_or("military");
      unit.from = optional_when(u, "from");
      unit.to = optional_when(u, "to");
      unit.strength = read_points(u, "strength");
      unit.text = u.string_or("text", "");
      unit.source = read_source(u);
      op.units.push_back(std::move(unit));
    });
    op.source = read_source(r);
    out.push_back(std::move(op));
  });
  return out;
}

}  // namespace peacesim::theatre
