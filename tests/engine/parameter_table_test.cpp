// engine/parameter_table.hpp: one row per parameter binds its name, range, unit, source and
// description to a member; the kind follows the member's type and the default its initializer.
#include "engine/parameter_table.hpp"

#include <gtest/gtest.h>

namespace peacesim::engine {
namespace {

struct Params {
  bool enabled = true;
  double rate = 0.25;
  int days = 7;
  double not_a_parameter = 3.0;  // left unbound: keeps its initializer
};

const ParameterTable<Params>& table() {
  static const ParameterTable<Params> t{
      on_off("toy_enabled", &Params::enabled, "assumption: a switch", "Run the toy"),
      parameter("toy_rate", &Params::rate, 0.0, 1.0, "1/day", "assumption: a rate", "Daily rate"),
      parameter("toy_days", &Params::days, 1, 30, "days", "assumption: a delay", "Days"),
  };
  return t;
}

TEST(ParameterTable, SpecsTakeKindFromTheMemberAndDefaultFromItsInitializer) {
  const auto specs = table().specs();
  ASSERT_EQ(specs.size(), 3u);
  EXPECT_EQ(specs[0].name, "toy_enabled");
  EXPECT_EQ(specs[0].kind, ParameterKind::Boolean);
  EXPECT_EQ(specs[0].default_value, 1.0);
  EXPECT_EQ(specs[0].min, 0.0);
  EXPECT_EQ(specs[0].max, 1.0);
  EXPECT_EQ(specs[0].unit, "1");
  EXPECT_EQ(specs[1].kind, ParameterKind::Real);
  EXPECT_EQ(specs[1].default_value, 0.25);
  EXPECT_EQ(specs[1].unit, "1/day");
  EXPECT_EQ(specs[1].source, "assumption: a rate");
  EXPECT_EQ(specs[1].description, "Daily rate");
  EXPECT_EQ(specs[2].kind, ParameterKind::Integer);
  EXPECT_EQ(specs[2].default_value, 7.0);
  EXPECT_EQ(specs[2].max, 30.0);
}

TEST(ParameterTable, BindSetsEveryBoundMemberFromTheRunsValues) {
  ParameterSet set(table().specs());
  set.set("toy_enabled", 0.0, {"--set", ""});
  set.set("toy_rate", 0.5, {"--set", ""});
  set.set("toy_days", 12.0, {"--set", ""});
  const Params p = table().bind(set);
  EXPECT_FALSE(p.enabled);
  EXPECT_EQ(p.rate, 0.5);
  EXPECT_EQ(p.days, 12);
  EXPECT_EQ(p.not_a_parameter, 3.0);
  const Params d = table().bind(ParameterSet(table().specs()));
  EXPECT_TRUE(d.enabled);
  EXPECT_EQ(d.rate, 0.25);
  EXPECT_EQ(d.days, 7);
}

TEST(ParameterTable, ANameOrAMemberBoundTwiceIsAnError) {
  EXPECT_THROW((ParameterTable<Params>{parameter("a", &Params::rate, 0, 1, "1", "s", "d"),
                                       parameter("a", &Params::not_a_parameter, 0, 5, "1", "s", "d")}),
               std::logic_error);
  EXPECT_THROW((ParameterTable<Params>{parameter("a", &Params::rate, 0, 1, "1", "s", "d"),
                                       parameter("b", &Params::rate, 0, 1, "1", "s", "d")}),
               std::logic_error);
}

}  // namespace
}  // namespace peacesim::engine
