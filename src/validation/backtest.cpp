#include "validation/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "validation/discrepancy.hpp"
#include "validation/regions.hpp"
#include "validation/scores.hpp"

namespace peacesim::validation {

namespace {

using Json = nlohmann::json;

Json opt(const std::optional<double>& x) { return x ? Json(*x) : Json(nullptr); }

// A forecaster's figures for a list of cells: a point forecast and, if it has one, a
// distribution (its members or paths) per cell.
struct Forecast {
  std::vector<double> point;
  std::vector<std::vector<double>> draws;  // empty: a point forecast only
};

// The scores one forecaster gets on a list of cells.
struct Scored {
  std::optional<double> spearman, log_mae, log_rmse, direction, crps, coverage;
};

Scored score(const Forecast& f, const std::vector<double>& observed, const std::vector<double>& origin_values,
             bool with_rank) {
  Scored s;
  if (observed.empty()) return s;
  if (with_rank) s.spearman = spearman(f.point, observed);
  s.log_mae = log_mae(f.point, observed);
  s.log_rmse = log_rmse(f.point, observed);
  if (!origin_values.empty()) {
    double right = 0;
    for (std::size_t i = 0; i < observed.size(); ++i)
      right += direction(origin_values[i], f.point[i]) == direction(origin_values[i], observed[i]) ? 1 : 0;
    s.direction = right / static_cast<double>(observed.size());
  }
  double crps = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const std::vector<double> members = f.draws.empty() ? std::vector<double>{f.point[i]} : f.draws[i];
    crps += crps_ensemble(log1p_all(members), std::log1p(observed[i]));
  }
  s.crps = crps / static_cast<double>(observed.size());
  if (!f.draws.empty()) {
    double inside = 0;
    for (std::size_t i = 0; i < observed.size(); ++i) inside += inside_90(f.draws[i], observed[i]) ? 1 : 0;
    s.coverage = inside / static_cast<double>(observed.size());
  }
  return s;
}

enum class Better { Higher, Lower, Closer90 };

struct Metric {
  std::string name, group;
  Better better = Better::Lower;
  std::optional<double> model, persistence, mean3, nb;
};

// The rule as the report writes it (badness reads it back).
const char* rule_name(Better b) {
  return b == Better::Higher ? "higher" : (b == Better::Lower ? "lower" : "closer_to_0.9");
}

Json metric_json(const Metric& m) {
  const std::string rule = rule_name(m.better);
  Json j{{"name", m.name},
         {"group", m.group},
         {"better", rule},
         {"model", opt(m.model)},
         {"persistence", opt(m.persistence)},
         {"mean3", opt(m.mean3)},
         {"nb", opt(m.nb)}};
  std::optional<std::pair<std::string, double>> best;
  for (const auto& [name, value] :
       {std::pair{"persistence", m.persistence}, std::pair{"mean3", m.mean3}, std::pair{"nb", m.nb}}) {
    if (value && (!best || badness(rule, *value) < badness(rule, best->second))) best = {name, *value};
  }
  j["best_baseline"] = best ? Json(best->first) : Json(nullptr);
  j["best_baseline_value"] = best ? Json(best->second) : Json(nullptr);
  j["model_beats_best"] =
      (best && m.model) ? Json(badness(rule, *m.model) < badness(rule, best->second)) : Json(nullptr);
  return j;
}

// Pushes the metrics of one scored list of cells for four forecasters.
void add_metrics(std::vector<Metric>& out, const std::string& prefix, const std::string& group,
                 const Scored& model, const Scored& per, const Scored& mean3, const std::optional<Scored>& nb,
                 bool rank, bool rmse, bool direction_of_change) {
  auto get = [](const std::optional<Scored>& s, auto member) -> std::optional<double> {
    return s ? (*s).*member : std::nullopt;
  };
  auto push = [&](const std::string& name, Better b, std::optional<double> Scored::*member) {
    out.push_back({prefix + name, group, b, model.*member, per.*member, mean3.*member, get(nb, member)});
  };
  if (rank) push(": Spearman over region-years", Better::Higher, &Scored::spearman);
  push(": log-MAE", Better::Lower, &Scored::log_mae);
  if (rmse) push(": log-RMSE", Better::Lower, &Scored::log_rmse);
  if (direction_of_change)
    push(": direction of change from the origin year", Better::Higher, &Scored::direction);
  push(": CRPS on ln(1+x)", Better::Lower, &Scored::crps);
  push(": coverage of the 90 % interval", Better::Closer90, &Scored::coverage);
}

double at(const std::map<int, double>& m, int year) {
  const auto it = m.find(year);
  return it == m.end() ? 0.0 : it->second;
}

// Persistence and the three-year mean of a yearly history, from the years up to `origin` only.
double persistence_of(const std::map<int, double>& history, int origin) { return at(history, origin); }
double mean3_of(const std::map<int, double>& history, int origin) {
  return (at(history, origin) + at(history, origin - 1) + at(history, origin - 2)) / 3.0;
}

Json draws_range(const std::vector<double>& draws) {
  if (draws.empty()) return {{"p5", nullptr}, {"p95", nullptr}};
  return {{"p5", percentile(draws, 5)}, {"p95", percentile(draws, 95)}};
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
  const double ta = std::accumulate(a.begin(), a.end(), 0.0), tb = std::accumulate(b.begin(), b.end(), 0.0);
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    s += std::abs((ta > 0 ? a[i] / ta : 0.0) - (tb > 0 ? b[i] / tb : 0.0));
  return s / 2.0;
}

// The mean and variance of the members' ln(1 + x): what a discrepancy is estimated from.
std::pair<double, double> log_moments(const std::vector<double>& members) {
  const auto logs = log1p_all(members);
  const double mean = engine::sample_mean(logs);
  return {mean, engine::sample_variance(logs, mean)};
}

// The model's distribution in a cell: its members, widened by the discrepancy if there is one.
std::vector<double> model_draws(const ForecastInput& in, const std::vector<double>& members,
                                const std::string& quantity, int lead, const std::string& cell) {
  if (in.discrepancy == nullptr) return members;
  const auto sigma = in.discrepancy->sigma(quantity, lead);
  return sigma ? in.discrepancy->widen(members, *sigma, cell) : members;
}

// A forecast's row: the observation, the members' mean, the model's 5-95 % range (of `draws`, the
// members widened by any discrepancy) and the members' log moments, each baseline's point and the
// regression's range (its point null when it could not be fitted).
Json forecast_row(double observed, const std::vector<double>& members, const std::vector<double>& draws,
                  double model, double persistence, double mean3, std::optional<double> nb,
                  const std::vector<double>& nb_draws) {
  const auto [log_mean, log_var] = log_moments(members);
  Json row{{"observed", observed},
           {"model", model},
           {"model_p5", percentile(draws, 5)},
           {"model_p95", percentile(draws, 95)},
           {"model_log_mean", log_mean},
           {"model_log_var", log_var},
           {"persistence", persistence},
           {"mean3", mean3},
           {"nb", nb ? Json(*nb) : Json(nullptr)}};
  const auto range = draws_range(nb_draws);
  row["nb_p5"] = range["p5"];
  row["nb_p95"] = range["p95"];
  return row;
}

}  // namespace

Observed observed_up_to(const Observed& observed, engine::Date cutoff) {
  const int last_whole_year = cutoff.month() == 12 && cutoff.day() == 31 ? cutoff.year() : cutoff.year() - 1;
  Observed out;
  out.files = observed.files;
  out.regions = observed.regions;
  auto cut_events = [&](const std::optional<EventTable>& t) -> std::optional<EventTable> {
    if (!t) return std::nullopt;
    EventTable kept = *t;
    std::erase_if(kept.cells, [&](const auto& kv) { return kv.first.second > cutoff.year(); });
    for (auto* by_kind : {&kept.events_by_kind, &kept.fatalities_by_kind}) {
      for (auto& [kind, years] : *by_kind)
        std::erase_if(years, [&](const auto& kv) { return kv.first > cutoff.year(); });
    }
    return kept;
  };
  out.events = cut_events(observed.events);
  out.events_in_window = cut_events(observed.events_in_window);
  auto cut_years = [&](std::map<int, double> m) {
    std::erase_if(m, [&](const auto& kv) { return kv.first > last_whole_year; });
    return m;
  };
  if (observed.peacekeeping)
    out.peacekeeping = {observed.peacekeeping->operation, cut_years(observed.peacekeeping->years)};
  if (observed.displacement) {
    Displacement d;
    d.refugees = cut_years(observed.displacement->refugees);
    d.idps = cut_years(observed.displacement->idps);
    for (const auto& [iso, m] : observed.displacement->hosts) d.hosts[iso] = cut_years(m);
    d.returned_refugees = cut_years(observed.displacement->returned_refugees);
    d.returned_idps = cut_years(observed.displacement->returned_idps);
    out.displacement = std::move(d);
  }
  return out;
}

std::optional<engine::Date> latest_observation(const Observed& observed) {
  std::optional<int> year;
  auto see = [&](int y) { year = year ? std::max(*year, y) : y; };
  for (const auto* t : {&observed.events, &observed.events_in_window}) {
    if (*t) {
      for (const auto& [key, c] : (*t)->cells) see(key.second);
    }
  }
  auto see_all = [&](const std::map<int, double>& m) {
    for (const auto& [y, v] : m) see(y);
  };
  if (observed.peacekeeping) see_all(observed.peacekeeping->years);
  if (observed.displacement) {
    see_all(observed.displacement->refugees);
    see_all(observed.displacement->idps);
    for (const auto& [iso, m] : observed.displacement->hosts) see_all(m);
    see_all(observed.displacement->returned_refugees);
    see_all(observed.displacement->returned_idps);
  }
  if (!year) return std::nullopt;
  return engine::Date(*year, 12, 31);
}

double badness(const std::string& better, double value) {
  if (better == "higher") return -value;
  if (better == "closer_to_0.9") return std::abs(value - 0.9);
  return value;
}

Json score_forecast(const ForecastInput& in) {
  if (in.members.empty()) throw std::invalid_argument("score_forecast: no members");
  const Observed& observed = *in.observed;
  const int origin = in.origin_year;
  std::vector<Metric> metrics;
  Json j;
  j["origin_year"] = origin;
  j["members"] = in.members.size();
  j["rows"] = Json::array();
  const auto& regions = observed.regions.regions();
  std::vector<int> scored_years;

  if (observed.events) {
    int last_event_year = origin;
    for (const auto& [key, c] : observed.events->cells)
      last_event_year = std::max(last_event_year, key.second);
    for (int y = origin + 1; y <= std::min(in.last_year, last_event_year); ++y) scored_years.push_back(y);
  }
  if (!scored_years.empty()) {
    const auto horizon = static_cast<int>(scored_years.size());
    for (const std::string quantity : {"events", "fatalities"}) {
      const auto get = [&](const Counts& c) { return quantity == "events" ? c.events : c.fatalities; };
      // The history the baselines may see: years up to the origin.
      std::map<std::pair<std::string, int>, double> history;
      for (const auto& [key, c] : observed.events->cells) {
        if (key.second > origin) continue;
        history[key] = get(c);
      }
      auto hist = [&](const std::string& r, int y) {
        const auto it = history.find({r, y});
        return it == history.end() ? 0.0 : it->second;
      };
      auto obs = [&](const std::string& r, int y) {
        const auto it = observed.events->cells.find({r, y});
        return it == observed.events->cells.end() ? 0.0 : get(it->second);
      };
      // The regressions, one per horizon, fitted on the years up to the origin.
      std::vector<NbCoefficients> by_horizon;
      std::map<std::string, std::vector<std::vector<double>>> paths;
      std::map<std::string, std::vector<double>> means;
      Json fits = Json::array();
      int first_history = origin;
      for (const auto& [key, v] : history) first_history = std::min(first_history, key.second);
      for (int h = 1; in.regression && h <= horizon; ++h) {
        const auto samples = nb_samples(history, regions, *in.adjacency, origin, h);
        if (samples.empty()) break;
        const auto fit = fit_nb2(samples);
        by_horizon.push_back(fit.coefficients);
        const auto& c = fit.coefficients;
        fits.push_back({{"horizon", h},
                        {"intercept", c.intercept},
                        {"own_lag", c.own},
                        {"neighbours_lag", c.neighbours},
                        {"alpha", c.alpha},
                        {"log_likelihood", fit.log_likelihood},
                        {"observations", fit.observations},
                        {"years", {first_history + h, origin}}});
      }
      if (static_cast<int>(by_horizon.size()) == horizon) {
        std::map<std::string, double> origin_counts;
        for (const auto& r : regions) origin_counts[r] = hist(r, origin);
        means = nb_point_forecast(by_horizon, origin_counts, *in.adjacency);
        paths = nb_forecast(by_horizon, origin_counts, *in.adjacency, in.nb_paths,
                            in.nb_seed + (quantity == "events" ? 0u : 1u));
        j["nb_regression"][quantity] = {{"by_horizon", fits}, {"paths", in.nb_paths}};
      }
      Forecast model, per, mean3, nb;
      std::vector<double> o, origin_values;
      std::vector<double> tot_o(regions.size()), tot_m(regions.size()), tot_p(regions.size()),
          tot_3(regions.size()), tot_nb(regions.size());
      for (std::size_t ri = 0; ri < regions.size(); ++ri) {
        const auto& r = regions[ri];
        std::map<int, double> own;
        for (int y = origin - 2; y <= origin; ++y) own[y] = hist(r, y);
        for (std::size_t h = 0; h < scored_years.size(); ++h) {
          const int y = scored_years[h];
          std::vector<double> members;
          for (const auto& m : in.members) {
            const auto it = m.events.cells.find({r, y});
            members.push_back(it == m.events.cells.end() ? 0.0 : get(it->second));
          }
          o.push_back(obs(r, y));
          origin_values.push_back(hist(r, origin));
          model.point.push_back(engine::sample_mean(members));
          model.draws.push_back(
              model_draws(in, members, quantity, y - origin, quantity + "|" + r + "|" + std::to_string(y)));
          per.point.push_back(persistence_of(own, origin));
          mean3.point.push_back(mean3_of(own, origin));
          std::vector<double> nb_draws = paths.empty() ? std::vector<double>{} : paths.at(r)[h];
          nb.point.push_back(means.empty() ? 0.0 : means.at(r)[h]);
          nb.draws.push_back(nb_draws);
          tot_o[ri] += o.back();
          tot_m[ri] += model.point.back();
          tot_p[ri] += per.point.back();
          tot_3[ri] += mean3.point.back();
          tot_nb[ri] += nb.point.back();
          Json row = forecast_row(
              o.back(), members, model.draws.back(), model.point.back(), per.point.back(), mean3.point.back(),
              paths.empty() ? std::nullopt : std::optional<double>(nb.point.back()), nb_draws);
          row["region"] = r;
          row["year"] = y;
          row["metric"] = quantity;
          row["origin_year_observed"] = origin_values.back();
          j["rows"].push_back(row);
        }
      }
      const std::string label = quantity + " by region-year";
      const std::optional<Scored> nb_scores =
          paths.empty() ? std::nullopt : std::optional<Scored>(score(nb, o, origin_values, true));
      add_metrics(metrics, quantity, label, score(model, o, origin_values, true),
                  score(per, o, origin_values, true), score(mean3, o, origin_values, true), nb_scores, true,
                  true, true);
      metrics.push_back({quantity + ": regional shares (distance)", label, Better::Lower,
                         distance(tot_m, tot_o), distance(tot_p, tot_o), distance(tot_3, tot_o),
                         paths.empty() ? std::nullopt : std::optional<double>(distance(tot_nb, tot_o))});
      Json shares = Json::object();
      for (std::size_t ri = 0; ri < regions.size(); ++ri) {
        const double so = std::accumulate(tot_o.begin(), tot_o.end(), 0.0);
        const double sm = std::accumulate(tot_m.begin(), tot_m.end(), 0.0);
        shares[regions[ri]] = {{"observed", so > 0 ? tot_o[ri] / so : 0.0},
                               {"model", sm > 0 ? tot_m[ri] / sm : 0.0}};
      }
      j["shares"][quantity] = shares;

      // Yearly totals over a set of regions: the nation's (every region), and with several states
      // each country's, each beside the same baselines.
      auto totals = [&](const std::vector<std::string>& within, const std::string& prefix,
                        const std::string& group) {
        std::map<int, double> totals_history;
        for (const auto& [key, v] : history) {
          if (std::find(within.begin(), within.end(), key.first) != within.end())
            totals_history[key.second] += v;
        }
        Forecast nm, np, n3, nnb;
        std::vector<double> no;
        Json rows_out = Json::array();
        for (std::size_t h = 0; h < scored_years.size(); ++h) {
          const int y = scored_years[h];
          double ov = 0;
          for (const auto& r : within) ov += obs(r, y);
          std::vector<double> members;
          for (const auto& m : in.members) {
            double s = 0;
            for (const auto& r : within) {
              const auto it = m.events.cells.find({r, y});
              s += it == m.events.cells.end() ? 0.0 : get(it->second);
            }
            members.push_back(s);
          }
          std::vector<double> sums(paths.empty() ? 0 : in.nb_paths, 0.0);
          double mean_sum = 0;
          for (const auto& r : within) {
            if (paths.count(r) == 0) continue;
            for (std::size_t p = 0; p < sums.size(); ++p) sums[p] += paths.at(r)[h][p];
            mean_sum += means.at(r)[h];
          }
          no.push_back(ov);
          nm.point.push_back(engine::sample_mean(members));
          nm.draws.push_back(model_draws(in, members, prefix, y - origin, prefix + "|" + std::to_string(y)));
          np.point.push_back(persistence_of(totals_history, origin));
          n3.point.push_back(mean3_of(totals_history, origin));
          nnb.point.push_back(mean_sum);
          nnb.draws.push_back(sums);
          Json row =
              forecast_row(ov, members, nm.draws.back(), nm.point.back(), np.point.back(), n3.point.back(),
                           paths.empty() ? std::nullopt : std::optional<double>(nnb.point.back()), sums);
          row["year"] = y;
          rows_out.push_back(row);
        }
        const std::optional<Scored> nnb_scores =
            paths.empty() ? std::nullopt : std::optional<Scored>(score(nnb, no, {}, false));
        add_metrics(metrics, prefix, group, score(nm, no, {}, false), score(np, no, {}, false),
                    score(n3, no, {}, false), nnb_scores, false, true, false);
        return rows_out;
      };
      j["national"][quantity] =
          totals(regions, quantity + ": national yearly totals", "national " + quantity);
      for (const auto& [country, within] : in.countries) {
        j["countries"][country][quantity] =
            totals(within, quantity + ": " + country + " yearly totals", country + " " + quantity);
      }
    }
  }

  // Yearly scalars: persistence and the three-year mean; the regression does not apply.
  auto scalar = [&](const std::string& name, const std::map<int, double>& full,
                    const std::function<const std::map<int, double>*(const RunFigures&)>& of) {
    std::map<int, double> history;
    for (const auto& [y, v] : full) {
      if (y <= origin) history[y] = v;
    }
    Forecast m, p, t;
    std::vector<double> o;
    Json rows = Json::array();
    for (const auto& [y, ov] : full) {
      if (y <= origin || y > in.last_year) continue;
      std::vector<double> members;
      for (const auto& run : in.members) {
        const auto* series = of(run);
        if (series == nullptr) continue;
        const auto it = series->find(y);
        if (it != series->end()) members.push_back(it->second);
      }
      if (members.empty()) continue;
      o.push_back(ov);
      m.point.push_back(engine::sample_mean(members));
      m.draws.push_back(model_draws(in, members, name, y - origin, name + "|" + std::to_string(y)));
      p.point.push_back(persistence_of(history, origin));
      t.point.push_back(mean3_of(history, origin));
      const auto [log_mean, log_var] = log_moments(members);
      rows.push_back({{"year", y},
                      {"observed", ov},
                      {"model", m.point.back()},
                      {"model_p5", percentile(m.draws.back(), 5)},
                      {"model_p95", percentile(m.draws.back(), 95)},
                      {"model_log_mean", log_mean},
                      {"model_log_var", log_var},
                      {"persistence", p.point.back()},
                      {"mean3", t.point.back()},
                      {"nb", nullptr}});
    }
    j["scalars"][name] = rows;
    if (o.empty()) return;
    add_metrics(metrics, name, name, score(m, o, {}, false), score(p, o, {}, false), score(t, o, {}, false),
                std::nullopt, false, false, false);
  };
  if (observed.events) kind_scalars(*observed.events, scalar);
  if (observed.peacekeeping) peacekeeping_scalars(*observed.peacekeeping, scalar);
  if (observed.displacement) {
    const auto& d = *observed.displacement;
    stock_scalars(d, scalar);
    for (const auto& [iso, series] : in.members.front().displacement.hosts) {
      const auto it = d.hosts.find(iso);
      if (it == d.hosts.end()) continue;
      scalar("refugees_in_" + iso + "_year_end", it->second, [iso = iso](const RunFigures& r) {
        const auto jt = r.displacement.hosts.find(iso);
        return jt == r.displacement.hosts.end() ? nullptr : &jt->second;
      });
    }
    returns_scalars(d, scalar);
  }

  j["metrics"] = Json::array();
  std::vector<std::string> not_beaten;
  std::size_t judged = 0;
  for (const auto& m : metrics) {
    auto mj = metric_json(m);
    if (!mj["model_beats_best"].is_null()) {
      ++judged;
      if (!mj["model_beats_best"].get<bool>()) not_beaten.push_back(m.name);
    }
    j["metrics"].push_back(std::move(mj));
  }
  j["scored_years"] = Json::array();
  for (int y = origin + 1; y <= in.last_year; ++y) j["scored_years"].push_back(y);
  j["verdict"] = {{"metrics_judged", judged},
                  {"model_beats_best_baseline", judged - not_beaten.size()},
                  {"not_beaten", not_beaten}};
  return j;
}

}  // namespace peacesim::validation
