// NetLogo's "Rebellion" (Models Library, Wilensky 2004, after Epstein 2002), exactly.
//
// The rules, as the model's code states them:
//  - Placement: round(cop density * patches) cops, then round(citizen density * patches)
//    citizens ("agents" in NetLogo), each moved to a patch chosen uniformly among those with no
//    turtle yet. Citizens draw risk aversion R and perceived hardship H with `random-float 1.0`.
//  - Each tick `ask turtles` visits every turtle once in a fresh random order. A cop, and a
//    citizen with jail-term 0, first moves (citizens only if movement? is on); then a citizen
//    with jail-term 0 decides, and a cop enforces.
//  - Vision: `patches in-radius vision`, the disc dr^2 + dc^2 <= v^2 (149 patches at v = 7),
//    the turtle's own patch included.
//  - Move: to a patch chosen uniformly among the patches of the disc with no cop and no citizen
//    that is not jailed (jailed citizens do not block); none, no move. Several turtles may share a
//    patch.
//  - Decide: C = cops on the disc, A = 1 + active citizens on the disc (the citizen itself
//    included if it is active), P = 1 - exp(-k * floor(C / A)); active iff G - R*P > T.
//  - Enforce: if any citizen on the disc is active, pick one uniformly, make it quiet with
//    jail-term `random max-jail-term` (0..J-1; 0 leaves it free), and move the cop onto its patch.
//  - After all turtles have acted, every citizen with jail-term > 0 has it decreased by one.
//  - Outputs: quiet = not active and jail-term 0; active; jailed = jail-term > 0.
//
// Deviations: H and R have 24 random bits (float); random numbers come from Philox, not NetLogo's
// Mersenne Twister; the grid must be at least 2*vision+1 patches on each side; at most 254
// turtles of one kind may share a patch (the run stops with an error past that; it would take
// hundreds of arrests onto one patch).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/random.hpp"
#include "models/epstein/board.hpp"
#include "models/epstein/counts.hpp"
#include "models/epstein/draws.hpp"
#include "models/epstein/huge_pages.hpp"
#include "models/epstein/params.hpp"

namespace peacesim::models::epstein {

// A byte per cell on the padded torus (a count of turtles of some kind), mirrors kept up to date.
class ByteGrid {
 public:
  ByteGrid() = default;
  explicit ByteGrid(const Geometry& g) : g_(g), v_(g.padded_cells() + 32, 0) {}
  [[nodiscard]] std::uint8_t at(CellId c) const { return v_[c]; }
  [[nodiscard]] const std::uint8_t* data() const { return v_.data(); }
  void add(CellId c, int delta);
  [[nodiscard]] std::size_t bytes() const { return v_.capacity(); }
  [[nodiscard]] HugeVector<std::uint8_t>& values() { return v_; }  // checkpoints

 private:
  Geometry g_;
  HugeVector<std::uint8_t> v_;
};

// A window as row runs on a byte grid.
struct Run {
  std::int32_t delta;
  std::uint32_t cells;
};

class NetLogoWorld {
 public:
  using Counts = epstein::Counts;
  struct EmptyTag {};
  using TurtleId = std::uint32_t;

  NetLogoWorld(const Params& params, std::uint64_t seed);
  NetLogoWorld(const Params& params, std::uint64_t seed, EmptyTag);

  // --- building a world by hand (tests); turtles are numbered in the order they are added ---
  TurtleId add_cop(std::uint32_t row, std::uint32_t col);
  TurtleId add_citizen(std::uint32_t row, std::uint32_t col, float hardship, float risk_aversion,
                       bool active = false, std::uint16_t jail = 0);

  // --- running ---
  // One tick (`go`): every turtle acts once in a uniformly random order, then jail terms fall.
  // `step` is the 0-based tick (it keys the draws); legitimacy is params.legitimacy_at(step + 1).
  void step(std::uint32_t step);
  // One turtle's turn within tick `step` (tests), with draws keyed by the turtle.
  void act(TurtleId t, std::uint32_t step);
  // The end of a tick: jail terms fall by one (tests; step() does this itself).
  void end_tick();

  // --- inspecting ---
  [[nodiscard]] Counts counts() const { return counts_; }
  [[nodiscard]] std::uint64_t agents() const { return turtles_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const;
  [[nodiscard]] const Params& params() const { return p_; }

  // Checkpoints (checkpoint.cpp): what steps change; a world made with the same parameters and
  // seed reads it back.
  void save_state(std::ostream& out) const;
  void load_state(std::istream& in);
  template <class Archive>  // the fields both read and write (engine/checkpoint_fields.hpp)
  void checkpoint_fields(Archive& archive);
  [[nodiscard]] std::uint32_t row(TurtleId t) const { return g_.row(turtles_[t].cell); }
  [[nodiscard]] std::uint32_t col(TurtleId t) const { return g_.col(turtles_[t].cell); }
  [[nodiscard]] bool is_active(TurtleId t) const { return turtles_[t].active != 0; }
  [[nodiscard]] std::uint16_t jail(TurtleId t) const { return turtles_[t].jail; }
  [[nodiscard]] std::uint64_t state_hash() const;

 private:
  static constexpr std::uint32_t kNone = ~0u;
  struct Turtle {
    CellId cell;
    std::uint32_t next;  // next citizen on the same patch (kNone ends the list)
    float h;
    float r;
    std::uint16_t jail;
    std::uint8_t active;
    std::uint8_t cop;
  };
  static_assert(sizeof(Turtle) == 20);

  void init();
  void begin_step(std::uint32_t step) { grievance_scale_ = 1.0 - p_.legitimacy_at(step + 1); }
  template <class Draws>
  void turn(TurtleId t, Draws& draws);
  template <class Draws>
  void move(TurtleId t, Draws& draws);
  void relocate(TurtleId t, CellId to);
  template <class Draws>
  void enforce(TurtleId t, Draws& draws);
  void decide(TurtleId t);
  void link(TurtleId t, CellId c);
  void unlink(TurtleId t, CellId c);
  [[nodiscard]] double arrest_probability(std::uint32_t n) const;
  [[nodiscard]] const std::vector<Run>& window(const Turtle& t) const {
    return t.cop ? cop_runs_ : citizen_runs_;
  }

  Params p_;
  std::uint64_t seed_;
  Geometry g_;
  ByteGrid cops_;                   // cops on each patch
  ByteGrid actives_;                // active citizens on each patch
  ByteGrid blockers_;               // cops and citizens that are not jailed: a patch is a move target iff 0
  HugeVector<std::uint32_t> head_;  // first citizen on each patch
  HugeVector<Turtle> turtles_;
  std::vector<Run> citizen_runs_;
  std::vector<Run> cop_runs_;
  bool short_runs_ = false;  // every run of a window has at most 16 patches
  std::vector<std::int32_t> prefetch_rows_;
  std::vector<double> arrest_probability_;
  double grievance_scale_ = 0.0;
  Counts counts_;
  HugeVector<std::uint32_t> order_;
  std::vector<std::uint32_t> offsets_;
};

}  // namespace peacesim::models::epstein
