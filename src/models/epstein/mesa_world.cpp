#include "models/epstein/mesa_world.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "models/epstein/shuffle.hpp"

namespace peacesim::models::epstein {

using engine::RandomDraws;
namespace s = streams;

struct MesaWorld::Scratch {
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> lists;
};

namespace {

// How many tiles across a side of `side` cells, for a target tile side and a minimum tile side.
// Two tiles across never conflict (each colour has one tile per row of tiles), so 2 is always
// allowed; with 4 or more, every tile must be at least `min_side` wide and their number even so
// that the checkerboard colouring is consistent across the wrap.
std::uint32_t tiles_along(std::uint32_t side, std::uint32_t target, std::uint32_t min_side) {
  const std::uint32_t n = side / std::max<std::uint32_t>(1, target);
  if (n < 4) return std::clamp<std::uint32_t>(n, 1, 2);
  const std::uint32_t m = std::min(n, side / min_side) & ~1u;
  return m < 4 ? 2 : m;
}

}  // namespace

MesaWorld::MesaWorld(const Params& params, std::uint64_t seed, std::uint32_t tile_side, Use use)
    : MesaWorld(params, seed, EmptyTag{}, tile_side, use) {
  // Mesa walks the cells and draws, for each, citizen / cop / nothing with cumulative weights
  // [citizen_density, citizen_density + cop_density, 1]; Python's bisect puts a draw u in the
  // first class whose cumulative weight exceeds it.
  const double c = p_.citizen_density;
  const double cc = p_.citizen_density + p_.cop_density;
  for (std::uint32_t row = 0; row < p_.height; ++row) {
    for (std::uint32_t col = 0; col < p_.width; ++col) {
      RandomDraws d(seed_, s::kPlacement, 0, static_cast<std::uint64_t>(row) * p_.width + col);
      const double u = d.uniform();
      if (u < c) {
        const float h = d.uniform_float();
        const float r = d.uniform_float();
        place_citizen(row, col, h, r);
      } else if (u < cc) {
        place_cop(row, col);
      }
    }
  }
}

MesaWorld::MesaWorld(const Params& params, std::uint64_t seed, EmptyTag, std::uint32_t tile_side, Use use)
    : p_(params), seed_(seed) {
  p_.validate();
  init(tile_side, use);
}

MesaWorld::~MesaWorld() = default;

void MesaWorld::init(std::uint32_t tile_side, Use use) {
  const std::uint32_t pad = p_.max_vision();
  // Both uses take the board's default layout: the halo layout on large grids serves the parallel
  // variant too (its windows are loads at fixed offsets, with no neighbour table to read).
  static_cast<void>(use);
  board_ = TileBoard(p_.width, p_.height, pad);
  cells_.assign(board_.cell_slots(), Cell{0.0f, 0.0f, 0, kQuiet, 0, 0});
  citizen_window_ = TileWindow(board_, diamond_rows(static_cast<int>(p_.citizen_vision)), false);
  cop_window_ = TileWindow(board_, diamond_rows(static_cast<int>(p_.cop_vision)), false);
  const std::uint32_t max_cells = std::max(citizen_window_.cells(), cop_window_.cells());
  arrest_probability_.resize(max_cells + 1);
  for (std::uint32_t n = 0; n <= max_cells; ++n) {
    // As Python computes it: 1 - math.exp(-1 * k * n).
    arrest_probability_[n] = 1.0 - std::exp(-1.0 * p_.arrest_prob_constant * static_cast<double>(n));
  }
  // The limits (limit_for) need P non-decreasing in n, which 1 - exp(-k n) is.
  for (std::uint32_t n = 1; n <= max_cells; ++n) {
    if (arrest_probability_[n] < arrest_probability_[n - 1])
      throw std::logic_error("arrest probability decreases");
  }
  saturated_ = max_cells;
  while (saturated_ > 0 && arrest_probability_[saturated_ - 1] == arrest_probability_[max_cells])
    --saturated_;
  // The unrolled, grouped scan of nine tiles needs both windows groupable (diamonds up to radius 7).
  entries_ = citizen_window_.entries() == cop_window_.entries() ? citizen_window_.entries() : 0;
  if (entries_ == 9 && !(citizen_window_.groupable() && cop_window_.groupable())) entries_ = 0;
  grievance_scale_ = 1.0 - p_.legitimacy;
  limits_scale_ = grievance_scale_;
  const std::uint32_t min_side = 2 * pad + 8;  // 2*vision, plus a margin of whole bytes of the board
  tiles_x_ = tiles_along(p_.width, tile_side, min_side);
  tiles_y_ = tiles_along(p_.height, tile_side, min_side);
  scratch_ = std::make_unique<Scratch>();
}

void MesaWorld::place_citizen(std::uint32_t row, std::uint32_t col, float hardship, float risk_aversion,
                              State state, std::uint16_t jail) {
  const CellId c = board_.id(row, col);
  if (board_.get(c) != kEmpty) throw std::logic_error("cell already occupied");
  cells_[c] = Cell{hardship, risk_aversion, jail, state, 0, limit_for(hardship, risk_aversion)};
  board_.set_parity(c, 1);  // "acted in an odd step": not yet in step 0
  order_valid_ = false;
  board_.set(c, state == kActiveState ? kActive : kCitizen);
  (state == kQuiet ? counts_.quiet : state == kActiveState ? counts_.active : counts_.jailed) += 1;
}

void MesaWorld::place_cop(std::uint32_t row, std::uint32_t col) {
  const CellId c = board_.id(row, col);
  if (board_.get(c) != kEmpty) throw std::logic_error("cell already occupied");
  cells_[c] = Cell{0.0f, 0.0f, 0, kQuiet, kCopFlag, 0};
  board_.set_parity(c, 1);
  order_valid_ = false;
  board_.set(c, kCop);
  counts_.cops += 1;
}

void MesaWorld::begin_step(std::uint32_t step) {
  grievance_scale_ = 1.0 - p_.legitimacy_at(step + 1);
  if (grievance_scale_ != limits_scale_) refresh_limits();
}

// Mesa's citizen is active iff G - R * P(n) > T, n = round(C / A), evaluated in double precision
// as Python does. P is non-decreasing in n, and so (IEEE arithmetic being monotone) the rule holds
// for n = 0 .. limit - 1 and fails from limit on: the limit, found once per citizen and legitimacy
// by bisection over the table of P, turns the decision into one integer comparison.
std::int32_t MesaWorld::limit_for(float h, float r) const {
  const double g = static_cast<double>(h) * grievance_scale_;
  const double threshold = p_.active_threshold;
  const auto holds = [&](std::uint32_t n) {
    return g - static_cast<double>(r) * arrest_probability_[n] > threshold;
  };
  // P is constant from saturated_ on: if the rule holds there it holds for every n.
  if (holds(saturated_)) return static_cast<std::int32_t>(arrest_probability_.size());
  std::uint32_t lo = 0;  // the first n where the rule fails is in [lo, hi]
  std::uint32_t hi = saturated_;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    if (holds(mid)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return static_cast<std::int32_t>(lo);
}

void MesaWorld::refresh_limits() {
  limits_scale_ = grievance_scale_;
  for (std::uint32_t row = 0; row < p_.height; ++row) {
    for_each_occupied_in(row, 0, p_.width, [&](CellId c) {
      Cell& a = cells_[c];
      if ((a.flags & kCopFlag) == 0) a.limit = limit_for(a.h, a.r);
    });
  }
}

void MesaWorld::apply(const Tally& t) {
  counts_.quiet = static_cast<std::uint64_t>(static_cast<std::int64_t>(counts_.quiet) + t.quiet);
  counts_.active = static_cast<std::uint64_t>(static_cast<std::int64_t>(counts_.active) + t.active);
  counts_.jailed = static_cast<std::uint64_t>(static_cast<std::int64_t>(counts_.jailed) + t.jailed);
}

// One agent's turn, Mesa's Citizen.step / Cop.step. kEntries: the windows' entry count when
// known at compile time (else 0); kLayout: the board's layout. Cops and citizens take one path
// (a cop is a citizen that never becomes active, plus an arrest that is rarely possible): whether
// an agent is a cop is a coin toss the branch predictor would lose.
template <std::uint32_t kEntries, Layout kLayout, class Draws>
[[gnu::always_inline]] inline CellId MesaWorld::activate(CellId c, Draws& draws, Tally& t,
                                                         std::uint8_t parity) {
  // Seamed boards give centres near an edge lists of their own length.
  constexpr std::uint32_t kPicked = kLayout == Layout::Seamed ? 0 : kEntries;
  Cell& a = cells_[c];
  // The agent's parity bit ("acted in this step") is set where it ends its turn: on its cell if it
  // stays, by the move otherwise (nothing in between reads it).
  if (a.state == kArrested && a.jail > 0) [[unlikely]] {
    board_.set_parity(c, parity);
    --a.jail;  // `if self.jail_sentence: self.jail_sentence -= 1; return` (cops are never arrested)
    return c;
  }
  const bool cop = (a.flags & kCopFlag) != 0;
  const TileWindow& window = cop ? cop_window_ : citizen_window_;
  TileScan scan;
  scan_window<true, kEntries, kLayout>(board_, window, c, scan);
  if (cop && scan.actives > 0) [[unlikely]] {
    complete_scan<kEntries, kLayout>(scan, window, c);
    const CellId target =
        board_.canonical_in<kLayout>(scanned_active(board_, window, c, scan, draws.below(scan.actives)));
    Cell& arrestee = cells_[target];
    arrestee.state = kArrested;
    // random.randint(0, max_jail_term): both ends included.
    arrestee.jail = static_cast<std::uint16_t>(draws.below(p_.max_jail_term + 1));
    board_.set(target, kCitizen);
    t.active -= 1;
    t.jailed += 1;
    // The arrest leaves occupancy as it was: the empty cells scanned above are still empty.
  }
  // Citizens: active iff round(C / A) < limit, A = 1 + actives (limit_for), that is, with
  // m = limit: 2C < (2m - 1) A, or 2C = (2m - 1) A (a tie, C/A = m - 1/2) and m - 1 even (Python's
  // round takes ties to even). Cops have limit 0 and are never active.
  const std::int32_t m = a.limit;
  const bool active = static_cast<std::int32_t>(2 * scan.cops) <
                      (2 * m - 1) * static_cast<std::int32_t>(scan.actives + 1) + (m & 1);
  const auto new_state = static_cast<std::uint8_t>(active ? kActiveState : kQuiet);
  if (!cop && new_state != a.state) {
    (a.state == kQuiet ? t.quiet : a.state == kActiveState ? t.active : t.jailed) -= 1;
    (active ? t.active : t.quiet) += 1;
    if (active || a.state == kActiveState) board_.set(c, active ? kActive : kCitizen);
    a.state = new_state;
  }
  // Deciding does not change occupancy: the empty cells scanned above are still empty.
  if (p_.movement && scan.empties > 0) {
    const CellId to = board_.canonical_in<kLayout>(
        scanned_empty<kPicked, kLayout>(scan, draws.below(scan.empties), window, c));
    // kCitizen = 1, kCop = 2, kActive = 3.
    const unsigned code = cop ? unsigned{kCop} : (active ? unsigned{kActive} : unsigned{kCitizen});
    move<kLayout>(c, to, code, parity);
    return to;
  }
  board_.set_parity(c, parity);
  return c;
}

// Runs `f` with the board's layout and the windows' entry count as compile-time constants.
template <class F>
void MesaWorld::with_layout(F&& f) {
  const bool nine = entries_ == 9;
  switch (board_.layout()) {
    case Layout::Wrapped:
      nine ? f(std::integral_constant<std::uint32_t, 9>{}, std::integral_constant<Layout, Layout::Wrapped>{})
           : f(std::integral_constant<std::uint32_t, 0>{}, std::integral_constant<Layout, Layout::Wrapped>{});
      break;
    case Layout::Seamed:
      nine ? f(std::integral_constant<std::uint32_t, 9>{}, std::integral_constant<Layout, Layout::Seamed>{})
           : f(std::integral_constant<std::uint32_t, 0>{}, std::integral_constant<Layout, Layout::Seamed>{});
      break;
    case Layout::Halo:
      nine ? f(std::integral_constant<std::uint32_t, 9>{}, std::integral_constant<Layout, Layout::Halo>{})
           : f(std::integral_constant<std::uint32_t, 0>{}, std::integral_constant<Layout, Layout::Halo>{});
      break;
  }
}

// Emits the cells of `cols` cells of canonical row `row` from column `col` (no wrap) that hold an
// agent; with `parity` 0 or 1, only agents that have not acted in a step of that parity.
template <class Emit>
void MesaWorld::for_each_occupied_in(std::uint32_t row, std::uint32_t col, std::uint32_t cols, Emit&& emit,
                                     unsigned parity) const {
  const std::uint32_t prow = row + board_.pad();
  const std::uint32_t r8 = prow & 7u;
  const std::uint32_t tile_row = (prow >> 3) << board_.tile_shift();
  for (std::uint32_t pcol = col + board_.pad(), end = pcol + cols; pcol < end;) {
    const std::uint32_t tile = tile_row | (pcol >> 3);
    const std::uint32_t c8 = pcol & 7u;
    const std::uint32_t n = std::min(8 - c8, end - pcol);
    const std::uint64_t run = (1u << n) - 1u;
    std::uint64_t bits = parity > 1 ? (~board_.tile_words(tile)[TileBoard::kFree] >> (8 * r8 + c8)) & run
                                    : board_.unacted(tile, 8 * r8 + c8, run, parity);
    while (bits != 0) {
      emit((tile << 6) | (r8 << 3) | (c8 + static_cast<std::uint32_t>(std::countr_zero(bits))));
      bits &= bits - 1;
    }
    pcol += n;
  }
}

// Large worlds: the order was shuffled beforehand (Rao-Sandelius, cache-friendly), and the record
// and window of the agent 8 turns ahead are prefetched (it has not moved yet).
template <std::uint32_t kEntries, Layout kLayout>
void MesaWorld::run_shuffled_order(std::uint32_t step, std::uint8_t parity, Tally& t) {
  constexpr std::size_t kAhead = 8;
  const std::size_t n = order_.size();
  const std::uint32_t* order = order_.data();
  const TileWindow& wide = citizen_window_.entries() >= cop_window_.entries() ? citizen_window_ : cop_window_;
  BufferedDraws draws(seed_, s::kActSequential, step);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      const CellId f = order[i + kAhead];
      __builtin_prefetch(&cells_[f], 1, 3);
      if constexpr (kLayout != Layout::Wrapped) {
        for (std::uint32_t e = 0; e < wide.entries(); ++e) {
          __builtin_prefetch(board_.tile_words((f >> 6) + static_cast<std::uint32_t>(wide.deltas()[e])));
        }
      }
    }
    activate<kEntries, kLayout>(order[i], draws, t, parity);
  }
  order_valid_ = false;
}

// Small worlds (at most 65,536 agents): Fisher-Yates interleaved with the turns. Turn i draws its
// agent uniformly among those not drawn yet, then the agent acts; its slot then holds the cell the
// agent ends the step on, which is where it starts the next one, so the list stays a list of the
// occupied cells without rescanning the grid.
template <std::uint32_t kEntries, Layout kLayout>
void MesaWorld::run_interleaved_order(std::uint32_t step, std::uint8_t parity, Tally& t) {
  const auto n = static_cast<std::uint32_t>(order_.size());
  if (n == 0) return;
  std::uint32_t* order = order_.data();
  BufferedDraws draws(seed_, s::kActSequential, step);
  // The next turn's agent is drawn one turn early, so that its record can be fetched while the
  // current agent acts (nothing a turn does changes the slots not yet drawn).
  std::uint32_t next = draws.below(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t j = next;
    const CellId c = order[j];
    order[j] = order[i];
    if (i + 1 < n) {
      next = i + 1 + draws.below(n - i - 1);
      __builtin_prefetch(&cells_[order[next]], 1, 3);
    }
    order[i] = activate<kEntries, kLayout>(c, draws, t, parity);
  }
}

void MesaWorld::step_exact(std::uint32_t step) {
  begin_step(step);
  Tally t;
  const auto parity = static_cast<std::uint8_t>(step & 1u);
  const auto list_occupied = [&](auto&& emit) {
    for (std::uint32_t row = 0; row < p_.height; ++row) for_each_occupied_in(row, 0, p_.width, emit);
  };
  if (agents() <= 65536) {
    if (!order_valid_) {
      order_.clear();
      list_occupied([&](CellId c) { order_.push_back(c); });
      order_valid_ = true;
    }
    with_layout(
        [&](auto entries, auto layout) { run_interleaved_order<entries(), layout()>(step, parity, t); });
  } else {
    order_.resize(agents());
    shuffled(list_occupied, order_, seed_, s::kOrder, s::kOrderBucket, step, offsets_);
    with_layout([&](auto entries, auto layout) { run_shuffled_order<entries(), layout()>(step, parity, t); });
  }
  apply(t);
}

void MesaWorld::run_tile(std::uint32_t tx, std::uint32_t ty, std::uint32_t ox, std::uint32_t oy,
                         std::uint32_t step, std::uint8_t parity, std::vector<std::uint32_t>& list,
                         Tally& out) {
  Tally t;  // local: tiles that run side by side must not write to one cache line
  const std::uint32_t w = p_.width;
  const std::uint32_t h = p_.height;
  const std::uint32_t x0 = static_cast<std::uint32_t>((static_cast<std::uint64_t>(tx) * w) / tiles_x_);
  const std::uint32_t x1 = static_cast<std::uint32_t>((static_cast<std::uint64_t>(tx + 1) * w) / tiles_x_);
  const std::uint32_t y0 = static_cast<std::uint32_t>((static_cast<std::uint64_t>(ty) * h) / tiles_y_);
  const std::uint32_t y1 = static_cast<std::uint32_t>((static_cast<std::uint64_t>(ty + 1) * h) / tiles_y_);
  // The agents in the tile that have not acted this step, in row-major order.
  list.clear();
  auto keep = [&](CellId c) { list.push_back(c); };
  const std::uint32_t cx = (ox + x0) % w;
  const std::uint32_t cols = x1 - x0;
  for (std::uint32_t y = y0; y < y1; ++y) {
    const std::uint32_t row = (oy + y) % h;
    // The tile's records come from memory once per step, in an order the hardware cannot guess:
    // ask for all of them now, a row at a time (two cache lines per 8 cells), so that the
    // prefetch a few turns ahead below finds them in the L2 cache instead of waiting for memory.
    for (std::uint32_t x = 0; x < cols + 8; x += 8) {
      const Cell* rec = &cells_[board_.id(row, (cx + std::min(x, cols - 1)) % w) & ~7u];
      __builtin_prefetch(rec, 1, 2);
      __builtin_prefetch(rec + 4, 1, 2);
    }
    if (cx + cols <= w) {
      for_each_occupied_in(row, cx, cols, keep, parity);
    } else {
      for_each_occupied_in(row, cx, w - cx, keep, parity);
      for_each_occupied_in(row, 0, cx + cols - w, keep, parity);
    }
  }
  // The tile's own stream of draws: its agents' order, then their turns. Keyed by the tile's
  // number in this step's tiling, so the draws do not depend on which thread runs the tile.
  const std::uint64_t tile_key = (static_cast<std::uint64_t>(ty) * tiles_x_ + tx) << 32;
  BufferedDraws order_draws(seed_, s::kTileOrder, step, tile_key);
  fisher_yates(list, order_draws);
  BufferedDraws draws(seed_, s::kActByTile, step, tile_key);
  with_layout([&](auto entries, auto layout) {
    // Everything a tile touches fits in the L2 cache; fetching the record and the window's tile
    // list of the agent four turns ahead into L1 takes the L2 latency off the critical path.
    constexpr std::size_t kAhead = 4;
    const std::size_t n = list.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) {
        const CellId f = list[i + kAhead];
        __builtin_prefetch(&cells_[f], 1, 3);
        if constexpr (layout() == Layout::Wrapped) __builtin_prefetch(citizen_window_.tiles_around(f >> 6));
      }
      activate<entries(), layout()>(list[i], draws, t, parity);
    }
  });
  out = t;
}

void MesaWorld::step_parallel(std::uint32_t step) {
  begin_step(step);
  order_valid_ = false;
  RandomDraws d(seed_, s::kTiling, step, 0);
  const std::uint32_t ox = d.below(p_.width);
  const std::uint32_t oy = d.below(p_.height);
  std::uint32_t colours[4] = {0, 1, 2, 3};
  fisher_yates(colours, d);
  const auto parity = static_cast<std::uint8_t>(step & 1u);
  Tally total;
  for (const std::uint32_t colour : colours) {
    const std::uint32_t cx = colour & 1u;
    const std::uint32_t cy = colour >> 1;
    if (cx >= tiles_x_ || cy >= tiles_y_) continue;
    const std::uint32_t nx = (tiles_x_ - cx + 1) / 2;
    const std::uint32_t ny = (tiles_y_ - cy + 1) / 2;
    const std::uint32_t n = nx * ny;
    tile_tallies_.assign(n, Tally{});
    auto run = [&](std::uint32_t i, std::vector<std::uint32_t>& list) {
      run_tile(cx + 2 * (i % nx), cy + 2 * (i / nx), ox, oy, step, parity, list, tile_tallies_[i]);
    };
    if (n == 1) {
      run(0, scratch_->lists.local());
    } else {
      tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 1),
                        [&](const tbb::blocked_range<std::uint32_t>& r) {
                          auto& list = scratch_->lists.local();
                          for (std::uint32_t i = r.begin(); i != r.end(); ++i) run(i, list);
                        });
    }
    for (const Tally& t : tile_tallies_) {
      total.quiet += t.quiet;
      total.active += t.active;
      total.jailed += t.jailed;
    }
  }
  apply(total);
}

void MesaWorld::activate_at(std::uint32_t row, std::uint32_t col, std::uint32_t step) {
  begin_step(step);
  const CellId c = board_.id(row, col);
  if (board_.get(c) == kEmpty) throw std::logic_error("no agent on that cell");
  KeyedDraws draws(seed_, s::kActSingle, step, c);
  order_valid_ = false;
  Tally t;
  const auto parity = static_cast<std::uint8_t>(step & 1u);
  with_layout([&](auto, auto layout) { activate<0, layout()>(c, draws, t, parity); });
  apply(t);
}

std::size_t MesaWorld::memory_bytes() const {
  return sizeof(*this) + cells_.capacity() * sizeof(Cell) + board_.bytes() + citizen_window_.bytes() +
         cop_window_.bytes() + order_.capacity() * 4 + offsets_.capacity() * 4 +
         tile_tallies_.capacity() * sizeof(Tally);
}

std::uint64_t MesaWorld::state_hash() const {
  std::uint64_t hash = 1469598103934665603ULL;
  auto mix = [&hash](std::uint64_t v) {
    hash ^= v;
    hash *= 1099511628211ULL;
  };
  for (std::uint32_t row = 0; row < p_.height; ++row) {
    for (std::uint32_t col = 0; col < p_.width; ++col) {
      const CellId c = board_.id(row, col);
      const unsigned code = board_.get(c);
      mix(code);
      if (code == kEmpty || code == kCop) continue;
      const Cell& a = cells_[c];
      std::uint32_t h;
      std::uint32_t r;
      std::memcpy(&h, &a.h, 4);
      std::memcpy(&r, &a.r, 4);
      mix(h);
      mix(r);
      mix(a.jail);
      mix(a.state);
    }
  }
  return hash;
}

}  // namespace peacesim::models::epstein
