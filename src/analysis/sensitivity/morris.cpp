#include "analysis/sensitivity/morris.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/random.hpp"

namespace peacesim::analysis::sensitivity {

namespace {
constexpr engine::StreamId kMorrisStream = 0x5E02;
}

std::vector<Trajectory> morris_trajectories(std::size_t parameters, std::size_t trajectories,
                                            std::size_t levels, std::uint64_t seed) {
  if (parameters == 0 || trajectories == 0 || levels < 2)
    throw std::invalid_argument("Morris needs parameters, trajectories and at least 2 levels");
  const double p = static_cast<double>(levels);
  const double delta = p / (2.0 * (p - 1.0));
  const engine::RandomStreams random(seed);
  std::vector<Trajectory> out(trajectories);
  for (std::size_t t = 0; t < trajectories; ++t) {
    auto draws = random.draws(kMorrisStream, static_cast<std::uint32_t>(t), 0);
    Point x(parameters);
    for (auto& c : x) {
      // A level from which one of +Δ or −Δ stays inside [0, 1].
      const auto level = static_cast<std::size_t>(draws.uniform() * p);
      c = static_cast<double>(std::min(level, levels - 1)) / (p - 1.0);
    }
    std::vector<std::size_t> order(parameters);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = parameters; i > 1; --i) {
      const auto j = static_cast<std::size_t>(draws.uniform() * static_cast<double>(i));
      std::swap(order[i - 1], order[j < i ? j : i - 1]);
    }
    Trajectory& tr = out[t];
    tr.points.push_back(x);
    for (const std::size_t i : order) {
      const double s = x[i] + delta <= 1.0 + 1e-12 ? delta : -delta;
      x[i] += s;
      tr.points.push_back(x);
      tr.moved.push_back(i);
      tr.step.push_back(s);
    }
  }
  return out;
}

Effects morris_effects(const std::vector<Trajectory>& trajectories, const std::vector<std::vector<double>>& y,
                       std::size_t parameters) {
  if (y.size() != trajectories.size()) throw std::invalid_argument("one list of values per trajectory");
  std::vector<std::vector<double>> ee(parameters);
  for (std::size_t t = 0; t < trajectories.size(); ++t) {
    const auto& tr = trajectories[t];
    if (y[t].size() != tr.points.size()) throw std::invalid_argument("one value per trajectory point");
    for (std::size_t j = 0; j < tr.moved.size(); ++j) {
      ee[tr.moved[j]].push_back((y[t][j + 1] - y[t][j]) / tr.step[j]);
    }
  }
  Effects e;
  for (std::size_t i = 0; i < parameters; ++i) {
    const auto& v = ee[i];
    const double n = static_cast<double>(v.size());
    double mu = 0.0, mu_star = 0.0;
    for (double x : v) {
      mu += x;
      mu_star += std::abs(x);
    }
    mu = n > 0 ? mu / n : 0.0;
    mu_star = n > 0 ? mu_star / n : 0.0;
    double var = 0.0;
    for (double x : v) var += (x - mu) * (x - mu);
    e.mu.push_back(mu);
    e.mu_star.push_back(mu_star);
    e.sigma.push_back(n > 1 ? std::sqrt(var / (n - 1.0)) : 0.0);
  }
  return e;
}

}  // namespace peacesim::analysis::sensitivity
