// The validation readers and metrics (src/validation): region names harmonized, ACLED exports
// de-duplicated and windowed, located errors for bad rows, and the metrics on hand-computable
// cases.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "support/region_tables.hpp"
#include "theatre/csv.hpp"
#include "validation/metrics.hpp"
#include "validation/observed.hpp"
#include "validation/regions.hpp"

namespace peacesim::validation {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture =
    fs::path(PEACESIM_SOURCE_DIR) / "tests/fixtures/acled/acled_mali_fixture_19_events.csv";

fs::path write(const std::string& name, const std::string& text) {
  const auto p =
      fs::temp_directory_path() / ("peacesim_validation_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ObservedFiles, DevicesAndFilesOverTheCapAreRefusedNamingTheFile) {
  auto message_of = [](const fs::path& path) {
    try {
      (void)read_events(path, engine::Date(1900, 1, 1), engine::Date(2100, 1, 1),
                        testing::mali_region_names());
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  EXPECT_EQ(message_of("/dev/zero"),
            "/dev/zero: is not a regular file (devices, pipes and sockets are not read)");
  const fs::path big = write("big.csv", "month,admin1,event_type,events,fatalities\n");
  fs::resize_file(big, theatre::kMaxCsvBytes + 1);  // sparse: nothing is written or read
  EXPECT_EQ(
      message_of(big),
      big.string() + ": is 256.0 MiB (268435457 bytes), more than the 256 MiB allowed for a CSV data file");
  fs::remove(big);
}

TEST(Regions, SpellingsAccentsMojibakeAndNewRegionsFoldToThePre2016Ones) {
  EXPECT_EQ(testing::mali_region_names().harmonize("Ménaka"), "Gao");
  EXPECT_EQ(testing::mali_region_names().harmonize("MÃ©naka"), "Gao");  // UTF-8 read as Latin-1
  EXPECT_EQ(testing::mali_region_names().harmonize("Ségou"), "Segou");
  EXPECT_EQ(testing::mali_region_names().harmonize("Timbuktu"), "Tombouctou");
  EXPECT_EQ(testing::mali_region_names().harmonize("  District de  BAMAKO "), "Bamako");
  EXPECT_EQ(testing::mali_region_names().harmonize("Taoudénit"), "Tombouctou");
  EXPECT_FALSE(testing::mali_region_names().harmonize("Niamey").has_value());
  EXPECT_EQ(testing::mali_region_names().harmonize("DIOILA"),
            "Koulikoro");  // a 2023 region, written Dioïla in the table
}

TEST(Regions, TheRegionsAreTheAliasTablesTargets) {
  // data/regions/mali_admin1_aliases.csv, compiled in: its second column, as the OCHA boundaries
  // spell the regions (tests/tools checks them against the boundary file).
  EXPECT_EQ(testing::mali_region_names().regions(),
            (std::vector<std::string>{"Bamako", "Gao", "Kayes", "Kidal", "Koulikoro", "Mopti", "Segou",
                                      "Sikasso", "Tombouctou"}));
  for (const auto& r : testing::mali_region_names().regions())
    EXPECT_EQ(testing::mali_region_names().harmonize(r), r);
}

TEST(Acled, TheFixtureCountsItsViolentEventsInTheWindow) {
  const auto all =
      read_events(kFixture, engine::Date(1900, 1, 1), engine::Date(2100, 1, 1), testing::mali_region_names());
  EXPECT_EQ(all.rows, 19u);
  EXPECT_EQ(all.duplicates, 0u);
  double events = 0;
  for (const auto& [key, c] : all.cells) events += c.events;
  EXPECT_GT(events, 0.0);
  EXPECT_LT(events, 19.0);  // protests, riots and strategic developments are not counted
  // The window's bounds are inclusive; 2009 and 2012 events fall outside 2013-2016.
  const auto window = read_events(kFixture, engine::Date(2013, 1, 1), engine::Date(2016, 12, 31),
                                  testing::mali_region_names());
  for (const auto& [key, c] : window.cells) {
    EXPECT_GE(key.second, 2013);
    EXPECT_LE(key.second, 2016);
  }
  // Ménaka's events (admin1 Gao in this export) are in Gao.
  EXPECT_TRUE(window.cells.count({"Gao", 2016}));
}

// Reading a file once for several windows gives, for each, what reading it for that window alone
// gives: for an export, and for monthly aggregates, whose months count in a window that holds any
// of their days (2014-06 in a window from 2014-06-15).
TEST(Acled, OneReadForSeveralWindowsEqualsOneReadForEach) {
  auto same = [](const EventTable& a, const EventTable& b) {
    if (a.rows != b.rows || a.duplicates != b.duplicates || a.cells.size() != b.cells.size()) return false;
    for (const auto& [key, c] : a.cells) {
      if (!b.cells.count(key) || b.cells.at(key).events != c.events ||
          b.cells.at(key).fatalities != c.fatalities)
        return false;
    }
    return a.events_by_kind == b.events_by_kind && a.fatalities_by_kind == b.fatalities_by_kind;
  };
  const auto aggregates = write("aggregates.csv",
                                "month,admin1,event_type,events,fatalities\n"
                                "2013-02,Gao,Battles,2,7\n"
                                "2014-06,Gao,Battles,1,3\n"
                                "2014-07,Kidal,Violence against civilians,1,1\n"
                                "2016-01,Mopti,Explosions/Remote violence,3,4\n");
  const std::vector<Window> windows{{engine::Date(1900, 1, 1), engine::Date(2200, 12, 31)},
                                    {engine::Date(2014, 6, 15), engine::Date(2015, 12, 31)},
                                    {engine::Date(2013, 1, 1), engine::Date(2013, 12, 31)}};
  for (const auto& file : {kFixture, aggregates}) {
    const auto tables = read_events(file, windows, testing::mali_region_names());
    ASSERT_EQ(tables.size(), windows.size());
    for (std::size_t w = 0; w < windows.size(); ++w) {
      EXPECT_TRUE(
          same(tables[w], read_events(file, windows[w].from, windows[w].to, testing::mali_region_names())))
          << file << " window " << w;
    }
  }
  const auto middle = read_events(aggregates, windows[1].from, windows[1].to, testing::mali_region_names());
  EXPECT_EQ(middle.cells.at({"Gao", 2014}).fatalities, 3.0);
  EXPECT_FALSE(middle.cells.count({"Gao", 2013}));
  fs::remove(aggregates);
}

TEST(Acled, AMonadicExportCountsEachEventOnce) {
  // Monadic layout: every row repeated (one per actor) with the same event id.
  const std::string text = read(kFixture);
  const auto header_end = text.find('\n') + 1;
  const std::string body = text.substr(header_end);
  const auto doubled = write("monadic.csv", text + body);
  const auto once =
      read_events(kFixture, engine::Date(1900, 1, 1), engine::Date(2100, 1, 1), testing::mali_region_names());
  const auto twice =
      read_events(doubled, engine::Date(1900, 1, 1), engine::Date(2100, 1, 1), testing::mali_region_names());
  EXPECT_EQ(twice.duplicates, 19u);
  ASSERT_EQ(once.cells.size(), twice.cells.size());
  for (const auto& [key, c] : once.cells) {
    EXPECT_EQ(twice.cells.at(key).events, c.events);
    EXPECT_EQ(twice.cells.at(key).fatalities, c.fatalities);
  }
  fs::remove(doubled);
}

TEST(Acled, BadRowsNameTheFileLineAndColumn) {
  const std::string header = "event_id_cnty,event_date,event_type,admin1,fatalities\n";
  auto expect_error = [&](const std::string& row, const std::string& needle) {
    const auto p = write("bad.csv", header + "MLI1,2013-01-10,Battles,Gao,3\n" + row);
    try {
      (void)read_events(p, engine::Date(2012, 1, 1), engine::Date(2016, 12, 31),
                        testing::mali_region_names());
      ADD_FAILURE() << "no error for " << row;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(p.string() + ":3: column '" + needle + "'"), std::string::npos)
          << e.what();
    }
    fs::remove(p);
  };
  expect_error("MLI2,2013-02-30,Battles,Gao,1\n", "event_date");
  expect_error("MLI2,2013-02-10,Battles,Niamey,1\n", "admin1");
  expect_error("MLI2,2013-02-10,Dance,Gao,1\n", "event_type");
  expect_error("MLI2,2013-02-10,Battles,Gao,-4\n", "fatalities");
  const auto p = write("nothing.csv", "a,b\n1,2\n");
  EXPECT_THROW((void)kind_of(p), InputError);
  fs::remove(p);
}

TEST(Acled, EachViolentKindHasItsNationalYearsWithZerosInTheYearsCovered) {
  // Old and new type names; a protest makes 2015 a covered year with no violent event in it.
  const auto p = write("kinds.csv",
                       "event_id_cnty,event_date,event_type,admin1,fatalities\n"
                       "A1,2013-01-10,Battles,Gao,3\n"
                       "A2,2013-03-10,Battle-No change of territory,Kidal,2\n"
                       "A3,2013-05-01,Violence against civilians,Mopti,1\n"
                       "A4,2014-02-02,Remote violence,Gao,0\n"
                       "A5,2015-06-06,Protests,Bamako,0\n"
                       "A6,2016-01-01,Battles,Gao,9\n");
  const auto t =
      read_events(p, engine::Date(2013, 1, 1), engine::Date(2015, 12, 31), testing::mali_region_names());
  using Years = std::map<int, double>;
  EXPECT_EQ(t.events_by_kind.at(ViolentKind::Battles), (Years{{2013, 2}, {2014, 0}, {2015, 0}}));
  EXPECT_EQ(t.fatalities_by_kind.at(ViolentKind::Battles), (Years{{2013, 5}, {2014, 0}, {2015, 0}}));
  EXPECT_EQ(t.events_by_kind.at(ViolentKind::ViolenceAgainstCivilians),
            (Years{{2013, 1}, {2014, 0}, {2015, 0}}));
  EXPECT_EQ(t.events_by_kind.at(ViolentKind::RemoteViolence), (Years{{2013, 0}, {2014, 1}, {2015, 0}}));
  // The kinds add up to the region-year cells.
  double cells = 0, kinds = 0;
  for (const auto& [key, c] : t.cells) cells += c.events;
  for (const auto& [kind, years] : t.events_by_kind)
    for (const auto& [y, n] : years) kinds += n;
  EXPECT_EQ(cells, kinds);
  fs::remove(p);
}

TEST(Metrics, ValidateScoresEachViolentKindOnItsOwn) {
  // A run with ACLED's total of events but in the wrong kind scores zero on the totals and not on
  // the kinds.
  const auto observed_file = write("kinds_observed.csv",
                                   "event_id_cnty,event_date,event_type,admin1,fatalities\n"
                                   "O1,2013-01-10,Battles,Gao,4\n"
                                   "O2,2013-02-10,Battles,Gao,4\n");
  const fs::path run = fs::temp_directory_path() / ("peacesim_kinds_run_" + std::to_string(::getpid()));
  fs::remove_all(run);
  fs::create_directories(run);
  std::ofstream(run / "events.csv") << "event_id_cnty,event_date,event_type,admin1,fatalities\n"
                                       "S1,2013-01-10,Violence against civilians,Gao,4\n"
                                       "S2,2013-02-10,Violence against civilians,Gao,4\n";
  std::ofstream(run / "timeseries.csv") << "date,region,series,value\n2013-12-31,Mali,refugees,0\n";
  std::ofstream(run / kRegionNamesFile) << testing::mali_region_names().to_csv();
  const engine::Date from(2013, 1, 1), to(2013, 12, 31);
  Observed observed;
  observed.regions = testing::mali_region_names();
  observed.events = read_events(observed_file, engine::Date(1900, 1, 1), engine::Date(2200, 12, 31),
                                testing::mali_region_names());
  observed.events_in_window = read_events(observed_file, from, to, testing::mali_region_names());
  const auto result = validate({read_run(run, from, to)}, observed, from, to, BaselineMode::Rolling);
  std::map<std::string, double> score;
  for (const auto& m : result.at("metrics"))
    if (!m.at("model").is_null()) score[m.at("name").get<std::string>()] = m.at("model").get<double>();
  EXPECT_EQ(score.at("events: log-MAE of national yearly totals"), 0.0);
  EXPECT_NEAR(score.at("battles_events_in_year: log-MAE"), std::log(3.0), 1e-12);
  EXPECT_NEAR(score.at("battles_fatalities_in_year: log-MAE"), std::log(9.0), 1e-12);
  EXPECT_NEAR(score.at("violence_against_civilians_events_in_year: log-MAE"), std::log(3.0), 1e-12);
  EXPECT_EQ(score.at("remote_violence_events_in_year: log-MAE"), 0.0);
  fs::remove_all(run);
  fs::remove(observed_file);
}

TEST(Unhcr, RefugeesAbroadAndIdpsAtTheEndOfEachYear) {
  const auto p =
      write("unhcr.csv",
            "year,coo_iso,coa_iso,refugees,idps\n"
            "2013,MLI,MLI,0,254822\n2013,MLI,MRT,75000,NA\n2013,MLI,NER,50000,0\n2013,BFA,MLI,10,0\n");
  const auto d = read_unhcr(p, "MLI");
  EXPECT_EQ(d.idps.at(2013), 254822);
  EXPECT_EQ(d.refugees.at(2013), 125000);
  EXPECT_EQ(d.hosts.at("MRT").at(2013), 75000);
  fs::remove(p);
}

TEST(Unhcr, TheDisplacedOfTheTheatresCountryWhicheverItIs) {
  // An invented country XAA, its neighbour XBB and XBB's own displaced in the same file.
  const auto p = write("unhcr_two_origins.csv",
                       "year,coo_iso,coa_iso,refugees,idps\n"
                       "2015,XAA,XAA,0,700\n2015,XAA,XBB,300,0\n2015,XBB,XBB,0,9000\n2015,XBB,XAA,40,0\n");
  const auto a = read_unhcr(p, "XAA");
  EXPECT_EQ(a.idps.at(2015), 700);
  EXPECT_EQ(a.refugees.at(2015), 300);
  EXPECT_EQ(a.hosts.at("XBB").at(2015), 300);
  const auto b = read_unhcr(p, "XBB");
  EXPECT_EQ(b.idps.at(2015), 9000);
  EXPECT_EQ(b.hosts.at("XAA").at(2015), 40);
  // Without an origin, a file of several countries cannot say which to compare; with one no row
  // has, the comparison would be empty: both are errors naming the file and the column.
  auto message_of = [&](const std::string& origin) {
    try {
      (void)read_unhcr(p, origin);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  EXPECT_EQ(message_of(""), p.string() +
                                ": column coo_iso: rows of several countries of origin (XAA, XBB); the "
                                "theatre's state.country must say which one is compared");
  EXPECT_EQ(message_of("MLI"),
            p.string() + ": column coo_iso: no row has the theatre's country MLI (the file's: XAA, XBB)");
  fs::remove(p);
  // A file of one country needs no origin.
  const auto one = write("unhcr_one_origin.csv", "year,coo_iso,coa_iso,refugees,idps\n2015,XBB,XBB,0,12\n");
  EXPECT_EQ(read_unhcr(one, "").idps.at(2015), 12);
  fs::remove(one);
}

TEST(Unhcr, ARunSaysWhoseDisplacedItSimulatedThroughItsManifest) {
  const fs::path ensemble = fs::temp_directory_path() / "peacesim_origin_ensemble";
  fs::remove_all(ensemble);
  fs::create_directories(ensemble / "member-0001");
  fs::create_directories(ensemble / "member-0000");
  std::ofstream(ensemble / "member-0000" / "manifest.json")
      << R"({"resolved_scenario": {"state": {"country": "XAA"}}})";
  std::ofstream(ensemble / "member-0001" / "manifest.json")
      << R"({"resolved_scenario": {"name": "no state"}})";
  auto origin_of = [](const fs::path& folder) { return displaced_origin(manifest_of_run(folder)); };
  EXPECT_EQ(origin_of(ensemble / "member-0000"), "XAA");
  EXPECT_EQ(origin_of(ensemble), "XAA");               // the first member speaks for all
  EXPECT_EQ(origin_of(ensemble / "member-0001"), "");  // a theatre without a state
  std::ofstream(ensemble / "member-0001" / "manifest.json", std::ios::trunc) << "{not json";
  EXPECT_THROW((void)origin_of(ensemble / "member-0001"), InputError);
  fs::remove_all(ensemble);
}

TEST(Unhcr, ReturnsDuringTheYearWhenTheFileHasThem) {
  const auto p = write("unhcr_returns.csv",
                       "year,coo_iso,coa_iso,refugees,idps,returned_refugees,returned_idps\n"
                       "2011,MLI,BFA,4289,0,0,0\n2012,MLI,MLI,0,227930,0,0\n2012,MLI,BFA,38776,0,28,0\n"
                       "2013,MLI,MLI,0,254822,0,42253\n2013,MLI,MRT,66393,0,3897,0\n"
                       "2014,MLI,MLI,0,99816,0,155006\n2014,MLI,MRT,48912,0,4551,0\n"
                       "2014,MLI,NER,47466,0,6304,NA\n2014,BFA,MLI,10,0,7,0\n");
  const auto d = read_unhcr(p, "MLI");
  EXPECT_EQ(d.returned_idps.at(2014), 155006);
  EXPECT_EQ(d.returned_refugees.at(2014), 4551 + 6304);  // Malians only, from every host
  EXPECT_EQ(d.returned_idps.at(2013), 42253);
  // Not in a year that began without a registered displacement of 10,000 (2011, 2012).
  EXPECT_EQ(d.returned_idps.count(2012), 0u);
  EXPECT_EQ(d.returned_refugees.count(2012) + d.returned_refugees.count(2011), 0u);
  fs::remove(p);
  const auto without = write("unhcr_stocks.csv", "year,coo_iso,coa_iso,refugees,idps\n2014,MLI,MLI,0,5\n");
  EXPECT_TRUE(read_unhcr(without, "MLI").returned_idps.empty());  // no such columns: no returns to compare
  fs::remove(without);
}

// A run folder with no events and these rows of its timeseries.csv.
fs::path run_folder(const std::string& name, const std::string& timeseries_rows) {
  const fs::path run =
      fs::temp_directory_path() / ("peacesim_" + name + "_run_" + std::to_string(::getpid()));
  fs::remove_all(run);
  fs::create_directories(run);
  std::ofstream(run / "events.csv") << "event_id_cnty,event_date,event_type,admin1,fatalities\n";
  std::ofstream(run / "timeseries.csv") << "date,region,series,value\n" << timeseries_rows;
  std::ofstream(run / kRegionNamesFile) << RegionNames({"North", "South"}, {}).to_csv();
  return run;
}

TEST(RunFigures, AFolderThatDoesNotSayItsRegionsHasNoneAndItsRegionalEventsAreRefused) {
  const fs::path run = run_folder("no_regions", "2013-12-31,North,refugees,0\n");
  fs::remove(run / kRegionNamesFile);
  EXPECT_TRUE(region_names_of_run(run).empty());
  EXPECT_NO_THROW((void)read_run(run, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31)));  // no events
  std::ofstream(run / "events.csv") << "event_id_cnty,event_date,event_type,admin1,fatalities\n"
                                       "S1,2013-01-10,Battles,North,4\n";
  try {
    (void)read_run(run, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31));
    FAIL() << "read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("events.csv:2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("without regions.csv"), std::string::npos) << e.what();
  }
  fs::remove_all(run);
}

TEST(Regions, AnInventedTheatresTableCountsItsSpellingsAndRefusesOtherRegions) {
  // Two regions of an invented country and one other spelling; nothing of any real theatre.
  const RegionNames names({"South", "North"}, {{"Nord", "North"}});
  EXPECT_EQ(names.regions(), (std::vector<std::string>{"North", "South"}));
  EXPECT_EQ(names.harmonize("NORD"), "North");
  EXPECT_EQ(names.harmonize("south"), "South");
  EXPECT_FALSE(names.harmonize("Gao").has_value());
  EXPECT_THROW(RegionNames({"North"}, {{"Sud", "South"}}), std::invalid_argument);

  const auto file = write("invented_events.csv",
                          "event_id_cnty,event_date,event_type,admin1,fatalities\n"
                          "X1,2013-01-10,Battles,Nord,4\n"
                          "X2,2013-02-10,Battles,South,1\n");
  const auto t = read_events(file, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31), names);
  EXPECT_EQ(t.cells.at({"North", 2013}).fatalities, 4);
  EXPECT_EQ(t.cells.at({"South", 2013}).fatalities, 1);
  const auto other = write("invented_other.csv",
                           "event_id_cnty,event_date,event_type,admin1,fatalities\n"
                           "X1,2013-01-10,Battles,Gao,4\n");
  try {
    (void)read_events(other, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31), names);
    FAIL() << "read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(other.string() + ":2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'Gao' is not a region of the theatre"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("2 regions: North, South"), std::string::npos) << e.what();
  }
  fs::remove(file);
  fs::remove(other);
}

TEST(Regions, ARunFoldersTableReadsBackAsItWasWrittenAndABadOneIsLocated) {
  const RegionNames names({"North", "South"}, {{"Nord", "North"}, {"Sud, le", "South"}});
  const RegionNames back = RegionNames::from_csv(names.to_csv(), "regions.csv");
  EXPECT_EQ(back.regions(), names.regions());
  EXPECT_EQ(back.harmonize("sud, le"), "South");
  EXPECT_EQ(back.to_csv(), names.to_csv());
  auto message_of = [](const std::string& text) {
    try {
      (void)RegionNames::from_csv(text, "r.csv");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  EXPECT_EQ(message_of("alias,region\nNorth,North\nSud,South\n"),
            "r.csv:3: region 'South' has no line of its own (alias = region)");
  EXPECT_EQ(message_of("name,region\n"), "r.csv: columns alias and region expected");
  EXPECT_EQ(message_of("alias,region\n,North\n"), "r.csv:2: an empty alias");
  // An empty region is a region the theatre leaves out (geography.regions.exclude), not an error.
  EXPECT_EQ(message_of("alias,region\nNorth,North\nFar,\n"), "read");
  EXPECT_NE(message_of("alias,region\n\"North,North\n").find("r.csv: "), std::string::npos);
}

TEST(RunFigures, ReturnsPerYearAreTheDifferencesOfTheTotalsSinceTheStart) {
  const fs::path run = run_folder("returns",
                                  "2012-12-31,Mali,refugees,10\n"
                                  "2013-06-30,Mali,returned_idps,40\n"
                                  "2013-12-31,Mali,returned_idps,100\n"
                                  "2014-12-31,Mali,returned_idps,130\n"
                                  "2014-12-31,Mali,refugees,10\n"
                                  "2014-12-31,Mali,returned_refugees,7\n");
  const auto f = read_run(run, *engine::Date::parse("2012-01-01"), *engine::Date::parse("2014-12-31"));
  EXPECT_EQ(f.displacement.returned_idps, (std::map<int, double>{{2013, 100}, {2014, 30}}));
  EXPECT_EQ(f.displacement.returned_refugees, (std::map<int, double>{{2014, 7}}));
  fs::remove_all(run);
}

TEST(RunFigures, NationalTotalsAreTheFirstRegionWhateverTheCountryIsCalled) {
  // A theatre of an invented country: its national rows come first under its name; a region's
  // rows of the same series are not national totals.
  const fs::path run = run_folder("national",
                                  "2013-12-31,Freedonia,refugees,10\n"
                                  "2013-12-31,North,refugees,4\n"
                                  "2013-12-31,Freedonia,internally_displaced,25\n"
                                  "2013-12-31,North,internally_displaced,99\n");
  const auto f = read_run(run, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31));
  EXPECT_EQ(f.national, "Freedonia");
  EXPECT_EQ(f.displacement.refugees, (std::map<int, double>{{2013, 10}}));
  EXPECT_EQ(f.displacement.idps, (std::map<int, double>{{2013, 25}}));
  fs::remove_all(run);
}

TEST(RunFigures, TheHostsComparedAreThoseTheRunRecords) {
  // Refugees in two invented host countries: each is read and compared; other series that start
  // like one (a camp's) are not hosts.
  const fs::path run = run_folder("hosts",
                                  "2013-12-31,Freedonia,refugees,10\n"
                                  "2013-12-31,Freedonia,refugees_in_SYL,7\n"
                                  "2013-12-31,Freedonia,refugees_in_GRV,3\n"
                                  "2013-12-31,Freedonia,refugees_in_camp_one,3\n");
  const auto f = read_run(run, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31));
  EXPECT_EQ(compared_hosts({f}), (std::vector<std::string>{"GRV", "SYL"}));
  EXPECT_EQ(f.displacement.hosts.at("SYL"), (std::map<int, double>{{2013, 7}}));
  const auto unhcr =
      write("hosts_unhcr.csv", "year,coo_iso,coa_iso,refugees,idps\n2012,MLI,SYL,5,0\n2013,MLI,SYL,8,0\n");
  Observed observed;
  observed.regions = testing::mali_region_names();
  observed.displacement = read_unhcr(unhcr, "MLI");
  const auto result =
      validate({f}, observed, engine::Date(2013, 1, 1), engine::Date(2013, 12, 31), BaselineMode::Rolling);
  std::set<std::string> names;
  for (const auto& m : result.at("metrics")) names.insert(m.at("name").get<std::string>());
  EXPECT_TRUE(names.count("refugees_in_SYL_year_end: log-MAE")) << result.at("metrics").dump();
  fs::remove_all(run);
  fs::remove(unhcr);
}

TEST(Peacekeeping, TheTheatresUnOperationsAreThoseOfKindUnPeacekeeping) {
  const auto scenario = nlohmann::json::parse(R"({"operations": [
    {"id": "force_a", "kind": "national", "short": "FA"},
    {"id": "unmix", "kind": "un_peacekeeping", "short": "UNMIX"},
    {"id": "second_mission", "kind": "un_peacekeeping"}]})");
  const auto ops = peacekeeping_operations(scenario);
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0], (PeacekeepingOperation{"UNMIX", "casualties_unmix"}));
  EXPECT_EQ(ops[1],
            (PeacekeepingOperation{"second_mission", "casualties_second_mission"}));  // no short: its id
  EXPECT_EQ(peacekeeping_metric(ops[0]), "unmix_malicious_fatalities");
  EXPECT_TRUE(peacekeeping_operations(nlohmann::json::object()).empty());
}

TEST(Peacekeeping, AWindowCutsOnlyTheYearsItTouches) {
  const auto file = write("un_window.csv",
                          "incident_date,mission_acronym,type_of_incident\n"
                          "2013-02-01,UNMIX,Malicious Act\n"
                          "2013-09-01,UNMIX,Malicious Act\n"
                          "2014-03-01,UNMIX,Malicious Act\n"
                          "2014-11-01,UNMIX,Malicious Act\n"
                          "2015-04-01,OTHER,Malicious Act\n"
                          "2016-01-02,UNMIX,Malicious Act\n");
  const std::vector<PeacekeepingOperation> ops{{"UNMIX", "casualties_unmix"}, {"ELSE", "casualties_else"}};
  // A window from mid-2013 to mid-2014: 2013 and 2014 keep their part in it; 2016, outside, keeps
  // its whole count (the history a baseline needs).
  const auto seen = read_peacekeeping_deaths(file, ops, engine::Date(2013, 6, 1), engine::Date(2014, 6, 30));
  EXPECT_EQ(seen.operation, ops.front());
  EXPECT_EQ(seen.years, (std::map<int, double>{{2013, 1}, {2014, 1}, {2016, 1}}));
  fs::remove(file);
}

TEST(Peacekeeping, AFileCountsTheMaliciousDeathsOfItsTheatresMissionOnly) {
  const auto file = write("un.csv",
                          "incident_date,mission_acronym,type_of_incident\n"
                          "2014-03-01,UNMIX,Malicious Act\n"
                          "2014-05-01,UNMIX,Illness\n"
                          "2014-06-01,OTHER,Malicious Act\n"
                          "2015-01-02,UNMIX,malicious act\n");
  const std::vector<PeacekeepingOperation> ops{{"UNMIX", "casualties_unmix"}};
  const engine::Date from(2010, 1, 1), to(2020, 1, 1);
  const auto seen = read_peacekeeping_deaths(file, ops, from, to);
  EXPECT_EQ(seen.operation, ops.front());
  EXPECT_EQ(seen.years, (std::map<int, double>{{2014, 1}, {2015, 1}}));
  auto message_of = [&](const std::vector<PeacekeepingOperation>& theatre) {
    try {
      (void)read_peacekeeping_deaths(file, theatre, from, to);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // A theatre without a UN operation, or whose mission the file does not name, is refused, naming
  // the file (and its column).
  EXPECT_NE(message_of({}).find("no UN peacekeeping operation"), std::string::npos) << message_of({});
  const auto none = message_of({{"ELSEWHERE", "casualties_elsewhere"}});
  EXPECT_NE(none.find(file.string() + ": column 'mission_acronym' names none"), std::string::npos) << none;
  const auto both = message_of({{"UNMIX", "casualties_unmix"}, {"OTHER", "casualties_other"}});
  EXPECT_NE(both.find("more than one"), std::string::npos) << both;
  // Without the column, the file is the theatre's only mission's; with two missions it cannot say.
  const auto bare = write("un_bare.csv", "incident_date,type_of_incident\n2014-03-01,Malicious Act\n");
  const auto only = read_peacekeeping_deaths(bare, ops, from, to);
  EXPECT_EQ(only.operation, ops.front());
  EXPECT_EQ(only.years, (std::map<int, double>{{2014, 1}}));
  try {
    (void)read_peacekeeping_deaths(bare, {{"UNMIX", "casualties_unmix"}, {"OTHER", "casualties_other"}}, from,
                                   to);
    ADD_FAILURE() << "two missions told apart without a mission column";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(bare.string() + ":1: missing column 'mission_acronym'"),
              std::string::npos)
        << e.what();
  }
  fs::remove(file);
  fs::remove(bare);
}

TEST(Metrics, SpearmanLogMaeAndBaselines) {
  EXPECT_NEAR(*spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0, 1e-12);
  EXPECT_NEAR(*spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0, 1e-12);
  EXPECT_NEAR(*spearman({1, 1, 2}, {1, 1, 2}), 1.0, 1e-12);  // ties share their rank
  EXPECT_FALSE(spearman({1, 1, 1}, {1, 2, 3}).has_value());
  EXPECT_NEAR(log_mae({std::exp(1.0) - 1.0, 0.0}, {0.0, 0.0}), 0.5, 1e-12);
  const std::map<int, double> h{{2011, 10}, {2012, 30}};
  EXPECT_EQ(baseline(Baseline::Persistence, h, 2013, 2013, BaselineMode::Rolling), 30);
  EXPECT_EQ(baseline(Baseline::Trend, h, 2013, 2013, BaselineMode::Rolling), 50);
  EXPECT_EQ(baseline(Baseline::Trend, h, 2014, 2013, BaselineMode::Frozen), 70);  // 30 + 20 · 2
  EXPECT_EQ(baseline(Baseline::Trend, {{2011, 30}, {2012, 0}}, 2013, 2013, BaselineMode::Rolling),
            0);  // floored
}

}  // namespace
}  // namespace peacesim::validation

namespace peacesim::validation {
namespace {

// Issue 19: a theatre of several states reads one ACLED file per country or group of countries.
// data/observed/sahel's aggregates give the month as 1-12 beside a `year` column; rows in a region
// the theatre leaves out are not counted (an unknown region is still an error); the files add up.
TEST(ObservedFiles, AggregatesByYearAndMonthOfSeveralCountriesAddUpWithoutTheRegionsLeftOut) {
  RegionNames names({"Northland", "Southland", "Westmark"}, {});
  names.set_left_out({"Farland"});
  const auto by_year = write("by_year_month.csv",
                             "country,admin1,year,month,event_type,events,fatalities\n"
                             "Western Realm,Westmark,2015,3,Battles,2,5\n"
                             "Western Realm,Westmark,2015,11,Violence against civilians,1,1\n"
                             "Western Realm,Farland,2015,4,Battles,7,70\n");
  const auto by_month = write("by_month.csv",
                              "month,admin1,event_type,events,fatalities\n"
                              "2015-06,Northland,Battles,3,4\n");
  const engine::Date from(2015, 1, 1), to(2015, 12, 31);
  EventTable west = read_events(by_year, from, to, names);
  EXPECT_EQ(west.cells.size(), 1u);  // Farland's row is not counted anywhere
  EXPECT_EQ(west.cells.at({"Westmark", 2015}).events, 3.0);
  EXPECT_EQ(west.cells.at({"Westmark", 2015}).fatalities, 6.0);
  add_events(west, read_events(by_month, from, to, names));
  EXPECT_EQ(west.cells.at({"Northland", 2015}).fatalities, 4.0);
  EXPECT_EQ(west.fatalities_by_kind.at(ViolentKind::Battles).at(2015), 9.0);
  EXPECT_EQ(west.rows, 4u);
  // The left-out names travel with a run's region table.
  const RegionNames back = RegionNames::from_csv(names.to_csv(), "regions.csv");
  EXPECT_TRUE(back.left_out("farland"));
  EXPECT_FALSE(back.left_out("Westmark"));
  // A month out of 1-12 and a region nobody knows are errors naming the file and line.
  const auto bad_month = write("bad_month.csv",
                               "country,admin1,year,month,event_type,events,fatalities\n"
                               "Western Realm,Westmark,2015,13,Battles,2,5\n");
  EXPECT_THROW((void)read_events(bad_month, from, to, names), InputError);
  const auto unknown = write("unknown.csv",
                             "country,admin1,year,month,event_type,events,fatalities\n"
                             "Western Realm,Atlantis,2015,3,Battles,2,5\n");
  EXPECT_THROW((void)read_events(unknown, from, to, names), InputError);
  // Several origins are not given comma-separated to one file: read_unhcr's second form reads them.
  const auto unhcr =
      write("unhcr.csv", "year,coo_iso,coa_iso,refugees,idps\n2015,XIV,XWE,10,0\n2015,XIV,XIV,0,20\n");
  EXPECT_EQ(read_unhcr(unhcr, "XIV").idps.at(2015), 20.0);
  EXPECT_THROW((void)read_unhcr(unhcr, "XIV,XWE"), InputError);
}

// Issue 19 item 3: each region's country travels with a run's region table, and a state one of
// whose regions the theatre leaves out is not whole (its national stocks include that region).
TEST(Regions, EachRegionsCountryTravelsWithTheTableAndAStateWithARegionLeftOutIsNotWhole) {
  RegionNames names({"Northland", "Southland", "Westmark"}, {{"Norland", "Northland"}});
  names.set_left_out({"Farland"});
  names.set_countries({{"Northland", "XIV"}, {"Southland", "XIV"}, {"Westmark", "XWE"}, {"Farland", "XWE"}});
  EXPECT_EQ(names.countries(), (std::vector<std::string>{"XIV", "XWE"}));
  EXPECT_EQ(names.whole_countries(), (std::vector<std::string>{"XIV"}));
  const RegionNames back = RegionNames::from_csv(names.to_csv(), "regions.csv");
  EXPECT_EQ(back.to_csv(), names.to_csv());
  EXPECT_EQ(back.country_of("Westmark"), "XWE");
  EXPECT_EQ(back.country_of("Farland"), "XWE");
  EXPECT_EQ(back.whole_countries(), (std::vector<std::string>{"XIV"}));
  // One state: no countries, and the table keeps its two columns.
  RegionNames one({"Northland", "Southland"}, {});
  one.set_countries({{"Northland", "XIV"}, {"Southland", "XIV"}});
  EXPECT_TRUE(one.countries().empty());
  EXPECT_EQ(one.to_csv().substr(0, 13), "alias,region\n");
}

// Two states' UNHCR files share the rows between them (one's refugees in the other): counted once;
// the sums and each state's own stocks are kept; the same row with other figures names both places.
TEST(Unhcr, SeveralStatesFilesSharingRowsCountThemOnce) {
  const auto east = write("unhcr_east.csv",
                          "year,coo_iso,coa_iso,refugees,idps\n"
                          "2015,XIV,XWE,10,0\n"
                          "2015,XIV,XIV,0,20\n"
                          "2015,XIV,XZZ,5,0\n");
  const auto west = write("unhcr_west.csv",
                          "year,coo_iso,coa_iso,refugees,idps\n"
                          "2015,XIV,XWE,10,0\n"
                          "2015,XWE,XIV,3,0\n"
                          "2015,XWE,XWE,0,7\n");
  const auto d = read_unhcr(std::vector<fs::path>{east, west}, {"XIV", "XWE"});
  EXPECT_EQ(d.refugees.at(2015), 18.0);  // 10 + 5 from XIV (the shared row once), 3 from XWE
  EXPECT_EQ(d.idps.at(2015), 27.0);
  EXPECT_EQ(d.by_country.at("XIV").refugees.at(2015), 15.0);
  EXPECT_EQ(d.by_country.at("XWE").idps.at(2015), 7.0);
  EXPECT_EQ(d.hosts.at("XWE").at(2015), 10.0);
  EXPECT_EQ(d.hosts.at("XIV").at(2015), 3.0);
  // Only the states compared: XWE left out, its displaced are not counted.
  const auto only = read_unhcr(std::vector<fs::path>{east, west}, {"XIV"});
  EXPECT_EQ(only.idps.at(2015), 20.0);
  EXPECT_TRUE(only.by_country.empty());
  const auto other = write("unhcr_other.csv", "year,coo_iso,coa_iso,refugees,idps\n2015,XIV,XWE,11,0\n");
  try {
    (void)read_unhcr(std::vector<fs::path>{east, other}, {"XIV"});
    FAIL() << "read";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(other.string() + ":2"), std::string::npos) << m;
    EXPECT_NE(m.find(east.string() + ":2"), std::string::npos) << m;
  }
  for (const auto& f : {east, west, other}) fs::remove(f);
}

// A run of several states: its refugees and IDPs are those of the regions of the states its
// theatre holds whole, summed by country, not its national totals.
TEST(RunFigures, SeveralStatesDisplacedAreSummedOverTheRegionsOfTheWholeStates) {
  const fs::path run = run_folder("several",
                                  "2015-12-31,Two Realms,refugees,100\n"
                                  "2015-12-31,Two Realms,internally_displaced,200\n"
                                  "2015-12-31,North,refugees,30\n"
                                  "2015-12-31,South,refugees,12\n"
                                  "2015-12-31,West,refugees,58\n"
                                  "2015-12-31,North,internally_displaced,50\n"
                                  "2015-12-31,West,internally_displaced,150\n");
  RegionNames names({"North", "South", "West"}, {});
  names.set_left_out({"Far"});
  names.set_countries({{"North", "XIV"}, {"South", "XIV"}, {"West", "XWE"}, {"Far", "XWE"}});
  std::ofstream(run / kRegionNamesFile) << names.to_csv();
  const auto f = read_run(run, engine::Date(2015, 1, 1), engine::Date(2015, 12, 31));
  EXPECT_EQ(f.displacement.refugees, (std::map<int, double>{{2015, 42}}));  // XIV's only: XWE is cut
  EXPECT_EQ(f.displacement.idps, (std::map<int, double>{{2015, 50}}));
  ASSERT_EQ(f.displacement.by_country.size(), 1u);
  EXPECT_EQ(f.displacement.by_country.at("XIV").refugees.at(2015), 42.0);
  fs::remove_all(run);
}

}  // namespace
}  // namespace peacesim::validation
