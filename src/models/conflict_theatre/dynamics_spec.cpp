#include "models/conflict_theatre/dynamics_spec.hpp"

#include <fmt/format.h>

#include <cmath>

#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "theatre/operations.hpp"

namespace peacesim::models::conflict_theatre {

using scenario::MapReader;
using theatre::for_each;
using theatre::path_of;

namespace {
// A list of region names (admin1 names as the boundaries spell them, not ids).
std::vector<theatre::Ref> region_list(MapReader& r, const std::string& key) {
  std::vector<theatre::Ref> out;
  const scenario::Node* node = r.optional(key);
  if (node == nullptr) return out;
  if (!node->is_sequence())
    throw scenario::ScenarioError(node->where(), r.field(key), "must be a list of region names");
  for (std::size_t i = 0; i < node->items().size(); ++i) {
    const auto& item = node->items()[i];
    const std::string field = r.field(key) + "[" + std::to_string(i) + "]";
    out.push_back({scenario::read_string(item, field), item.where(), field});
  }
  return out;
}
// `between: [a, b]`, `from`, an optional `to` and `text`: the shape of hostilities and truces.
GroupPair group_pair(MapReader& r) {
  GroupPair x;
  const auto between = theatre::ref_list(r, "between");
  if (between.size() != 2) {
    throw scenario::ScenarioError(r.node().where(), r.field("between"), "must name exactly two groups");
  }
  x.a = between[0];
  x.b = between[1];
  x.from = theatre::when_field(r, "from");
  x.to = theatre::optional_when(r, "to");
  x.text = r.string_or("text", "");
  x.source = theatre::read_source(r);
  return x;
}
// The key a value is read under: `key`, or the older name it replaces (older scenarios still
// load); both at once is an error naming the older one.
std::string key_or_older(MapReader& r, const std::string& key, const std::string& older) {
  const bool current = r.optional(key) != nullptr;
  const bool old = r.optional(older) != nullptr;
  if (current && old)
    throw scenario::ScenarioError(r.required(older).where(), r.field(older),
                                  "give '" + key + "' only ('" + older + "' is its older name)");
  return old ? older : key;
}
// A mapping of names to counts ({ABC: 46644, ...}), each a number not below 0, in the file's order.
struct NamedCount {
  std::string name;
  double count;
  scenario::Location where;
  std::string field;
};
std::vector<NamedCount> counts_by_name(const scenario::Node& node, const std::string& path) {
  MapReader map(node, path);
  std::vector<NamedCount> out;
  for (const auto& [key, value] : node.entries()) {
    const std::string field = map.field(key);
    const double count = scenario::read_number(value, field);
    if (!(count >= 0.0)) throw scenario::ScenarioError(value.where(), field, "must not be negative");
    out.push_back({key, count, value.where(), field});
    map.accept(key);
  }
  map.finish();
  return out;
}
// One army's starting strength and garrisons (MapReader a: `dynamics.army` or an item of `armies`).
ArmySpec read_army(MapReader& a) {
  ArmySpec army;
  army.field = theatre::path_of(a);
  army.where = a.node().where();
  army.strength = theatre::non_negative(a, "strength");
  const std::string share = key_or_older(a, "contested_share", "north_share");
  army.contested_share = theatre::non_negative(a, share);
  if (army.contested_share > 1.0) {
    throw scenario::ScenarioError(a.required(share).where(), a.field(share),
                                  "must be a share between 0 and 1");
  }
  army.contested_regions = region_list(a, key_or_older(a, "contested_regions", "north_regions"));
  double camp_shares = 0.0;
  for_each(a, "camps", [&](MapReader& c, std::size_t) {
    ArmyCamp camp;
    camp.place = theatre::ref_field(c, "place");
    camp.share = theatre::non_negative(c, "share");
    camp_shares += camp.share;
    if (camp_shares > 1.0 + 1e-9) {
      throw scenario::ScenarioError(
          c.required("share").where(), c.field("share"),
          "the camps' shares add up to more than 1 (of the army in the contested regions)");
    }
    camp.source = theatre::read_source(c);
    army.camps.push_back(std::move(camp));
  });
  army.source = theatre::read_source(a);
  return army;
}

}  // namespace

DynamicsSpec read_dynamics(const scenario::Node& root) {
  const scenario::Node* node = root.get("dynamics");
  if (node == nullptr || node->is_null()) {
    throw scenario::ScenarioError(root.where(), "dynamics", "is required by the theatre model but missing");
  }
  DynamicsSpec spec;
  MapReader r(*node, "dynamics");
  if (r.optional("armies") != nullptr) {
    if (r.optional("army") != nullptr)
      throw scenario::ScenarioError(r.required("army").where(), r.field("army"),
                                    "give either `army` (one state) or `armies` (one per state), not both");
    for_each(r, "armies", [&](MapReader& a, std::size_t) {
      const std::string state = theatre::read_country_code(a.required("state"), a.field("state"));
      spec.armies.push_back(read_army(a));
      spec.armies.back().state = state;
      a.finish();
    });
  } else {
    MapReader a(r.required("army"), r.field("army"));
    spec.armies.push_back(read_army(a));
    a.finish();
  }
  for_each(r, "groups", [&](MapReader& g, std::size_t) {
    GroupTraits t;
    t.group = theatre::ref_field(g, "group");
    const std::optional<double> capability = theatre::optional_non_negative(g, "capability");
    const std::optional<double> pull = theatre::optional_non_negative(g, "pull");
    t.capability = capability.value_or(1.0);
    t.pull = pull.value_or(0.0);
    t.split_share = theatre::optional_non_negative(g, "split_share");
    t.fights = capability || pull || t.split_share;
    t.members_named_from = theatre::optional_when(g, "members_named_from");
    if (t.split_share && *t.split_share > 1.0) {
      throw scenario::ScenarioError(g.required("split_share").where(), g.field("split_share"),
                                    "must be a share between 0 and 1");
    }
    t.source = theatre::read_source(g);
    spec.groups.push_back(std::move(t));
  });
  for_each(r, "influxes", [&](MapReader& i, std::size_t) {
    Influx x;
    x.group = theatre::ref_field(i, "group");
    x.when = theatre::when_field(i, "date");
    x.fighters = theatre::non_negative(i, "fighters");
    x.regions = region_list(i, "regions");
    x.source = theatre::read_source(i);
    spec.influxes.push_back(std::move(x));
  });
  for_each(r, "offensives", [&](MapReader& o, std::size_t) {
    Offensive off;
    off.groups = theatre::ref_list(o, "groups");
    off.from = theatre::when_field(o, "from");
    off.to = theatre::when_field(o, "to");
    off.regions = region_list(o, "regions");
    off.towns = theatre::ref_list(o, "towns");
    off.text = o.string_or("text", "");
    off.source = theatre::read_source(o);
    if (off.groups.empty())
      throw scenario::ScenarioError(o.node().where(), o.field("groups"), "must name at least one group");
    if (off.regions.empty())
      throw scenario::ScenarioError(o.node().where(), o.field("regions"), "must name at least one region");
    if (off.to.date < off.from.date)
      throw scenario::ScenarioError(off.to.where, off.to.field, "is before 'from'");
    spec.offensives.push_back(std::move(off));
  });
  for_each(r, "observed_stocks", [&](MapReader& o, std::size_t) {
    ObservedStocks x;
    x.when = theatre::when_field(o, "date");
    if (const scenario::Node* state = o.optional("state")) {
      x.state = theatre::read_country_code(*state, o.field("state"));
      x.state_where = state->where();
      x.state_field = o.field("state");
    }
    x.internal = theatre::optional_non_negative(o, "internally_displaced");
    if (const scenario::Node* refugees = o.optional("refugees")) {
      for (auto& [key, people, where, field] : counts_by_name(*refugees, o.field("refugees"))) {
        (void)theatre::read_country_code(scenario::Node::scalar(key, where), field);
        x.abroad.push_back({key, people, where, field});
      }
    }
    if (const scenario::Node* elsewhere = o.optional("refugees_elsewhere")) {
      x.elsewhere_where = elsewhere->where();
      x.elsewhere_field = o.field("refugees_elsewhere");
    }
    x.elsewhere = theatre::optional_non_negative(o, "refugees_elsewhere");
    if (!x.internal && x.abroad.empty() && !x.elsewhere)
      throw scenario::ScenarioError(o.node().where(), o.field("date"),
                                    "give internally_displaced, refugees (by host country), "
                                    "refugees_elsewhere or more than one");
    x.source = theatre::read_source(o);
    spec.observed_stocks.push_back(std::move(x));
  });
  for_each(r, "refugee_hosts", [&](MapReader& h, std::size_t) {
    RefugeeHost x;
    const scenario::Node& country = h.required("country");
    x.where = country.where();
    x.field = h.field("country");
    x.country = theatre::read_country_code(country, x.field);
    // Each factor is optional (1: like any other host), but an entry sets at least one.
    const auto factor = [&](const char* name, double& out) {
      const std::optional<double> value = theatre::optional_factor(h, name);
      if (value) out = *value;
      return value.has_value();
    };
    const bool returns = factor("return_factor", x.return_factor);
    const bool pull = factor("attraction", x.attraction);
    if (!returns && !pull)
      throw scenario::ScenarioError(h.node().where(), h.field("return_factor"),
                                    "give return_factor, attraction or both");
    x.source = theatre::read_source(h);
    for (const auto& other : spec.refugee_hosts) {
      if (other.country == x.country)
        throw scenario::ScenarioError(x.where, x.field,
                                      "'" + x.country + "' is listed already (one entry a country)");
    }
    spec.refugee_hosts.push_back(std::move(x));
  });
  for_each(r, "observed_fatalities", [&](MapReader& o, std::size_t) {
    ObservedFatalities x;
    const std::int64_t year = o.integer("year");
    if (year < 1 || year > 9999)
      throw scenario::ScenarioError(o.required("year").where(), o.field("year"), "must be a calendar year");
    x.year = static_cast<std::int32_t>(year);
    x.where = o.required("year").where();
    x.field = o.field("year");
    for (auto& [key, deaths, where, field] : counts_by_name(o.required("regions"), o.field("regions")))
      x.regions.push_back({theatre::Ref{key, where, field}, deaths});
    if (const scenario::Node* named = o.optional("by_group")) {
      MapReader regions(*named, o.field("by_group"));
      for (const auto& [key, value] : named->entries()) {
        ObservedFatalities::Named n;
        n.region = theatre::Ref{key, value.where(), regions.field(key)};
        MapReader entry(value, regions.field(key));
        n.unnamed = theatre::non_negative(entry, "unnamed");
        for (auto& [id, deaths, where, field] :
             counts_by_name(entry.required("groups"), entry.field("groups")))
          n.groups.emplace_back(theatre::Ref{id, where, field}, deaths);
        entry.finish();
        regions.accept(key);
        x.by_group.push_back(std::move(n));
      }
      regions.finish();
    }
    x.source = theatre::read_source(o);
    spec.observed_fatalities.push_back(std::move(x));
  });
  for_each(r, "hostilities", [&](MapReader& h, std::size_t) { spec.hostilities.push_back(group_pair(h)); });
  for_each(r, "truces", [&](MapReader& t, std::size_t) { spec.truces.push_back(group_pair(t)); });
  for_each(r, "forces", [&](MapReader& f, std::size_t) {
    ForceTraits traits;
    traits.operation = theatre::ref_field(f, "operation");
    traits.capability = theatre::non_negative(f, "capability");
    traits.objectives = theatre::ref_list(f, "objectives");
    traits.source = theatre::read_source(f);
    spec.forces.push_back(std::move(traits));
  });
  for_each(r, "decisions", [&](MapReader& d, std::size_t) {
    DecisionSpec x;
    x.where = d.node().where();
    x.field = path_of(d);
    x.operation = theatre::ref_field(d, "operation");
    std::vector<std::string> triggers = decision_triggers();
    triggers.emplace_back(kOlderContestedStable);
    x.trigger = theatre::choice(d, "trigger", triggers);
    if (x.trigger == kOlderContestedStable) x.trigger = "contested_stable";
    x.date = theatre::optional_when(d, "date");
    if (x.trigger == "date" && !x.date)
      throw scenario::ScenarioError(d.node().where(), d.field("date"), "is required when trigger is 'date'");
    if (const scenario::Node* a = d.optional("authorization"))
      x.authorization = scenario::read_bool(*a, d.field("authorization"));
    x.ceiling = theatre::optional_non_negative(d, "ceiling");
    x.funding = theatre::optional_choice(d, "funding", theatre::funding_kinds());
    x.share_with = theatre::ref_list(d, "share_with");
    if (const scenario::Node* w = d.optional("withdraw"))
      x.withdraw = scenario::read_bool(*w, d.field("withdraw"));
    x.takes_over = theatre::optional_ref(d, "takes_over");
    if (x.trigger == "predecessor_deployed" && !x.takes_over) {
      throw scenario::ScenarioError(d.node().where(), d.field("takes_over"),
                                    "is required when trigger is 'predecessor_deployed'");
    }
    x.source = theatre::read_source(d);
    spec.decisions.push_back(std::move(x));
  });
  for_each(r, "negotiations", [&](MapReader& n, std::size_t) {
    NegotiationSpec x;
    x.where = n.node().where();
    x.field = path_of(n);
    x.agreement = theatre::ref_field(n, "agreement");
    x.eligibility = theatre::optional_choice(n, "eligibility", {"undesignated", "no_jihadists", "all"})
                        .value_or("undesignated");
    x.from = theatre::optional_when(n, "from");
    x.source = theatre::read_source(n);
    spec.negotiations.push_back(std::move(x));
  });
  if (const scenario::Node* c = r.optional("costs")) {
    MapReader cr(*c, r.field("costs"));
    spec.costs.where = c->where();
    spec.costs.field = r.field("costs");
    for_each(cr, "troop_year_usd", [&](MapReader& t, std::size_t) {
      spec.costs.troop_year_usd.emplace_back(t.string("kind"), theatre::non_negative(t, "usd"));
      (void)theatre::read_source(t);
    });
    for_each(cr, "payers", [&](MapReader& p, std::size_t) {
      const std::string funding = p.string("funding");
      const scenario::Node& shares = p.required("shares");
      if (!shares.is_map())
        throw scenario::ScenarioError(shares.where(), p.field("shares"), "must map payers to shares");
      std::vector<std::pair<std::string, double>> list;
      double total = 0.0;
      for (const auto& [payer, value] : shares.entries()) {
        MapReader one(shares, p.field("shares"));
        const double share = one.number(payer);
        if (share < 0.0)
          throw scenario::ScenarioError(value.where(), one.field(payer), "must not be negative");
        list.emplace_back(payer, share);
        total += share;
      }
      if (std::abs(total - 1.0) > 1e-6) {
        throw scenario::ScenarioError(shares.where(), p.field("shares"),
                                      "shares add up to " + std::to_string(total) + ", not 1");
      }
      (void)theatre::read_source(p);
      spec.costs.payers.emplace_back(funding, std::move(list));
    });
    cr.finish();
  }
  r.finish();
  return spec;
}

std::vector<const ObservedStocks*> stocks_at_origin(const DynamicsSpec& spec) {
  std::vector<const ObservedStocks*> out;
  if (!spec.forecast_origin) return out;
  for (const auto& o : spec.observed_stocks) {
    if (o.when.date == *spec.forecast_origin) out.push_back(&o);
  }
  return out;
}

const ObservedFatalities* fatalities_at_origin(const DynamicsSpec& spec) {
  const auto& origin = spec.forecast_origin;
  if (!origin || origin->plus_days(1).year() == origin->year()) return nullptr;
  for (const auto& o : spec.observed_fatalities) {
    if (o.year == origin->year()) return &o;
  }
  return nullptr;
}

}  // namespace peacesim::models::conflict_theatre
