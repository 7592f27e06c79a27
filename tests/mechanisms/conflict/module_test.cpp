// Mechanisms as modules (conflict/module.hpp): a random stream, a parameter or a series that a
// second module claims is refused with both modules named, and a module must bind exactly the
// parameters it declares.
#include "mechanisms/conflict/module.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/perceptions/perceptions.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

std::vector<engine::ParameterSpec> none() { return {}; }

// Message of the RegistryError `f` throws (empty if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const engine::RegistryError& e) {
    return e.what();
  }
  return "";
}

bool names(const std::string& message, const std::string& a, const std::string& b) {
  return message.find("'" + a + "'") != std::string::npos && message.find("'" + b + "'") != std::string::npos;
}

TEST(Modules, AStreamAnotherMechanismHasIsRefusedNamingBoth) {
  World w;
  const engine::ParameterSet parameters(grievance::parameter_table().specs());
  Registry r(w.state, parameters);
  r.install(grievance::module());
  static const Module copycat{"M99 copycat", none, [](Registry& reg) { reg.stream(grievance::kStream); }};
  const std::string e = error_of([&] { r.install(copycat); });
  EXPECT_TRUE(names(e, "M99 copycat", "M1 grievance")) << e;
}

TEST(Modules, AParameterTwoModulesDeclareIsRefusedNamingBoth) {
  static const Module copycat{"M99 copycat",
                              [] {
                                auto specs = grievance::parameter_table().specs();
                                specs.resize(1);  // grievance_enabled again
                                return specs;
                              },
                              [](Registry&) {}};
  const std::string e = error_of([] { (void)parameter_specs({&grievance::module(), &copycat}); });
  EXPECT_TRUE(names(e, "M99 copycat", "M1 grievance")) << e;
  EXPECT_NE(e.find("grievance_enabled"), std::string::npos) << e;
}

TEST(Modules, ASeriesTwoModulesDeclareIsRefusedNamingBoth) {
  World w;
  const engine::ParameterSet parameters(perceptions::parameter_table().specs());
  Registry r(w.state, parameters);
  r.install(perceptions::module());
  static const Module copycat{
      "M99 copycat", none, [](Registry& reg) {
        reg.series([](engine::Recorder& rec) {
          rec.declare({"un_impartiality", "1", "again", engine::SeriesKind::Gauge, engine::Cadence::Monthly});
        });
      }};
  r.install(copycat);
  engine::Recorder recorder;
  const std::string e = error_of([&] { r.declare_outputs(recorder); });
  EXPECT_TRUE(names(e, "M99 copycat", "M11 perceptions")) << e;
}

TEST(Modules, AModuleBindsExactlyTheParametersItDeclares) {
  World w;
  const engine::ParameterSet parameters(grievance::parameter_table().specs());
  Registry r(w.state, parameters);
  static const Module forgetful{"M99 forgetful", [] { return grievance::parameter_table().specs(); },
                                [](Registry&) {}};
  EXPECT_NE(error_of([&] { r.install(forgetful); }).find("'M99 forgetful'"), std::string::npos);
}

TEST(Modules, AStateReadButMadeByNoModuleIsRefused) {
  World w;
  const engine::ParameterSet parameters(grievance::parameter_table().specs());
  Registry r(w.state, parameters);
  r.install(grievance::module());  // reads M6's memory, M10's and M11's states: not installed
  const std::string e = error_of([&] { r.finish(); });
  EXPECT_NE(e.find("'M1 grievance'"), std::string::npos) << e;
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
