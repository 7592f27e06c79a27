// A small model for testing the engine and the run store: walkers on a torus grid split into two
// regions, moving at random in parallel, with a chance of a "clash" event each day, and a monthly
// mechanism. Its randomness is keyed by (step, walker), so 1 and N threads must agree exactly.
#pragma once

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include "engine/agent_table.hpp"
#include "engine/grid.hpp"
#include "engine/model.hpp"
#include "engine/parameters.hpp"

namespace peacesim::testing {

inline std::vector<engine::ParameterSpec> toy_parameters() {
  return {
      {"walkers", engine::ParameterKind::Integer, 500, 1, 1e6, "agents", "assumption: test model", ""},
      {"clash_probability", engine::ParameterKind::Real, 0.01, 0, 1, "1/day", "assumption: test model", ""}};
}

class ToyModel final : public engine::Model {
 public:
  ToyModel(const engine::ParameterSet& p, std::uint64_t seed)
      : grid_(0, 0, 1, 20, 20), clash_probability_(p.real("clash_probability")) {
    const engine::RandomStreams random(seed);
    const auto n = static_cast<std::uint32_t>(p.integer("walkers"));
    for (std::uint32_t i = 0; i < n; ++i) {
      auto d = random.draws(kPlacement, 0, i);
      walkers_.create(d.below(static_cast<std::uint32_t>(grid_.size())), 0);
    }
  }

  void declare_outputs(engine::Recorder& r) override {
    r.set_regions({"west", "east"});
    walkers_series_ = r.declare(
        {"walkers", "agents", "walkers in the region", engine::SeriesKind::Gauge, engine::Cadence::Daily});
    clashes_series_ = r.declare(
        {"clashes", "events", "clashes in the region", engine::SeriesKind::Flow, engine::Cadence::Monthly});
  }

  std::vector<engine::System> systems() override {
    return {
        {"walk", engine::Cadence::Daily, engine::Phase::Step, [this](engine::StepContext& c) { walk(c); }},
        {"monthly_tally", engine::Cadence::Monthly, engine::Phase::Step,
         [this](engine::StepContext&) { ++monthly_runs_; }},
        {"count", engine::Cadence::Daily, engine::Phase::Observe,
         [this](engine::StepContext& c) { count(c); }}};
  }

  std::size_t agent_count() const override { return walkers_.size(); }
  int monthly_runs() const { return monthly_runs_; }

 private:
  static constexpr engine::StreamId kPlacement = 1;
  static constexpr engine::StreamId kWalk = 2;

  engine::RegionIndex region_of(engine::CellIndex cell) const { return grid_.col_of(cell) < 10 ? 0 : 1; }

  void walk(engine::StepContext& c) {
    auto cells = walkers_.column<0>();
    auto clashed = walkers_.column<1>();
    const auto step = c.clock.step();
    tbb::parallel_for(std::size_t{0}, walkers_.size(), [&](std::size_t slot) {
      auto d = c.random.draws(kWalk, step, walkers_.id_at(static_cast<std::uint32_t>(slot)));
      static const auto moves = engine::neighbourhood_offsets(engine::Neighbourhood::VonNeumann, 1, false);
      engine::CellIndex next[4];
      grid_.neighbours(cells[slot], moves, true, next);
      cells[slot] = next[d.below(4)];
      clashed[slot] = d.bernoulli(clash_probability_) ? 1 : 0;
    });
    // Events are recorded in slot order after the parallel loop: deterministic whatever the threads.
    for (std::size_t slot = 0; slot < walkers_.size(); ++slot) {
      if (!clashed[slot]) continue;
      const auto cell = cells[slot];
      c.recorder.add(clashes_series_, region_of(cell), 1);
      engine::Event e;
      e.step = step;
      e.event_date = c.clock.today();
      e.event_type = "Battles";
      e.sub_event_type = "Armed clash";
      e.actor1 = fmt::format("Walker {}", walkers_.id_at(static_cast<std::uint32_t>(slot)));
      e.actor2 = "Walker, \"the other\"";  // exercises CSV quoting
      e.interaction = 11;
      e.admin1 = region_of(cell) == 0 ? "West" : "East";
      e.location = fmt::format("cell {}", cell);
      e.latitude = grid_.centre_lat(cell);
      e.longitude = grid_.centre_lon(cell);
      e.fatalities = static_cast<int>(slot % 3);
      c.recorder.event(std::move(e));
    }
  }

  void count(engine::StepContext& c) {
    double per_region[2] = {0, 0};
    for (auto cell : walkers_.column<0>()) per_region[region_of(cell)] += 1;
    c.recorder.set(walkers_series_, 0, per_region[0]);
    c.recorder.set(walkers_series_, 1, per_region[1]);
  }

  engine::LatLonGrid grid_;
  double clash_probability_;
  engine::AgentTable<engine::CellIndex, std::uint8_t> walkers_;  // cell, clashed today
  engine::SeriesId walkers_series_ = 0;
  engine::SeriesId clashes_series_ = 0;
  int monthly_runs_ = 0;
};

}  // namespace peacesim::testing
