#include "cli/point_scores.hpp"

#include <fmt/format.h>

#include "cli/observed_files.hpp"
#include "cli/region_names.hpp"
#include "geo/adjacency.hpp"
#include "scenario/error.hpp"
#include "validation/backtest.hpp"

namespace peacesim::cli {

namespace {

// The regression's forecast needs few simulated paths here: the baselines are not reported by
// `sensitivity`, only the model's metrics, which do not depend on them.
constexpr std::size_t kBaselinePaths = 50;

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw scenario::ScenarioError(scenario::Location{"<command line>", 0, 0}, field, message);
}

}  // namespace

bool is_backtest_outcome(const std::string& name) { return name.rfind(kBacktestOutcomePrefix, 0) == 0; }

PointScoring point_scoring(const PreparedRun& run, const std::vector<std::string>& observed_files) {
  const auto& s = run.scenario;
  if (!s.forecast_origin)
    bad("--observed",
        "scoring a point as a backtest needs a forecast origin: set calendar.forecast_origin (e.g. --set "
        "calendar.forecast_origin=2015-12-31)");
  const engine::Date origin = *s.forecast_origin;
  if (origin.month() != 12 || origin.day() != 31)
    bad("--observed",
        "the forecast origin " + origin.iso() + " is not a 31 December: backtests score whole years");
  auto regions = scenario_regions(s);
  if (!regions)
    bad("--observed",
        "scoring a point as a backtest needs the scenario's region boundaries (geography.regions)");
  PointScoring p;
  p.adjacency = geo::neighbours(regions->layer);
  const ObservedScope scope = observed_scope(s, region_names(*regions));
  p.observed = load_observed(observed_files, engine::Date(1900, 1, 1), engine::Date(2200, 12, 31), scope);
  const auto latest = validation::latest_observation(p.observed);
  if (!latest) bad("--observed", "the files hold no observations");
  p.origin_year = origin.year();
  p.last_year =
      std::min(latest->year(), s.end.month() == 12 && s.end.day() == 31 ? s.end.year() : s.end.year() - 1);
  if (p.last_year <= p.origin_year)
    bad("--observed",
        fmt::format("nothing is observed and simulated after the origin {} (observations end in {}, "
                    "the scenario on {}): set an earlier calendar.forecast_origin",
                    origin.iso(), latest->year(), s.end.iso()));
  p.scored_from = engine::Date(p.origin_year + 1, 1, 1);
  p.scored_to = engine::Date(p.last_year, 12, 31);
  return p;
}

validation::RunFigures scored_figures(const PointScoring& scoring, const engine::Recorder& run) {
  return validation::figures_of(run, scoring.scored_from, scoring.scored_to, scoring.observed.regions);
}

std::map<std::string, double> point_metrics(const PointScoring& scoring,
                                            std::vector<validation::RunFigures> members) {
  validation::ForecastInput input;
  input.observed = &scoring.observed;
  input.origin_year = scoring.origin_year;
  input.last_year = scoring.last_year;
  input.adjacency = &scoring.adjacency;
  input.members = std::move(members);
  input.nb_paths = kBaselinePaths;
  const nlohmann::json scores = validation::score_forecast(input);
  std::map<std::string, double> out;
  for (const auto& m : scores.at("metrics")) {
    if (m.at("model").is_number())
      out[kBacktestOutcomePrefix + m.at("name").get<std::string>()] = m.at("model").get<double>();
  }
  return out;
}

}  // namespace peacesim::cli
