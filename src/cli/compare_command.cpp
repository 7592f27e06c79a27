// `peacesim compare BASE VARIANT --runs N`: ensembles of two scenarios with common random numbers
// and the differences in their outcomes with 90 % intervals (analysis/compare.hpp).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "analysis/compare.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_file.hpp"
#include "cli/outcome_names.hpp"
#include "cli/posterior_file.hpp"
#include "cli/prepared_run.hpp"
#include "cli/progress.hpp"
#include "cli/seeds.hpp"
#include "output/output_error.hpp"
#include "peacesim/version.hpp"
#include "scenario/error.hpp"
#include "validation/metrics.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

namespace {

// The outcomes the table shows when none are asked for: the base scenario's headline outcomes
// where the model has them, else the first whole-run outcomes.
std::vector<std::string> default_outcomes(const analysis::Comparison& c, const scenario::Scenario& base) {
  std::vector<std::string> present;
  for (const auto& d : c.differences) present.push_back(d.outcome);
  return analysis::headline_outcomes(present, base.headline_outcomes);
}

std::string number(double x) {
  if (x != 0.0 && std::abs(x) < 10.0) return fmt::format("{:.3g}", x);
  return fmt::format("{:.0f}", x);
}

void write_json(const fs::path& path, const CompareOptions& options, const PreparedRun& base,
                const PreparedRun& variant, const analysis::Comparison& c,
                const std::map<std::string, std::vector<std::pair<std::string, double>>>& drivers) {
  nlohmann::json j;
  j["peacesim"] = kVersion;
  j["base"] = base.scenario.path.string();
  j["variant"] = variant.scenario.path.string();
  j["runs"] = options.runs;
  j["common_random_numbers"] = c.common_random_numbers;
  j["base_seeds"] = c.base_seeds;
  j["variant_seeds"] = c.variant_seeds;
  j["interval"] = "90 % Student-t (paired with common random numbers, Welch otherwise)";
  if (!options.posterior.empty()) {
    j["posterior"] = options.posterior;
    j["parameter_share"] =
        "share of each paired difference's variance explained by the posterior draws (members 2j and 2j+1 "
        "share a "
        "draw); the rest is chance. sign_holds: the share of the draws whose mean difference has the overall "
        "sign. "
        "spearman_with_parameters: rank correlation of the members' differences with each parameter's draws";
  }
  auto& rows = j["differences"];
  rows = nlohmann::json::array();
  for (const auto& d : c.differences) {
    rows.push_back(
        {{"outcome", d.outcome},
         {"base_mean", d.base_mean},
         {"variant_mean", d.variant_mean},
         {"difference", d.mean},
         {"low", d.low},
         {"high", d.high},
         {"n", d.n},
         {"parameter_share", d.parameter_share ? nlohmann::json(*d.parameter_share) : nlohmann::json()},
         {"sign_holds", d.sign_holds ? nlohmann::json(*d.sign_holds) : nlohmann::json()}});
    if (const auto it = drivers.find(d.outcome); it != drivers.end()) {
      nlohmann::json rho = nlohmann::json::object();
      for (const auto& [name, r] : it->second) rho[name] = r;
      rows.back()["spearman_with_parameters"] = rho;
    }
  }
  write_json_atomically(path, j);
}

}  // namespace

int compare_command(const CompareOptions& options) {
  // Everything that can be checked is checked before any member runs: seeds, the output file,
  // both scenarios, a model of each, and the outcomes asked for.
  (void)member_seeds(options.first_seed, options.independent ? 2 * options.runs : options.runs,
                     "--first-seed");
  if (!options.out.empty()) check_output_file(options.out);
  const scenario::LoadOptions load_base{options.base.overrides, std::nullopt, options.base.scale};
  const scenario::LoadOptions load_variant{options.variant_overrides, std::nullopt, options.base.scale};
  PreparedRun base = prepare(options.base.scenario, load_base);
  PreparedRun variant = prepare(options.variant, load_variant);
  // Both arms start their forecasts alike: the variant's origin (or none) is the experiment's. A
  // counterfactual that changes history before the base's origin must not be set to what was
  // observed then (that happened under the history it changes): its file says
  // calendar.forecast_origin: none, and the base follows.
  if (base.scenario.forecast_origin != variant.scenario.forecast_origin) {
    scenario::LoadOptions aligned = load_base;
    aligned.overrides.push_back("calendar.forecast_origin=" + (variant.scenario.forecast_origin
                                                                   ? variant.scenario.forecast_origin->iso()
                                                                   : std::string("none")));
    base = prepare(options.base.scenario, aligned);
    if (!options.quiet)
      fmt::print(stderr,
                 "peacesim: note: the base takes the variant's forecast origin ({}): both arms start alike\n",
                 variant.scenario.forecast_origin ? variant.scenario.forecast_origin->iso() : "none");
  }
  if (base.model != variant.model) {  // the models themselves: a name and its alias are one model
    throw scenario::ScenarioError(variant.scenario.root.where(), "model",
                                  "is '" + variant.scenario.model + "' but the base scenario's is '" +
                                      base.scenario.model + "': compare needs the same model");
  }
  auto arm = [](const PreparedRun& p) {
    analysis::Arm a;
    a.start = p.scenario.start;
    a.end = p.scenario.end;
    a.make = [&p](std::uint64_t seed) {
      return p.model->make(
          models::ModelInput{p.parameters, p.scenario, seed, 1, p.scenario.people_per_agent});
    };
    return a;
  };
  const analysis::Arm base_arm = arm(base);
  const analysis::Arm variant_arm = arm(variant);
  // Building one model of each checks both scenarios' own sections before anything runs; the
  // outcomes compared are those both arms have.
  {
    const auto base_model = base_arm.make(options.first_seed);
    const auto variant_model = variant_arm.make(options.first_seed);
    check_has_agents(*base_model, base.scenario);
    check_has_agents(*variant_model, variant.scenario);
    if (!options.outcomes.empty()) {
      const auto in_base = analysis::outcome_names(*base_model, base_arm.start, base_arm.end);
      const auto in_variant = analysis::outcome_names(*variant_model, variant_arm.start, variant_arm.end);
      std::set<std::string> in_both;
      for (const auto& name : in_base) {
        if (in_variant.count(name)) in_both.insert(name);
      }
      check_outcomes(options.outcomes, in_both);
    }
  }

  Progress progress(Progress::style_for(stderr, options.quiet), "compare");
  analysis::CompareOptions o;
  o.runs = options.runs;
  o.first_seed = options.first_seed;
  o.independent = options.independent;
  o.threads = options.threads;
  o.on_progress = [&](std::size_t done, std::size_t total) {
    progress.update(static_cast<std::uint32_t>(done), static_cast<std::uint32_t>(total));
  };
  analysis::Comparison c;
  std::optional<Posterior> posterior_used;
  std::vector<std::size_t> member_draw;
  if (options.posterior.empty()) {
    c = analysis::compare(base_arm, variant_arm, o);
  } else {
    // Member i of both scenarios takes the same draw and the same seed; members come in pairs that
    // share a draw, so that each difference's spread splits into the draws' part and chance.
    // Read against the base; the variant has the same model (checked above), so the same parameters.
    const Posterior posterior = read_posterior(options.posterior, base);
    const auto draws = member_draws(posterior, options.runs, options.first_seed);
    // A parameter the variant itself changes keeps the variant's value: that change is the question.
    std::vector<std::string> variant_own;
    for (const auto& name : posterior.names) {
      if (variant.parameters.value(name) != base.parameters.value(name)) variant_own.push_back(name);
    }
    std::vector<analysis::Arm> base_arms, variant_arms;
    for (const std::size_t d : draws) {
      base_arms.push_back(arm_with_draw(base, posterior, d));
      variant_arms.push_back(arm_with_draw(variant, posterior, d, variant_own));
    }
    for (const auto& name : variant_own) {
      if (!options.quiet)
        fmt::print(stderr, "  {}: the variant's own value {} is kept; the base takes the posterior's draws\n",
                   name, variant.parameters.value(name));
    }
    c = analysis::compare(base_arms, variant_arms, o, true);
    posterior_used = posterior;
    member_draw = draws;
  }
  // Which parameter drives each difference's spread: Spearman's ρ between the members' differences
  // and their draws' values, for each parameter of the posterior.
  std::map<std::string, std::vector<std::pair<std::string, double>>> drivers;
  if (posterior_used) {
    for (const auto& d : c.differences) {
      for (std::size_t k = 0; k < posterior_used->names.size(); ++k) {
        std::vector<double> values;
        for (const std::size_t draw : member_draw) values.push_back(posterior_used->values[draw][k]);
        if (const auto rho = validation::spearman(d.member_differences, values))
          drivers[d.outcome].emplace_back(posterior_used->names[k], *rho);
      }
      std::stable_sort(drivers[d.outcome].begin(), drivers[d.outcome].end(),
                       [](const auto& a, const auto& b) { return std::abs(a.second) > std::abs(b.second); });
    }
  }
  progress.finish();

  std::vector<std::string> shown =
      options.outcomes.empty() ? default_outcomes(c, base.scenario) : options.outcomes;
  std::map<std::string, const analysis::Difference*> by_name;
  for (const auto& d : c.differences) by_name[d.outcome] = &d;
  for (const auto& name : shown) {
    if (!by_name.count(name)) {
      throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--outcome",
                                    "'" + name +
                                        "' is not an outcome of these runs (see the JSON output "
                                        "for all of them: SERIES[REGION] or SERIES[REGION]@YEAR)");
    }
  }
  if (!options.quiet) {
    fmt::print("\n{} vs {}: {} runs each, {}\n", base.scenario.path.string(), variant.scenario.path.string(),
               options.runs,
               c.common_random_numbers ? "common random numbers (paired seeds)" : "independent seeds");
    std::size_t width = 7;
    for (const auto& name : shown) width = std::max(width, name.size());
    const bool shares = c.pairs_share_draws;
    fmt::print("\n  {:<{}}  {:>12}  {:>12}  {:>12}  {:>25}{}\n", "outcome", width, "base", "variant",
               "difference", "90 % interval",
               shares ? "  from parameters  sign holds  driven most by (Spearman ρ)" : "");
    for (const auto& name : shown) {
      const auto& d = *by_name[name];
      const bool clear = d.low > 0.0 || d.high < 0.0;
      std::string share;
      if (shares) {
        share = d.parameter_share ? fmt::format("  {:>15.0f} %", 100.0 * *d.parameter_share)
                                  : fmt::format("  {:>17}", "-");
        share +=
            d.sign_holds ? fmt::format("  {:>8.0f} %", 100.0 * *d.sign_holds) : fmt::format("  {:>10}", "-");
        const auto& top = drivers[name];
        share += top.empty() ? std::string("  -")
                             : fmt::format("  {} ({:+.2f})", top.front().first, top.front().second);
      }
      fmt::print("  {:<{}}  {:>12}  {:>12}  {:>12}  {:>25}{}{}\n", name, width, number(d.base_mean),
                 number(d.variant_mean), number(d.mean),
                 fmt::format("[{}, {}]", number(d.low), number(d.high)), share, clear ? "  *" : "");
    }
    fmt::print("\n  * the interval excludes 0. Means over members; differences variant − base.\n");
    if (shares)
      fmt::print(
          "  Parameters from the posterior {} (two members to a draw): 'from parameters' is the share of "
          "each\n"
          "  difference's variance between the draws (the rest is chance); 'sign holds' the share of the "
          "draws whose\n"
          "  mean difference has the overall sign; 'driven most by' the parameter whose draws rank-correlate "
          "most\n"
          "  with the members' differences.\n",
          options.posterior);
  }
  if (!options.out.empty()) {
    write_json(options.out, options, base, variant, c, drivers);
    if (!options.quiet) fmt::print("  All {} outcomes in {}\n", c.differences.size(), options.out);
  }
  return kOk;
}

}  // namespace peacesim::cli
