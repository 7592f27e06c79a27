// `peacesim describe` for the Mali model: the operations table, the mandate evolution by
// resolution (seed 002's table), the timeline and the actors, in text, Markdown and JSON.
#include "models/conflict_theatre/describe.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace peacesim::testing {
namespace {

using models::DescribeFormat;

std::string described(DescribeFormat format) {
  const models::ModelInput input{mali().parameters, mali().scenario, 1, 1, 100};
  return models::conflict_theatre::theatre_info().describe(input, format);
}

TEST(MaliDescribe, MandateTableHasARowPerResolution) {
  const auto table = models::conflict_theatre::mandate_table(*mali().world.theatre.find_operation("minusma"));
  ASSERT_EQ(table.rows.size(), 5u);
  EXPECT_EQ(table.rows[0][0], "S/RES/2100 (2013)");
  EXPECT_EQ(table.rows[0][1], "2013-04-25");
  EXPECT_EQ(table.rows[0][2], "11,200");
  EXPECT_EQ(table.rows[0][3], "1,440");
  EXPECT_EQ(table.rows[1][2], "—");  // 2164 sets no new ceiling
  EXPECT_EQ(table.rows[3][0], "S/RES/2295 (2016)");
  EXPECT_EQ(table.rows[3][2], "13,289");
  EXPECT_EQ(table.rows[3][3], "1,920");
  EXPECT_NE(table.rows[3][4].find("Countering asymmetric attacks"), std::string::npos);
  EXPECT_NE(table.rows[3][5].find("Sanctions Committee"), std::string::npos);  // "other tasks"
  EXPECT_NE(table.rows[4][4].find("joint security patrols"), std::string::npos);
  EXPECT_NE(table.rows[1][5].find("Protection of United Nations personnel"),
            std::string::npos);  // additional
}

TEST(MaliDescribe, TextHasEverySection) {
  const std::string text = described(DescribeFormat::Text);
  for (const char* s :
       {"Operations\n", "MINUSMA mandates by resolution\n", "Timeline\n", "Armed groups\n", "Institutions\n",
        "Host state: Republic of Mali\n", "Peace process\n", "Population by region\n", "S/RES/2100 (2013)",
        "S/RES/2164 (2014)", "S/RES/2227 (2015)", "S/RES/2295 (2016)", "S/RES/2364 (2017)",
        "MICEMA (planned, never deployed)", "Takuba", "JNIM", "Dan Na Ambassagou", "Mbera"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

TEST(MaliDescribe, TheForecastOriginSaysWhatTheRunTakesFromTheObservations) {
  const std::string text = described(DescribeFormat::Text);
  const auto row = text.find("forecast origin");
  ASSERT_NE(row, std::string::npos);
  // The row's text as one line: the table wraps it at its column's width.
  std::string after;
  for (const char c : text.substr(row, 900)) {
    const bool blank = c == '\n' || c == ' ';
    if (!blank || after.empty() || after.back() != ' ') after += blank ? ' ' : c;
  }
  EXPECT_NE(after.find("2016-12-31: on 2017-01-01 the displaced stocks are set to those observed"),
            std::string::npos)
      << after;
  EXPECT_NE(after.find("armed groups are scaled to the deaths observed in 2016"), std::string::npos) << after;
  EXPECT_NE(after.find("refugees elsewhere 17,600, held"), std::string::npos) << after;
  EXPECT_NE(text.find("return factors (times the return chance abroad, M7): MRT 0.63, NER 1.09, BFA 1.53"),
            std::string::npos);
}

TEST(MaliDescribe, MarkdownTables) {
  const std::string md = described(DescribeFormat::Markdown);
  EXPECT_NE(md.find("## MINUSMA mandates by resolution\n\n| resolution | adopted | military | police |"),
            std::string::npos);
  EXPECT_NE(md.find("| S/RES/2100 (2013) | 2013-04-25 | 11,200 | 1,440 |"), std::string::npos);
  EXPECT_NE(md.find("| S/RES/2295 (2016) | 2016-06-29 | 13,289 | 1,920 |"), std::string::npos);
  EXPECT_NE(md.find("## Operations\n"), std::string::npos);
  EXPECT_NE(md.find("## Timeline\n"), std::string::npos);
}

TEST(MaliDescribe, JsonIsStructured) {
  const auto j = nlohmann::json::parse(described(DescribeFormat::Json));
  ASSERT_TRUE(j.contains("operations"));
  ASSERT_EQ(j["operations"].size(), 8u);
  const auto& minusma = j["operations"][4];
  EXPECT_EQ(minusma["id"], "minusma");
  EXPECT_EQ(minusma["mandates"].size(), 5u);
  EXPECT_EQ(minusma["mandates"][3]["military"], 13289);
  EXPECT_EQ(minusma["actual_strength"][0]["military"], 5494);
  EXPECT_EQ(minusma["actual_strength"][0]["police"], 800);
  EXPECT_EQ(j["theatre"]["minusma_mandates_by_resolution"].size(), 5u);
  EXPECT_EQ(j["theatre"]["minusma_mandates_by_resolution"][0]["resolution"], "S/RES/2100 (2013)");
  EXPECT_TRUE(j["theatre"].contains("timeline"));
  EXPECT_TRUE(j["theatre"].contains("armed_groups"));
}

}  // namespace
}  // namespace peacesim::testing
