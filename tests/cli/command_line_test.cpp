// Issue 14, items 2, 3, 5 and 9 on the real binary: options do what their help says (`--seed` is
// the first seed of a multi-member command), numbers are read strictly and never wrap, every check
// that can be made before computing is made first, and the messages say what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("peacesim_cmdline_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

const std::string kEpstein =
    "scenarios/examples/epstein_mesa.yaml --set width=20 --set height=20 --set calendar.steps=20 ";

// A progress line ("compare: 10% (...)", "epstein-mesa: 100% (...)") means members ran.
bool computed(const CommandResult& r) {
  for (auto at = r.err.find("% ("); at != std::string::npos; at = r.err.find("% (", at + 1)) {
    if (at > 0 && r.err[at - 1] >= '0' && r.err[at - 1] <= '9') return true;
  }
  return false;
}

// --- The hostile command lines: tests/bad_inputs/command_lines.txt -----------------------------

struct BadCommandLine {
  int exit_code = 0;
  std::string args;
  std::string says;
  int line = 0;
};

void PrintTo(const BadCommandLine& c, std::ostream* os) { *os << "line " << c.line << ": " << c.args; }

std::vector<BadCommandLine> bad_command_lines() {
  std::ifstream in(fs::path(PEACESIM_SOURCE_DIR) / "tests" / "bad_inputs" / "command_lines.txt");
  std::vector<BadCommandLine> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto a = line.find(" | "), b = line.rfind(" | ");
    if (a == std::string::npos || a == b)
      throw std::runtime_error("command_lines.txt:" + std::to_string(number));
    out.push_back({std::stoi(line.substr(0, a)), line.substr(a + 3, b - a - 3), line.substr(b + 3), number});
  }
  return out;
}

class HostileCommandLine : public ::testing::TestWithParam<BadCommandLine> {};

// Each is refused with its exit code and message before anything is computed or written.
TEST_P(HostileCommandLine, IsRefusedBeforeAnyWork) {
  const auto& c = GetParam();
  const auto tmp = fresh("corpus_" + std::to_string(c.line));
  std::string args = c.args;
  for (std::size_t at; (at = args.find("$TMP")) != std::string::npos;) args.replace(at, 4, tmp.string());
  const auto r = run_peacesim(args);
  EXPECT_EQ(r.exit_code, c.exit_code) << "line " << c.line << ": " << args << "\n" << r.err;
  EXPECT_NE(r.err.find(c.says), std::string::npos) << "line " << c.line << ": " << args << "\n" << r.err;
  EXPECT_EQ(r.err.find("A subcommand is required"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "line " << c.line << " printed: " << r.out;
  EXPECT_FALSE(computed(r)) << "line " << c.line << ": members ran before the error\n" << r.err;
  EXPECT_TRUE(fs::is_empty(tmp)) << "line " << c.line << " left files in " << tmp;
  fs::remove_all(tmp);
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileCommandLine, ::testing::ValuesIn(bad_command_lines()),
                         [](const ::testing::TestParamInfo<BadCommandLine>& p) {
                           return "line" + std::to_string(p.param.line);
                         });

// --- Item 2: --seed in the multi-member commands is the first seed --------------------------------

TEST(CommandLine, SeedIsTheFirstSeedOfEnsembleCompareAndSweep) {
  const auto dir = fresh("seed");
  auto r = run_peacesim("ensemble " + kEpstein + "--runs 2 --seed 7 -q --out " + (dir / "e").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ensemble = nlohmann::json::parse(read_file(dir / "e/ensemble.json"));
  EXPECT_EQ(ensemble["first_seed"], 7);
  for (int i = 0; i < 2; ++i) {
    const auto manifest =
        nlohmann::json::parse(read_file(dir / "e" / ("member-000" + std::to_string(i)) / "manifest.json"));
    EXPECT_EQ(manifest["run"]["seed"], 7 + i);
    EXPECT_EQ(ensemble["members"][i]["seed"], 7 + i);
  }
  r = run_peacesim("compare scenarios/examples/epstein_mesa.yaml " + kEpstein +
                   "--runs 2 --seed 5 -q --out " + (dir / "c.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto compare = nlohmann::json::parse(read_file(dir / "c.json"));
  EXPECT_EQ(compare["base_seeds"], nlohmann::json::array({5, 6}));
  EXPECT_EQ(compare["variant_seeds"], nlohmann::json::array({5, 6}));
  r = run_peacesim("sweep " + kEpstein + "--param legitimacy=0.6:0.9 --points 2 --runs 1 --seed 3 -q --out " +
                   (dir / "s").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(read_file(dir / "s/sweep.json"))["first_seed"], 3);
  // --seed and --first-seed are one option: giving both is an error, not a silent choice.
  r = run_peacesim("ensemble " + kEpstein + "--runs 2 --seed 3 --first-seed 4 -q --out " +
                   (dir / "e2").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(fs::exists(dir / "e2"));
  fs::remove_all(dir);
}

// --- Item 3: a seed is read as the decimal number it is ------------------------------------------

TEST(CommandLine, ASeedWithLeadingZerosIsDecimalNotOctal) {
  const auto dir = fresh("octal");
  const auto r = run_peacesim("run " + kEpstein + "--seed 010 -q --out " + (dir / "r").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(read_file(dir / "r/manifest.json"))["run"]["seed"], 10);
  fs::remove_all(dir);
}

// --- Item 5: checks before work ------------------------------------------------------------------

TEST(CommandLine, RunRefusesADanglingSymlinkAsItsOutputBeforeRunning) {
  const auto dir = fresh("symlink");
  fs::create_symlink(dir / "nowhere", dir / "link");
  const auto r = run_peacesim("run " + kEpstein + "--out " + (dir / "link").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("already exists (as a symbolic link)"), std::string::npos) << r.err;
  EXPECT_FALSE(computed(r)) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link"));
  EXPECT_FALSE(fs::exists(dir / "nowhere"));
  fs::remove_all(dir);
}

TEST(CommandLine, OutputFilesAreCheckedBeforeTheRunsAreRead) {
  const auto dir = fresh("report");
  ASSERT_EQ(run_peacesim("run " + kEpstein + "-q --out " + (dir / "r").string()).exit_code, 0);
  for (const std::string& out :
       std::vector<std::string>{"/proc/peacesim-report.html", (dir / "no/such/folder/x.html").string()}) {
    const auto r = run_peacesim("report " + (dir / "r").string() + " --out " + out);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find(out + ": cannot be written"), std::string::npos) << r.err;
  }
  fs::create_symlink(dir / "nowhere.html", dir / "link.html");
  const auto r = run_peacesim("report " + (dir / "r").string() + " --out " + (dir / "link.html").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(fs::exists(dir / "nowhere.html")) << "written through a symbolic link";
  fs::remove_all(dir);
}

// --- Item 9: messages ----------------------------------------------------------------------------

TEST(CommandLine, VersionAndUnknownCommandsSayWhatTheyAre) {
  auto r = run_peacesim("--version");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("peacesim 0.1.0 (git ", 0), 0u) << r.out;
  EXPECT_EQ(run_peacesim("version").out, r.out);
  r = run_peacesim("frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.first_error_line().rfind(
                "peacesim: error: 'frobnicate' is not a peacesim command; the commands are run, ", 0),
            0u)
      << r.err;
  r = run_peacesim("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--version"), std::string::npos);
  EXPECT_EQ(r.out.find("nothing was written"), std::string::npos) << "exit 130 leaves a checkpoint";
  EXPECT_NE(r.out.find("130  interrupted (Ctrl-C or SIGTERM): no partial results; a run saved its state"),
            std::string::npos)
      << r.out;
  // Each multi-member command lists --seed as the first seed's other name.
  for (const char* command : {"ensemble", "compare", "sweep", "sensitivity", "calibrate"}) {
    r = run_peacesim(std::string(command) + " --help");
    EXPECT_NE(r.out.find("--first-seed,--seed"), std::string::npos) << command << "\n" << r.out;
  }
}

}  // namespace
}  // namespace peacesim::testing
