// M7 in the theatre: tolerances (exponential with mean tolerance_days for leaving_share of people,
// 255 = never), violence intensity v = 1 − exp(−danger / danger_scale), exposure E = Σ v with
// recent violence only, departures when E passes a person's tolerance; people agents are conserved.
#include "mechanisms/displacement/flight.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <set>

#include "engine/grid.hpp"
#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

// Draws of the tests' own (a stream no mechanism of a model claims).
constexpr engine::StreamId kTestStream = 0x0C07;

namespace dm = displacement;

// The displacement mechanism over the fixture's places and roads.
std::unique_ptr<dm::Displacement> displacement_of(const World& w, dm::Rules rules = {}) {
  std::vector<dm::Place> places;
  for (const Place& p : w.state.places) {
    dm::Place d;
    d.name = p.name;
    d.country = p.country;
    d.kind = p.kind == PlaceKind::Camp ? dm::PlaceKind::Camp : dm::PlaceKind::Town;
    d.foreign = !p.in_theatre;
    places.push_back(d);
  }
  std::vector<dm::Link> links = {{kBamako, kGao, 1200.0}, {kGao, kAnsongo, 100.0}, {kGao, kMbera, 800.0}};
  rules.people_per_agent = w.state.people.people_per_agent;
  return std::make_unique<dm::Displacement>(std::move(places), std::move(links), rules);
}

TEST(FlightMechanism, ToleranceRespectsLeavingShareAndMean) {
  dm::FlightParams params;
  params.leaving_share = 0.3;
  params.tolerance_days = 20.0;
  const int n = 100000;
  int never = 0;
  double sum = 0.0;
  int leavers = 0;
  for (int i = 0; i < n; ++i) {
    engine::RandomDraws draws(5, kTestStream, 0, static_cast<std::uint64_t>(i));
    const std::uint8_t t = dm::draw_tolerance(draws, params);
    if (t == 255) {
      ++never;
    } else {
      ASSERT_LE(t, 254);
      sum += t;
      ++leavers;
    }
  }
  EXPECT_NEAR(static_cast<double>(never) / n, 0.7, 0.01);
  // floor of an exponential with mean 20: mean 1 / (e^{1/20} − 1) = 19.50.
  EXPECT_NEAR(sum / leavers, 1.0 / (std::exp(1.0 / 20.0) - 1.0), 0.4);

  params.leaving_share = 0.0;
  params.tolerance_days = 200.0;  // long tolerances are capped at 254, never 255
  int capped = 0;
  for (int i = 0; i < 1000; ++i) {
    engine::RandomDraws draws(5, kTestStream, 1, static_cast<std::uint64_t>(i));
    ASSERT_EQ(dm::draw_tolerance(draws, params), 255);
  }
  params.leaving_share = 1.0;
  for (int i = 0; i < 1000; ++i) {
    engine::RandomDraws draws(5, kTestStream, 2, static_cast<std::uint64_t>(i));
    const auto t = dm::draw_tolerance(draws, params);
    ASSERT_NE(t, 255);
    capped += t == 254 ? 1 : 0;
  }
  // P(Exp(200) ≥ 254) = e^{−1.27} = 0.28.
  EXPECT_NEAR(capped / 1000.0, std::exp(-254.0 / 200.0), 0.05);
}

TEST(FlightMechanism, WeibullTolerancesKeepTheirMeanAndSpareTheFirstDays) {
  // Shape k = 3, mean 30 days: λ = 30 / Γ(4/3) = 33.6; P(θ < 5) = 1 − exp(−(5/λ)^3) = 0.33 %,
  // where the exponential law of the same mean gives 1 − exp(−5/30) = 15 %.
  dm::FlightParams params;
  params.leaving_share = 1.0;
  params.tolerance_days = 30.0;
  params.tolerance_shape = 3.0;
  const int n = 100000;
  double sum = 0.0;
  int early = 0;
  for (int i = 0; i < n; ++i) {
    engine::RandomDraws draws(7, kTestStream, 3, static_cast<std::uint64_t>(i));
    const std::uint8_t t = dm::draw_tolerance(draws, params);
    ASSERT_NE(t, 255);
    sum += t + 0.5;  // the middle of the day it was rounded down from
    early += t < 5 ? 1 : 0;
  }
  EXPECT_NEAR(sum / n, 30.0, 0.2);
  const double lambda = 30.0 / std::tgamma(1.0 + 1.0 / 3.0);
  EXPECT_NEAR(static_cast<double>(early) / n, 1.0 - std::exp(-std::pow(5.0 / lambda, 3.0)), 0.001);
  params.tolerance_shape = 1.0;
  early = 0;
  for (int i = 0; i < n; ++i) {
    engine::RandomDraws draws(7, kTestStream, 3, static_cast<std::uint64_t>(i));
    early += dm::draw_tolerance(draws, params) < 5 ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(early) / n, 1.0 - std::exp(-5.0 / 30.0), 0.005);
}

TEST(FlightMechanism, APersonWhoStayedThroughViolenceHasAToleranceAboveIt) {
  // Shape 2, mean 20 days: λ = 20 / Γ(3/2) = 22.57. Given θ > E = 15 for half of the people who would
  // ever leave, P(never leaves) = (1 − s) / (1 − s + s·S(15)) with S(x) = exp(−(x/λ)^2), and among the
  // rest P(θ ≥ 25) = S(25) / S(15).
  dm::FlightParams params;
  params.leaving_share = 0.5;
  params.tolerance_days = 20.0;
  params.tolerance_shape = 2.0;
  const double lambda = 20.0 / std::tgamma(1.5);
  const auto survive = [&](double x) { return std::exp(-std::pow(x / lambda, 2.0)); };
  const int n = 100000;
  int never = 0, leavers = 0, late = 0;
  for (int i = 0; i < n; ++i) {
    engine::RandomDraws draws(9, kTestStream, 4, static_cast<std::uint64_t>(i));
    const std::uint8_t t = dm::draw_tolerance_above(draws, params, 15.0);
    if (t == 255) {
      ++never;
      continue;
    }
    ASSERT_GE(t + 0.5, 15.0);  // nobody leaves at what they have already lived through
    ++leavers;
    late += t >= 25 ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(never) / n, 0.5 / (0.5 + 0.5 * survive(15.0)), 0.01);
  EXPECT_NEAR(static_cast<double>(late) / leavers, survive(25.0) / survive(15.0), 0.01);
  // Having endured nothing tells nothing: the law of draw_tolerance.
  never = 0;
  for (int i = 0; i < n; ++i) {
    engine::RandomDraws draws(9, kTestStream, 5, static_cast<std::uint64_t>(i));
    never += dm::draw_tolerance_above(draws, params, 0.0) == 255 ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(never) / n, 0.5, 0.01);
}

TEST(FlightMechanism, IntensityAndExposureFollowTheDanger) {
  World w;
  auto disp = displacement_of(w);
  dm::FlightParams params;  // scale 10, memory 30 days
  dm::Flight flight(params, *disp);
  w.state.places[kGao].danger = 5.0;
  w.state.day = 1;
  flight.day(w.state, w.ctx());
  const double v = 1.0 - std::exp(-0.5);
  EXPECT_NEAR(w.state.places[kGao].exposure_days, v, 1e-12);
  EXPECT_NEAR(w.state.places[kGao].danger, 5.0 * std::exp(-1.0 / 30.0), 1e-12);
  EXPECT_EQ(w.state.places[kAnsongo].exposure_days, 0.0);
  w.state.day = 2;
  flight.day(w.state, w.ctx());
  // Exposure counts recent violence: it decays with the danger's time constant (flight.cpp; the
  // header's "E_p = Σ v_p days of violence so far" leaves the decay out).
  const double v2 = 1.0 - std::exp(-0.5 * std::exp(-1.0 / 30.0));
  EXPECT_NEAR(w.state.places[kGao].exposure_days, v * std::exp(-1.0 / 30.0) + v2, 1e-12);
  // Nobody has a tolerance yet (all 255): nobody leaves.
  EXPECT_EQ(flight.departures(), 0u);
  EXPECT_EQ(w.count(Status::Resident), w.state.people.size());
}

TEST(FlightMechanism, PeopleLeaveWhenExposurePassesTheirTolerance) {
  World w;
  auto disp = displacement_of(w);
  dm::Flight flight({}, *disp);
  // Gao's people: a third leave at once (0 days), a third after 3 days, a third never.
  std::size_t at_gao = 0;
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    if (w.state.cells[w.state.people.cell[i]].place != kGao) {
      w.state.people.tolerance_days[i] = 0;  // would leave at the first violence, but there is none
      continue;
    }
    const std::uint8_t t[] = {0, 3, 255};
    w.state.people.tolerance_days[i] = t[at_gao++ % 3];
  }
  const std::size_t zero = (at_gao + 2) / 3, three = (at_gao + 1) / 3;
  w.state.places[kGao].danger = 1000.0;  // v = 1
  w.state.day = 1;
  flight.day(w.state, w.ctx());
  EXPECT_EQ(flight.departures(), zero);
  EXPECT_EQ(w.count_at(kGao, Status::Displaced), zero);
  EXPECT_EQ(disp->agent_count(), zero);  // one displacement agent per person agent (k = 10)
  EXPECT_NEAR(disp->people_displaced(), static_cast<double>(zero) * 10.0, 1e-9);
  for (int d = 2; d <= 4; ++d) {
    w.state.day = d;
    w.state.places[kGao].danger = 1000.0;
    flight.day(w.state, w.ctx());
  }
  // Exposure after 4 days ≈ 1 + e^{-1/30} + ... > 3: the 3-day people have gone too.
  EXPECT_GT(w.state.places[kGao].exposure_days, 3.0);
  EXPECT_EQ(flight.departures(), zero + three);
  EXPECT_EQ(w.count_at(kGao, Status::Resident), at_gao - zero - three);
  // Nobody left calm places.
  EXPECT_EQ(w.count_at(kBamako, Status::Resident), 200u);
  EXPECT_EQ(w.count_at(kAnsongo, Status::Resident), 200u);
}

TEST(FlightMechanism, ATownHeldByAHostileGroupIsViolentWithoutDeaths) {
  // No deaths anywhere; Gao is held by group 1, hostile to the state. With o = 0.2 Gao's people
  // endure 0.2 days of violence a day: after 4 days (0.2 · Σ e^{-k/30}, about 0.78) those whose
  // tolerance is read as 1/2 (0 days) have left, those of 3 days have not. A group that is no longer
  // hostile to the state (a signatory) frightens nobody, and o = 0 is the rule before.
  auto run = [](double o, bool hostile) {
    World w;
    auto disp = displacement_of(w);
    dm::FlightParams params;
    params.occupation_intensity = o;
    dm::Flight flight(params, *disp);
    for (std::size_t i = 0; i < w.state.people.size(); ++i) {
      w.state.people.tolerance_days[i] = w.state.cells[w.state.people.cell[i]].place == kGao ? 0 : 3;
    }
    w.state.places[kGao].controller = 1;
    w.set_hostile(0, 1, hostile);
    for (int d = 1; d <= 4; ++d) {
      w.state.day = d;
      flight.day(w.state, w.ctx());
    }
    EXPECT_EQ(w.state.places[kAnsongo].exposure_days, 0.0);  // held by the state: calm
    return std::pair{w.state.places[kGao].exposure_days, w.count_at(kGao, Status::Displaced)};
  };
  const auto [exposure, left] = run(0.2, true);
  double expected = 0.0;
  for (int d = 1; d <= 4; ++d) expected = expected * std::exp(-1.0 / 30.0) + 0.2;
  EXPECT_NEAR(exposure, expected, 1e-12);
  EXPECT_GT(left, 0u);
  const World fresh;
  EXPECT_EQ(left, fresh.count_at(kGao, Status::Resident));  // everyone of 0 days, nobody else
  EXPECT_EQ(run(0.0, true), std::pair(0.0, std::size_t{0}));
  EXPECT_EQ(run(0.2, false), std::pair(0.0, std::size_t{0}));
  EXPECT_DOUBLE_EQ(dm::with_occupation(0.5, true, 0.2), 0.6);
  EXPECT_DOUBLE_EQ(dm::with_occupation(0.5, false, 0.2), 0.5);
}

TEST(FlightMechanism, DisabledNobodyLeavesButDangerFades) {
  World w;
  auto disp = displacement_of(w);
  dm::FlightParams params;
  params.enabled = false;
  dm::Flight flight(params, *disp);
  for (auto& t : w.state.people.tolerance_days) t = 0;
  w.state.places[kGao].danger = 1000.0;
  w.state.day = 1;
  flight.day(w.state, w.ctx());
  EXPECT_EQ(flight.departures(), 0u);
  EXPECT_EQ(w.count(Status::Resident), w.state.people.size());
  EXPECT_EQ(w.state.places[kGao].exposure_days, 0.0);
  EXPECT_NEAR(w.state.places[kGao].danger, 1000.0 * std::exp(-1.0 / 30.0), 1e-9);
}

TEST(FlightMechanism, AgentsAreConservedAndRefugeesAreAbroad) {
  World w;
  auto disp = displacement_of(w);
  dm::Flight flight({}, *disp);
  engine::RandomDraws draws(3, kTestStream, 0, 0);
  for (auto& t : w.state.people.tolerance_days) t = dm::draw_tolerance(draws, {});
  const std::size_t n = w.state.people.size();
  std::size_t max_departures = 0;
  for (int d = 1; d <= 60; ++d) {
    w.state.day = d;
    if (d <= 20) w.state.places[kGao].danger += 20.0;  // three weeks of fighting in Gao
    flight.day(w.state, w.ctx());
    max_departures = flight.departures();
    ASSERT_EQ(w.state.people.size(), n);
    ASSERT_EQ(w.count(Status::Resident) + w.count(Status::Displaced) + w.count(Status::Refugee), n)
        << "day " << d;
  }
  EXPECT_GT(max_departures, 0u);
  EXPECT_EQ(disp->agent_count(), max_departures);
  // Only Gao's people left, and every one who left is displaced, a refugee or home again.
  EXPECT_EQ(w.count_at(kBamako, Status::Resident) + w.count_at(kAnsongo, Status::Resident), 400u);
  const std::size_t away = w.count(Status::Displaced) + w.count(Status::Refugee);
  EXPECT_LE(away, max_departures);
  EXPECT_GT(away, 0u);
  // Refugees (after the weekly sync) are those whose agents rest abroad, in Mbera.
  EXPECT_LE(static_cast<double>(w.count(Status::Refugee)) * 10.0,
            disp->people_at(kMbera) + disp->people_in_transit() + 1e-9);
}

TEST(FlightMechanism, ReturnsAreCountedByWhereThePeopleCameBackFrom) {
  // Three weeks of fighting in Gao, then a year of calm: people go home from Bamako and Ansongo
  // (internally displaced) and from Mbera (abroad); every person agent back home is counted once,
  // under the status it came back from.
  World w;
  dm::Rules rules;
  rules.move_chance_town = 0.0;  // the displaced stay in the first town they reach (else all drift to camps)
  auto disp = displacement_of(w, rules);
  dm::Flight flight({}, *disp);
  engine::RandomDraws draws(3, kTestStream, 0, 0);
  for (auto& t : w.state.people.tolerance_days) t = dm::draw_tolerance(draws, {});
  for (int d = 1; d <= 406; ++d) {  // 406: a day of the weekly bookkeeping
    w.state.day = d;
    if (d <= 20) w.state.places[kGao].danger += 20.0;
    flight.day(w.state, w.ctx());
  }
  const double k = w.state.people.people_per_agent;
  const std::size_t away = w.count(Status::Displaced) + w.count(Status::Refugee);
  ASSERT_GT(flight.departures(), away);
  const double internal = flight.returned_from(dm::Registration::kInternal);
  const double abroad = flight.returned_from(dm::Registration::kAbroad);
  EXPECT_GT(internal, 0.0);
  EXPECT_GT(abroad, 0.0);
  EXPECT_DOUBLE_EQ(internal + abroad, static_cast<double>(flight.departures() - away) * k);
  EXPECT_EQ(flight.returned_from(dm::Registration::kAbroad + 1), 0.0);  // no second country abroad
}

TEST(FlightMechanism, ViolenceFadesWithDistanceAndStopsAtTheRegionLine) {
  World w;
  // Cell 3 (in Gao's catchment) is moved across the region line: its people are Bamako's.
  w.state.cells[3].region = 0;
  const auto flat = dm::catchment_weights(w.state, 0.0);
  EXPECT_EQ(flat, (std::vector<double>{1.0, 1.0, 1.0, 0.0, 1.0}));
  const auto near = dm::catchment_weights(w.state, 20.0);
  const double d = engine::haversine_km(16.2, -0.1, 16.27, -0.04);  // cell 2 to Gao
  EXPECT_NEAR(near[2], std::exp(-d / 20.0), 1e-12);
  EXPECT_EQ(near[3], 0.0);
  EXPECT_GT(near[2], dm::catchment_weights(w.state, 5.0)[2]);  // a shorter kernel, less felt
}

TEST(FlightMechanism, ARegionWithNoViolenceSendsNoOne) {
  // The invariant of issue 17: Gao's violence displaces Gao region's people only, even those of
  // another region living in its catchment; with a kernel, the far ones feel less of it.
  World w;
  w.state.cells[3].region = 0;  // in Gao's catchment, across the region line
  for (std::size_t i = 0; i < w.state.people.size(); ++i) w.state.people.tolerance_days[i] = 0;
  auto disp = displacement_of(w);
  dm::FlightParams params;
  params.kernel_km = 0.0;
  dm::Flight flight(params, *disp);
  w.state.places[kGao].danger = 1000.0;
  w.state.day = 1;
  flight.day(w.state, w.ctx());
  std::size_t left_in_cell_2 = 0, at_cell_2 = 0;
  for (std::size_t i = 0; i < w.state.people.size(); ++i) {
    const auto c = w.state.people.cell[i];
    const bool left = w.state.people.status[i] != Status::Resident;
    if (w.state.cells[c].region == 0) {
      EXPECT_FALSE(left) << "agent " << i << " of cell " << c;
    }
    if (c == 2) {
      ++at_cell_2;
      left_in_cell_2 += left ? 1 : 0;
    }
  }
  EXPECT_GT(at_cell_2, 0u);
  EXPECT_EQ(left_in_cell_2, at_cell_2);  // tolerance 0, full weight: all of them
}

TEST(FlightMechanism, AToleranceRoundedDownToNoDaysIsHalfADay) {
  // Tolerances are whole days rounded down: 0 stands for less than a day, taken as half a day, so
  // a first touch of low violence (v = 0.3) sends nobody; a second day (E = 0.59) sends them.
  World w;
  for (auto& t : w.state.people.tolerance_days) t = 0;
  auto disp = displacement_of(w);
  dm::Flight flight({}, *disp);
  const double danger = -10.0 * std::log(1.0 - 0.3);  // v = 0.3 with the default scale 10
  w.state.places[kGao].danger = danger;
  w.state.day = 1;
  flight.day(w.state, w.ctx());
  EXPECT_EQ(flight.departures(), 0u);
  w.state.places[kGao].danger = danger;
  w.state.day = 2;
  flight.day(w.state, w.ctx());
  EXPECT_EQ(flight.departures(), 200u);  // all of Gao's agents, and nobody else
}

TEST(FlightMechanism, EachDisplacementAgentKeepsItsOwnersCommunity) {
  // Gao's people alternate between communities 1 and 2; they leave together, and the displacement
  // agents are made community by community: agent s must still stand for owner[s], with its
  // community (the kin it is drawn to).
  World w;
  for (auto& t : w.state.people.tolerance_days) t = 0;
  auto disp = displacement_of(w);
  dm::Flight flight({}, *disp);
  w.state.places[kGao].danger = 1000.0;
  w.state.day = 1;
  flight.day(w.state, w.ctx());
  const auto& owner = flight.state().owner;
  ASSERT_EQ(owner.size(), 200u);
  std::set<std::uint8_t> seen;
  for (std::size_t s = 0; s < owner.size(); ++s) {
    EXPECT_EQ(disp->whereabouts(s).group, w.state.people.community[owner[s]]) << "slot " << s;
    seen.insert(disp->whereabouts(s).group);
  }
  EXPECT_EQ(seen, (std::set<std::uint8_t>{1, 2}));
}

TEST(FlightMechanism, WithPopulationElasticityFearIsDeathsPerPeopleAround) {
  // ρ = danger · (100,000 / N)^α, N the people of the catchment (kernel 0: all weigh 1).
  EXPECT_EQ(dm::felt_danger(5.0, 2000.0, 0.0), 5.0);
  EXPECT_NEAR(dm::felt_danger(5.0, 2000.0, 1.0), 250.0, 1e-9);
  EXPECT_NEAR(dm::felt_danger(5.0, 2000.0, 0.5), 5.0 * std::sqrt(50.0), 1e-9);
  auto intensity_at_gao = [](std::uint32_t agents, double elasticity) {
    World w(Options{.agents_per_town = agents});
    auto disp = displacement_of(w);
    dm::FlightParams params;
    params.danger_scale = 100.0;
    params.population_elasticity = elasticity;
    dm::Flight flight(params, *disp);
    w.state.places[kGao].danger = 5.0;
    w.state.day = 1;
    flight.day(w.state, w.ctx());
    return w.state.places[kGao].exposure_days;  // v on the first day
  };
  // Gao's 200 agents of 10 people: N = 2,000; 800 agents: N = 8,000.
  EXPECT_NEAR(intensity_at_gao(200, 1.0), 1.0 - std::exp(-5.0 * 50.0 / 100.0), 1e-12);
  EXPECT_NEAR(intensity_at_gao(800, 1.0), 1.0 - std::exp(-5.0 * 12.5 / 100.0), 1e-12);
  EXPECT_EQ(intensity_at_gao(200, 0.0), intensity_at_gao(800, 0.0));
}

TEST(FlightMechanism, TheCatchmentsPeopleAreCountedAgainOnceTheCellIndexIsRebuilt) {
  // N_p is summed once per cell index (flight.cpp keeps it until the index is rebuilt): people born
  // into Gao's catchment make its violence less frightening from the next rebuild on, not before.
  World w(Options{.agents_per_town = 200});
  auto disp = displacement_of(w);
  dm::FlightParams params;
  params.danger_scale = 100.0;
  params.population_elasticity = 1.0;
  params.leaving_share = 0.0;  // nobody leaves: the intensity alone is measured
  dm::Flight flight(params, *disp);
  auto intensity_on = [&](std::int32_t day) {
    w.state.places[kGao].danger = 5.0;
    w.state.places[kGao].exposure_days = 0.0;
    w.state.day = day;
    flight.day(w.state, w.ctx());
    return w.state.places[kGao].exposure_days;
  };
  const double n2000 = 1.0 - std::exp(-5.0 * 50.0 / 100.0);  // 200 agents of 10 people
  const double n8000 = 1.0 - std::exp(-5.0 * 12.5 / 100.0);  // 800 agents
  EXPECT_NEAR(intensity_on(1), n2000, 1e-12);
  std::uint16_t gao_cell = 0;
  while (w.state.cells[gao_cell].place != kGao) ++gao_cell;
  for (int n = 0; n < 600; ++n) w.state.people.add(gao_cell, 1, 0);
  EXPECT_NEAR(intensity_on(2), n2000, 1e-12) << "the newborn are not in the index yet";
  w.state.rebuild_cell_index();
  EXPECT_NEAR(intensity_on(3), n8000, 1e-12);
}

TEST(FlightMechanism, WithFullElasticityLowViolenceDisplacesInProportionToDeathsNotPeople) {
  // The same deaths in a town of 20,000 and in one of 80,000: with α = 1 about as many leave each,
  // with α = 0 the bigger town sends about four times as many.
  auto departures = [](std::uint32_t agents, double elasticity) {
    World w(Options{.agents_per_town = agents});
    auto disp = displacement_of(w);
    dm::FlightParams params;
    params.leaving_share = 1.0;
    params.tolerance_days = 200.0;
    params.memory_days = 200.0;  // exposure builds over the 60 days (whole-day tolerances need room)
    // One recent death: the town of 20,000 feels ρ = 5 with α = 1 and 1 with α = 0, so v = 0.22
    // there either way; the town of 80,000 feels ρ = 1.25 (v = 0.06) with α = 1.
    params.danger_scale = elasticity > 0.0 ? 20.0 : 4.0;
    params.population_elasticity = elasticity;
    engine::RandomDraws draws(11, kTestStream, agents, 0);
    for (auto& t : w.state.people.tolerance_days) t = dm::draw_tolerance(draws, params);
    dm::Flight flight(params, *disp);
    for (int d = 1; d <= 60; ++d) {
      w.state.day = d;
      w.state.places[kGao].danger = 1.0;  // kept at one recent death
      flight.day(w.state, w.ctx());
    }
    return static_cast<double>(flight.departures());
  };
  const double small_full = departures(2000, 1.0), big_full = departures(8000, 1.0);
  const double small_none = departures(2000, 0.0), big_none = departures(8000, 0.0);
  EXPECT_GT(small_full, 20.0);
  EXPECT_NEAR(small_full, small_none, 0.3 * small_none);  // same intensity in the small town
  EXPECT_LT(big_full / small_full, 1.6);
  EXPECT_GT(big_full / small_full, 0.6);
  EXPECT_GT(big_none / small_none, 3.0);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing

namespace peacesim::mechanisms::conflict::testing {
namespace {

// The cell index extended with the newborn (people appended since the last rebuild, in several
// cells, twice over) is the index a full rebuild makes from scratch.
TEST(CellIndex, ExtendedWithTheNewbornIsTheFullIndex) {
  World w;
  const auto cells = static_cast<std::uint16_t>(w.state.cells.size());
  ASSERT_GT(cells, 2u);
  for (int month = 0; month < 2; ++month) {
    for (std::uint16_t j = 0; j < 50; ++j) {
      const auto cell = static_cast<std::uint16_t>((j * 7 + month) % cells);
      w.state.people.add(cell, 0, 0);
    }
    const auto version = w.state.cell_index_version;
    w.state.rebuild_cell_index();
    EXPECT_EQ(w.state.cell_index_version, version + 1);
    State fresh;
    fresh.cells = w.state.cells;
    fresh.people = w.state.people;
    fresh.rebuild_cell_index();
    EXPECT_EQ(w.state.cell_begin, fresh.cell_begin) << "month " << month;
    EXPECT_EQ(w.state.by_cell, fresh.by_cell) << "month " << month;
  }
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
