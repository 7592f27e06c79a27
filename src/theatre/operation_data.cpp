// Reads the operations' data files: monthly strengths (operations_strength_monthly_2013-2016.csv)
// and deployment-map snapshots (Geo-PKO's bases of a UN operation).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include "scenario/error.hpp"
#include "theatre/csv.hpp"
#include "theatre/theatre.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

namespace {
CsvTable open_table(const FileRef& file) {
  try {
    return read_csv(file.path);
  } catch (const std::exception& e) {
    throw ScenarioError(file.where, file.field,
                        fmt::format("cannot read data file '{}': {}", file.text, e.what()));
  }
}

std::size_t need_column(const CsvTable& t, const FileRef& file, const std::string& name) {
  if (auto c = t.column(name)) return *c;
  throw ScenarioError(file.where, file.field,
                      fmt::format("data file '{}' has no column '{}'", file.text, name));
}

double cell_number(const std::string& text, const FileRef& file, std::size_t row, const std::string& column) {
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || v < 0) {
    throw ScenarioError(file.where, file.field,
                        fmt::format("data file '{}', row {}, column '{}': expected a count, got '{}'",
                                    file.text, row + 2, column, text));
  }
  return v;
}

// "2013m7" -> 2013-07-01
std::optional<Date> parse_year_month(const std::string& text) {
  const auto m = text.find('m');
  if (m == std::string::npos) return std::nullopt;
  int year = 0;
  unsigned month = 0;
  const auto r1 = std::from_chars(text.data(), text.data() + m, year);
  const auto r2 = std::from_chars(text.data() + m + 1, text.data() + text.size(), month);
  if (r1.ec != std::errc{} || r2.ec != std::errc{} || month < 1 || month > 12) return std::nullopt;
  return Date(year, month, 1);
}

Date first_of_month(Date d) { return Date(d.year(), d.month(), 1); }

void load_strength_file(const StrengthFile& s, Operation& op, std::vector<StrengthPoint>& out) {
  const CsvTable t = open_table(s.file);
  const std::size_t mission = need_column(t, s.file, "mission");
  const std::size_t date = need_column(t, s.file, "date");
  std::vector<std::size_t> mil;
  std::vector<std::size_t> pol;
  for (const auto& c : s.military_columns) mil.push_back(need_column(t, s.file, c));
  for (const auto& c : s.police_columns) pol.push_back(need_column(t, s.file, c));
  const Date from = first_of_month(s.from.date);
  const Date to = first_of_month(s.to.date);
  std::map<Date, StrengthPoint> months;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    if (row[mission] != s.mission) continue;
    const auto month = parse_year_month(row[date]);
    if (!month) {
      throw ScenarioError(
          s.file.where, s.file.field,
          fmt::format("data file '{}', row {}: date '{}' is not YYYYmM", s.file.text, i + 2, row[date]));
    }
    if (*month < from || *month > to) continue;
    StrengthPoint p;
    p.when = When{*month, Precision::Month, s.file.where, s.field};
    for (std::size_t k = 0; k < mil.size(); ++k)
      p.military += cell_number(row[mil[k]], s.file, i, s.military_columns[k]);
    for (std::size_t k = 0; k < pol.size(); ++k)
      p.police += cell_number(row[pol[k]], s.file, i, s.police_columns[k]);
    p.source = s.source;
    p.field = s.field;
    if (!months.emplace(*month, std::move(p)).second) {
      throw ScenarioError(s.file.where, s.file.field,
                          fmt::format("data file '{}' has two rows for mission '{}' in {}", s.file.text,
                                      s.mission, month->year_month()));
    }
  }
  for (Date d = from; d <= to; d = Date(d.month() == 12 ? d.year() + 1 : d.year(), d.month() % 12 + 1, 1)) {
    if (!months.count(d)) {
      throw ScenarioError(s.from.where, s.from.field,
                          fmt::format("data file '{}' has no row for mission '{}' in {} (operation '{}')",
                                      s.file.text, s.mission, d.year_month(), op.id));
    }
  }
  for (auto& [d, p] : months) out.push_back(std::move(p));
}

std::optional<std::size_t> match_place(const std::vector<Place>& places, const std::string& name) {
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (places[i].name == name) return i;
    if (std::find(places[i].aliases.begin(), places[i].aliases.end(), name) != places[i].aliases.end())
      return i;
  }
  return std::nullopt;
}

void load_spread(const SpreadFile& s, const std::vector<Place>& places, Operation& op) {
  const CsvTable t = open_table(s.file);
  const std::size_t source = need_column(t, s.file, "Source");
  const std::size_t mission = need_column(t, s.file, "Mission");
  const std::size_t year = need_column(t, s.file, "year");
  const std::size_t month = need_column(t, s.file, "month");
  const std::size_t location = need_column(t, s.file, "location");
  const std::size_t troops = need_column(t, s.file, "No.troops");
  std::map<std::pair<Date, std::string>, SpreadSnapshot> snapshots;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    if (row[mission] != s.mission) continue;
    const int y = static_cast<int>(cell_number(row[year], s.file, i, "year"));
    const auto m = static_cast<unsigned>(cell_number(row[month], s.file, i, "month"));
    if (m < 1 || m > 12) {
      throw ScenarioError(s.file.where, s.file.field,
                          fmt::format("data file '{}', row {}: month {}", s.file.text, i + 2, m));
    }
    const std::string site = repair_mojibake(row[location]);
    const auto place = match_place(places, site);
    if (!place) {
      throw ScenarioError(
          s.file.where, s.file.field,
          fmt::format("site '{}' of data file '{}' (row {}) matches no place's name or aliases", site,
                      s.file.text, i + 2));
    }
    auto& snap = snapshots[{Date(y, m, 1), row[source]}];
    snap.date = Date(y, m, 1);
    snap.revision = row[source];
    snap.sites.push_back({*place, cell_number(row[troops], s.file, i, "No.troops")});
  }
  if (snapshots.empty()) {
    throw ScenarioError(s.file.where, s.file.field,
                        fmt::format("data file '{}' has no rows for mission '{}'", s.file.text, s.mission));
  }
  for (auto& [key, snap] : snapshots) {
    if (!op.spread_snapshots.empty() && op.spread_snapshots.back().date == snap.date) {
      throw ScenarioError(
          s.file.where, s.file.field,
          fmt::format("data file '{}' has two snapshots in {}", s.file.text, snap.date.year_month()));
    }
    op.spread_snapshots.push_back(std::move(snap));
  }
}
}  // namespace

void load_operation_data(Theatre& theatre) {
  for (auto& op : theatre.operations) {
    std::vector<StrengthPoint> from_files;
    for (const auto& file : op.actual_files) load_strength_file(file, op, from_files);
    // A figure written in the scenario replaces a file's figure for the same date.
    for (auto& p : from_files) {
      const bool replaced = std::any_of(op.actual.begin(), op.actual.end(),
                                        [&](const StrengthPoint& e) { return e.when.date == p.when.date; });
      if (!replaced) op.actual.push_back(std::move(p));
    }
    std::stable_sort(op.actual.begin(), op.actual.end(), [](const StrengthPoint& a, const StrengthPoint& b) {
      return a.when.date < b.when.date;
    });
    if (op.spread) load_spread(*op.spread, theatre.places, op);
  }
}

}  // namespace peacesim::theatre
