// A YAML document as a tree in which every value remembers where it was written (file, line,
// column). yaml-cpp parses; this tree exists so that values merged from a base scenario, a variant
// and the command line each keep their own origin for error messages.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace peacesim::scenario {

struct Location {
  std::string file;                       // a path, or "<command line>"
  int line = 0;                           // 1-based; 0 when unknown
  int column = 0;                         // 1-based; 0 when unknown
  [[nodiscard]] std::string str() const;  // "file:line:column"
};

class Node {
 public:
  enum class Kind { Null, Scalar, Sequence, Map };
  using Entry = std::pair<std::string, Node>;

  Node() = default;
  static Node null(Location where);
  static Node scalar(std::string text, Location where, bool quoted = false);
  static Node sequence(Location where);
  static Node map(Location where);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_null() const { return kind_ == Kind::Null; }
  [[nodiscard]] bool is_scalar() const { return kind_ == Kind::Scalar; }
  [[nodiscard]] bool is_sequence() const { return kind_ == Kind::Sequence; }
  [[nodiscard]] bool is_map() const { return kind_ == Kind::Map; }
  [[nodiscard]] const Location& where() const { return where_; }
  // Gives this node and everything under it one location (for values typed on the command line).
  void relocate(const Location& where);
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] bool quoted() const { return quoted_; }  // written in quotes: never a number
  [[nodiscard]] const std::vector<Node>& items() const { return items_; }
  [[nodiscard]] std::vector<Node>& items() { return items_; }
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
  [[nodiscard]] std::vector<Entry>& entries() { return entries_; }

  // The value of a key in a map, or nullptr.
  [[nodiscard]] const Node* get(const std::string& key) const;
  [[nodiscard]] Node* get(const std::string& key);
  // Sets a key in a map (replacing any value), keeping the order of first appearance.
  void set(const std::string& key, Node value);
  void erase(const std::string& key);

  [[nodiscard]] std::string kind_name() const;

 private:
  Kind kind_ = Kind::Null;
  Location where_;
  std::string text_;
  bool quoted_ = false;
  std::vector<Node> items_;
  std::vector<Entry> entries_;
};

}  // namespace peacesim::scenario
