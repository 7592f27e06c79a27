// The backtest report given to `serve --backtest`, and the observed series beside a run's own
// (`serve --observed`): the figures validate compares, year by year (validation/observed_series.hpp).
#include "validation/observed_series.hpp"
#include "web/api.hpp"
#include "web/api_util.hpp"
#include "web/store_reader.hpp"

namespace peacesim::web {

using json = nlohmann::json;

namespace {

json points(const std::map<int, double>& years) {
  json out = json::array();
  for (const auto& [year, v] : years)
    out.push_back({{"date", engine::Date(year, 12, 31).iso()}, {"value", v}});
  return out;
}

json by_region(const std::map<std::string, std::map<int, double>>& regions) {
  json out = json::object();
  for (const auto& [region, years] : regions) out[region] = points(years);
  return out;
}

}  // namespace

void Api::set_backtest(nlohmann::json report) {
  backtest_answer_ = ok(report);
  backtest_ = std::move(report);
}

Response Api::backtest() const {
  if (!backtest_)
    return error(404, "no backtest given: start serve with --backtest FILE (from peacesim backtest --out)");
  return backtest_answer_;
}

Response Api::observed(const Source& s) const {
  if (!validation_) return error(404, "no observed data given: start serve with --observed FILE");
  // As for the validation: a run that ends before the window is read up to its own end.
  engine::Date to = validation_->to;
  const json calendar = manifest_of(s.members.front()).value("calendar", json::object());
  if (const auto end = engine::Date::parse(calendar.value("end", std::string{})); end && *end < to) to = *end;
  if (to < validation_->from) return error(422, "the run ends before the observed window starts");
  std::vector<validation::RunFigures> runs;
  try {
    for (const auto& m : s.members) runs.push_back(validation::read_run(m, validation_->from, to));
  } catch (const validation::InputError& e) {
    return error(422, e.what());
  }
  const std::string national = StoreReader(s.members.front()).first_region();
  json series = json::object();
  for (const auto& q : validation::observed_series(validation_->observed, runs, national,
                                                   validation_->from.year(), validation_->to.year())) {
    series[q.name] = {{"label", q.label},
                      {"measure", q.measure},
                      {"model_series", q.model_series},
                      {"observed", by_region(q.observed)},
                      {"simulated", by_region(q.simulated)}};
  }
  // The origin: each backtest origin when one was given, else the end of the observed window.
  json origins = json::array();
  if (backtest_) {
    for (const auto& o : backtest_->value("origins", json::array())) {
      if (o.is_object() && o.contains("origin"))
        origins.push_back({{"date", o["origin"]}, {"label", "backtest origin"}});
    }
  } else {
    origins.push_back({{"date", validation_->to.iso()}, {"label", "end of the observed window"}});
  }
  return ok({{"national", national},
             {"window", {{"from", validation_->from.iso()}, {"to", validation_->to.iso()}}},
             {"observed_files", validation_->observed.files},
             {"origins", origins},
             {"series", series}});
}

}  // namespace peacesim::web
