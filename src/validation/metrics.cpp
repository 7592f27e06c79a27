#include "validation/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "validation/regions.hpp"
#include "validation/scores.hpp"

namespace peacesim::validation {

namespace {

std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> out(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double average = static_cast<double>(i + j) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) out[order[k]] = average;
    i = j + 1;
  }
  return out;
}

std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 2) return std::nullopt;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0 || syy == 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

double mean_of(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

nlohmann::json opt(const std::optional<double>& x) {
  return x ? nlohmann::json(*x) : nlohmann::json(nullptr);
}

double distance(const std::map<std::string, double>& a, const std::map<std::string, double>& b) {
  double sum = 0.0;
  for (const auto& [r, share] : a) sum += std::abs(share - b.at(r));
  return sum / 2.0;
}

std::map<std::string, double> shares_of(const std::map<std::string, double>& totals) {
  double whole = 0.0;
  for (const auto& [r, v] : totals) whole += v;
  std::map<std::string, double> out;
  for (const auto& [r, v] : totals) out[r] = whole > 0 ? v / whole : 0.0;
  return out;
}

struct Judged {
  std::string name;
  std::optional<double> model, persistence, trend;
  bool higher_is_better = false;
};

}  // namespace

double log_mae(const std::vector<double>& p, const std::vector<double>& o) {
  if (p.size() != o.size() || p.empty())
    throw std::invalid_argument("log_mae: two sequences of the same, non-zero length");
  double s = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) s += std::abs(std::log1p(p[i]) - std::log1p(o[i]));
  return s / static_cast<double>(p.size());
}

std::optional<double> spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("spearman: sequences of different lengths");
  return pearson(ranks(x), ranks(y));
}

double baseline(Baseline kind, const std::map<int, double>& history, int year, int first_year,
                BaselineMode mode) {
  auto at = [&](int y) {
    const auto it = history.find(y);
    return it == history.end() ? 0.0 : it->second;
  };
  if (mode == BaselineMode::Rolling) {
    return kind == Baseline::Persistence ? at(year - 1) : std::max(0.0, 2.0 * at(year - 1) - at(year - 2));
  }
  const double last = at(first_year - 1);
  if (kind == Baseline::Persistence) return last;
  return std::max(0.0, last + (last - at(first_year - 2)) * (year - first_year + 1));
}

nlohmann::json validate(const std::vector<RunFigures>& runs, const Observed& observed, engine::Date from,
                        engine::Date to, BaselineMode mode) {
  if (runs.empty()) throw std::invalid_argument("validate: no runs");
  std::vector<int> years;
  for (int y = from.year(); y <= to.year(); ++y) years.push_back(y);
  const int first = years.front();
  const auto& regions = observed.regions.regions();
  nlohmann::json j;
  j["kind"] = "validation";
  j["window"] = {{"from", from.iso()}, {"to", to.iso()}};
  j["baseline_mode"] = mode == BaselineMode::Rolling ? "rolling" : "frozen";
  j["members"] = runs.size();
  j["observed"] = observed.files;
  j["rows"] = nlohmann::json::array();
  std::vector<Judged> judged;

  if (observed.events) {
    const auto& obs = observed.events->cells;
    for (const std::string quantity : {"events", "fatalities"}) {
      const auto get = [&](const Counts& c) { return quantity == "events" ? c.events : c.fatalities; };
      std::vector<double> o, m, per, tre;
      std::map<std::string, double> tot_o, tot_m, tot_p, tot_t;
      for (const auto& r : regions) {
        std::map<int, double> history;
        for (const auto& [key, c] : obs) {
          if (key.first == r) history[key.second] = get(c);
        }
        for (const int y : years) {
          // The window's own dates (a window may cut a year); the baselines use whole years.
          const auto& in_window = observed.events_in_window ? observed.events_in_window->cells : obs;
          const auto it = in_window.find({r, y});
          const double ov = it == in_window.end() ? 0.0 : get(it->second);
          std::vector<double> members;
          for (const auto& run : runs) {
            const auto jt = run.events.cells.find({r, y});
            members.push_back(jt == run.events.cells.end() ? 0.0 : get(jt->second));
          }
          const double mv = mean_of(members);
          const double pv = baseline(Baseline::Persistence, history, y, first, mode);
          const double tv = baseline(Baseline::Trend, history, y, first, mode);
          o.push_back(ov);
          m.push_back(mv);
          per.push_back(pv);
          tre.push_back(tv);
          tot_o[r] += ov;
          tot_m[r] += mv;
          tot_p[r] += pv;
          tot_t[r] += tv;
          j["rows"].push_back({{"region", r},
                               {"year", y},
                               {"metric", quantity},
                               {"simulated", mv},
                               {"observed", ov},
                               {"persistence", pv},
                               {"trend", tv}});
        }
      }
      judged.push_back({quantity + ": Spearman over region-years", spearman(m, o), spearman(per, o),
                        spearman(tre, o), true});
      judged.push_back(
          {quantity + ": log-MAE over region-years", log_mae(m, o), log_mae(per, o), log_mae(tre, o), false});
      // National yearly totals.
      std::map<int, double> national_history;
      for (const auto& [key, c] : obs) national_history[key.second] += get(c);
      std::vector<double> no, nm, np, nt;
      nlohmann::json rows = nlohmann::json::array();
      for (std::size_t yi = 0; yi < years.size(); ++yi) {
        const int y = years[yi];
        double ov = 0.0;
        for (std::size_t ri = 0; ri < regions.size(); ++ri) ov += o[ri * years.size() + yi];
        std::vector<double> members;
        for (const auto& run : runs) {
          double s = 0.0;
          for (const auto& r : regions) {
            const auto jt = run.events.cells.find({r, y});
            s += jt == run.events.cells.end() ? 0.0 : get(jt->second);
          }
          members.push_back(s);
        }
        no.push_back(ov);
        nm.push_back(mean_of(members));
        np.push_back(baseline(Baseline::Persistence, national_history, y, first, mode));
        nt.push_back(baseline(Baseline::Trend, national_history, y, first, mode));
        rows.push_back({{"year", y},
                        {"observed", ov},
                        {"model", nm.back()},
                        {"model_p5", percentile(members, 5)},
                        {"model_p95", percentile(members, 95)},
                        {"persistence", np.back()},
                        {"trend", nt.back()}});
      }
      j["national"][quantity] = rows;
      judged.push_back({quantity + ": log-MAE of national yearly totals", log_mae(nm, no), log_mae(np, no),
                        log_mae(nt, no), false});
      const auto so = shares_of(tot_o);
      judged.push_back({quantity + ": regional shares (distance)", distance(shares_of(tot_m), so),
                        distance(shares_of(tot_p), so), distance(shares_of(tot_t), so), false});
      for (const auto& r : regions) {
        j["shares"][quantity][r] = {{"observed", so.at(r)}, {"model", shares_of(tot_m).at(r)}};
      }
    }
  }

  // Yearly scalars.
  auto scalar = [&](const std::string& name, const std::map<int, double>& history,
                    const std::function<const std::map<int, double>*(const RunFigures&)>& of) {
    std::vector<double> o, m, p, t;
    nlohmann::json rows = nlohmann::json::array();
    for (const int y : years) {
      std::vector<double> members;
      for (const auto& run : runs) {
        const auto* series = of(run);
        if (series == nullptr) continue;
        const auto it = series->find(y);
        if (it != series->end()) members.push_back(it->second);
      }
      // A year without an observation is not scored (as in backtest), not taken as zero.
      const auto it = history.find(y);
      if (members.empty() || it == history.end()) continue;
      o.push_back(it->second);
      m.push_back(mean_of(members));
      p.push_back(baseline(Baseline::Persistence, history, y, first, mode));
      t.push_back(baseline(Baseline::Trend, history, y, first, mode));
      rows.push_back({{"year", y},
                      {"observed", o.back()},
                      {"model", m.back()},
                      {"model_p5", percentile(members, 5)},
                      {"model_p95", percentile(members, 95)},
                      {"persistence", p.back()},
                      {"trend", t.back()}});
      j["rows"].push_back({{"region", runs.front().national},
                           {"year", y},
                           {"metric", name},
                           {"simulated", m.back()},
                           {"observed", o.back()},
                           {"persistence", p.back()},
                           {"trend", t.back()}});
    }
    j["scalars"][name] = rows;
    if (!o.empty())
      judged.push_back({name + ": log-MAE", log_mae(m, o), log_mae(p, o), log_mae(t, o), false});
  };
  if (observed.events) kind_scalars(*observed.events, scalar);
  if (observed.peacekeeping) peacekeeping_scalars(*observed.peacekeeping, scalar);
  if (observed.displacement) {
    const auto& d = *observed.displacement;
    stock_scalars(d, scalar);
    for (const auto& iso : compared_hosts(runs)) {
      const auto it = d.hosts.find(iso);
      const std::map<int, double> empty;
      scalar("refugees_in_" + iso + "_year_end", it == d.hosts.end() ? empty : it->second,
             [iso](const RunFigures& r) -> const std::map<int, double>* {
               const auto h = r.displacement.hosts.find(iso);
               return h == r.displacement.hosts.end() ? nullptr : &h->second;
             });
    }
    returns_scalars(d, scalar);
  }
  j["metrics"] = nlohmann::json::array();
  int wins = 0;
  for (const auto& g : judged) {
    auto better = [&](const std::optional<double>& b) {
      if (!g.model) return false;
      if (!b) return true;
      return g.higher_is_better ? *g.model > *b : *g.model < *b;
    };
    const bool beats = better(g.persistence) && better(g.trend);
    wins += beats ? 1 : 0;
    j["metrics"].push_back({{"name", g.name},
                            {"model", opt(g.model)},
                            {"persistence", opt(g.persistence)},
                            {"trend", opt(g.trend)},
                            {"higher_is_better", g.higher_is_better},
                            {"beats_persistence", better(g.persistence)},
                            {"beats_trend", better(g.trend)},
                            {"better_than_baselines", beats}});
  }
  j["summary"] = {{"metrics", judged.size()}, {"better_than_both_baselines", wins}};
  return j;
}

double calibration_loss(const nlohmann::json& result) {
  double sum = 0.0;
  std::size_t n = 0;
  for (const auto& m : result.at("metrics")) {
    const bool correlation = m.at("higher_is_better").get<bool>();
    const auto& v = m.at("model");
    sum += v.is_null() ? 1.0 : (correlation ? 1.0 - v.get<double>() : v.get<double>());
    ++n;
  }
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

}  // namespace peacesim::validation
