#include "theatre/institutions.hpp"

#include "scenario/error.hpp"

namespace peacesim::theatre {

namespace {
std::vector<Statement> read_statements(MapReader& top, const std::string& key) {
  std::vector<Statement> out;
  for_each(top, key, [&](MapReader& r, std::size_t) {
    Statement s;
    s.field = path_of(r);
    s.when = optional_when(r, "date");
    s.text = r.string("text");
    s.on = optional_ref(r, "on");
    s.role = read_role(r);
    s.source = read_source(r);
    out.push_back(std::move(s));
  });
  return out;
}
}  // namespace

std::vector<Institution> read_institutions(const Node& root) {
  std::vector<Institution> out;
  for_each_in(*root.get("institutions"), "institutions", [&](MapReader& r, std::size_t) {
    Institution i;
    i.where = r.node().where();
    i.field = path_of(r);
    i.id = id_field(r);
    i.name = r.string("name");
    i.kind = choice(r, "kind", institution_kinds());
    i.members = ref_list(r, "members");
    i.member_states = string_list(r, "member_states");
    i.interests = read_statements(r, "interests");
    i.constraints = read_statements(r, "constraints");
    i.positions = read_statements(r, "positions");
    i.source = read_source(r);
    out.push_back(std::move(i));
  });
  return out;
}

namespace {
HostState read_one_state(MapReader& r) {
  HostState s;
  s.field = path_of(r);
  s.institution = id_field(r, "institution");
  s.name = r.string("name");
  s.country = read_country_code(r.required("country"), r.field("country"));
  s.country_name = r.string_or("country_name", s.country);
  s.capital = optional_ref(r, "capital");
  s.civilians_event_name = r.string_or("civilians_event_name", "Civilians");
  for_each(
      r, "governments",
      [&](MapReader& g, std::size_t) {
        GovernmentPeriod p;
        p.field = path_of(g);
        p.from = when_field(g, "from");
        p.kind = choice(g, "kind", {"civilian_elected", "military", "transitional"});
        p.head = g.string("head");
        p.how = choice(g, "how", {"election", "coup", "transfer", "in_office"});
        p.role = read_role(g);
        p.source = read_source(g);
        s.governments.push_back(std::move(p));
      },
      true);
  {
    MapReader a(r.required("army"), r.field("army"));
    s.army_id = id_field(a);
    s.army_name = a.string("name");
    s.army_event_name = a.string_or("event_name", s.army_name);
    for_each(a, "strength", [&](MapReader& f, std::size_t) {
      ArmyFigure fig;
      fig.field = path_of(f);
      fig.when = when_field(f, "date");
      fig.military = non_negative(f, "military");
      fig.note = f.string_or("note", "");
      fig.source = read_source(f);
      s.army_strength.push_back(std::move(fig));
    });
    s.army_notes = read_statements(a, "notes");
    a.finish();
  }
  s.source = read_source(r);
  r.finish();
  return s;
}
}  // namespace

std::vector<HostState> read_states(const Node& root) {
  const Node* one = root.get("state");
  const Node* several = root.get("states");
  const bool has_one = one != nullptr && !one->is_null();
  const bool has_several = several != nullptr && !several->is_null();
  if (has_one == has_several) {
    throw scenario::ScenarioError(
        has_one ? several->where() : root.where(), "states",
        has_one ? "give either `state` (one) or `states` (a list), not both"
                : "is required for a theatre scenario but missing (or `state` for one)");
  }
  std::vector<HostState> out;
  if (has_one) {
    MapReader r(*one, "state");
    out.push_back(read_one_state(r));
    return out;
  }
  for_each_in(*several, "states", [&](MapReader& r, std::size_t) { out.push_back(read_one_state(r)); });
  if (out.empty()) throw scenario::ScenarioError(several->where(), "states", "lists no state");
  return out;
}

}  // namespace peacesim::theatre
