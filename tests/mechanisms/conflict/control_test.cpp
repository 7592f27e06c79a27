// M8 Control and state authority: captures change the controller and are events; authority
// relaxes towards T = [state] · min(1, base + troops / presence_people) at `rate` a day.
#include "mechanisms/control/control.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

TEST(ControlMechanism, GroupCaptureHandsTheTownOverAndZeroesAuthority) {
  World w;
  w.state.day = 42;
  w.state.places[kGao].state_authority = 0.8;
  control::capture(w.state, w.ctx(), kGao, kMnla, 5);
  EXPECT_EQ(w.state.places[kGao].controller, kMnla);
  EXPECT_EQ(w.state.places[kGao].state_authority, 0.0);
  EXPECT_EQ(w.state.places[kGao].last_change_day, 42);
  ASSERT_EQ(w.recorder.events().size(), 1u);
  const auto& e = w.recorder.events()[0];
  EXPECT_EQ(e.event_type, "Battles");
  EXPECT_EQ(e.sub_event_type, "Non-state actor overtakes territory");
  EXPECT_EQ(e.actor1, "MNLA");
  EXPECT_EQ(e.actor2, "Military Forces of Mali");
  EXPECT_EQ(e.interaction, 12);
  EXPECT_EQ(e.location, "Gao");
  EXPECT_EQ(e.fatalities, 5);
  EXPECT_EQ(w.close()["fatalities_battles"], (std::vector<double>{5, 0, 5}));
}

TEST(ControlMechanism, StateRecaptureIsGovernmentRegainsTerritory) {
  World w;
  w.state.places[kGao].controller = kMujao;
  w.state.places[kGao].state_authority = 0.1;
  control::capture(w.state, w.ctx(), kGao, kState, 0);
  EXPECT_EQ(w.state.places[kGao].controller, kState);
  // Authority is not reset by a recapture: it comes back slowly (update_authority).
  EXPECT_EQ(w.state.places[kGao].state_authority, 0.1);
  ASSERT_EQ(w.recorder.events().size(), 1u);
  EXPECT_EQ(w.recorder.events()[0].sub_event_type, "Government regains territory");
  EXPECT_EQ(w.recorder.events()[0].actor1, "Military Forces of Mali");
  EXPECT_EQ(w.recorder.events()[0].actor2, "MUJAO");
  EXPECT_EQ(w.recorder.events()[0].interaction, 12);
}

TEST(ControlMechanism, NoChangeWhenTownsDoNotChangeHandsOrWinnerAlreadyHolds) {
  World w;
  w.state.towns_change_hands = false;
  control::capture(w.state, w.ctx(), kGao, kMnla, 3);
  EXPECT_EQ(w.state.places[kGao].controller, kState);
  EXPECT_EQ(w.state.places[kGao].state_authority, 1.0);
  w.state.towns_change_hands = true;
  control::capture(w.state, w.ctx(), kGao, kState, 3);  // the state already holds Gao
  EXPECT_EQ(w.state.places[kGao].controller, kState);
  EXPECT_TRUE(w.recorder.events().empty());
  EXPECT_DOUBLE_EQ(w.log.total_events(), 0.0);
}

TEST(ControlMechanism, AuthorityRelaxesTowardsTargetAtTheRate) {
  World w;
  control::Params params;  // rate 1/60, base 0.3, presence 500
  auto& gao = w.state.places[kGao];
  gao.state_authority = 0.2;  // army 300, no foreign: T = 0.3 + 300/500 = 0.9
  auto& ansongo = w.state.places[kAnsongo];
  ansongo.state_authority = 0.5;
  ansongo.controller = kMnla;  // T = 0
  auto& bamako = w.state.places[kBamako];
  bamako.state_authority = 0.4;  // army 1000: T = min(1, 0.3 + 2) = 1
  control::update_authority(w.state, params, w.peace.authority_bonus);
  EXPECT_NEAR(gao.state_authority, 0.2 + (0.9 - 0.2) / 60.0, 1e-12);
  EXPECT_NEAR(ansongo.state_authority, 0.5 - 0.5 / 60.0, 1e-12);
  EXPECT_NEAR(bamako.state_authority, 0.4 + (1.0 - 0.4) / 60.0, 1e-12);
  EXPECT_EQ(w.state.places[kMbera].state_authority, 0.5);  // camps abroad have no authority to move
}

TEST(ControlMechanism, ForeignTroopsCountTowardsPresence) {
  World w;
  control::Params params;
  params.rate = 0.5;
  w.force(kMinusma).at_place[kGao] = 100.0;
  w.state.refresh_foreign();
  w.state.places[kGao].state_authority = 0.0;  // T = 0.3 + (300 + 100) / 500 = 1.1 -> 1
  control::update_authority(w.state, params, w.peace.authority_bonus);
  EXPECT_NEAR(w.state.places[kGao].state_authority, 0.5, 1e-12);
  w.state.places[kAnsongo].state_authority = 0.0;  // T = 0.3 + 100 / 500 = 0.5
  control::update_authority(w.state, params, w.peace.authority_bonus);
  EXPECT_NEAR(w.state.places[kAnsongo].state_authority, 0.5 * 0.5, 1e-12);
}

TEST(ControlMechanism, AuthorityConvergesToTheTarget) {
  World w;
  control::Params params;
  w.state.places[kGao].state_authority = 0.0;
  w.state.places[kAnsongo].controller = kMnla;
  for (int d = 0; d < 2000; ++d) control::update_authority(w.state, params, w.peace.authority_bonus);
  EXPECT_NEAR(w.state.places[kGao].state_authority, 0.9, 1e-6);
  EXPECT_NEAR(w.state.places[kAnsongo].state_authority, 0.0, 1e-6);
  EXPECT_NEAR(w.state.places[kBamako].state_authority, 1.0, 1e-6);
}

TEST(ControlMechanism, TownsHeldCountsTownsByActorAndRegion) {
  World w;
  EXPECT_EQ(control::towns_held(w.state, -1), (std::vector<double>{3, 0, 0}));  // the camp is no town
  control::capture(w.state, w.ctx(), kGao, kMnla, 0);
  EXPECT_EQ(control::towns_held(w.state, -1), (std::vector<double>{2, 1, 0}));
  EXPECT_EQ(control::towns_held(w.state, 0), (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(control::towns_held(w.state, 1), (std::vector<double>{1, 1, 0}));
  control::capture(w.state, w.ctx(), kAnsongo, kMujao, 0);
  EXPECT_EQ(control::towns_held(w.state, 1), (std::vector<double>{0, 1, 1}));
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
