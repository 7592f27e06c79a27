// The Mali model with its operational layer (issue 5): the scheduled inputs (schedule_model.hpp)
// plus the mechanisms M1-M8, M11 and M13 driving the state built by build_state.hpp. The scenario
// schedules decisions (offensives, deployments, coups); results come from the mechanisms.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "mechanisms/civilians/civilians.hpp"
#include "mechanisms/combat/combat.hpp"
#include "mechanisms/control/control.hpp"
#include "mechanisms/costs/costs.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "mechanisms/events/event_log.hpp"
#include "mechanisms/force_employment/force_employment.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/group_strategy/group_strategy.hpp"
#include "mechanisms/institutions/institutions.hpp"
#include "mechanisms/mobilization/mobilization.hpp"
#include "mechanisms/peace_process/negotiation.hpp"
#include "mechanisms/peace_process/peace_process.hpp"
#include "mechanisms/perceptions/perceptions.hpp"
#include "models/mali/build_state.hpp"
#include "models/mali/decisions.hpp"
#include "models/mali/schedule_model.hpp"
#include "models/mali/talks.hpp"

namespace peacesim::models::mali {

class ConflictModel final : public engine::Model {
 public:
  ConflictModel(MaliWorld world, DynamicsSpec spec, const engine::ParameterSet& parameters,
                engine::Date start, engine::Date end, double people_per_agent, std::uint64_t seed);

  void declare_outputs(engine::Recorder& recorder) override;
  std::vector<engine::System> systems() override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const override;
  [[nodiscard]] std::size_t agent_count() const override { return built_.state.people.size(); }
  // Checkpoints (models/mali/checkpoint.cpp): the state, the displacement, the mechanisms' own
  // running figures, the agreements' progress and the summary's changes of hands.
  [[nodiscard]] bool can_checkpoint() const override { return true; }
  void save_state(std::ostream& out) const override;
  void load_state(std::istream& in) override;
  template <class Archive>  // the fields both read and write (engine/checkpoint_fields.hpp)
  void checkpoint_fields(Archive& archive);

  [[nodiscard]] const mechanisms::conflict::State& state() const { return built_.state; }
  [[nodiscard]] const mechanisms::events::EventLog& event_log() const { return log_; }

 private:
  mechanisms::conflict::Context context(engine::StepContext& c);
  void schedule(engine::StepContext& c);
  void monthly(engine::StepContext& c);
  void observe(engine::StepContext& c);
  void demography(engine::StepContext& c);
  void note_changes();
  void pay(engine::Recorder& recorder, engine::Date today);
  void decide();  // M9: the institutions' decisions of the day

  ScheduleModel schedule_;
  DynamicsSpec spec_;
  BuiltState built_;
  std::unique_ptr<mechanisms::conflict::PeopleOps> ops_;
  std::unique_ptr<mechanisms::displacement::Flight> flight_;
  mechanisms::events::EventLog log_;
  std::unique_ptr<mechanisms::costs::Costs> costs_;                       // null when switched off
  std::unique_ptr<mechanisms::institutions::Institutions> institutions_;  // M9
  std::unique_ptr<SituationReader> situation_;
  engine::Date start_;

  mechanisms::grievance::Params grievance_;
  mechanisms::mobilization::Params mobilization_;
  mechanisms::group_strategy::Params strategy_;
  mechanisms::force_employment::Params forces_;
  mechanisms::combat::Params combat_;
  mechanisms::civilians::Params civilians_;
  mechanisms::control::Params control_;
  mechanisms::perceptions::Params perceptions_;
  mechanisms::peace_process::Params peace_;
  mechanisms::peace_process::NegotiationParams negotiation_;
  std::vector<mechanisms::peace_process::Agreement> agreements_;
  std::vector<mechanisms::peace_process::Talks> talks_;  // negotiated agreements (M10)
  std::vector<engine::SeriesId> implementation_;
  engine::SeriesId demobilized_ = 0;
  mechanisms::displacement::FlightParams flight_params_;
  double birth_rate_ = 0, death_rate_ = 0;
  engine::Date end_;
  std::vector<bool> influx_done_;

  // Series.
  std::vector<engine::SeriesId> casualties_;  // army, then each force
  std::vector<engine::SeriesId> towns_held_;  // state, then each group
  std::vector<engine::SeriesId> fighters_;    // each group
  std::vector<engine::SeriesId> refugees_camp_;
  std::vector<std::pair<std::string, engine::SeriesId>> refugees_country_;
  engine::SeriesId authority_ = 0, idp_ = 0, refugees_ = 0, alive_ = 0, killed_ = 0, abroad_ = 0, born_ = 0,
                   died_ = 0, impartiality_ = 0, army_capability_ = 0, army_strength_ = 0;

  // Town changes of hands, for the summary: (date, town, new controller).
  struct Change {
    engine::Date date;
    std::string town;
    std::string controller;
    template <class Archive>
    void serialize(Archive& a) {
      a(date, town, controller);
    }
  };
  std::vector<Change> changes_;
  std::vector<mechanisms::conflict::ActorIndex> last_controller_;
};

}  // namespace peacesim::models::mali
