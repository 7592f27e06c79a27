// A backtest's model discrepancy (validation/discrepancy.hpp), estimated from hindcasts: the
// forecast's ensemble started at each 31 December before the origin (within the scenario's
// calendar) and scored on the years up to the origin, with the observations up to the origin only.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "cli/prepared_run.hpp"
#include "validation/backtest.hpp"
#include "validation/discrepancy.hpp"

namespace peacesim::cli {

struct Hindcasts {
  std::string scenario;           // the scenario file, loaded again at each hindcast origin
  engine::Date start;             // the scenario's first day (where the first hindcast may start)
  scenario::LoadOptions load;     // the command's overrides, seed and scale
  bool simulate_through = false;  // as the forecast: from the state observed at the origin, or not
  // The members' arms for a run prepared at a hindcast origin: the forecast's parameters (its fit's
  // or its posterior's draws), so hindcasts and forecast differ only in where they start.
  std::function<std::vector<analysis::Arm>(const PreparedRun&)> arms;
  std::vector<std::uint64_t> seeds;            // one per member
  const validation::Observed* full = nullptr;  // every observation (cut at the origin here)
  validation::ForecastInput scoring;           // adjacency and countries for score_forecast
  unsigned threads = 1;
  const std::atomic<bool>* stop = nullptr;
  bool quiet = false;
};

// The year-ends a forecast from `origin` is hindcast from: every 31 December from the end of the
// first whole year a scenario starting on `start` simulates to the one before the origin.
std::vector<engine::Date> hindcast_origins(engine::Date start, engine::Date origin);

// Runs the hindcasts for `origin` and estimates the discrepancy; `report` receives, for the JSON,
// the hindcast origins, members and every estimate. Throws analysis::Interrupted when stopped.
validation::Discrepancy estimate_discrepancy(const Hindcasts& h, engine::Date origin, std::uint64_t seed,
                                             nlohmann::json& report);

}  // namespace peacesim::cli
