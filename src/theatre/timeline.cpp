#include "theatre/timeline.hpp"

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

std::vector<TimelineEvent> read_timeline(const Node& root) {
  std::vector<TimelineEvent> out;
  for_each_in(*root.get("timeline"), "timeline", [&](MapReader& r, std::size_t) {
    TimelineEvent e;
    e.where = r.node().where();
    e.field = path_of(r);
    e.id = id_field(r);
    e.when = when_field(r, "date");
    e.kind = choice(r, "kind", event_kinds());
    e.text = r.string("text");
    e.actors = ref_list(r, "actors");
    e.places = ref_list(r, "places");
    e.operation = optional_ref(r, "operation");
    e.controller = optional_ref(r, "controller");
    if (e.kind == "operation" && !e.operation) {
      throw ScenarioError(r.node().where(), r.field("operation"),
                          "an 'operation' event must name its operation");
    }
    if (e.kind == "town_control" && (!e.controller || e.places.empty())) {
      throw ScenarioError(r.node().where(), r.field(e.controller ? "places" : "controller"),
                          "a 'town_control' event needs 'places' and a 'controller'");
    }
    e.role = read_role(r);
    e.source = read_source(r);
    out.push_back(std::move(e));
  });
  return out;
}

}  // namespace peacesim::theatre
