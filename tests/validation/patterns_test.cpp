// Patterns as data (src/validation/patterns): every kind read from YAML and checked on a hand-made
// run that meets it and on one that does not, place and group ids resolved, and located errors.
#include "validation/patterns.hpp"

#include <gtest/gtest.h>

#include "scenario/error.hpp"
#include "scenario/yaml_source.hpp"

namespace peacesim::validation {
namespace {

const std::string kTheatre = R"Y(
places:
  - {id: timbuktu, name: "Timbuktu", aliases: ["Tombouctou (Timbuktu)"]}
  - {id: gao, name: "Gao"}
armed_groups:
  - {id: red, name: "Red Front"}
  - {id: blue, name: "Blue Movement"}
)Y";

std::vector<Pattern> patterns_of(const std::string& patterns) {
  return read_patterns(scenario::parse_yaml_text(kTheatre + "patterns:\n" + patterns, "test.yaml"));
}

engine::Event event(const std::string& date, const std::string& type, const std::string& sub,
                    const std::string& a1, const std::string& a2, int interaction, const std::string& region,
                    const std::string& place, int fatalities) {
  engine::Event e;
  e.event_date = *engine::Date::parse(date);
  e.event_type = type;
  e.sub_event_type = sub;
  e.actor1 = a1;
  e.actor2 = a2;
  e.interaction = interaction;
  e.admin1 = region;
  e.location = place;
  e.fatalities = fatalities;
  return e;
}

// A run with regions Whole, Gao, Tombouctou, Mopti; a gauge `displaced` and a flow `deaths_x`.
struct FakeRun {
  engine::Recorder r;
  engine::SeriesId displaced, deaths;
  FakeRun() {
    r.set_regions({"Whole", "Gao", "Tombouctou", "Mopti"});
    displaced = r.declare({"displaced", "people", "", engine::SeriesKind::Gauge, engine::Cadence::Daily});
    deaths = r.declare({"deaths_x", "people", "", engine::SeriesKind::Flow, engine::Cadence::Daily});
  }
  void day(const std::string& date, double displaced_whole, const std::vector<double>& deaths_by_region) {
    r.set(displaced, 0, displaced_whole);
    double sum = 0;
    for (std::size_t i = 0; i < deaths_by_region.size(); ++i) {
      r.add(deaths, static_cast<engine::RegionIndex>(i + 1), deaths_by_region[i]);
      sum += deaths_by_region[i];
    }
    r.add(deaths, 0, sum);
    r.close_periods(0, *engine::Date::parse(date), {engine::Cadence::Daily});
  }
};

const std::string kOvertakes = "Non-state actor overtakes territory";

TEST(Patterns, EventTimingFirstOrLastAtEachPlaceWithIdsAndAliases) {
  const auto p = patterns_of(R"Y(
  - id: fall
    kind: event_timing
    text: towns fall in spring
    events: {sub_event_types: ["Non-state actor overtakes territory"], interactions: [12]}
    which: last
    locations: [timbuktu, Gao]
    search: [2012-01-01, 2012-12-31]
    within: [2012-03-15, 2012-04-15]
    source: test
)Y");
  ASSERT_EQ(p.size(), 1u);
  FakeRun late, early;
  for (FakeRun* run : {&late, &early}) {
    run->r.event(event("2012-01-20", "Battles", kOvertakes, "Red Front", "Army", 12, "Gao", "Gao", 3));
    run->r.event(
        event("2012-06-01", "Battles", kOvertakes, "Red Front", "Blue Movement", 22, "Gao", "Gao", 3));
  }
  // The alias names the same place; the June event is between two groups (interaction 22).
  late.r.event(event("2012-03-30", "Battles", kOvertakes, "Red Front", "Army", 12, "Tombouctou",
                     "Tombouctou (Timbuktu)", 1));
  late.r.event(event("2012-04-01", "Battles", kOvertakes, "Red Front", "Army", 12, "Gao", "Gao", 1));
  early.r.event(
      event("2012-01-25", "Battles", kOvertakes, "Red Front", "Army", 12, "Tombouctou", "Timbuktu", 1));
  const auto yes = evaluate(p[0], late.r);
  EXPECT_TRUE(yes.holds) << yes.detail;
  EXPECT_EQ(yes.detail, "Timbuktu 2012-03-30, Gao 2012-04-01");
  const auto no = evaluate(p[0], early.r);
  EXPECT_FALSE(no.holds);
  EXPECT_EQ(no.detail, "Timbuktu 2012-01-25, Gao 2012-01-20");
  // A place with no such event fails the pattern.
  FakeRun none;
  EXPECT_FALSE(evaluate(p[0], none.r).holds);
}

TEST(Patterns, EventCountInAllAndEachYear) {
  const auto p = patterns_of(R"Y(
  - {id: many, kind: event_count, text: t, source: s, events: {event_types: [Battles]}, between: [2013-01-01, 2014-12-31], at_least: 2}
  - {id: yearly, kind: event_count, text: t, source: s, between: [2013-01-01, 2014-12-31], at_least: 1, each_year: true}
)Y");
  FakeRun run;
  run.r.event(event("2013-02-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 0));
  run.r.event(event("2013-03-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 0));
  EXPECT_TRUE(evaluate(p[0], run.r).holds);
  EXPECT_FALSE(evaluate(p[1], run.r).holds);  // nothing in 2014
  EXPECT_EQ(evaluate(p[1], run.r).detail, "2013: 2, 2014: 0");
  run.r.event(event("2014-03-01", "Violence against civilians", "Attack", "Red Front", "Civilians", 27, "Gao",
                    "Gao", 1));
  EXPECT_TRUE(evaluate(p[1], run.r).holds);
}

TEST(Patterns, ActorsActiveByGroupIdOrName) {
  const auto p = patterns_of(R"Y(
  - {id: active, kind: actors_active, text: t, source: s, actors: [red, "Blue Movement"], between: [2016-01-01, 2016-12-31], min_events: 2}
)Y");
  EXPECT_EQ(p[0].names, (std::vector<std::string>{"Red Front", "Blue Movement"}));
  FakeRun run;
  for (const char* d : {"2016-02-01", "2016-05-01"})
    run.r.event(event(d, "Battles", "Armed clash", "Red Front", "Blue Movement", 22, "Gao", "Gao", 1));
  EXPECT_TRUE(evaluate(p[0], run.r).holds);
  FakeRun lonely;
  lonely.r.event(event("2016-02-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 1));
  lonely.r.event(event("2016-03-01", "Battles", "Armed clash", "Army", "Red Front", 12, "Gao", "Gao", 1));
  lonely.r.event(event("2015-03-01", "Battles", "Armed clash", "Blue Movement", "Army", 12, "Gao", "Gao", 1));
  const auto r = evaluate(p[0], lonely.r);
  EXPECT_FALSE(r.holds);
  EXPECT_EQ(r.detail, "Red Front 2, Blue Movement 0");
}

TEST(Patterns, EventShareByRatioOrPoints) {
  const auto p = patterns_of(R"Y(
  - {id: between_groups, kind: event_share, text: t, source: s, measure: fatalities, where: {interactions: [22]}, between: [2014-01-01, 2016-12-31], observed: 0.2, ratio: [0.5, 2]}
  - {id: no_deaths, kind: event_share, text: t, source: s, measure: events, of: {event_types: [Battles]}, where: {max_fatalities: 0}, between: [2014-01-01, 2016-12-31], observed: 0.5, points: 10}
)Y");
  FakeRun run;
  run.r.event(
      event("2014-02-01", "Battles", "Armed clash", "Red Front", "Blue Movement", 22, "Gao", "Gao", 3));
  run.r.event(event("2014-03-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 7));
  run.r.event(event("2015-03-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 0));
  run.r.event(event("2015-04-01", "Protests", "Peaceful", "Protesters", "", 60, "Gao", "Gao", 0));
  // 3 of 10 deaths between groups: 0.3, inside 0.1–0.4. One of three battles without deaths:
  // 0.333, outside 0.4–0.6.
  EXPECT_TRUE(evaluate(p[0], run.r).holds) << evaluate(p[0], run.r).detail;
  EXPECT_FALSE(evaluate(p[1], run.r).holds) << evaluate(p[1], run.r).detail;
  run.r.event(event("2016-04-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 0));
  EXPECT_TRUE(evaluate(p[1], run.r).holds) << evaluate(p[1], run.r).detail;  // 2 of 4
  run.r.event(event("2016-05-01", "Battles", "Armed clash", "Red Front", "Army", 12, "Gao", "Gao", 30));
  EXPECT_FALSE(evaluate(p[0], run.r).holds) << evaluate(p[0], run.r).detail;  // 3 of 40
}

TEST(Patterns, ShareChangeUpOrDown) {
  const auto p = patterns_of(R"Y(
  - {id: up, kind: share_change, text: t, source: s, measure: fatalities, regions: [Mopti], before: [2014-01-01, 2014-12-31], after: [2016-01-01, 2016-12-31], direction: up}
  - {id: down, kind: share_change, text: t, source: s, measure: fatalities, regions: [Mopti], before: [2014-01-01, 2014-12-31], after: [2016-01-01, 2016-12-31], direction: down}
)Y");
  FakeRun run;
  run.r.event(event("2014-02-01", "Battles", "Armed clash", "A", "B", 12, "Gao", "Gao", 9));
  run.r.event(event("2014-02-01", "Battles", "Armed clash", "A", "B", 12, "Mopti", "Mopti", 1));
  run.r.event(event("2016-02-01", "Battles", "Armed clash", "A", "B", 12, "Gao", "Gao", 5));
  run.r.event(event("2016-02-01", "Battles", "Armed clash", "A", "B", 12, "Mopti", "Mopti", 5));
  EXPECT_TRUE(evaluate(p[0], run.r).holds);
  EXPECT_FALSE(evaluate(p[1], run.r).holds);
  EXPECT_EQ(evaluate(p[0], run.r).detail, "0.100 → 0.500");
}

TEST(Patterns, SeriesRatioAndRegionalShare) {
  const auto p = patterns_of(R"Y(
  - {id: halve, kind: series_ratio, text: t, source: s, series: displaced, region: Whole, from: 2013-12-31, to: 2016-12-31, at_most: 0.5}
  - {id: north, kind: series_share, text: t, source: s, series: deaths_x, regions: [Gao, Tombouctou], whole: Whole, between: [2013-07-01, 2016-12-31], at_least: 0.5}
  - {id: ghost, kind: series_ratio, text: t, source: s, series: nothing, region: Whole, from: 2013-12-31, to: 2016-12-31, at_most: 0.5}
)Y");
  FakeRun fall, rise;
  fall.day("2013-12-31", 1000, {3, 1, 0});
  fall.day("2016-12-31", 400, {0, 0, 2});
  rise.day("2013-12-31", 1000, {0, 0, 3});
  rise.day("2016-12-31", 600, {1, 0, 0});
  EXPECT_TRUE(evaluate(p[0], fall.r).holds);
  EXPECT_FALSE(evaluate(p[0], rise.r).holds);
  EXPECT_TRUE(evaluate(p[1], fall.r).holds) << evaluate(p[1], fall.r).detail;  // 4 of 6
  EXPECT_FALSE(evaluate(p[1], rise.r).holds);                                  // 1 of 4
  EXPECT_THROW((void)evaluate(p[2], fall.r), scenario::ScenarioError);
  // The last date the patterns look at.
  EXPECT_EQ(last_date_needed(p), engine::Date(2016, 12, 31));
}

TEST(Patterns, MistakesAreLocatedErrors) {
  auto error_of = [](const std::string& yaml) {
    try {
      (void)patterns_of(yaml);
    } catch (const scenario::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(
      error_of("  - {id: a, kind: event_timer, text: t, source: s}\n").find("did you mean 'event_timing'"),
      std::string::npos);
  EXPECT_NE(error_of("  - {id: a, kind: event_count, text: t, source: s, between: [2013-01-01, 2012-01-01], "
                     "at_least: 1}\n")
                .find("before the first"),
            std::string::npos);
  EXPECT_NE(error_of("  - {id: a, kind: event_timing, text: t, source: s, events: {}, locations: [Atlantis], "
                     "search: [2012-01-01, 2012-12-31], within: [2012-01-01, 2012-12-31]}\n")
                .find("'Atlantis' is not a place"),
            std::string::npos);
  EXPECT_NE(error_of("  - {id: a, kind: event_count, text: t, source: s, between: [2013-01-01, 2014-01-01], "
                     "at_least: 1, ratio: [1, 2]}\n")
                .find("test.yaml:9:"),
            std::string::npos);
  EXPECT_NE(
      error_of("  - {id: a, kind: event_share, text: t, measure: events, where: {}, between: [2013-01-01, "
               "2014-01-01], observed: 0.5, points: 1}\n")
          .find("patterns[0].source"),
      std::string::npos);
  EXPECT_NE(error_of("  - {id: a, kind: event_count, text: t, source: s, between: [2013-01-01, 2014-01-01], "
                     "at_least: 1}\n"
                     "  - {id: a, kind: event_count, text: t, source: s, between: [2013-01-01, 2014-01-01], "
                     "at_least: 1}\n")
                .find("used twice"),
            std::string::npos);
  EXPECT_TRUE(read_patterns(scenario::parse_yaml_text("name: x\n", "x.yaml")).empty());
}

}  // namespace
}  // namespace peacesim::validation
