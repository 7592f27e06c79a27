#include "models/conflict_theatre/outputs.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "mechanisms/demography/demography.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "models/conflict_theatre/mechanisms.hpp"

namespace peacesim::models::conflict_theatre {

namespace conflict = mechanisms::conflict;
using conflict::Status;
using engine::Cadence;
using engine::SeriesId;
using engine::SeriesKind;

namespace {

struct Series {
  std::vector<SeriesId> towns_held;  // state, then each group
  std::vector<SeriesId> fighters;    // each group
  std::vector<SeriesId> refugees_camp;
  std::vector<std::pair<std::string, SeriesId>> refugees_country;            // registered
  std::vector<std::pair<std::string, SeriesId>> refugees_country_simulated;  // resting there
  std::vector<std::pair<std::string, SeriesId>> returned_country;            // back home from there
  SeriesId authority = 0, idp = 0, idp_simulated = 0, refugees = 0, refugees_elsewhere = 0, alive = 0,
           killed = 0, abroad = 0, born = 0, died = 0, returned_idps = 0, returned_refugees = 0;
};

// A national-and-regional quantity recorded at the end of every month.
SeriesId gauge(engine::Recorder& recorder, std::string name, std::string unit, std::string text) {
  return recorder.declare(
      {std::move(name), std::move(unit), std::move(text), SeriesKind::Gauge, Cadence::Monthly});
}

void declare(engine::Recorder& recorder, const conflict::State& s, Series& out) {
  out.towns_held.push_back(gauge(recorder, "towns_held_state", "towns",
                                 "Towns of the scenario held by the state's side (M8), by admin1"));
  for (const auto& g : s.groups) {
    out.towns_held.push_back(
        gauge(recorder, "towns_held_" + g.id, "towns", g.name + ": towns held (M8), by admin1"));
    out.fighters.push_back(gauge(recorder, "fighters_" + g.id, "people",
                                 g.name + ": fighters (M2), by admin1 where deployed or dispersed"));
  }
  out.authority = gauge(recorder, "state_authority", "1",
                        "Mean state authority (M8) of the people's towns, weighted by people, by admin1");
  out.idp = gauge(recorder, "internally_displaced", "people",
                  "People registered as displaced inside the country (M7's registration layer; the "
                  "simulated ones when it is off), by admin1 of origin");
  out.idp_simulated =
      gauge(recorder, "internally_displaced_simulated", "people",
            "People displaced inside the country (M7), registered or not, by admin1 of origin");
  out.refugees = gauge(recorder, "refugees", "people",
                       "People abroad as refugees (M7), by admin1 of origin; the national total adds "
                       "refugees_elsewhere, whose admin1 is not known");
  out.refugees_elsewhere = gauge(
      recorder, "refugees_elsewhere", "people",
      "Refugees in countries with no place of the theatre, not simulated: the count observed at the "
      "forecast origin, held from the day after it; 0 before (dynamics.observed_stocks), national only");
  // Refugees by host: each camp, each country with a camp, and with several states each of them (a
  // state is abroad for the others' people).
  auto add_host = [&](const std::string& country) {
    if (std::none_of(out.refugees_country.begin(), out.refugees_country.end(),
                     [&](const auto& x) { return x.first == country; })) {
      out.refugees_country.emplace_back(
          country, gauge(recorder, "refugees_in_" + country, "people",
                         "Refugees registered in " + country +
                             " (M7's registration layer; those resting in its camps and places "
                             "when it is off), national only"));
      out.refugees_country_simulated.emplace_back(
          country, gauge(recorder, "refugees_simulated_in_" + country, "people",
                         "Refugees resting in " + country + " (camps and places there), national only"));
      out.returned_country.emplace_back(
          country, gauge(recorder, "returned_refugees_from_" + country, "people",
                         "Refugees back home for good from " + country +
                             " since the start (M7; UNHCR's returned refugees per year are "
                             "the yearly differences), national only"));
    }
  };
  for (const auto& p : s.places) {
    if (p.kind != conflict::PlaceKind::Camp) continue;
    out.refugees_camp.push_back(gauge(recorder, "refugees_camp_" + p.id, "people",
                                      "Refugees at " + p.name + " (" + p.country + "), national only"));
    add_host(p.country);
  }
  if (s.countries.size() > 1) {
    for (const auto& c : s.countries) add_host(c.code);
  }
  out.returned_idps =
      gauge(recorder, "returned_idps", "people",
            "Internally displaced people back home for good since the start (M7; UNHCR's returned IDPs per "
            "year are the yearly differences), national only");
  out.returned_refugees =
      gauge(recorder, "returned_refugees", "people",
            "Refugees back home for good since the start, from every country (M7), national only");
  out.alive = gauge(recorder, "people_alive_in_theatre", "people",
                    "People alive in the theatre (residents, displaced, fighters)");
  out.abroad = gauge(recorder, "people_abroad", "people", "Refugees abroad");
  out.killed =
      gauge(recorder, "people_killed", "people", "People (civilians and fighters) killed since the start");
  out.born = gauge(recorder, "people_born", "people", "Births since the start");
  out.died = gauge(recorder, "people_died_naturally", "people", "Natural deaths since the start");
}

// Returns home for good since the start, from inside the country and from each country abroad.
void record_returns(engine::Recorder& rec, const Series& ids,
                    const mechanisms::displacement::Flight& flight) {
  using mechanisms::displacement::Registration;
  rec.set(ids.returned_idps, 0, flight.returned_from(Registration::kInternal));
  const auto& countries = flight.countries_abroad();
  double all = 0.0;
  for (std::size_t c = 0; c < countries.size(); ++c) {
    const double back = flight.returned_from(static_cast<std::uint8_t>(Registration::kAbroad + c));
    all += back;
    for (const auto& [country, id] : ids.returned_country) {
      if (country == countries[c]) rec.set(id, 0, back);
    }
  }
  rec.set(ids.returned_refugees, 0, all);
}

// The sum 0 + k + k + ... with n terms: n·k when every partial sum is an integer below 2^53 (k a whole
// number of people), which it then equals exactly; else added term by term.
double people_of(std::uint64_t n, double k) {
  constexpr double kExact = 9007199254740992.0;  // 2^53
  if (k == std::floor(k) && static_cast<double>(n) * k < kExact) return static_cast<double>(n) * k;
  double sum = 0.0;
  for (std::uint64_t j = 0; j < n; ++j) sum += k;
  return sum;
}

void observe(engine::Recorder& rec, const conflict::State& s, const Series& ids,
             const mechanisms::displacement::Flight& flight, const mechanisms::demography::Counts& counts) {
  const std::size_t regions = s.regions.size();
  // Towns held and fighters.
  for (std::size_t a = 0; a < s.actor_count(); ++a) {
    std::vector<double> held(regions, 0.0);
    for (const auto& p : s.places) {
      if (p.kind == conflict::PlaceKind::Town && p.controller == a) held[p.region] += 1.0;
    }
    conflict::record_by_region(rec, ids.towns_held[a], held);
  }
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    std::vector<double> f(regions, 0.0);
    for (std::size_t p = 0; p < s.places.size(); ++p) {
      if (s.places[p].in_theatre) f[s.places[p].region] += s.groups[g].at_place[p];
    }
    for (std::size_t r = 0; r < regions && r < s.groups[g].dispersed.size(); ++r)
      f[r] += s.groups[g].dispersed[r];
    conflict::record_by_region(rec, ids.fighters[g], f);
  }
  // People: statuses by region of home, counted; the people they stand for are k times the counts
  // (people_of gives the very sum of adding k once per agent, as this loop once did).
  std::vector<std::uint64_t> n_residents(regions, 0), n_alive(regions, 0), n_idp(regions, 0),
      n_refugees(regions, 0);
  std::uint64_t n_killed = 0;
  std::vector<double> authority(regions, 0.0);
  const double k = s.people.people_per_agent;
  // The authority felt by residents is added person by person in person order, as before; the
  // region's running sum is held in a local while consecutive residents share their region (people
  // are stored cell by cell), so each add waits on the last add only, not on a store to memory.
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t current = kNone;
  double running = 0.0;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const auto& cell = s.cells[s.people.cell[i]];
    switch (s.people.status[i]) {
      case Status::Resident:
        ++n_residents[cell.region];
        if (cell.region != current) {
          if (current != kNone) authority[current] = running;
          current = cell.region;
          running = authority[current];
        }
        running += k * s.places[cell.place].state_authority;
        ++n_alive[cell.region];
        break;
      case Status::Fighter:
        ++n_alive[cell.region];
        break;
      case Status::Displaced:
        ++n_idp[cell.region];
        ++n_alive[cell.region];
        break;
      case Status::Refugee:
        ++n_refugees[cell.region];
        break;
      case Status::KilledViolently:
        ++n_killed;
        break;
      case Status::DiedNaturally:
        break;
    }
  }
  if (current != kNone) authority[current] = running;
  std::vector<double> alive(regions), idp(regions), refugees(regions), residents(regions);
  for (std::size_t r = 0; r < regions; ++r) {
    residents[r] = people_of(n_residents[r], k);
    alive[r] = people_of(n_alive[r], k);
    idp[r] = people_of(n_idp[r], k);
    refugees[r] = people_of(n_refugees[r], k);
  }
  const double killed = people_of(n_killed, k);
  for (std::size_t r = 0; r < regions; ++r) {
    rec.set(ids.authority, static_cast<engine::RegionIndex>(r + 1),
            residents[r] > 0 ? authority[r] / residents[r] : 0.0);
  }
  double all_auth = 0.0, all_res = 0.0;
  for (std::size_t r = 0; r < regions; ++r) {
    all_auth += authority[r];
    all_res += residents[r];
  }
  rec.set(ids.authority, 0, all_res > 0 ? all_auth / all_res : 0.0);
  conflict::record_by_region(rec, ids.idp_simulated, idp);
  const auto& books = flight.registration();
  std::vector<double> registered_abroad(ids.refugees_country.size(), 0.0);
  if (books.active()) {
    std::fill(idp.begin(), idp.end(), 0.0);
    using mechanisms::displacement::Registration;
    // The series of each country the registration codes name (none for a country without camps).
    const auto& countries = flight.countries_abroad();
    std::vector<std::size_t> series_of(countries.size(), ids.refugees_country.size());
    for (std::size_t c = 0; c < countries.size(); ++c) {
      for (std::size_t ci = 0; ci < ids.refugees_country.size(); ++ci) {
        if (ids.refugees_country[ci].first == countries[c]) series_of[c] = ci;
      }
    }
    for (std::size_t slot = 0; slot < books.slots(); ++slot) {
      const std::uint8_t code = books.registered(slot);
      if (code == Registration::kInternal) {
        idp[s.cells[s.people.cell[flight.person(slot)]].region] += k;
      } else if (code >= Registration::kAbroad) {
        const std::size_t ci = series_of[code - Registration::kAbroad];
        if (ci < registered_abroad.size()) registered_abroad[ci] += k;
      }
    }
  }
  conflict::record_by_region(rec, ids.idp, idp);
  conflict::record_by_region(rec, ids.refugees, refugees);
  conflict::record_by_region(rec, ids.alive, alive);
  double abroad = 0.0;
  for (double x : refugees) abroad += x;
  // Refugees the model does not simulate (hosts outside the theatre) count in the national refugees,
  // not in people_abroad, which balances the people the model follows (alive + abroad + killed).
  const double elsewhere = flight.refugees_elsewhere(s.day);
  if (elsewhere > 0.0) rec.set(ids.refugees, 0, abroad + elsewhere);
  rec.set(ids.refugees_elsewhere, 0, elsewhere);
  rec.set(ids.abroad, 0, abroad);
  rec.set(ids.killed, 0, killed);
  rec.set(ids.born, 0, static_cast<double>(counts.births) * k);
  rec.set(ids.died, 0, static_cast<double>(counts.natural_deaths) * k);
  std::size_t camp = 0;
  std::vector<double> by_country(ids.refugees_country.size(), 0.0);
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    if (s.places[p].kind != conflict::PlaceKind::Camp) continue;
    const double here = flight.refugees_at(static_cast<mechanisms::displacement::PlaceId>(p));
    rec.set(ids.refugees_camp[camp++], 0, here);
    for (std::size_t ci = 0; ci < ids.refugees_country.size(); ++ci) {
      if (ids.refugees_country[ci].first == s.places[p].country) by_country[ci] += here;
    }
  }
  record_returns(rec, ids, flight);
  for (std::size_t ci = 0; ci < ids.refugees_country.size(); ++ci) {
    rec.set(ids.refugees_country_simulated[ci].second, 0, by_country[ci]);
    rec.set(ids.refugees_country[ci].second, 0, books.active() ? registered_abroad[ci] : by_country[ci]);
  }
}

}  // namespace

void register_outputs(conflict::Registry& r) {
  const conflict::State& world = r.world();
  const auto& flight = r.read<mechanisms::displacement::Flight>();
  const auto& counts = r.read<mechanisms::demography::Counts>();
  auto& ids = r.keep<Series>();
  r.series([&world, &ids](engine::Recorder& rec) { declare(rec, world, ids); });
  r.observer(kConflictOutputs, Cadence::Monthly, [&world, &ids, &flight, &counts](engine::Recorder& rec) {
    observe(rec, world, ids, flight, counts);
  });
}

}  // namespace peacesim::models::conflict_theatre
