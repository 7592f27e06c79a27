// The observed data beside the model's series, year by year, for the dashboard's time-series view:
// each quantity validate compares (violent events and their deaths by region, the UN operation's deaths,
// refugees, IDPs, refugees by host), with the observed figures and the run's own figures as
// validate reads them (read_run), so that the chart shows what the metrics score.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "validation/metrics.hpp"

namespace peacesim::validation {

struct YearlySeries {
  std::string name;           // the model's series (its name in the store), or the events' quantity
  std::string label;          // where the observation comes from
  std::string measure;        // "yearly total" or "year-end stock"
  bool model_series = false;  // whether `name` is a series of the store (else only `simulated` shows it)
  // By region (the national figure under `national`), by year.
  std::map<std::string, std::map<int, double>> observed, simulated;
};

// Every quantity with an observation, for years from_year..to_year (observed years up to to_year
// only; simulated years as far as the runs reach). The runs' figures are their mean; `national` is
// the store's name for the whole country.
std::vector<YearlySeries> observed_series(const Observed& observed, const std::vector<RunFigures>& runs,
                                          const std::string& national, int from_year, int to_year);

}  // namespace peacesim::validation
