// YAML text to a located tree, built from yaml-cpp's event stream rather than from its node
// graph. yaml-cpp shares an aliased value between its uses; a located tree holds a copy for each,
// so ten levels of anchors, each repeating the previous one ten times, would be ten billion
// values. Building from events lets every value be counted, copies included, against a budget
// before it is made, and keeps the parse linear in the size of the text.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "scenario/error.hpp"
#include "scenario/node.hpp"

namespace peacesim::scenario {

// The limits of one scenario: every file it reads (bases and includes too) and every --set value
// draws from the same budget. Documented in docs/scenario-format.md ("Limits").
struct ParseBudget {
  static constexpr std::uint64_t kMaxValues = 1'000'000;  // keys and values, aliases' copies included
  static constexpr int kMaxDepth = 100;                   // mappings and lists nested in each other
  std::uint64_t values_left = kMaxValues;
};

// A YAML syntax error, with yaml-cpp's words alone in `detail()`.
class YamlSyntaxError : public ScenarioError {
 public:
  YamlSyntaxError(Location where, const std::string& detail)
      : ScenarioError(std::move(where), "", "YAML syntax error: " + detail), detail_(detail) {}
  [[nodiscard]] const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

// Parses the first YAML document of `text` (nothing, when there is none: a null node at line 1).
// Throws ScenarioError for a syntax error, text that is not UTF-8 once escapes are read, a key
// that is not a plain value or appears twice, an alias inside the value it names, more values or
// deeper nesting than the budget allows. `file_name` locates every node.
Node parse_yaml_tree(const std::string& text, const std::string& file_name, ParseBudget& budget);

}  // namespace peacesim::scenario
