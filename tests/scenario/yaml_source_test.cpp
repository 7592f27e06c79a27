#include "scenario/yaml_source.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenario/error.hpp"
#include "scenario/json.hpp"

namespace peacesim::scenario {
namespace {

std::string dump(const Node& n) { return to_json(n).dump(); }

TEST(ParseYaml, KeepsLocations) {
  const Node root = parse_yaml_text("a: 1\nb:\n  c: [x, y]\n", "f.yaml");
  EXPECT_EQ(root.get("a")->where().str(), "f.yaml:1:4");
  EXPECT_EQ(root.get("b")->get("c")->items()[1].where().str(), "f.yaml:3:10");
}

TEST(ParseYaml, EmptyValuesPointAtTheirKey) {
  const Node root = parse_yaml_text("a: 1\nb:\n", "f.yaml");
  ASSERT_TRUE(root.get("b")->is_null());
  EXPECT_EQ(root.get("b")->where().line, 2);
}

TEST(ParseYaml, RejectsDuplicateKeys) {
  try {
    parse_yaml_text("a: 1\nb: 2\na: 3\n", "f.yaml");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.field(), "a");
  }
}

TEST(ParseYaml, QuotedScalarsAreMarked) {
  const Node root = parse_yaml_text("a: \"1\"\nb: 1\n", "f.yaml");
  EXPECT_TRUE(root.get("a")->quoted());
  EXPECT_FALSE(root.get("b")->quoted());
}

TEST(Merge, MapsMergeKeyByKeyAndScalarsReplace) {
  Node under = parse_yaml_text("a: 1\nb: {c: 2, d: 3}\n", "u.yaml");
  merge(under, parse_yaml_text("b: {d: 4, e: 5}\nf: 6\n", "o.yaml"));
  EXPECT_EQ(dump(under), R"({"a":"1","b":{"c":"2","d":"4","e":"5"},"f":"6"})");
  EXPECT_EQ(under.get("b")->get("d")->where().file, "o.yaml");
  EXPECT_EQ(under.get("b")->get("c")->where().file, "u.yaml");
}

TEST(Merge, ListsOfItemsWithIdsMergeById) {
  Node under = parse_yaml_text("ops: [{id: serval, size: 4000}, {id: afisma, size: 6000}]\n", "u.yaml");
  merge(under, parse_yaml_text("ops: [{id: serval, size: 100}, {id: micema, size: 3245}]\n", "o.yaml"));
  EXPECT_EQ(
      dump(under),
      R"({"ops":[{"id":"serval","size":"100"},{"id":"afisma","size":"6000"},{"id":"micema","size":"3245"}]})");
}

TEST(Merge, OtherListsReplace) {
  Node under = parse_yaml_text("a: [1, 2, 3]\n", "u.yaml");
  merge(under, parse_yaml_text("a: [4]\n", "o.yaml"));
  EXPECT_EQ(dump(under), R"({"a":["4"]})");
}

TEST(ApplyOverride, SetsNestedFieldsAndParsesYamlValues) {
  Node root = parse_yaml_text("parameters: {a: 1}\n", "f.yaml");
  apply_override(root, "parameters.a=2");
  apply_override(root, "calendar.steps=10");
  apply_override(root, "list=[1, 2]");
  EXPECT_EQ(dump(root), R"({"parameters":{"a":"2"},"calendar":{"steps":"10"},"list":["1","2"]})");
  EXPECT_EQ(root.get("parameters")->get("a")->where().file, "<command line: --set parameters.a>");
}

TEST(ApplyOverride, RejectsMalformedAssignments) {
  Node root = parse_yaml_text("a: 1\n", "f.yaml");
  EXPECT_THROW(apply_override(root, "novalue"), ScenarioError);
  EXPECT_THROW(apply_override(root, "=3"), ScenarioError);
  EXPECT_THROW(apply_override(root, "a..b=3"), ScenarioError);
  EXPECT_THROW(apply_override(root, "a.b=3"), ScenarioError);  // a is a number, not a mapping
  EXPECT_THROW(apply_override(root, "b=[1, 2"), ScenarioError);
}

TEST(LoadLayered, VariantOverridesItsBase) {
  const auto dir = std::filesystem::temp_directory_path() / "peacesim_layered_test";
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "base.yaml") << "name: base\nx: 1\ny: 2\n";
  std::ofstream(dir / "sub" / "variant.yaml") << "base: ../base.yaml\nname: variant\ny: 3\n";
  std::vector<std::filesystem::path> files;
  const Node root = load_layered(dir / "sub" / "variant.yaml", &files);
  EXPECT_EQ(dump(root), R"({"name":"variant","x":"1","y":"3"})");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].filename(), "base.yaml");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::scenario
