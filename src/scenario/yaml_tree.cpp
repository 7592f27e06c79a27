#include "scenario/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "scenario/error.hpp"

namespace peacesim::scenario {

namespace {
Location at(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// Where the first byte that is not part of valid UTF-8 is, if any. Scenario text is UTF-8 (names,
// citations), and a stray byte would otherwise surface far from the file as a JSON or output error.
// NUL counts as invalid: YAML forbids it, and yaml-cpp reads it as the start of an escape.
std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = c != 0 && n != 0 && i + n <= text.size() && !(n == 2 && c < 0xC2) && !(n == 4 && c > 0xF4);
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) return i;
    i += n;
  }
  return std::nullopt;
}

Location location_of_byte(const std::string& text, std::size_t offset, const std::string& file_name) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not continuation bytes
      ++column;
    }
  }
  return {file_name, line, column};
}

// A scalar's text after YAML's escapes: yaml-cpp turns "\N" and "\_" into single Latin-1 bytes,
// which are not UTF-8 and would break every JSON output downstream.
const std::string& checked_text(const std::string& text, const Location& where, const std::string& field) {
  if (first_invalid_utf8(text))
    throw ScenarioError(where, field,
                        "is not UTF-8 text once its escapes are read (avoid the YAML escapes \\N and \\_)");
  return text;
}

// Text, never a number: written in quotes (yaml-cpp's non-specific tag "!"), or tagged !!str.
bool is_text(const std::string& tag) { return tag == "!" || tag == "tag:yaml.org,2002:str"; }

// A key names a field, a parameter or an id: letters (any script), digits, spaces and a few marks.
// Lines of files that are not scenarios (`root:*:19700:0:...` in /etc/shadow) parse as keys too;
// refused here, they are never quoted by a later "unknown field" message.
bool is_name(const std::string& key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || std::isalnum(c) != 0 ||
           std::string_view(" _-.'()/&+,").find(ch) != std::string_view::npos;
  });
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// A mapping or list being read: its node so far, and for a mapping the key awaiting its value.
struct Open {
  Node node;
  std::string path;
  YAML::anchor_t anchor = 0;
  std::uint64_t made_before = 0;  // values made before it began: its size is the difference
  int height = 1;                 // levels of nesting it holds, itself included
  std::optional<Node> key;
  std::unordered_set<std::string> keys;  // seen so far: the duplicate check stays linear
};

// A value under an anchor, kept for the aliases that repeat it.
struct Anchored {
  Node node;
  std::uint64_t size = 0;
  int height = 0;
};

ScenarioError over_budget(const Location& where, const std::string& field) {
  return {where, field,
          fmt::format("the scenario holds more than {} keys and values (each copy an alias makes counts), "
                      "the limit for a scenario",
                      ParseBudget::kMaxValues)};
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string file, ParseBudget& budget) : file_(std::move(file)), budget_(budget) {}

  Node take_root() { return root_ ? std::move(*root_) : Node::null({file_, 1, 1}); }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    spend(1, mark);
    complete(Node::null(null_location(mark)), anchor, 1, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const Location where = at(file_, mark);
    spend(1, mark);
    complete(Node::scalar(checked_text(value, where, slot_path()), where, is_text(tag)), anchor, 1, 0);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      throw ScenarioError(at(file_, mark), slot_path(), "an alias cannot repeat the value it is part of");
    }
    const Anchored& a = it->second;
    check_depth(static_cast<int>(open_.size()) + a.height, mark);
    spend(a.size, mark);
    complete(a.node, 0, a.size, a.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(Node::sequence(at(file_, mark)), anchor, mark);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(Node::map(at(file_, mark)), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  // Takes `n` values from the budget, or refuses the document where it overflows.
  void spend(std::uint64_t n, const YAML::Mark& mark) {
    if (n > budget_.values_left) throw over_budget(at(file_, mark), slot_path());
    budget_.values_left -= n;
    made_ += n;
  }

  void check_depth(int depth, const YAML::Mark& mark) const {
    if (depth > ParseBudget::kMaxDepth) {
      throw ScenarioError(at(file_, mark), slot_path(),
                          fmt::format("is nested more than {} levels deep, the limit for a scenario",
                                      ParseBudget::kMaxDepth));
    }
  }

  // The dotted path of the value that comes next (for a key: the mapping's own path).
  [[nodiscard]] std::string slot_path() const {
    if (open_.empty()) return "";
    const Open& top = open_.back();
    if (top.node.is_sequence()) return fmt::format("{}[{}]", top.path, top.node.items().size());
    return top.key ? join(top.path, top.key->text()) : top.path;
  }

  // yaml-cpp marks an empty value at the token after it: point at its key, or at its list.
  [[nodiscard]] Location null_location(const YAML::Mark& mark) const {
    if (open_.empty()) return {file_, 1, 1};
    const Open& top = open_.back();
    if (top.node.is_sequence()) return top.node.where();
    return top.key ? top.key->where() : at(file_, mark);
  }

  void open(Node node, YAML::anchor_t anchor, const YAML::Mark& mark) {
    check_depth(static_cast<int>(open_.size()) + 1, mark);
    const std::string path = slot_path();
    spend(1, mark);
    open_.push_back(Open{std::move(node), path, anchor, made_ - 1, 1, std::nullopt, {}});
  }

  void close() {
    Open done = std::move(open_.back());
    open_.pop_back();
    complete(std::move(done.node), done.anchor, made_ - done.made_before, done.height);
  }

  // Puts a finished value where it belongs: the root, a list's next item, a mapping's key or value.
  void complete(Node value, YAML::anchor_t anchor, std::uint64_t size, int height) {
    if (anchor != 0) keep(anchor, value, size, height);
    if (open_.empty()) {
      root_ = std::move(value);
      return;
    }
    Open& top = open_.back();
    top.height = std::max(top.height, height + 1);
    if (top.node.is_sequence()) {
      top.node.items().push_back(std::move(value));
    } else if (!top.key) {
      if (!value.is_scalar()) throw ScenarioError(value.where(), top.path, "keys must be plain names");
      if (!is_name(value.text())) {
        throw ScenarioError(value.where(), top.path,
                            "a key must be a name (letters, digits, spaces and _ - . ' ( ) / & + ,): is this "
                            "file a scenario?");
      }
      if (!top.keys.insert(value.text()).second) {
        throw ScenarioError(value.where(), join(top.path, value.text()), "appears twice in the same mapping");
      }
      top.key = std::move(value);
    } else {
      top.node.entries().emplace_back(top.key->text(), std::move(value));
      top.key.reset();
    }
  }

  // The kept copy costs memory like any other: it is paid from the budget (not counted in `made_`,
  // which sizes the values in the tree).
  void keep(YAML::anchor_t anchor, const Node& value, std::uint64_t size, int height) {
    if (size > budget_.values_left) throw over_budget(value.where(), slot_path());
    budget_.values_left -= size;
    anchors_[anchor] = Anchored{value, size, height};
  }

  std::string file_;
  ParseBudget& budget_;
  std::uint64_t made_ = 0;
  std::vector<Open> open_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::optional<Node> root_;
};
}  // namespace

Node parse_yaml_tree(const std::string& text, const std::string& file_name, ParseBudget& budget) {
  if (const auto bad = first_invalid_utf8(text)) {
    throw ScenarioError(location_of_byte(text, *bad, file_name), "",
                        "is not UTF-8 text (a scenario is a UTF-8 YAML file without NUL bytes)");
  }
  std::istringstream in(text);
  YAML::Parser parser(in);
  TreeBuilder builder(file_name, budget);
  try {
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    // yaml-cpp's message without what it quotes ("bad YAML version: ...", "unknown escape
    // character: ..."): the file may not be a scenario at all, and its contents stay unprinted.
    throw YamlSyntaxError(at(file_name, e.mark), e.msg.substr(0, e.msg.find(": ")));
  }
  return builder.take_root();
}

}  // namespace peacesim::scenario
