// C/A: Mesa rounds half to even (Python's round), NetLogo floors (MODEL.md §7).
#include <gtest/gtest.h>

#include <cmath>

#include "models/epstein/vision.hpp"
#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

TEST(Rounding, HalfToEvenLikePython) {
  EXPECT_EQ(round_half_even_ratio(1, 2), 0u);   // round(0.5) == 0
  EXPECT_EQ(round_half_even_ratio(3, 2), 2u);   // round(1.5) == 2
  EXPECT_EQ(round_half_even_ratio(5, 2), 2u);   // round(2.5) == 2
  EXPECT_EQ(round_half_even_ratio(7, 2), 4u);   // round(3.5) == 4
  EXPECT_EQ(round_half_even_ratio(6, 4), 2u);   // round(1.5) == 2
  EXPECT_EQ(round_half_even_ratio(10, 4), 2u);  // round(2.5) == 2
  EXPECT_EQ(round_half_even_ratio(4, 3), 1u);   // round(1.33) == 1
  EXPECT_EQ(round_half_even_ratio(5, 3), 2u);   // round(1.67) == 2
  EXPECT_EQ(round_half_even_ratio(0, 1), 0u);
  EXPECT_EQ(round_half_even_ratio(8, 1), 8u);
  // Everywhere a vision window can take it: the same as rounding the double quotient to nearest,
  // ties to even (C's default rounding mode, and what Python's round does).
  for (std::uint32_t c = 0; c <= 160; ++c) {
    for (std::uint32_t a = 1; a <= 160; ++a) {
      ASSERT_EQ(round_half_even_ratio(c, a),
                static_cast<std::uint32_t>(std::nearbyint(double(c) / double(a))))
          << c << "/" << a;
    }
  }
}

TEST(Rounding, FloorLikeNetLogo) {
  EXPECT_EQ(floor_ratio(1, 2), 0u);
  EXPECT_EQ(floor_ratio(3, 2), 1u);
  EXPECT_EQ(floor_ratio(5, 2), 2u);
  EXPECT_EQ(floor_ratio(5, 3), 1u);
  EXPECT_EQ(floor_ratio(2, 3), 0u);
  for (std::uint32_t c = 0; c <= 160; ++c) {
    for (std::uint32_t a = 1; a <= 160; ++a)
      ASSERT_EQ(floor_ratio(c, a), static_cast<std::uint32_t>(std::floor(double(c) / a)));
  }
}

// A quiet citizen at (20, 20) sees `cops` cops and one active citizen (so C/A = cops/2), with
// T = 0 and L = 0 (G = H), R = 1; what does it decide?
bool mesa_decides_active(std::uint32_t cops, float hardship) {
  Params p = mesa_defaults();
  p.active_threshold = 0.0;
  p.legitimacy = 0.0;
  p.movement = false;
  MesaWorld w(p, 1, MesaWorld::EmptyTag{});
  w.place_citizen(20, 20, hardship, 1.0f);
  w.place_citizen(20, 23, 0.0f, 0.0f, MesaWorld::kActiveState);
  const std::uint32_t cop_cells[][2] = {{18, 20}, {22, 20}, {20, 16}, {19, 21}, {21, 19}};
  for (std::uint32_t i = 0; i < cops; ++i) w.place_cop(cop_cells[i][0], cop_cells[i][1]);
  w.activate_at(20, 20, 0);
  return w.state(20, 20) == MesaWorld::kActiveState;
}

bool netlogo_decides_active(std::uint32_t cops, float hardship) {
  Params p = netlogo_defaults();
  p.active_threshold = 0.0;
  p.legitimacy = 0.0;
  p.movement = false;  // citizens stay put (cops would still move, but none acts here)
  NetLogoWorld w(p, 1, NetLogoWorld::EmptyTag{});
  const auto me = w.add_citizen(20, 20, hardship, 1.0f);
  w.add_citizen(20, 23, 0.0f, 0.0f, true);
  const std::uint32_t cop_cells[][2] = {{18, 20}, {22, 20}, {20, 16}, {19, 21}, {21, 19}};
  for (std::uint32_t i = 0; i < cops; ++i) w.add_cop(cop_cells[i][0], cop_cells[i][1]);
  w.act(me, 0);
  return w.is_active(me);
}

// P(n) = 1 - exp(-2.3 n): 0, 0.8997, 0.9899, 0.9990. With R = 1 and T = 0 a citizen with G = H is
// active iff H > P(n), so H just above P(n) tells n apart from n + 1.
TEST(Rounding, MesaDecisionUsesRoundHalfToEven) {
  // C/A = 1/2: round gives 0 (P = 0), where rounding half up would give 1 (P = 0.8997).
  EXPECT_TRUE(mesa_decides_active(1, 0.5f));
  // C/A = 3/2: round gives 2 (P = 0.9899), where floor would give 1 (P = 0.8997).
  EXPECT_FALSE(mesa_decides_active(3, 0.95f));
  EXPECT_TRUE(mesa_decides_active(3, 0.995f));
  // C/A = 5/2: round gives 2 (P = 0.9899), where rounding half up would give 3 (P = 0.9990).
  EXPECT_TRUE(mesa_decides_active(5, 0.995f));
}

TEST(Rounding, NetLogoDecisionUsesFloor) {
  // C/A = 3/2: floor gives 1 (P = 0.8997): active with H = 0.95, unlike Mesa.
  EXPECT_TRUE(netlogo_decides_active(3, 0.95f));
  // C/A = 5/2: floor gives 2 (P = 0.9899).
  EXPECT_FALSE(netlogo_decides_active(5, 0.95f));
  EXPECT_TRUE(netlogo_decides_active(5, 0.995f));
  // C/A = 1/2: floor gives 0.
  EXPECT_TRUE(netlogo_decides_active(1, 0.5f));
}

}  // namespace
}  // namespace peacesim::models::epstein
