// The observed data validate reads, and a run's own figures in the same shape. Every reader
// checks its columns and values and throws InputError naming the file, line and column.
//
// - ACLED: a standard export (one row per event, or ACLED's "monadic" layout with one row per
//   actor, i.e. two rows sharing an event_id_cnty: each event is counted once), or the project's
//   aggregates by month (`month,admin1,event_type,events,fatalities`, data/observed). A run's
//   events.csv has ACLED's columns and is read by the same reader.
// - UNHCR population statistics (`year,coo_iso,coa_iso,refugees,idps`, as UNHCR's refugee data
//   finder exports them): the theatre's country's refugees abroad and IDPs at home at the end of
//   each year.
// - UN peacekeeping fatalities (`incident_date,type_of_incident`, with `mission_acronym`, the UN's
//   open data): the personnel of the theatre's UN peacekeeping operation killed by malicious acts.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/recorder.hpp"
#include "validation/input_error.hpp"
#include "validation/regions.hpp"

namespace peacesim::validation {

using RegionYear = std::pair<std::string, int>;

struct Counts {
  double events = 0, fatalities = 0;
};

// The three kinds of violent event ACLED codes (older type names map onto them).
enum class ViolentKind { Battles, ViolenceAgainstCivilians, RemoteViolence };
inline constexpr ViolentKind kViolentKinds[] = {ViolentKind::Battles, ViolentKind::ViolenceAgainstCivilians,
                                                ViolentKind::RemoteViolence};
// Lower-case, underscored: the stem of the per-kind metrics' names ("battles", ...).
const char* slug(ViolentKind kind);

// Violent events (Battles, Violence against civilians, Explosions/Remote violence) by region and
// year, within [from, to] (an aggregate month counts when it lies inside the window); and the
// national yearly events and deaths of each kind, zero in every year the source covers (a year
// with any row, violent or not, for ACLED; every year of the window for a run), so that a kind
// absent in a covered year is scored as none rather than left out.
struct EventTable {
  std::map<RegionYear, Counts> cells;
  std::map<ViolentKind, std::map<int, double>> events_by_kind, fatalities_by_kind;
  std::size_t rows = 0, duplicates = 0;  // rows read; rows that repeated an event id
};

// Adds another source's events to a table (each file covering its own countries: a theatre of
// several states reads one ACLED file per country or group of countries).
void add_events(EventTable& into, const EventTable& from);

enum class ObservedKind { Acled, AcledAggregates, UnhcrPopulation, PeacekeepingFatalities };

// Which format a file is, from its header; throws InputError for none of them.
ObservedKind kind_of(const std::filesystem::path& path);

// Regions are harmonized by `names` (an event in a region it does not know is an error).
EventTable read_events(const std::filesystem::path& path, engine::Date from, engine::Date to,
                       const RegionNames& names);
// The same file read once for several windows [from, to]: one table per window, in their order.
struct Window {
  engine::Date from, to;
};
std::vector<EventTable> read_events(const std::filesystem::path& path, const std::vector<Window>& windows,
                                    const RegionNames& names);

struct Displacement {
  std::map<int, double> refugees, idps;                // year-end stocks
  std::map<std::string, std::map<int, double>> hosts;  // refugees by country of asylum (ISO3)
  // Returns home during each year (empty when a file has no such columns), in the years that began
  // with a stock of at least kRegisteredDisplacement; a run's are the yearly differences of its
  // totals since the start.
  std::map<int, double> returned_refugees, returned_idps;
  // A theatre of several states: each compared state's (ISO3) refugees abroad and IDPs at home, of
  // which `refugees` and `idps` are the sums; empty with one state.
  struct Stocks {
    std::map<int, double> refugees, idps;
  };
  std::map<std::string, Stocks> by_country;
};
inline constexpr double kRegisteredDisplacement = 10000.0;  // people
// The displaced of `origin` (ISO3, the theatre's `state.country`): rows with coo_iso = origin, IDPs
// where coa_iso is the origin too, refugees elsewhere. An empty origin (a theatre without a state)
// takes the file's only country of origin; a file with several then needs one, and an origin no row
// has is an error rather than an empty comparison. Several origins comma-separated are refused:
// a theatre of several states reads them with the overload below.
Displacement read_unhcr(const std::filesystem::path& path, const std::string& origin);
// Several files and several origins (a theatre of several states, RegionNames::whole_countries: a
// state whose regions the theatre does not all hold is left out, its national stocks cannot be
// told apart from the left-out region's): the sums over `origins`, each one's own in by_country.
// Files of neighbouring countries share rows (one's refugees in the other): a row (year, coo_iso,
// coa_iso) given twice is counted once, and with other figures is an error naming both places.
Displacement read_unhcr(const std::vector<std::filesystem::path>& paths,
                        const std::vector<std::string>& origins);

// A run folder's manifest, or an ensemble folder's first member's (its members ran one scenario);
// null for a folder with neither. Throws InputError for a damaged one.
nlohmann::json manifest_of_run(const std::filesystem::path& folder);
// The country (ISO3) whose displaced people a run's manifest (from manifest_of_run) speaks of: its
// resolved scenario's `state.country`; empty when it has none.
std::string displaced_origin(const nlohmann::json& manifest);

// The calendar a run folder (or an ensemble folder's first member) ran: its manifest's start and
// end, and its resolved scenario's theatre.observations_end when it has one.
struct RunCalendar {
  engine::Date start, end;
  std::optional<engine::Date> observations_end;
};
RunCalendar calendar_of_run(const std::filesystem::path& folder);

// A UN peacekeeping operation of a theatre (an operation of kind `un_peacekeeping`) as the UN's
// fatality files and the model name it: its acronym in the files' `mission_acronym` column (the
// operation's `short`, else its id) and the model's series of its dead (`casualties_` + its id).
struct PeacekeepingOperation {
  std::string mission;
  std::string series;
  bool operator==(const PeacekeepingOperation&) const = default;
};
// The UN peacekeeping operations of a scenario given as JSON (as a run's manifest keeps it, under
// `resolved_scenario`), in its order.
std::vector<PeacekeepingOperation> peacekeeping_operations(const nlohmann::json& scenario);
// The same for a run's manifest (from manifest_of_run); none without one.
std::vector<PeacekeepingOperation> peacekeeping_operations_of_manifest(const nlohmann::json& manifest);

// The name of the metric that compares an operation's dead: its mission in lower case, then
// `_malicious_fatalities`.
std::string peacekeeping_metric(const PeacekeepingOperation& operation);
// What was observed of one operation: its personnel killed by malicious acts, by year.
struct PeacekeepingDeaths {
  PeacekeepingOperation operation;
  std::map<int, double> years;
};
// The UN file's deaths of the one of `operations` it holds, read once: every year's count, with the
// years that have deaths between `from` and `to` counted over that window only (a window that cuts
// a year keeps that year's part in it). The operation is the one the file's `mission_acronym`
// column names (a file without the column: the theatre's only one); a file that names none of
// them, or more than one, throws InputError naming the file and column.
PeacekeepingDeaths read_peacekeeping_deaths(const std::filesystem::path& path,
                                            const std::vector<PeacekeepingOperation>& operations,
                                            engine::Date from, engine::Date to);

// A run folder's figures: its events (events.csv) and the national series validate needs
// (timeseries.csv): each force's casualties per year (window), refugees, IDPs and refugees by host
// at the end of each year.
struct RunFigures {
  std::string national;  // the run's name for its national totals (its first region: the country)
  EventTable events;
  // The window's yearly national totals of every series of a force's dead (kCasualtiesPrefix +
  // its id), by series name.
  std::map<std::string, std::map<int, double>> casualties;
  Displacement displacement;
  // One force's yearly dead (a series of `casualties`), or nullptr when the run has none.
  [[nodiscard]] const std::map<int, double>* casualties_of(const std::string& series) const {
    const auto it = casualties.find(series);
    return it == casualties.end() ? nullptr : &it->second;
  }
};
// The model's national series that validate reads, by what each is compared with: the one place
// that ties a model series to an observed quantity (also used by observed_series.hpp).
inline constexpr const char* kCasualtiesPrefix = "casualties_";  // + a force's id
inline constexpr const char* kRefugeesSeries = "refugees";
inline constexpr const char* kIdpSeries = "internally_displaced";
inline constexpr const char* kHostSeriesPrefix = "refugees_in_";             // + the host's ISO3 code
inline constexpr const char* kReturnedRefugeesSeries = "returned_refugees";  // since the start
inline constexpr const char* kReturnedIdpSeries = "returned_idps";           // since the start
// The hosts whose refugees the runs record (ISO3, sorted): a theatre's runs write a series
// `refugees_in_<ISO3>` for each country with camps; validate compares those the observations have.
std::vector<std::string> compared_hosts(const std::vector<RunFigures>& runs);

// Offers validate's and backtest's `scalar(name, observed, member's series)` the displaced at the
// end of each year: refugees abroad and IDPs, and with several states each compared state's own
// (`refugees_abroad_year_end_<ISO3>`, `idps_year_end_<ISO3>`).
template <class Scalar>
void stock_scalars(const Displacement& observed, Scalar& scalar) {
  scalar("refugees_abroad_year_end", observed.refugees,
         [](const RunFigures& r) { return &r.displacement.refugees; });
  scalar("idps_year_end", observed.idps, [](const RunFigures& r) { return &r.displacement.idps; });
  for (const auto& [country, stocks] : observed.by_country) {
    auto own = [country = country](
                   const RunFigures& r) -> const Displacement::Stocks* {  // clang 14: no capture of a binding
      const auto it = r.displacement.by_country.find(country);
      return it == r.displacement.by_country.end() ? nullptr : &it->second;
    };
    scalar("refugees_abroad_year_end_" + country, stocks.refugees,
           [own](const RunFigures& r) -> const std::map<int, double>* {
             const auto* s = own(r);
             return s == nullptr ? nullptr : &s->refugees;
           });
    scalar("idps_year_end_" + country, stocks.idps,
           [own](const RunFigures& r) -> const std::map<int, double>* {
             const auto* s = own(r);
             return s == nullptr ? nullptr : &s->idps;
           });
  }
}

// Offers validate's and backtest's `scalar(name, observed, member's series)` the returns home
// during each year, for the quantities the observed file has.
template <class Scalar>
void returns_scalars(const Displacement& observed, Scalar& scalar) {
  if (!observed.returned_refugees.empty()) {
    scalar("refugees_returned_in_year", observed.returned_refugees,
           [](const RunFigures& r) { return &r.displacement.returned_refugees; });
  }
  if (!observed.returned_idps.empty()) {
    scalar("idps_returned_in_year", observed.returned_idps,
           [](const RunFigures& r) { return &r.displacement.returned_idps; });
  }
}

// Offers validate's and backtest's `scalar(name, observed, member's series)` the UN operation's
// personnel killed by malicious acts each year, against the run's casualties of that force.
template <class Scalar>
void peacekeeping_scalars(const PeacekeepingDeaths& observed, Scalar& scalar) {
  scalar(peacekeeping_metric(observed.operation), observed.years,
         [&observed](const RunFigures& r) { return r.casualties_of(observed.operation.series); });
}

// Offers validate's and backtest's `scalar(name, observed, member's series)` the national yearly
// events and deaths of each violent kind (`battles_events_in_year`, `battles_fatalities_in_year`, ...):
// how a model's violence splits into ACLED's kinds, and how large its events are, which the
// region-year totals do not see.
template <class Scalar>
void kind_scalars(const EventTable& observed, Scalar& scalar) {
  for (const ViolentKind kind : kViolentKinds) {
    const auto events = observed.events_by_kind.find(kind);
    const auto fatalities = observed.fatalities_by_kind.find(kind);
    if (events == observed.events_by_kind.end() || fatalities == observed.fatalities_by_kind.end()) continue;
    const std::string stem = slug(kind);
    scalar(stem + "_events_in_year", events->second,
           [kind](const RunFigures& r) -> const std::map<int, double>* {
             const auto it = r.events.events_by_kind.find(kind);
             return it == r.events.events_by_kind.end() ? nullptr : &it->second;
           });
    scalar(stem + "_fatalities_in_year", fatalities->second,
           [kind](const RunFigures& r) -> const std::map<int, double>* {
             const auto it = r.events.fatalities_by_kind.find(kind);
             return it == r.events.fatalities_by_kind.end() ? nullptr : &it->second;
           });
  }
}

// The regions a run folder's events are in (its kRegionNamesFile; an ensemble folder's first
// member's): what its observations are compared in; none (no regions) when the folder has no table,
// as the runs of a model without a theatre.
RegionNames region_names_of_run(const std::filesystem::path& folder);
RunFigures read_run(const std::filesystem::path& run_folder, engine::Date from, engine::Date to);
// The same from a finished simulation's recorder (no files), for calibration.
RunFigures figures_of(const engine::Recorder& recorder, engine::Date from, engine::Date to,
                      const RegionNames& names);

}  // namespace peacesim::validation
