#include "analysis/compare.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>

#include "engine/simulation.hpp"
#include "engine/threads.hpp"

namespace peacesim::analysis {

namespace {

double mean_of(const std::vector<double>& x) {
  return x.empty() ? 0.0 : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double variance_of(const std::vector<double>& x, double m) {
  if (x.size() < 2) return 0.0;
  double s = 0.0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size() - 1);
}

double t_quantile(double df) {
  if (!(df > 0.0)) return 0.0;
  return boost::math::quantile(boost::math::students_t(df), 0.95);
}

// Runs the members of one arm, side by side (engine/threads.hpp), each on one thread.
std::vector<Outcomes> run_arm(const Arm& arm, const std::vector<std::uint64_t>& seeds, unsigned threads,
                              const std::function<void()>& one_done) {
  std::vector<Outcomes> out(seeds.size());
  std::vector<std::unique_ptr<engine::Model>> models(seeds.size());
  engine::side_by_side(
      seeds.size(), threads, [&](std::size_t i) { models[i] = arm.make(seeds[i]); },
      [&](std::size_t i) {
        engine::SimulationOptions o;
        o.seed = seeds[i];
        o.threads = 1;
        engine::Simulation sim(*models[i], engine::Clock(arm.start, arm.end), o);
        if (!sim.run().completed) throw std::runtime_error("a member stopped early");
        out[i] = outcomes_of(sim.recorder());
      },
      [&](std::size_t i) {
        models[i].reset();
        one_done();
      });
  return out;
}

}  // namespace

Difference difference(const std::string& name, const std::vector<double>& base,
                      const std::vector<double>& variant, bool paired) {
  Difference d;
  d.outcome = name;
  d.base_mean = mean_of(base);
  d.variant_mean = mean_of(variant);
  d.mean = d.variant_mean - d.base_mean;
  if (paired) {
    if (base.size() != variant.size()) throw std::invalid_argument("paired samples must have the same size");
    std::vector<double> diff(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) diff[i] = variant[i] - base[i];
    d.n = diff.size();
    const double half = d.n > 1 ? t_quantile(static_cast<double>(d.n - 1)) *
                                      std::sqrt(variance_of(diff, d.mean) / static_cast<double>(d.n))
                                : 0.0;
    d.low = d.mean - half;
    d.high = d.mean + half;
    return d;
  }
  // Welch: separate variances, Welch–Satterthwaite degrees of freedom.
  d.n = std::min(base.size(), variant.size());
  const double nb = static_cast<double>(base.size());
  const double nv = static_cast<double>(variant.size());
  const double sb = nb > 1 ? variance_of(base, d.base_mean) / nb : 0.0;
  const double sv = nv > 1 ? variance_of(variant, d.variant_mean) / nv : 0.0;
  const double se2 = sb + sv;
  double half = 0.0;
  if (se2 > 0.0) {
    const double df = se2 * se2 / ((nb > 1 ? sb * sb / (nb - 1) : 0.0) + (nv > 1 ? sv * sv / (nv - 1) : 0.0));
    half = t_quantile(df) * std::sqrt(se2);
  }
  d.low = d.mean - half;
  d.high = d.mean + half;
  return d;
}

Comparison compare(const Arm& base, const Arm& variant, const CompareOptions& options) {
  if (options.runs < 2) throw std::invalid_argument("a comparison needs at least 2 runs per scenario");
  Comparison c;
  c.common_random_numbers = !options.independent;
  for (std::size_t i = 0; i < options.runs; ++i) {
    c.base_seeds.push_back(options.first_seed + i);
    c.variant_seeds.push_back(options.first_seed + (options.independent ? options.runs : 0) + i);
  }
  std::size_t done = 0;
  const std::size_t total = 2 * options.runs;
  auto one_done = [&] {
    ++done;
    if (options.on_progress) options.on_progress(done, total);
  };
  const auto b = run_arm(base, c.base_seeds, options.threads, one_done);
  const auto v = run_arm(variant, c.variant_seeds, options.threads, one_done);

  std::set<std::string> names;
  for (const auto& member : b) {
    for (const auto& [name, value] : member) names.insert(name);
  }
  std::set<std::string> in_variant;
  for (const auto& member : v) {
    for (const auto& [name, value] : member) in_variant.insert(name);
  }
  auto value = [](const Outcomes& o, const std::string& name) {
    const auto it = o.find(name);
    return it == o.end() ? 0.0 : it->second;
  };
  for (const auto& name : names) {
    if (!in_variant.count(name)) continue;
    std::vector<double> xb, xv;
    for (const auto& member : b) xb.push_back(value(member, name));
    for (const auto& member : v) xv.push_back(value(member, name));
    c.differences.push_back(difference(name, xb, xv, c.common_random_numbers));
  }
  return c;
}

}  // namespace peacesim::analysis
