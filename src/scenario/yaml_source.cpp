#include "scenario/yaml_source.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "scenario/error.hpp"

namespace peacesim::scenario {

namespace fs = std::filesystem;

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

Node convert(const YAML::Node& y, const std::string& file, const std::string& path, const Location& key_at) {
  const Location where = y.Mark().is_null() ? key_at : at(file, y.Mark());
  switch (y.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return Node::null(key_at);  // yaml-cpp marks it at the next token
    case YAML::NodeType::Scalar:
      return Node::scalar(checked_text(y.Scalar(), where, path), where, y.Tag() == "!");
    case YAML::NodeType::Sequence: {
      Node seq = Node::sequence(where);
      std::size_t i = 0;
      for (const auto& item : y) {
        seq.items().push_back(convert(item, file, fmt::format("{}[{}]", path, i++), where));
      }
      return seq;
    }
    case YAML::NodeType::Map: {
      Node map = Node::map(where);
      for (const auto& kv : y) {
        const Location key_where = at(file, kv.first.Mark());
        if (!kv.first.IsScalar()) throw ScenarioError(key_where, path, "keys must be plain names");
        const std::string key = checked_text(kv.first.Scalar(), key_where, path);
        const std::string child = path.empty() ? key : path + "." + key;
        if (map.get(key) != nullptr)
          throw ScenarioError(key_where, child, "appears twice in the same mapping");
        // An empty value (`key:`) has no mark of its own: point at its key.
        map.entries().emplace_back(key, convert(kv.second, file, child, key_where));
      }
      return map;
    }
  }
  return Node::null(where);
}

bool items_have_ids(const Node& seq) {
  return !seq.items().empty() && std::all_of(seq.items().begin(), seq.items().end(), [](const Node& n) {
    const Node* id = n.is_map() ? n.get("id") : nullptr;
    return id != nullptr && id->is_scalar();
  });
}

// The files a layer includes (`include: [a.yaml, ...]`, paths relative to the layer): partial
// scenarios, e.g. a calibrated parameter set, merged over the layer's base and under the layer.
std::vector<fs::path> includes_of(const Node& layer, const fs::path& path) {
  std::vector<fs::path> out;
  const Node* inc = layer.get("include");
  if (inc == nullptr) return out;
  std::vector<const Node*> items;
  if (inc->is_scalar()) {
    items.push_back(inc);
  } else if (inc->is_sequence()) {
    for (const auto& item : inc->items()) items.push_back(&item);
  } else {
    throw ScenarioError(inc->where(), "include", "must be a file path or a list of file paths");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = inc->is_scalar() ? "include" : fmt::format("include[{}]", i);
    if (!items[i]->is_scalar() || items[i]->text().empty())
      throw ScenarioError(items[i]->where(), field, "must be the path of a YAML file");
    fs::path p(items[i]->text());
    if (p.is_relative()) p = path.parent_path() / p;
    std::error_code ec;
    if (!fs::exists(p, ec))
      throw ScenarioError(items[i]->where(), field, "'" + items[i]->text() + "': file not found");
    out.push_back(p);
  }
  return out;
}

Node load_layered_impl(const fs::path& path, std::vector<fs::path>& chain, std::vector<fs::path>* files) {
  const fs::path canonical = fs::weakly_canonical(path);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    throw ScenarioError({path.string()}, "base", "scenarios name each other as base in a cycle");
  }
  Node over = parse_yaml_file(path);
  const Node* base = over.get("base");
  const auto includes = includes_of(over, path);
  if (base == nullptr && includes.empty()) {
    if (files) files->push_back(path);
    return over;
  }
  Node under = Node::map(over.where());
  if (base != nullptr) {
    if (!base->is_scalar() || base->text().empty()) {
      throw ScenarioError(base->where(), "base", "must be the path of another scenario file");
    }
    chain.push_back(canonical);
    fs::path base_path = fs::path(base->text());
    if (base_path.is_relative()) base_path = path.parent_path() / base_path;
    under = load_layered_impl(base_path, chain, files);
    chain.pop_back();
  }
  for (const auto& p : includes) {
    Node part = parse_yaml_file(p);
    for (const char* key : {"base", "include"}) {
      if (const Node* n = part.get(key))
        throw ScenarioError(n->where(), key,
                            "an included file holds fields only: no base or include of its own");
    }
    if (files) files->push_back(p);
    merge(under, part);
  }
  if (files) files->push_back(path);
  over.erase("base");
  over.erase("include");
  merge(under, over);
  return under;
}
}  // namespace

Node parse_yaml_text(const std::string& text, const std::string& file_name) {
  if (const auto bad = first_invalid_utf8(text)) {
    throw ScenarioError(location_of_byte(text, *bad, file_name), "",
                        "is not UTF-8 text (a scenario is a UTF-8 YAML file without NUL bytes)");
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(at(file_name, e.mark), "", "YAML syntax error: " + e.msg);
  }
  Node root = convert(doc, file_name, "", {file_name, 1, 1});
  if (!root.is_map()) {
    throw ScenarioError(root.where(), "",
                        "a scenario file must be a mapping of fields, not " + root.kind_name());
  }
  return root;
}

Node parse_yaml_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw ScenarioError({path.string()}, "", "file not found");
  if (fs::is_directory(path, ec))
    throw ScenarioError({path.string()}, "", "is a folder, not a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({path.string()}, "", "cannot be read (permission denied?)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_yaml_text(text.str(), path.string());
}

Node load_layered(const fs::path& path, std::vector<fs::path>* files) {
  std::vector<fs::path> chain;
  return load_layered_impl(path, chain, files);
}

void merge(Node& under, const Node& over) {
  if (under.is_map() && over.is_map()) {
    for (const auto& [key, value] : over.entries()) {
      if (Node* existing = under.get(key)) {
        merge(*existing, value);
      } else {
        under.entries().emplace_back(key, value);
      }
    }
    return;
  }
  if (under.is_sequence() && over.is_sequence() && items_have_ids(under) && items_have_ids(over)) {
    for (const Node& item : over.items()) {
      const std::string& id = item.get("id")->text();
      auto it = std::find_if(under.items().begin(), under.items().end(),
                             [&](const Node& n) { return n.get("id")->text() == id; });
      if (it == under.items().end()) {
        under.items().push_back(item);
      } else {
        merge(*it, item);
      }
    }
    return;
  }
  under = over;
}

void apply_override(Node& root, const std::string& assignment) {
  const Location where{"<command line>", 0, 0};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ScenarioError(where, "", fmt::format("--set expects FIELD=VALUE, got '{}'", assignment));
  }
  const std::string path = assignment.substr(0, eq);
  const std::string value_text = assignment.substr(eq + 1);
  const Location value_where{fmt::format("<command line: --set {}>", path), 0, 0};

  YAML::Node parsed;
  try {
    parsed = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(value_where, path, "value is not valid YAML: " + e.msg);
  }
  Node value = convert(parsed, value_where.file, path, value_where);
  value.relocate(value_where);  // a one-line string's marks would say line 1: the command line has none
  Node* node = &root;
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (key.empty()) throw ScenarioError(where, path, "field path has an empty part");
    if (!node->is_map()) throw ScenarioError(where, path, "cannot set a field inside " + node->kind_name());
    if (dot == std::string::npos) {
      if (Node* existing = node->get(key)) {
        merge(*existing, value);
      } else {
        node->entries().emplace_back(key, value);
      }
      return;
    }
    if (node->get(key) == nullptr) node->entries().emplace_back(key, Node::map(where));
    node = node->get(key);
    start = dot + 1;
  }
}

}  // namespace peacesim::scenario
