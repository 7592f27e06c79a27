#include "scenario/node.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace peacesim::scenario {

std::string Location::str() const {
  if (line == 0) return file;
  return fmt::format("{}:{}:{}", file, line, column);
}

Node Node::null(Location where) {
  Node n;
  n.where_ = std::move(where);
  return n;
}

Node Node::scalar(std::string text, Location where, bool quoted) {
  Node n;
  n.kind_ = Kind::Scalar;
  n.text_ = std::move(text);
  n.where_ = std::move(where);
  n.quoted_ = quoted;
  return n;
}

Node Node::sequence(Location where) {
  Node n;
  n.kind_ = Kind::Sequence;
  n.where_ = std::move(where);
  return n;
}

Node Node::map(Location where) {
  Node n;
  n.kind_ = Kind::Map;
  n.where_ = std::move(where);
  return n;
}

void Node::relocate(const Location& where) {
  where_ = where;
  for (Node& item : items_) item.relocate(where);
  for (auto& entry : entries_) entry.second.relocate(where);
}

const Node* Node::get(const std::string& key) const {
  const auto it =
      std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.first == key; });
  return it == entries_.end() ? nullptr : &it->second;
}

Node* Node::get(const std::string& key) { return const_cast<Node*>(std::as_const(*this).get(key)); }

void Node::set(const std::string& key, Node value) {
  if (Node* existing = get(key)) {
    *existing = std::move(value);
  } else {
    entries_.emplace_back(key, std::move(value));
  }
}

void Node::erase(const std::string& key) {
  std::erase_if(entries_, [&](const Entry& e) { return e.first == key; });
}

std::string Node::kind_name() const {
  switch (kind_) {
    case Kind::Null:
      return "nothing";
    case Kind::Scalar:
      return "a single value";
    case Kind::Sequence:
      return "a list";
    case Kind::Map:
      return "a mapping";
  }
  return "unknown";
}

}  // namespace peacesim::scenario
