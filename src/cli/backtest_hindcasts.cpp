#include "cli/backtest_hindcasts.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "cli/progress.hpp"
#include "validation/observed.hpp"

namespace peacesim::cli {

std::vector<engine::Date> hindcast_origins(engine::Date start, engine::Date origin) {
  // A forecast reads the state of its origin's whole year (M17: the deaths observed in it): the
  // first hindcast starts at the end of the first year the scenario simulates from 1 January.
  std::vector<engine::Date> out;
  const int first = start == engine::Date(start.year(), 1, 1) ? start.year() : start.year() + 1;
  for (int y = first; y < origin.year(); ++y) out.emplace_back(y, 12, 31);
  return out;
}

namespace {

// One hindcast: the members from `from` to `origin`, scored on the years between (no regression:
// only the model's cells are read).
nlohmann::json hindcast_scores(const Hindcasts& h, const validation::Observed& seen, engine::Date from,
                               engine::Date origin) {
  scenario::LoadOptions at = h.load;
  at.overrides.push_back("calendar.forecast_origin=" +
                         (h.simulate_through ? std::string("none") : from.iso()));
  const PreparedRun run = prepare(h.scenario, at);
  std::vector<analysis::Arm> arms = h.arms(run);
  for (auto& a : arms) a.end = origin;
  validation::ForecastInput input = h.scoring;
  input.observed = &seen;
  input.origin_year = from.year();
  input.last_year = origin.year();
  input.regression = false;
  input.discrepancy = nullptr;
  input.members.resize(h.seeds.size());
  const engine::Date scored_from(from.year() + 1, 1, 1);
  Progress progress(Progress::style_for(stderr, h.quiet), "hindcast " + from.iso() + " → " + origin.iso());
  std::size_t done = 0;
  analysis::run_pairs_visiting(
      h.seeds.size(), [&](std::size_t i) -> const analysis::Arm& { return arms[i]; },
      [&](std::size_t i) { return h.seeds[i]; }, h.threads,
      [&](std::size_t i, const engine::Recorder& r) {
        input.members[i] = validation::figures_of(r, scored_from, origin, seen.regions);
      },
      [&] {
        progress.update(static_cast<std::uint32_t>(++done), static_cast<std::uint32_t>(h.seeds.size()));
      },
      h.stop);
  progress.finish();
  return validation::score_forecast(input);
}

}  // namespace

validation::Discrepancy estimate_discrepancy(const Hindcasts& h, engine::Date origin, std::uint64_t seed,
                                             nlohmann::json& report) {
  // Nothing observed after the origin: the hindcasts are scored on the years up to it.
  const validation::Observed seen = validation::observed_up_to(*h.full, origin);
  std::vector<validation::ErrorCell> cells;
  report = {{"method",
             "hindcasts from each earlier 31 December; sigma^2 = max(0, mean(e^2) - mean(v)) on ln(1 + x)"},
            {"members", h.seeds.size()},
            {"hindcast_origins", nlohmann::json::array()}};
  for (const engine::Date& from : hindcast_origins(h.start, origin)) {
    const nlohmann::json scores = hindcast_scores(h, seen, from, origin);
    const auto found = validation::error_cells(scores);
    cells.insert(cells.end(), found.begin(), found.end());
    report["hindcast_origins"].push_back({{"origin", from.iso()}, {"cells", found.size()}});
  }
  validation::Discrepancy d(cells, seed);
  report["sigma"] = d.to_json();
  return d;
}

}  // namespace peacesim::cli
