// Issue 19: the Sahel theatre (scenarios/sahel/): Mali, Burkina Faso and Niger as three states of
// one theatre. A run of it names each event's country and each state's forces and civilians where
// they are, leaves Niger's Diffa region out, and counts refugees in each state of the theatre.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

// The fields of one CSV line (the events have quoted fields with commas in actors' names).
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(SahelTheatre, EventsCarryTheirCountryAndTheForcesAndCiviliansOfTheStateTheyHappenIn) {
  const fs::path dir = fs::temp_directory_path() / ("peacesim_sahel_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto r =
      run_peacesim("run scenarios/sahel/sahel.yaml --set calendar.end=2016-12-31 --scale 1000 -q --out " +
                   (dir / "run").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream events(read_file(dir / "run" / "events.csv"));
  std::string line;
  std::getline(events, line);
  const auto header = fields(line);
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  ASSERT_TRUE(column.count("country") && column.count("admin1") && column.count("actor1"));
  const std::map<std::string, std::string> forces{{"Mali", "Military Forces of Mali"},
                                                  {"Burkina Faso", "Military Forces of Burkina Faso"},
                                                  {"Niger", "Military Forces of Niger"}};
  std::set<std::string> countries;
  std::size_t rows = 0;
  while (std::getline(events, line)) {
    const auto row = fields(line);
    ASSERT_EQ(row.size(), header.size()) << line;
    ++rows;
    const std::string& country = row[column["country"]];
    countries.insert(country);
    ASSERT_TRUE(forces.count(country)) << country;
    EXPECT_NE(row[column["admin1"]], "Diffa");
    for (const char* actor : {"actor1", "actor2"}) {
      const std::string& name = row[column[actor]];
      if (name.rfind("Military Forces of", 0) == 0) {
        EXPECT_EQ(name, forces.at(country)) << line;
      }
      if (name.rfind("Civilians (", 0) == 0) {
        EXPECT_EQ(name, "Civilians (" + country + ")") << line;
      }
    }
  }
  EXPECT_GT(rows, 100u);
  EXPECT_EQ(countries.size(), 3u);
  const std::string series = read_file(dir / "run" / "timeseries.csv");
  for (const char* name : {",refugees_in_BFA,", ",refugees_in_NER,", ",refugees_in_MRT,"})
    EXPECT_NE(series.find(name), std::string::npos) << name;
  EXPECT_NE(series.find(",Mali + Burkina Faso + Niger,"), std::string::npos);
  EXPECT_EQ(series.find(",Diffa,"), std::string::npos);
  // The EU's civilian missions (kind eu_civilian) are in the record and its strengths, but no force
  // of the fighting: no casualties series. The VDP, formed in 2020, are a group of the model.
  EXPECT_NE(series.find(",strength_eucap_sahel_mali,"), std::string::npos);
  EXPECT_EQ(series.find(",casualties_eucap_sahel_"), std::string::npos);
  EXPECT_NE(series.find(",casualties_eutm,"), std::string::npos);
  EXPECT_NE(series.find(",fighters_vdp,"), std::string::npos);
  // The map draws the theatre the run had: Diffa's region and departments are not on it.
  const std::string map = read_file(dir / "run" / "map.geojson");
  EXPECT_NE(map.find("\"Tillabery\""), std::string::npos);
  EXPECT_EQ(map.find("\"Diffa\""), std::string::npos);
  // Each state's border is on it, and an operation's area names regions of the three states, so
  // the dashboard can show the operations that cross them.
  std::set<std::string> borders;
  const auto map_json = nlohmann::json::parse(map);  // named: a loop over a temporary's member dangles
  for (const auto& f : map_json["features"]) {
    if (f["properties"]["layer"] == "state") borders.insert(f["properties"]["country"].get<std::string>());
    // RFC 7946's winding whatever the file had (Mali's outlines run clockwise, the others' not).
    if (f["geometry"]["type"] != "MultiPolygon") continue;
    for (const auto& polygon : f["geometry"]["coordinates"]) {
      for (std::size_t k = 0; k < polygon.size(); ++k) {
        double area2 = 0;
        const auto& ring = polygon[k];
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
          area2 += ring[j][0].get<double>() * ring[i][1].get<double>() -
                   ring[i][0].get<double>() * ring[j][1].get<double>();
        EXPECT_EQ(area2 > 0, k == 0) << f["properties"]["name"] << " ring " << k;
      }
    }
  }
  EXPECT_EQ(borders, (std::set<std::string>{"BFA", "MLI", "NER"}));
  std::set<std::string> barkhane;
  const auto theatre = nlohmann::json::parse(read_file(dir / "run" / "theatre.json"));
  for (const auto& op : theatre["operations"]) {
    if (op["id"] == "barkhane") barkhane = op["area"]["regions"].get<std::set<std::string>>();
  }
  for (const char* region : {"Gao", "Sahel", "Tillabery"}) EXPECT_TRUE(barkhane.count(region)) << region;

  // UNHCR's stocks (two files sharing Mali's refugees in Burkina Faso and Niger) are compared for the
  // states the theatre holds whole: Mali's and Burkina Faso's, each on its own and summed; not
  // Niger's, whose national figures include Diffa's displaced.
  const auto v = run_peacesim("validate " + (dir / "run").string() +
                              " --observed data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv"
                              " data/observed/sahel/acled_bfa_ner_aggregates_by_admin1_month_2010-2016.csv"
                              " data/observed/unhcr_population_mali_origin_or_asylum_2009-2016.csv"
                              " data/observed/sahel/unhcr_population_bfa_ner_2010-2016.csv -q --out " +
                              (dir / "validate.json").string());
  ASSERT_EQ(v.exit_code, 0) << v.err;
  const auto report = nlohmann::json::parse(read_file(dir / "validate.json"));
  std::set<std::string> metrics;
  for (const auto& m : report["metrics"]) metrics.insert(m["name"].get<std::string>());
  for (const char* name : {"refugees_abroad_year_end: log-MAE", "refugees_abroad_year_end_MLI: log-MAE",
                           "refugees_abroad_year_end_BFA: log-MAE", "idps_year_end_MLI: log-MAE"})
    EXPECT_TRUE(metrics.count(name)) << name;
  for (const auto& name : metrics) EXPECT_EQ(name.find("_NER:"), std::string::npos) << name;
  const auto& scalars = report["scalars"];
  ASSERT_TRUE(scalars.contains("refugees_abroad_year_end"));
  bool seen = false;
  for (const auto& row : scalars["refugees_abroad_year_end"]) {
    if (row["year"] != 2013) continue;
    seen = true;
    // UNHCR: 152,812 from Mali (its file and the Sahel one share the rows of Mali's refugees in Burkina
    // Faso and Niger: counted once) and 1,578 from Burkina Faso.
    EXPECT_EQ(row["observed"].get<double>(), 152812.0 + 1578.0);
  }
  EXPECT_TRUE(seen);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::testing
