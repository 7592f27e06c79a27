// The subcommands of `peacesim`. Each returns an exit code (see exit_codes.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/registry.hpp"

namespace peacesim::cli {

struct ScenarioOptions {
  std::string scenario;
  std::vector<std::string> overrides;  // --set
  std::optional<std::uint64_t> seed;
  std::optional<double> scale;
};

struct RunOptions {
  ScenarioOptions input;
  std::string out;  // empty: runs/<name>-seed<seed>, made unique
  unsigned threads = 1;
  bool quiet = false;
};

using DescribeFormat = models::DescribeFormat;

int run_command(const RunOptions& options);
int check_command(const ScenarioOptions& options);
int describe_command(const ScenarioOptions& options, DescribeFormat format);
int version_command();

}  // namespace peacesim::cli
