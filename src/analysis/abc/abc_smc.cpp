#include "analysis/abc/abc_smc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/percentile.hpp"
#include "engine/random.hpp"

namespace peacesim::analysis::abc {

namespace {

using Matrix = std::vector<std::vector<double>>;  // small and dense: a few dozen parameters at most

constexpr engine::StreamId kStream = 0xABC5;  // the proposals' stream (a fit's own seeds)

// Σ = 2 · the weighted covariance of the population (Beaumont et al. 2009, §3), with a little
// added to the diagonal so that a parameter on which the particles agree still moves.
Matrix kernel_covariance(const Population& p, const Box& prior) {
  const std::size_t k = prior.size();
  const auto mean = weighted_mean(p);
  Matrix s(k, std::vector<double>(k, 0.0));
  for (const auto& particle : p.particles) {
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b)
        s[a][b] += particle.weight * (particle.theta[a] - mean[a]) * (particle.theta[b] - mean[b]);
    }
  }
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) s[a][b] *= 2.0;
    const double range = prior.high[a] - prior.low[a];
    s[a][a] += 1e-10 * range * range;
  }
  return s;
}

// The lower-triangular L with L Lᵀ = s; adds to the diagonal until s is positive definite (a
// population whose particles lie on a line).
Matrix cholesky(Matrix s) {
  const std::size_t k = s.size();
  for (int attempt = 0;; ++attempt) {
    Matrix l(k, std::vector<double>(k, 0.0));
    bool ok = true;
    for (std::size_t i = 0; i < k && ok; ++i) {
      for (std::size_t j = 0; j <= i; ++j) {
        double sum = s[i][j];
        for (std::size_t m = 0; m < j; ++m) sum -= l[i][m] * l[j][m];
        if (i == j) {
          if (!(sum > 0.0)) {
            ok = false;
            break;
          }
          l[i][i] = std::sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    if (ok) return l;
    if (attempt > 60) throw std::runtime_error("ABC-SMC: the kernel's covariance is not positive definite");
    for (std::size_t i = 0; i < k; ++i) s[i][i] = s[i][i] * 2.0 + 1e-300;
  }
}

// ½ |L⁻¹ x|²: the exponent of the Gaussian kernel at x (forward substitution).
double half_mahalanobis(const Matrix& l, const std::vector<double>& x) {
  const std::size_t k = x.size();
  std::vector<double> z(k);
  double q = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    double v = x[i];
    for (std::size_t m = 0; m < i; ++m) v -= l[i][m] * z[m];
    z[i] = v / l[i][i];
    q += z[i] * z[i];
  }
  return 0.5 * q;
}

std::vector<double> from_prior(const Box& prior, engine::RandomDraws& draws) {
  std::vector<double> theta(prior.size());
  for (std::size_t a = 0; a < prior.size(); ++a)
    theta[a] = prior.low[a] + draws.uniform() * (prior.high[a] - prior.low[a]);
  return theta;
}

std::size_t pick(const Population& p, engine::RandomDraws& draws) {
  double u = draws.uniform(), cumulative = 0.0;
  for (std::size_t j = 0; j < p.particles.size(); ++j) {
    cumulative += p.particles[j].weight;
    if (u < cumulative) return j;
  }
  return p.particles.size() - 1;
}

// N proposals inside the prior's support: a particle of the previous population moved by the kernel.
std::vector<std::vector<double>> propose(const Population& previous, const Matrix& l, const Box& prior,
                                         std::size_t n, engine::RandomDraws& draws) {
  std::vector<std::vector<double>> out;
  const std::size_t k = prior.size();
  std::size_t tries = 0;
  while (out.size() < n) {
    if (++tries > 10000 * n)
      throw std::runtime_error("ABC-SMC: the kernel leaves the prior's box almost always");
    const auto& base = previous.particles[pick(previous, draws)].theta;
    std::vector<double> normal(k), theta(k);
    for (auto& x : normal) x = draws.standard_normal();
    for (std::size_t i = 0; i < k; ++i) {
      theta[i] = base[i];
      for (std::size_t m = 0; m <= i; ++m) theta[i] += l[i][m] * normal[m];
    }
    if (prior.contains(theta)) out.push_back(std::move(theta));
  }
  return out;
}

// w_i ∝ 1 / Σ_j w_j K(θ_i − θ_j), in logarithms so that distant particles do not underflow.
void reweight(Population& next, const Population& previous, const Matrix& l) {
  std::vector<double> log_w(next.particles.size());
  std::vector<double> terms(previous.particles.size());
  std::vector<double> x(next.particles.empty() ? 0 : next.particles.front().theta.size());
  for (std::size_t i = 0; i < next.particles.size(); ++i) {
    for (std::size_t j = 0; j < previous.particles.size(); ++j) {
      for (std::size_t a = 0; a < x.size(); ++a)
        x[a] = next.particles[i].theta[a] - previous.particles[j].theta[a];
      terms[j] = std::log(previous.particles[j].weight) - half_mahalanobis(l, x);
    }
    const double top = *std::max_element(terms.begin(), terms.end());
    double sum = 0.0;
    for (const double t : terms) sum += std::exp(t - top);
    log_w[i] = -(top + std::log(sum));
  }
  const double top = *std::max_element(log_w.begin(), log_w.end());
  double total = 0.0;
  for (std::size_t i = 0; i < log_w.size(); ++i) {
    next.particles[i].weight = std::exp(log_w[i] - top);
    total += next.particles[i].weight;
  }
  for (auto& p : next.particles) p.weight /= total;
}

void check(const Box& prior, const Settings& s) {
  if (prior.size() == 0 || prior.high.size() != prior.low.size())
    throw std::invalid_argument(
        "ABC-SMC: the prior needs at least one parameter, with a low and a high bound");
  for (std::size_t a = 0; a < prior.size(); ++a) {
    if (!(prior.low[a] < prior.high[a]))
      throw std::invalid_argument(
          fmt::format("ABC-SMC: parameter {}'s low bound is not below its high bound", a));
  }
  if (s.particles < 2) throw std::invalid_argument("ABC-SMC: at least 2 particles");
  if (!(s.quantile > 0.0 && s.quantile < 1.0))
    throw std::invalid_argument("ABC-SMC: the quantile lies in (0, 1)");
  if (s.populations == 0) throw std::invalid_argument("ABC-SMC: at least one population");
}

}  // namespace

bool Box::contains(const std::vector<double>& theta) const {
  for (std::size_t a = 0; a < theta.size(); ++a) {
    if (theta[a] < low[a] || theta[a] > high[a]) return false;
  }
  return true;
}

double Population::acceptance() const {
  return simulations == 0 ? 0.0 : static_cast<double>(particles.size()) / static_cast<double>(simulations);
}

double Population::effective_sample_size() const {
  double s = 0.0;
  for (const auto& p : particles) s += p.weight * p.weight;
  return s > 0.0 ? 1.0 / s : 0.0;
}

std::string describe(Stop stop) {
  switch (stop) {
    case Stop::Populations:
      return "every population was made";
    case Stop::Budget:
      return "the budget of simulations ran out";
    case Stop::Acceptance:
      return "the acceptance rate fell below its floor";
    case Stop::Interrupted:
      return "interrupted";
  }
  return "";
}

std::vector<double> weighted_mean(const Population& population) {
  if (population.particles.empty()) return {};
  std::vector<double> m(population.particles.front().theta.size(), 0.0);
  for (const auto& p : population.particles) {
    for (std::size_t a = 0; a < m.size(); ++a) m[a] += p.weight * p.theta[a];
  }
  return m;
}

double weighted_quantile(const Population& population, std::size_t parameter, double q) {
  std::vector<std::pair<double, double>> v;  // value, weight
  for (const auto& p : population.particles) v.emplace_back(p.theta.at(parameter), p.weight);
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  double cumulative = 0.0;
  for (const auto& [value, weight] : v) {
    cumulative += weight;
    if (cumulative >= q - 1e-12) return value;
  }
  return v.back().first;
}

Result run(const Box& prior, const Settings& settings, const Simulator& simulate,
           std::vector<Population> start, const std::function<void(const Population&)>& done,
           const std::function<void(std::size_t, std::size_t, std::size_t)>& progress,
           const std::function<bool()>& stop) {
  check(prior, settings);
  Result r;
  r.populations = std::move(start);
  for (const auto& p : r.populations) r.simulations += p.simulations;
  const std::size_t n = settings.particles;
  auto stopped = [&] { return stop && stop(); };

  if (r.populations.empty()) {
    if (stopped()) {
      r.stop = Stop::Interrupted;
      return r;
    }
    if (n > settings.budget) {
      r.stop = Stop::Budget;
      return r;
    }
    auto draws = engine::RandomDraws(settings.seed, kStream, 0, 0);
    std::vector<std::vector<double>> thetas;
    for (std::size_t i = 0; i < n; ++i) thetas.push_back(from_prior(prior, draws));
    const auto d = simulate(thetas, 0, 0);
    Population p0;
    p0.epsilon = std::numeric_limits<double>::infinity();
    p0.simulations = n;
    for (std::size_t i = 0; i < n; ++i)
      p0.particles.push_back({thetas[i], 1.0 / static_cast<double>(n), d.at(i)});
    r.simulations += n;
    if (progress) progress(0, n, n);
    r.populations.push_back(std::move(p0));
    if (done) done(r.populations.back());
  }

  while (r.populations.size() < settings.populations) {
    const Population& previous = r.populations.back();
    const std::size_t t = r.populations.size();
    std::vector<double> distances;
    for (const auto& p : previous.particles) distances.push_back(p.distance);
    Population next;
    next.epsilon = engine::percentile(distances, 100.0 * settings.quantile);
    const Matrix l = cholesky(kernel_covariance(previous, prior));
    for (std::size_t batch = 0; next.particles.size() < n; ++batch) {
      if (stopped()) {
        r.stop = Stop::Interrupted;
        return r;
      }
      if (r.simulations + n > settings.budget) {
        r.stop = Stop::Budget;
        return r;
      }
      if (static_cast<double>(next.simulations) * settings.min_acceptance >= static_cast<double>(n)) {
        r.stop = Stop::Acceptance;
        return r;
      }
      auto draws = engine::RandomDraws(settings.seed, kStream, static_cast<std::uint32_t>(t), batch);
      const auto thetas = propose(previous, l, prior, n, draws);
      const auto d = simulate(thetas, t, batch);
      r.simulations += n;
      next.simulations += n;
      for (std::size_t i = 0; i < n && next.particles.size() < n; ++i) {
        if (d.at(i) <= next.epsilon) next.particles.push_back({thetas[i], 0.0, d[i]});
      }
      if (progress) progress(t, next.particles.size(), next.simulations);
    }
    reweight(next, previous, l);
    r.populations.push_back(std::move(next));
    if (done) done(r.populations.back());
  }
  r.stop = Stop::Populations;
  return r;
}

}  // namespace peacesim::analysis::abc
