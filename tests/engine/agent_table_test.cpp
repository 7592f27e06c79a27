#include "engine/agent_table.hpp"

#include <gtest/gtest.h>

namespace peacesim::engine {
namespace {

using People = AgentTable<float, std::uint8_t>;  // hardship, status

TEST(AgentTable, CreatesAndReadsColumns) {
  People t;
  const AgentId a = t.create(0.5f, 1);
  const AgentId b = t.create(0.25f, 2);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.get<0>(a), 0.5f);
  EXPECT_EQ(t.get<1>(b), 2);
  EXPECT_EQ(t.column<0>().size(), 2u);
}

TEST(AgentTable, IdsStayValidWhenOthersAreRemoved) {
  People t;
  std::vector<AgentId> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(t.create(static_cast<float>(i), 0));
  t.remove(ids[2]);
  t.remove(ids[0]);
  EXPECT_EQ(t.size(), 8u);
  EXPECT_FALSE(t.contains(ids[0]));
  EXPECT_FALSE(t.contains(ids[2]));
  for (int i : {1, 3, 4, 5, 6, 7, 8, 9}) {
    ASSERT_TRUE(t.contains(ids[i]));
    EXPECT_EQ(t.get<0>(ids[i]), static_cast<float>(i));
  }
  // Columns stay dense: every slot holds a live agent whose id maps back to the slot.
  for (People::Slot s = 0; s < t.size(); ++s) EXPECT_EQ(t.slot(t.id_at(s)), s);
}

TEST(AgentTable, ReusesFreedIdsDeterministically) {
  People t;
  const AgentId a = t.create(1.f, 0);
  const AgentId b = t.create(2.f, 0);
  t.remove(a);
  t.remove(b);
  EXPECT_EQ(t.create(3.f, 0), b);  // last freed, first reused
  EXPECT_EQ(t.create(4.f, 0), a);
  EXPECT_EQ(t.create(5.f, 0), 2u);
}

TEST(AgentTable, RemovingTheLastAgentLeavesAnEmptyTable) {
  People t;
  t.remove(t.create(1.f, 0));
  EXPECT_TRUE(t.empty());
}

}  // namespace
}  // namespace peacesim::engine
