// The web API (src/web): the contract on a real run and a real ensemble, values that agree with the
// run's own files, and the safety rules: read-only, no path ever reaches the file system, bounded
// requests (item 5 of issue 8).
#include "web/api.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "run_peacesim.hpp"
#include "web/server.hpp"

namespace peacesim::web {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path& folder() {
  static const fs::path dir = [] {
    const auto d = fs::temp_directory_path() / ("peacesim_web_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    const std::string args = " scenarios/mali/mali.yaml --set calendar.end=2012-12-31 --scale 1000 -q --out ";
    EXPECT_EQ(testing::run_peacesim("run" + args + (d / "run").string()).exit_code, 0);
    EXPECT_EQ(testing::run_peacesim("ensemble --runs 3" + args + (d / "ens").string()).exit_code, 0);
    return d;
  }();
  return dir;
}

const Api& api() {
  static const Api a(open_sources({(folder() / "run").string(), (folder() / "ens").string()}));
  return a;
}

json get(const std::string& path, int expect = 200) {
  const auto r = api().handle({"GET", path, {}});
  EXPECT_EQ(r.status, expect) << path << ": " << r.body;
  return json::parse(r.body);
}

TEST(WebApi, ListsTheRunsItWasGiven) {
  const auto runs = get("/api/runs");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]["kind"], "run");
  EXPECT_EQ(runs[1]["kind"], "ensemble");
  EXPECT_EQ(runs[1]["members"], 3);
  EXPECT_EQ(runs[0]["model"], "theatre");
  EXPECT_FALSE(get("/api/runs/0")["summary"].empty());
}

TEST(WebApi, ASeriesHasEveryRegionAndTheRunsOwnValues) {
  const auto s = get("/api/runs/0/series/refugees");
  ASSERT_FALSE(s["dates"].empty());
  EXPECT_TRUE(s["regions"].contains("Mali"));
  EXPECT_TRUE(s["regions"].contains("Gao"));
  // The value on the last date equals the run's timeseries.csv.
  const std::string last = s["dates"].back();
  std::ifstream csv(folder() / "run/timeseries.csv");
  std::string line, expected;
  while (std::getline(csv, line)) {
    if (line.rfind(last + ",", 0) == 0 && line.find(",Mali,refugees,") != std::string::npos) expected = line;
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_DOUBLE_EQ(s["regions"]["Mali"]["values"].back().get<double>(),
                   std::stod(expected.substr(expected.rfind(',') + 1)));
  // The catalogue lists it with its unit.
  bool listed = false;
  for (const auto& info : get("/api/runs/0/series"))
    listed = listed || (info["name"] == "refugees" && info["unit"] == "people");
  EXPECT_TRUE(listed);
}

TEST(WebApi, AnEnsembleSeriesHasAMedianInsideItsBand) {
  const auto s = get("/api/runs/1/series/fatalities_battles");
  EXPECT_EQ(s["members"], 3);
  const auto& mali = s["regions"]["Mali"];
  ASSERT_EQ(mali["values"].size(), mali["low"].size());
  bool spread = false;
  for (std::size_t d = 0; d < mali["values"].size(); ++d) {
    EXPECT_LE(mali["low"][d].get<double>(), mali["values"][d].get<double>());
    EXPECT_LE(mali["values"][d].get<double>(), mali["high"][d].get<double>());
    spread = spread || mali["low"][d] != mali["high"][d];
  }
  EXPECT_TRUE(spread);  // the members differ
}

TEST(WebApi, AnEnsembleKeepsOneMapForAllItsMembers) {
  EXPECT_TRUE(fs::exists(folder() / "ens" / "map.geojson"));
  EXPECT_FALSE(fs::exists(folder() / "ens" / "member-0000" / "map.geojson"));
  EXPECT_EQ(get("/api/runs/1/map"), get("/api/runs/0/map"));  // the same scenario, the same map
  EXPECT_EQ(get("/api/runs/1/operations"), get("/api/runs/0/operations"));
}

TEST(WebApi, EventsAreTheRunsEventsWithTheirTypesAndActors) {
  const auto e = get("/api/runs/0/events");
  std::ifstream csv(folder() / "run/events.csv");
  std::size_t rows = 0;
  std::string line;
  std::getline(csv, line);
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(e["events"].size(), rows);
  EXPECT_FALSE(e["types"].empty());
  (void)get("/api/runs/1/events?member=2", 404);  // a query inside the path is no route: it goes in `query`
  auto r = api().handle({"GET", "/api/runs/1/events", {{"member", "2"}}});
  EXPECT_EQ(json::parse(r.body)["member"], 2);
  EXPECT_EQ(api().handle({"GET", "/api/runs/1/events", {{"member", "x"}}}).status, 400);
  EXPECT_EQ(api().handle({"GET", "/api/runs/1/events", {{"member", "7"}}}).status, 404);
}

TEST(WebApi, ReadOnlyAndNoPathReachesTheFileSystem) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    EXPECT_EQ(api().handle({method, "/api/runs", {}}).status, 405) << method;
  for (const char* path :
       {"/api/runs/../../etc/passwd", "/api/runs/0/../../../etc/passwd", "/etc/passwd",
        "/api/runs/%2e%2e/series", "/api/runs//etc/passwd", "/api/runs/0/series/../../../../etc",
        "/api/runs/2", "/api/runs/-1", "/api/runs/0/manifest.json", "/results.sqlite"}) {
    const auto r = api().handle({"GET", path, {}});
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
  // A path that is not UTF-8 (found by fuzz_http_request) still gets a JSON answer.
  const auto r = api().handle({"GET", "/api/runs/1\xca", {}});
  EXPECT_EQ(r.status, 404);
  EXPECT_FALSE(json::parse(r.body)["error"].get<std::string>().empty());
}

TEST(WebApi, AStoreOfAnotherFormatIsRefused) {
  const auto copy = folder() / "old";
  fs::copy(folder() / "run", copy, fs::copy_options::recursive);
  std::ofstream(copy / "manifest.json") << "{\"peacesim_version\": \"0.0.1\"}\n";
  EXPECT_THROW((void)open_sources({copy.string()}), std::runtime_error);
  EXPECT_THROW((void)open_sources({(folder() / "nowhere").string()}), std::runtime_error);
}

TEST(WebApi, AStoreDamagedAtStartIsRefusedAndOneDamagedLaterIsADocumented422) {
  const auto damaged = folder() / "damaged";
  fs::copy(folder() / "run", damaged, fs::copy_options::recursive);
  const auto db = damaged / "results.sqlite";
  std::ofstream(db, std::ios::binary | std::ios::trunc) << "not a database at all";
  try {
    (void)open_sources({damaged.string()});
    ADD_FAILURE() << "a garbage results.sqlite was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(db.string()), std::string::npos) << e.what();
  }
  // Damaged while served: its first half only, as a copy cut short would leave it.
  fs::copy_file(folder() / "run" / "results.sqlite", db, fs::copy_options::overwrite_existing);
  const Api served(open_sources({damaged.string()}));
  EXPECT_EQ(served.handle({"GET", "/api/runs/0/series/refugees", {}}).status, 200);
  fs::resize_file(db, fs::file_size(db) / 2);
  for (const char* path :
       {"/api/runs/0", "/api/runs/0/series", "/api/runs/0/series/refugees", "/api/runs/0/events"}) {
    const auto r = served.handle({"GET", path, {}});
    EXPECT_EQ(r.status, 422) << path << ": " << r.body;
    const std::string message = json::parse(r.body).value("error", "");
    EXPECT_NE(message.find("'damaged'"), std::string::npos) << message;
    EXPECT_NE(message.find("results.sqlite"), std::string::npos) << message;
  }
  // A manifest whose fields have the wrong types is the same: a 422 naming the run, not a 500.
  std::ofstream(damaged / "manifest.json", std::ios::trunc)
      << R"({"run_store_format": 2, "run": {"seed": "x"}, "scenario": {"title": 3, "model": []}})";
  const auto r = served.handle({"GET", "/api/runs", {}});
  EXPECT_EQ(r.status, 422) << r.body;
}

TEST(WebServer, ServesOverHttpAndBoundsRequests) {
  Server server(api());
  const int port = server.bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  std::thread t([&] { server.listen(); });
  // The socket listens from bind() on: the first request waits in its queue until listen() takes
  // it, so the test needs no retries and no sleep.
  httplib::Client client("127.0.0.1", port);
  auto r = client.Get("/api/runs");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body).size(), 2u);
  r = client.Post("/api/runs", "x", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = client.Post("/api/runs", std::string(kMaxRequestBody + 1, 'a'), "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  r = client.Get("/api/runs/" + std::string(10000, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 414);
  r = client.Get("/api/runs/0/%2e%2e/%2e%2e/etc/passwd");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  server.stop();
  t.join();
}

}  // namespace
}  // namespace peacesim::web
