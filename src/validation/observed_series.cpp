#include "validation/observed_series.hpp"

#include <functional>

namespace peacesim::validation {

namespace {

using Years = std::map<int, double>;

// The mean over runs of one yearly figure, for the years any run has (a run without the year
// counts 0, as validate's sums do).
Years mean_over(const std::vector<RunFigures>& runs,
                const std::function<const Years*(const RunFigures&)>& of) {
  Years out;
  for (const auto& r : runs) {
    if (const Years* y = of(r)) {
      for (const auto& [year, v] : *y) out[year] += v;
    }
  }
  for (auto& [year, v] : out) v /= static_cast<double>(runs.size());
  return out;
}

Years within(const Years& y, int from_year, int to_year) {
  Years out;
  for (const auto& [year, v] : y) {
    if (year >= from_year && year <= to_year) out[year] = v;
  }
  return out;
}

// Events or their deaths by region and year, and their national total.
std::map<std::string, Years> by_region(const EventTable& t, bool deaths, const std::string& national) {
  std::map<std::string, Years> out;
  for (const auto& [cell, c] : t.cells) {
    const double v = deaths ? c.fatalities : c.events;
    out[cell.first][cell.second] += v;
    out[national][cell.second] += v;
  }
  return out;
}

}  // namespace

std::vector<YearlySeries> observed_series(const Observed& observed, const std::vector<RunFigures>& runs,
                                          const std::string& national, int from_year, int to_year) {
  std::vector<YearlySeries> out;
  if (observed.events) {
    for (const bool deaths : {false, true}) {
      YearlySeries s{deaths ? "violent_event_deaths" : "violent_events",
                     "ACLED: battles, violence against civilians, explosions/remote violence",
                     "yearly total",
                     false,
                     {},
                     {}};
      for (auto& [region, years] : by_region(*observed.events, deaths, national))
        s.observed[region] = within(years, from_year, to_year);
      std::map<std::string, Years> sums;
      for (const auto& r : runs) {
        for (const auto& [region, years] : by_region(r.events, deaths, national)) {
          for (const auto& [year, v] : years) sums[region][year] += v / static_cast<double>(runs.size());
        }
      }
      s.simulated = std::move(sums);
      out.push_back(std::move(s));
    }
  }
  if (observed.peacekeeping) {
    const auto& pk = *observed.peacekeeping;
    out.push_back(
        {pk.operation.series,
         "UN peacekeeping fatalities (" + pk.operation.mission + "): personnel killed by malicious acts",
         "yearly total",
         true,
         {{national, within(pk.years, from_year, to_year)}},
         {{national,
           mean_over(runs, [&pk](const RunFigures& r) { return r.casualties_of(pk.operation.series); })}}});
  }
  if (observed.displacement) {
    const auto& d = *observed.displacement;
    std::string unhcr = "UNHCR population statistics (end of year)";
    if (!d.by_country.empty()) {  // several states: only those the theatre holds whole are compared
      std::string whole;
      for (const auto& [country, stocks] : d.by_country) whole += (whole.empty() ? "" : ", ") + country;
      unhcr += ", the displaced of " + whole + " (the states the theatre holds whole)";
    }
    out.push_back(
        {kRefugeesSeries,
         unhcr,
         "year-end stock",
         true,
         {{national, within(d.refugees, from_year, to_year)}},
         {{national, mean_over(runs, [](const RunFigures& r) { return &r.displacement.refugees; })}}});
    out.push_back({kIdpSeries,
                   unhcr,
                   "year-end stock",
                   true,
                   {{national, within(d.idps, from_year, to_year)}},
                   {{national, mean_over(runs, [](const RunFigures& r) { return &r.displacement.idps; })}}});
    for (const auto& iso : compared_hosts(runs)) {
      const auto it = d.hosts.find(iso);
      if (it == d.hosts.end()) continue;
      out.push_back({kHostSeriesPrefix + iso,
                     unhcr,
                     "year-end stock",
                     true,
                     {{national, within(it->second, from_year, to_year)}},
                     {{national, mean_over(runs, [iso = iso](const RunFigures& r) -> const Years* {
                         const auto jt = r.displacement.hosts.find(iso);
                         return jt == r.displacement.hosts.end() ? nullptr : &jt->second;
                       })}}});
    }
    auto returns = [&](const std::string& name, const std::map<int, double>& observed_years,
                       const Years* (*of)(const RunFigures&)) {
      out.push_back({name,
                     "UNHCR population statistics (returns during the year)",
                     "yearly total",
                     false,  // the store holds totals since the start; this is their yearly difference
                     {{national, within(observed_years, from_year, to_year)}},
                     {{national, mean_over(runs, of)}}});
    };
    returns_scalars(d, returns);
  }
  return out;
}

}  // namespace peacesim::validation
