// The backtest's metrics as outcomes of `sensitivity` (issue 18 item 1): with `--observed`, each
// point of a design is a forecast from the scenario's calendar.forecast_origin, and its members are
// scored on the years after the origin exactly as `backtest` scores an ensemble
// (validation/backtest.hpp). A point's outcome `backtest:<metric>` is the model's value of that
// metric (a log-MAE, a CRPS, a coverage...) for the point's members together, so a parameter's
// index says how much it moves the forecast's skill, not only its level.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/prepared_run.hpp"
#include "engine/recorder.hpp"
#include "validation/metrics.hpp"
#include "validation/nb_regression.hpp"
#include "validation/observed.hpp"

namespace peacesim::cli {

// The prefix of a backtest metric's outcome name: "backtest:" + the metric's name in backtest's JSON.
inline constexpr const char* kBacktestOutcomePrefix = "backtest:";

bool is_backtest_outcome(const std::string& name);

// What scoring a point needs, read once: the observations (whole history: the baselines are
// frozen at the origin year), the regions' neighbours, the origin and the years scored.
struct PointScoring {
  validation::Observed observed;
  validation::Adjacency adjacency;
  int origin_year = 0;
  int last_year = 0;  // the last observed year the scenario reaches
  engine::Date scored_from, scored_to;
};

// Throws scenario::ScenarioError naming the option or the scenario's field when the scenario has no
// forecast origin, no region boundaries, or no observation after the origin within its calendar;
// validation::InputError for a file it cannot read.
PointScoring point_scoring(const PreparedRun& run, const std::vector<std::string>& observed_files);

// One member's figures for the scored years.
validation::RunFigures scored_figures(const PointScoring& scoring, const engine::Recorder& run);

// The model's value of every metric backtest reports for these members, by outcome name
// ("backtest:" + metric); metrics without a value (null) are left out.
std::map<std::string, double> point_metrics(const PointScoring& scoring,
                                            std::vector<validation::RunFigures> members);

}  // namespace peacesim::cli
