#include "cli/abc_fit.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "cli/json_file.hpp"
#include "cli/pattern_runs.hpp"

namespace peacesim::cli {

namespace {

// A member's seed from the fit's seed and where the member stands (splitmix64 on the mixed
// coordinates), below 2^63 as every seed is.
std::uint64_t member_seed(std::uint64_t seed, std::size_t population, std::size_t batch, std::size_t particle,
                          std::size_t member) {
  std::uint64_t x = seed;
  for (const std::uint64_t part :
       {static_cast<std::uint64_t>(population), static_cast<std::uint64_t>(batch),
        static_cast<std::uint64_t>(particle), static_cast<std::uint64_t>(member)}) {
    x += 0x9E3779B97F4A7C15ULL + part;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
  }
  return x >> 1;
}

}  // namespace

std::vector<validation::Pattern> patterns_within(const std::vector<validation::Pattern>& all,
                                                 engine::Date to) {
  std::vector<validation::Pattern> out;
  for (const auto& p : all) {
    const auto last = validation::last_date_needed({p});
    if (!last || *last <= to) out.push_back(p);
  }
  return out;
}

std::vector<double> particle_distances(const FitProblem& problem,
                                       const std::vector<std::vector<double>>& thetas, std::size_t population,
                                       std::size_t batch) {
  const std::size_t k = problem.members;
  std::vector<analysis::Arm> arms;
  for (const auto& theta : thetas) {
    analysis::Arm arm = arm_at(*problem.run, problem.ranges, theta);
    arm.end = std::min(arm.end, problem.to);  // nothing after the origin is run or seen
    arms.push_back(std::move(arm));
  }
  std::vector<validation::RunFigures> figures(thetas.size() * k);
  std::vector<std::vector<validation::PatternResult>> patterns(thetas.size() * k);
  analysis::run_pairs_visiting(
      thetas.size() * k, [&](std::size_t i) -> const analysis::Arm& { return arms[i / k]; },
      [&](std::size_t i) { return member_seed(problem.seed, population, batch, i / k, i % k); },
      problem.threads,
      [&](std::size_t i, const engine::Recorder& r) {
        figures[i] = validation::figures_of(r, problem.from, problem.to, problem.observed.regions);
        patterns[i] = check_patterns(problem.patterns, r);
      },
      [] {}, problem.stop);
  std::vector<double> distances;
  for (std::size_t p = 0; p < thetas.size(); ++p) {
    const std::vector<validation::RunFigures> mine(
        figures.begin() + static_cast<std::ptrdiff_t>(p * k),
        figures.begin() + static_cast<std::ptrdiff_t>((p + 1) * k));
    const auto result = validation::validate(mine, problem.observed, problem.from, problem.to,
                                             validation::BaselineMode::Rolling);
    const double metrics = static_cast<double>(result.at("metrics").size());
    double sum = validation::calibration_loss(result) * metrics;
    for (std::size_t q = 0; q < problem.patterns.size(); ++q) {
      double fails = 0.0;
      for (std::size_t m = 0; m < k; ++m) fails += patterns[p * k + m][q].holds ? 0.0 : 1.0;
      sum += fails / static_cast<double>(k);
    }
    const double terms = metrics + static_cast<double>(problem.patterns.size());
    distances.push_back(terms > 0 ? sum / terms : 0.0);
  }
  return distances;
}

void save_populations(const std::filesystem::path& path, const std::string& command,
                      const std::vector<analysis::abc::Population>& populations) {
  nlohmann::json j;
  j["command"] = command;
  j["populations"] = nlohmann::json::array();
  for (const auto& p : populations) {
    nlohmann::json particles = nlohmann::json::array();
    for (const auto& q : p.particles)
      particles.push_back({{"theta", q.theta}, {"weight", q.weight}, {"distance", q.distance}});
    j["populations"].push_back(
        {{"epsilon", std::isfinite(p.epsilon) ? nlohmann::json(p.epsilon) : nlohmann::json()},
         {"simulations", p.simulations},
         {"particles", particles}});
  }
  write_json_atomically(path, j);
}

std::vector<analysis::abc::Population> load_populations(const std::filesystem::path& path,
                                                        const std::string& command, std::size_t parameters) {
  if (!std::filesystem::exists(path)) return {};
  std::ifstream in(path);
  const auto damaged = [&](const std::string& why) {
    return validation::InputError(
        fmt::format("{}: not a checkpoint of this fit ({}); remove it to start over", path.string(), why));
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    throw damaged("not JSON");
  }
  try {
    if (j.at("command").get<std::string>() != command)
      throw damaged("it was made by another command: " + j.at("command").get<std::string>());
    std::vector<analysis::abc::Population> out;
    for (const auto& p : j.at("populations")) {
      analysis::abc::Population pop;
      pop.epsilon =
          p.at("epsilon").is_null() ? std::numeric_limits<double>::infinity() : p.at("epsilon").get<double>();
      pop.simulations = p.at("simulations").get<std::size_t>();
      for (const auto& q : p.at("particles")) {
        analysis::abc::Particle particle{q.at("theta").get<std::vector<double>>(),
                                         q.at("weight").get<double>(), q.at("distance").get<double>()};
        if (particle.theta.size() != parameters) throw damaged("a particle has the wrong number of values");
        pop.particles.push_back(std::move(particle));
      }
      out.push_back(std::move(pop));
    }
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw damaged(e.what());
  }
}

}  // namespace peacesim::cli
