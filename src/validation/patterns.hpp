// Patterns as data (docs/validation.md, "Patterns"): qualitative facts a run should reproduce,
// written in the scenario's `patterns:` section and checked run by run by `peacesim patterns` and
// `peacesim backtest`, which report the share of seeds in which each holds. The vocabulary is
// generic; towns, regions, groups, dates and thresholds all come from the scenario.
//
// Kinds (each pattern also has `id`, `text` and a `source` for its threshold):
// - event_timing   the first (or last) event matching `events` at each of `locations`, among
//                  those in `search`, falls within `within`;
// - event_count    at least `at_least` events matching `events` in `between` (with
//                  `each_year: true`, in every calendar year of `between`);
// - actors_active  each of `actors` is a side (actor1 or actor2) of at least `min_events`
//                  events matching `events` in `between`;
// - event_share    the share of `measure` (events or fatalities) of the events matching `of`
//                  that also match `where`, in `between`, is within `ratio: [a, b]` times
//                  `observed`, or within `points` percentage points of it;
// - share_change   the share of `regions` in `measure` of the events matching `of` goes `up`
//                  (or `down`) from the period `before` to the period `after`;
// - series_ratio   a recorded series' value in `region` on `to` (its last value on or before
//                  that date) over its value on `from` is at most `at_most` (or at least
//                  `at_least`);
// - series_share   the sum of a series over `between` in `regions`, over its sum in `whole`,
//                  is at least `at_least` (or at most `at_most`).
// An event filter may name event_types, sub_event_types, interactions (ACLED's two-digit actor
// codes), actors (either side), actor1, actor2, locations, regions (admin1), min_fatalities and
// max_fatalities; what it leaves out is not constrained. Names are compared after folding
// (accents, case). When the scenario has `places`, locations are place ids, names or aliases (a
// place matches by any of its names); when it has `armed_groups`, an actor written as a group's
// id stands for the group's name.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/recorder.hpp"
#include "scenario/node.hpp"

namespace peacesim::validation {

struct Period {
  engine::Date from, to;
  [[nodiscard]] bool contains(engine::Date d) const { return d >= from && d <= to; }
};

struct EventFilter {
  std::vector<std::string> event_types, sub_event_types, actors, actor1, actor2, regions;
  std::vector<std::vector<std::string>> locations;  // each place: its name, then all its names folded
  std::vector<int> interactions;
  std::optional<double> min_fatalities, max_fatalities;
  [[nodiscard]] bool matches(const engine::Event& e) const;
};

enum class PatternKind {
  EventTiming,
  EventCount,
  ActorsActive,
  EventShare,
  ShareChange,
  SeriesRatio,
  SeriesShare
};

struct Pattern {
  std::string id, text, source;
  PatternKind kind = PatternKind::EventTiming;
  scenario::Location where;
  std::string field;  // e.g. "patterns[2]", for errors found when a run is checked

  EventFilter events;  // the events looked at (event_share and share_change: the whole, `of`)
  EventFilter part;    // event_share: `where`
  // event_timing: each place (its name, then all its names folded); actors_active: the actors;
  // share_change and series_share: the regions.
  std::vector<std::vector<std::string>> places;
  std::vector<std::string> names;
  bool last = false;  // event_timing: the last matching event instead of the first
  bool each_year = false;
  Period search, window;    // event_timing: search and within; share_change: before and after; else between
  bool fatalities = false;  // measure: fatalities (else events)
  std::optional<double> observed, points, at_least, at_most;
  std::optional<std::pair<double, double>> ratio;
  bool up = true;  // share_change
  std::string series, region, whole;
  engine::Date from, to;  // series_ratio
  std::size_t min_events = 1;
};

struct PatternResult {
  bool holds = false;
  std::string detail;  // what was measured, e.g. "<town> 2012-02-04, <town> 2012-01-29"
};

// The scenario's `patterns:` section (none: an empty list). Throws scenario::ScenarioError naming
// the file, line and field of any mistake.
std::vector<Pattern> read_patterns(const scenario::Node& root);

// Whether one run shows the pattern. Throws scenario::ScenarioError (at the pattern) when the run
// has no such series or region.
PatternResult evaluate(const Pattern& pattern, const engine::Recorder& run);

// The last date any pattern looks at: runs checked only for patterns may stop there.
std::optional<engine::Date> last_date_needed(const std::vector<Pattern>& patterns);

const char* kind_name(PatternKind kind);

}  // namespace peacesim::validation
