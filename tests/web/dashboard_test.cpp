// The dashboard's data (issue 8, items 2 and 3): the map and theatre files a run writes, the
// endpoints over them, the comparison of two stores and validation against observed data, the
// page at `/`, and the static report's inlined answers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "run_peacesim.hpp"
#include "support/region_tables.hpp"
#include "validation/metrics.hpp"
#include "validation/observed.hpp"
#include "web/api.hpp"
#include "web/report.hpp"
#include "web/store_reader.hpp"

namespace peacesim::web {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A base run, a variant (France leaves early) with the same seed, and a run of Epstein's model.
const fs::path& folder() {
  static const fs::path dir = [] {
    const auto d = fs::temp_directory_path() / ("peacesim_dashboard_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    const std::string args = " --set calendar.end=2013-12-31 --scale 1000 -q --out ";
    for (const auto& [scenario, name] :
         {std::pair{"scenarios/mali/mali.yaml", "base"},
          {"scenarios/mali/variants/q2_france_leaves_early.yaml", "variant"}}) {
      const auto r = testing::run_peacesim(std::string("run ") + scenario + args + (d / name).string());
      EXPECT_EQ(r.exit_code, 0) << r.err;
    }
    const auto r = testing::run_peacesim("run scenarios/examples/epstein_mesa.yaml -q --out " +
                                         (d / "epstein").string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return d;
  }();
  return dir;
}

std::string observed_file() {
  return std::string(PEACESIM_SOURCE_DIR) +
         "/data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv";
}

const Api& api() {
  static const Api a = [] {
    const auto from = *engine::Date::parse("2012-01-01");
    const auto to = *engine::Date::parse("2016-12-31");
    validation::Observed observed;
    observed.regions = peacesim::testing::mali_region_names();
    observed.events =
        validation::read_events(observed_file(), engine::Date(1900, 1, 1), engine::Date(2200, 12, 31),
                                peacesim::testing::mali_region_names());
    observed.events_in_window =
        validation::read_events(observed_file(), from, to, peacesim::testing::mali_region_names());
    observed.files = {observed_file()};
    Api out(open_sources({(folder() / "base").string(), (folder() / "variant").string(),
                          (folder() / "epstein").string()}),
            ValidationInput{observed, from, to});
    return out;
  }();
  return a;
}

json get(const std::string& path, int expect = 200, std::map<std::string, std::string> query = {}) {
  const auto r = api().handle({"GET", path, std::move(query)});
  EXPECT_EQ(r.status, expect) << path << ": " << r.body;
  return json::parse(r.body);
}

TEST(Dashboard, TheMapHasEveryLayerAndEveryRegionOfTheSeries) {
  const auto map = get("/api/runs/0/map");
  std::map<std::string, int> layers;
  std::set<std::string> regions;
  for (const auto& f : map["features"]) {
    const std::string layer = f["properties"]["layer"];
    ++layers[layer];
    if (layer == "region") regions.insert(f["properties"]["name"].get<std::string>());
  }
  EXPECT_EQ(layers["region"], 9);
  EXPECT_GE(layers["cercle"], 45);
  EXPECT_GE(layers["neighbour"], 6);
  EXPECT_GE(layers["town"], 30);
  EXPECT_GE(layers["camp"], 5);
  EXPECT_GE(layers["operation_base"], 5);
  // Each region of the map is a region of the run's series, so the map can colour it.
  const auto series = get("/api/runs/0/series/fatalities_battles");  // kept alive for the loop
  // The views take the national figure from the region the series names, the store's first.
  EXPECT_EQ(series["national"], "Mali");
  EXPECT_EQ(get("/api/runs/2/series/jailed")["national"], "all");  // a model without a country
  for (const auto& [name, values] : series["regions"].items()) {
    if (name != "Mali") {
      EXPECT_TRUE(regions.count(name)) << name;
    }
  }
  // Outlines are simplified: the whole map is far smaller than the boundary files it came from.
  const auto size = fs::file_size(folder() / "base" / "map.geojson");
  EXPECT_LT(size, fs::file_size(fs::path(PEACESIM_SOURCE_DIR) /
                                "data/geography/mali_adm2_cercles_ocha_cod_pre2016.geojson") /
                      3);
}

TEST(Dashboard, OperationsAndTheNetworkComeFromTheScenario) {
  const auto ops = get("/api/runs/0/operations");
  std::map<std::string, json> by_id;
  for (const auto& op : ops) by_id[op["id"]] = op;
  ASSERT_TRUE(by_id.count("minusma"));
  EXPECT_EQ(by_id["minusma"]["start"], "2013-07-01");
  EXPECT_FALSE(by_id["minusma"]["mandates"].empty());
  EXPECT_FALSE(by_id["minusma"]["budgets"].empty());
  EXPECT_EQ(by_id["micema"]["start"], nullptr);  // planned, never deployed

  const auto net = get("/api/runs/0/network");
  std::set<std::string> nodes;
  for (const auto& n : net["nodes"]) nodes.insert(n["id"].get<std::string>());
  bool unsc_authorizes_minusma = false;
  for (const auto& e : net["edges"]) {
    EXPECT_TRUE(nodes.count(e["from"].get<std::string>()) && nodes.count(e["to"].get<std::string>()))
        << e.dump();
    if (e["kind"] == "authorizes" && e["to"] == "minusma") unsc_authorizes_minusma = true;
  }
  EXPECT_TRUE(unsc_authorizes_minusma);

  // A model without a theatre has neither file: a clear 404, not an empty answer.
  EXPECT_NE(get("/api/runs/2/map", 404)["error"].get<std::string>().find("geography"), std::string::npos);
  get("/api/runs/2/operations", 404);
}

TEST(Dashboard, TheComparisonIsTheDifferenceOfTheStoredRuns) {
  const auto c = get("/api/compare", 200, {{"base", "0"}, {"variant", "1"}});
  EXPECT_TRUE(c["paired"]);  // the same seed
  const StoreReader base(folder() / "base"), variant(folder() / "variant");
  bool found = false;
  for (const auto& d : c["differences"]) {
    if (d["outcome"] != "strength_serval") continue;
    found = true;
    // A gauge: its value at the end, from the stores themselves.
    const double b = base.series("strength_serval").regions.at("Mali").back();
    const double v = variant.series("strength_serval").regions.at("Mali").back();
    EXPECT_DOUBLE_EQ(d["base_mean"].get<double>(), b);
    EXPECT_DOUBLE_EQ(d["variant_mean"].get<double>(), v);
    EXPECT_DOUBLE_EQ(d["difference"].get<double>(), v - b);
  }
  EXPECT_TRUE(found);
  get("/api/compare", 400, {{"base", "0"}});
  get("/api/compare", 404, {{"base", "0"}, {"variant", "9"}});
}

// The comparison view's forest plot labels rows with the series' descriptions, and, for ensembles
// run with a posterior (two members to a draw), splits each difference's spread between the draws
// and chance as `peacesim compare --posterior` does; ensembles with one parameter set have no split.
TEST(Dashboard, TheComparisonSplitsTheSpreadOfPosteriorEnsembles) {
  const auto d = fs::temp_directory_path() / ("peacesim_dashboard_draws_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  const auto posterior = d / "posterior.yaml";
  std::ofstream(posterior) << "posterior:\n  parameters: [citizen_vision]\n  draws:\n"
                              "    - {weight: 1, values: [1]}\n    - {weight: 1, values: [9]}\n";
  const std::string small = " --runs 8 --threads 2 --set width=20 --set height=20 --set calendar.steps=30 -q";
  for (const auto& [scenario, name, extra] : {std::tuple{"epstein_mesa", "base", true},
                                              {"epstein_low_legitimacy", "variant", true},
                                              {"epstein_mesa", "plain_base", false},
                                              {"epstein_low_legitimacy", "plain_variant", false}}) {
    const auto r = testing::run_peacesim(
        std::string("ensemble scenarios/examples/") + scenario + ".yaml" + small +
        (extra ? " --posterior " + posterior.string() : std::string()) + " --out " + (d / name).string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const Api a(open_sources({(d / "base").string(), (d / "variant").string(), (d / "plain_base").string(),
                            (d / "plain_variant").string()}));
  auto compare = [&](const std::string& base, const std::string& variant) {
    const auto r = a.handle({"GET", "/api/compare", {{"base", base}, {"variant", variant}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  };
  const auto drawn = compare("0", "1");
  EXPECT_TRUE(drawn["parameter_draws"]);
  bool jailed = false;
  for (const auto& row : drawn["differences"]) {
    EXPECT_FALSE(row["description"].get<std::string>().empty()) << row.dump();
    if (row["outcome"] != "jailed") continue;
    jailed = true;
    // Vision 1 against 9 moves the jailed far more than the dice do within a draw.
    ASSERT_TRUE(row["parameter_share"].is_number()) << row.dump();
    EXPECT_GT(row["parameter_share"].get<double>(), 0.5) << row.dump();
  }
  EXPECT_TRUE(jailed) << drawn.dump();
  const auto plain = compare("2", "3");
  EXPECT_FALSE(plain["parameter_draws"]);
  for (const auto& row : plain["differences"]) EXPECT_TRUE(row["parameter_share"].is_null()) << row.dump();
  fs::remove_all(d);
}

TEST(Dashboard, RunsOfDifferentModelsAreNotCompared) {
  // Mali against Epstein's model: no outcome in common, so no comparison (not an empty one).
  for (const auto& [base, variant] : {std::pair{"0", "2"}, {"2", "0"}}) {
    const auto c = get("/api/compare", 422, {{"base", base}, {"variant", variant}});
    const std::string message = c.value("error", "");
    EXPECT_NE(message.find("theatre"), std::string::npos) << message;
    EXPECT_NE(message.find("epstein"), std::string::npos) << message;
    EXPECT_FALSE(c.contains("differences"));
  }
}

TEST(Dashboard, ValidationJudgesTheRunUpToItsOwnEnd) {
  const auto v = get("/api/runs/0/validation");
  EXPECT_EQ(v["window"]["to"], "2013-12-31");
  std::set<int> years;
  for (const auto& row : v["rows"]) years.insert(row["year"].get<int>());
  EXPECT_EQ(years, (std::set<int>{2012, 2013}));
  EXPECT_FALSE(v["metrics"].empty());
  // Without observed data there is no validation view.
  const Api bare(open_sources({(folder() / "base").string()}));
  EXPECT_EQ(bare.handle({"GET", "/api/runs/0/validation", {}}).status, 404);
}

TEST(Dashboard, ThePageIsServedAtTheRootAndTheApiListsItself) {
  Api with_page(open_sources({(folder() / "base").string()}));
  with_page.set_page("<html>page</html>");
  const auto r = with_page.handle({"GET", "/", {}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type.rfind("text/html", 0), 0u);
  EXPECT_EQ(r.body, "<html>page</html>");
  EXPECT_EQ(with_page.handle({"GET", "/index.html", {}}).body, r.body);
  EXPECT_TRUE(json::parse(with_page.handle({"GET", "/api", {}}).body).contains("endpoints"));
  EXPECT_EQ(with_page.handle({"GET", "/other.html", {}}).status, 404);
}

TEST(Dashboard, AReportHoldsEveryAnswerItsViewsAskFor) {
  const std::string page = "<html><body><!--peacesim-data--><script>app()</script></body></html>";
  const std::string html = report_html(api(), page);
  const std::string open = R"(<script type="application/json" id="peacesim-data">)";
  const auto at = html.find(open);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(html.find("<!--peacesim-data-->"), std::string::npos);
  const auto end = html.find("</script>", at);
  const std::string data = html.substr(at + open.size(), end - at - open.size());
  EXPECT_EQ(data.find("</"), std::string::npos);  // nothing in the data can close the element
  const auto j = json::parse(data);
  EXPECT_EQ(j["/api/runs"], get("/api/runs"));
  EXPECT_EQ(j["/api/runs/0/series/refugees"], get("/api/runs/0/series/refugees"));
  EXPECT_EQ(j["/api/runs/0/map"], get("/api/runs/0/map"));
  EXPECT_TRUE(j.contains("/api/compare?base=0&variant=1"));
  EXPECT_TRUE(j.contains("/api/runs/0/validation"));
  EXPECT_FALSE(j.contains("/api/runs/2/map"));  // an error answer is left out
  EXPECT_NE(html.find("<script>app()</script>"), std::string::npos);
  EXPECT_THROW((void)report_html(api(), "<html>no marker</html>"), std::runtime_error);
}

}  // namespace
}  // namespace peacesim::web
