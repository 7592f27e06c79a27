// A posterior written by `peacesim fit` (its `posterior:` section: parameter names and weighted
// draws), read for `ensemble --posterior` and `compare --posterior`: the members' parameters come
// from draws resampled by weight, two members to a draw, so that each outcome's spread can be
// split between the parameters (between the pairs) and chance (within them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "cli/prepared_run.hpp"

namespace peacesim::cli {

struct Posterior {
  std::string file;
  std::vector<std::string> names;           // the parameters, in the draws' order
  std::vector<double> weights;              // normalized
  std::vector<std::vector<double>> values;  // values[draw][parameter]
  std::optional<engine::Date> origin;       // the last date of the observations it was fitted on
};

// Throws scenario::ScenarioError naming the file, line and field: not a posterior, a parameter the
// model does not declare, a value outside its declared range, a weight that is not positive.
Posterior read_posterior(const std::filesystem::path& file, const PreparedRun& run);

// The draw of each of `members` members: ceil(members / 2) draws resampled systematically by weight
// (one uniform from the seed), member i taking draw number i / 2 of them.
std::vector<std::size_t> member_draws(const Posterior& posterior, std::size_t members, std::uint64_t seed);

// The run's parameters with a draw's values (those named in `keep` keep the run's own).
engine::ParameterSet parameters_with_draw(const PreparedRun& run, const Posterior& posterior,
                                          std::size_t draw, const std::vector<std::string>& keep = {});

// The run's scenario with a draw's values, as an arm; the parameters named in `keep` keep the run's
// own values (a variant's own change to a parameter the posterior also holds).
analysis::Arm arm_with_draw(const PreparedRun& run, const Posterior& posterior, std::size_t draw,
                            const std::vector<std::string>& keep = {});

}  // namespace peacesim::cli
