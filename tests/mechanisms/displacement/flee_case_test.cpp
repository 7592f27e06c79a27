// The flee_mali2012 model: Flee's inputs are read as Flee reads them, and a run conserves
// people, respects the closures, and gives the same series with 1 and 2 threads.
#include "models/flee_case/flee_case.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "engine/simulation.hpp"
#include "models/registry.hpp"
#include "scenario/scenario.hpp"

namespace peacesim::models::flee_case {
namespace {

const std::filesystem::path kData =
    std::filesystem::path(PEACESIM_SOURCE_DIR) / "data/displacement/flee_mali2012";
const std::filesystem::path kScenario =
    std::filesystem::path(PEACESIM_SOURCE_DIR) / "scenarios/flee/mali2012.yaml";

FleeFiles files() { return fabflee_layout(kData); }

TEST(FleeCase, ReadsFleesInputs) {
  const FleeCase c = read_flee_case(files(), "2012-02-29", 300);
  EXPECT_EQ(c.places.size(), 23u);
  EXPECT_EQ(c.links.size(), 35u);
  EXPECT_EQ(c.camps.size(), 7u);
  EXPECT_EQ(c.conflicts.size(), 300u);
  EXPECT_EQ(c.closures.size(), 2u);
  for (const auto& o : c.observed) EXPECT_EQ(o.size(), 300u);
  // Niamey: 0 on 2012-03-31 (day 31), 3567 on 2012-06-30 (day 122); day 76 is interpolated and
  // truncated to whole people; Niamey has no registration correction.
  const auto niamey =
      static_cast<std::size_t>(std::find(c.camps.begin(), c.camps.end(), "Niamey") - c.camps.begin());
  EXPECT_DOUBLE_EQ(c.observed[niamey][76], std::trunc(45.0 / 91.0 * 3567.0));
  // Gao (pop. 86,633) turns violent on day 23 in conflicts.csv.
  const auto gao = static_cast<std::size_t>(
      std::find_if(c.places.begin(), c.places.end(), [](const auto& p) { return p.name == "Gao"; }) -
      c.places.begin());
  EXPECT_EQ(c.violence(22, gao), 0.0);
  EXPECT_EQ(c.violence(23, gao), 1.0);
  // Mali - Niger links are closed until day 33 (exclusive), then open.
  for (std::size_t l = 0; l < c.links.size(); ++l) {
    const auto& a = c.places[c.links[l].a];
    const auto& b = c.places[c.links[l].b];
    const bool mali_niger =
        (a.country == "Mali" && b.country == "Niger") || (a.country == "Niger" && b.country == "Mali");
    const bool mali_burkina = (a.country == "Mali" && b.country == "Burkina_Faso") ||
                              (a.country == "Burkina_Faso" && b.country == "Mali");
    EXPECT_EQ(c.link_closed(l, 10), mali_niger || mali_burkina);
    EXPECT_EQ(c.link_closed(l, 32), mali_niger);
    EXPECT_FALSE(c.link_closed(l, 33));
  }
}

TEST(FleeCase, RelativeDifferenceIsFlees) {
  EXPECT_DOUBLE_EQ(relative_difference({10, 0, 5}, {20, 0, 5}), 10.0 / 25.0);
  EXPECT_DOUBLE_EQ(relative_difference({3}, {0}), 3.0);  // denominator at least 1
}

struct Series {
  std::map<std::tuple<std::string, std::string, std::uint32_t>, double> values;
};

Series run(unsigned threads, const std::filesystem::path& scenario = kScenario) {
  const scenario::Scenario s =
      scenario::load_scenario(scenario, {{"calendar.steps=120"}, std::nullopt, 10.0});
  const ModelInfo* info = find_model("flee_mali2012");
  EXPECT_NE(info, nullptr);
  const engine::ParameterSet params = scenario::resolve_parameters(s, info->parameters);
  auto model = info->make(ModelInput{params, s, 1, threads, s.people_per_agent});
  engine::SimulationOptions options;
  options.threads = threads;
  engine::Simulation sim(*model, engine::Clock(s.start, s.end), options);
  EXPECT_TRUE(sim.run().completed);
  Series out;
  const auto& series = sim.recorder().series();
  const auto& regions = sim.recorder().regions();
  for (const auto& row : sim.recorder().rows())
    out.values[{series[row.series].name, regions[row.region], row.step}] = row.value;
  return out;
}

TEST(FleeCase, RunConservesPeopleAndIsThreadIndependent) {
  const Series one = run(1);
  const Series two = run(2);
  EXPECT_EQ(one.values, two.values);
  // Nobody reaches a camp in Niger before the border opens on day 33 (steps 1..33 are days 0..32).
  const std::vector<std::string> niger{"Abala", "Mangaize", "Niamey", "Tabareybarey"};
  double residents = 0.0;  // people put in Niger's camps on day 0 (the camps' first counts)
  for (const auto& camp : niger) residents += one.values.at({"unhcr_camp_population", camp, 1});
  for (std::uint32_t step = 1; step <= 33; ++step) {
    double sim = 0.0;
    for (const auto& camp : niger) sim += one.values.at({"camp_population", camp, step});
    EXPECT_LE(sim, residents) << "step " << step;
  }
  // Everyone displaced is in a camp, in transit or resting in a town; none are lost.
  for (std::uint32_t step = 1; step <= 120; ++step) {
    const double displaced = one.values.at({"displaced", "all", step});
    const double in_camps = one.values.at({"camp_population", "all", step});
    const double transit = one.values.at({"in_transit", "all", step});
    EXPECT_LE(in_camps + transit, displaced + 1e-9);
    EXPECT_GE(displaced, 0.0);
  }
}

// People in the camps of one country (their names as the camp data gives them) on a step.
double in_camps(const Series& s, const std::vector<std::string>& camps, std::uint32_t step) {
  double n = 0.0;
  for (const auto& camp : camps) n += s.values.at({"camp_population", camp, step});
  return n;
}

// The shipped case pulls people towards Mauritania (attraction 1.5) and away from Niger (0.6):
// against the same case with every host at 1, on the same seed, Mauritania's camp holds more and
// Niger's camps fewer once Niger's border has opened, with the same people displaced.
TEST(FleeCase, HostsPullPeopleCrossingIntoThem) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("peacesim_flee_hosts_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path variant = dir / "no_hosts.yaml";
  std::ofstream(variant) << "base: " << kScenario.string() << "\nflee_case:\n  hosts: []\n";
  const Series with = run(1);
  const Series without = run(1, variant);
  fs::remove_all(dir);
  const std::vector<std::string> niger{"Abala", "Mangaize", "Niamey", "Tabareybarey"};
  for (const std::uint32_t step : {60u, 90u, 120u}) {
    EXPECT_GT(in_camps(with, {"Fassala-Mbera"}, step), 1.05 * in_camps(without, {"Fassala-Mbera"}, step))
        << "step " << step;
    EXPECT_LT(in_camps(with, niger, step), in_camps(without, niger, step)) << "step " << step;
    EXPECT_EQ(with.values.at({"displaced", "all", step}), without.values.at({"displaced", "all", step}));
  }
}

}  // namespace
}  // namespace peacesim::models::flee_case
