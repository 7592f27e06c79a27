// Typed reading of a located tree. A MapReader hands out the fields a schema knows, converts
// them with checks, and at the end reports any field nobody asked for (a misspelling, usually),
// suggesting the nearest known name.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "scenario/node.hpp"

namespace peacesim::scenario {

// Conversions of one value; `field` is the dotted path used in error messages.
double read_number(const Node& node, const std::string& field);
std::int64_t read_integer(const Node& node, const std::string& field);
bool read_bool(const Node& node, const std::string& field);
std::string read_string(const Node& node, const std::string& field);
engine::Date read_date(const Node& node, const std::string& field);

class MapReader {
 public:
  // `node` must be a mapping (else ScenarioError); `path` is its dotted path ("" for the root).
  MapReader(const Node& node, std::string path);

  [[nodiscard]] const Node* optional(const std::string& key);
  [[nodiscard]] const Node& required(const std::string& key);
  [[nodiscard]] std::string field(const std::string& key) const;  // the dotted path of a key
  [[nodiscard]] const Node& node() const { return node_; }

  std::string string(const std::string& key);
  std::string string_or(const std::string& key, const std::string& fallback);
  double number(const std::string& key);
  std::optional<double> optional_number(const std::string& key);
  std::int64_t integer(const std::string& key);
  std::optional<std::int64_t> optional_integer(const std::string& key);
  engine::Date date(const std::string& key);
  std::optional<engine::Date> optional_date(const std::string& key);

  // Marks a key as known without reading it (it is handled elsewhere).
  void accept(const std::string& key) { seen_.insert(key); }

  // Throws for the first key that was never read or accepted.
  void finish() const;

 private:
  const Node& node_;
  std::string path_;
  std::set<std::string> seen_;
};

// The known name closest to `word` by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closest_name(const std::string& word, const std::vector<std::string>& known);

}  // namespace peacesim::scenario
