#include "cli/posterior_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "cli/parameter_ranges.hpp"
#include "engine/random.hpp"
#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "scenario/yaml_source.hpp"

namespace peacesim::cli {

namespace {
constexpr engine::StreamId kResampling = 0xD7A3;  // the posterior's resampling stream
}

Posterior read_posterior(const std::filesystem::path& file, const PreparedRun& run) {
  const scenario::Node root = scenario::parse_yaml_file(file);
  scenario::MapReader top(root, "");
  top.accept("parameters");  // the posterior means, for `include:`
  const scenario::Node& section = top.required("posterior");
  top.finish();
  scenario::MapReader r(section, "posterior");
  for (const char* key :
       {"method", "command", "from", "members_per_particle", "patterns_in_distance", "populations"})
    r.accept(key);
  Posterior out;
  out.file = file.string();
  out.origin = r.optional_date("origin");
  const scenario::Node& names = r.required("parameters");
  if (!names.is_sequence() || names.items().empty())
    throw scenario::ScenarioError(names.where(), r.field("parameters"), "expected a list of parameter names");
  std::vector<engine::ParameterSpec> specs;
  for (std::size_t k = 0; k < names.items().size(); ++k) {
    const std::string field = fmt::format("posterior.parameters[{}]", k);
    const std::string name = scenario::read_string(names.items()[k], field);
    const auto* spec = run.parameters.find(name);
    if (spec == nullptr)
      throw scenario::ScenarioError(names.items()[k].where(), field,
                                    "'" + name + "' is not a parameter of model " + run.scenario.model);
    specs.push_back(*spec);
    out.names.push_back(name);
  }
  const scenario::Node& draws = r.required("draws");
  if (!draws.is_sequence() || draws.items().empty())
    throw scenario::ScenarioError(draws.where(), r.field("draws"), "expected a list of weighted draws");
  double total = 0.0;
  for (std::size_t d = 0; d < draws.items().size(); ++d) {
    const std::string field = fmt::format("posterior.draws[{}]", d);
    scenario::MapReader draw(draws.items()[d], field);
    const double w = draw.number("weight");
    if (!(w > 0.0) || !std::isfinite(w))
      throw scenario::ScenarioError(draw.required("weight").where(), draw.field("weight"),
                                    "must be positive");
    (void)draw.optional_number("distance");
    const scenario::Node& values = draw.required("values");
    if (!values.is_sequence() || values.items().size() != out.names.size())
      throw scenario::ScenarioError(values.where(), draw.field("values"),
                                    fmt::format("expected {} values, one per parameter", out.names.size()));
    std::vector<double> v;
    for (std::size_t k = 0; k < values.items().size(); ++k) {
      const std::string vf = fmt::format("{}.values[{}]", field, k);
      const double x = scenario::read_number(values.items()[k], vf);
      if (const auto why = engine::check_value(specs[k], x))
        throw scenario::ScenarioError(values.items()[k].where(), vf, out.names[k] + ": " + *why);
      v.push_back(x);
    }
    draw.finish();
    out.weights.push_back(w);
    out.values.push_back(std::move(v));
    total += w;
  }
  r.finish();
  for (double& w : out.weights) w /= total;
  return out;
}

std::vector<std::size_t> member_draws(const Posterior& posterior, std::size_t members, std::uint64_t seed) {
  const std::size_t n = (members + 1) / 2;
  auto draws = engine::RandomDraws(seed, kResampling, 0, 0);
  const double u = draws.uniform();
  std::vector<std::size_t> picked;
  double cumulative = 0.0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double target = (u + static_cast<double>(i)) / static_cast<double>(n);
    while (j + 1 < posterior.weights.size() && cumulative + posterior.weights[j] <= target)
      cumulative += posterior.weights[j++];
    picked.push_back(j);
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < members; ++i) out.push_back(picked[i / 2]);
  return out;
}

engine::ParameterSet parameters_with_draw(const PreparedRun& run, const Posterior& posterior,
                                          std::size_t draw, const std::vector<std::string>& keep) {
  engine::ParameterSet parameters = run.parameters;
  for (std::size_t k = 0; k < posterior.names.size(); ++k) {
    if (std::find(keep.begin(), keep.end(), posterior.names[k]) != keep.end()) continue;
    parameters.set(posterior.names[k], posterior.values[draw][k],
                   {posterior.file, fmt::format("posterior draw {}", draw)});
  }
  return parameters;
}

analysis::Arm arm_with_draw(const PreparedRun& run, const Posterior& posterior, std::size_t draw,
                            const std::vector<std::string>& keep) {
  return arm_with(run, parameters_with_draw(run, posterior, draw, keep));
}

}  // namespace peacesim::cli
