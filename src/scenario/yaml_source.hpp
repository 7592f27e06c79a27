// Reading YAML files into located trees, and layering them: a variant scenario names a `base`
// and overrides parts of it; `--set field.path=value` overrides on the command line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/input_file.hpp"
#include "scenario/node.hpp"
#include "scenario/yaml_tree.hpp"

namespace peacesim::scenario {

// The bytes a scenario may read: its file, its bases and its includes together. Only regular
// files are read (not a device, a pipe or a folder). Documented in docs/scenario-format.md.
inline constexpr std::uint64_t kMaxScenarioBytes = 16 * engine::kMiB;
// Bases of bases: each is read by a recursive call, so the chain is bounded.
inline constexpr std::size_t kMaxBaseDepth = 16;

// Parses one YAML file. Throws ScenarioError for a missing or unreadable file, one that is not a
// regular file or holds more than kMaxScenarioBytes, a syntax error, a duplicate key, more values
// than a ParseBudget, or a document that is not a mapping.
Node parse_yaml_file(const std::filesystem::path& path);
Node parse_yaml_text(const std::string& text, const std::string& file_name);

// Parses a file and, if it names a `base:` (relative to the file), loads that first and lays
// this file's values over it (see merge). Bases may themselves have bases; cycles are errors.
// `files` receives every file read, base first. A file named as `base` or `include` that cannot be
// read is reported at the value that names it. All the files share one ParseBudget and
// kMaxScenarioBytes.
Node load_layered(const std::filesystem::path& path, std::vector<std::filesystem::path>* files = nullptr);
Node load_layered(const std::filesystem::path& path, ParseBudget& budget,
                  std::vector<std::filesystem::path>* files = nullptr);

// Lays `over` on `under`: mappings merge key by key, recursively; a list whose items all are
// mappings with an `id` merges item by item on `id` (new ids are appended); anything else in
// `over` replaces what `under` had.
void merge(Node& under, const Node& over);

// Applies one command-line override "a.b.c=value": the value is parsed as YAML (so lists and
// mappings can be given) and set at the dotted path, creating mappings on the way. Throws
// ScenarioError (location "<command line>") when the text has no '=' or the path is empty.
// The value draws on `budget` (the scenario's, so that its --set values cannot add more than the
// limit); without one it has a budget of its own.
void apply_override(Node& root, const std::string& assignment);
void apply_override(Node& root, const std::string& assignment, ParseBudget& budget);

}  // namespace peacesim::scenario
