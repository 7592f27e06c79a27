// Jailed citizens block their cell in Mesa, not in NetLogo (MODEL.md §7).
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>> diamond_cells(std::uint32_t r0, std::uint32_t c0,
                                                                   int radius) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const RowSpan& r : diamond_rows(radius)) {
    for (int dc = -r.half; dc <= r.half; ++dc) {
      if (r.dr == 0 && dc == 0) continue;
      out.emplace_back(static_cast<std::uint32_t>(static_cast<int>(r0) + r.dr),
                       static_cast<std::uint32_t>(static_cast<int>(c0) + dc));
    }
  }
  return out;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> disc_cells(std::uint32_t r0, std::uint32_t c0,
                                                                int radius) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const RowSpan& r : disc_rows(radius)) {
    for (int dc = -r.half; dc <= r.half; ++dc) {
      if (r.dr == 0 && dc == 0) continue;
      out.emplace_back(static_cast<std::uint32_t>(static_cast<int>(r0) + r.dr),
                       static_cast<std::uint32_t>(static_cast<int>(c0) + dc));
    }
  }
  return out;
}

// A quiet citizen whose whole diamond is full of jailed citizens but for one cell moves there.
TEST(Blocking, MesaJailedCitizensBlockTheirCells) {
  const auto cells = diamond_cells(20, 20, 7);
  ASSERT_EQ(cells.size(), 112u);
  for (std::uint32_t trial = 0; trial < 50; ++trial) {
    MesaWorld w(mesa_defaults(), 3, MesaWorld::EmptyTag{});
    w.place_citizen(20, 20, 0.0f, 0.5f);
    const auto hole = cells[(trial * 37) % cells.size()];
    for (const auto& [r, c] : cells) {
      if (std::make_pair(r, c) != hole) w.place_citizen(r, c, 0.0f, 0.5f, MesaWorld::kArrested, 500);
    }
    w.activate_at(20, 20, trial);
    EXPECT_EQ(w.code(20, 20), kEmpty);
    EXPECT_EQ(w.code(hole.first, hole.second), kCitizen);
    EXPECT_EQ(w.state(hole.first, hole.second), MesaWorld::kQuiet);
  }
}

TEST(Blocking, MesaCitizenSurroundedByJailedCitizensStays) {
  MesaWorld w(mesa_defaults(), 3, MesaWorld::EmptyTag{});
  w.place_citizen(20, 20, 0.0f, 0.5f);
  for (const auto& [r, c] : diamond_cells(20, 20, 7))
    w.place_citizen(r, c, 0.0f, 0.5f, MesaWorld::kArrested, 500);
  for (std::uint32_t trial = 0; trial < 20; ++trial) {
    w.activate_at(20, 20, trial);
    EXPECT_EQ(w.code(20, 20), kCitizen);
  }
}

// NetLogo: a citizen whose whole disc holds jailed citizens still moves, onto one of them; it
// never moves onto a patch with a cop or a free citizen.
TEST(Blocking, NetLogoJailedCitizensDoNotBlock) {
  const auto cells = disc_cells(20, 20, 7);
  ASSERT_EQ(cells.size(), 148u);
  std::set<std::pair<std::uint32_t, std::uint32_t>> landed;
  for (std::uint32_t trial = 0; trial < 200; ++trial) {
    NetLogoWorld w(netlogo_defaults(), 3, NetLogoWorld::EmptyTag{});
    const auto me = w.add_citizen(20, 20, 0.0f, 0.5f);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto& [r, c] = cells[i];
      if (i % 10 == 0) {
        w.add_cop(r, c);  // blocks
      } else if (i % 10 == 1) {
        w.add_citizen(r, c, 0.0f, 0.5f);  // free: blocks
      } else {
        w.add_citizen(r, c, 0.0f, 0.5f, false, 20);  // jailed: does not block
      }
    }
    w.act(me, trial);
    const std::pair<std::uint32_t, std::uint32_t> at{w.row(me), w.col(me)};
    ASSERT_NE(at, std::make_pair(20u, 20u));
    const auto index = static_cast<std::size_t>(std::find(cells.begin(), cells.end(), at) - cells.begin());
    ASSERT_LT(index, cells.size());
    EXPECT_GE(index % 10, 2u) << "moved onto a blocked patch";
    landed.insert(at);
  }
  EXPECT_GT(landed.size(), 50u);  // spread over the many allowed patches
}

}  // namespace
}  // namespace peacesim::models::epstein
