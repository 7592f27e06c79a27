// `peacesim ensemble` end to end: members in their own folders, merged files, the same results
// whatever the threads, resuming after a lost member, Slurm array members, and bad input.
#include <gtest/gtest.h>

#include <fstream>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("peacesim_ensemble_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  return p;
}

const std::string kSmall = " --runs 3 --set width=20 --set height=20 --set calendar.steps=20";
const std::string kScenario = "ensemble scenarios/examples/epstein_mesa.yaml";

TEST(EnsembleCommand, MembersMergedIdenticallyWhateverTheThreadsAndAfterAResume) {
  const auto a = fresh("a");
  const auto b = fresh("b");
  const auto ra = run_peacesim(kScenario + kSmall + " --threads 2 --out " + a.string());
  ASSERT_EQ(ra.exit_code, 0) << ra.err;
  const auto rb = run_peacesim(kScenario + kSmall + " --threads 1 -q --out " + b.string());
  ASSERT_EQ(rb.exit_code, 0) << rb.err;
  for (const char* f : {"ensemble.json", "ensemble_timeseries.csv", "ensemble_events.csv"}) {
    EXPECT_TRUE(fs::exists(a / f)) << f;
  }
  for (const char* m : {"member-0000", "member-0001", "member-0002"})
    EXPECT_TRUE(fs::exists(a / m / "manifest.json"));
  const std::string series = read_file(a / "ensemble_timeseries.csv");
  EXPECT_EQ(series, read_file(b / "ensemble_timeseries.csv"));
  EXPECT_EQ(series.rfind("member,", 0), 0u);
  EXPECT_NE(series.find("\n2,"), std::string::npos);  // the last member is merged too

  // Lose a member (as a crash would): only it runs again, and the merge is the same.
  fs::remove_all(b / "member-0001");
  const auto again = run_peacesim(kScenario + kSmall + " --out " + b.string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("2 done already, 1 to run"), std::string::npos) << again.out;
  EXPECT_EQ(read_file(b / "ensemble_timeseries.csv"), series);
  EXPECT_EQ(read_file(b / "ensemble_events.csv"), read_file(a / "ensemble_events.csv"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(EnsembleCommand, ArrayJobRunsOneMemberThenAFinalCallMerges) {
  const auto d = fresh("array");
  const auto one = run_peacesim(kScenario + kSmall + " -q --out " + d.string(), "SLURM_ARRAY_TASK_ID=1 ");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(fs::exists(d / "member-0001"));
  EXPECT_FALSE(fs::exists(d / "member-0000"));
  EXPECT_FALSE(fs::exists(d / "ensemble.json"));
  const auto all = run_peacesim(kScenario + kSmall + " --out " + d.string());
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("1 done already, 2 to run"), std::string::npos) << all.out;
  EXPECT_TRUE(fs::exists(d / "ensemble.json"));
  fs::remove_all(d);
}

TEST(EnsembleCommand, APosteriorGivesMembersItsDrawsTwoToADrawAndAFolderKeepsItsOwn) {
  const auto d = fresh("posterior");
  const auto file = fs::path(d.string() + ".yaml");
  const auto other = fs::path(d.string() + "-other.yaml");
  std::ofstream(file) << "posterior:\n  parameters: [legitimacy]\n  draws:\n"
                         "    - {weight: 1, values: [0.55]}\n    - {weight: 3, values: [0.95]}\n";
  std::ofstream(other)
      << "posterior:\n  parameters: [legitimacy]\n  draws:\n    - {weight: 1, values: [0.7]}\n";
  auto r = run_peacesim(kScenario +
                        " --runs 4 --set width=20 --set height=20 --set calendar.steps=20 -q --posterior " +
                        file.string() + " --out " + d.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Two draws resampled from weights 1:3 with one uniform: members 0-1 and 2-3 share one each.
  std::vector<std::string> legitimacy;
  for (int i = 0; i < 4; ++i) {
    const std::string manifest = read_file(d / ("member-000" + std::to_string(i)) / "manifest.json");
    const auto at = manifest.find("\"name\": \"legitimacy\"");
    ASSERT_NE(at, std::string::npos);
    const auto v = manifest.find("\"value\": ", at);
    legitimacy.push_back(manifest.substr(v + 9, 4));
  }
  EXPECT_EQ(legitimacy[0], legitimacy[1]);
  EXPECT_EQ(legitimacy[2], legitimacy[3]);
  EXPECT_EQ(legitimacy[3], "0.95");
  r = run_peacesim(kScenario +
                   " --runs 4 --set width=20 --set height=20 --set calendar.steps=20 -q --posterior " +
                   other.string() + " --out " + d.string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("posterior draws"), std::string::npos) << r.err;
  fs::remove_all(d);
  fs::remove(file);
  fs::remove(other);
}

TEST(EnsembleCommand, BadInputFailsCleanly) {
  const auto d = fresh("bad");
  const auto member = run_peacesim(kScenario + kSmall + " --member 5 --out " + d.string());
  EXPECT_EQ(member.exit_code, 2);
  EXPECT_NE(member.err.find("--member"), std::string::npos);

  ASSERT_EQ(run_peacesim(kScenario + kSmall + " -q --out " + d.string()).exit_code, 0);
  const auto other =
      run_peacesim("ensemble scenarios/examples/epstein_netlogo.yaml" + kSmall + " --out " + d.string());
  EXPECT_EQ(other.exit_code, 3);
  EXPECT_NE(other.err.find("scenario: scenarios/examples/epstein_mesa.yaml in the folder"), std::string::npos)
      << other.err;
  fs::remove_all(d);
}

}  // namespace
}  // namespace peacesim::testing
