// Cross-reference and consistency checks: each error names the file, line and field of the
// offending value.
#include <gtest/gtest.h>

#include "snippet.hpp"

namespace peacesim::testing {
namespace {

using std::string;

void expect_error(const string& name, const string& text, const string& needle_on_line, const string& field,
                  const string& message_part) {
  const auto e = error_of(name, text);
  EXPECT_EQ(e.where().line, line_of(text, needle_on_line)) << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
  EXPECT_NE(e.message().find(message_part), string::npos) << e.what();
  EXPECT_NE(e.where().file.find(name), string::npos) << e.what();
}

TEST(TheatreChecks, MinimalTheatreIsValid) {
  const auto t = load_and_check("valid.yaml", minimal_theatre());
  EXPECT_EQ(t.operations.size(), 1u);
  EXPECT_EQ(t.groups.size(), 2u);
  EXPECT_EQ(t.places.size(), 2u);
}

TEST(TheatreChecks, UnknownBasePlace) {
  const string text = replace(minimal_theatre(), "bases: [{place: gao,", "bases: [{place: atlantis,");
  expect_error("unknown_base.yaml", text, "place: atlantis", "operations[0].bases[0].place",
               "unknown place 'atlantis'");
}

TEST(TheatreChecks, UnknownRegionSuggestsTheNearest) {
  const string text =
      replace(minimal_theatre(), "country: MLI, region: Kidal", "country: MLI, region: Kidall");
  expect_error("unknown_region.yaml", text, "region: Kidall", "places[1].region",
               "unknown region 'Kidall' (did you mean 'Kidal'?)");
}

TEST(TheatreChecks, UnknownGroupInAChange) {
  const string text =
      replace(minimal_theatre(), "      - {date: 2011-10, change: formed, source: \"004 §3.2\"}",
              "      - {date: 2011-10, change: formed, source: \"004 §3.2\"}\n"
              "      - {date: 2014, change: joined, group: cmaa, source: \"004 §3.4\"}");
  expect_error("unknown_group.yaml", text, "group: cmaa", "armed_groups[0].changes[1].group",
               "unknown armed group 'cmaa'");
}

TEST(TheatreChecks, JoiningAGroupThatIsNotACoalition) {
  const string text =
      replace(minimal_theatre(), "      - {date: 2011-10, change: formed, source: \"004 §3.2\"}",
              "      - {date: 2011-10, change: formed, source: \"004 §3.2\"}\n"
              "      - {date: 2015, change: joined, group: mnla, source: \"004 §3.4\"}");
  expect_error("self_join.yaml", text, "group: mnla", "armed_groups[0].changes[1].group",
               "cannot change relative to itself");
}

TEST(TheatreChecks, ChangeBeforeTheGroupExists) {
  const string text =
      replace(minimal_theatre(), "      - {date: 2011-10, change: formed, source: \"004 §3.2\"}",
              "      - {date: 2011-10, change: formed, source: \"004 §3.2\"}\n"
              "      - {date: 2012, change: joined, group: cma, source: \"004 §3.4\"}");
  expect_error("join_before.yaml", text, "group: cma,", "armed_groups[0].changes[1].group",
               "group 'cma' does not exist on 2012");
}

TEST(TheatreChecks, UnknownInstitution) {
  const string text = replace(minimal_theatre(), "organizations: [un_secretariat]", "organizations: [uno]");
  expect_error("unknown_institution.yaml", text, "organizations: [uno]", "operations[0].organizations[0]",
               "unknown institution 'uno'");
}

TEST(TheatreChecks, UnknownOperationInTheTimeline) {
  const string text =
      replace(minimal_theatre(), "operation: minusma, text: \"2100\"", "operation: minusmaa, text: \"2100\"");
  expect_error("unknown_operation.yaml", text, "operation: minusmaa", "timeline[0].operation",
               "unknown operation 'minusmaa' (did you mean 'minusma'?)");
}

TEST(TheatreChecks, UnknownActor) {
  const string text = replace(minimal_theatre(), "actors: [unsc]", "actors: [unsc, mujao]");
  expect_error("unknown_actor.yaml", text, "actors: [unsc, mujao]", "timeline[0].actors[1]", "unknown actor");
}

TEST(TheatreChecks, NegativeStrength) {
  const string text = replace(minimal_theatre(), "military: 5494", "military: -5494");
  expect_error("negative.yaml", text, "military: -5494", "operations[0].actual_strength.points[0].military",
               "must not be negative");
}

TEST(TheatreChecks, ActualAboveAuthorizationNeedsANote) {
  const string text = replace(minimal_theatre(), "military: 5494, police: 800, source",
                              "military: 12000, police: 800, source");
  expect_error("above.yaml", text, "military: 12000", "operations[0].actual_strength.points[0]",
               "actual military strength 12000 on 2013-07 exceeds the 11200 authorized since 2013-04-25");
  const string with_note = replace(minimal_theatre(), "military: 5494, police: 800, source",
                                   "military: 12000, police: 800, note: \"why\", source");
  EXPECT_NO_THROW(load_and_check("above_noted.yaml", with_note));
}

TEST(TheatreChecks, StartBeforeDecision) {
  const string text = replace(minimal_theatre(), "start: 2013-07-01", "start: 2013-03-01");
  expect_error("start_before.yaml", text, "start: 2013-03-01", "operations[0].dates.start",
               "2013-03-01 is before the decision 2013-04-25");
}

TEST(TheatreChecks, ActualStrengthBeforeTheStart) {
  const string text =
      replace(minimal_theatre(), "{date: 2013-07, military: 5494", "{date: 2013-06, military: 5494");
  expect_error("before_start.yaml", text, "date: 2013-06, military",
               "operations[0].actual_strength.points[0].date", "before the operation's start 2013-07-01");
}

TEST(TheatreChecks, TimelineOutOfOrder) {
  const string text = minimal_theatre() +
                      "  - {id: later, date: 2013-05, kind: decision, text: x, source: \"004 §4.5\"}\n"
                      "  - {id: earlier, date: 2013-04-30, kind: decision, text: y, source: \"004 §4.5\"}\n";
  expect_error("timeline_order.yaml", text, "date: 2013-04-30", "timeline[2].date",
               "2013-04-30 is before the previous event's date 2013-05");
}

TEST(TheatreChecks, MonthPrecisionIsNotBeforeADayInThatMonth) {
  const string text = minimal_theatre() +
                      "  - {id: day, date: 2013-05-20, kind: decision, text: x, source: \"004 §4.5\"}\n"
                      "  - {id: month, date: 2013-05, kind: decision, text: y, source: \"004 §4.5\"}\n";
  EXPECT_NO_THROW(load_and_check("month_order.yaml", text));
}

TEST(TheatreChecks, OnlyDecisionsEnterAfterTheCutOff) {
  // An event that is no decision (an attack, a battle) is an outcome: after the cut-off it may only
  // be shown as a reference.
  const string outcome =
      minimal_theatre() + "  - {id: raid, date: 2018-05-01, kind: attack, text: x, source: \"004 §3.4\"}\n";
  expect_error("cutoff.yaml", outcome, "id: raid", "timeline[1].date",
               "after theatre.observations_end 2016-12-31");
  const string reference =
      minimal_theatre() +
      "  - {id: raid, date: 2018-05-01, kind: attack, text: x, role: reference, source: \"004 §3.4\"}\n";
  EXPECT_NO_THROW(load_and_check("cutoff_reference.yaml", reference));
  // A coup and an operation's record are decisions the scenario takes as inputs.
  const string coup =
      minimal_theatre() + "  - {id: coup, date: 2020-08-18, kind: coup, text: x, source: \"004 §3.4\"}\n";
  EXPECT_NO_THROW(load_and_check("cutoff_coup.yaml", coup));
  const string operation = minimal_theatre() +
                           "  - {id: r, date: 2017-06-29, kind: un_resolution, operation: minusma, text: x, "
                           "source: \"002 Table\"}\n";
  EXPECT_NO_THROW(load_and_check("cutoff_operation.yaml", operation));
  const string observation =
      minimal_theatre() +
      "  - {id: o, date: 2018-01, kind: attack, text: x, role: observation, source: \"public record\"}\n";
  expect_error("cutoff_observation.yaml", observation, "id: o,", "timeline[1].date",
               "an observation dated 2018-01");
}

TEST(TheatreChecks, GroupChangeAfterTheCutOff) {
  // A dissolution is a decision (an input); taking part in talks is an outcome of the conflict.
  const string dissolved =
      replace(minimal_theatre(), "      - {date: 2014, change: formed, source: \"004 §3.4\"}",
              "      - {date: 2014, change: formed, source: \"004 §3.4\"}\n"
              "      - {date: 2017-03, change: dissolved, source: \"public record\"}");
  EXPECT_NO_THROW(load_and_check("group_cutoff_dissolved.yaml", dissolved));
  const string text = replace(minimal_theatre(), "      - {date: 2014, change: formed, source: \"004 §3.4\"}",
                              "      - {date: 2014, change: formed, source: \"004 §3.4\"}\n"
                              "      - {date: 2017-03, change: negotiating, source: \"public record\"}");
  expect_error("group_cutoff.yaml", text, "change: negotiating", "armed_groups[1].changes[1].date",
               "the change 'negotiating' of group 'cma'");
}

TEST(TheatreChecks, DuplicateIdsAcrossActors) {
  const string text = replace(minimal_theatre(), "  - id: cma\n", "  - id: mali\n");
  expect_error("duplicate.yaml", text, "  - id: mali\n", "armed_groups[1].id", "already used by the");
}

TEST(TheatreChecks, PlannedOperationCannotHaveActualStrength) {
  const string text = replace(minimal_theatre(), "status: deployed", "status: planned_never_deployed");
  expect_error("planned.yaml", text, "start: 2013-07-01", "operations[0].dates.start",
               "never deployed has no start date");
}

TEST(TheatreChecks, SignatureByAnUnknownParty) {
  const string text = replace(minimal_theatre(), "signatures: [{party: cma,", "signatures: [{party: hcua,");
  expect_error("party.yaml", text, "party: hcua", "peace_process.agreements[0].signatures[0].party",
               "unknown party (armed group or institution) 'hcua'");
}

TEST(TheatreChecks, SharesOfAnUnknownCommunity) {
  const string text = replace(minimal_theatre(), "shares: {tuareg: 1.0}", "shares: {touareg: 1.0}");
  expect_error("community.yaml", text, "touareg: 1.0", "population.community_shares[0].shares.touareg",
               "unknown community 'touareg'");
}

TEST(TheatreChecks, RouteToAnUnknownPlace) {
  const string text = replace(minimal_theatre(), "{a: gao, b: kidal,", "{a: gao, b: kidall,");
  expect_error("route.yaml", text, "b: kidall", "routes.edges[0].b", "unknown place 'kidall'");
}

TEST(TheatreChecks, KinAbroadNamesCountriesWithPlacesThere) {
  // A camp in Niger makes NER a country to flee to; a community's kin elsewhere is an error.
  const string with_camp = replace(minimal_theatre(), "  - {id: kidal,",
                                   "  - {id: abala, name: Abala, kind: camp, lat: 14.93, lon: 3.43, country: "
                                   "NER, source: \"data/displacement\"}\n"
                                   "  - {id: kidal,");
  const string kin =
      replace(with_camp, "communities: [{id: tuareg, name: Tuareg, source: \"MODEL.md §3\"}]",
              "communities: [{id: tuareg, name: Tuareg, source: \"MODEL.md §3\", kin_abroad: [NER], "
              "kin_source: \"public record\"}]");
  const auto t = load_and_check("kin.yaml", kin);
  ASSERT_EQ(t.population.communities[0].kin_abroad.size(), 1u);
  EXPECT_EQ(t.population.communities[0].kin_abroad[0].id, "NER");
  expect_error("kin_unknown.yaml", replace(kin, "kin_abroad: [NER]", "kin_abroad: [NER, DZA]"),
               "kin_abroad: [NER, DZA]", "population.communities[0].kin_abroad[1]",
               "unknown country with places abroad 'DZA'");
  expect_error("kin_code.yaml", replace(kin, "kin_abroad: [NER]", "kin_abroad: [ner]"), "kin_abroad: [ner]",
               "population.communities[0].kin_abroad[0]", "expected an ISO 3166-1 alpha-3 code");
  expect_error("kin_uncited.yaml", replace(kin, ", kin_source: \"public record\"", ""), "kin_abroad: [NER]",
               "population.communities[0].kin_source", "kin_abroad needs a kin_source");
  // Livelihoods have no kin.
  expect_error(
      "kin_livelihood.yaml",
      replace(kin, "livelihoods: [{id: herder, name: Herder, source: \"MODEL.md §3\"}]",
              "livelihoods: [{id: herder, name: Herder, source: \"MODEL.md §3\", kin_abroad: [NER]}]"),
      "livelihoods: [{id: herder", "population.livelihoods[0].kin_abroad", "unknown field");
}

}  // namespace
}  // namespace peacesim::testing
