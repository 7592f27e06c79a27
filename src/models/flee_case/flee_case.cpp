#include "models/flee_case/flee_case.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cmath>
#include <map>
#include <stdexcept>

#include "engine/checkpoint_fields.hpp"
#include "mechanisms/displacement/parameters.hpp"
#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "theatre/csv.hpp"
#include "theatre/read.hpp"

namespace peacesim::models::flee_case {

namespace dsp = mechanisms::displacement;
using engine::Date;

namespace {

// The model's name, after the case it was first written for: an identifier scenarios give
// (`model:`), kept so that they load; the code reads any case of Flee's inputs.
constexpr const char* kName = "flee_mali2012";

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n\"");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n\"");
  return s.substr(b, e - b + 1);
}

// Every row of a CSV file, the header row included (Flee's files mark headers with '#' or not at
// all; the caller decides which rows are data).
std::vector<std::vector<std::string>> all_rows(const std::filesystem::path& path) {
  theatre::CsvTable t;
  try {
    t = theatre::read_csv(path);
  } catch (const std::runtime_error& e) {  // the reader's messages leave the path to the caller
    throw std::runtime_error(fmt::format("{}: {}", path.string(), e.what()));
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(t.rows.size() + 1);
  rows.push_back(t.header);
  for (auto& r : t.rows) rows.push_back(std::move(r));
  for (auto& r : rows) {
    for (auto& cell : r) cell = trim(cell);
  }
  return rows;
}

bool is_comment(const std::vector<std::string>& row) {
  return row.empty() || row[0].empty() || row[0][0] == '#';
}

[[noreturn]] void fail(const std::filesystem::path& file, std::size_t row, const std::string& what) {
  throw std::runtime_error(fmt::format("{} row {}: {}", file.string(), row + 1, what));
}

double number(const std::filesystem::path& file, std::size_t row, const std::string& text) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    return v;
  } catch (const std::exception&) {
    fail(file, row, fmt::format("'{}' is not a number", text));
  }
}

Date date_of(const std::filesystem::path& file, std::size_t row, const std::string& text) {
  const auto d = Date::parse(text);
  if (!d) fail(file, row, fmt::format("'{}' is not a date (YYYY-MM-DD)", text));
  return *d;
}

// A camp's reports: (day from the start, count).
using Reports = std::vector<std::pair<double, double>>;

// Flee's reading of the count on a day: the first report before the first date, the last after
// the last, and in between linear interpolation truncated to whole people.
double interpolated(const Reports& r, double day) {
  if (r.empty()) return 0.0;
  if (day <= r.front().first) return std::trunc(r.front().second);
  for (std::size_t i = 1; i < r.size(); ++i) {
    if (day < r[i].first) {
      const double f = (day - r[i - 1].first) / (r[i].first - r[i - 1].first);
      return std::trunc(r[i - 1].second + f * (r[i].second - r[i - 1].second));
    }
  }
  return std::trunc(r.back().second);
}

}  // namespace

double FleeCase::violence(std::size_t day, std::size_t place) const {
  if (!conflicts.empty()) return conflicts[std::min(day, conflicts.size() - 1)][place];
  return conflict_date[place] >= 0 && static_cast<std::int64_t>(day) >= conflict_date[place] ? 1.0 : 0.0;
}

bool FleeCase::link_closed(std::size_t link, int day) const {
  const dsp::Link& l = links[link];
  const dsp::Place& a = places[l.a];
  const dsp::Place& b = places[l.b];
  for (const Closure& c : closures) {
    if (day < c.start || day >= c.end) continue;
    if (c.type == "country") {
      if ((a.country == c.a && b.country == c.b) || (a.country == c.b && b.country == c.a)) return true;
    } else if (c.type == "link") {
      if ((a.name == c.a && b.name == c.b) || (a.name == c.b && b.name == c.a)) return true;
    } else if (c.type == "location") {
      if (a.name == c.a || b.name == c.a) return true;
    }
  }
  return false;
}

double relative_difference(const std::vector<double>& simulated, const std::vector<double>& observed) {
  double diff = 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    diff += std::abs(simulated[i] - observed[i]);
    total += observed[i];
  }
  return diff / std::max(total, 1.0);
}

FleeFiles fabflee_layout(const std::filesystem::path& dir) {
  FleeFiles f;
  f.locations = dir / "input_csv/locations.csv";
  f.routes = dir / "input_csv/routes.csv";
  f.closures = dir / "input_csv/closures.csv";
  f.conflicts = dir / "input_csv/conflicts.csv";
  f.registration_corrections = dir / "input_csv/registration_corrections.csv";
  f.camp_data = dir / "source_data/data_layout.csv";
  return f;
}

FleeCase read_flee_case(const FleeFiles& files, const std::string& start_date, std::size_t days) {
  FleeCase c;
  const Date start = *Date::parse(start_date);
  std::map<std::string, dsp::PlaceId, std::less<>> index;

  // locations.csv: name, region, country, latitude, longitude, location_type, conflict_date, population
  const auto loc = all_rows(files.locations);
  std::string home_country;
  for (std::size_t i = 0; i < loc.size(); ++i) {
    const auto& row = loc[i];
    if (is_comment(row)) continue;
    if (row.size() < 8) fail(files.locations, i, "expected 8 columns");
    if (home_country.empty()) home_country = row[2];  // Flee: the first place's country is home
    dsp::Place p;
    p.name = row[0];
    p.country = row[2];
    p.foreign = row[2] != home_country;
    const std::string type = row[5];
    const double pop = row[7].empty() ? 0.0 : number(files.locations, i, row[7]);
    int cdate = -1;
    if (type.find("camp") != std::string::npos) {
      p.kind = dsp::PlaceKind::Camp;
      p.capacity = pop;  // Flee: a camp's population column is its capacity
    } else if (type.find("conflict") != std::string::npos) {
      cdate = row[6].empty() ? 0 : static_cast<int>(number(files.locations, i, row[6]));
    } else if (type != "town" && type != "default") {
      fail(files.locations, i, fmt::format("unknown location_type '{}'", type));
    }
    if (index.count(p.name) != 0) fail(files.locations, i, fmt::format("place '{}' listed twice", p.name));
    index.emplace(p.name, static_cast<dsp::PlaceId>(c.places.size()));
    c.places.push_back(p);
    c.population.push_back(p.kind == dsp::PlaceKind::Camp ? 0.0 : pop);
    c.conflict_date.push_back(cdate);
  }
  auto place = [&](const std::filesystem::path& f, std::size_t row, const std::string& name) {
    const auto it = index.find(name);
    if (it == index.end()) fail(f, row, fmt::format("unknown place '{}'", name));
    return it->second;
  };

  // routes.csv: name1, name2, distance, forced_redirection
  const auto routes = all_rows(files.routes);
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const auto& row = routes[i];
    if (is_comment(row)) continue;
    if (row.size() < 3) fail(files.routes, i, "expected name1, name2, distance");
    c.links.push_back(
        {place(files.routes, i, row[0]), place(files.routes, i, row[1]), number(files.routes, i, row[2])});
  }

  // closures.csv: closure_type, name1, name2, closure_start, closure_end
  if (!files.closures.empty()) {
    const auto cl = all_rows(files.closures);
    for (std::size_t i = 0; i < cl.size(); ++i) {
      const auto& row = cl[i];
      if (is_comment(row)) continue;
      if (row.size() < 5) fail(files.closures, i, "expected type, name1, name2, start, end");
      if (row[0] != "country" && row[0] != "link" && row[0] != "location") {
        fail(files.closures, i,
             fmt::format("closure type '{}' is not supported (country, link, location)", row[0]));
      }
      c.closures.push_back({row[0], row[1], row[2], static_cast<int>(number(files.closures, i, row[3])),
                            static_cast<int>(number(files.closures, i, row[4]))});
    }
  }

  // conflicts.csv: Day, then one column per place with its intensity that day.
  if (!files.conflicts.empty()) {
    const auto cf = all_rows(files.conflicts);
    if (cf.empty()) fail(files.conflicts, 0, "empty");
    std::vector<dsp::PlaceId> columns;
    for (std::size_t j = 1; j < cf[0].size(); ++j) columns.push_back(place(files.conflicts, 0, cf[0][j]));
    for (std::size_t i = 1; i < cf.size(); ++i) {
      if (cf[i].empty() || cf[i][0].empty()) continue;
      if (cf[i].size() != columns.size() + 1) fail(files.conflicts, i, "wrong number of columns");
      if (static_cast<std::size_t>(number(files.conflicts, i, cf[i][0])) != c.conflicts.size()) {
        fail(files.conflicts, i, "days must run 0, 1, 2, ... without gaps");
      }
      std::vector<double> day(c.places.size(), 0.0);
      for (std::size_t j = 0; j < columns.size(); ++j)
        day[columns[j]] = number(files.conflicts, i, cf[i][j + 1]);
      c.conflicts.push_back(std::move(day));
    }
  }

  // The observed camps: data_layout.csv names each camp's file ("total" is the UNHCR total,
  // unused: Flee sums the camps).
  std::vector<Reports> reports;
  const auto layout = all_rows(files.camp_data);
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const auto& row = layout[i];
    if (is_comment(row) || row.size() < 2 || row[0] == "total") continue;
    if (row.size() > 2 && !row[2].empty()) fail(files.camp_data, i, "summing several files is not supported");
    const std::filesystem::path file = files.camp_data.parent_path() / row[1];
    Reports r;
    const auto data = all_rows(file);
    for (std::size_t k = 0; k < data.size(); ++k) {
      const auto& d = data[k];
      if (is_comment(d) || d.size() < 2 || d[1].empty() || d[0] == "DateTime" || d[0] == "Date") continue;
      r.emplace_back(static_cast<double>(days_between(start, date_of(file, k, d[0]))), number(file, k, d[1]));
    }
    if (r.empty()) fail(file, 0, "no reports");
    c.camps.push_back(row[0]);
    c.camp_place.push_back(place(files.camp_data, i, row[0]));
    reports.push_back(std::move(r));
  }

  // registration_corrections.csv: camp, date, "normalize" — reports before the date are scaled so
  // that the last one before it equals the first one on it (level-1 registrations overcounted).
  if (!files.registration_corrections.empty()) {
    const auto rc = all_rows(files.registration_corrections);
    for (std::size_t i = 0; i < rc.size(); ++i) {
      const auto& row = rc[i];
      if (is_comment(row) || row.size() < 2) continue;
      const auto it = std::find(c.camps.begin(), c.camps.end(), row[0]);
      if (it == c.camps.end())
        fail(files.registration_corrections, i, fmt::format("unknown camp '{}'", row[0]));
      Reports& r = reports[static_cast<std::size_t>(it - c.camps.begin())];
      const double day =
          static_cast<double>(days_between(start, date_of(files.registration_corrections, i, row[1])));
      if (day < 0) continue;
      for (std::size_t k = 1; k < r.size(); ++k) {
        if (r[k].first != day) continue;
        if (r[k - 1].second < 1)
          fail(files.registration_corrections, i, "the report before the date is zero");
        const double factor = r[k].second / r[k - 1].second;
        for (std::size_t m = 0; m < k; ++m) r[m].second *= factor;
        break;
      }
    }
  }
  for (const Reports& r : reports) {
    std::vector<double> daily(days);
    for (std::size_t d = 0; d < days; ++d) daily[d] = interpolated(r, static_cast<double>(d));
    c.observed.push_back(std::move(daily));
  }
  return c;
}

namespace {

// The model: Flee's daily loop with peacesim's mechanism.
class FleeModel final : public engine::Model {
 public:
  FleeModel(FleeCase flee, dsp::Rules rules, bool enabled)
      : case_(std::move(flee)), enabled_(enabled), mechanism_(case_.places, case_.links, rules) {}

  void declare_outputs(engine::Recorder& recorder) override {
    std::vector<std::string> regions = case_.camps;
    regions.emplace_back("all");
    all_ = static_cast<engine::RegionIndex>(case_.camps.size());
    recorder.set_regions(regions);
    camp_ =
        recorder.declare({"camp_population", "people", "People in the camp (all: in all observed camps)"});
    unhcr_ = recorder.declare({"unhcr_camp_population", "people",
                               "UNHCR count as Flee reads it: interpolated, registration-corrected"});
    displaced_ = recorder.declare({"displaced", "people", "People displaced so far (all region)"});
    transit_ = recorder.declare({"in_transit", "people", "People on the move (all region)"});
    rd_ =
        recorder.declare({"relative_difference", "1",
                          "Flee's daily relative difference: sum over camps |sim - UNHCR| / UNHCR in camps"});
  }

  std::vector<engine::System> systems() override {
    return {{"displacement", engine::Cadence::Daily, engine::Phase::Step,
             [this](engine::StepContext& ctx) { step(ctx); }},
            {"camps", engine::Cadence::Daily, engine::Phase::Observe,
             [this](engine::StepContext& ctx) { observe(ctx); }}};
  }

  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const override {
    const double ard = days_ > 0 ? ard_sum_ / static_cast<double>(days_) : 0.0;
    return {{"ARD (Flee's averaged relative difference)", fmt::format("{:.4f}", ard)},
            {"relative difference on the last day", fmt::format("{:.4f}", last_rd_)},
            {"people in camps, simulated / UNHCR", fmt::format("{:.0f} / {:.0f}", last_sim_, last_obs_)},
            {"people displaced", fmt::format("{:.0f}", mechanism_.people_displaced())}};
  }

  [[nodiscard]] std::size_t agent_count() const override { return mechanism_.agent_count(); }

  // Checkpoints (engine/checkpoint.hpp): the mechanism's agents and daily tables, and the running
  // sums of the loop; the case's data are read again from the scenario.
  [[nodiscard]] bool can_checkpoint() const override { return true; }
  void save_state(std::ostream& out) const override { engine::save_fields(out, *this); }
  void load_state(std::istream& in) override { engine::load_fields(in, *this); }
  template <class Archive>  // the fields both read and write (engine/checkpoint_fields.hpp)
  void checkpoint_fields(Archive& a) {
    a(mechanism_, debt_, pending_, steps_, days_, ard_sum_, last_rd_, last_sim_, last_obs_);
  }

 private:
  [[nodiscard]] double observed_total(std::size_t day) const {
    double t = 0.0;
    for (const auto& o : case_.observed) t += o[std::min(day, o.size() - 1)];
    return t;
  }

  void step(engine::StepContext& ctx) {
    const std::uint32_t day = ctx.clock.step();
    const std::size_t n = case_.places.size();
    for (std::size_t p = 0; p < n; ++p)
      mechanism_.set_violence(static_cast<dsp::PlaceId>(p), case_.violence(day, p));
    for (std::size_t l = 0; l < case_.links.size(); ++l) {
      mechanism_.set_link_open(static_cast<dsp::LinkId>(l), !case_.link_closed(l, static_cast<int>(day)));
    }
    if (enabled_) {
      if (day == 0) {
        // The camps' first counts are people already there (Flee: insert_day0).
        for (std::size_t k = 0; k < case_.camps.size(); ++k) {
          mechanism_.displace(case_.camp_place[k], case_.observed[k][0], day);
        }
      } else {
        // Newly displaced people: the day's rise in the observed camp total (Flee's input), with a
        // fall carried as a debt against later rises; spread over places with violence in
        // proportion to population times intensity (largest remainders, whole people).
        double fresh = observed_total(day) - observed_total(day - 1) - debt_;
        if (fresh < 0) {
          debt_ = -fresh;
          fresh = 0;
        } else {
          debt_ = 0;
        }
        fresh += pending_;
        pending_ = 0;
        spread(fresh, day);
      }
      mechanism_.step(ctx.random, day, ctx.threads);
    }
    ++steps_;
  }

  void spread(double people, std::uint32_t day) {
    const std::size_t n = case_.places.size();
    std::vector<double> weight(n, 0.0);
    double total = 0.0;
    for (std::size_t p = 0; p < n; ++p) {
      if (case_.places[p].kind == dsp::PlaceKind::Camp) continue;
      weight[p] = case_.population[p] * case_.violence(day, p);
      total += weight[p];
    }
    if (total <= 0 || people <= 0) {
      pending_ += std::max(people, 0.0);  // nowhere violent today: they leave when violence starts
      return;
    }
    const double whole = std::floor(people);
    std::vector<double> share(n, 0.0);
    std::vector<std::pair<double, std::size_t>> remainder;
    double given = 0.0;
    for (std::size_t p = 0; p < n; ++p) {
      const double exact = whole * weight[p] / total;
      share[p] = std::floor(exact);
      given += share[p];
      if (weight[p] > 0) remainder.emplace_back(exact - share[p], p);
    }
    std::stable_sort(remainder.begin(), remainder.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    for (std::size_t i = 0; given < whole && i < remainder.size(); ++i, given += 1)
      share[remainder[i].second] += 1;
    for (std::size_t p = 0; p < n; ++p) {
      if (share[p] > 0) mechanism_.displace(static_cast<dsp::PlaceId>(p), share[p], day);
    }
  }

  void observe(engine::StepContext& ctx) {
    engine::Recorder& rec = ctx.recorder;
    std::vector<double> sim(case_.camps.size());
    std::vector<double> obs(case_.camps.size());
    const std::size_t day = steps_ == 0 ? 0 : steps_ - 1;
    for (std::size_t k = 0; k < case_.camps.size(); ++k) {
      sim[k] = mechanism_.people_at(case_.camp_place[k]);
      obs[k] = case_.observed[k][std::min(day, case_.observed[k].size() - 1)];
      rec.set(camp_, static_cast<engine::RegionIndex>(k), sim[k]);
      rec.set(unhcr_, static_cast<engine::RegionIndex>(k), obs[k]);
    }
    last_sim_ = 0;
    last_obs_ = 0;
    for (std::size_t k = 0; k < sim.size(); ++k) {
      last_sim_ += sim[k];
      last_obs_ += obs[k];
    }
    rec.set(camp_, all_, last_sim_);
    rec.set(unhcr_, all_, last_obs_);
    rec.set(displaced_, all_, mechanism_.people_displaced());
    rec.set(transit_, all_, mechanism_.people_in_transit());
    last_rd_ = relative_difference(sim, obs);
    rec.set(rd_, all_, last_rd_);
    if (steps_ > days_) {  // once per day run (not for the initial state)
      ard_sum_ += last_rd_;
      days_ = steps_;
    }
  }

  FleeCase case_;
  bool enabled_;
  dsp::Displacement mechanism_;
  engine::SeriesId camp_ = 0, unhcr_ = 0, displaced_ = 0, transit_ = 0, rd_ = 0;
  engine::RegionIndex all_ = 0;
  double debt_ = 0.0;
  double pending_ = 0.0;
  std::size_t steps_ = 0;
  std::size_t days_ = 0;
  double ard_sum_ = 0.0;
  double last_rd_ = 0.0, last_sim_ = 0.0, last_obs_ = 0.0;
};

// A data file named in the `flee_case` section, checked to exist (the error points at the field).
std::filesystem::path existing_file(scenario::MapReader& r, const std::string& key) {
  const theatre::FileRef ref = theatre::file_field(r, key);
  if (!std::filesystem::is_regular_file(ref.path)) {
    throw scenario::ScenarioError(ref.where, ref.field,
                                  fmt::format("file not found: '{}'", ref.path.string()));
  }
  return ref.path;
}

// A host country's pull on the people crossing into it (`flee_case.hosts`), with where it was
// written so that a country the case does not have can be pointed at.
struct HostPull {
  std::string country;
  double attraction = 1.0;
  scenario::Location where;
  std::string field;
};

// The scenario's `flee_case` section: the files and the host countries' pulls.
struct CaseSection {
  FleeFiles files;
  std::vector<HostPull> hosts;
};

// Reads the scenario's `flee_case` section.
CaseSection read_section(const scenario::Scenario& s) {
  const scenario::Node* node = s.root.get("flee_case");
  if (node == nullptr) {
    throw scenario::ScenarioError(s.root.where(), "flee_case",
                                  "the " + std::string(kName) + " model needs a 'flee_case' section");
  }
  scenario::MapReader r(*node, "flee_case");
  CaseSection section;
  FleeFiles& f = section.files;
  f.locations = existing_file(r, "locations");
  f.routes = existing_file(r, "routes");
  f.camp_data = existing_file(r, "camp_data");
  if (r.optional("closures") != nullptr) f.closures = existing_file(r, "closures");
  if (r.optional("conflicts") != nullptr) f.conflicts = existing_file(r, "conflicts");
  if (r.optional("registration_corrections") != nullptr) {
    f.registration_corrections = existing_file(r, "registration_corrections");
  }
  // Each host's pull on the people crossing into it (docs/model/displacement.md, "Each host's
  // pull"), a country as locations.csv names it; 1 for a host not listed.
  theatre::for_each(r, "hosts", [&](scenario::MapReader& h, std::size_t) {
    HostPull x;
    x.where = h.required("country").where();
    x.field = h.field("country");
    x.country = h.string("country");
    x.attraction = theatre::factor(h, "attraction");
    theatre::read_source(h);
    for (const auto& other : section.hosts) {
      if (other.country == x.country)
        throw scenario::ScenarioError(x.where, x.field,
                                      "'" + x.country + "' is listed already (one entry a country)");
    }
    section.hosts.push_back(std::move(x));
  });
  theatre::read_source(r);
  r.finish();
  return section;
}

// Gives each host's places its pull; a country no place of the case is in, or the case's home
// country (whose places nobody crosses into), is an error at the entry.
void apply_hosts(FleeCase& c, const std::vector<HostPull>& hosts, const std::filesystem::path& locations) {
  for (const auto& h : hosts) {
    bool found = false;
    for (auto& p : c.places) {
      if (p.country != h.country) continue;
      if (!p.foreign)
        throw scenario::ScenarioError(
            h.where, h.field,
            fmt::format("'{}' is the case's home country (the first place's in {}): "
                        "a host is a country people cross into",
                        h.country, locations.lexically_normal().string()));
      p.attraction = h.attraction;
      found = true;
    }
    if (!found)
      throw scenario::ScenarioError(h.where, h.field,
                                    fmt::format("no place of {} is in '{}' (its country column)",
                                                locations.lexically_normal().string(), h.country));
  }
}

}  // namespace

FleeCase load_case(const ModelInput& input) {
  const CaseSection section = read_section(input.scenario);
  const auto days = static_cast<std::size_t>(days_between(input.scenario.start, input.scenario.end) + 1);
  FleeCase c;
  try {
    c = read_flee_case(section.files, input.scenario.start.iso(), days);
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const scenario::ScenarioError*>(&e) != nullptr) throw;
    throw scenario::ScenarioError(input.scenario.root.get("flee_case")->where(), "flee_case", e.what());
  }
  apply_hosts(c, section.hosts, section.files.locations);
  return c;
}

ModelInfo flee_case_info() {
  ModelInfo info;
  info.name = kName;
  info.summary =
      "Displacement (M7) alone on a Flee case (Flee's CSV inputs), scored with Flee's averaged relative "
      "difference against UNHCR camp counts";
  info.parameters = dsp::parameter_specs();
  info.sections = {"flee_case"};
  info.describe = describe_case;
  info.make = [](const ModelInput& input) -> std::unique_ptr<engine::Model> {
    dsp::Rules rules = dsp::rules_from(input.parameters, input.scale);
    return std::make_unique<FleeModel>(load_case(input), rules, rules.enabled);
  };
  return info;
}

}  // namespace peacesim::models::flee_case
