// Mesa 3.3.1's Epstein civil-violence example, exactly, and its partitioned parallel variant.
//
// The rules (mesa/examples/advanced/epstein_civil_violence/{model,agents}.py at tag v3.3.1):
//  - Placement: every cell, independently, holds a citizen with probability citizen_density, a
//    cop with probability cop_density, or nothing (random.choices with cumulative weights).
//    Citizens draw hardship H and risk aversion R uniformly on [0, 1) and start quiet.
//  - Each step, all agents (citizens and cops together) act once in a fresh uniformly random
//    order (AgentSet.shuffle_do).
//  - A citizen with a jail sentence > 0 decrements it and does nothing else; it stays on its cell,
//    which stays occupied. Otherwise it looks at the von Neumann diamond of radius citizen_vision
//    (centre excluded; 112 cells at radius 7), counts C cops and the active citizens (A = 1 + that
//    count; jailed citizens are neither), sets P = 1 - exp(-k * round(C / A)) with Python's round
//    (ties to even), becomes active if G - R*P > T with G = H*(1-L), else quiet (an arrested
//    citizen whose sentence has run out becomes quiet or active here), then moves.
//  - A cop looks at its diamond (cop_vision), arrests one active citizen chosen uniformly among
//    those it sees (state "arrested", sentence drawn uniformly from 0..max_jail_term inclusive;
//    a sentence of 0 still leaves the citizen "arrested" until its next turn), then moves.
//  - Moving: to a cell chosen uniformly among the empty cells of the diamond (the list is built
//    before the agent decides, which does not change occupancy); no move if there is none.
//    Cops move too.
//  - Outputs: citizens counted by state (quiet, active, arrested = jailed) after each step.
//
// Layout: everything about an agent lives in its cell (a 16-byte record), next to bit tiles saying
// which cells are occupied, by cops, by active citizens (tile_board.hpp); the agent moves with
// its record. An agent is identified, within a step, by the cell it stood on when the step began:
// agents that have not acted yet never move, so the cells occupied at the start of a step, in a
// uniformly random order, are a uniformly random activation order of the agents.
//
// Deviations from Mesa, none of which changes the distribution of a run:
//  - H and R have 24 random bits (float) instead of 53; the decision G - R*P > T is evaluated in
//    double precision as in Python.
//  - Random numbers come from Philox (engine/random.hpp), not Python's Mersenne Twister, so runs
//    are not draw-for-draw copies of Mesa's; the empty cell and the arrestee are drawn as "the k-th
//    candidate, k uniform", which has the same distribution as random.choice over the list.
//  - The grid must be at least 2*vision+1 cells on each side (Mesa would fold a wider diamond onto
//    itself on a small torus).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/random.hpp"
#include "models/epstein/counts.hpp"
#include "models/epstein/draws.hpp"
#include "models/epstein/huge_pages.hpp"
#include "models/epstein/params.hpp"
#include "models/epstein/tile_board.hpp"

namespace peacesim::models::epstein {

class MesaWorld {
 public:
  enum State : std::uint8_t { kQuiet = 0, kActiveState = 1, kArrested = 2 };
  using Counts = epstein::Counts;
  struct EmptyTag {};

  // How the world will mostly be stepped. It chose the grid's memory layout once (the results do
  // not depend on it); both uses now take the same one (tile_board.hpp), and the argument is kept
  // so that callers need not change.
  enum class Use : std::uint8_t { Exact, Parallel };

  // `tile_side`: the parallel variant's target tile side in cells (see step_parallel).
  MesaWorld(const Params& params, std::uint64_t seed, std::uint32_t tile_side = 64, Use use = Use::Exact);
  MesaWorld(const Params& params, std::uint64_t seed, EmptyTag, std::uint32_t tile_side = 64,
            Use use = Use::Exact);
  ~MesaWorld();
  MesaWorld(const MesaWorld&) = delete;
  MesaWorld& operator=(const MesaWorld&) = delete;

  // --- building a world by hand (tests) ---
  void place_citizen(std::uint32_t row, std::uint32_t col, float hardship, float risk_aversion,
                     State state = kQuiet, std::uint16_t jail = 0);
  void place_cop(std::uint32_t row, std::uint32_t col);

  // --- running ---
  // One step of Mesa's model: every agent acts once, in a uniformly random order. `step` is the
  // 0-based step index (it keys the random draws); legitimacy is params.legitimacy_at(step + 1).
  void step_exact(std::uint32_t step);

  // One step of the parallel variant: the same rules, with a partitioned order. The torus is cut
  // into tiles of about tile_side x tile_side cells (at least 2*vision+8 wide when there are four
  // or more across), offset by a random shift each step and coloured in a 2x2 checkerboard. The
  // four colours run one after another in a random order; within a colour, tiles run in parallel
  // (oneTBB) and each tile's agents act one at a time in a uniformly random order. An agent reads
  // and writes only cells within its vision, so tiles of one colour, at least 2*vision cells
  // apart, never touch the same cell: the result depends on nothing but the seed.
  void step_parallel(std::uint32_t step);

  // One agent's turn (tests): the agent on (row, col) acts as it would in step `step` of the
  // parallel variant, with draws keyed by its cell.
  void activate_at(std::uint32_t row, std::uint32_t col, std::uint32_t step);

  // --- inspecting ---
  [[nodiscard]] Counts counts() const { return counts_; }
  [[nodiscard]] std::uint64_t agents() const {
    return counts_.quiet + counts_.active + counts_.jailed + counts_.cops;
  }
  [[nodiscard]] std::size_t memory_bytes() const;
  [[nodiscard]] const Params& params() const { return p_; }
  [[nodiscard]] const TileBoard& board() const { return board_; }
  [[nodiscard]] Code code(std::uint32_t row, std::uint32_t col) const {
    return static_cast<Code>(board_.get(board_.id(row, col)));
  }
  [[nodiscard]] State state(std::uint32_t row, std::uint32_t col) const {
    return static_cast<State>(cells_[board_.id(row, col)].state);
  }
  [[nodiscard]] std::uint16_t jail(std::uint32_t row, std::uint32_t col) const {
    return cells_[board_.id(row, col)].jail;
  }
  [[nodiscard]] std::uint32_t tiles_across() const { return tiles_x_; }
  [[nodiscard]] std::uint32_t tiles_down() const { return tiles_y_; }
  // A hash of the whole state (occupancy, attributes, sentences), for determinism checks.
  [[nodiscard]] std::uint64_t state_hash() const;

  // Checkpoints (checkpoint.cpp): what steps change; a world made with the same parameters and
  // seed reads it back.
  void save_state(std::ostream& out) const;
  void load_state(std::istream& in);
  template <class Archive>  // the fields both read and write (engine/checkpoint_fields.hpp)
  void checkpoint_fields(Archive& archive);

 private:
  struct Cell {
    float h;             // hardship
    float r;             // risk aversion
    std::uint16_t jail;  // remaining sentence
    std::uint8_t state;  // State
    std::uint8_t flags;  // kCopFlag
    // Citizens: the citizen is active after deciding iff round(C/A) < limit (0 for cops), which is
    // exactly G - R*P(round(C/A)) > T for the current legitimacy (see limit_for).
    std::int32_t limit;
  };
  static_assert(sizeof(Cell) == 16);
  static constexpr std::uint8_t kCopFlag = 2;

  struct Tally {
    std::int64_t quiet = 0;
    std::int64_t active = 0;
    std::int64_t jailed = 0;
  };
  struct Scratch;

  void init(std::uint32_t tile_side, Use use);
  void begin_step(std::uint32_t step);
  // The decision limit of a citizen with hardship h and risk aversion r at the current legitimacy.
  [[nodiscard]] std::int32_t limit_for(float h, float r) const;
  // Recomputes every citizen's limit (legitimacy changed).
  void refresh_limits();
  void apply(const Tally& t);
  // One agent's turn; returns the cell it ends on.
  template <std::uint32_t kEntries, Layout kLayout, class Draws>
  CellId activate(CellId c, Draws& draws, Tally& t, std::uint8_t parity);
  template <Layout kLayout>
  [[gnu::always_inline]] void move(CellId from, CellId to, unsigned code, unsigned parity) {
    cells_[to] = cells_[from];
    board_.move<kLayout>(from, to, code, parity);
  }
  template <class F>
  void with_layout(F&& f);
  template <class Emit>
  void for_each_occupied_in(std::uint32_t row, std::uint32_t col, std::uint32_t cols, Emit&& emit,
                            unsigned parity = 2) const;
  template <std::uint32_t kEntries, Layout kLayout>
  void run_shuffled_order(std::uint32_t step, std::uint8_t parity, Tally& t);
  template <std::uint32_t kEntries, Layout kLayout>
  void run_interleaved_order(std::uint32_t step, std::uint8_t parity, Tally& t);
  void run_tile(std::uint32_t tx, std::uint32_t ty, std::uint32_t ox, std::uint32_t oy, std::uint32_t step,
                std::uint8_t parity, std::vector<std::uint32_t>& list, Tally& t);

  Params p_;
  std::uint64_t seed_;
  TileBoard board_;
  HugeVector<Cell> cells_;
  TileWindow citizen_window_;
  TileWindow cop_window_;
  std::vector<double> arrest_probability_;  // by round(C/A)
  std::uint32_t saturated_ = 0;             // the first n from which arrest_probability_ is constant
  double grievance_scale_ = 0.0;            // 1 - L for the current step
  double limits_scale_ = -1.0;              // the grievance scale the cells' limits were computed for
  std::uint32_t entries_ = 0;               // tiles per window when both windows agree, else 0
  Counts counts_;
  HugeVector<std::uint32_t> order_;  // the activation order (cells); small worlds: their end cells
  bool order_valid_ = false;         // order_ lists the occupied cells (small worlds)
  std::vector<std::uint32_t> offsets_;
  // Parallel variant.
  std::uint32_t tiles_x_ = 1;
  std::uint32_t tiles_y_ = 1;
  std::vector<Tally> tile_tallies_;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace peacesim::models::epstein
