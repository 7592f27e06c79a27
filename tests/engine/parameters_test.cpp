#include "engine/parameters.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace peacesim::engine {
namespace {

std::vector<ParameterSpec> specs() {
  return {{"legitimacy", ParameterKind::Real, 0.8, 0, 1, "1", "MODEL.md §7", "perceived legitimacy"},
          {"max_jail_term", ParameterKind::Integer, 30, 0, 10000, "steps", "NetLogo Rebellion", "max term"},
          {"blocking", ParameterKind::Boolean, 1, 0, 1, "1", "assumption: test", ""}};
}

TEST(ParameterSet, StartsAtDefaults) {
  ParameterSet p(specs());
  EXPECT_DOUBLE_EQ(p.real("legitimacy"), 0.8);
  EXPECT_EQ(p.integer("max_jail_term"), 30);
  EXPECT_TRUE(p.boolean("blocking"));
  EXPECT_EQ(p.origin("legitimacy").where, "default");
  EXPECT_EQ(p.origin("legitimacy").source, "MODEL.md §7");
}

TEST(ParameterSet, SetRecordsOrigin) {
  ParameterSet p(specs());
  p.set("legitimacy", 0.5, {"s.yaml:3:15", "my source"});
  EXPECT_DOUBLE_EQ(p.real("legitimacy"), 0.5);
  EXPECT_EQ(p.origin("legitimacy").where, "s.yaml:3:15");
  EXPECT_THROW(static_cast<void>(p.real("nope")), std::logic_error);
}

TEST(CheckValue, EnforcesKindAndRange) {
  const auto s = specs();
  EXPECT_FALSE(check_value(s[0], 0.3));
  EXPECT_TRUE(check_value(s[0], 1.5));
  EXPECT_TRUE(check_value(s[1], 2.5));
  EXPECT_TRUE(check_value(s[2], 0.5));
  EXPECT_TRUE(check_value(s[0], std::numeric_limits<double>::quiet_NaN()));
}

TEST(ParameterSet, RejectsDuplicateOrOutOfRangeDeclarations) {
  auto dup = specs();
  dup.push_back(dup[0]);
  EXPECT_THROW(ParameterSet{dup}, std::logic_error);
  auto bad = specs();
  bad[0].default_value = 2;
  EXPECT_THROW(ParameterSet{bad}, std::logic_error);
}

}  // namespace
}  // namespace peacesim::engine
