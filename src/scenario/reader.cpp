#include "scenario/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "scenario/error.hpp"

namespace peacesim::scenario {

namespace {
const Node& expect_scalar(const Node& node, const std::string& field, const char* what) {
  if (!node.is_scalar()) {
    throw ScenarioError(node.where(), field, fmt::format("expected {}, got {}", what, node.kind_name()));
  }
  return node;
}

// Optimal-string-alignment distance: insertions, deletions, substitutions and transpositions of
// neighbours each cost 1, so "stpes" is one edit from "steps".
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}
}  // namespace

double read_number(const Node& node, const std::string& field) {
  const std::string& text = expect_scalar(node, field, "a number").text();
  double value = 0.0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (node.quoted()) {
    throw ScenarioError(
        node.where(), field,
        fmt::format("expected a number, got the text '{}' (quoted or tagged !!str: write numbers bare)",
                    text));
  }
  if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)) {
    throw ScenarioError(node.where(), field, fmt::format("expected a number, got '{}'", text));
  }
  return value;
}

std::int64_t read_integer(const Node& node, const std::string& field) {
  const double value = read_number(node, field);
  if (std::floor(value) != value || std::fabs(value) > 9.0e15) {
    throw ScenarioError(node.where(), field, fmt::format("expected a whole number, got '{}'", node.text()));
  }
  return static_cast<std::int64_t>(value);
}

bool read_bool(const Node& node, const std::string& field) {
  const std::string& text = expect_scalar(node, field, "true or false").text();
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  throw ScenarioError(node.where(), field, fmt::format("expected true or false, got '{}'", text));
}

std::string read_string(const Node& node, const std::string& field) {
  return expect_scalar(node, field, "a text value").text();
}

engine::Date read_date(const Node& node, const std::string& field) {
  const std::string& text = expect_scalar(node, field, "a date (YYYY-MM-DD)").text();
  if (auto date = engine::Date::parse(text)) return *date;
  throw ScenarioError(node.where(), field, fmt::format("expected a date YYYY-MM-DD, got '{}'", text));
}

MapReader::MapReader(const Node& node, std::string path) : node_(node), path_(std::move(path)) {
  if (!node.is_map()) {
    throw ScenarioError(node.where(), path_, "expected a mapping of fields, got " + node.kind_name());
  }
}

std::string MapReader::field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

const Node* MapReader::optional(const std::string& key) {
  seen_.insert(key);
  const Node* n = node_.get(key);
  return (n == nullptr || n->is_null()) ? nullptr : n;
}

const Node& MapReader::required(const std::string& key) {
  seen_.insert(key);
  const Node* n = node_.get(key);
  if (n == nullptr) {
    // A missing field is often a misspelt one: point at the likely culprit.
    std::vector<std::string> present;
    for (const auto& entry : node_.entries()) present.push_back(entry.first);
    std::string message = "is required but missing";
    if (auto near = closest_name(key, present)) {
      message += fmt::format(" (is '{}' at line {} a misspelling?)", *near, node_.get(*near)->where().line);
    }
    throw ScenarioError(node_.where(), field(key), message);
  }
  if (n->is_null()) throw ScenarioError(n->where(), field(key), "is required but empty");
  return *n;
}

std::string MapReader::string(const std::string& key) { return read_string(required(key), field(key)); }
std::string MapReader::string_or(const std::string& key, const std::string& fallback) {
  const Node* n = optional(key);
  return n ? read_string(*n, field(key)) : fallback;
}
double MapReader::number(const std::string& key) { return read_number(required(key), field(key)); }
std::optional<double> MapReader::optional_number(const std::string& key) {
  const Node* n = optional(key);
  return n ? std::optional<double>(read_number(*n, field(key))) : std::nullopt;
}
std::int64_t MapReader::integer(const std::string& key) { return read_integer(required(key), field(key)); }
std::optional<std::int64_t> MapReader::optional_integer(const std::string& key) {
  const Node* n = optional(key);
  return n ? std::optional<std::int64_t>(read_integer(*n, field(key))) : std::nullopt;
}
engine::Date MapReader::date(const std::string& key) { return read_date(required(key), field(key)); }
std::optional<engine::Date> MapReader::optional_date(const std::string& key) {
  const Node* n = optional(key);
  return n ? std::optional<engine::Date>(read_date(*n, field(key))) : std::nullopt;
}

void MapReader::finish() const {
  std::vector<std::string> known(seen_.begin(), seen_.end());
  for (const auto& [key, value] : node_.entries()) {
    if (seen_.count(key)) continue;
    std::string message = "unknown field";
    if (auto near = closest_name(key, known)) message += fmt::format(" (did you mean '{}'?)", *near);
    if (!known.empty()) message += fmt::format("; known fields here: {}", fmt::join(known, ", "));
    throw ScenarioError(value.where(), field(key), message);
  }
}

std::optional<std::string> closest_name(const std::string& word, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& k : known) {
    const std::size_t d = edit_distance(word, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  if (best && best_distance <= std::max<std::size_t>(2, word.size() / 3)) return best;
  return std::nullopt;
}

}  // namespace peacesim::scenario
