// The backtest report (`serve --backtest`, /api/backtest) and the observed series beside a run's
// (`serve --observed`, /api/runs/{id}/observed): what the validation code reads, served as it is.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/region_tables.hpp"
#include "test_stores.hpp"
#include "validation/observed.hpp"
#include "web/api.hpp"

namespace peacesim::web {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::test_stores;

json answer(const Api& api, const std::string& path, int expect = 200) {
  const auto r = api.handle({"GET", path, {}});
  EXPECT_EQ(r.status, expect) << path << ": " << r.body;
  return json::parse(r.body);
}

// A small report of the shape `peacesim backtest --out` writes.
json small_backtest() {
  return json::parse(R"({"kind": "backtest", "origins": [{"origin": "2014-12-31",
    "scores": {"metrics": [{"name": "national deaths", "group": "violence", "model": 1.2, "persistence": 0.9,
                            "mean3": 1.0, "nb": null, "best_baseline": "persistence", "model_beats_best": false,
                            "better": "lower"}],
               "verdict": {"metrics_judged": 1, "model_beats_best_baseline": 0, "not_beaten": ["national deaths"]}},
    "patterns": [{"id": "p", "text": "a pattern", "holds_in": 1, "runs": 2, "share": 0.5}]}]})");
}

const fs::path& fixtures() {
  static const fs::path dir = [] {
    const auto d = fs::temp_directory_path() / ("peacesim_observed_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    std::ofstream(d / "unhcr.csv") << "year,coo_iso,coa_iso,refugees,idps\n"
                                      "2012,MLI,MRT,54000,\n2012,MLI,NER,50000,\n2012,MLI,MLI,,227000\n"
                                      "2013,MLI,MRT,75000,\n2013,MLI,MLI,,254000\n2017,MLI,MLI,,1\n";
    std::ofstream(d / "un.csv")
        << "incident_date,type_of_incident\n2013-07-02,Malicious Act\n"
           "2013-09-01,Accident\n2014-01-03,Malicious act\n2014-03-04,Malicious Act\n";
    return d;
  }();
  return dir;
}

const auto kFrom = *engine::Date::parse("2012-01-01");
const auto kTo = *engine::Date::parse("2016-12-31");

validation::Observed observed() {
  validation::Observed o;
  o.regions = peacesim::testing::mali_region_names();
  o.events = validation::read_events(testing::observed_test_file(), engine::Date(1900, 1, 1),
                                     engine::Date(2200, 12, 31), peacesim::testing::mali_region_names());
  o.events_in_window = validation::read_events(testing::observed_test_file(), kFrom, kTo,
                                               peacesim::testing::mali_region_names());
  o.displacement = validation::read_unhcr(fixtures() / "unhcr.csv", "MLI");
  o.peacekeeping =
      validation::read_peacekeeping_deaths(fixtures() / "un.csv", {{"MINUSMA", "casualties_minusma"}},
                                           engine::Date(1900, 1, 1), engine::Date(2200, 12, 31));
  o.files = {testing::observed_test_file(), (fixtures() / "unhcr.csv").string(),
             (fixtures() / "un.csv").string()};
  return o;
}

Api observed_api() {
  return Api(open_sources({(test_stores() / "run").string(), (test_stores() / "ens").string()}),
             ValidationInput{observed(), kFrom, kTo});
}

// A list of {date, value} as a map from year to value.
std::map<int, double> years_of(const json& points) {
  std::map<int, double> out;
  for (const auto& p : points) out[std::stoi(p.at("date").get<std::string>().substr(0, 4))] = p.at("value");
  return out;
}

TEST(WebBacktest, WithoutOneTheEndpointSaysHowToGiveIt) {
  const auto j = answer(testing::test_api(), "/api/backtest", 404);
  EXPECT_NE(j["error"].get<std::string>().find("--backtest"), std::string::npos) << j;
}

TEST(WebBacktest, TheReportIsServedAsGivenAndListed) {
  Api api(open_sources({(test_stores() / "run").string()}));
  api.set_backtest(small_backtest());
  EXPECT_EQ(answer(api, "/api/backtest"), small_backtest());
  const auto endpoints = answer(api, "/api")["endpoints"];
  EXPECT_NE(std::find(endpoints.begin(), endpoints.end(), "/api/backtest"), endpoints.end()) << endpoints;
}

TEST(WebObserved, WithoutObservedDataTheEndpointIs404) {
  const Api bare(open_sources({(test_stores() / "run").string()}));
  answer(bare, "/api/runs/0/observed", 404);
}

TEST(WebObserved, DisplacementAndPeacekeepingAreWhatTheReadersRead) {
  const Api api = observed_api();
  const auto j = answer(api, "/api/runs/0/observed");
  const std::string national = j["national"];
  ASSERT_FALSE(national.empty());
  const auto& s = j["series"];
  // The fixture's sums, as read_unhcr and read_peacekeeping_deaths read them; years after the
  // window (2017) are left out.
  EXPECT_EQ(years_of(s["refugees"]["observed"][national]),
            (std::map<int, double>{{2012, 104000}, {2013, 75000}}));
  EXPECT_EQ(years_of(s["internally_displaced"]["observed"][national]),
            (std::map<int, double>{{2012, 227000}, {2013, 254000}}));
  EXPECT_EQ(years_of(s["refugees_in_MRT"]["observed"][national]),
            (std::map<int, double>{{2012, 54000}, {2013, 75000}}));
  EXPECT_EQ(years_of(s["casualties_minusma"]["observed"][national]),
            (std::map<int, double>{{2013, 1}, {2014, 2}}));
  EXPECT_TRUE(s["refugees"]["model_series"].get<bool>());
  // The run's own figures, as validate reads them (the run ends in 2012).
  const auto run = validation::read_run(test_stores() / "run", kFrom, *engine::Date::parse("2012-12-31"));
  EXPECT_EQ(years_of(s["refugees"]["simulated"][national]), run.displacement.refugees);
  EXPECT_EQ(years_of(s["internally_displaced"]["simulated"][national]), run.displacement.idps);
  // No backtest: the origin is the end of the observed window.
  ASSERT_EQ(j["origins"].size(), 1u);
  EXPECT_EQ(j["origins"][0]["date"], "2016-12-31");
}

TEST(WebObserved, EventsByRegionAreTheValidationsCells) {
  const Api api = observed_api();
  const auto j = answer(api, "/api/runs/0/observed");
  const std::string national = j["national"];
  const auto& events = j["series"]["violent_events"];
  const auto& deaths = j["series"]["violent_event_deaths"];
  EXPECT_FALSE(events["model_series"].get<bool>());
  const auto cells = validation::read_events(testing::observed_test_file(), kFrom, kTo,
                                             peacesim::testing::mali_region_names())
                         .cells;
  ASSERT_FALSE(cells.empty());
  std::map<int, double> national_events;
  for (const auto& [cell, c] : cells) {
    EXPECT_EQ(years_of(events["observed"][cell.first])[cell.second], c.events)
        << cell.first << " " << cell.second;
    EXPECT_EQ(years_of(deaths["observed"][cell.first])[cell.second], c.fatalities) << cell.first;
    national_events[cell.second] += c.events;
  }
  EXPECT_EQ(years_of(events["observed"][national]), national_events);
  // The run's events, as validate counts them from its events.csv.
  const auto run = validation::read_run(test_stores() / "run", kFrom, *engine::Date::parse("2012-12-31"));
  double simulated = 0;
  for (const auto& [cell, c] : run.events.cells) simulated += c.events;
  EXPECT_EQ(years_of(events["simulated"][national])[2012], simulated);
}

TEST(WebObserved, AnEnsembleShowsItsMembersMean) {
  const Api api = observed_api();
  const auto j = answer(api, "/api/runs/1/observed");
  const std::string national = j["national"];
  double sum = 0;
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(test_stores() / "ens")) {
    if (!e.is_directory()) continue;
    sum += validation::read_run(e.path(), kFrom, *engine::Date::parse("2012-12-31"))
               .displacement.refugees.at(2012);
    ++n;
  }
  ASSERT_EQ(n, 3u);
  EXPECT_DOUBLE_EQ(years_of(j["series"]["refugees"]["simulated"][national]).at(2012), sum / 3.0);
}

TEST(WebObserved, TheBacktestsOriginsAreMarked) {
  Api api = observed_api();
  api.set_backtest(small_backtest());
  const auto j = answer(api, "/api/runs/0/observed");
  ASSERT_EQ(j["origins"].size(), 1u);
  EXPECT_EQ(j["origins"][0]["date"], "2014-12-31");
}

}  // namespace
}  // namespace peacesim::web
