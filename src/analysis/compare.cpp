#include "analysis/compare.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <set>
#include <stdexcept>

#include "engine/percentile.hpp"
#include "engine/simulation.hpp"
#include "engine/threads.hpp"

namespace peacesim::analysis {

namespace {

using engine::sample_mean;
using engine::sample_variance;

double t_quantile(double df) {
  if (!(df > 0.0)) return 0.0;
  return boost::math::quantile(boost::math::students_t(df), 0.95);
}

}  // namespace

void run_pairs_visiting(std::size_t n, const std::function<const Arm&(std::size_t)>& arm_of,
                        const std::function<std::uint64_t(std::size_t)>& seed_of, unsigned threads,
                        const std::function<void(std::size_t, const engine::Recorder&)>& visit,
                        const std::function<void()>& one_done, const std::atomic<bool>* stop) {
  std::vector<std::unique_ptr<engine::Model>> models(n);
  engine::side_by_side(
      n, threads, [&](std::size_t i) { models[i] = arm_of(i).make(seed_of(i)); },
      [&](std::size_t i) {
        engine::SimulationOptions o;
        o.seed = seed_of(i);
        o.threads = 1;
        o.stop = stop;
        engine::Simulation sim(*models[i], engine::Clock(arm_of(i).start, arm_of(i).end), o);
        if (!sim.run().completed) {
          if (stop != nullptr && *stop) throw Interrupted();
          throw std::runtime_error("a member stopped early");
        }
        visit(i, sim.recorder());
      },
      [&](std::size_t i) {
        models[i].reset();
        one_done();
      });
}

void run_points_visiting(const std::vector<Arm>& arms, const std::vector<std::uint64_t>& seeds,
                         unsigned threads,
                         const std::function<void(std::size_t, const engine::Recorder&)>& visit,
                         const std::function<void()>& one_done, const std::atomic<bool>* stop) {
  run_pairs_visiting(
      arms.size() * seeds.size(), [&](std::size_t i) -> const Arm& { return arms[i / seeds.size()]; },
      [&](std::size_t i) { return seeds[i % seeds.size()]; }, threads, visit, one_done, stop);
}

std::vector<Outcomes> run_points(const std::vector<Arm>& arms, const std::vector<std::uint64_t>& seeds,
                                 unsigned threads, const std::function<void()>& one_done) {
  std::vector<Outcomes> out(arms.size() * seeds.size());
  run_points_visiting(
      arms, seeds, threads, [&](std::size_t i, const engine::Recorder& run) { out[i] = outcomes_of(run); },
      one_done);
  return out;
}

std::vector<Outcomes> run_members(const Arm& arm, const std::vector<std::uint64_t>& seeds, unsigned threads,
                                  const std::function<void()>& one_done) {
  return run_points({arm}, seeds, threads, one_done);
}

MeanInterval mean_interval(const std::vector<double>& x) {
  MeanInterval m;
  m.mean = sample_mean(x);
  const double half = x.size() < 2
                          ? 0.0
                          : t_quantile(static_cast<double>(x.size() - 1)) *
                                std::sqrt(sample_variance(x, m.mean) / static_cast<double>(x.size()));
  m.low = m.mean - half;
  m.high = m.mean + half;
  return m;
}

Difference difference(const std::string& name, const std::vector<double>& base,
                      const std::vector<double>& variant, bool paired) {
  Difference d;
  d.outcome = name;
  d.base_mean = sample_mean(base);
  d.variant_mean = sample_mean(variant);
  d.mean = d.variant_mean - d.base_mean;
  if (paired) {
    if (base.size() != variant.size()) throw std::invalid_argument("paired samples must have the same size");
    std::vector<double> diff(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) diff[i] = variant[i] - base[i];
    d.n = diff.size();
    const double half = d.n > 1 ? t_quantile(static_cast<double>(d.n - 1)) *
                                      std::sqrt(sample_variance(diff, d.mean) / static_cast<double>(d.n))
                                : 0.0;
    d.low = d.mean - half;
    d.high = d.mean + half;
    return d;
  }
  // Welch: separate variances, Welch–Satterthwaite degrees of freedom.
  d.n = std::min(base.size(), variant.size());
  const double nb = static_cast<double>(base.size());
  const double nv = static_cast<double>(variant.size());
  const double sb = nb > 1 ? sample_variance(base, d.base_mean) / nb : 0.0;
  const double sv = nv > 1 ? sample_variance(variant, d.variant_mean) / nv : 0.0;
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

std::optional<double> paired_share(const std::vector<double>& x) {
  const std::size_t pairs = x.size() / 2;
  if (pairs < 2) return std::nullopt;
  const std::vector<double> used(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(2 * pairs));
  const double total = sample_variance(used, sample_mean(used));
  if (!(total > 0.0)) return std::nullopt;
  double within = 0.0;
  for (std::size_t j = 0; j < pairs; ++j)
    within += (used[2 * j] - used[2 * j + 1]) * (used[2 * j] - used[2 * j + 1]) / 2.0;
  within /= static_cast<double>(pairs);
  return std::clamp(1.0 - within / total, 0.0, 1.0);
}

std::optional<double> pairs_with_sign_of(const std::vector<double>& x, double overall) {
  const std::size_t pairs = x.size() / 2;
  if (pairs == 0) return std::nullopt;
  const auto sign = [](double v) { return (v > 0.0) - (v < 0.0); };
  std::size_t agree = 0;
  for (std::size_t j = 0; j < pairs; ++j) agree += sign(x[2 * j] + x[2 * j + 1]) == sign(overall) ? 1 : 0;
  return static_cast<double>(agree) / static_cast<double>(pairs);
}

Comparison compare(const Arm& base, const Arm& variant, const CompareOptions& options) {
  return compare(std::vector<Arm>(options.runs, base), std::vector<Arm>(options.runs, variant), options,
                 false);
}

Comparison compare(const std::vector<Arm>& base, const std::vector<Arm>& variant,
                   const CompareOptions& options, bool pairs_share_draws) {
  if (options.runs < 2) throw std::invalid_argument("a comparison needs at least 2 runs per scenario");
  if (base.size() != options.runs || variant.size() != options.runs)
    throw std::invalid_argument("a comparison needs an arm for every member");
  Comparison c;
  c.common_random_numbers = !options.independent;
  c.pairs_share_draws = pairs_share_draws;
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
  auto run_arm = [&](const std::vector<Arm>& arms, const std::vector<std::uint64_t>& seeds) {
    std::vector<Outcomes> out(arms.size());
    run_pairs_visiting(
        arms.size(), [&](std::size_t i) -> const Arm& { return arms[i]; },
        [&](std::size_t i) { return seeds[i]; }, options.threads,
        [&](std::size_t i, const engine::Recorder& run) { out[i] = outcomes_of(run); }, one_done);
    return out;
  };
  const auto b = run_arm(base, c.base_seeds);
  const auto v = run_arm(variant, c.variant_seeds);

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
    std::vector<double> xb, xv, diff;
    for (const auto& member : b) xb.push_back(value(member, name));
    for (const auto& member : v) xv.push_back(value(member, name));
    c.differences.push_back(difference(name, xb, xv, c.common_random_numbers));
    if (pairs_share_draws) {
      for (std::size_t i = 0; i < xb.size(); ++i) diff.push_back(xv[i] - xb[i]);
      auto& d = c.differences.back();
      d.parameter_share = paired_share(diff);
      d.sign_holds = pairs_with_sign_of(diff, d.mean);
      d.member_differences = diff;
    }
  }
  return c;
}

}  // namespace peacesim::analysis
