// Scenario input written to hurt (issue 14): alias bombs, devices and oversized files named as
// scenarios, bases or includes, loops of links and of bases, tagged strings, files that are not
// scenarios. Each must end in a located ScenarioError, quickly and in little memory.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "scenario/scenario.hpp"
#include "scenario/yaml_source.hpp"

namespace peacesim::scenario {
namespace {

namespace fs = std::filesystem;

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("peacesim_hostile_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  fs::path dir_;
};

constexpr const char* kMinimal =
    "peacesim: 1\nname: minimal\nmodel: toy\ncalendar:\n  start: 2012-01-01\n  end: 2012-12-31\n";

// The error a call ends in; a test fails if it ends otherwise.
template <typename F>
ScenarioError error_of(F&& call) {
  try {
    call();
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no ScenarioError";
  return ScenarioError({}, "", "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Ten levels of anchors, each repeating the previous one ten times: 1.5 kB that a tree of copies
// would make ten billion values of.
std::string alias_bomb() {
  std::string text = "junk:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 10; ++level) {
    text += "  l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *l" : "*l") + std::to_string(level - 1);
    text += "]\n";
  }
  return text;
}

TEST_F(HostileInput, AnAliasBombUnderAnUnknownKeyIsRefusedBeforeItGrows) {
  const std::string bomb = alias_bomb();
  EXPECT_LT(bomb.size(), 2000u);
  const ScenarioError e = error_of([&] { (void)load_scenario(write("bomb.yaml", kMinimal + bomb)); });
  EXPECT_TRUE(contains(e.message(), "more than 1000000 keys and values")) << e.what();
  EXPECT_GT(e.where().line, 7);  // at the alias where the budget ran out
  EXPECT_TRUE(contains(e.field(), "junk.l")) << e.field();
}

TEST_F(HostileInput, AnAliasBombInASetValueDrawsOnTheSameBudget) {
  std::string value = "[";
  value += "&a [x, x, x, x, x, x, x, x, x, x]";
  for (char c = 'b'; c <= 'h'; ++c) {
    value += std::string(", &") + c + " [";
    for (int k = 0; k < 10; ++k) value += std::string(k ? ", *" : "*") + static_cast<char>(c - 1);
    value += "]";
  }
  value += "]";
  LoadOptions options;
  options.overrides = {"junk=" + value};
  const ScenarioError e = error_of([&] { (void)load_scenario(write("s.yaml", kMinimal), options); });
  EXPECT_EQ(e.where().file, "<command line: --set junk>");
  EXPECT_TRUE(contains(e.message(), "more than 1000000 keys and values")) << e.what();
}

TEST_F(HostileInput, ModestAliasesStillWork) {
  const Node root = parse_yaml_text("a: &a {x: 1, y: [2, 3]}\nb: *a\n", "f.yaml");
  ASSERT_TRUE(root.get("b")->is_map());
  EXPECT_EQ(root.get("b")->get("y")->items()[1].text(), "3");
}

TEST_F(HostileInput, AnAliasInsideTheValueItNamesIsRefused) {
  const ScenarioError e = error_of([] { (void)parse_yaml_text("a: &x [1, *x]\n", "f.yaml"); });
  EXPECT_EQ(e.where().str(), "f.yaml:1:11");
  EXPECT_EQ(e.field(), "a[1]");
}

TEST_F(HostileInput, NestingDeeperThanTheLimitIsRefusedWrittenOrThroughAliases) {
  const std::string deep = "a: " + std::string(150, '[') + std::string(150, ']') + "\n";
  EXPECT_TRUE(contains(error_of([&] { (void)parse_yaml_text(deep, "f.yaml"); }).message(),
                       "nested more than 100 levels deep"));
  // Each alias puts a 40-level value inside 40 more levels: three stay within the count of values
  // but reach 120 levels.
  std::string chained = "a0: &a0 " + std::string(40, '[') + "x" + std::string(40, ']') + "\n";
  for (int i = 1; i < 3; ++i) {
    chained += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " " + std::string(39, '[') + "*a" +
               std::to_string(i - 1) + std::string(39, ']') + "\n";
  }
  const ScenarioError e = error_of([&] { (void)parse_yaml_text(chained, "f.yaml"); });
  EXPECT_TRUE(contains(e.message(), "nested more than 100 levels deep")) << e.what();
  EXPECT_EQ(e.where().line, 3);
}

TEST_F(HostileInput, AnExplicitlyTaggedStringIsNeverANumber) {
  const Node root = parse_yaml_text("a: !!str 0.6\nb: 0.6\nc: ! 0.6\nd: !!float 0.6\n", "f.yaml");
  EXPECT_TRUE(root.get("a")->quoted());
  EXPECT_FALSE(root.get("b")->quoted());
  EXPECT_TRUE(root.get("c")->quoted());
  EXPECT_FALSE(root.get("d")->quoted());
  EXPECT_THROW((void)read_number(*root.get("a"), "a"), ScenarioError);
  EXPECT_EQ(read_number(*root.get("d"), "d"), 0.6);
}

TEST_F(HostileInput, DevicesNamedAsIncludeOrBaseAreRefusedAtTheirField) {
  const ScenarioError inc = error_of(
      [&] { (void)load_layered(write("inc.yaml", std::string(kMinimal) + "include: /dev/zero\n")); });
  EXPECT_EQ(inc.where().line, 7);
  EXPECT_EQ(inc.field(), "include");
  EXPECT_EQ(inc.message(), "'/dev/zero': is not a regular file (devices, pipes and sockets are not read)");
  const ScenarioError base =
      error_of([&] { (void)load_layered(write("base.yaml", "base: /dev/urandom\n")); });
  EXPECT_EQ(base.where().str(), (dir_ / "base.yaml").string() + ":1:7");
  EXPECT_EQ(base.field(), "base");
  EXPECT_TRUE(contains(base.message(), "is not a regular file")) << base.what();
  // The scenario itself.
  EXPECT_TRUE(
      contains(error_of([] { (void)load_layered("/dev/zero"); }).what(), "/dev/zero: is not a regular file"));
}

TEST_F(HostileInput, AScenarioOverTheSizeCapIsRefusedWithoutBeingRead) {
  const fs::path big = write("big.yaml", "");
  fs::resize_file(big, kMaxScenarioBytes + 1);  // sparse: no bytes are written or read
  const ScenarioError e = error_of([&] { (void)load_scenario(big); });
  EXPECT_EQ(e.where().str(), big.string());
  EXPECT_EQ(e.message(),
            "is 16.0 MiB (16777217 bytes), more than the 16 MiB allowed for a scenario with its bases and "
            "includes");
}

TEST_F(HostileInput, BasesAndIncludesShareTheSizeCap) {
  // One included file of 1 MiB, named seventeen times: each is fine, together they are too much.
  write("part.yaml", "x: 1\n#" + std::string(engine::kMiB - 7, '-') + "\n");
  std::string list = "include: [";
  for (int i = 0; i < 17; ++i) list += i ? ", part.yaml" : "part.yaml";
  const ScenarioError e = error_of([&] { (void)load_layered(write("v.yaml", list + "]\n")); });
  EXPECT_EQ(e.field(), "include[15]");
  EXPECT_EQ(e.where().line, 1);
  EXPECT_TRUE(contains(e.message(), "'part.yaml': is 1 MiB, more than the")) << e.what();
  EXPECT_TRUE(contains(e.message(), "a scenario may read 16 MiB with its bases and includes")) << e.what();
}

TEST_F(HostileInput, ALoopOfSymbolicLinksIsABadInputNotACrash) {
  fs::create_symlink(dir_ / "l2", dir_ / "l1");
  fs::create_symlink(dir_ / "l1", dir_ / "l2");
  const ScenarioError e = error_of([&] { (void)load_scenario(dir_ / "l1"); });
  EXPECT_EQ(e.what(),
            (dir_ / "l1").string() + ": is a loop of symbolic links (or a chain too long to follow)");
  const ScenarioError as_base = error_of([&] { (void)load_layered(write("v.yaml", "name: v\nbase: l1\n")); });
  EXPECT_EQ(as_base.where().line, 2);
  EXPECT_EQ(as_base.field(), "base");
  EXPECT_EQ(as_base.message(), "'l1': is a loop of symbolic links (or a chain too long to follow)");
}

TEST_F(HostileInput, ABaseCycleIsReportedAtTheBaseThatClosesIt) {
  write("a.yaml", "name: a\nbase: b.yaml\n");
  write("b.yaml", "# b\nbase: a.yaml\nname: b\n");
  const ScenarioError e = error_of([&] { (void)load_layered(dir_ / "a.yaml"); });
  EXPECT_EQ(e.where().str(), (dir_ / "b.yaml").string() + ":2:7");
  EXPECT_EQ(e.field(), "base");
  EXPECT_EQ(e.message(),
            "'a.yaml' is already a layer of this scenario: scenarios name each other as base in a cycle");
  // A scenario that is its own base, by another spelling of its path.
  fs::create_directories(dir_ / "sub");
  write("sub/self.yaml", "base: ../sub/self.yaml\n");
  EXPECT_EQ(error_of([&] { (void)load_layered(dir_ / "sub" / "self.yaml"); }).where().line, 1);
}

TEST_F(HostileInput, AChainOfBasesIsBounded) {
  // Sixteen bases, each the base of the next, are allowed; a seventeenth is refused at its base:.
  write("b0.yaml", "name: b0\n");
  for (int i = 1; i <= 17; ++i) {
    write("b" + std::to_string(i) + ".yaml", "base: b" + std::to_string(i - 1) + ".yaml\n");
  }
  EXPECT_EQ(load_layered(dir_ / "b16.yaml").get("name")->text(), "b0");
  const ScenarioError e = error_of([&] { (void)load_layered(dir_ / "b17.yaml"); });
  EXPECT_EQ(e.where().str(), (dir_ / "b1.yaml").string() + ":1:7");
  EXPECT_EQ(e.message(), "a scenario may have at most 16 bases, each the base of the next");
}

TEST_F(HostileInput, AFileThatIsNotAScenarioIsNeverQuoted) {
  // Lines like those of /etc/shadow or a key file: whatever goes wrong, the message holds none of it.
  const std::vector<std::string> secrets{
      "root:$y$j9T$SECRETHASH:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n",
      "%YAML SECRETVERSION\n---\na: 1\n",
      "a: \"\\qSECRET\"\n",
      "SECRET: [unclosed\n",
      "- SECRET\n- list\n",
      "\"SECRET\n",
  };
  for (const auto& text : secrets) {
    write("secret", text);
    const ScenarioError e = error_of([&] { (void)load_layered(write("v.yaml", "include: secret\n")); });
    EXPECT_FALSE(contains(e.what(), "SECRET")) << e.what();
  }
}

TEST_F(HostileInput, ALargeMappingUnderAnUnknownKeyParsesAndMerges) {
  // 50,000 keys (about 1 MB): parsing, the duplicate check, merging and hashing stay linear.
  std::string text = std::string(kMinimal) + "junk:\n";
  for (int i = 0; i < 50'000; ++i) text += "  k" + std::to_string(i) + ": v\n";
  write("base.yaml", text);
  std::string over = "base: base.yaml\njunk:\n";
  for (int i = 0; i < 50'000; i += 2) over += "  k" + std::to_string(i) + ": w\n";
  over += "  extra: 1\n";
  const Scenario s = load_scenario(write("variant.yaml", over));
  const Node& junk = *s.root.get("junk");
  ASSERT_EQ(junk.entries().size(), 50'001u);
  EXPECT_EQ(junk.entries()[0].second.text(), "w");
  EXPECT_EQ(junk.entries()[1].second.text(), "v");
  EXPECT_EQ(junk.entries().back().first, "extra");
  EXPECT_EQ(s.hash.size(), 32u);
}

}  // namespace
}  // namespace peacesim::scenario
