// The engine::Model that plays the theatre's schedule: monthly gauges, no mechanisms.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "models/mali/world.hpp"

namespace peacesim::models::mali {

class ScheduleModel final : public engine::Model {
 public:
  ScheduleModel(MaliWorld world, engine::Date end);

  void declare_outputs(engine::Recorder& recorder) override;
  std::vector<engine::System> systems() override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const override;

  [[nodiscard]] const MaliWorld& world() const { return world_; }

  // Each operation's people by region (index 0 = national total, then regions by code), on a date.
  [[nodiscard]] std::vector<double> strength_by_region(const theatre::Operation& op, engine::Date date) const;

 private:
  void observe(engine::StepContext& context);

  struct OperationSeries {
    std::size_t operation;
    engine::SeriesId actual = 0;
    bool has_authorized = false;
    engine::SeriesId authorized = 0;
    std::vector<theatre::StrengthPoint> ceilings;
  };
  struct UnitSeries {
    std::size_t operation;
    std::size_t unit;
    engine::SeriesId id = 0;
  };

  MaliWorld world_;
  engine::Date end_;
  std::vector<OperationSeries> operations_;
  std::vector<UnitSeries> units_;
  engine::SeriesId population_ = 0;
  engine::SeriesId groups_existing_ = 0;
  engine::SeriesId groups_designated_ = 0;
  engine::SeriesId operations_deployed_ = 0;
};

}  // namespace peacesim::models::mali
