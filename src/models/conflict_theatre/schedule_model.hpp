// The engine::Model that plays the theatre's schedule: monthly gauges, no mechanisms.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "models/conflict_theatre/world.hpp"

namespace peacesim::models::conflict_theatre {

class ScheduleModel final : public engine::Model {
 public:
  ScheduleModel(TheatreWorld world, engine::Date end);

  void declare_outputs(engine::Recorder& recorder) override;
  std::vector<engine::System> systems() override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const override;

  [[nodiscard]] const TheatreWorld& world() const { return world_; }

  // Each operation's people by region (index 0 = national total, then regions by code), on a date.
  [[nodiscard]] std::vector<double> strength_by_region(std::size_t operation, engine::Date date) const;

  // M9 in counterfactual scenarios: today's strength of the operations the institutions' rules
  // decide (nullopt for those that keep their record). Set before declare_outputs.
  using DecidedStrength = std::function<std::optional<double>(std::size_t operation)>;
  void set_decided(DecidedStrength decided) { decided_ = std::move(decided); }

  // An operation's strength on a date: decided by M9 or recorded; and whether it is deployed.
  [[nodiscard]] double strength(std::size_t operation, engine::Date date) const;
  [[nodiscard]] bool deployed(std::size_t operation, engine::Date date) const;

 private:
  void observe(engine::StepContext& context);

  struct OperationSeries {
    std::size_t operation;
    engine::SeriesId actual = 0;
    bool has_authorized = false;
    engine::SeriesId authorized = 0;
    std::vector<theatre::StrengthPoint> ceilings;
    bool has_actual = false;  // recorded figures, or decided by M9
  };
  struct UnitSeries {
    std::size_t operation;
    std::size_t unit;
    engine::SeriesId id = 0;
  };

  TheatreWorld world_;
  engine::Date end_;
  DecidedStrength decided_;
  std::vector<OperationSeries> operations_;
  std::vector<UnitSeries> units_;
  engine::SeriesId population_ = 0;
  engine::SeriesId groups_existing_ = 0;
  engine::SeriesId groups_designated_ = 0;
  engine::SeriesId operations_deployed_ = 0;
};

}  // namespace peacesim::models::conflict_theatre
