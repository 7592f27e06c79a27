// Helpers shared by the Epstein model tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "models/epstein/mesa_world.hpp"
#include "models/epstein/netlogo_world.hpp"
#include "models/epstein/params.hpp"

namespace peacesim::models::epstein::support {

// Per-step counts of one run (after each step; the initial state is not included).
struct Series {
  std::vector<double> quiet;
  std::vector<double> active;
  std::vector<double> jailed;
};

enum class Driver { MesaExact, MesaParallel, NetLogo };

inline Series run_series(Driver kind, const Params& p, std::uint64_t seed, std::uint32_t steps,
                         std::uint32_t tile_side = 64) {
  Series s;
  auto record = [&s](const auto& c) {
    s.quiet.push_back(static_cast<double>(c.quiet));
    s.active.push_back(static_cast<double>(c.active));
    s.jailed.push_back(static_cast<double>(c.jailed));
  };
  if (kind == Driver::NetLogo) {
    NetLogoWorld w(p, seed);
    for (std::uint32_t i = 0; i < steps; ++i) {
      w.step(i);
      record(w.counts());
    }
  } else {
    MesaWorld w(p, seed, tile_side);
    for (std::uint32_t i = 0; i < steps; ++i) {
      if (kind == Driver::MesaExact) {
        w.step_exact(i);
      } else {
        w.step_parallel(i);
      }
      record(w.counts());
    }
  }
  return s;
}

inline double mean(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

inline double max_of(const std::vector<double>& v) {
  return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

inline double sample_sd(const std::vector<double>& v) {
  const double m = mean(v);
  double ss = 0.0;
  for (double x : v) ss += (x - m) * (x - m);
  return v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
}

// Pearson's chi-square statistic of observed counts against equal expected counts.
inline double chi_square_uniform(const std::vector<int>& counts) {
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  const double expected = total / static_cast<double>(counts.size());
  double chi = 0.0;
  for (int c : counts) chi += (c - expected) * (c - expected) / expected;
  return chi;
}

// NetLogo-like settings (MODEL.md §7 table, right column) on Mesa's rules, as in issue 3.
inline Params netlogo_like_mesa() {
  Params p = mesa_defaults();
  p.cop_density = 0.04;
  p.legitimacy = 0.82;
  p.max_jail_term = 30;
  return p;
}

}  // namespace peacesim::models::epstein::support
