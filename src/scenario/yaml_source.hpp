// Reading YAML files into located trees, and layering them: a variant scenario names a `base`
// and overrides parts of it; `--set field.path=value` overrides on the command line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenario/node.hpp"

namespace peacesim::scenario {

// Parses one YAML file. Throws ScenarioError for a missing or unreadable file, a syntax error, a
// duplicate key, or a document that is not a mapping.
Node parse_yaml_file(const std::filesystem::path& path);
Node parse_yaml_text(const std::string& text, const std::string& file_name);

// Parses a file and, if it names a `base:` (relative to the file), loads that first and lays
// this file's values over it (see merge). Bases may themselves have bases; cycles are errors.
// `files` receives every file read, base first.
Node load_layered(const std::filesystem::path& path, std::vector<std::filesystem::path>* files = nullptr);

// Lays `over` on `under`: mappings merge key by key, recursively; a list whose items all are
// mappings with an `id` merges item by item on `id` (new ids are appended); anything else in
// `over` replaces what `under` had.
void merge(Node& under, const Node& over);

// Applies one command-line override "a.b.c=value": the value is parsed as YAML (so lists and
// mappings can be given) and set at the dotted path, creating mappings on the way. Throws
// ScenarioError (location "<command line>") when the text has no '=' or the path is empty.
void apply_override(Node& root, const std::string& assignment);

}  // namespace peacesim::scenario
