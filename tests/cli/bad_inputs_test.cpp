// Every file in tests/bad_inputs/ must be rejected with exit code 2, with exactly the one-line
// error in its .expected file (file, line, column, field), and without writing anything.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> bad_inputs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(PEACESIM_SOURCE_DIR) / "tests" / "bad_inputs")) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, IsRejectedWithItsExpectedMessageAndWritesNothing) {
  const std::string name = GetParam();
  const fs::path expected_file =
      fs::path(PEACESIM_SOURCE_DIR) / "tests" / "bad_inputs" / (name + ".expected");
  ASSERT_TRUE(fs::exists(expected_file)) << "missing " << expected_file;
  std::string expected = read_file(expected_file);
  expected = expected.substr(0, expected.find('\n'));

  const fs::path out_parent = fs::temp_directory_path() / ("peacesim_bad_input_" + name);
  fs::remove_all(out_parent);
  fs::create_directories(out_parent);
  for (const char* command : {"run", "check", "describe"}) {
    std::string args = std::string(command) + " tests/bad_inputs/" + name + ".yaml";
    if (std::string(command) == "run") args += " --out '" + (out_parent / "out").string() + "'";
    const CommandResult r = run_peacesim(args);
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
    EXPECT_EQ(r.first_error_line(), "peacesim: error: " + expected) << command;
    EXPECT_TRUE(r.out.empty()) << command << " printed: " << r.out;
  }
  EXPECT_TRUE(fs::is_empty(out_parent)) << "a failed run left files in " << out_parent;
  fs::remove_all(out_parent);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(bad_inputs()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(BadCommandLine, MissingScenarioFile) {
  const CommandResult r = run_peacesim("run tests/bad_inputs/does_not_exist.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.first_error_line(), "peacesim: error: tests/bad_inputs/does_not_exist.yaml: file not found");
}

TEST(BadCommandLine, MalformedSetOverride) {
  const CommandResult r =
      run_peacesim("check scenarios/examples/epstein_mesa.yaml --set parameters.legitimacy");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.first_error_line(),
            "peacesim: error: <command line>: --set expects FIELD=VALUE, got 'parameters.legitimacy'");
}

TEST(BadCommandLine, OverrideWithWrongTypeNamesTheCommandLine) {
  const CommandResult r = run_peacesim("check scenarios/examples/epstein_mesa.yaml --set legitimacy=high");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.first_error_line(),
      "peacesim: error: <command line: --set parameters.legitimacy>: field 'parameters.legitimacy': expected "
      "a number, got 'high'");
}

TEST(BadCommandLine, UnknownOptionAndMissingSubcommand) {
  EXPECT_EQ(run_peacesim("run scenarios/examples/epstein_mesa.yaml --sede 3").exit_code, 2);
  EXPECT_EQ(run_peacesim("").exit_code, 2);
  EXPECT_EQ(run_peacesim("run scenarios/examples/epstein_mesa.yaml --threads -1").exit_code, 2);
}

}  // namespace
}  // namespace peacesim::testing
