// The reference scenario loads, and holds every operation and armed group of issue 4 with its
// dates and figures as the seeds give them.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "models/registry.hpp"
#include "support.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::testing {
namespace {

using engine::Date;
using theatre::Role;

const theatre::Operation& op(const std::string& id) {
  const auto* o = mali().world.theatre.find_operation(id);
  EXPECT_NE(o, nullptr) << id;
  return *o;
}

const theatre::ArmedGroup& group(const std::string& id) {
  const auto* g = mali().world.theatre.find_group(id);
  EXPECT_NE(g, nullptr) << id;
  return *g;
}

TEST(MaliScenario, LoadsAndIsTimed) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto s = scenario::load_scenario(mali_scenario_path());
  const auto p = scenario::resolve_parameters(s, models::conflict_theatre::theatre_info().parameters);
  const auto w = models::conflict_theatre::load_world(s, p);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ timing   ] Mali scenario: %.1f ms in all (theatre %.1f, boundaries %.1f, raster %.1f)\n", ms,
              w.timings.theatre_ms, w.timings.boundaries_ms, w.timings.raster_ms);
  RecordProperty("load_ms", std::to_string(ms));
  EXPECT_EQ(s.start, Date(2011, 10, 1));
  EXPECT_EQ(s.end, Date(2020, 12, 31));
  EXPECT_EQ(w.theatre.operations.size(), 8u);
  EXPECT_EQ(w.regions.units.size(), 9u);
  EXPECT_EQ(w.cercles.units.size(), 50u);
}

// Issue 19: the model has a theatre-neutral name; "mali", its first name, still finds it.
TEST(MaliScenario, TheModelIsTheTheatreModelAndMaliIsItsAlias) {
  EXPECT_EQ(mali().scenario.model, "theatre");
  const auto* by_name = models::find_model("theatre");
  ASSERT_NE(by_name, nullptr);
  EXPECT_EQ(models::find_model("mali"), by_name);
  EXPECT_EQ(models::find_model("mal"), nullptr);
}

TEST(MaliScenario, EveryOperationOfTheIssue) {
  for (const char* id :
       {"micema", "afisma", "serval", "eutm", "minusma", "barkhane", "g5_joint_force", "takuba"}) {
    EXPECT_NE(mali().world.theatre.find_operation(id), nullptr) << id;
  }
}

TEST(MaliScenario, Micema) {
  const auto& o = op("micema");
  EXPECT_EQ(o.status, "planned_never_deployed");
  EXPECT_FALSE(o.start);
  EXPECT_TRUE(o.actual.empty());
  EXPECT_EQ(o.decided->str(), "2012-04");
  ASSERT_EQ(o.planned.size(), 1u);
  EXPECT_EQ(o.planned[0].military, 3245);  // 004 §4.2
  EXPECT_EQ(*o.budgets[0].usd_per_year, 227e6);
}

TEST(MaliScenario, Afisma) {
  const auto& o = op("afisma");
  EXPECT_EQ(o.decided->date, Date(2012, 12, 20));  // UNSC 2085
  EXPECT_EQ(o.end->date, Date(2013, 6, 30));
  EXPECT_EQ(o.budgets[0].funding, "voluntary_trust_fund");
  EXPECT_EQ(*o.budgets[0].usd_per_year, 410e6);                     // 004 §4.2
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 3, 15)), 6200);  // 004 §4.5
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 6, 15)), 6444);  // SIPRI 6,077 + 367
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 7, 1)), 0);      // handed over
  EXPECT_EQ(o.planned.back().military, 7727);
  EXPECT_EQ(o.mandates[0].instrument, "S/RES/2085 (2012)");
}

TEST(MaliScenario, ServalWithTheChadianContingent) {
  const auto& o = op("serval");
  EXPECT_EQ(o.start->date, Date(2013, 1, 11));
  EXPECT_EQ(o.end->date, Date(2014, 7, 31));
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 1, 11)), 500);   // 000
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 3, 1)), 4500);   // 000; 004 §3.3
  EXPECT_EQ(theatre::actual_strength(o, Date(2014, 1, 20)), 2500);  // 004 §3.3
  EXPECT_EQ(theatre::actual_strength(o, Date(2014, 7, 20)), 1600);  // SIPRI
  const auto chad =
      std::find_if(o.units.begin(), o.units.end(), [](const auto& u) { return u.id == "chad_contingent"; });
  ASSERT_NE(chad, o.units.end());
  EXPECT_EQ(chad->contributor->id, "chad");
  EXPECT_EQ(chad->command, "national");
}

TEST(MaliScenario, Eutm) {
  const auto& o = op("eutm");
  EXPECT_EQ(o.decided->date, Date(2013, 1, 17));
  EXPECT_EQ(o.start->date, Date(2013, 2, 18));
  EXPECT_EQ(o.authorized[0].military, 550);
  EXPECT_EQ(o.planned[0].military, 200);
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 12, 15)), 430);  // SIPRI
  EXPECT_EQ(o.actual.size(), 47u);                                  // 2013-02 .. 2016-12
}

TEST(MaliScenario, MinusmaMandatesByResolution) {
  const auto& o = op("minusma");
  std::vector<std::string> instruments;
  for (const auto& m : o.mandates) instruments.push_back(m.instrument);
  EXPECT_EQ(instruments,
            (std::vector<std::string>{"S/RES/2100 (2013)", "S/RES/2164 (2014)", "S/RES/2227 (2015)",
                                      "S/RES/2295 (2016)", "S/RES/2364 (2017)"}));
  EXPECT_EQ(o.mandates[0].adopted.date, Date(2013, 4, 25));
  EXPECT_EQ(*o.mandates[0].military, 11200);
  EXPECT_EQ(*o.mandates[0].police, 1440);
  EXPECT_EQ(*o.mandates[3].military, 13289);
  EXPECT_EQ(*o.mandates[3].police, 1920);
  EXPECT_EQ(o.mandates[0].tasks.size(), 7u);   // 002 Table: a) to g)
  EXPECT_EQ(o.mandates[3].tasks.size(), 11u);  // 7 priority + 4 other
  const auto has_task = [&](std::size_t m, const std::string& category) {
    return std::any_of(o.mandates[m].tasks.begin(), o.mandates[m].tasks.end(),
                       [&](const auto& t) { return t.category == category; });
  };
  EXPECT_FALSE(has_task(2, "countering_asymmetric_threats"));
  EXPECT_TRUE(has_task(3, "countering_asymmetric_threats"));  // 2295
  EXPECT_TRUE(has_task(2, "ceasefire_monitoring"));           // 2227
  EXPECT_EQ(o.start->date, Date(2013, 7, 1));
  EXPECT_EQ(o.predecessor->id, "afisma");
}

TEST(MaliScenario, MinusmaStrengthFromIpiMonthlyFigures) {
  const auto& o = op("minusma");
  EXPECT_EQ(theatre::actual_strength(o, Date(2013, 7, 15)), 5494 + 800);  // 004 §4.5
  EXPECT_EQ(theatre::actual_strength(o, Date(2014, 3, 15)), 6483 + 986);
  EXPECT_EQ(theatre::actual_strength(o, Date(2016, 12, 31)), 10763 + 36 + 1258);
  EXPECT_EQ(o.actual.size(), 42u);  // 2013-07 .. 2016-12
}

TEST(MaliScenario, MinusmaIntelligenceUnits) {
  const auto& o = op("minusma");
  std::vector<std::string> ids;
  for (const auto& u : o.units) ids.push_back(u.id + ":" + u.command);
  EXPECT_EQ(ids, (std::vector<std::string>{"asifu:military", "jmac:civilian"}));  // 002
}

TEST(MaliScenario, MinusmaSpreadOverBasesFromGeoPko) {
  const auto& o = op("minusma");
  ASSERT_EQ(o.spread_snapshots.size(), 23u);  // Rev.3 (2014-03) .. Rev.26 (2018-12)
  EXPECT_EQ(o.spread_snapshots.front().date, Date(2014, 3, 1));
  EXPECT_EQ(o.spread_snapshots.back().date, Date(2018, 12, 1));
  std::set<std::string> sites;
  for (const auto& s : o.spread_snapshots) {
    for (const auto& site : s.sites) sites.insert(mali().world.theatre.places[site.place].id);
  }
  EXPECT_EQ(sites.size(), 15u);
  EXPECT_TRUE(sites.count("lere"));    // "LerÃ©" repaired and matched by alias
  EXPECT_TRUE(sites.count("menaka"));  // "MÃ©naka"
  EXPECT_TRUE(sites.count("sevare"));  // "Mopti/Sevare"
}

TEST(MaliScenario, BarkhaneG5AndTakuba) {
  const auto& b = op("barkhane");
  EXPECT_EQ(b.start->date, Date(2014, 8, 1));
  EXPECT_EQ(b.predecessor->id, "serval");
  EXPECT_EQ(theatre::actual_strength(b, Date(2014, 8, 1)), 3000);  // 004 §4.6
  EXPECT_EQ(theatre::actual_strength(b, Date(2017, 9, 1)), 3500);  // 002
  EXPECT_EQ(theatre::actual_strength(b, Date(2020, 6, 1)), 5100);
  EXPECT_EQ(b.area_countries.size(), 5u);
  const auto& g5 = op("g5_joint_force");
  EXPECT_EQ(g5.decided->date, Date(2017, 2, 6));
  EXPECT_EQ(g5.authorized[0].military, 5000);  // 004 §3.4
  EXPECT_TRUE(g5.actual.empty());              // no deployed figure in the sources
  const auto& t = op("takuba");
  EXPECT_EQ(t.start->date.year(), 2020);
  EXPECT_EQ(t.relations[0].with.id, "barkhane");
}

TEST(MaliScenario, EveryArmedGroupOfTheIssueWithItsOrigin) {
  const std::vector<std::pair<std::string, std::string>> origins{
      {"mnla", "2011-10"},       {"ansar_dine", "2011-12"},
      {"aqim", "2007-01"},       {"mujao", "2011-12"},
      {"cma", "2014"},           {"platforme", "2014"},
      {"gatia", "2014-08"},      {"al_mourabitoun", "2013-08-22"},
      {"katiba_macina", "2015"}, {"jnim", "2017-03-02"},
      {"isgs", "2015-05"},       {"dan_na_ambassagou", "2016"},
      {"hcua", "2013-05"}};
  for (const auto& [id, when] : origins) EXPECT_EQ(group(id).origin().when.str(), when) << id;
  EXPECT_EQ(group("mujao").origin().kind, theatre::ChangeKind::SplitFrom);
  EXPECT_EQ(group("isgs").origin().group->id, "al_mourabitoun");
  EXPECT_EQ(group("mujao").end()->group->id, "al_mourabitoun");
  EXPECT_EQ(group("jnim").origin().from.size(), 4u);
  // After the cut-off, a merger is a decision the scenario plays as an input (cited).
  EXPECT_NE(group("jnim").origin().role, Role::Reference);
  EXPECT_EQ(group("ansar_dine").end()->kind, theatre::ChangeKind::MergedInto);
  EXPECT_EQ(group("ansar_dine").end()->group->id, "jnim");
}

TEST(MaliScenario, DesignationsAndSignatories) {
  EXPECT_TRUE(theatre::group_designated(group("mujao"), Date(2012, 12, 5)));
  EXPECT_FALSE(theatre::group_designated(group("ansar_dine"), Date(2013, 3, 19)));
  EXPECT_TRUE(theatre::group_designated(group("ansar_dine"), Date(2013, 3, 20)));
  EXPECT_FALSE(theatre::group_designated(group("mnla"), Date(2016, 1, 1)));
  const auto* algiers = mali().world.theatre.find_agreement("algiers_2015");
  ASSERT_NE(algiers, nullptr);
  std::vector<std::string> parties;
  for (const auto& s : algiers->signatures) parties.push_back(s.party.id);
  EXPECT_EQ(parties, (std::vector<std::string>{"mali", "platforme", "cma"}));
  EXPECT_EQ(algiers->excluded.size(), 3u);
  EXPECT_NE(mali().world.theatre.find_agreement("ouagadougou_2013"), nullptr);
}

TEST(MaliScenario, StateAndInstitutions) {
  const auto& t = mali().world.theatre;
  std::vector<std::string> kinds;
  for (const auto& g : t.states.front().governments) kinds.push_back(g.how);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"in_office", "coup", "transfer", "transfer", "election", "coup"}));
  EXPECT_NE(t.states.front().governments.back().role,
            Role::Reference);  // 2020 coup: a decision, played as an input
  for (const char* id : {"france", "unsc", "un_secretariat", "au", "ecowas", "eu", "g5_sahel", "mali", "usa",
                         "algeria", "chad", "niger", "mauritania", "uk", "russia", "china"}) {
    EXPECT_NE(t.find_institution(id), nullptr) << id;
  }
  EXPECT_EQ(t.find_institution("unsc")->members.size(), 5u);  // P5
}

TEST(MaliScenario, NothingObservedAfterTheCutOffIsAnInput) {
  // After the cut-off only decisions enter as inputs: operations' record, coups, and groups'
  // formations, splits, mergers, dissolutions, joins and designations. Every other dated item is a
  // reference, shown and never played.
  const auto& t = mali().world.theatre;
  const Date cutoff = t.meta.observations_end.date;
  EXPECT_EQ(cutoff, Date(2016, 12, 31));
  for (const auto& e : t.timeline) {
    if (e.when.date <= cutoff) continue;
    EXPECT_NE(e.role, Role::Observation) << e.id;
    EXPECT_TRUE(e.role == Role::Reference || e.kind == "coup" ||
                (e.operation && (e.kind == "operation" || e.kind == "un_resolution")))
        << e.id;
  }
  using theatre::ChangeKind;
  for (const auto& g : t.groups) {
    for (const auto& c : g.changes) {
      if (c.when.date <= cutoff || c.role == Role::Reference) continue;
      EXPECT_TRUE(c.kind == ChangeKind::Formed || c.kind == ChangeKind::SplitFrom ||
                  c.kind == ChangeKind::MergedInto || c.kind == ChangeKind::Dissolved ||
                  c.kind == ChangeKind::Joined || c.kind == ChangeKind::Designated)
          << g.id << " " << theatre::change_kind_name(c.kind);
      EXPECT_FALSE(c.source.text.empty()) << g.id;
    }
  }
}

TEST(MaliScenario, PlacesCampsAndRoutes) {
  const auto& w = mali().world;
  int camps = 0;
  for (const auto& p : w.theatre.places) camps += p.kind == theatre::PlaceKind::Camp ? 1 : 0;
  EXPECT_EQ(camps, 7);
  const auto* mbera = w.theatre.find_place("mbera");
  ASSERT_NE(mbera, nullptr);
  EXPECT_EQ(mbera->country, "MRT");
  const auto* lere = w.theatre.find_place("lere");
  EXPECT_NEAR(lere->lat, 15.7118, 1e-9);  // not Flee's 14.2116 (data/README.md)
  // Every Malian town is reachable from Bamako, and so are the camps.
  const auto from_bamako = w.routes.distances_from(*w.routes.find("bamako"));
  for (std::size_t i = 0; i < w.theatre.places.size(); ++i) {
    if (w.theatre.places[i].id == "ndjamena") continue;  // off the grid, no routes
    EXPECT_TRUE(std::isfinite(from_bamako[i])) << w.theatre.places[i].id;
  }
}

TEST(MaliScenario, DetourFactorIsTheMedianOfFleeRoutes) {
  const auto& w = mali().world;
  std::vector<double> ratios;
  for (std::size_t i = 0; i < w.theatre.routes.edges.size(); ++i) {
    const auto& e = w.theatre.routes.edges[i];
    if (!e.km) continue;
    const auto* a = w.theatre.find_place(e.a.id);
    const auto* b = w.theatre.find_place(e.b.id);
    ratios.push_back(*e.km / engine::haversine_km(a->lat, a->lon, b->lat, b->lon));
  }
  ASSERT_EQ(ratios.size(), 35u);
  std::sort(ratios.begin(), ratios.end());
  const double median = ratios[ratios.size() / 2];
  EXPECT_NEAR(median, mali().parameters.real("route_detour_factor"), 0.005);
  EXPECT_NEAR(ratios.back(), 2.69, 0.01);  // the range's upper end (Douentza-Mentao)
}

TEST(MaliScenario, PopulationGrowsFromTheCensus) {
  const auto& w = mali().world;
  double census = 0;
  for (double p : w.region_census) census += p;
  EXPECT_EQ(census, 14528662);  // RGPH 2009 final
  // data/README.md §Population: 2012-04 at the national rate, 16,209,050 (3.0 years at 3.65 %).
  EXPECT_NEAR(w.national_population(Date(2012, 4, 1)), 16209050, 0.001 * 16209050);
  double cercles = 0;
  for (double p : w.cercle_census) cercles += p;
  EXPECT_NEAR(cercles, census, 1.0);
  double cells = 0;
  for (float p : w.cell_census) cells += p;
  EXPECT_NEAR(cells, census, 1e-4 * census);  // float cells
}

TEST(MaliScenario, PlacesLieInTheirRegions) {
  const auto& w = mali().world;
  for (std::size_t i = 0; i < w.theatre.places.size(); ++i) {
    const auto& p = w.theatre.places[i];
    if (!p.region) continue;
    ASSERT_TRUE(w.place_region[i]) << p.id;
    EXPECT_EQ(w.regions.units[*w.place_region[i]].name, p.region->id);
  }
}

}  // namespace
}  // namespace peacesim::testing
