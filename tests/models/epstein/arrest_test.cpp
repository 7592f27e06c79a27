// A cop arrests one active citizen, chosen uniformly among those in its vision (MODEL.md §7).
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "support.hpp"

namespace peacesim::models::epstein {
namespace {

// Chi-square critical value for 4 degrees of freedom at p = 0.001.
constexpr double kChi2Df4 = 18.47;
constexpr std::uint32_t kTrials = 5000;

const std::pair<std::uint32_t, std::uint32_t> kActives[] = {{13, 20}, {20, 27}, {24, 22}, {18, 17}, {21, 20}};

TEST(Arrest, MesaCopArrestsOneUniformlyRandomActiveCitizenInVision) {
  Params p = mesa_defaults();
  p.movement = false;
  std::vector<int> chosen(5, 0);
  for (std::uint32_t trial = 0; trial < kTrials; ++trial) {
    MesaWorld w(p, 17, MesaWorld::EmptyTag{});
    w.place_cop(20, 20);
    for (const auto& [r, c] : kActives) w.place_citizen(r, c, 0.0f, 0.0f, MesaWorld::kActiveState);
    w.place_citizen(20, 21, 0.0f, 0.0f);                           // quiet, in vision: never arrested
    w.place_citizen(20, 29, 0.0f, 0.0f, MesaWorld::kActiveState);  // active, out of vision (distance 9)
    w.place_citizen(26, 22, 0.0f, 0.0f, MesaWorld::kActiveState);  // active, out of vision (distance 8)
    w.activate_at(20, 20, trial);
    int arrests = 0;
    for (int i = 0; i < 5; ++i) {
      if (w.state(kActives[i].first, kActives[i].second) == MesaWorld::kArrested) {
        ++chosen[i];
        ++arrests;
      }
    }
    ASSERT_EQ(arrests, 1);
    ASSERT_EQ(w.state(20, 21), MesaWorld::kQuiet);
    ASSERT_EQ(w.state(20, 29), MesaWorld::kActiveState);
    ASSERT_EQ(w.state(26, 22), MesaWorld::kActiveState);
    ASSERT_EQ(w.counts().active, 6u);
    ASSERT_EQ(w.counts().jailed, 1u);
  }
  EXPECT_LT(support::chi_square_uniform(chosen), kChi2Df4);
}

TEST(Arrest, MesaCopWithoutActiveCitizensArrestsNobody) {
  MesaWorld w(mesa_defaults(), 17, MesaWorld::EmptyTag{});
  w.place_cop(20, 20);
  w.place_citizen(20, 22, 0.0f, 0.0f);
  w.place_citizen(20, 24, 0.0f, 0.0f, MesaWorld::kArrested, 3);
  w.activate_at(20, 20, 0);
  EXPECT_EQ(w.counts().jailed, 1u);
  EXPECT_EQ(w.counts().quiet, 1u);
}

// NetLogo: the same, among the citizens on the disc (own patch included); the cop then stands on
// the arrested citizen's patch. Its disc is filled with quiet free citizens so that it cannot
// move before enforcing.
TEST(Arrest, NetLogoCopArrestsOneUniformlyRandomActiveCitizenInVision) {
  Params p = netlogo_defaults();
  p.max_jail_term = 10;
  std::vector<int> chosen(5, 0);
  for (std::uint32_t trial = 0; trial < kTrials; ++trial) {
    NetLogoWorld w(p, 17, NetLogoWorld::EmptyTag{});
    const auto cop = w.add_cop(20, 20);
    std::vector<NetLogoWorld::TurtleId> actives;
    for (const RowSpan& r : disc_rows(7)) {
      for (int dc = -r.half; dc <= r.half; ++dc) {
        const auto row = static_cast<std::uint32_t>(20 + r.dr);
        const auto col = static_cast<std::uint32_t>(20 + dc);
        if (row == 20 && col == 20) continue;
        const bool active = std::find(std::begin(kActives), std::end(kActives), std::make_pair(row, col)) !=
                            std::end(kActives);
        const auto t = w.add_citizen(row, col, 0.0f, 0.0f, active);
        if (active) actives.push_back(t);
      }
    }
    ASSERT_EQ(actives.size(), 5u);
    w.act(cop, trial);
    int arrests = 0;
    for (std::size_t i = 0; i < actives.size(); ++i) {
      if (!w.is_active(actives[i])) {
        ++chosen[i];
        ++arrests;
        EXPECT_EQ(w.row(cop), w.row(actives[i]));
        EXPECT_EQ(w.col(cop), w.col(actives[i]));
      }
    }
    ASSERT_EQ(arrests, 1);
    ASSERT_EQ(w.counts().active, 4u);
  }
  EXPECT_LT(support::chi_square_uniform(chosen), kChi2Df4);
}

}  // namespace
}  // namespace peacesim::models::epstein
