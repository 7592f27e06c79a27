// Issue 14, items 1 and 4: an ensemble or a sweep is resumed only with exactly the inputs its
// members were made from (scenario, --set, scale, seeds, end date, peacesim version); any
// difference is refused with exit 3, named, and the folder is left as it was. Neither command
// writes into a folder that is not of its own kind, and a bad member number leaves no folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("peacesim_resume_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

// Every file under `dir` with its bytes: what a refused command must leave unchanged.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path());
    if (e.is_directory()) files[fs::relative(e.path(), dir).string() + "/"] = "";
  }
  return files;
}

const std::string kEpstein =
    "scenarios/examples/epstein_mesa.yaml --set width=20 --set height=20 --set calendar.steps=20 ";
const std::string kMaliFast = "scenarios/mali/mali.yaml --set calendar.end=2013-12-31 ";

TEST(Resume, AnEnsembleResumedWithOtherInputsIsRefusedAndNamesWhatDiffers) {
  const auto dir = fresh("ensemble");
  const std::string out = " --out " + dir.string();
  auto r = run_peacesim("ensemble " + kEpstein + "--runs 3 -q" + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::remove_all(dir / "member-0001");  // as if interrupted: a resume has a member to run
  const auto before = snapshot(dir);
  const struct {
    std::string args, says;
  } changes[] = {
      {"ensemble " + kEpstein + "--runs 3 --first-seed 7", "seeds (--first-seed): 1 in the folder, 7 asked"},
      {"ensemble " + kEpstein + "--runs 3 --seed 7", "seeds (--first-seed): 1 in the folder, 7 asked"},
      {"ensemble " + kEpstein + "--runs 3 --scale 50",
       "scale (--scale, people per agent): 1.0 in the folder, 50.0 asked"},
      {"ensemble " + kEpstein + "--runs 3 --set legitimacy=0.6", "overrides (--set):"},
      {"ensemble " + kEpstein + "--runs 3 --set calendar.steps=21", "overrides (--set):"},
      {"ensemble scenarios/examples/epstein_netlogo.yaml --set width=20 --set height=20 --set "
       "calendar.steps=20 "
       "--runs 3",
       "scenario: scenarios/examples/epstein_mesa.yaml in the folder, "
       "scenarios/examples/epstein_netlogo.yaml asked"},
  };
  for (const auto& c : changes) {
    r = run_peacesim(c.args + out);
    EXPECT_EQ(r.exit_code, 3) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find("made from other inputs"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_EQ(snapshot(dir), before) << c.args << ": the folder was changed";
  }
  // Another peacesim made it: refused too.
  auto stamp = nlohmann::json::parse(read_file(dir / "ensemble_inputs.json"));
  stamp["peacesim"] = "0.0.9 (git 0123456789ab)";
  std::ofstream(dir / "ensemble_inputs.json") << stamp.dump(1) << "\n";
  r = run_peacesim("ensemble " + kEpstein + "--runs 3" + out);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("peacesim version: 0.0.9 (git 0123456789ab) in the folder"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir / "member-0001"));
  fs::remove_all(dir);
}

// The case: an existing scale-1000 ensemble asked for again at another scale (or another
// end) returned its old merged file as if it were the new one.
TEST(Resume, AnotherScaleOrEndDateOnAFinishedEnsembleIsRefusedNotAnsweredWithTheOldFiles) {
  const auto dir = fresh("scale");
  const std::string out = " --out " + dir.string();
  auto r = run_peacesim("ensemble " + kMaliFast + "--scale 1000 --runs 2 -q" + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto before = snapshot(dir);
  r = run_peacesim("ensemble " + kMaliFast + "--scale 2000 --runs 2" + out);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("scale (--scale, people per agent): 1000.0 in the folder, 2000.0 asked"),
            std::string::npos)
      << r.err;
  r = run_peacesim("ensemble scenarios/mali/mali.yaml --set calendar.end=2013-06-30 --scale 1000 --runs 2" +
                   out);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("end date (calendar.end): 2013-12-31 in the folder, 2013-06-30 asked"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(snapshot(dir), before);
  fs::remove_all(dir);
}

TEST(Resume, AnEnsembleCanGrowButNotShrink) {
  const auto dir = fresh("grow");
  const std::string out = " --out " + dir.string();
  ASSERT_EQ(run_peacesim("ensemble " + kEpstein + "--runs 2 -q" + out).exit_code, 0);
  auto r = run_peacesim("ensemble " + kEpstein + "--runs 3" + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 done already, 1 to run"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(read_file(dir / "ensemble.json"));
  EXPECT_EQ(j["members"].size(), 3u);
  EXPECT_EQ(j["members"][2]["seed"], 3);
  // Cut back to 2, the folder would hold a member its ensemble.json leaves out.
  const auto before = snapshot(dir);
  r = run_peacesim("ensemble " + kEpstein + "--runs 2" + out);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("more than --runs 2"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(dir), before);
  fs::remove_all(dir);
}

TEST(Resume, ASweepResumedWithOtherInputsIsRefusedAndNamesWhatDiffers) {
  const auto dir = fresh("sweep");
  const std::string args =
      "sweep scenarios/examples/epstein_mesa.yaml --set calendar.steps=20 "
      "--param legitimacy=0.6:0.9 --points 2 --out " +
      dir.string();
  auto r = run_peacesim(args + " --runs 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::remove(dir / "points/point-0001.json");
  const auto before = snapshot(dir);
  const struct {
    std::string extra, says;
  } changes[] = {
      {" --runs 1 --scale 50", "scale (--scale, people per agent): 1.0 in the folder, 50.0 asked"},
      {" --runs 1 --set width=30", "overrides (--set):"},
      {" --runs 1 --first-seed 5", "seeds (--first-seed): 1 in the folder, 5 asked"},
      {" --runs 2", "members per point (--runs): 1 in the folder, 2 asked"},
  };
  for (const auto& c : changes) {
    r = run_peacesim(args + c.extra);
    EXPECT_EQ(r.exit_code, 3) << c.extra << "\n" << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.extra << "\n" << r.err;
    EXPECT_EQ(snapshot(dir), before) << c.extra << ": the folder was changed";
  }
  r = run_peacesim(args + " --runs 1");  // the same inputs resume
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 done already"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

TEST(Resume, EnsembleAndSweepWriteOnlyIntoAFolderOfTheirOwnKind) {
  const auto dir = fresh("kinds");
  const auto run = dir / "run", ensemble = dir / "ensemble", sweep = dir / "sweep";
  ASSERT_EQ(run_peacesim("run " + kEpstein + "-q --out " + run.string()).exit_code, 0);
  ASSERT_EQ(run_peacesim("ensemble " + kEpstein + "--runs 1 -q --out " + ensemble.string()).exit_code, 0);
  const std::string sweep_args =
      "sweep " + kEpstein + "--param legitimacy=0.6:0.9 --points 2 --runs 1 -q --out ";
  ASSERT_EQ(run_peacesim(sweep_args + sweep.string()).exit_code, 0);
  { std::ofstream(dir / "a-file") << "x\n"; }
  const auto before = snapshot(dir);
  const struct {
    std::string args, says;
  } refused[] = {
      {"ensemble " + kEpstein + "--runs 1 --out " + run.string(),
       "not an ensemble folder (no ensemble_inputs.json"},
      {"ensemble " + kEpstein + "--runs 1 --out " + sweep.string(), "not an ensemble folder"},
      {"ensemble " + kEpstein + "--runs 1 --out " + (dir / "a-file").string(), "exists and is not a folder"},
      {sweep_args + run.string(), "not a sweep folder (no sweep.json"},
      {sweep_args + ensemble.string(), "not a sweep folder"},
      {sweep_args + (dir / "a-file").string(), "exists and is not a folder"},
  };
  for (const auto& c : refused) {
    const auto r = run_peacesim(c.args);
    EXPECT_EQ(r.exit_code, 3) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
  }
  EXPECT_EQ(snapshot(dir), before) << "a refused command changed a folder";
  // validate still reads the run folder as a run, not as an ensemble.
  EXPECT_FALSE(fs::exists(run / "ensemble.json"));
  // An empty folder made beforehand is welcome.
  fs::create_directories(dir / "empty");
  const auto r = run_peacesim("ensemble " + kEpstein + "--runs 1 -q --out " + (dir / "empty").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  fs::remove_all(dir);
}

TEST(Resume, ABadMemberNumberLeavesNoFolder) {
  const auto dir = fresh("member");
  const std::string args = "ensemble " + kEpstein + "--runs 3 -q --out " + dir.string();
  for (const auto& [prefix, extra] : std::vector<std::pair<std::string, std::string>>{
           {"", " --member 3"},
           {"", " --member -1"},
           {"SLURM_ARRAY_TASK_ID=3 ", ""},
           {"SLURM_ARRAY_TASK_ID=-1 ", ""},
           {"SLURM_ARRAY_TASK_ID=1x ", ""},
           {"SLURM_ARRAY_TASK_ID=99999999999999999999999 ", ""}}) {
    const auto r = run_peacesim(args + extra, prefix);
    EXPECT_EQ(r.exit_code, 2) << prefix << extra << "\n" << r.err;
    EXPECT_FALSE(fs::exists(dir)) << prefix << extra << " left a folder";
    fs::remove_all(dir);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::testing
