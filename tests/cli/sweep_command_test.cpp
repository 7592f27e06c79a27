// `peacesim sweep` and `peacesim sensitivity` on the real binary: the design's rows, resuming
// without redoing finished points, refusing another design in the same folder, the Morris table,
// and located errors for bad parameter ranges.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("peacesim_sweep_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

const std::string kEpstein = "scenarios/examples/epstein_mesa.yaml --set calendar.steps=40 ";

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(Sweep, AGridHasARowPerCombinationAndResumesOnlyMissingPoints) {
  const auto dir = fresh("grid");
  const std::string args =
      "sweep " + kEpstein +
      "--param legitimacy=0.6:0.9 --param cop_density=0.02:0.06 --design grid --points 2 --runs 2 "
      "--outcome 'jailed[all]' --out " +
      dir.string();
  auto r = run_peacesim(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_file(dir / "sweep.csv");
  EXPECT_EQ(lines(csv), 1u + 4u);  // header and 2 x 2 points
  EXPECT_NE(csv.find("jailed[all] low"), std::string::npos);
  // Low legitimacy jails more people than high (Epstein): the sweep sees the parameter.
  const auto p0 = nlohmann::json::parse(read_file(dir / "points/point-0000.json"));  // legitimacy 0.6
  const auto p3 = nlohmann::json::parse(read_file(dir / "points/point-0003.json"));  // legitimacy 0.9
  EXPECT_GT(p0["outcomes"]["jailed[all]"][0].get<double>(), p3["outcomes"]["jailed[all]"][0].get<double>());

  fs::remove(dir / "points/point-0002.json");
  fs::remove(dir / "sweep.csv");
  r = run_peacesim(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3 done already"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(dir / "sweep.csv"), csv);  // same seeds, same numbers

  r = run_peacesim("sweep " + kEpstein + "--param legitimacy=0.5:0.9 --points 2 --runs 2 --out " +
                   dir.string());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("holds a sweep made from other inputs"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(Sweep, ALatinHypercubeHasItsPointsWithinTheRanges) {
  const auto dir = fresh("lhs");
  const auto r =
      run_peacesim("sweep " + kEpstein +
                   "--param legitimacy=0.6:0.9 --design lhs --points 5 --runs 1 -q --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto design = nlohmann::json::parse(read_file(dir / "sweep.json"));
  ASSERT_EQ(design["unit_points"].size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    const auto p = nlohmann::json::parse(read_file(dir / ("points/point-000" + std::to_string(i) + ".json")));
    const double v = p["values"][0];
    EXPECT_GE(v, 0.6);
    EXPECT_LE(v, 0.9);
  }
  fs::remove_all(dir);
}

TEST(Sensitivity, MorrisRanksTheParametersAndWritesItsEffects) {
  // legitimacy drives rebellion, hence arrests; legitimacy_drop_start does nothing while
  // legitimacy_drop is 0 (no drop ever starts). With the same seeds at every point, the inert
  // parameter's runs are identical: its effects are exactly 0, and it ranks last.
  const auto out = fresh("morris").string() + ".json";
  const auto r = run_peacesim(
      "sensitivity " + kEpstein +
      "--param legitimacy=0.5:0.9 --param legitimacy_drop_start=1:1000 --trajectories 4 --runs 1 "
      "--outcome 'jailed[all]' --out " +
      out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("mu*"), std::string::npos);
  const auto j = nlohmann::json::parse(read_file(out));
  const auto& rows = j["effects"]["jailed[all]"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["parameter"], "legitimacy");
  EXPECT_GT(rows[0]["mu_star"].get<double>(), 1.0);
  EXPECT_LT(rows[0]["mu"].get<double>(), 0.0);  // more legitimacy, fewer arrests
  EXPECT_GE(rows[0]["mu_star"].get<double>(), std::abs(rows[0]["mu"].get<double>()));
  EXPECT_EQ(rows[1]["parameter"], "legitimacy_drop_start");
  EXPECT_EQ(rows[1]["mu_star"].get<double>(), 0.0);
  EXPECT_EQ(rows[1]["sigma"].get<double>(), 0.0);
  fs::remove(out);
}

TEST(Sensitivity, SobolSharesTheVarianceAndAnInertParameterHasNone) {
  // The same two parameters as above: legitimacy explains the arrests' variance, the inert one
  // none (its AB points repeat A's runs exactly: S1 = ST = 0), and the design has n·(k + 2) points.
  const auto out = fresh("sobol").string() + ".json";
  const auto r =
      run_peacesim("sensitivity " + kEpstein +
                   "--method sobol --param legitimacy=0.5:0.9 --param legitimacy_drop_start=1:1000 "
                   "--samples 16 --bootstrap 50 --runs 1 --outcome 'jailed[all]' --out " +
                   out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("64 points × 1 members"), std::string::npos) << r.out;  // n·(k + 2) = 16·4
  const auto j = nlohmann::json::parse(read_file(out));
  const auto& rows = j["indices"]["jailed[all]"]["indices"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["parameter"], "legitimacy");
  EXPECT_GT(rows[0]["total"].get<double>(), 0.5);
  EXPECT_LE(rows[0]["total_interval"][0].get<double>(), rows[0]["total"].get<double>());
  EXPECT_EQ(rows[1]["parameter"], "legitimacy_drop_start");
  EXPECT_EQ(rows[1]["first"].get<double>(), 0.0);
  EXPECT_EQ(rows[1]["total"].get<double>(), 0.0);
  fs::remove(out);
  const auto bad = run_peacesim("sensitivity " + kEpstein + "--method sobol --param legitimacy --samples 1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--samples"), std::string::npos) << bad.err;
  const auto unknown = run_peacesim("sensitivity " + kEpstein + "--method sobel --param legitimacy");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--method"), std::string::npos) << unknown.err;
}

TEST(Sweep, BadRangesAreLocatedErrors) {
  const auto dir = fresh("bad");
  auto r = run_peacesim("sweep " + kEpstein + "--param legitimcy=0.1:0.2 --out " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--param'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'legitimcy' is not a parameter"), std::string::npos) << r.err;
  r = run_peacesim("sweep " + kEpstein + "--param legitimacy=0.5:1.5 --out " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("plausible range"), std::string::npos) << r.err;
  r = run_peacesim("sensitivity " + kEpstein + "--param movement");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("switch"), std::string::npos) << r.err;
  r = run_peacesim("sweep " + kEpstein + "--param legitimacy=0.9:0.5 --out " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir));  // nothing written on bad input
}

}  // namespace
}  // namespace peacesim::testing
