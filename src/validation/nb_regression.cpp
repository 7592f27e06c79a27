#include "validation/nb_regression.hpp"

#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <nlopt.hpp>
#include <numeric>
#include <stdexcept>

#include "engine/random.hpp"

namespace peacesim::validation {

namespace {

constexpr double kMinLogAlpha = -12.0, kMaxLogAlpha = 6.0, kCoefficientBound = 50.0;

double neighbour_sum(const Adjacency& adjacency, const std::string& region,
                     const std::map<std::string, double>& counts) {
  double s = 0.0;
  const auto it = adjacency.find(region);
  if (it == adjacency.end()) return s;
  for (const auto& n : it->second) {
    const auto jt = counts.find(n);
    if (jt != counts.end()) s += jt->second;
  }
  return s;
}

NbCoefficients from_vector(const std::vector<double>& x) { return {x[0], x[1], x[2], std::exp(x[3])}; }

// The data, and the best point any search has evaluated (what a failed search leaves behind).
struct Problem {
  const std::vector<NbSample>* data = nullptr;
  std::vector<double> best;
  double best_value = std::numeric_limits<double>::infinity();
};

double objective(const std::vector<double>& x, std::vector<double>& grad, void* raw) {
  auto& problem = *static_cast<Problem*>(raw);
  const auto c = from_vector(x);
  if (!grad.empty()) {
    const auto g = nb_gradient(c, *problem.data);
    for (std::size_t k = 0; k < 4; ++k) grad[k] = -g[k];
  }
  const double value = -nb_log_likelihood(c, *problem.data);
  if (value < problem.best_value) {
    problem.best_value = value;
    problem.best = x;
  }
  return value;
}

// Minimizes from x with `algorithm` within the bounds; x becomes the best point evaluated. Returns
// false when the search stopped with NLopt's generic failure.
bool minimize(nlopt::algorithm algorithm, Problem& problem, std::vector<double>& x) {
  nlopt::opt opt(algorithm, 4);
  opt.set_lower_bounds({-kCoefficientBound, -kCoefficientBound, -kCoefficientBound, kMinLogAlpha});
  opt.set_upper_bounds({kCoefficientBound, kCoefficientBound, kCoefficientBound, kMaxLogAlpha});
  opt.set_min_objective(objective, &problem);
  opt.set_ftol_rel(1e-12);
  opt.set_xtol_rel(1e-10);
  opt.set_maxeval(5000);
  bool ok = true;
  double minimum = 0.0;
  try {
    (void)opt.optimize(x, minimum);
  } catch (const nlopt::roundoff_limited&) {
    // As close as double precision allows.
  } catch (const nlopt::forced_stop&) {
    throw;
  } catch (const std::runtime_error&) {
    ok = false;  // nlopt::failure
  }
  if (!problem.best.empty()) x = problem.best;
  return ok;
}

}  // namespace

double nb_mean(const NbCoefficients& c, double own_lag, double neighbour_lag) {
  const double eta = c.intercept + c.own * std::log1p(own_lag) + c.neighbours * std::log1p(neighbour_lag);
  return std::exp(std::min(eta, 30.0));  // e^30: far beyond any count, keeps the arithmetic finite
}

double nb_log_likelihood(const NbCoefficients& c, const std::vector<NbSample>& data) {
  const double r = 1.0 / c.alpha;
  double ll = 0.0;
  for (const auto& s : data) {
    const double mu = nb_mean(c, s.own_lag, s.neighbour_lag);
    ll += boost::math::lgamma(s.y + r) - boost::math::lgamma(r) - boost::math::lgamma(s.y + 1.0) +
          r * std::log(r / (r + mu)) + (s.y > 0 ? s.y * std::log(mu / (r + mu)) : 0.0);
  }
  return ll;
}

std::vector<double> nb_gradient(const NbCoefficients& c, const std::vector<NbSample>& data) {
  const double r = 1.0 / c.alpha;
  std::vector<double> g(4, 0.0);
  for (const auto& s : data) {
    const double mu = nb_mean(c, s.own_lag, s.neighbour_lag);
    const double common = (s.y - mu) / (1.0 + c.alpha * mu);
    g[0] += common;
    g[1] += common * std::log1p(s.own_lag);
    g[2] += common * std::log1p(s.neighbour_lag);
    const double d_r = boost::math::digamma(s.y + r) - boost::math::digamma(r) + std::log(r / (r + mu)) +
                       (mu - s.y) / (r + mu);
    g[3] += -r * d_r;  // r = e^(−ln α)
  }
  return g;
}

NbFit fit_nb2(const std::vector<NbSample>& data) {
  if (data.empty()) throw std::invalid_argument("fit_nb2: no samples");
  double mean_y = 0.0;
  for (const auto& s : data) mean_y += s.y;
  mean_y /= static_cast<double>(data.size());
  // Start: a constant mean, no dependence on the lags, overdispersion 1.
  std::vector<double> x{std::log(mean_y + 0.5), 0.0, 0.0, 0.0};
  Problem problem{&data, {}, std::numeric_limits<double>::infinity()};
  // Quasi-Newton with the exact gradient; where it gives up (counts less spread than Poisson
  // drive alpha to its bound, where L-BFGS's line search can fail), a derivative-free bounded
  // search goes on from the best point it reached.
  if (!minimize(nlopt::LD_LBFGS, problem, x)) (void)minimize(nlopt::LN_BOBYQA, problem, x);
  NbFit fit;
  fit.coefficients = from_vector(x);
  fit.log_likelihood = nb_log_likelihood(fit.coefficients, data);
  fit.observations = data.size();
  return fit;
}

std::vector<NbSample> nb_samples(const std::map<std::pair<std::string, int>, double>& counts,
                                 const std::vector<std::string>& regions, const Adjacency& adjacency,
                                 int last_year, int lag) {
  if (counts.empty()) return {};
  int first = last_year;
  for (const auto& [key, v] : counts) first = std::min(first, key.second);
  auto at = [&](const std::string& r, int y) {
    const auto it = counts.find({r, y});
    return it == counts.end() ? 0.0 : it->second;
  };
  std::vector<NbSample> out;
  for (int t = first + lag; t <= last_year; ++t) {
    std::map<std::string, double> previous;
    for (const auto& r : regions) previous[r] = at(r, t - lag);
    for (const auto& r : regions)
      out.push_back({at(r, t), previous[r], neighbour_sum(adjacency, r, previous)});
  }
  return out;
}

double nb_quantile(double mean, double alpha, double u) {
  if (!(mean > 1e-12) || u <= 0.0) return 0.0;
  using Policy = boost::math::policies::policy<
      boost::math::policies::discrete_quantile<boost::math::policies::integer_round_up>>;
  const double r = 1.0 / alpha;
  const boost::math::negative_binomial_distribution<double, Policy> nb(r, r / (r + mean));
  return boost::math::quantile(nb, std::min(u, 1.0 - 1e-12));
}

std::map<std::string, std::vector<double>> nb_point_forecast(
    const std::vector<NbCoefficients>& by_horizon, const std::map<std::string, double>& origin_counts,
    const Adjacency& adjacency) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& [r, own] : origin_counts) {
    for (const auto& c : by_horizon)
      out[r].push_back(nb_mean(c, own, neighbour_sum(adjacency, r, origin_counts)));
  }
  return out;
}

std::map<std::string, std::vector<std::vector<double>>> nb_forecast(
    const std::vector<NbCoefficients>& by_horizon, const std::map<std::string, double>& origin_counts,
    const Adjacency& adjacency, std::size_t paths, std::uint64_t seed) {
  constexpr engine::StreamId kStream = 0x4E42;  // "NB"
  std::map<std::string, std::vector<std::vector<double>>> draws;
  for (std::size_t h = 0; h < by_horizon.size(); ++h) {
    const auto& c = by_horizon[h];
    std::uint64_t index = 0;
    for (const auto& [r, own] : origin_counts) {
      auto& cell = draws[r];
      cell.resize(by_horizon.size());
      const double mu = nb_mean(c, own, neighbour_sum(adjacency, r, origin_counts));
      cell[h].resize(paths);
      for (std::size_t p = 0; p < paths; ++p) {
        engine::RandomDraws random(seed, kStream, static_cast<std::uint32_t>(h),
                                   p * origin_counts.size() + index);
        cell[h][p] = nb_quantile(mu, c.alpha, random.uniform());
      }
      ++index;
    }
  }
  return draws;
}

}  // namespace peacesim::validation
