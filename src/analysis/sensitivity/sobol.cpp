#include "analysis/sensitivity/sobol.hpp"

#include <boost/random/sobol.hpp>
#include <cmath>
#include <stdexcept>

#include "engine/percentile.hpp"
#include "engine/random.hpp"

namespace peacesim::analysis::sensitivity {

namespace {
constexpr engine::StreamId kShiftStream = 0x5E02;      // the design's random shift, by dimension
constexpr engine::StreamId kBootstrapStream = 0x5E03;  // the bootstrap's resampled rows, by resample
constexpr std::size_t kMaxParameters = 500;

// S_i and S_Ti of every parameter over the rows `rows` (indices into 0..n-1, repeats allowed).
void estimate(const SaltelliDesign& d, const std::vector<double>& y, const std::vector<std::size_t>& rows,
              std::vector<double>& first, std::vector<double>& total, double& variance) {
  const std::size_t n = d.samples;
  // V from f_A and f_B together (2·|rows| values), with the mean taken out first for accuracy.
  double sum = 0.0;
  for (std::size_t j : rows) sum += y[j] + y[n + j];
  const double m = sum / static_cast<double>(2 * rows.size());
  double ss = 0.0;
  for (std::size_t j : rows) ss += (y[j] - m) * (y[j] - m) + (y[n + j] - m) * (y[n + j] - m);
  variance = ss / static_cast<double>(2 * rows.size() - 1);
  first.assign(d.parameters, 0.0);
  total.assign(d.parameters, 0.0);
  if (!(variance > 0.0)) return;  // a constant outcome: no parameter explains anything
  for (std::size_t i = 0; i < d.parameters; ++i) {
    const std::size_t ab = (2 + i) * n;
    double s1 = 0.0, st = 0.0;
    for (std::size_t j : rows) {
      const double fa = y[j], fb = y[n + j], fab = y[ab + j];
      s1 += (fb - m) * (fab - fa);  // centring f_B does not change the mean in expectation; it cuts noise
      st += (fa - fab) * (fa - fab);
    }
    const double r = static_cast<double>(rows.size());
    first[i] = s1 / r / variance;
    total[i] = st / r / (2.0 * variance);
  }
}

}  // namespace

std::vector<Point> SaltelliDesign::points() const {
  std::vector<Point> out;
  out.reserve(samples * (parameters + 2));
  out.insert(out.end(), a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  for (std::size_t i = 0; i < parameters; ++i) {
    for (std::size_t j = 0; j < samples; ++j) {
      Point p = a[j];
      p[i] = b[j][i];
      out.push_back(std::move(p));
    }
  }
  return out;
}

SaltelliDesign saltelli_design(std::size_t parameters, std::size_t samples, std::uint64_t seed) {
  if (parameters == 0) throw std::invalid_argument("Sobol indices need at least one parameter");
  if (parameters > kMaxParameters) throw std::invalid_argument("Sobol indices for at most 500 parameters");
  if (samples < 2) throw std::invalid_argument("Sobol indices need at least 2 samples");
  const std::size_t dims = 2 * parameters;
  boost::random::sobol sequence(static_cast<unsigned>(dims));
  sequence.discard(dims);  // the sequence's first point is the origin, on every axis at once
  const engine::RandomStreams random(seed);
  std::vector<double> shift(dims);
  for (std::size_t k = 0; k < dims; ++k)
    shift[k] = random.draws(kShiftStream, static_cast<std::uint32_t>(k), 0).uniform();
  const double scale = 1.0 / (static_cast<double>(boost::random::sobol::max()) + 1.0);
  SaltelliDesign d;
  d.parameters = parameters;
  d.samples = samples;
  d.a.assign(samples, Point(parameters));
  d.b.assign(samples, Point(parameters));
  for (std::size_t j = 0; j < samples; ++j) {
    for (std::size_t k = 0; k < dims; ++k) {
      double u = static_cast<double>(sequence()) * scale + shift[k];
      if (u >= 1.0) u -= 1.0;
      (k < parameters ? d.a[j][k] : d.b[j][k - parameters]) = u;
    }
  }
  return d;
}

SobolIndices sobol_indices(const SaltelliDesign& design, const std::vector<double>& y, double confidence,
                           std::size_t resamples, std::uint64_t seed) {
  const std::size_t n = design.samples;
  if (y.size() != n * (design.parameters + 2))
    throw std::invalid_argument("Sobol indices: one value per point of the design is needed");
  SobolIndices out;
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  estimate(design, y, rows, out.first, out.total, out.variance);
  out.first_ci.assign(design.parameters, {});
  out.total_ci.assign(design.parameters, {});
  if (resamples == 0) return out;
  std::vector<std::vector<double>> s1(design.parameters), st(design.parameters);
  const engine::RandomStreams random(seed);
  std::vector<double> f, t;
  double v = 0.0;
  for (std::size_t b = 0; b < resamples; ++b) {
    auto draws = random.draws(kBootstrapStream, static_cast<std::uint32_t>(b), 0);
    for (auto& r : rows) r = draws.below(static_cast<std::uint32_t>(n));
    estimate(design, y, rows, f, t, v);
    for (std::size_t i = 0; i < design.parameters; ++i) {
      s1[i].push_back(f[i]);
      st[i].push_back(t[i]);
    }
  }
  const double tail = 100.0 * (1.0 - confidence) / 2.0;  // percent
  for (std::size_t i = 0; i < design.parameters; ++i) {
    out.first_ci[i] = {engine::percentile(s1[i], tail), engine::percentile(s1[i], 100.0 - tail)};
    out.total_ci[i] = {engine::percentile(st[i], tail), engine::percentile(st[i], 100.0 - tail)};
  }
  return out;
}

}  // namespace peacesim::analysis::sensitivity
