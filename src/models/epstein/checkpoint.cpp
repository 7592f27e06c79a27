// Checkpoints of the Epstein worlds (engine/checkpoint.hpp): the grid's occupancy, the agents'
// attributes and sentences, the counts, the activation order the next step starts from, and the
// legitimacy the cached decision limits were computed for. Windows, tables and tiles are made
// again from the parameters when the world is built. Trivially copyable arrays go as raw bytes.
#include <cereal/archives/binary.hpp>
#include <istream>
#include <ostream>
#include <type_traits>

#include "engine/checkpoint_fields.hpp"
#include "models/epstein/mesa_world.hpp"
#include "models/epstein/netlogo_world.hpp"

namespace peacesim::models::epstein {

namespace {

template <class Archive, class T, class Alloc>
void raw(Archive& a, std::vector<T, Alloc>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::uint64_t n = v.size();
  a(n);
  v.resize(n);
  a(cereal::binary_data(v.data(), static_cast<std::size_t>(n) * sizeof(T)));
}

template <class Archive>
void tally(Archive& a, Counts& c) {
  a(c.quiet, c.active, c.jailed, c.cops);
}

}  // namespace

struct BoardCheckpoint {
  template <class Archive>
  static void words(Archive& a, TileBoard& board) {
    raw(a, board.words_);
  }
};

template <class Archive>
void MesaWorld::checkpoint_fields(Archive& a) {
  BoardCheckpoint::words(a, board_);
  raw(a, cells_);
  raw(a, order_);
  tally(a, counts_);
  a(order_valid_, grievance_scale_, limits_scale_);
}

template <class Archive>
void NetLogoWorld::checkpoint_fields(Archive& a) {
  raw(a, cops_.values());
  raw(a, actives_.values());
  raw(a, blockers_.values());
  raw(a, head_);
  raw(a, turtles_);
  raw(a, order_);
  tally(a, counts_);
  a(grievance_scale_);
}

void MesaWorld::save_state(std::ostream& out) const { engine::save_fields(out, *this); }
void MesaWorld::load_state(std::istream& in) { engine::load_fields(in, *this); }
void NetLogoWorld::save_state(std::ostream& out) const { engine::save_fields(out, *this); }
void NetLogoWorld::load_state(std::istream& in) { engine::load_fields(in, *this); }

}  // namespace peacesim::models::epstein
