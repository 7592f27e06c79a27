#include "validation/patterns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "validation/regions.hpp"

namespace peacesim::validation {

namespace {

using scenario::MapReader;
using scenario::Node;
using scenario::ScenarioError;

const std::map<std::string, PatternKind>& kinds() {
  static const std::map<std::string, PatternKind> k{
      {"event_timing", PatternKind::EventTiming},   {"event_count", PatternKind::EventCount},
      {"actors_active", PatternKind::ActorsActive}, {"event_share", PatternKind::EventShare},
      {"share_change", PatternKind::ShareChange},   {"series_ratio", PatternKind::SeriesRatio},
      {"series_share", PatternKind::SeriesShare}};
  return k;
}

bool contains_folded(const std::vector<std::string>& list, const std::string& name) {
  if (list.empty()) return true;
  const std::string key = fold_name(name);
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return s == key; });
}

// What the rest of the scenario names: places (id → every name, folded) and armed groups (id →
// name), so that patterns can use ids and catch misspelt towns.
struct Names {
  bool has_places = false;
  // folded id, name or alias → the place's name, then all its names folded
  std::map<std::string, std::vector<std::string>> place_names;
  std::map<std::string, std::string> group_names;  // id → name
};

Names names_in(const Node& root) {
  Names n;
  if (const Node* places = root.get("places"); places != nullptr && places->is_sequence()) {
    n.has_places = true;
    for (const Node& p : places->items()) {
      if (!p.is_map()) continue;
      std::vector<std::string> all;
      std::vector<std::string> keys;
      if (const Node* id = p.get("id"); id != nullptr && id->is_scalar()) keys.push_back(id->text());
      const Node* name = p.get("name");
      if (name == nullptr || !name->is_scalar()) continue;
      all.push_back(name->text());
      all.push_back(fold_name(name->text()));
      keys.push_back(name->text());
      if (const Node* aliases = p.get("aliases"); aliases != nullptr && aliases->is_sequence()) {
        for (const Node& a : aliases->items()) {
          if (!a.is_scalar()) continue;
          all.push_back(fold_name(a.text()));
          keys.push_back(a.text());
        }
      }
      for (const auto& k : keys) n.place_names[fold_name(k)] = all;
    }
  }
  if (const Node* groups = root.get("armed_groups"); groups != nullptr && groups->is_sequence()) {
    for (const Node& g : groups->items()) {
      if (!g.is_map()) continue;
      const Node* id = g.get("id");
      const Node* name = g.get("name");
      if (id != nullptr && name != nullptr && id->is_scalar() && name->is_scalar())
        n.group_names[id->text()] = name->text();
    }
  }
  return n;
}

std::vector<std::string> strings(const Node& node, const std::string& field) {
  std::vector<std::string> out;
  if (node.is_scalar()) {
    out.push_back(scenario::read_string(node, field));
    return out;
  }
  if (!node.is_sequence())
    throw ScenarioError(node.where(), field, "expected a list, got " + node.kind_name());
  for (std::size_t i = 0; i < node.items().size(); ++i)
    out.push_back(scenario::read_string(node.items()[i], fmt::format("{}[{}]", field, i)));
  if (out.empty()) throw ScenarioError(node.where(), field, "an empty list");
  return out;
}

std::vector<std::string> folded(std::vector<std::string> v) {
  for (auto& s : v) s = fold_name(s);
  return v;
}

// One place named by a pattern: its name to show, then all its names folded.
std::vector<std::string> place(const Names& names, const std::string& written, const Node& where,
                               const std::string& field) {
  if (!names.has_places) return {written, fold_name(written)};
  const auto it = names.place_names.find(fold_name(written));
  if (it == names.place_names.end())
    throw ScenarioError(where.where(), field, "'" + written + "' is not a place of the scenario (places:)");
  return it->second;
}

std::vector<std::string> actors(const Names& names, const std::vector<std::string>& written) {
  std::vector<std::string> out;
  for (const auto& a : written) {
    const auto it = names.group_names.find(a);
    out.push_back(it == names.group_names.end() ? a : it->second);
  }
  return out;
}

Period period(const Node& node, const std::string& field) {
  if (!node.is_sequence() || node.items().size() != 2)
    throw ScenarioError(node.where(), field, "expected [FROM, TO], two dates");
  Period p{scenario::read_date(node.items()[0], field + "[0]"),
           scenario::read_date(node.items()[1], field + "[1]")};
  if (p.to < p.from) throw ScenarioError(node.where(), field, "the second date is before the first");
  return p;
}

EventFilter filter(const Node& node, const std::string& field, const Names& names) {
  MapReader r(node, field);
  EventFilter f;
  if (const Node* n = r.optional("event_types")) f.event_types = folded(strings(*n, r.field("event_types")));
  if (const Node* n = r.optional("sub_event_types"))
    f.sub_event_types = folded(strings(*n, r.field("sub_event_types")));
  if (const Node* n = r.optional("actors")) f.actors = folded(actors(names, strings(*n, r.field("actors"))));
  if (const Node* n = r.optional("actor1")) f.actor1 = folded(actors(names, strings(*n, r.field("actor1"))));
  if (const Node* n = r.optional("actor2")) f.actor2 = folded(actors(names, strings(*n, r.field("actor2"))));
  if (const Node* n = r.optional("regions")) f.regions = folded(strings(*n, r.field("regions")));
  if (const Node* n = r.optional("locations")) {
    const auto list = strings(*n, r.field("locations"));
    for (const auto& l : list) f.locations.push_back(place(names, l, *n, r.field("locations")));
  }
  if (const Node* n = r.optional("interactions")) {
    if (!n->is_sequence())
      throw ScenarioError(n->where(), r.field("interactions"), "expected a list of codes");
    for (std::size_t i = 0; i < n->items().size(); ++i) {
      const auto code =
          scenario::read_integer(n->items()[i], fmt::format("{}[{}]", r.field("interactions"), i));
      if (code < 0 || code > 99)
        throw ScenarioError(n->items()[i].where(), r.field("interactions"),
                            "an ACLED interaction code is 0..99");
      f.interactions.push_back(static_cast<int>(code));
    }
  }
  f.min_fatalities = r.optional_number("min_fatalities");
  f.max_fatalities = r.optional_number("max_fatalities");
  r.finish();
  return f;
}

double fraction(MapReader& r, const std::string& key) {
  const double x = r.number(key);
  if (x < 0) throw ScenarioError(r.required(key).where(), r.field(key), "must not be negative");
  return x;
}

Pattern read_one(const Node& node, const std::string& field, const Names& names) {
  MapReader r(node, field);
  Pattern p;
  p.where = node.where();
  p.field = field;
  p.id = r.string("id");
  p.text = r.string("text");
  p.source = r.string("source");
  const std::string kind = r.string("kind");
  const auto it = kinds().find(kind);
  if (it == kinds().end()) {
    std::vector<std::string> known;
    for (const auto& [k, v] : kinds()) known.push_back(k);
    std::string message = "unknown pattern kind '" + kind + "'";
    if (auto near = scenario::closest_name(kind, known)) message += " (did you mean '" + *near + "'?)";
    throw ScenarioError(r.required("kind").where(), r.field("kind"),
                        message + "; kinds: " + fmt::format("{}", fmt::join(known, ", ")));
  }
  p.kind = it->second;
  auto events = [&](const std::string& key, bool required) {
    if (const Node* n = required ? &r.required(key) : r.optional(key)) return filter(*n, r.field(key), names);
    return EventFilter{};
  };
  auto measure = [&] {
    const std::string m = r.string("measure");
    if (m != "events" && m != "fatalities")
      throw ScenarioError(r.required("measure").where(), r.field("measure"),
                          "'" + m + "' is not events or fatalities");
    p.fatalities = m == "fatalities";
  };
  auto at_most_or_least = [&] {
    if (r.optional("at_least")) p.at_least = fraction(r, "at_least");
    if (r.optional("at_most")) p.at_most = fraction(r, "at_most");
    if (!p.at_least && !p.at_most)
      throw ScenarioError(node.where(), field, "give at_least or at_most (or both)");
  };
  switch (p.kind) {
    case PatternKind::EventTiming: {
      p.events = events("events", true);
      const Node& locations = r.required("locations");
      for (const auto& l : strings(locations, r.field("locations")))
        p.places.push_back(place(names, l, locations, r.field("locations")));
      const std::string which = r.string_or("which", "first");
      if (which != "first" && which != "last")
        throw ScenarioError(r.required("which").where(), r.field("which"),
                            "'" + which + "' is not first or last");
      p.last = which == "last";
      p.search = period(r.required("search"), r.field("search"));
      p.window = period(r.required("within"), r.field("within"));
      break;
    }
    case PatternKind::EventCount: {
      p.events = events("events", false);
      p.window = period(r.required("between"), r.field("between"));
      p.at_least = fraction(r, "at_least");
      if (const Node* n = r.optional("each_year"))
        p.each_year = scenario::read_bool(*n, r.field("each_year"));
      break;
    }
    case PatternKind::ActorsActive: {
      p.events = events("events", false);
      p.names = actors(names, strings(r.required("actors"), r.field("actors")));
      p.window = period(r.required("between"), r.field("between"));
      if (const auto m = r.optional_integer("min_events")) {
        if (*m < 1)
          throw ScenarioError(r.required("min_events").where(), r.field("min_events"), "at least 1");
        p.min_events = static_cast<std::size_t>(*m);
      }
      break;
    }
    case PatternKind::EventShare: {
      measure();
      p.events = events("of", false);
      p.part = events("where", true);
      p.window = period(r.required("between"), r.field("between"));
      p.observed = fraction(r, "observed");
      if (*p.observed > 1)
        throw ScenarioError(r.required("observed").where(), r.field("observed"), "a share is at most 1");
      if (const Node* n = r.optional("ratio")) {
        if (!n->is_sequence() || n->items().size() != 2)
          throw ScenarioError(n->where(), r.field("ratio"), "expected [LOW, HIGH]");
        p.ratio = {scenario::read_number(n->items()[0], r.field("ratio") + "[0]"),
                   scenario::read_number(n->items()[1], r.field("ratio") + "[1]")};
        if (!(p.ratio->first >= 0 && p.ratio->first <= p.ratio->second))
          throw ScenarioError(n->where(), r.field("ratio"), "expected 0 <= LOW <= HIGH");
      }
      if (r.optional("points")) p.points = fraction(r, "points");
      if (p.ratio.has_value() == p.points.has_value())
        throw ScenarioError(node.where(), field, "give either ratio or points");
      break;
    }
    case PatternKind::ShareChange: {
      measure();
      p.events = events("of", false);
      p.names = strings(r.required("regions"), r.field("regions"));
      p.search = period(r.required("before"), r.field("before"));
      p.window = period(r.required("after"), r.field("after"));
      const std::string d = r.string("direction");
      if (d != "up" && d != "down")
        throw ScenarioError(r.required("direction").where(), r.field("direction"),
                            "'" + d + "' is not up or down");
      p.up = d == "up";
      break;
    }
    case PatternKind::SeriesRatio: {
      p.series = r.string("series");
      p.region = r.string("region");
      p.from = r.date("from");
      p.to = r.date("to");
      if (p.to < p.from) throw ScenarioError(r.required("to").where(), r.field("to"), "before 'from'");
      at_most_or_least();
      break;
    }
    case PatternKind::SeriesShare: {
      p.series = r.string("series");
      p.names = strings(r.required("regions"), r.field("regions"));
      p.whole = r.string("whole");
      p.window = period(r.required("between"), r.field("between"));
      at_most_or_least();
      break;
    }
  }
  r.finish();
  return p;
}

double measure_of(const Pattern& p, const engine::Event& e) { return p.fatalities ? e.fatalities : 1.0; }

bool at_place(const engine::Event& e, const std::vector<std::string>& place) {
  const std::string key = fold_name(e.location);
  return std::any_of(place.begin() + 1, place.end(), [&](const std::string& n) { return n == key; });
}

std::string share_text(double x) { return fmt::format("{:.3f}", x); }

bool bounds_hold(const Pattern& p, double x) {
  return (!p.at_least || x >= *p.at_least) && (!p.at_most || x <= *p.at_most);
}

// A series of the run by name and region: its rows in date order.
std::vector<std::pair<engine::Date, double>> series_rows(const Pattern& p, const engine::Recorder& run,
                                                         const std::string& region) {
  const auto& specs = run.series();
  const auto s =
      std::find_if(specs.begin(), specs.end(), [&](const auto& spec) { return spec.name == p.series; });
  if (s == specs.end())
    throw ScenarioError(p.where, p.field + ".series", "the runs record no series '" + p.series + "'");
  const auto& regions = run.regions();
  const auto r = std::find_if(regions.begin(), regions.end(),
                              [&](const std::string& n) { return fold_name(n) == fold_name(region); });
  if (r == regions.end()) {
    throw ScenarioError(p.where, p.field,
                        "the runs record no region '" + region +
                            "' (they have: " + fmt::format("{}", fmt::join(regions, ", ")) + ")");
  }
  const auto sid = static_cast<std::size_t>(s - specs.begin());
  const auto rid = static_cast<std::size_t>(r - regions.begin());
  std::vector<std::pair<engine::Date, double>> out;
  for (const auto& row : run.rows()) {
    if (row.series == sid && row.region == rid) out.emplace_back(row.date, row.value);
  }
  return out;
}

PatternResult timing(const Pattern& p, const engine::Recorder& run) {
  PatternResult out{true, ""};
  for (const auto& names : p.places) {
    std::optional<engine::Date> found;
    for (const auto& e : run.events()) {
      if (!p.search.contains(e.event_date) || !at_place(e, names) || !p.events.matches(e)) continue;
      if (!found || (p.last ? e.event_date >= *found : e.event_date < *found)) found = e.event_date;
    }
    const bool ok = found && p.window.contains(*found);
    out.holds = out.holds && ok;
    out.detail += fmt::format("{}{} {}", out.detail.empty() ? "" : ", ", names.front(),
                              found ? found->iso() : std::string("none"));
  }
  return out;
}

PatternResult count(const Pattern& p, const engine::Recorder& run) {
  std::map<int, double> by_year;
  if (p.each_year) {
    for (int y = p.window.from.year(); y <= p.window.to.year(); ++y) by_year[y] = 0;
  }
  double total = 0;
  for (const auto& e : run.events()) {
    if (!p.window.contains(e.event_date) || !p.events.matches(e)) continue;
    total += 1;
    if (p.each_year) by_year[e.event_date.year()] += 1;
  }
  if (!p.each_year) return {total >= *p.at_least, fmt::format("{:.0f} events", total)};
  PatternResult out{true, ""};
  for (const auto& [y, n] : by_year) {
    out.holds = out.holds && n >= *p.at_least;
    out.detail += fmt::format("{}{}: {:.0f}", out.detail.empty() ? "" : ", ", y, n);
  }
  return out;
}

PatternResult active(const Pattern& p, const engine::Recorder& run) {
  PatternResult out{true, ""};
  for (const auto& actor : p.names) {
    const std::string key = fold_name(actor);
    std::size_t n = 0;
    for (const auto& e : run.events()) {
      if (!p.window.contains(e.event_date) || !p.events.matches(e)) continue;
      if (fold_name(e.actor1) == key || fold_name(e.actor2) == key) ++n;
    }
    out.holds = out.holds && n >= p.min_events;
    out.detail += fmt::format("{}{} {}", out.detail.empty() ? "" : ", ", actor, n);
  }
  return out;
}

PatternResult share(const Pattern& p, const engine::Recorder& run) {
  double whole = 0, part = 0;
  for (const auto& e : run.events()) {
    if (!p.window.contains(e.event_date) || !p.events.matches(e)) continue;
    whole += measure_of(p, e);
    if (p.part.matches(e)) part += measure_of(p, e);
  }
  if (whole == 0) return {false, fmt::format("no {} at all", p.fatalities ? "fatalities" : "events")};
  const double s = part / whole;
  bool ok = false;
  std::string band;
  if (p.ratio) {
    const double lo = p.ratio->first * *p.observed, hi = p.ratio->second * *p.observed;
    ok = s >= lo && s <= hi;
    band = fmt::format("{}–{}", share_text(lo), share_text(hi));
  } else {
    const double lo = *p.observed - *p.points / 100.0, hi = *p.observed + *p.points / 100.0;
    ok = s >= lo && s <= hi;
    band = fmt::format("{}–{}", share_text(std::max(lo, 0.0)), share_text(std::min(hi, 1.0)));
  }
  return {ok, fmt::format("{} ({:.0f} of {:.0f}; band {})", share_text(s), part, whole, band)};
}

PatternResult change(const Pattern& p, const engine::Recorder& run) {
  const auto regions = folded(p.names);
  auto share_in = [&](const Period& period) -> std::optional<double> {
    double whole = 0, part = 0;
    for (const auto& e : run.events()) {
      if (!period.contains(e.event_date) || !p.events.matches(e)) continue;
      whole += measure_of(p, e);
      if (contains_folded(regions, e.admin1)) part += measure_of(p, e);
    }
    if (whole == 0) return std::nullopt;
    return part / whole;
  };
  const auto before = share_in(p.search), after = share_in(p.window);
  if (!before || !after)
    return {false, fmt::format("no {} in one of the periods", p.fatalities ? "fatalities" : "events")};
  return {p.up ? *after > *before : *after < *before,
          fmt::format("{} → {}", share_text(*before), share_text(*after))};
}

PatternResult ratio(const Pattern& p, const engine::Recorder& run) {
  const auto rows = series_rows(p, run, p.region);
  auto value_on = [&](engine::Date d) -> std::optional<double> {
    std::optional<double> v;
    for (const auto& [date, x] : rows) {
      if (date <= d) v = x;
    }
    return v;
  };
  const auto a = value_on(p.from), b = value_on(p.to);
  if (!a || !b) return {false, "no value on one of the dates"};
  if (*a == 0) return {false, fmt::format("{:.0f} → {:.0f}", *a, *b)};
  const double x = *b / *a;
  return {bounds_hold(p, x), fmt::format("{:.0f} → {:.0f} (× {:.3f})", *a, *b, x)};
}

PatternResult regional_share(const Pattern& p, const engine::Recorder& run) {
  auto sum = [&](const std::string& region) {
    double s = 0;
    for (const auto& [date, x] : series_rows(p, run, region)) {
      if (p.window.contains(date)) s += x;
    }
    return s;
  };
  const double whole = sum(p.whole);
  double part = 0;
  for (const auto& r : p.names) part += sum(r);
  if (whole == 0) return {false, "none at all"};
  const double s = part / whole;
  return {bounds_hold(p, s), fmt::format("{} ({:.0f} of {:.0f})", share_text(s), part, whole)};
}

}  // namespace

bool EventFilter::matches(const engine::Event& e) const {
  if (!contains_folded(event_types, e.event_type) || !contains_folded(sub_event_types, e.sub_event_type))
    return false;
  if (!interactions.empty() &&
      std::find(interactions.begin(), interactions.end(), e.interaction) == interactions.end())
    return false;
  if (!actors.empty() && !contains_folded(actors, e.actor1) && !contains_folded(actors, e.actor2))
    return false;
  if (!contains_folded(actor1, e.actor1) || !contains_folded(actor2, e.actor2)) return false;
  if (!contains_folded(regions, e.admin1)) return false;
  if (!locations.empty() &&
      std::none_of(locations.begin(), locations.end(), [&](const auto& names) { return at_place(e, names); }))
    return false;
  if (min_fatalities && e.fatalities < *min_fatalities) return false;
  if (max_fatalities && e.fatalities > *max_fatalities) return false;
  return true;
}

std::vector<Pattern> read_patterns(const Node& root) {
  const Node* section = root.get("patterns");
  if (section == nullptr || section->is_null()) return {};
  if (!section->is_sequence())
    throw ScenarioError(section->where(), "patterns",
                        "expected a list of patterns, got " + section->kind_name());
  const Names names = names_in(root);
  std::vector<Pattern> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < section->items().size(); ++i) {
    const std::string field = fmt::format("patterns[{}]", i);
    out.push_back(read_one(section->items()[i], field, names));
    if (!ids.insert(out.back().id).second)
      throw ScenarioError(section->items()[i].where(), field + ".id",
                          "'" + out.back().id + "' is used twice");
  }
  return out;
}

PatternResult evaluate(const Pattern& p, const engine::Recorder& run) {
  switch (p.kind) {
    case PatternKind::EventTiming:
      return timing(p, run);
    case PatternKind::EventCount:
      return count(p, run);
    case PatternKind::ActorsActive:
      return active(p, run);
    case PatternKind::EventShare:
      return share(p, run);
    case PatternKind::ShareChange:
      return change(p, run);
    case PatternKind::SeriesRatio:
      return ratio(p, run);
    case PatternKind::SeriesShare:
      return regional_share(p, run);
  }
  return {};
}

std::optional<engine::Date> last_date_needed(const std::vector<Pattern>& patterns) {
  std::optional<engine::Date> last;
  auto see = [&](engine::Date d) {
    if (!last || d > *last) last = d;
  };
  for (const auto& p : patterns) {
    switch (p.kind) {
      case PatternKind::EventTiming:
        see(std::max(p.search.to, p.window.to));
        break;
      case PatternKind::ShareChange:
        see(std::max(p.search.to, p.window.to));
        break;
      case PatternKind::SeriesRatio:
        see(p.to);
        break;
      default:
        see(p.window.to);
        break;
    }
  }
  return last;
}

const char* kind_name(PatternKind kind) {
  for (const auto& [name, k] : kinds()) {
    if (k == kind) return name.c_str();
  }
  return "?";
}

}  // namespace peacesim::validation
