// Checkpoints of the Mali model (engine/checkpoint.hpp, models/conflict_theatre/checkpoint.cpp): a run
// resumed from the state saved after step k, in a model made afresh, records exactly what the
// uninterrupted run records, for several k (issue 9, item 3). A counterfactual with M9 rules and
// negotiation keeps those mechanisms' state too.
#include "engine/checkpoint.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <tuple>

#include "engine/simulation.hpp"
#include "models/conflict_theatre/conflict_model.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "scenario/scenario.hpp"
#include "support.hpp"

namespace peacesim::testing {
namespace {

struct Recorded {
  std::vector<engine::SeriesRow> rows;
  std::vector<engine::Event> events;
  std::vector<std::pair<std::string, std::string>> summary;
};

bool same(const Recorded& a, const Recorded& b) {
  if (a.rows.size() != b.rows.size() || a.events.size() != b.events.size() || a.summary != b.summary)
    return false;
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const auto &x = a.rows[i], &y = b.rows[i];
    if (x.step != y.step || x.date != y.date || x.series != y.series || x.region != y.region ||
        x.value != y.value)
      return false;
  }
  // Every field of an event (engine::Event), as the run's events.csv writes them.
  const auto fields = [](const engine::Event& e) {
    return std::tie(e.step, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.interaction,
                    e.admin1, e.admin2, e.location, e.latitude, e.longitude, e.fatalities);
  };
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    if (fields(a.events[i]) != fields(b.events[i])) return false;
  }
  return true;
}

// Runs from the start (saving a checkpoint every `every` steps into `saved`), or from `resume_from`.
struct Case {
  const scenario::Scenario& scenario;
  const engine::ParameterSet& parameters;
  const models::conflict_theatre::TheatreWorld& world;
};

Recorded run(const Case& c, engine::Date end, std::uint32_t every,
             std::map<std::uint32_t, std::string>* saved, const std::string* resume_from = nullptr) {
  const auto& s = c.scenario;
  models::conflict_theatre::ConflictModel model(c.world, models::conflict_theatre::read_dynamics(s.root),
                                                c.parameters, s.start, end, 1000.0, 3);
  engine::SimulationOptions options;
  options.seed = 3;
  options.checkpoint_every_steps = every;
  if (saved != nullptr)
    options.checkpoint = [&](const std::string& bytes, std::uint32_t step) { (*saved)[step] = bytes; };
  engine::Simulation sim(model, engine::Clock(s.start, end), options);
  if (resume_from != nullptr) sim.resume(*resume_from);
  EXPECT_TRUE(sim.run().completed);
  return {sim.recorder().rows(), sim.recorder().events(), model.summary()};
}

void expect_resumes_identically(const Case& c, engine::Date end) {
  std::map<std::uint32_t, std::string> saved;
  const Recorded whole = run(c, end, 150, &saved);
  ASSERT_GE(saved.size(), 4u);
  EXPECT_TRUE(same(whole, run(c, end, 0, nullptr))) << "saving a checkpoint changed the run";
  for (const auto& [step, bytes] : saved) {
    EXPECT_TRUE(same(whole, run(c, end, 0, nullptr, &bytes))) << "resumed after step " << step;
  }
}

TEST(MaliCheckpoint, AResumedRunRecordsWhatTheUninterruptedRunRecords) {
  const auto& f = mali();
  expect_resumes_identically({f.scenario, f.parameters, f.world}, engine::Date(2014, 6, 30));
}

TEST(MaliCheckpoint, ACounterfactualWithInstitutionsAndTalksResumesIdentically) {
  const auto variant = scenario::load_scenario(std::filesystem::path(PEACESIM_SOURCE_DIR) /
                                               "scenarios/mali/variants/q3_un_after_stability.yaml");
  const auto parameters =
      scenario::resolve_parameters(variant, models::conflict_theatre::theatre_info().parameters);
  const auto world = models::conflict_theatre::load_world(variant, parameters);
  expect_resumes_identically({variant, parameters, world}, engine::Date(2015, 12, 31));
}

// Every module's state is saved as a whole (engine/fields.hpp): a model made afresh and loaded
// from the state another saved mid-run holds, module by module, states equal (operator==, every
// field) to the saver's. Before loading, the fresh model differs in every module whose state the
// run changes, so the comparison could fail: a field left out of a checkpoint would keep its
// initial value and show up here.
TEST(MaliCheckpoint, EveryModulesStateIsRestoredAsItWas) {
  const auto& f = mali();
  // Five years at 25 people per agent: civilians' deaths become agents only as they add up to
  // whole ones in a place, so M6's memory and M14's threats first change well into the run.
  const engine::Date end(2016, 12, 31);
  auto make = [&] {
    return std::make_unique<models::conflict_theatre::ConflictModel>(
        f.world, models::conflict_theatre::read_dynamics(f.scenario.root), f.parameters, f.scenario.start,
        end, 25.0, 3);
  };
  const auto model = make();
  engine::SimulationOptions options;
  options.seed = 3;
  engine::Simulation sim(*model, engine::Clock(f.scenario.start, end), options);
  ASSERT_TRUE(sim.run().completed);
  std::ostringstream saved(std::ios::binary);
  model->save_state(saved);

  const auto fresh = make();
  const auto before = model->registry().differences(fresh->registry());
  for (const std::string module :
       {"shared state", "M2 mobilization", "M6 civilians", "M7 displacement", "M8 control",
        "M10 peace process", "M11 perceptions", "M12 costs", "M13 events", "M14 reprisals", "demography"}) {
    EXPECT_TRUE(std::any_of(before.begin(), before.end(),
                            [&](const std::string& d) { return d.starts_with(module); }))
        << module << "'s state did not change in the run: the comparison would not test it";
  }
  std::istringstream in(saved.str(), std::ios::binary);
  fresh->load_state(in);
  const auto after = model->registry().differences(fresh->registry());
  EXPECT_TRUE(after.empty()) << "not restored: " << (after.empty() ? "" : after.front());
  // And saving the restored model gives the same bytes.
  std::ostringstream again(std::ios::binary);
  fresh->save_state(again);
  EXPECT_TRUE(again.str() == saved.str());
}

TEST(MaliCheckpoint, DamagedBytesAreAClearError) {
  std::map<std::uint32_t, std::string> saved;
  const auto& f = mali();
  (void)run({f.scenario, f.parameters, f.world}, engine::Date(2012, 3, 31), 60, &saved);
  ASSERT_FALSE(saved.empty());
  const std::string cut = saved.begin()->second.substr(0, saved.begin()->second.size() / 2);
  models::conflict_theatre::ConflictModel model(
      f.world, models::conflict_theatre::read_dynamics(f.scenario.root), f.parameters, f.scenario.start,
      engine::Date(2012, 3, 31), 1000.0, 3);
  engine::Simulation sim(model, engine::Clock(f.scenario.start, engine::Date(2012, 3, 31)), {});
  EXPECT_THROW(sim.resume(cut), engine::CheckpointError);
  EXPECT_THROW(sim.resume("not a checkpoint"), engine::CheckpointError);
}

}  // namespace
}  // namespace peacesim::testing
