// engine/registry.hpp: modules register their parameters, random streams, states, series and
// systems in one place each; whatever two modules both claim is an error naming both, and the
// registry saves every module's state as a whole.
#include "engine/registry.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "engine/fields.hpp"

namespace peacesim::engine {
namespace {

struct AlphaParams {
  double rate = 0.1;
};
struct BetaParams {
  double rate = 0.2;
};

const ParameterTable<AlphaParams>& alpha_table() {
  static const ParameterTable<AlphaParams> t{
      parameter("alpha_rate", &AlphaParams::rate, 0.0, 1.0, "1", "assumption: test", "Alpha's rate")};
  return t;
}

struct Counter {
  int count = 0;
  std::vector<double> history;
  bool operator==(const Counter&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    archive_fields(a, *this);
  }
};

// Message of the RegistryError `f` throws (empty if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const RegistryError& e) {
    return e.what();
  }
  return "";
}

struct Fixture {
  ParameterSet parameters{alpha_table().specs()};
  Registry registry{parameters};
};

TEST(Registry, AStreamTwoModulesClaimIsAnErrorNamingBoth) {
  Fixture f;
  f.registry.begin("alpha");
  f.registry.stream(0x0C01);
  f.registry.begin("beta");
  f.registry.stream(0x0C02);
  const std::string e = error_of([&] { f.registry.stream(0x0C01); });
  EXPECT_NE(e.find("random stream 0x0C01"), std::string::npos) << e;
  EXPECT_NE(e.find("'beta'"), std::string::npos) << e;
  EXPECT_NE(e.find("'alpha'"), std::string::npos) << e;
}

TEST(Registry, AParameterTwoModulesDeclareIsAnErrorNamingBoth) {
  Fixture f;
  f.registry.begin("alpha");
  EXPECT_EQ(f.registry.parameters(alpha_table()).rate, 0.1);
  f.registry.begin("beta");
  // Another module binding a table with the same name (here the same table to another struct).
  static const ParameterTable<BetaParams> clash{
      parameter("alpha_rate", &BetaParams::rate, 0.0, 1.0, "1", "assumption: test", "again")};
  const std::string e = error_of([&] { f.registry.parameters(clash); });
  EXPECT_NE(e.find("parameter 'alpha_rate'"), std::string::npos) << e;
  EXPECT_NE(e.find("'beta'"), std::string::npos) << e;
  EXPECT_NE(e.find("'alpha'"), std::string::npos) << e;
}

TEST(Registry, ASeriesTwoModulesDeclareIsAnErrorNamingBoth) {
  Fixture f;
  f.registry.begin("alpha");
  f.registry.series([](Recorder& r) {
    r.declare({"deaths", "people", "", SeriesKind::Flow, Cadence::Monthly});
  });
  f.registry.begin("beta");
  f.registry.series([](Recorder& r) {
    r.declare({"deaths", "people", "", SeriesKind::Flow, Cadence::Monthly});
  });
  Recorder recorder;
  const std::string e = error_of([&] { f.registry.declare_outputs(recorder); });
  EXPECT_NE(e.find("series 'deaths'"), std::string::npos) << e;
  EXPECT_NE(e.find("'beta'"), std::string::npos) << e;
  EXPECT_NE(e.find("'alpha'"), std::string::npos) << e;
}

TEST(Registry, SeriesComeInTheOrderAskedThenInInstallOrder) {
  Fixture f;
  for (const std::string m : {"a", "b", "c"}) {
    f.registry.begin(m);
    f.registry.series([m](Recorder& r) { r.declare({m, "1", "", SeriesKind::Gauge, Cadence::Monthly}); });
  }
  Recorder recorder;
  f.registry.declare_outputs(recorder, {"c"});
  ASSERT_EQ(recorder.series().size(), 3u);
  EXPECT_EQ(recorder.series()[0].name, "c");
  EXPECT_EQ(recorder.series()[1].name, "a");
  EXPECT_EQ(recorder.series()[2].name, "b");
}

TEST(Registry, SystemsRunInTheDaysOrderEveryOneListedOnce) {
  Fixture f;
  auto nothing = [](StepContext&) {};
  f.registry.begin("a");
  f.registry.system({"first", Cadence::Daily, Phase::Step, nothing});
  f.registry.system({"watch", Cadence::Monthly, Phase::Observe, nothing});
  f.registry.begin("b");
  f.registry.system({"second", Cadence::Monthly, Phase::Step, nothing});
  const auto systems = f.registry.systems({"second", "first"});
  ASSERT_EQ(systems.size(), 3u);
  EXPECT_EQ(systems[0].name, "second");
  EXPECT_EQ(systems[1].name, "first");
  EXPECT_EQ(systems[2].name, "watch");  // observers after, in install order
  EXPECT_NE(error_of([&] { (void)f.registry.systems({"first"}); }).find("'second' of module 'b'"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              (void)f.registry.systems({"first", "second", "third"});
            }).find("'third'"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              (void)f.registry.systems({"first", "second", "first"});
            }).find("twice"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              f.registry.system({"first", Cadence::Daily, Phase::Step, nothing});
            }).find("'a'"),
            std::string::npos);
}

TEST(Registry, AnObjectReadButNeverMadeIsAnError) {
  Fixture f;
  f.registry.begin("reader");
  (void)f.registry.read<Counter>();
  const std::string e = error_of([&] { f.registry.finish(); });
  EXPECT_NE(e.find("'reader'"), std::string::npos) << e;
  f.registry.begin("owner");
  Counter& c = f.registry.state<Counter>();
  c.count = 3;
  EXPECT_NO_THROW(f.registry.finish());
  EXPECT_EQ(f.registry.get<Counter>().count, 3);  // the reader's reference sees the owner's object
  f.registry.begin("rival");
  EXPECT_NE(error_of([&] { (void)f.registry.state<Counter>(); }).find("'owner'"), std::string::npos);
}

TEST(Registry, SaveAndLoadRestoreEveryState) {
  Fixture a, b;
  for (Fixture* f : {&a, &b}) {
    f->registry.begin("counter");
    (void)f->registry.state<Counter>();
  }
  auto& ca = const_cast<Counter&>(a.registry.get<Counter>());
  ca.count = 5;
  ca.history = {1.0, 2.5};
  EXPECT_EQ(a.registry.differences(b.registry),
            (std::vector<std::string>{"counter: peacesim::engine::(anonymous namespace)::Counter"}));
  std::ostringstream out(std::ios::binary);
  a.registry.save(out);
  std::istringstream in(out.str(), std::ios::binary);
  b.registry.load(in);
  EXPECT_TRUE(a.registry.differences(b.registry).empty());
  EXPECT_EQ(b.registry.get<Counter>().history.size(), 2u);
}

}  // namespace
}  // namespace peacesim::engine
