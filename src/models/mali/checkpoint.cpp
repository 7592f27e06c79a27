// The Mali model's checkpoints (engine/checkpoint.hpp): everything that changes during a run. The
// rest (the theatre, the dynamics section, parameters, series ids, the talks' terms) is made again
// from the scenario when the model is built, so a checkpoint holds only what the run changed.
#include <cereal/archives/binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <istream>
#include <ostream>

#include "engine/checkpoint_fields.hpp"
#include "models/mali/conflict_model.hpp"

namespace peacesim::models::mali {

template <class Archive>
void ConflictModel::checkpoint_fields(Archive& a) {
  a(built_.state, agreements_, changes_, last_controller_, influx_done_, log_);
  // The parts a scenario may switch off are absent alike in the model that saves and the model
  // made afresh from the same scenario that loads.
  if (built_.displacement) a(*built_.displacement);
  if (ops_) a(*ops_);
  if (flight_) a(*flight_);
  if (costs_) a(*costs_);
  if (institutions_) a(*institutions_);
}

void ConflictModel::save_state(std::ostream& out) const { engine::save_fields(out, *this); }
void ConflictModel::load_state(std::istream& in) { engine::load_fields(in, *this); }

}  // namespace peacesim::models::mali
