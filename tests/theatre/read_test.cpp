// Reading the theatre's sections: shapes, citations, dates with a precision, unknown fields.
#include "theatre/read.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "snippet.hpp"
#include "theatre/csv.hpp"

namespace peacesim::testing {
namespace {

using std::string;

TEST(TheatreRead, DatesCarryTheirPrecision) {
  const auto t = load_and_check("precision.yaml", minimal_theatre());
  const auto& mnla = t.groups[0];
  EXPECT_EQ(mnla.changes[0].when.precision, theatre::Precision::Month);
  EXPECT_EQ(mnla.changes[0].when.str(), "2011-10");
  EXPECT_EQ(mnla.changes[0].when.date, engine::Date(2011, 10, 1));
  EXPECT_EQ(t.groups[1].changes[0].when.precision, theatre::Precision::Year);
  EXPECT_EQ(t.groups[1].changes[0].when.str(), "2014");
  EXPECT_EQ(t.operations[0].start->precision, theatre::Precision::Day);
}

TEST(TheatreRead, ImpossibleDateIsAnError) {
  const string text = replace(minimal_theatre(), "start: 2013-07-01", "start: 2013-02-30");
  const auto e = error_of("impossible.yaml", text);
  EXPECT_EQ(e.field(), "operations[0].dates.start");
  EXPECT_EQ(e.where().line, line_of(text, "start: 2013-02-30"));
}

TEST(TheatreRead, EveryValueNeedsACitation) {
  const string text =
      replace(minimal_theatre(), "source: \"004 §4.5\"}\n    area", "source: \"Wikipedia\"}\n    area");
  const auto e = error_of("citation.yaml", text);
  EXPECT_EQ(e.field(), "operations[0].dates.source");
  EXPECT_NE(e.message().find("is not a citation"), string::npos) << e.what();
  const string missing = replace(minimal_theatre(), ", source: \"data/operations\"}]", "}]");
  EXPECT_EQ(error_of("no_citation.yaml", missing).field(), "operations[0].bases[0].source");
}

TEST(TheatreRead, ValidCitations) {
  for (const char* ok : {"004 §4.2", "002 Table", "MALI_FACTS", "public record", "assumption: a reason",
                         "data/operations/x.csv", "MODEL.md §6", "000; 004 §3.3",
                         // any theatre's documents (issue 19): a later seed, another facts file
                         "007 §2", "SAHEL_FACTS"}) {
    EXPECT_TRUE(theatre::is_valid_source(ok)) << ok;
  }
  for (const char* bad : {"", "assumption:", "assumption:   ", "Wikipedia", "my guess", "12 §3", "1234",
                          "_FACTS", "my_FACTS", "2012-03-22"}) {
    EXPECT_FALSE(theatre::is_valid_source(bad)) << bad;
  }
}

TEST(TheatreRead, UnknownFieldIsReportedWithTheNearestName) {
  const string text = replace(minimal_theatre(), "    mandates:\n", "    mandate:\n");
  const auto e = error_of("unknown_field.yaml", text);
  EXPECT_EQ(e.field(), "operations[0].mandate");
  EXPECT_EQ(e.where().line, line_of(text, "    mandate:\n") + 1);  // the value's line (a list below)
  EXPECT_NE(e.message().find("did you mean 'mandates'?"), string::npos) << e.what();
}

TEST(TheatreRead, UnknownTaskCategory) {
  const string text = replace(minimal_theatre(), "category: stabilization", "category: stabilisation");
  const auto e = error_of("category.yaml", text);
  EXPECT_EQ(e.field(), "operations[0].mandates[0].tasks[0].category");
  EXPECT_NE(e.message().find("did you mean 'stabilization'?"), string::npos) << e.what();
}

TEST(TheatreRead, MissingSection) {
  const string text = replace(minimal_theatre(), "timeline:\n", "timelines:\n");
  const auto e = error_of("section.yaml", text);
  EXPECT_EQ(e.field(), "timeline");
}

TEST(TheatreRead, SharesMustSumToOne) {
  const string text = replace(minimal_theatre(), "shares: {tuareg: 1.0}", "shares: {tuareg: 0.9}");
  const auto e = error_of("shares.yaml", text);
  EXPECT_EQ(e.field(), "population.community_shares[0].shares");
  EXPECT_NE(e.message().find("sum to 1"), string::npos);
}

TEST(TheatreRead, StrengthFiguresInDateOrder) {
  const string text = replace(minimal_theatre(),
                              "        - {date: 2013-07, military: 5494, police: 800, source: \"004 §4.5\"}",
                              "        - {date: 2013-08, military: 5494, source: \"004 §4.5\"}\n"
                              "        - {date: 2013-07, military: 5494, source: \"004 §4.5\"}");
  const auto e = error_of("strength_order.yaml", text);
  EXPECT_EQ(e.field(), "operations[0].actual_strength.points[1].date");
  EXPECT_NE(e.message().find("before the previous figure's date 2013-08"), string::npos) << e.what();
}

// Issue 19: the host country and its capital come from the scenario, not from the code.
TEST(TheatreRead, TheHostCountryAndCapitalComeFromTheScenario) {
  const string with_capital =
      replace(minimal_theatre(), "  country: MLI\n", "  country: MLI\n  capital: gao\n");
  EXPECT_EQ(load_and_check("capital.yaml", with_capital).states.front().capital->id, "gao");

  auto e = error_of("capital_unknown.yaml", replace(with_capital, "capital: gao", "capital: atlantis"));
  EXPECT_EQ(e.field(), "state.capital");
  EXPECT_NE(e.message().find("unknown place 'atlantis'"), string::npos) << e.what();

  // Another host country: its places need a region, the old host's do not (and may keep one).
  const string niger = replace(with_capital, "  country: MLI\n", "  country: NER\n");
  e = error_of("capital_abroad.yaml", niger);
  EXPECT_EQ(e.field(), "state.capital");
  EXPECT_NE(e.message().find("host state's country (NER)"), string::npos) << e.what();
  const string niger_town = replace(niger, "routes:\n",
                                    "  - {id: niamey, name: Niamey, kind: town, lat: 13.5, lon: 2.1, "
                                    "country: NER, source: \"data/geography\"}\nroutes:\n");
  e = error_of("region_needed.yaml", replace(niger_town, "capital: gao", "capital: niamey"));
  EXPECT_EQ(e.field(), "places[2].region");
  EXPECT_NE(e.message().find("needs its region"), string::npos) << e.what();
}

TEST(TheatreRead, GroupNeedsOneOrigin) {
  const string text =
      replace(minimal_theatre(), "{date: 2011-10, change: formed,", "{date: 2011-10, change: negotiating,");
  const auto e = error_of("origin.yaml", text);
  EXPECT_EQ(e.field(), "armed_groups[0].changes");
  EXPECT_NE(e.message().find("exactly one 'formed' or 'split_from'"), string::npos);
}

TEST(TheatreRead, AnAreaMayBeTheGroupsBase) {
  const string with_areas =
      replace(minimal_theatre(), "    type: separatist\n",
              "    type: separatist\n    areas:\n      - {region: Kidal, base: true, source: \"004 §3.3\"}\n"
              "      - {region: Gao, source: \"004 §3.2\"}\n");
  const auto t = load_and_check("base.yaml", with_areas);
  ASSERT_EQ(t.groups[0].areas.size(), 2u);
  EXPECT_TRUE(t.groups[0].areas[0].base);
  EXPECT_FALSE(t.groups[0].areas[1].base);  // not said: not a base
  const auto e = error_of("base_word.yaml", replace(with_areas, "base: true", "base: maybe"));
  EXPECT_EQ(e.field(), "armed_groups[0].areas[0].base");
  EXPECT_NE(e.message().find("expected true or false"), string::npos) << e.what();
}

TEST(TheatreRead, DataFilePathsAreRelativeToTheFileThatNamesThem) {
  const auto t = load_and_check("paths.yaml", minimal_theatre());
  EXPECT_EQ(t.geography.regions.file.path.parent_path(), temp_dir());
  EXPECT_EQ(t.geography.regions.file.field, "geography.regions.file");
}

TEST(Csv, QuotesCrlfAndRowWidth) {
  const auto t = theatre::parse_csv("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n4,,6\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][1], "x, \"y\"");
  EXPECT_EQ(t.rows[1][1], "");
  EXPECT_EQ(*t.column("c"), 2u);
  EXPECT_THROW(theatre::parse_csv("a,b\n1\n"), std::runtime_error);
}

TEST(Csv, DevicesAndFilesOverTheCapAreRefusedWithoutBeingRead) {
  auto message_of = [](const std::filesystem::path& path) {
    try {
      (void)theatre::read_csv(path);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  EXPECT_EQ(message_of("/dev/zero"), "is not a regular file (devices, pipes and sockets are not read)");
  const auto big =
      std::filesystem::temp_directory_path() / ("peacesim_csv_cap_" + std::to_string(::getpid()));
  std::ofstream(big) << "a,b\n";
  std::filesystem::resize_file(big, theatre::kMaxCsvBytes + 1);  // sparse: nothing is written or read
  EXPECT_EQ(message_of(big),
            "is 256.0 MiB (268435457 bytes), more than the 256 MiB allowed for a CSV data file");
  std::filesystem::remove(big);
}

TEST(Csv, TheCellsOfAFileAreCapped) {
  EXPECT_EQ(theatre::parse_csv("a,b\n1,2\n", 4).rows.size(), 1u);
  try {
    (void)theatre::parse_csv("a,b\n1,2\n,\n", 4);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "line 3: more than 4 cells, the limit for a CSV data file");
  }
}

TEST(Csv, RepairsLatin1Mojibake) {
  EXPECT_EQ(theatre::repair_mojibake("M\xC3\x83\xC2\xA9naka"), "M\xC3\xA9naka");  // MÃ©naka -> Ménaka
  EXPECT_EQ(theatre::repair_mojibake("Ler\xC3\x83\xC2\xA9"), "Ler\xC3\xA9");
  EXPECT_EQ(theatre::repair_mojibake("M\xC3\xA9naka"), "M\xC3\xA9naka");  // already right: unchanged
  EXPECT_EQ(theatre::repair_mojibake("Gao"), "Gao");
}

}  // namespace
}  // namespace peacesim::testing
