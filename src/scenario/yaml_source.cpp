#include "scenario/yaml_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "engine/input_file.hpp"
#include "scenario/error.hpp"
#include "scenario/yaml_tree.hpp"

namespace peacesim::scenario {

namespace fs = std::filesystem;

namespace {
// A file a layer names (its base, an include), and where: problems reading it are reported at
// the value that named it. The file given on the command line has no field.
struct NamedFile {
  fs::path path;
  std::string text;  // as written
  Location where;
  std::string field;
};

// What a load has read so far: the bytes of every file, and the values parsed (in the budget).
struct LoadState {
  std::uint64_t bytes_left = kMaxScenarioBytes;
  ParseBudget& values;
  std::vector<fs::path> chain;  // the layers being loaded, outermost first, as canonical paths
  std::vector<fs::path>* files;
};

engine::InputLimit limit_of(const LoadState& state) {
  if (state.bytes_left == kMaxScenarioBytes)
    return {kMaxScenarioBytes, "a scenario with its bases and includes"};
  return {state.bytes_left,
          fmt::format("the rest of this scenario (a scenario may read {} with its bases and "
                      "includes)",
                      engine::describe_size(kMaxScenarioBytes))};
}

// Reads and parses one layer. The file must be a regular file within what the scenario may still
// read; a file that is not a mapping is refused without quoting it (it may not be a scenario).
Node read_layer(const NamedFile& file, LoadState& state) {
  std::string text;
  try {
    text = engine::read_input_file(file.path, limit_of(state));
  } catch (const engine::InputFileError& e) {
    std::string why = e.what();
    if (e.reason() == engine::InputFileError::Reason::Folder) why = "is a folder, not a scenario file";
    if (file.field.empty()) throw ScenarioError({file.path.string()}, "", why);
    throw ScenarioError(file.where, file.field, fmt::format("'{}': {}", file.text, why));
  }
  state.bytes_left -= text.size();
  Node root = parse_yaml_tree(text, file.path.string(), state.values);
  if (!root.is_map()) {
    throw ScenarioError(root.where(), "",
                        "a scenario file must be a mapping of fields, not " + root.kind_name());
  }
  return root;
}

// The path of a file named in a layer: relative paths are relative to the layer's folder.
NamedFile named_in(const fs::path& layer, const Node& value, const std::string& field) {
  fs::path p(value.text());
  if (p.is_relative()) p = layer.parent_path() / p;
  return {p, value.text(), value.where(), field};
}

bool items_have_ids(const Node& seq) {
  return !seq.items().empty() && std::all_of(seq.items().begin(), seq.items().end(), [](const Node& n) {
    const Node* id = n.is_map() ? n.get("id") : nullptr;
    return id != nullptr && id->is_scalar();
  });
}

// The files a layer includes (`include: [a.yaml, ...]`, paths relative to the layer): partial
// scenarios, e.g. a calibrated parameter set, merged over the layer's base and under the layer.
std::vector<NamedFile> includes_of(const Node& layer, const fs::path& path) {
  std::vector<NamedFile> out;
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
    out.push_back(named_in(path, *items[i], field));
  }
  return out;
}

fs::path canonical_or_same(const fs::path& path) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(path, ec);
  return ec ? path : c;
}

Node load_layer(const NamedFile& file, LoadState& state) {
  Node over = read_layer(file, state);  // first: a missing file or a loop of links is reported as such
  const Node* base = over.get("base");
  const auto includes = includes_of(over, file.path);
  if (base == nullptr && includes.empty()) {
    if (state.files) state.files->push_back(file.path);
    return over;
  }
  Node under = Node::map(over.where());
  if (base != nullptr) {
    if (!base->is_scalar() || base->text().empty()) {
      throw ScenarioError(base->where(), "base", "must be the path of another scenario file");
    }
    const NamedFile base_file = named_in(file.path, *base, "base");
    // The cycle is reported at the `base:` that closes it, before that file is read again.
    state.chain.push_back(canonical_or_same(file.path));
    if (std::find(state.chain.begin(), state.chain.end(), canonical_or_same(base_file.path)) !=
        state.chain.end()) {
      throw ScenarioError(
          base->where(), "base",
          fmt::format("'{}' is already a layer of this scenario: scenarios name each other as "
                      "base in a cycle",
                      base->text()));
    }
    if (state.chain.size() > kMaxBaseDepth) {
      throw ScenarioError(
          base->where(), "base",
          fmt::format("a scenario may have at most {} bases, each the base of the next", kMaxBaseDepth));
    }
    under = load_layer(base_file, state);
    state.chain.pop_back();
  }
  for (const auto& inc : includes) {
    Node part = read_layer(inc, state);
    for (const char* key : {"base", "include"}) {
      if (const Node* n = part.get(key))
        throw ScenarioError(n->where(), key,
                            "an included file holds fields only: no base or include of its own");
    }
    if (state.files) state.files->push_back(inc.path);
    merge(under, part);
  }
  if (state.files) state.files->push_back(file.path);
  over.erase("base");
  over.erase("include");
  merge(under, over);
  return under;
}

// The position of each key of a mapping, or of each `id` of a list of items: merging looks keys up
// in it, so that merging two large mappings stays linear.
std::unordered_map<std::string, std::size_t> key_index(const Node& map) {
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(map.entries().size());
  for (std::size_t i = 0; i < map.entries().size(); ++i) index.emplace(map.entries()[i].first, i);
  return index;
}

std::unordered_map<std::string, std::size_t> id_index(const Node& seq) {
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(seq.items().size());
  for (std::size_t i = 0; i < seq.items().size(); ++i) index.emplace(seq.items()[i].get("id")->text(), i);
  return index;
}
}  // namespace

Node parse_yaml_text(const std::string& text, const std::string& file_name) {
  ParseBudget budget;
  Node root = parse_yaml_tree(text, file_name, budget);
  if (!root.is_map()) {
    throw ScenarioError(root.where(), "",
                        "a scenario file must be a mapping of fields, not " + root.kind_name());
  }
  return root;
}

Node parse_yaml_file(const fs::path& path) {
  ParseBudget budget;
  LoadState state{kMaxScenarioBytes, budget, {}, nullptr};
  return read_layer({path, path.string(), {path.string()}, ""}, state);
}

Node load_layered(const fs::path& path, std::vector<fs::path>* files) {
  ParseBudget budget;
  return load_layered(path, budget, files);
}

Node load_layered(const fs::path& path, ParseBudget& budget, std::vector<fs::path>* files) {
  LoadState state{kMaxScenarioBytes, budget, {}, files};
  return load_layer({path, path.string(), {path.string()}, ""}, state);
}

void merge(Node& under, const Node& over) {
  if (under.is_map() && over.is_map()) {
    auto index = key_index(under);
    for (const auto& [key, value] : over.entries()) {
      if (const auto it = index.find(key); it != index.end()) {
        merge(under.entries()[it->second].second, value);
      } else {
        index.emplace(key, under.entries().size());
        under.entries().emplace_back(key, value);
      }
    }
    return;
  }
  if (under.is_sequence() && over.is_sequence() && items_have_ids(under) && items_have_ids(over)) {
    auto index = id_index(under);  // the first item of an id, as before when ids repeat
    for (const Node& item : over.items()) {
      const std::string& id = item.get("id")->text();
      if (const auto it = index.find(id); it != index.end()) {
        merge(under.items()[it->second], item);
      } else {
        index.emplace(id, under.items().size());
        under.items().push_back(item);
      }
    }
    return;
  }
  under = over;
}

void apply_override(Node& root, const std::string& assignment) {
  ParseBudget budget;
  apply_override(root, assignment, budget);
}

void apply_override(Node& root, const std::string& assignment, ParseBudget& budget) {
  const Location where{"<command line>", 0, 0};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ScenarioError(where, "", fmt::format("--set expects FIELD=VALUE, got '{}'", assignment));
  }
  const std::string path = assignment.substr(0, eq);
  const std::string value_text = assignment.substr(eq + 1);
  const Location value_where{fmt::format("<command line: --set {}>", path), 0, 0};

  Node value;
  try {
    value = parse_yaml_tree(value_text, value_where.file, budget);
  } catch (const YamlSyntaxError& e) {
    throw ScenarioError(value_where, path, "value is not valid YAML: " + e.detail());
  } catch (const ScenarioError& e) {
    throw ScenarioError(value_where, path, e.message());  // the command line has no lines
  }
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
