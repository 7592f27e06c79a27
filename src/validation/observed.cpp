#include "validation/observed.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "output/store_format.hpp"
#include "theatre/csv.hpp"
#include "validation/regions.hpp"

namespace peacesim::validation {

namespace fs = std::filesystem;

namespace {

// A table with the columns a reader needs, and located errors.
class Table {
 public:
  Table(const fs::path& path, const std::vector<std::string>& required) : path_(path) {
    try {
      table_ = theatre::read_csv(path);
    } catch (const std::runtime_error& e) {
      throw InputError(fmt::format("{}: {}", path.string(), e.what()));
    }
    for (const auto& name : required) {
      const auto c = table_.column(name);
      if (!c) throw InputError(fmt::format("{}:1: missing column '{}'", path.string(), name));
      columns_[name] = *c;
    }
  }
  [[nodiscard]] std::size_t size() const { return table_.rows.size(); }
  // Where a row is, for messages that name it beside another: "file:line".
  [[nodiscard]] std::string where(std::size_t row) const {
    return fmt::format("{}:{}", path_.string(), table_.lines[row]);
  }
  [[nodiscard]] const std::string& cell(std::size_t row, const std::string& column) const {
    return table_.rows[row][columns_.at(column)];
  }
  [[noreturn]] void fail(std::size_t row, const std::string& column, const std::string& message) const {
    throw InputError(
        fmt::format("{}:{}: column '{}': {}", path_.string(), table_.lines[row], column, message));
  }
  // Adds an optional column: true when the file has it (then cell() and number() read it).
  bool optional(const std::string& name) {
    const auto c = table_.column(name);
    if (c) columns_[name] = *c;
    return c.has_value();
  }
  [[nodiscard]] double number(std::size_t row, const std::string& column, bool na_is_zero = false) const {
    const std::string& text = cell(row, column);
    if (na_is_zero && (text.empty() || text == "NA")) return 0.0;
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    if (text.empty() || end == nullptr || *end != '\0' || !std::isfinite(x))
      fail(row, column, "'" + text + "' is not a number");
    if (x < 0) fail(row, column, "'" + text + "' is negative");
    return x;
  }
  [[nodiscard]] engine::Date date(std::size_t row, const std::string& column) const {
    const std::string& text = cell(row, column);
    if (auto d = engine::Date::parse(text)) return *d;
    fail(row, column, "'" + text + "' is not a date YYYY-MM-DD");
  }
  // The theatre's region a row names; empty for a region the theatre leaves out (not counted).
  [[nodiscard]] std::string region(std::size_t row, const std::string& column,
                                   const RegionNames& names) const {
    const std::string& text = cell(row, column);
    if (auto r = names.harmonize(text)) return *r;
    if (names.left_out(text)) return {};
    fail(row, column,
         "'" + text + "' is not a region of the theatre, nor a spelling its alias table knows (" +
             (names.empty()
                  ? std::string(
                        "the theatre has no regions: a run folder without " + std::string(kRegionNamesFile) +
                        ", from a model without a theatre or an earlier peacesim, which then must run again")
                  : fmt::format("{} regions: {}", names.regions().size(), fmt::join(names.regions(), ", "))) +
             "; geography.regions.aliases)");
  }

 private:
  fs::path path_;
  theatre::CsvTable table_;
  std::map<std::string, std::size_t> columns_;
};

// ACLED's event types, current and older names: the violent kind a type counts as, none for a
// type not counted (protests, strategic developments...); `known` is false for a type ACLED does
// not have (an error).
struct TypeReading {
  bool known = false;
  std::optional<ViolentKind> kind;
};
TypeReading read_type(const std::string& type) {
  std::string key;
  for (const char c : type) key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static const std::map<std::string, ViolentKind> counted{
      {"battles", ViolentKind::Battles},
      {"battle-no change of territory", ViolentKind::Battles},
      {"battle-government regains territory", ViolentKind::Battles},
      {"battle-non-state actor overtakes territory", ViolentKind::Battles},
      {"battle-non-state actors overtake territory", ViolentKind::Battles},
      {"violence against civilians", ViolentKind::ViolenceAgainstCivilians},
      {"explosions/remote violence", ViolentKind::RemoteViolence},
      {"remote violence", ViolentKind::RemoteViolence}};
  static const std::set<std::string> other{"strategic developments",
                                           "protests",
                                           "riots",
                                           "riots/protests",
                                           "non-violent transfer of territory",
                                           "headquarters or base established"};
  if (const auto it = counted.find(key); it != counted.end()) return {true, it->second};
  return {other.count(key) > 0, std::nullopt};
}

// Counts one event (or an aggregate row of `events`) in the region-year cells and its kind's
// national year.
void count(EventTable& table, const std::string& region, int year, ViolentKind kind, double events,
           double fatalities) {
  auto& c = table.cells[{region, year}];
  c.events += events;
  c.fatalities += fatalities;
  table.events_by_kind[kind][year] += events;
  table.fatalities_by_kind[kind][year] += fatalities;
}

// Every kind has a value, zero if need be, in each of the years.
void cover_years(EventTable& table, const std::set<int>& years) {
  for (const ViolentKind kind : kViolentKinds) {
    for (const int y : years) {
      table.events_by_kind[kind][y] += 0.0;
      table.fatalities_by_kind[kind][y] += 0.0;
    }
  }
}

// A run covers every year of the window, whether or not it had events in it.
void cover_window(EventTable& table, engine::Date from, engine::Date to) {
  std::set<int> years;
  for (int y = from.year(); y <= to.year(); ++y) years.insert(y);
  cover_years(table, years);
}

bool has_columns(const theatre::CsvTable& t, std::initializer_list<const char*> names) {
  return std::all_of(names.begin(), names.end(), [&](const char* n) { return t.column(n).has_value(); });
}

}  // namespace

void add_events(EventTable& into, const EventTable& from) {
  for (const auto& [key, c] : from.cells) {
    auto& to = into.cells[key];
    to.events += c.events;
    to.fatalities += c.fatalities;
  }
  for (const auto& [kind, years] : from.events_by_kind) {
    for (const auto& [year, n] : years) into.events_by_kind[kind][year] += n;
  }
  for (const auto& [kind, years] : from.fatalities_by_kind) {
    for (const auto& [year, n] : years) into.fatalities_by_kind[kind][year] += n;
  }
  into.rows += from.rows;
  into.duplicates += from.duplicates;
}

const char* slug(ViolentKind kind) {
  switch (kind) {
    case ViolentKind::Battles:
      return "battles";
    case ViolentKind::ViolenceAgainstCivilians:
      return "violence_against_civilians";
    case ViolentKind::RemoteViolence:
      return "remote_violence";
  }
  return "unknown";
}

ObservedKind kind_of(const fs::path& path) {
  theatre::CsvTable t;
  try {
    t = theatre::read_csv(path);
  } catch (const std::runtime_error& e) {
    throw InputError(fmt::format("{}: {}", path.string(), e.what()));
  }
  if (has_columns(t, {"event_id_cnty", "event_date", "event_type", "admin1", "fatalities"}))
    return ObservedKind::Acled;
  if (has_columns(t, {"month", "admin1", "event_type", "events", "fatalities"}))
    return ObservedKind::AcledAggregates;
  if (has_columns(t, {"year", "coo_iso", "coa_iso", "refugees", "idps"}))
    return ObservedKind::UnhcrPopulation;
  if (has_columns(t, {"incident_date", "type_of_incident"})) return ObservedKind::PeacekeepingFatalities;
  throw InputError(fmt::format(
      "{}:1: not a format validate reads (an ACLED export, ACLED aggregates by month, UNHCR population "
      "statistics, or UN peacekeeping fatalities): see docs/validation.md",
      path.string()));
}

std::vector<EventTable> read_events(const fs::path& path, const std::vector<Window>& windows,
                                    const RegionNames& names) {
  std::vector<EventTable> out(windows.size());
  std::vector<std::set<int>> covered(windows.size());  // years with any row in each window
  // Each row is checked once, then counted in every window that holds it.
  // A month of aggregates (`month`: its first day) counts in a window that holds any of its days.
  auto count_in = [&](engine::Date date, bool month, const std::string& region,
                      const std::optional<ViolentKind>& kind, double events, double fatalities) {
    for (std::size_t w = 0; w < windows.size(); ++w) {
      const engine::Date from = windows[w].from;
      if (date < (month ? engine::Date(from.year(), from.month(), 1) : from) || date > windows[w].to)
        continue;
      covered[w].insert(date.year());
      if (kind) count(out[w], region, date.year(), *kind, events, fatalities);
    }
  };
  std::size_t rows = 0, duplicates = 0;
  if (kind_of(path) == ObservedKind::AcledAggregates) {
    Table t(path, {"month", "admin1", "event_type", "events", "fatalities"});
    // Months as YYYY-MM, or 1 to 12 beside a `year` column (aggregates exported by year and month).
    const bool with_year = t.optional("year");
    for (std::size_t r = 0; r < t.size(); ++r) {
      ++rows;
      const std::string& m = t.cell(r, "month");
      const std::string month = with_year ? t.cell(r, "year") + (m.size() == 1 ? "-0" : "-") + m : m;
      const auto first = engine::Date::parse(month + "-01");
      if (month.size() != 7 || !first)
        t.fail(r, "month",
               "'" + m + (with_year ? "' is not a month 1 to 12 of the row's year" : "' is not YYYY-MM"));
      const auto type = read_type(t.cell(r, "event_type"));
      if (!type.known) t.fail(r, "event_type", "unknown event type '" + t.cell(r, "event_type") + "'");
      const std::string region = t.region(r, "admin1", names);
      const double events = t.number(r, "events"), fatalities = t.number(r, "fatalities");
      if (region.empty()) continue;  // a region the theatre leaves out
      count_in(*first, true, region, type.kind, events, fatalities);
    }
  } else {
    const Table t(path, {"event_id_cnty", "event_date", "event_type", "admin1", "fatalities"});
    std::set<std::string> seen;
    for (std::size_t r = 0; r < t.size(); ++r) {
      ++rows;
      const std::string& id = t.cell(r, "event_id_cnty");
      if (id.empty()) t.fail(r, "event_id_cnty", "empty event id");
      const engine::Date date = t.date(r, "event_date");
      const auto type = read_type(t.cell(r, "event_type"));
      if (!type.known) t.fail(r, "event_type", "unknown event type '" + t.cell(r, "event_type") + "'");
      const std::string region = t.region(r, "admin1", names);
      const double fatalities = t.number(r, "fatalities");
      // A monadic export repeats each event once per actor: count it once.
      if (!seen.insert(id).second) {
        ++duplicates;
        continue;
      }
      if (region.empty()) continue;  // a region the theatre leaves out
      count_in(date, false, region, type.kind, 1, fatalities);
    }
  }
  for (std::size_t w = 0; w < windows.size(); ++w) {
    out[w].rows = rows;
    out[w].duplicates = duplicates;
    cover_years(out[w], covered[w]);
  }
  return out;
}

EventTable read_events(const fs::path& path, engine::Date from, engine::Date to, const RegionNames& names) {
  return std::move(read_events(path, {Window{from, to}}, names).front());
}

namespace {
// One UNHCR row's figures, and where it was read (to name both places of an unequal repeat).
struct UnhcrRow {
  double refugees = 0, idps = 0, returned_refugees = 0, returned_idps = 0;
  std::string where;
};
using UnhcrKey = std::tuple<int, std::string, std::string>;  // year, country of origin, of asylum
struct UnhcrRows {
  std::map<UnhcrKey, UnhcrRow> rows;
  std::set<std::string> origins;
  bool returns = true;  // every file has the returns' columns
};

void read_unhcr_rows(const fs::path& path, UnhcrRows& into) {
  Table t(path, {"year", "coo_iso", "coa_iso", "refugees", "idps"});
  // Returns during the year (UNHCR's returned_refugees by country of asylum, returned_idps), when the
  // file has them.
  const bool returns = t.optional("returned_refugees") && t.optional("returned_idps");
  into.returns = into.returns && returns;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const double y = t.number(r, "year");
    if (y != std::floor(y) || y < 1900 || y > 2200)
      t.fail(r, "year", "'" + t.cell(r, "year") + "' is not a year");
    UnhcrRow row{t.number(r, "refugees", true), t.number(r, "idps", true),
                 returns ? t.number(r, "returned_refugees", true) : 0.0,
                 returns ? t.number(r, "returned_idps", true) : 0.0, t.where(r)};
    into.origins.insert(t.cell(r, "coo_iso"));
    const auto [it, fresh] =
        into.rows.emplace(UnhcrKey{static_cast<int>(y), t.cell(r, "coo_iso"), t.cell(r, "coa_iso")}, row);
    // Files of neighbouring countries share the rows between them (one country's refugees in the
    // other): the same row twice is counted once; different figures for it are an error.
    if (!fresh && (it->second.refugees != row.refugees || it->second.idps != row.idps))
      t.fail(r, "refugees", "the year, coo_iso and coa_iso of " + it->second.where + ", with other figures");
  }
}

// Returns are compared in the years that began with a registered displacement (a stock of at
// least kRegisteredDisplacement at the end of the year before): before that UNHCR records single
// cases, not a return movement (the reference data's 2012: 0 IDPs and 28 refugees returned, after a
// year-end 2011 of 4,289 refugees and no IDP figure), and a zero there is a gap, not a count.
void keep_years_begun_displaced(std::map<int, double>& returned, const std::map<int, double>& stock) {
  std::erase_if(returned, [&](const auto& kv) {
    const auto before = stock.find(kv.first - 1);
    return before == stock.end() || before->second < kRegisteredDisplacement;
  });
}
}  // namespace

Displacement read_unhcr(const fs::path& path, const std::string& origin) {
  if (origin.find(',') != std::string::npos)
    throw InputError(path.string() + ": UNHCR's stocks of several states (" + origin +
                     ") are read with the states the theatre holds whole (validate and backtest do so)");
  return read_unhcr(std::vector<fs::path>{path},
                    origin.empty() ? std::vector<std::string>{} : std::vector<std::string>{origin});
}

Displacement read_unhcr(const std::vector<fs::path>& paths, const std::vector<std::string>& origins) {
  UnhcrRows rows;
  for (const auto& path : paths) read_unhcr_rows(path, rows);
  std::string files;
  for (const auto& p : paths) files += (files.empty() ? "" : ", ") + p.string();
  std::vector<std::string> from = origins;
  if (from.empty()) {
    if (rows.origins.size() > 1)
      throw InputError(files + ": column coo_iso: rows of several countries of origin (" +
                       fmt::format("{}", fmt::join(rows.origins, ", ")) +
                       "); the theatre's state.country must say which one is compared");
    if (!rows.origins.empty()) from.push_back(*rows.origins.begin());
  } else if (!rows.rows.empty()) {
    for (const auto& o : from) {
      if (!rows.origins.count(o))
        throw InputError(files + ": column coo_iso: no row has the theatre's country " + o +
                         " (the file's: " + fmt::format("{}", fmt::join(rows.origins, ", ")) + ")");
    }
  }
  Displacement out;
  for (const auto& [key, row] : rows.rows) {
    const auto& [year, coo, coa] = key;
    if (std::find(from.begin(), from.end(), coo) == from.end()) continue;
    auto& own = out.by_country[coo];
    if (coa == coo) {
      out.idps[year] += row.idps;
      own.idps[year] += row.idps;
      if (rows.returns) out.returned_idps[year] += row.returned_idps;
    } else {
      out.refugees[year] += row.refugees;
      own.refugees[year] += row.refugees;
      out.hosts[coa][year] += row.refugees;
      if (rows.returns) out.returned_refugees[year] += row.returned_refugees;
    }
  }
  if (from.size() < 2) out.by_country.clear();  // one state: its stocks are the totals
  keep_years_begun_displaced(out.returned_refugees, out.refugees);
  keep_years_begun_displaced(out.returned_idps, out.idps);
  return out;
}

nlohmann::json manifest_of_run(const fs::path& folder) {
  fs::path run = folder;
  if (!fs::exists(folder / "manifest.json")) {
    const auto members = output::member_folders(folder);
    if (members.empty()) return nullptr;
    run = members.front();
  }
  std::ifstream in(run / "manifest.json");
  auto manifest = nlohmann::json::parse(in, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object())
    throw InputError((run / "manifest.json").string() + ": not valid JSON (the run folder is damaged)");
  return manifest;
}

RunCalendar calendar_of_run(const fs::path& folder) {
  const auto manifest = manifest_of_run(folder);
  auto date_at = [&](const nlohmann::json* node) -> std::optional<engine::Date> {
    if (node == nullptr || !node->is_string()) return std::nullopt;
    return engine::Date::parse(node->get<std::string>());
  };
  auto child = [](const nlohmann::json* node, const char* key) -> const nlohmann::json* {
    return node != nullptr && node->is_object() && node->contains(key) ? &(*node)[key] : nullptr;
  };
  const nlohmann::json* root = manifest.is_null() ? nullptr : &manifest;
  const auto start = date_at(child(child(root, "calendar"), "start"));
  const auto end = date_at(child(child(root, "calendar"), "end"));
  if (!start || !end)
    throw InputError(folder.string() + ": not a run folder (no manifest.json with the run's calendar)");
  return {*start, *end,
          date_at(child(child(child(root, "resolved_scenario"), "theatre"), "observations_end"))};
}

std::string displaced_origin(const nlohmann::json& manifest) {
  if (!manifest.is_object()) return "";
  const auto* state = manifest.contains("resolved_scenario") ? &manifest["resolved_scenario"] : nullptr;
  if (state != nullptr && state->is_object() && state->contains("states") && (*state)["states"].is_array()) {
    std::string all;  // several states: their countries, comma-separated (read_unhcr refuses them)
    for (const auto& s : (*state)["states"]) {
      if (s.is_object() && s.contains("country") && s["country"].is_string())
        all += (all.empty() ? "" : ",") + s["country"].get<std::string>();
    }
    return all;
  }
  if (state == nullptr || !state->is_object() || !state->contains("state")) return "";
  const auto& s = (*state)["state"];
  return s.is_object() && s.contains("country") && s["country"].is_string() ? s["country"].get<std::string>()
                                                                            : "";
}

std::vector<PeacekeepingOperation> peacekeeping_operations(const nlohmann::json& scenario) {
  std::vector<PeacekeepingOperation> out;
  if (!scenario.is_object() || !scenario.contains("operations") || !scenario["operations"].is_array())
    return out;
  auto text = [](const nlohmann::json& o, const char* key) {
    return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
  };
  for (const auto& o : scenario["operations"]) {
    if (!o.is_object() || text(o, "kind") != "un_peacekeeping" || text(o, "id").empty()) continue;
    const std::string id = text(o, "id");
    const std::string short_name = text(o, "short");
    out.push_back({short_name.empty() ? id : short_name, kCasualtiesPrefix + id});
  }
  return out;
}

std::string peacekeeping_metric(const PeacekeepingOperation& operation) {
  std::string stem = operation.mission;
  std::transform(stem.begin(), stem.end(), stem.begin(),
                 [](unsigned char c) { return std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_'; });
  return stem + "_malicious_fatalities";
}

std::vector<PeacekeepingOperation> peacekeeping_operations_of_manifest(const nlohmann::json& manifest) {
  if (!manifest.is_object() || !manifest.contains("resolved_scenario")) return {};
  return peacekeeping_operations(manifest["resolved_scenario"]);
}

namespace {
// The one of `operations` whose deaths the UN's table `t` (read from `path`) holds.
PeacekeepingOperation operation_in(Table& t, const fs::path& path,
                                   const std::vector<PeacekeepingOperation>& operations) {
  auto names = [&] {
    std::string list;
    for (const auto& o : operations) list += (list.empty() ? "" : ", ") + o.mission;
    return list;
  };
  if (operations.empty())
    throw InputError(path.string() +
                     ": UN peacekeeping fatalities, but the theatre has no UN peacekeeping operation (an "
                     "operation of kind un_peacekeeping) to compare them with");
  if (!t.optional("mission_acronym")) {
    if (operations.size() == 1) return operations.front();
    throw InputError(
        fmt::format("{}:1: missing column 'mission_acronym', needed to tell apart the theatre's "
                    "UN peacekeeping operations ({})",
                    path.string(), names()));
  }
  std::set<std::string> missions;
  for (std::size_t r = 0; r < t.size(); ++r) missions.insert(t.cell(r, "mission_acronym"));
  std::vector<PeacekeepingOperation> found;
  for (const auto& o : operations) {
    if (missions.count(o.mission) > 0) found.push_back(o);
  }
  if (found.size() == 1) return found.front();
  throw InputError(
      fmt::format("{}: column 'mission_acronym' names {} of the theatre's UN peacekeeping "
                  "operations ({}): give one file per operation",
                  path.string(), found.empty() ? "none" : "more than one", names()));
}

// The UN table's personnel of `mission` killed by malicious acts, by year: in every year, and
// within [from, to] (one pass over the rows).
struct YearlyDeaths {
  std::map<int, double> all, in_window;
};
YearlyDeaths malicious_deaths(Table& t, engine::Date from, engine::Date to, const std::string& mission) {
  const bool by_mission = t.optional("mission_acronym");
  YearlyDeaths out;
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (by_mission && t.cell(r, "mission_acronym") != mission) continue;
    const engine::Date d = t.date(r, "incident_date");
    std::string type = t.cell(r, "type_of_incident");
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    if (type != "malicious act") continue;
    out.all[d.year()] += 1;
    if (d >= from && d <= to) out.in_window[d.year()] += 1;
  }
  return out;
}

const std::vector<std::string> kPeacekeepingColumns{"incident_date", "type_of_incident"};
}  // namespace

PeacekeepingDeaths read_peacekeeping_deaths(const fs::path& path,
                                            const std::vector<PeacekeepingOperation>& operations,
                                            engine::Date from, engine::Date to) {
  Table t(path, kPeacekeepingColumns);
  PeacekeepingDeaths out{operation_in(t, path, operations), {}};
  auto deaths = malicious_deaths(t, from, to, out.operation.mission);
  out.years = std::move(deaths.all);
  for (const auto& [year, n] : deaths.in_window) out.years[year] = n;
  return out;
}

std::vector<std::string> compared_hosts(const std::vector<RunFigures>& runs) {
  std::set<std::string> hosts;
  for (const auto& run : runs) {
    for (const auto& [iso, years] : run.displacement.hosts) hosts.insert(iso);
  }
  return {hosts.begin(), hosts.end()};
}

namespace {
// The host's ISO3 code of a series of refugees by country of asylum, if `name` is one.
std::optional<std::string> host_of(const std::string& name) {
  const std::string prefix = kHostSeriesPrefix;
  if (name.size() != prefix.size() + 3 || name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string iso = name.substr(prefix.size());
  if (!std::all_of(iso.begin(), iso.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return std::nullopt;
  return iso;
}

// Whether validate reads this national series of a run: the fixed ones, and the refugees in each
// host country the run records (whichever its theatre has).
bool run_series(const std::string& name) {
  static const std::set<std::string> names{kRefugeesSeries, kIdpSeries, kReturnedRefugeesSeries,
                                           kReturnedIdpSeries};
  return names.count(name) > 0 || host_of(name).has_value() || name.starts_with(kCasualtiesPrefix);
}

using SeriesByDate = std::map<std::string, std::map<engine::Date, double>>;

// A theatre of several states: the refugees and IDPs (by region of origin) summed over the regions
// of each state the theatre holds whole (RegionNames::whole_countries), by country.
class CountryStocks {
 public:
  explicit CountryStocks(const RegionNames& names) : names_(names), whole_(names.whole_countries()) {}
  // Whether a regional row of `series` counts: asked before its date and value are parsed, which
  // most rows (every row of a theatre of one state) need not be.
  [[nodiscard]] bool wants(const std::string& series) const {
    return !whole_.empty() && (series == kRefugeesSeries || series == kIdpSeries);
  }
  void add(const std::string& region, const std::string& series, engine::Date date, double value) {
    if (!wants(series)) return;
    const std::string country = names_.country_of(region);
    if (std::find(whole_.begin(), whole_.end(), country) != whole_.end())
      by_country_[country][series][date] += value;
  }
  [[nodiscard]] const std::map<std::string, SeriesByDate>& by_country() const { return by_country_; }

 private:
  const RegionNames& names_;
  std::vector<std::string> whole_;
  std::map<std::string, SeriesByDate> by_country_;
};

// Each year's last value of one series of `own` into `into` (nothing if `own` has no such series).
// A function rather than a lambda: clang 14 cannot capture a structured binding.
void year_ends_of(const SeriesByDate& own, const char* name, std::map<int, double>& into) {
  const auto it = own.find(name);
  if (it == own.end()) return;
  for (const auto& [d, v] : it->second) into[d.year()] = v;  // the last date of each year wins
}

// A run's figures from its events and its national series, wherever they were read from; with
// several states, the displaced of those the theatre holds whole (`by_country`) replace the
// national refugees and IDPs, as UNHCR's are compared for those states only.
RunFigures assemble(EventTable events, SeriesByDate series, engine::Date from, engine::Date to,
                    const std::string& where, const std::map<std::string, SeriesByDate>& by_country) {
  if (series[kRefugeesSeries].empty())
    throw InputError(where +
                     ": no national 'refugees' series (is this a run of a theatre with displacement?)");
  if (series[kRefugeesSeries].rbegin()->first < to) {
    throw InputError(fmt::format("{}: the run ends on {}, before the window's end {}", where,
                                 series[kRefugeesSeries].rbegin()->first.iso(), to.iso()));
  }
  RunFigures out;
  out.events = std::move(events);
  for (const auto& [name, values] : series) {
    if (!name.starts_with(kCasualtiesPrefix)) continue;
    auto& years = out.casualties[name];
    for (const auto& [d, v] : values) {
      if (d >= from && d <= to) years[d.year()] += v;
    }
  }
  auto year_end = [&](const std::string& name, std::map<int, double>& into) {
    for (const auto& [d, v] : series[name]) into[d.year()] = v;  // the last date of each year wins
  };
  year_end(kRefugeesSeries, out.displacement.refugees);
  year_end(kIdpSeries, out.displacement.idps);
  if (!by_country.empty()) {
    out.displacement.refugees.clear();
    out.displacement.idps.clear();
    for (const auto& [country, own] : by_country) {
      auto& stocks = out.displacement.by_country[country];
      year_ends_of(own, kRefugeesSeries, stocks.refugees);
      year_ends_of(own, kIdpSeries, stocks.idps);
      for (const auto& [y, v] : stocks.refugees) out.displacement.refugees[y] += v;
      for (const auto& [y, v] : stocks.idps) out.displacement.idps[y] += v;
    }
  }
  // Returns during each year: the differences of the year-end totals since the start.
  auto per_year = [&](const std::string& name, std::map<int, double>& into) {
    std::map<int, double> totals;
    year_end(name, totals);
    double before = 0.0;
    for (const auto& [y, v] : totals) {
      into[y] = v - before;
      before = v;
    }
  };
  per_year(kReturnedRefugeesSeries, out.displacement.returned_refugees);
  per_year(kReturnedIdpSeries, out.displacement.returned_idps);
  for (const auto& [name, values] : series) {
    if (const auto iso = host_of(name)) year_end(name, out.displacement.hosts[*iso]);
  }
  return out;
}
}  // namespace

RegionNames region_names_of_run(const fs::path& folder) {
  fs::path run = folder;
  if (!fs::exists(folder / "manifest.json")) {
    const auto members = output::member_folders(folder);
    if (!members.empty()) run = members.front();
  }
  const fs::path file = run / kRegionNamesFile;
  // A model without a theatre writes none: its runs have no regions (an event in one is refused).
  if (!fs::exists(file)) return {};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return RegionNames::from_csv(text.str(), file.string());
}

RunFigures read_run(const fs::path& run, engine::Date from, engine::Date to) {
  if (!fs::is_directory(run)) throw InputError(run.string() + ": not a run folder (no such directory)");
  const RegionNames names = region_names_of_run(run);
  EventTable events = read_events(run / "events.csv", from, to, names);
  cover_window(events, from, to);
  const Table t(run / "timeseries.csv", {"date", "region", "series", "value"});
  SeriesByDate series;
  CountryStocks countries(names);
  // The recorder writes the national totals first, under the country's name (engine/recorder.hpp).
  const std::string national = t.size() > 0 ? t.cell(0, "region") : std::string();
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (t.cell(r, "region") != national) {
      if (countries.wants(t.cell(r, "series")))
        countries.add(t.cell(r, "region"), t.cell(r, "series"), t.date(r, "date"), t.number(r, "value"));
      continue;
    }
    if (!run_series(t.cell(r, "series"))) continue;
    series[t.cell(r, "series")][t.date(r, "date")] = t.number(r, "value");
  }
  RunFigures figures = assemble(std::move(events), std::move(series), from, to,
                                (run / "timeseries.csv").string(), countries.by_country());
  figures.national = national;
  return figures;
}

RunFigures figures_of(const engine::Recorder& recorder, engine::Date from, engine::Date to,
                      const RegionNames& names) {
  EventTable events;
  for (const auto& e : recorder.events()) {
    ++events.rows;
    const auto type = read_type(e.event_type);
    const auto region = names.harmonize(e.admin1);
    if (!type.known || !region)
      throw InputError("simulated event of type '" + e.event_type + "' in '" + e.admin1 + "'");
    if (!type.kind || e.event_date < from || e.event_date > to) continue;
    count(events, *region, e.event_date.year(), *type.kind, 1, e.fatalities);
  }
  cover_window(events, from, to);
  SeriesByDate series;
  CountryStocks countries(names);
  const auto& specs = recorder.series();
  for (const auto& row : recorder.rows()) {
    if (row.region != 0) {
      countries.add(recorder.regions()[row.region], specs[row.series].name, row.date, row.value);
      continue;
    }
    if (!run_series(specs[row.series].name)) continue;
    series[specs[row.series].name][row.date] = row.value;
  }
  RunFigures figures =
      assemble(std::move(events), std::move(series), from, to, "the run", countries.by_country());
  figures.national = recorder.regions().front();
  return figures;
}

}  // namespace peacesim::validation
