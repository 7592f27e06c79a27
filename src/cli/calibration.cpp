#include "cli/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlopt.hpp>
#include <numeric>

#include "analysis/compare.hpp"
#include "cli/observed_files.hpp"
#include "cli/prepared_run.hpp"
#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "validation/backtest.hpp"

namespace peacesim::cli {

namespace {

nlopt::algorithm algorithm_of(const std::string& name) {
  if (name == "neldermead") return nlopt::LN_NELDERMEAD;
  if (name == "bobyqa") return nlopt::LN_BOBYQA;
  if (name == "cobyla") return nlopt::LN_COBYLA;
  if (name == "sbplx") return nlopt::LN_SBPLX;
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, "--algorithm",
                                "'" + name + "' is not one of neldermead, bobyqa, cobyla, sbplx");
}

// The ensemble at these parameter values, scored by validate's metrics on the window.
double loss_at(const PreparedRun& run, const validation::Observed& observed, const CalibrationSettings& s,
               const std::vector<double>& values, const std::vector<std::uint64_t>& seeds) {
  analysis::Arm arm = arm_at(run, s.ranges, values);
  arm.end = std::min(arm.end, s.to);  // nothing after the window counts
  std::vector<validation::RunFigures> figures(seeds.size());
  try {
    analysis::run_points_visiting(
        {arm}, seeds, s.threads,
        [&](std::size_t i, const engine::Recorder& r) {
          figures[i] = validation::figures_of(r, s.from, s.to, observed.regions);
        },
        [] {}, s.stop);
  } catch (const analysis::Interrupted&) {
    throw nlopt::forced_stop();
  }
  return validation::calibration_loss(
      validation::validate(figures, observed, s.from, s.to, validation::BaselineMode::Rolling));
}

struct Search {
  const PreparedRun* run = nullptr;
  const validation::Observed* observed = nullptr;
  const CalibrationSettings* settings = nullptr;
  CalibrationResult result;
};

std::string shown(const std::vector<ParameterRange>& ranges, const std::vector<double>& values) {
  std::string out;
  for (std::size_t k = 0; k < values.size(); ++k) out += fmt::format(" {}={:.6g}", ranges[k].name, values[k]);
  return out;
}

double evaluate(const std::vector<double>& unit, Search& search) {
  const auto& s = *search.settings;
  if (s.stop != nullptr && *s.stop) throw nlopt::forced_stop();
  std::vector<double> values(unit.size());
  for (std::size_t k = 0; k < unit.size(); ++k)
    values[k] = s.ranges[k].low + std::clamp(unit[k], 0.0, 1.0) * (s.ranges[k].high - s.ranges[k].low);
  values = effective_values(s.ranges, values);
  const double loss = loss_at(*search.run, *search.observed, s, values, s.seeds);
  auto& r = search.result;
  r.points.push_back({values, loss, std::nullopt});
  const bool best = loss < r.points[r.best_of_search].loss || r.points.size() == 1;
  if (best) r.best_of_search = r.points.size() - 1;
  if (s.say)
    s.say(fmt::format("  evaluation {:>3}:{}  loss {:.5f}{}", r.points.size(), shown(s.ranges, values), loss,
                      best ? "  (best)" : ""));
  return loss;
}

}  // namespace

void check_algorithm(const std::string& name) { (void)algorithm_of(name); }

std::string observations_after(const validation::Observed& observed, engine::Date cutoff) {
  std::vector<std::string> parts;
  auto years_after = [&](const std::vector<int>& years, const std::string& what) {
    std::vector<int> later;
    for (const int y : years) {
      if (y > cutoff.year() || (y == cutoff.year() && !(cutoff.month() == 12 && cutoff.day() == 31)))
        later.push_back(y);
    }
    if (later.empty()) return;
    const auto [lo, hi] = std::minmax_element(later.begin(), later.end());
    parts.push_back(*lo == *hi ? fmt::format("{} {}", what, *lo) : fmt::format("{} {}–{}", what, *lo, *hi));
  };
  auto keys = [](const std::map<int, double>& m) {
    std::vector<int> out;
    for (const auto& [y, v] : m) out.push_back(y);
    return out;
  };
  if (observed.events) {
    std::vector<int> years;
    for (const auto& [key, c] : observed.events->cells) {
      if (key.second > cutoff.year()) years.push_back(key.second);
    }
    years_after(years, "ACLED events");
  }
  if (observed.displacement) {
    std::vector<int> years = keys(observed.displacement->refugees);
    const auto idps = keys(observed.displacement->idps);
    years.insert(years.end(), idps.begin(), idps.end());
    years_after(years, "UNHCR year-end stocks");
  }
  if (observed.peacekeeping) years_after(keys(observed.peacekeeping->years), "UN peacekeeping deaths");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void refuse_observations_after(const validation::Observed& observed, engine::Date to) {
  // The tables are yearly: an observation of a later year than the window's end is refused.
  const auto latest = validation::latest_observation(observed);
  if (!latest || latest->year() <= to.year()) return;
  throw validation::InputError(fmt::format(
      "observations of {} were handed to a fit that may use observations up to {} only: refused (a fit never "
      "sees what it will be scored on)",
      latest->year(), to.iso()));
}

CalibrationResult calibrate(const PreparedRun& run, const validation::Observed& observed,
                            const CalibrationSettings& settings) {
  const auto algorithm = algorithm_of(settings.algorithm);
  refuse_observations_after(observed, settings.to);
  Search search{&run, &observed, &settings, {}};
  const auto& ranges = settings.ranges;
  // Start from the scenario's values (clamped into the ranges), in the unit scale.
  std::vector<double> x(ranges.size());
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    const double v = run.parameters.value(ranges[k].name);
    x[k] = std::clamp((v - ranges[k].low) / (ranges[k].high - ranges[k].low), 0.0, 1.0);
  }
  nlopt::opt opt(algorithm, static_cast<unsigned>(ranges.size()));
  opt.set_lower_bounds(std::vector<double>(ranges.size(), 0.0));
  opt.set_upper_bounds(std::vector<double>(ranges.size(), 1.0));
  opt.set_min_objective([](const std::vector<double>& u, std::vector<double>&,
                           void* data) { return evaluate(u, *static_cast<Search*>(data)); },
                        &search);
  opt.set_maxeval(static_cast<int>(settings.budget));
  opt.set_xtol_rel(1e-3);
  opt.set_initial_step(std::vector<double>(ranges.size(), 0.25));
  double minimum = 0.0;
  try {
    (void)opt.optimize(x, minimum);
  } catch (const nlopt::forced_stop&) {
    throw CalibrationInterrupted(search.result.points.size());
  } catch (const nlopt::roundoff_limited&) {
    // The best point so far stands.
  }
  auto& result = search.result;
  result.chosen = result.best_of_search;
  if (settings.recheck == 0 || settings.recheck_seeds.empty()) return result;

  // The re-check: the best distinct points of the search, and the start, on fresh seeds.
  std::vector<std::size_t> order(result.points.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return result.points[a].loss < result.points[b].loss;
  });
  std::vector<std::size_t> chosen_ones;
  for (const std::size_t i : order) {
    if (chosen_ones.size() == settings.recheck) break;
    const bool repeat = std::any_of(chosen_ones.begin(), chosen_ones.end(), [&](std::size_t j) {
      return result.points[j].values == result.points[i].values;
    });
    if (!repeat) chosen_ones.push_back(i);
  }
  if (std::find(chosen_ones.begin(), chosen_ones.end(), 0) == chosen_ones.end()) chosen_ones.push_back(0);
  if (settings.say) {
    settings.say(fmt::format("  re-check of {} point(s) on fresh seeds {}..{}", chosen_ones.size(),
                             settings.recheck_seeds.front(), settings.recheck_seeds.back()));
  }
  try {
    for (const std::size_t i : chosen_ones) {
      if (settings.stop != nullptr && *settings.stop) throw nlopt::forced_stop();
      auto& p = result.points[i];
      p.fresh_loss = loss_at(run, observed, settings, p.values, settings.recheck_seeds);
      if (settings.say)
        settings.say(fmt::format("  evaluation {:>3}{}: search loss {:.5f}, fresh-seed loss {:.5f}", i + 1,
                                 i == 0 ? " (the scenario's values)" : "", p.loss, *p.fresh_loss));
    }
  } catch (const nlopt::forced_stop&) {
    throw CalibrationInterrupted(result.points.size());
  }
  result.chosen = chosen_ones.front();
  for (const std::size_t i : chosen_ones) {
    if (*result.points[i].fresh_loss < *result.points[result.chosen].fresh_loss) result.chosen = i;
  }
  return result;
}

engine::Date rehearsal_origin(engine::Date to) { return engine::Date(to.year() - 1, 12, 31); }

void check_rehearsal(engine::Date from, engine::Date to, const std::string& option) {
  if (to.month() != 12 || to.day() != 31)
    throw scenario::ScenarioError(
        scenario::Location{"<command line>", 0, 0}, option,
        "a rehearsed fit forecasts the window's last year: the window must end on a "
        "31 December, not " +
            to.iso());
  const engine::Date origin = rehearsal_origin(to);
  if (from.year() >= origin.year())
    throw scenario::ScenarioError(
        scenario::Location{"<command line>", 0, 0}, option,
        fmt::format("a rehearsed fit forecasts {} from {}: the window ({} → {}) needs at least a year "
                    "before that origin",
                    to.year(), origin.iso(), from.iso(), to.iso()));
}

PreparedRun rehearsal_of(const std::string& scenario, const scenario::LoadOptions& load, engine::Date from,
                         engine::Date to, const std::string& option) {
  check_rehearsal(from, to, option);
  scenario::LoadOptions at = load;
  at.overrides.push_back("calendar.forecast_origin=" + rehearsal_origin(to).iso());
  return prepare(scenario, at);
}

std::vector<ParameterRange> ranges_to_fit(const PreparedRun& run, const std::vector<std::string>& params) {
  const auto section = read_calibration_section(run);
  if (params.empty() && !section)
    throw scenario::ScenarioError(
        scenario::Location{"<command line>", 0, 0}, "--param",
        "give at least one parameter (NAME or NAME=LOW:HIGH), or a calibration: section in the scenario");
  return parse_ranges(run, params.empty() ? section->params : params);
}

Window fit_window(const PreparedRun& run, const std::string& from, const std::string& from_option,
                  const std::string& to, const std::string& to_option) {
  const Window w = window_options(from, from_option, to, to_option, default_window(run.scenario));
  if (w.to > run.scenario.end)
    throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, to_option,
                                  w.to.iso() + " is after the scenario's end " + run.scenario.end.iso());
  return w;
}

std::optional<CalibrationSection> read_calibration_section(const PreparedRun& run) {
  const scenario::Node* node = run.scenario.root.get("calibration");
  if (node == nullptr || node->is_null()) return std::nullopt;
  scenario::MapReader r(*node, "calibration");
  CalibrationSection out;
  out.from = r.optional_date("from");
  auto count = [&](const std::string& key) -> std::optional<std::size_t> {
    const auto v = r.optional_integer(key);
    if (!v) return std::nullopt;
    if (*v < 0 || *v > 100000)
      throw scenario::ScenarioError(r.required(key).where(), r.field(key), "expected 0..100000");
    return static_cast<std::size_t>(*v);
  };
  out.evaluations = count("evaluations");
  out.members = count("members");
  out.recheck = count("recheck");
  out.recheck_members = count("recheck_members");
  if (out.evaluations && *out.evaluations < 2)
    throw scenario::ScenarioError(r.required("evaluations").where(), r.field("evaluations"), "at least 2");
  if (out.members && *out.members < 1)
    throw scenario::ScenarioError(r.required("members").where(), r.field("members"), "at least 1");
  (void)r.string("source");
  const scenario::Node& list = r.required("parameters");
  if (!list.is_sequence() || list.items().empty())
    throw scenario::ScenarioError(list.where(), r.field("parameters"), "expected a list of parameters");
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    const std::string field = fmt::format("calibration.parameters[{}]", i);
    scenario::MapReader p(list.items()[i], field);
    const std::string name = p.string("name");
    const double low = p.number("low"), high = p.number("high");
    (void)p.string("source");
    p.finish();
    const std::string arg = fmt::format("{}={}:{}", name, low, high);
    out.params.push_back(arg);
    try {
      (void)parse_ranges(run, out.params);
    } catch (const scenario::ScenarioError& e) {
      throw scenario::ScenarioError(list.items()[i].where(), field, e.message());
    }
  }
  r.finish();
  return out;
}

}  // namespace peacesim::cli
