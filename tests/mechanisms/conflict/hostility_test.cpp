// Hostility that follows from what groups are (conflict/state.hpp): militias (pro-government and
// self-defence) side with the state and fight the jihadists; pro-government militias also fight
// the separatists, who stay their rivals after a ceasefire with the state; rebels and jihadists
// fight the state unless at peace with it.
#include <gtest/gtest.h>

#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

Group of_kind(GroupKind kind) {
  Group g;
  g.kind = kind;
  return g;
}

const Group kSeparatist = of_kind(GroupKind::Separatist);
const Group kJihadist = of_kind(GroupKind::Jihadist);
const Group kProGovernment = of_kind(GroupKind::ProGovernment);
const Group kSelfDefence = of_kind(GroupKind::SelfDefence);

TEST(Hostility, MilitiasAreNeverTheStatesEnemies) {
  for (const bool at_peace : {false, true}) {
    EXPECT_FALSE(enemy_of_state(kProGovernment, at_peace));
    EXPECT_FALSE(enemy_of_state(kSelfDefence, at_peace));
  }
  EXPECT_TRUE(sides_with_state(GroupKind::ProGovernment));
  EXPECT_TRUE(sides_with_state(GroupKind::SelfDefence));
}

TEST(Hostility, RebelsAndJihadistsFightTheStateUnlessAtPeace) {
  EXPECT_TRUE(enemy_of_state(kSeparatist, false));
  EXPECT_TRUE(enemy_of_state(kJihadist, false));
  EXPECT_FALSE(enemy_of_state(kSeparatist, true));
  EXPECT_FALSE(enemy_of_state(kJihadist, true));
  EXPECT_FALSE(sides_with_state(GroupKind::Separatist));
  EXPECT_FALSE(sides_with_state(GroupKind::Jihadist));
}

TEST(Hostility, MilitiasAndJihadistsAreHostileBothWays) {
  EXPECT_TRUE(rivals_by_kind(kSelfDefence, kJihadist));
  EXPECT_TRUE(rivals_by_kind(kJihadist, kSelfDefence));
  EXPECT_TRUE(rivals_by_kind(kProGovernment, kJihadist));
  EXPECT_TRUE(rivals_by_kind(kJihadist, kProGovernment));
}

TEST(Hostility, ASignatoryAtPeaceWithTheStateStaysRivalToAProGovernmentMilitia) {
  EXPECT_FALSE(enemy_of_state(kSeparatist, true));  // signed: at peace with the state
  EXPECT_TRUE(rivals_by_kind(kSeparatist, kProGovernment));
  EXPECT_TRUE(rivals_by_kind(kProGovernment, kSeparatist));
}

TEST(Hostility, NoOtherPairIsHostileByKind) {
  // Self-defence militias defend their community, not the state's claims against the rebels; the
  // rebels and jihadists, and groups of the same kind, fight only where the scenario says so.
  EXPECT_FALSE(rivals_by_kind(kSelfDefence, kSeparatist));
  EXPECT_FALSE(rivals_by_kind(kSeparatist, kSelfDefence));
  EXPECT_FALSE(rivals_by_kind(kSeparatist, kJihadist));
  EXPECT_FALSE(rivals_by_kind(kJihadist, kSeparatist));
  EXPECT_FALSE(rivals_by_kind(kProGovernment, kSelfDefence));
  for (const Group* g : {&kSeparatist, &kJihadist, &kProGovernment, &kSelfDefence}) {
    EXPECT_FALSE(rivals_by_kind(*g, *g));
  }
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
