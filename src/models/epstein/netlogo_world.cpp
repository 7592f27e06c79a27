#include "models/epstein/netlogo_world.hpp"

#include <emmintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "models/epstein/shuffle.hpp"

namespace peacesim::models::epstein {

using engine::RandomDraws;
namespace s = streams;

namespace {

alignas(16) constexpr std::uint8_t kMaskBytes[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0};

inline __m128i load16(const std::uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

// The first n (<= 16) bytes set, the rest clear.
inline __m128i first_bytes(std::uint32_t n) { return load16(kMaskBytes + 16 - n); }

// Sum of n bytes from p (the grid has slack, so reading 16 past p is safe).
inline std::uint32_t sum_bytes(const std::uint8_t* p, std::uint32_t n) {
  const __m128i zero = _mm_setzero_si128();
  __m128i acc = zero;
  for (; n >= 16; n -= 16, p += 16) acc = _mm_add_epi64(acc, _mm_sad_epu8(load16(p), zero));
  if (n > 0) acc = _mm_add_epi64(acc, _mm_sad_epu8(_mm_and_si128(load16(p), first_bytes(n)), zero));
  return static_cast<std::uint32_t>(_mm_cvtsi128_si64(acc) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc)));
}

// One bit per zero byte among the n (<= 16) bytes from p.
inline std::uint32_t zero_bits(const std::uint8_t* p, std::uint32_t n) {
  const auto m =
      static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(load16(p), _mm_setzero_si128())));
  return m & ((1u << n) - 1u);
}

std::vector<Run> runs_of(const Geometry& g, const std::vector<RowSpan>& rows) {
  std::vector<Run> runs;
  for (const RowSpan& r : rows) {
    runs.push_back(
        {r.dr * static_cast<int>(g.stride()) - r.half, static_cast<std::uint32_t>(2 * r.half + 1)});
  }
  return runs;
}

}  // namespace

void ByteGrid::add(CellId c, int delta) {
  const int v = v_[c] + delta;
  if (v < 0 || v > 254) [[unlikely]] {
    throw std::runtime_error("more than 254 turtles of one kind on one patch");
  }
  const auto b = static_cast<std::uint8_t>(v);
  v_[c] = b;
  CellId m[3];
  const int n = g_.mirrors(c, m);
  for (int i = 0; i < n; ++i) v_[m[i]] = b;
}

NetLogoWorld::NetLogoWorld(const Params& params, std::uint64_t seed)
    : NetLogoWorld(params, seed, EmptyTag{}) {
  const std::uint64_t cells = static_cast<std::uint64_t>(p_.width) * p_.height;
  // NetLogo's round: halves go up.
  const auto n_cops =
      static_cast<std::uint64_t>(std::floor(p_.cop_density * static_cast<double>(cells) + 0.5));
  const auto n_citizens =
      static_cast<std::uint64_t>(std::floor(p_.citizen_density * static_cast<double>(cells) + 0.5));
  if (n_cops + n_citizens > cells) throw std::invalid_argument("more turtles than patches");
  // Each turtle in turn moves to a uniformly random patch with no turtle on it: the first
  // n_cops + n_citizens entries of a uniformly random permutation of the patches.
  std::vector<std::uint32_t> patches(cells);
  for (std::uint32_t i = 0; i < cells; ++i) patches[i] = i;
  RandomDraws d(seed_, s::kPlacement, 0, 0);
  for (std::uint64_t i = 0; i < n_cops + n_citizens; ++i) {
    if ((i & 0x3FFF) == 0) d = RandomDraws(seed_, s::kPlacement, 0, i >> 14);
    const std::uint64_t j = i + d.below(static_cast<std::uint32_t>(cells - i));
    std::swap(patches[i], patches[j]);
  }
  turtles_.reserve(n_cops + n_citizens);
  for (std::uint64_t i = 0; i < n_cops; ++i) add_cop(patches[i] / p_.width, patches[i] % p_.width);
  for (std::uint64_t i = n_cops; i < n_cops + n_citizens; ++i) {
    RandomDraws a(seed_, s::kPlacement, 1, i);
    const float r = a.uniform_float();  // risk-aversion is set first in NetLogo's setup
    const float h = a.uniform_float();
    add_citizen(patches[i] / p_.width, patches[i] % p_.width, h, r);
  }
}

NetLogoWorld::NetLogoWorld(const Params& params, std::uint64_t seed, EmptyTag) : p_(params), seed_(seed) {
  p_.validate();
  init();
}

void NetLogoWorld::init() {
  const std::uint32_t pad = p_.max_vision();
  g_ = Geometry(p_.width, p_.height, pad, 16);
  cops_ = ByteGrid(g_);
  actives_ = ByteGrid(g_);
  blockers_ = ByteGrid(g_);
  head_.assign(g_.padded_cells(), kNone);
  citizen_runs_ = runs_of(g_, disc_rows(static_cast<int>(p_.citizen_vision)));
  cop_runs_ = runs_of(g_, disc_rows(static_cast<int>(p_.cop_vision)));
  short_runs_ = p_.max_vision() <= 7;
  for (int dr = -static_cast<int>(pad); dr <= static_cast<int>(pad); ++dr) {
    prefetch_rows_.push_back(dr * static_cast<int>(g_.stride()) - static_cast<int>(pad));
  }
  arrest_probability_.resize(256);
  for (std::uint32_t n = 0; n < arrest_probability_.size(); ++n) {
    arrest_probability_[n] = 1.0 - std::exp(-p_.arrest_prob_constant * static_cast<double>(n));
  }
  grievance_scale_ = 1.0 - p_.legitimacy;
}

double NetLogoWorld::arrest_probability(std::uint32_t n) const {
  if (n < arrest_probability_.size()) return arrest_probability_[n];
  return 1.0 - std::exp(-p_.arrest_prob_constant * static_cast<double>(n));
}

NetLogoWorld::TurtleId NetLogoWorld::add_cop(std::uint32_t row, std::uint32_t col) {
  const CellId c = g_.id(row, col);
  const auto t = static_cast<TurtleId>(turtles_.size());
  turtles_.push_back(Turtle{c, kNone, 0.0f, 0.0f, 0, 0, 1});
  cops_.add(c, 1);
  blockers_.add(c, 1);
  counts_.cops += 1;
  return t;
}

NetLogoWorld::TurtleId NetLogoWorld::add_citizen(std::uint32_t row, std::uint32_t col, float hardship,
                                                 float risk_aversion, bool active, std::uint16_t jail) {
  if (active && jail > 0) throw std::logic_error("a jailed citizen is never active");
  const CellId c = g_.id(row, col);
  const auto t = static_cast<TurtleId>(turtles_.size());
  turtles_.push_back(
      Turtle{c, kNone, hardship, risk_aversion, jail, static_cast<std::uint8_t>(active ? 1 : 0), 0});
  link(t, c);
  if (active) actives_.add(c, 1);
  if (jail == 0) blockers_.add(c, 1);
  (jail > 0 ? counts_.jailed : active ? counts_.active : counts_.quiet) += 1;
  return t;
}

void NetLogoWorld::link(TurtleId t, CellId c) {
  turtles_[t].next = head_[c];
  head_[c] = t;
}

void NetLogoWorld::unlink(TurtleId t, CellId c) {
  std::uint32_t* p = &head_[c];
  while (*p != t) p = &turtles_[*p].next;
  *p = turtles_[t].next;
}

void NetLogoWorld::relocate(TurtleId t, CellId to) {
  Turtle& a = turtles_[t];
  const CellId from = a.cell;
  if (a.cop != 0) {
    cops_.add(from, -1);
    cops_.add(to, 1);
  } else {
    unlink(t, from);
    link(t, to);
    if (a.active != 0) {
      actives_.add(from, -1);
      actives_.add(to, 1);
    }
  }
  // Only cops and free citizens move, and both block.
  blockers_.add(from, -1);
  blockers_.add(to, 1);
  a.cell = to;
}

// `move`: to a patch of the disc with no cop and no free citizen. One pass records, for each run
// of the disc (up to 16 patches at a time), which patches are targets; the k-th target (k uniform)
// is then found without a second pass.
template <class Draws>
void NetLogoWorld::move(TurtleId t, Draws& draws) {
  constexpr std::size_t kMaxChunks = 96;  // 41 rows of up to 41 patches (vision 20) in chunks of 16
  std::uint32_t masks[kMaxChunks];
  CellId starts[kMaxChunks];
  std::uint32_t before[kMaxChunks];
  std::uint32_t chunks = 0;
  const CellId c = turtles_[t].cell;
  const std::uint8_t* b = blockers_.data();
  std::uint32_t targets = 0;
  const std::vector<Run>& runs = window(turtles_[t]);
  if (short_runs_) {
    // Vision up to 7: every run is one chunk of at most 16 patches.
    for (const Run& r : runs) {
      const CellId start = c + static_cast<std::uint32_t>(r.delta);
      const std::uint32_t m = zero_bits(b + start, r.cells);
      masks[chunks] = m;
      starts[chunks] = start;
      before[chunks] = targets;
      ++chunks;
      targets += static_cast<std::uint32_t>(std::popcount(m));
    }
  } else {
    for (const Run& r : runs) {
      const CellId start = c + static_cast<std::uint32_t>(r.delta);
      for (std::uint32_t first = 0; first < r.cells; first += 16) {
        const std::uint32_t m = zero_bits(b + start + first, std::min(16u, r.cells - first));
        masks[chunks] = m;
        starts[chunks] = start + first;
        before[chunks] = targets;
        ++chunks;
        targets += static_cast<std::uint32_t>(std::popcount(m));
      }
    }
  }
  if (targets == 0) return;
  const std::uint32_t k = draws.below(targets);
  std::uint32_t i = 0;
  for (std::uint32_t j = 1; j < chunks; ++j) i += before[j] <= k ? 1u : 0u;
  const std::uint32_t bit = select_bit(masks[i], k - before[i]);
  relocate(t, g_.canonical(starts[i] + bit));
}

// `enforce`: arrest one active citizen of the disc, chosen uniformly, and move onto its patch.
template <class Draws>
void NetLogoWorld::enforce(TurtleId t, Draws& draws) {
  const CellId c = turtles_[t].cell;
  const std::uint8_t* a = actives_.data();
  std::uint32_t total = 0;
  for (const Run& r : cop_runs_) total += sum_bytes(a + (c + static_cast<std::uint32_t>(r.delta)), r.cells);
  if (total == 0) return;
  std::uint32_t k = draws.below(total);
  for (const Run& r : cop_runs_) {
    const CellId start = c + static_cast<std::uint32_t>(r.delta);
    const std::uint32_t n = sum_bytes(a + start, r.cells);
    if (k >= n) {
      k -= n;
      continue;
    }
    for (std::uint32_t i = 0;; ++i) {
      const std::uint32_t here = a[start + i];
      if (k >= here) {
        k -= here;
        continue;
      }
      const CellId patch = g_.canonical(start + i);
      TurtleId suspect = head_[patch];
      for (;; suspect = turtles_[suspect].next) {
        if (turtles_[suspect].active == 0) continue;
        if (k == 0) break;
        --k;
      }
      Turtle& s = turtles_[suspect];
      s.active = 0;
      actives_.add(patch, -1);
      // `random max-jail-term`: 0..J-1 (and 0 when J is 0).
      s.jail = static_cast<std::uint16_t>(p_.max_jail_term > 0 ? draws.below(p_.max_jail_term) : 0);
      counts_.active -= 1;
      if (s.jail > 0) {
        blockers_.add(patch, -1);
        counts_.jailed += 1;
      } else {
        counts_.quiet += 1;
      }
      relocate(t, patch);
      return;
    }
  }
}

// `determine-behavior`.
void NetLogoWorld::decide(TurtleId t) {
  Turtle& a = turtles_[t];
  const double threshold = p_.active_threshold;
  const double g = static_cast<double>(a.h) * grievance_scale_;
  bool active = false;
  if (g <= threshold) {
    // quiet whatever C and A are
  } else if (g - static_cast<double>(a.r) > threshold) {
    active = true;  // P <= 1: active whatever C and A are
  } else {
    std::uint32_t cops = 0;
    std::uint32_t actives = 0;
    for (const Run& r : citizen_runs_) {
      const CellId start = a.cell + static_cast<std::uint32_t>(r.delta);
      cops += sum_bytes(cops_.data() + start, r.cells);
      actives += sum_bytes(actives_.data() + start, r.cells);
    }
    const std::uint32_t n = floor_ratio(cops, 1 + actives);
    active = g - static_cast<double>(a.r) * arrest_probability(n) > threshold;
  }
  if (active == (a.active != 0)) return;
  a.active = static_cast<std::uint8_t>(active ? 1 : 0);
  actives_.add(a.cell, active ? 1 : -1);
  if (active) {
    counts_.quiet -= 1;
    counts_.active += 1;
  } else {
    counts_.active -= 1;
    counts_.quiet += 1;
  }
}

template <class Draws>
void NetLogoWorld::turn(TurtleId t, Draws& draws) {
  const Turtle& a = turtles_[t];
  if (a.cop != 0) {
    move(t, draws);  // cops move whether or not movement? is on
    enforce(t, draws);
    return;
  }
  if (a.jail != 0) return;
  if (p_.movement) move(t, draws);
  decide(t);
}

void NetLogoWorld::end_tick() {
  for (Turtle& a : turtles_) {
    if (a.jail == 0) continue;
    if (--a.jail == 0) {
      blockers_.add(a.cell, 1);
      counts_.jailed -= 1;
      counts_.quiet += 1;
    }
  }
}

void NetLogoWorld::step(std::uint32_t step) {
  begin_step(step);
  const auto n = static_cast<std::uint32_t>(turtles_.size());
  order_.resize(n);
  shuffled(
      [n](auto&& emit) {
        for (std::uint32_t i = 0; i < n; ++i) emit(i);
      },
      order_, seed_, s::kOrder, s::kOrderBucket, step, offsets_);
  const bool prefetch = g_.padded_cells() > (std::size_t{1} << 18);
  constexpr std::uint32_t kFar = 16;
  constexpr std::uint32_t kNear = 8;
  BufferedDraws draws(seed_, s::kActSequential, step);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (prefetch) {
      if (i + kFar < n) __builtin_prefetch(&turtles_[order_[i + kFar]]);
      if (i + kNear < n) {
        const CellId f = turtles_[order_[i + kNear]].cell;
        for (const std::int32_t d : prefetch_rows_) {
          const CellId row = f + static_cast<std::uint32_t>(d);
          __builtin_prefetch(blockers_.data() + row);
          __builtin_prefetch(cops_.data() + row);
          __builtin_prefetch(actives_.data() + row);
        }
      }
    }
    turn(order_[i], draws);
  }
  end_tick();
}

void NetLogoWorld::act(TurtleId t, std::uint32_t step) {
  begin_step(step);
  KeyedDraws draws(seed_, s::kActSingle, step, t);
  turn(t, draws);
}

std::size_t NetLogoWorld::memory_bytes() const {
  return sizeof(*this) + cops_.bytes() + actives_.bytes() + blockers_.bytes() + head_.capacity() * 4 +
         turtles_.capacity() * sizeof(Turtle) + order_.capacity() * 4 + offsets_.capacity() * 4;
}

std::uint64_t NetLogoWorld::state_hash() const {
  std::uint64_t hash = 1469598103934665603ULL;
  auto mix = [&hash](std::uint64_t v) {
    hash ^= v;
    hash *= 1099511628211ULL;
  };
  for (const Turtle& a : turtles_) {
    mix(g_.ordinal(a.cell));
    mix(a.jail);
    mix(a.active);
  }
  return hash;
}

}  // namespace peacesim::models::epstein
