// Changes of status that keep people and strengths consistent: killing residents of a town's
// surroundings, enlisting and losing fighters. Strengths are in people; agents stand for k people
// each, so fractions are carried until they make a whole agent (nothing is lost to rounding).
#pragma once

#include "engine/fields.hpp"
#include "engine/random.hpp"
#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::conflict {

// Whom a killing of civilians falls on: who kills (recorded for M14) and which communities they
// target, from 0 (indiscriminate) to 1 (only the targeted, while any is found around the place).
struct Victims {
  ActorIndex by = kNoActor;
  std::uint32_t prefer = 0;  // bit c: community c targeted
  double strength = 0.0;
};

class PeopleOps {
 public:
  explicit PeopleOps(const State& state);

  // Kills `people` civilians living around place p (residents of its cells), chosen as `victims`
  // says, and records them in state.killings; returns agents killed. Fewer if the place has no
  // residents left.
  std::size_t kill_residents(State& state, PlaceIndex p, double people, engine::RandomDraws& draws,
                             const Victims& victims = {});
  // Removes `people` fighters of group g (they are killed): agents most recently enlisted first.
  std::size_t kill_fighters(State& state, ActorIndex g, double people);
  // A resident joins group g: status Fighter, and k people added to the group's dispersed pool in
  // the region the resident lives in.
  void enlist(State& state, std::uint32_t agent, ActorIndex g);
  // The same, with the k people counted `share` in region `gather` and 1 − share where the resident
  // lives (M2: recruits who leave for the group's base; the agent keeps its home cell).
  void enlist(State& state, std::uint32_t agent, ActorIndex g, std::size_t gather, double share);
  // A fighter goes home (deserts or is demobilized): back to Resident.
  void release(State& state, ActorIndex g, std::size_t count);
  // Sends home about `expected` of group g's dispersed fighters (agents): the whole part, plus one
  // more with the fractional part's probability (one keyed draw), at most those dispersed; takes
  // them off the dispersed strength (every region in proportion). Returns the agents sent home.
  std::size_t send_home(State& state, ActorIndex g, double expected, engine::RandomDraws& draws);

  // The agents living in place p's cells: [begin, end) into state.by_cell.
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> residents_range(const State& state,
                                                                        PlaceIndex p) const;

  // Cells are ordered so that each place's cells are contiguous: [place_cells[p], place_cells[p+1]).
  std::vector<std::uint32_t> place_cells;

  // What changes: fractions of an agent not yet killed, by place and by group (checkpointed whole).
  struct Carry {
    std::vector<double> civilian;  // by place
    std::vector<double> fighter;   // by actor
    bool operator==(const Carry&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] Carry& carry() { return carry_; }

 private:
  Carry carry_;
};

}  // namespace peacesim::mechanisms::conflict
